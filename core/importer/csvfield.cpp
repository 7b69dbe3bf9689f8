// One value written as a CSV field: quoted as RFC 4180 asks, and never taken for a formula.
#include "csvfield.h"

#include <QStringView>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

bool startsAFormula(QChar first)
{
    return first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t'
        || first == u'\r';
}

// "+15551234567", "-42", "7": a spreadsheet reads it as a number, never as a formula.
bool isPlainNumber(QStringView value)
{
    if (!value.isEmpty() && (value.front() == u'+' || value.front() == u'-'))
        value = value.sliced(1);
    return !value.isEmpty()
        && std::all_of(value.begin(), value.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

} // namespace

QString CsvField::neutralised(const QString &value)
{
    if (value.isEmpty() || !startsAFormula(value.front()) || isPlainNumber(value))
        return value;
    return u'\'' + value;
}

QString CsvField::encoded(const QString &value)
{
    QString field = neutralised(value);
    if (!field.contains(u',') && !field.contains(u'"') && !field.contains(u'\n') && !field.contains(u'\r'))
        return field;
    field.replace(u"\""_s, u"\"\""_s);
    return u'"' + field + u'"';
}
