// The header row of a CSV file: where each named column is, read case-insensitively.
#pragma once

#include "csvrecord.h"

#include <QHash>
#include <QString>
#include <QStringList>

class CsvHeader
{
public:
    // Column names are trimmed and compared without case; empty names are ignored.
    explicit CsvHeader(const QStringList &names);

    int columnCount() const { return m_columnCount; }
    // The position of `column` (lower case), or -1 when the file has no such column.
    int indexOf(const QString &column) const;
    bool contains(const QString &column) const { return indexOf(column) >= 0; }
    // Those of `columns` that the header does not name.
    QStringList missing(const QStringList &columns) const;
    // Those of `columns` that the header names more than once.
    QStringList repeated(const QStringList &columns) const;

    // The trimmed value at `index` of the record; empty when the column is absent or the row is short.
    static QString value(const CsvRecord &record, int index);

private:
    QHash<QString, int> m_index;
    QStringList m_repeated;
    int m_columnCount = 0;
};
