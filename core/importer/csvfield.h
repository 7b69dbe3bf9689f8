// One value written as a CSV field: quoted as RFC 4180 asks, and never taken for a formula.
#pragma once

#include <QString>

class CsvField
{
public:
    // The value as one field of a CSV line: neutralised(), then quoted when it holds a comma, a quote or
    // a line break (its quotes doubled).
    static QString encoded(const QString &value);

    // A value a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
    // return) with an apostrophe in front, which makes it plain text, as OWASP advises against CSV
    // injection. A plain number (an optional + or - and digits only) stays as it is, so that phone
    // numbers keep their E.164 form.
    static QString neutralised(const QString &value);
};
