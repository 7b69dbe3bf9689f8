#include "callrangeoptions.h"

#include "phone/phonenormalizer.h"

using namespace Qt::StringLiterals;

CallRangeOptions::CallRangeOptions(QString namePrefix)
    : m_namePrefix(std::move(namePrefix))
{ }

std::optional<CallRangeOptions::Bound> CallRangeOptions::readBound(
    const QString &option, const QString &written, QString *error) const
{
    const QString text = written.trimmed();
    if (text.size() == 10) {
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (day.isValid())
            return Bound { day, {} };
    }
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (time.isValid())
        return Bound { {}, time };
    if (error)
        *error = tr(
            "%1: \"%2\" is neither a day such as 2026-11-01 nor an ISO 8601 time such as 2026-11-01T09:30.")
                     .arg(name(option), written);
    return std::nullopt;
}

bool CallRangeOptions::readSince(const QString &written, QString *error)
{
    m_since = readBound(u"since"_s, written, error);
    return m_since.has_value();
}

bool CallRangeOptions::readUntil(const QString &written, QString *error)
{
    m_until = readBound(u"until"_s, written, error);
    return m_until.has_value();
}

bool CallRangeOptions::readNumber(const QString &written, const QString &region, QString *error)
{
    QString why;
    const std::optional<QString> number = PhoneNormalizer(region).toE164(written, &why);
    if (!number) {
        if (error)
            *error = name(u"number"_s) + u": "_s + why;
        return false;
    }
    m_number = *number;
    return true;
}

// A day starts at its midnight for since, and is counted whole for until (which then ends at the next
// midnight), so that "--until 2026-11-02" includes the whole of that day.
QDateTime CallRangeOptions::resolve(const Bound &bound, const QTimeZone &zone, bool end)
{
    if (bound.day.isValid())
        return (end ? bound.day.addDays(1) : bound.day).startOfDay(zone);
    if (bound.time.timeSpec() == Qt::LocalTime)
        return QDateTime(bound.time.date(), bound.time.time(), zone);
    return bound.time;
}

QDateTime CallRangeOptions::since(const QTimeZone &zone) const
{
    return m_since ? resolve(*m_since, zone, false) : QDateTime();
}

QDateTime CallRangeOptions::until(const QTimeZone &zone) const
{
    return m_until ? resolve(*m_until, zone, true) : QDateTime();
}

bool CallRangeOptions::checkOrder(const QTimeZone &zone, QString *error) const
{
    if (!m_since || !m_until || since(zone) < until(zone))
        return true;
    if (error)
        *error = tr("%1 must come before %2.").arg(name(u"since"_s), name(u"until"_s));
    return false;
}

std::optional<CallStatsQuery> CallRangeOptions::statsQuery(
    const QTimeZone &zone, const QDateTime &now, QString *error) const
{
    CallStatsQuery query;
    query.zone = zone;
    query.number = m_number;
    query.until = m_until ? until(zone) : now;
    // Thirty days ending with the day the range ends on.
    query.since = m_since ? since(zone)
                          : query.until.addMSecs(-1).toTimeZone(zone).date().addDays(-29).startOfDay(zone);
    if (query.since < query.until)
        return query;
    if (error)
        *error = m_until ? tr("%1 must come before %2.").arg(name(u"since"_s), name(u"until"_s))
                         : tr("%1 must be in the past.").arg(name(u"since"_s));
    return std::nullopt;
}
