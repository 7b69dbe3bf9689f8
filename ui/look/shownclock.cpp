// The one clock the window shows: the routing plan's time zone in the locale's form.
#include "shownclock.h"

#include <QDateTimeEdit>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

// Some locales' short forms have seconds (the C locale's "HH:mm:ss"); nobody books to the second.
QString withoutSeconds(QString format)
{
    static const QRegularExpression s_seconds(u"[:.]ss"_s);
    return format.remove(s_seconds);
}

} // namespace

ShownClock::ShownClock()
    : ShownClock(QTimeZone())
{
}

ShownClock::ShownClock(const QTimeZone &zone, const QLocale &locale)
    : m_zone(zone.isValid() ? zone : QTimeZone::systemTimeZone())
    , m_locale(locale)
{
}

bool ShownClock::differsFromComputer() const
{
    return m_zone.id() != QTimeZone::systemTimeZoneId();
}

QString ShownClock::zoneNote() const
{
    if (!differsFromComputer())
        return {};
    return tr("Times are in %1 time (%2).")
        .arg(QString::fromUtf8(m_zone.id()), m_zone.abbreviation(QDateTime::currentDateTimeUtc()));
}

QDateTime ShownClock::onWallClock(const QDateTime &instant) const
{
    return instant.toTimeZone(m_zone);
}

QDate ShownClock::today(const QDateTime &now) const
{
    return onWallClock(now).date();
}

QDateTime ShownClock::instant(QDate date, QTime time) const
{
    return QDateTime(date, time, m_zone).toUTC();
}

QDateTime ShownClock::startOfDay(QDate date) const
{
    return date.startOfDay(m_zone);
}

QString ShownClock::time(const QDateTime &instant) const
{
    return instant.isValid() ? m_locale.toString(onWallClock(instant).time(), timeFormat()) : QString();
}

QString ShownClock::timeOfDay(QTime time) const
{
    return m_locale.toString(time, timeFormat());
}

QString ShownClock::timeWithSeconds(const QDateTime &instant) const
{
    return instant.isValid() ? m_locale.toString(onWallClock(instant).time(), timeFormatWithSeconds()) : QString();
}

QString ShownClock::dateTime(const QDateTime &instant) const
{
    if (!instant.isValid())
        return {};
    return m_locale.toString(onWallClock(instant), withoutSeconds(m_locale.dateTimeFormat(QLocale::ShortFormat)));
}

QString ShownClock::longDateTime(const QDateTime &instant) const
{
    return instant.isValid() ? m_locale.toString(onWallClock(instant), QLocale::LongFormat) : QString();
}

QString ShownClock::relative(const QDateTime &instant, const QDateTime &now) const
{
    if (!instant.isValid())
        return {};
    const QDateTime local = onWallClock(instant);
    const QString shownTime = time(instant);
    const QDate todayHere = today(now);
    if (local.date() == todayHere)
        return tr("Today %1").arg(shownTime);
    if (local.date() == todayHere.addDays(1))
        return tr("Tomorrow %1").arg(shownTime);
    if (local.date() == todayHere.addDays(-1))
        return tr("Yesterday %1").arg(shownTime);
    QString dateFormat = m_locale.dateFormat(QLocale::ShortFormat);
    if (local.date().year() == todayHere.year()) {
        // This year's dates without the year, in the locale's order: "d MMM yyyy" → "d MMM", "M/d/yy" → "M/d".
        static const QRegularExpression s_yearLast(u"[^dM]*y+[^dM]*$"_s);
        static const QRegularExpression s_yearFirst(u"^y+[^dM]*"_s);
        dateFormat.remove(s_yearLast);
        dateFormat.remove(s_yearFirst);
    }
    return u"%1 %2 %3"_s.arg(m_locale.dayName(local.date().dayOfWeek(), QLocale::ShortFormat),
        m_locale.toString(local.date(), dateFormat), shownTime);
}

QString ShownClock::timeFormat() const
{
    return withoutSeconds(m_locale.timeFormat(QLocale::ShortFormat));
}

QString ShownClock::timeFormatWithSeconds() const
{
    // The short form with the seconds after the minutes, joined as the locale joins hours and minutes
    // ("h:mm AP" → "h:mm:ss AP", "H.mm" → "H.mm.ss"): the long form would add the zone's name too.
    QString format = timeFormat();
    const qsizetype minutes = format.indexOf(u"mm"_s);
    if (minutes < 0)
        return m_locale.timeFormat(QLocale::LongFormat);
    const QChar separator = minutes > 0 && !format.at(minutes - 1).isLetter() ? format.at(minutes - 1) : u':';
    return format.insert(minutes + 2, separator + u"ss"_s);
}

void ShownClock::prepareEditor(QDateTimeEdit *edit)
{
    edit->setTimeSpec(Qt::UTC);
}

void ShownClock::showInEditor(QDateTimeEdit *edit, const QDateTime &instant) const
{
    const QDateTime local = onWallClock(instant);
    edit->setDateTime(QDateTime(local.date(), local.time(), Qt::UTC));
}

QDateTime ShownClock::instantInEditor(const QDateTimeEdit *edit) const
{
    return instant(edit->date(), edit->time());
}
