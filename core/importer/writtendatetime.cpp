// Reads the date and time of a booking as files write them.
#include "writtendatetime.h"

#include <QLocale>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

// Reads `count` ASCII digits at `pos`.
bool readDigits(QStringView text, qsizetype pos, qsizetype count, int *value)
{
    if (pos + count > text.size())
        return false;
    int result = 0;
    for (qsizetype i = pos; i < pos + count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return false;
        result = result * 10 + (c - u'0');
    }
    *value = result;
    return true;
}

// Reads one to `max` digits at *pos and moves past them.
bool readNumber(QStringView text, qsizetype *pos, int max, int *value)
{
    qsizetype end = *pos;
    while (end < text.size() && end - *pos < max && text[end] >= u'0' && text[end] <= u'9')
        ++end;
    if (end == *pos)
        return false;
    readDigits(text, *pos, end - *pos, value);
    *pos = end;
    return true;
}

// "Z", "+hh:mm", "+hhmm" or "+hh" (or with "-") as seconds east of UTC.
std::optional<int> readOffset(QStringView text)
{
    if (text.compare(u"Z", Qt::CaseInsensitive) == 0)
        return 0;
    if (text.isEmpty() || (text[0] != u'+' && text[0] != u'-'))
        return std::nullopt;
    const int sign = text[0] == u'-' ? -1 : 1;
    int hours = 0;
    int minutes = 0;
    if (!readDigits(text, 1, 2, &hours))
        return std::nullopt;
    if (text.size() == 3) {
    } else if (text.size() == 6 && text[3] == u':') {
        if (!readDigits(text, 4, 2, &minutes))
            return std::nullopt;
    } else if (text.size() == 5) {
        if (!readDigits(text, 3, 2, &minutes))
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (hours > 14 || minutes > 59)
        return std::nullopt;
    return sign * (hours * 3600 + minutes * 60);
}

// Written by hand rather than with Qt::ISODate to read local times in a given zone and to stay fast on 1M
// rows.
QDateTime readIso(QStringView text, const QTimeZone &zone)
{
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, msec = 0;
    if (!readDigits(text, 0, 4, &year) || text.size() < 16 || text[4] != u'-'
        || !readDigits(text, 5, 2, &month) || text[7] != u'-' || !readDigits(text, 8, 2, &day)
        || (text[10] != u'T' && text[10] != u't' && text[10] != u' ') || !readDigits(text, 11, 2, &hour)
        || text[13] != u':' || !readDigits(text, 14, 2, &minute))
        return {};
    qsizetype pos = 16;
    if (pos < text.size() && text[pos] == u':') {
        if (!readDigits(text, pos + 1, 2, &second))
            return {};
        pos += 3;
        if (pos < text.size() && (text[pos] == u'.' || text[pos] == u',')) {
            ++pos;
            const qsizetype start = pos;
            int scale = 100;
            while (pos < text.size() && text[pos].isDigit()) {
                msec += scale * (text[pos].unicode() - u'0');
                scale /= 10;
                ++pos;
            }
            if (pos == start)
                return {};
        }
    }
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, msec);
    if (!date.isValid() || !time.isValid())
        return {};
    if (pos == text.size())
        return QDateTime(date, time, zone).toUTC();
    const std::optional<int> offset = readOffset(text.sliced(pos));
    if (!offset)
        return {};
    return QDateTime(date, time, Qt::OffsetFromUTC, *offset).toUTC();
}

// The three numbers of "12/05/2026", "5.12.26" or "05-12-2026", and the separator; false for anything else.
bool readNumericDate(QStringView text, qsizetype *pos, int *first, int *second, int *year, QChar *separator)
{
    if (!readNumber(text, pos, 2, first) || *pos >= text.size())
        return false;
    const QChar sep = text[*pos];
    if (sep != u'/' && sep != u'.' && sep != u'-')
        return false;
    ++*pos;
    if (!readNumber(text, pos, 2, second) || *pos >= text.size() || text[*pos] != sep)
        return false;
    ++*pos;
    const qsizetype yearStart = *pos;
    if (!readNumber(text, pos, 4, year))
        return false;
    const qsizetype digits = *pos - yearStart;
    if (digits == 2)
        *year += 2000; // appointments are in this century
    else if (digits != 4)
        return false;
    *separator = sep;
    return true;
}

