// What the customer list asks for: a search text, an order and one page of the result.
#pragma once

#include <QDateTime>
#include <QString>

struct CustomerQuery
{
    enum class Sort
    {
        Name,
        Phone,
        NextBooking
    };

    // Words that must all appear in the name (any case), or a phone number in any written form, or
    // some of its digits. Empty: every customer.
    QString text;
    Sort sort = Sort::Name;
    bool descending = false;
    int limit = 100; // 0 or less: no limit
    int offset = 0;
    // What the next booking is counted from; invalid: now.
    QDateTime now;
    // Reads a number typed without a country code; see PhoneNormalizer.
    QString defaultRegion = QStringLiteral("US");
};
