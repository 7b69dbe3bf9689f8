// The header row of a CSV file: where each named column is, read case-insensitively.
#include "csvheader.h"

CsvHeader::CsvHeader(const QStringList &names)
    : m_columnCount(int(names.size()))
{
    for (int i = 0; i < names.size(); ++i) {
        const QString name = names.at(i).trimmed().toLower();
        if (name.isEmpty())
            continue;
        // The first of two equal names wins; repeated() lets importers refuse the ambiguity.
        if (m_index.contains(name))
            m_repeated.append(name);
        else
            m_index.insert(name, i);
    }
}

int CsvHeader::indexOf(const QString &column) const
{
    return m_index.value(column, -1);
}

QStringList CsvHeader::missing(const QStringList &columns) const
{
    QStringList result;
    for (const QString &column : columns) {
        if (!m_index.contains(column))
            result.append(column);
    }
    return result;
}

QStringList CsvHeader::repeated(const QStringList &columns) const
{
    QStringList result;
    for (const QString &column : columns) {
        if (m_repeated.contains(column) && !result.contains(column))
            result.append(column);
    }
    return result;
}

QString CsvHeader::value(const CsvRecord &record, int index)
{
    if (index < 0 || index >= record.fields.size())
        return {};
    return record.fields.at(index).trimmed();
}
