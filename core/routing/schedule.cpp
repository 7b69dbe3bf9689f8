// An on-call schedule read in a time zone's wall-clock time: weekly windows less closed dates.
#include "schedule.h"

using namespace Qt::StringLiterals;

namespace {

// Local wall-clock time is compared rather than instants, so that "08:00" means 08:00 on both
// sides of a DST change: a skipped hour is simply never seen and a repeated one is seen twice.
QDateTime localTime(const QDateTime &at, const QTimeZone &zone)
{
    if (!at.isValid() || !zone.isValid())
        return {};
    return at.toTimeZone(zone);
}

// A closed date opens nothing, not even the part of an overnight window that reaches past
// midnight into the next day.
bool startsOn(const WeeklyWindow &window, const QDate &date, const QList<QDate> &closed)
{
    return window.days.contains(Qt::DayOfWeek(date.dayOfWeek())) && !closed.contains(date);
}

} // namespace

bool Schedule::isOpen(const QDateTime &at, const QTimeZone &zone) const
{
    const QDateTime local = localTime(at, zone);
    const QDate date = local.date();
    const QTime time = local.time();
    if (!date.isValid() || closed.contains(date))
        return false;
    const QDate dayBefore = date.addDays(-1);
    for (const WeeklyWindow &window : weekly) {
        // A half-filled window from a hand-edited document is ignored rather than read as midnight.
        if (!window.from.isValid() || !window.to.isValid())
            continue;
        const bool overnight = window.to <= window.from;
        if (startsOn(window, date, closed) && time >= window.from && (overnight || time < window.to))
            return true;
        if (overnight && time < window.to && startsOn(window, dayBefore, closed))
            return true;
    }
    return false;
}

QString Schedule::describe(const QDateTime &at, const QTimeZone &zone) const
{
    const QDateTime local = localTime(at, zone);
    if (!local.isValid())
        return tr("schedule \"%1\" cannot be read without a valid time and time zone").arg(displayName());
    if (closed.contains(local.date()))
        return tr("closed on %1 (schedule \"%2\")").arg(local.date().toString(Qt::ISODate), displayName());
    // The local time is part of the sentence because it is what the hours were compared with,
    // which is what explains a surprise around a DST change.
    const QString when = local.toString(u"yyyy-MM-dd HH:mm"_s);
    const QString where = QString::fromLatin1(zone.id());
    return isOpen(at, zone) ? tr("inside the hours of schedule \"%1\" at %2 %3").arg(displayName(), when, where)
                            : tr("outside the hours of schedule \"%1\" at %2 %3").arg(displayName(), when, where);
}
