// The one clock the window shows. Every instant the app stores is UTC; the window shows it on the
// routing plan's wall clock, in the locale's own 12- or 24-hour form, and reads every time typed into
// it on that same wall clock. Call logs, statistics and bookings then agree with each other and with
// the plan's business hours, whatever time zone the computer itself is set to.
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

class QDateTimeEdit;

class ShownClock
{
    Q_DECLARE_TR_FUNCTIONS(ShownClock)

public:
    // This computer's time zone and the default locale: the clock before a plan says otherwise.
    ShownClock();
    // An invalid `zone` stands for this computer's.
    explicit ShownClock(const QTimeZone &zone, const QLocale &locale = QLocale());

    const QTimeZone &zone() const { return m_zone; }
    const QLocale &locale() const { return m_locale; }
    // Whether the plan keeps another time than this computer does: then the window says whose time it shows.
    bool differsFromComputer() const;
    // "Times are in America/New_York time (EST)." when the zone differs from the computer's; empty otherwise.
    QString zoneNote() const;

    // The instant on the plan's wall clock.
    QDateTime onWallClock(const QDateTime &instant) const;
    // The plan's date at `now`.
    QDate today(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // The instant a wall time of the plan stands for, in UTC: "09:00 tomorrow" typed means 09:00 there.
    QDateTime instant(QDate date, QTime time) const;
    QDateTime startOfDay(QDate date) const;

    // "9:00 AM" (en_US), "09:00" (de_DE): the locale's short form, without seconds.
    QString time(const QDateTime &instant) const;
    // A time of day on the plan's clock with no date to it (a schedule's window), in the same form.
    QString timeOfDay(QTime time) const;
    // "9:00:05 AM", "09:00:05": for a call's timeline, whose steps are seconds apart.
    QString timeWithSeconds(const QDateTime &instant) const;
    // The locale's short date and time: "1/15/26 9:00 AM".
    QString dateTime(const QDateTime &instant) const;
    // The locale's long date and time with the zone's abbreviation: "Thursday, January 15, 2026 9:00:00 AM EST".
    QString longDateTime(const QDateTime &instant) const;
    // As the front desk reads a time near `now`: "Today 2:30 PM", "Tomorrow 9:00 AM", "Tue 3/17 9:30 AM".
    QString relative(const QDateTime &instant, const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

    // Display formats for editors, in the locale's form: the time without and with seconds.
    QString timeFormat() const;
    QString timeFormatWithSeconds() const;

    // A QDateTimeEdit that shows and takes the plan's wall clock. Qt 6.4's edit knows no time zone of its
    // own, so it holds the wall time as if it were UTC, which has no daylight-saving gap to trip over.
    static void prepareEditor(QDateTimeEdit *edit);
    void showInEditor(QDateTimeEdit *edit, const QDateTime &instant) const;
    QDateTime instantInEditor(const QDateTimeEdit *edit) const;

private:
    QTimeZone m_zone;
    QLocale m_locale;
};