// "10:00", "9:30:15", "9:30 PM", "9.30", "10:00 Uhr", "10 h"; the whole rest of the text.
std::optional<QTime> readClock(QStringView text)
{
    qsizetype pos = 0;
    int hour = 0, minute = 0, second = 0;
    if (!readNumber(text, &pos, 2, &hour) || pos >= text.size() || (text[pos] != u':' && text[pos] != u'.'))
        return std::nullopt;
    const QChar sep = text[pos++];
    if (!readDigits(text, pos, 2, &minute))
        return std::nullopt;
    pos += 2;
    if (pos < text.size() && text[pos] == sep) {
        if (!readDigits(text, pos + 1, 2, &second))
            return std::nullopt;
        pos += 3;
    }
    QStringView rest = text.sliced(pos).trimmed();
    if (rest.compare(u"Uhr", Qt::CaseInsensitive) == 0 || rest.compare(u"h", Qt::CaseInsensitive) == 0)
        rest = {};
    if (!rest.isEmpty()) {
        QString meridiem = rest.toString().toLower();
        meridiem.remove(u'.');
        meridiem.remove(u' ');
        if (hour < 1 || hour > 12)
            return std::nullopt;
        if (meridiem == u"am"_s)
            hour = hour == 12 ? 0 : hour;
        else if (meridiem == u"pm"_s)
            hour = hour == 12 ? 12 : hour + 12;
        else
            return std::nullopt;
    }
    const QTime time(hour, minute, second);
    if (!time.isValid())
        return std::nullopt;
    return time;
}

QDateTime readNumeric(QStringView text, DateOrder order, const QTimeZone &zone)
{
    qsizetype pos = 0;
    int first = 0, second = 0, year = 0;
    QChar separator;
    if (!readNumericDate(text, &pos, &first, &second, &year, &separator))
        return {};
    // A date and its time are apart by spaces, a T, or a comma as some exports write it.
    qsizetype timeStart = pos;
    while (timeStart < text.size()
        && (text[timeStart] == u' ' || text[timeStart] == u',' || text[timeStart] == u'T'))
        ++timeStart;
    if (timeStart == pos || timeStart == text.size())
        return {};
    const std::optional<QTime> time = readClock(text.sliced(timeStart));
    const QDate date
        = order == DateOrder::MonthFirst ? QDate(year, first, second) : QDate(year, second, first);
    if (!time || !date.isValid())
        return {};
    return QDateTime(date, *time, zone).toUTC();
}

} // namespace

QDateTime WrittenDateTime::read(QStringView text, DateOrder order, const QTimeZone &zone)
{
    text = text.trimmed();
    const QDateTime iso = readIso(text, zone);
    if (iso.isValid() || order == DateOrder::IsoOnly)
        return iso;
    return readNumeric(text, order, zone);
}

DateOrder WrittenDateTime::guessOrder(const QStringList &samples, DateOrder fallback, bool *decided)
{
    int dayFirst = 0;
    int monthFirst = 0;
    for (const QString &sample : samples) {
        const QStringView text = QStringView(sample).trimmed();
        qsizetype pos = 0;
        int first = 0, second = 0, year = 0;
        QChar separator;
        if (!readNumericDate(text, &pos, &first, &second, &year, &separator))
            continue;
        // Nobody writes month first with dots: 5.12.2026 is German, Swiss, Polish, Russian…
        if (separator == u'.' || (first > 12 && second <= 12))
            ++dayFirst;
        else if (second > 12 && first <= 12)
            ++monthFirst;
    }
    const bool told = (dayFirst > 0) != (monthFirst > 0);
    if (decided)
        *decided = told;
    if (!told)
        return fallback;
    return dayFirst > 0 ? DateOrder::DayFirst : DateOrder::MonthFirst;
}

DateOrder WrittenDateTime::localeOrder(const QLocale &locale)
{
    // "M/d/yy" in the US, "dd.MM.yy" in Germany, "d/M/yy" in Spain; a year-first locale writes ISO, and
    // reads a day-month-year file more often than a month-day-year one.
    const QString format = locale.dateFormat(QLocale::ShortFormat);
    const qsizetype month = format.indexOf(u'M');
    const qsizetype day = format.indexOf(u'd');
    return month >= 0 && day >= 0 && month < day ? DateOrder::MonthFirst : DateOrder::DayFirst;
}

QString WrittenDateTime::example(DateOrder order, bool end)
{
    const QString iso = end ? u"2026-03-01T10:30"_s : u"2026-03-01T09:30"_s;
    const QString time = end ? u"10:30"_s : u"09:30"_s;
    switch (order) {
    case DateOrder::IsoOnly:
        return tr("%1 or %2").arg(iso, iso + u"-05:00"_s);
    case DateOrder::DayFirst:
        return tr("%1 or %2").arg(iso, u"01.03.2026 "_s + time);
    case DateOrder::MonthFirst:
        return tr("%1 or %2").arg(iso, u"03/01/2026 "_s + time);
    }
    return iso;
}
