// Reads the date and time of a booking as files write them: ISO 8601, or the day-month-year and
// month-day-year forms of the practice software people export from.
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>
#include <QTimeZone>

class QLocale;

// Whether "12/05/2026" is 12 May or 5 December. ISO 8601 is read whatever the order; IsoOnly reads
// nothing else, which is the import contract's own form.
enum class DateOrder
{
    IsoOnly,
    DayFirst,
    MonthFirst
};

class WrittenDateTime
{
    Q_DECLARE_TR_FUNCTIONS(WrittenDateTime)

public:
    // ISO 8601 "2026-03-01T09:30" (a space may stand for the T), optionally with seconds, a fraction and an
    // offset (Z, ±hh:mm, ±hhmm, ±hh); or, unless `order` is IsoOnly, a date written with slashes, dots or
    // dashes ("12/05/2026", "5.12.2026", "05-12-26") followed by a time ("10:00", "9:30:15", "9:30 PM",
    // "10:00 Uhr"). Times without an offset are local to `zone`. Invalid (in UTC otherwise) when the text
    // is none of those or names no real day or time; a date without a time is not a booking's start.
    static QDateTime read(QStringView text, DateOrder order, const QTimeZone &zone);

    // The order that reads every sample that can be told apart: a dot, or a first number over 12, says day
    // first; a second number over 12 says month first. *decided is false when no sample tells (every day was
    // 12 or less, or they disagree), and the answer is then `fallback`.
    static DateOrder guessOrder(const QStringList &samples, DateOrder fallback, bool *decided = nullptr);

    // How people in `locale` write a short date: month first in the US, day first in most other places.
    static DateOrder localeOrder(const QLocale &locale);

    // An example of the form read with `order`, for messages: "2026-03-01T09:30 or 01.03.2026 09:30".
    static QString example(DateOrder order, bool end = false);
};
