// Schedule: when a weekly on-call schedule is open, read in a time zone's wall-clock time.
#include "routing/schedule.h"

#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Schedule)

namespace {

const QByteArray NewYork = "America/New_York";
const QByteArray Berlin = "Europe/Berlin";

const QList<Qt::DayOfWeek> Weekdays { Qt::Monday, Qt::Tuesday, Qt::Wednesday, Qt::Thursday, Qt::Friday };
const QList<Qt::DayOfWeek> EveryDay { Qt::Monday, Qt::Tuesday, Qt::Wednesday, Qt::Thursday, Qt::Friday,
    Qt::Saturday, Qt::Sunday };

Schedule schedule(const QString &id, const QList<WeeklyWindow> &weekly, const QList<QDate> &closed = {})
{
    Schedule s;
    s.id = id;
    s.weekly = weekly;
    s.closed = closed;
    return s;
}

// Monday to Friday 08:00–17:30.
Schedule office(const QList<QDate> &closed = {})
{
    return schedule(u"office"_s, { { Weekdays, QTime(8, 0), QTime(17, 30) } }, closed);
}

// Every night 22:00–02:00, closed on Christmas Day 2026 (a Friday).
Schedule holidayNights()
{
    return schedule(u"nights"_s, { { EveryDay, QTime(22, 0), QTime(2, 0) } }, { QDate(2026, 12, 25) });
}

// A wall-clock time in `zone`; rows whose time is ambiguous or skipped there use utc() instead.
QDateTime local(const QByteArray &zone, QDate date, QTime time)
{
    return QDateTime(date, time, QTimeZone(zone));
}

QDateTime utc(QDate date, QTime time)
{
    return QDateTime(date, time, QTimeZone::utc());
}

// Why a test is skipped when the system has no data for a zone.
QByteArray missingZone(const QByteArray &zone)
{
    return "time zone " + zone + " is not available (is tzdata installed?)";
}

} // namespace

class TestSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isOpen_data()
    {
        QTest::addColumn<Schedule>("schedule");
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QDateTime>("at");
        QTest::addColumn<bool>("open");

        const QDate monday(2026, 1, 5);
        const QDate saturday(2026, 1, 10);
        const QDate sunday(2026, 1, 11);
        const QDate nextMonday(2026, 1, 12);

        // Plain weekday hours.
        QTest::newRow("weekday inside")
            << office() << NewYork << local(NewYork, monday, QTime(12, 0)) << true;
        QTest::newRow("weekday before from")
            << office() << NewYork << local(NewYork, monday, QTime(7, 59)) << false;
        QTest::newRow("weekday at from")
            << office() << NewYork << local(NewYork, monday, QTime(8, 0)) << true;
        QTest::newRow("weekday just before to")
            << office() << NewYork << local(NewYork, monday, QTime(17, 29, 59, 999)) << true;
        QTest::newRow("weekday at to")
            << office() << NewYork << local(NewYork, monday, QTime(17, 30)) << false;
        QTest::newRow("weekend saturday")
            << office() << NewYork << local(NewYork, saturday, QTime(12, 0)) << false;
        QTest::newRow("weekend sunday")
            << office() << NewYork << local(NewYork, sunday, QTime(12, 0)) << false;
        QTest::newRow("instant given in UTC") << office() << NewYork << utc(monday, QTime(13, 0)) << true;
        QTest::newRow("instant given as a UTC offset")
            << office() << NewYork << QDateTime(monday, QTime(14, 0), Qt::OffsetFromUTC, 3600) << true;
        QTest::newRow("no windows is never open")
            << schedule(u"empty"_s, {}) << NewYork << local(NewYork, monday, QTime(12, 0)) << false;
        QTest::newRow("window with no days is never open")
            << schedule(u"nodays"_s, { { {}, QTime(0, 0), QTime(0, 0) } }) << NewYork
            << local(NewYork, monday, QTime(12, 0)) << false;

        // Overnight windows: Saturday 22:00–02:00 ends on Sunday, the last day of Qt's week.
        const Schedule saturdayNight
            = schedule(u"saturday"_s, { { { Qt::Saturday }, QTime(22, 0), QTime(2, 0) } });
        QTest::newRow("overnight saturday before from")
            << saturdayNight << NewYork << local(NewYork, saturday, QTime(21, 59)) << false;
        QTest::newRow("overnight saturday at from")
            << saturdayNight << NewYork << local(NewYork, saturday, QTime(22, 0)) << true;
        QTest::newRow("overnight saturday 23:00")
            << saturdayNight << NewYork << local(NewYork, saturday, QTime(23, 0)) << true;
        QTest::newRow("overnight sunday midnight")
            << saturdayNight << NewYork << local(NewYork, sunday, QTime(0, 0)) << true;
        QTest::newRow("overnight sunday 01:59 (week wrap)")
            << saturdayNight << NewYork << local(NewYork, sunday, QTime(1, 59)) << true;
        QTest::newRow("overnight sunday at to")
            << saturdayNight << NewYork << local(NewYork, sunday, QTime(2, 0)) << false;
        QTest::newRow("overnight only starts on its days, sunday 23:00")
            << saturdayNight << NewYork << local(NewYork, sunday, QTime(23, 0)) << false;
        QTest::newRow("overnight has no tail from friday, saturday 01:00")
            << saturdayNight << NewYork << local(NewYork, saturday, QTime(1, 0)) << false;
        const Schedule sundayNight = schedule(u"sunday"_s, { { { Qt::Sunday }, QTime(22, 0), QTime(2, 0) } });
        QTest::newRow("overnight sunday into monday 01:00")
            << sundayNight << NewYork << local(NewYork, nextMonday, QTime(1, 0)) << true;

        // from == to: 24 hours from `from`.
        const Schedule day = schedule(u"day"_s, { { { Qt::Wednesday }, QTime(9, 0), QTime(9, 0) } });
        QTest::newRow("24h before from")
            << day << NewYork << local(NewYork, QDate(2026, 1, 7), QTime(8, 59)) << false;
        QTest::newRow("24h at from") << day << NewYork << local(NewYork, QDate(2026, 1, 7), QTime(9, 0))
                                     << true;
        QTest::newRow("24h next day before to")
            << day << NewYork << local(NewYork, QDate(2026, 1, 8), QTime(8, 59, 59)) << true;
        QTest::newRow("24h next day at to")
            << day << NewYork << local(NewYork, QDate(2026, 1, 8), QTime(9, 0)) << false;
        const QDate christmas(2026, 12, 25);
        const Schedule always
            = schedule(u"always"_s, { { EveryDay, QTime(0, 0), QTime(0, 0) } }, { christmas });
        QTest::newRow("always at midnight")
            << always << NewYork << local(NewYork, monday, QTime(0, 0)) << true;
        QTest::newRow("always at the end of sunday")
            << always << NewYork << local(NewYork, sunday, QTime(23, 59, 59, 999)) << true;
        QTest::newRow("always except a closed date")
            << always << NewYork << local(NewYork, christmas, QTime(12, 0)) << false;
        QTest::newRow("always again after a closed date")
            << always << NewYork << local(NewYork, christmas.addDays(1), QTime(0, 0)) << true;

        // Closed dates.
        QTest::newRow("closed weekday")
            << office({ christmas }) << NewYork << local(NewYork, christmas, QTime(12, 0)) << false;
        QTest::newRow("closed leaves other days open")
            << office({ christmas }) << NewYork << local(NewYork, christmas.addDays(-1), QTime(12, 0))
            << true;
        QTest::newRow("closed: overnight the evening before")
            << holidayNights() << NewYork << local(NewYork, QDate(2026, 12, 24), QTime(23, 0)) << true;
        QTest::newRow("closed: overnight tail onto a closed date")
            << holidayNights() << NewYork << local(NewYork, christmas, QTime(1, 0)) << false;
        QTest::newRow("closed: window starting on a closed date")
            << holidayNights() << NewYork << local(NewYork, christmas, QTime(23, 0)) << false;
        QTest::newRow("closed: tail of a window that started on a closed date")
            << holidayNights() << NewYork << local(NewYork, QDate(2026, 12, 26), QTime(1, 0)) << false;
        QTest::newRow("closed: open again the next evening")
            << holidayNights() << NewYork << local(NewYork, QDate(2026, 12, 26), QTime(23, 0)) << true;
        // 03:00 UTC on the 25th is 22:00 on the 24th in New York: the closed date is a local one.
        QTest::newRow("closed: the date is the local one, not UTC's")
            << holidayNights() << NewYork << utc(christmas, QTime(3, 0)) << true;

        // DST in New York, instants given in UTC. Winter is UTC-5, summer UTC-4.
        QTest::newRow("dst winter 13:00 UTC is 08:00 EST")
            << office() << NewYork << utc(monday, QTime(13, 0)) << true;
        QTest::newRow("dst winter 12:59 UTC is 07:59 EST")
            << office() << NewYork << utc(monday, QTime(12, 59)) << false;
        const QDate july(2026, 7, 6);
        QTest::newRow("dst summer 12:00 UTC is 08:00 EDT")
            << office() << NewYork << utc(july, QTime(12, 0)) << true;
        QTest::newRow("dst summer 11:59 UTC is 07:59 EDT")
            << office() << NewYork << utc(july, QTime(11, 59)) << false;
        QTest::newRow("dst summer 21:30 UTC is 17:30 EDT")
            << office() << NewYork << utc(july, QTime(21, 30)) << false;

        // Spring forward on 2026-03-08: 02:00 EST (07:00 UTC) becomes 03:00 EDT.
        const QDate spring(2026, 3, 8);
        const Schedule early = schedule(u"early"_s, { { { Qt::Sunday }, QTime(1, 0), QTime(3, 30) } });
        QTest::newRow("spring forward 01:59 EST") << early << NewYork << utc(spring, QTime(6, 59)) << true;
        QTest::newRow("spring forward 03:00 EDT") << early << NewYork << utc(spring, QTime(7, 0)) << true;
        QTest::newRow("spring forward 03:15 EDT") << early << NewYork << utc(spring, QTime(7, 15)) << true;
        QTest::newRow("spring forward 03:30 EDT at to")
            << early << NewYork << utc(spring, QTime(7, 30)) << false;
        const Schedule skipped = schedule(u"skipped"_s, { { { Qt::Sunday }, QTime(2, 0), QTime(2, 45) } });
        QTest::newRow("spring forward skipped window, 01:59 EST")
            << skipped << NewYork << utc(spring, QTime(6, 59)) << false;
        QTest::newRow("spring forward skipped window, 03:00 EDT")
            << skipped << NewYork << utc(spring, QTime(7, 0)) << false;
        QTest::newRow("spring forward skipped window, 03:30 EDT")
            << skipped << NewYork << utc(spring, QTime(7, 30)) << false;
        QTest::newRow("spring forward skipped window is open the week after")
            << skipped << NewYork << local(NewYork, spring.addDays(7), QTime(2, 15)) << true;

        // Fall back on 2026-11-01: 02:00 EDT (06:00 UTC) becomes 01:00 EST, so 01:30 happens twice.
        const QDate fall(2026, 11, 1);
        const Schedule repeated = schedule(u"repeated"_s, { { { Qt::Sunday }, QTime(1, 0), QTime(2, 0) } });
        QTest::newRow("fall back 00:59 EDT") << repeated << NewYork << utc(fall, QTime(4, 59)) << false;
        QTest::newRow("fall back first 01:30 (EDT)")
            << repeated << NewYork << utc(fall, QTime(5, 30)) << true;
        QTest::newRow("fall back second 01:30 (EST)")
            << repeated << NewYork << utc(fall, QTime(6, 30)) << true;
        QTest::newRow("fall back 02:00 EST at to") << repeated << NewYork << utc(fall, QTime(7, 0)) << false;

        // The zone decides: the same instants read in Berlin (UTC+1 in winter) and New York.
        QTest::newRow("zone: 07:00 UTC is 08:00 in Berlin")
            << office() << Berlin << utc(monday, QTime(7, 0)) << true;
        QTest::newRow("zone: 07:00 UTC is 02:00 in New York")
            << office() << NewYork << utc(monday, QTime(7, 0)) << false;
        QTest::newRow("zone: 16:30 UTC is 17:30 in Berlin")
            << office() << Berlin << utc(monday, QTime(16, 30)) << false;
        QTest::newRow("zone: 16:30 UTC is 11:30 in New York")
            << office() << NewYork << utc(monday, QTime(16, 30)) << true;
        // Sunday 23:30 UTC is already Monday in Berlin but still Sunday in New York.
        const Schedule mondayMorning
            = schedule(u"monday"_s, { { { Qt::Monday }, QTime(0, 0), QTime(1, 0) } });
        QTest::newRow("zone: the day is Berlin's, monday 00:30")
            << mondayMorning << Berlin << utc(sunday, QTime(23, 30)) << true;
        QTest::newRow("zone: the day is New York's, sunday 18:30")
            << mondayMorning << NewYork << utc(sunday, QTime(23, 30)) << false;
    }

    void isOpen()
    {
        QFETCH(Schedule, schedule);
        QFETCH(QByteArray, zone);
        QFETCH(QDateTime, at);
        QFETCH(bool, open);

        const QTimeZone timeZone(zone);
        if (!timeZone.isValid())
            QSKIP(missingZone(zone).constData());
        QVERIFY(at.isValid());
        QCOMPARE(schedule.isOpen(at, timeZone), open);
    }

    void fallBackReadsBothInstantsAsTheSameWallClock()
    {
        // The premise of the fall-back rows: two instants an hour apart, both 01:30 in New York.
        const QTimeZone zone(NewYork);
        if (!zone.isValid())
            QSKIP(missingZone(NewYork).constData());
        const QDateTime first = utc(QDate(2026, 11, 1), QTime(5, 30));
        const QDateTime second = utc(QDate(2026, 11, 1), QTime(6, 30));
        QCOMPARE(first.toTimeZone(zone).time(), QTime(1, 30));
        QCOMPARE(second.toTimeZone(zone).time(), QTime(1, 30));
        QCOMPARE(first.secsTo(second), 3600);
    }

    void aSkippedWindowIsNeverOpenThatDay()
    {
        // Every minute of the spring-forward day: a window in the missing hour never opens, and
        // nothing loops on a wall-clock time that does not exist.
        const QTimeZone zone(NewYork);
        if (!zone.isValid())
            QSKIP(missingZone(NewYork).constData());
        const Schedule skipped = schedule(u"skipped"_s, { { { Qt::Sunday }, QTime(2, 0), QTime(2, 45) } });
        const QDateTime start = utc(QDate(2026, 3, 8), QTime(5, 0)); // 00:00 EST
        int minutes = 0;
        for (QDateTime at = start; at.toTimeZone(zone).date() == QDate(2026, 3, 8); at = at.addSecs(60)) {
            QVERIFY2(!skipped.isOpen(at, zone), qPrintable(at.toTimeZone(zone).toString(Qt::ISODate)));
            ++minutes;
        }
        QCOMPARE(minutes, 23 * 60);
    }

    void invalidInputIsNeverOpen()
    {
        const QTimeZone zone(NewYork);
        if (!zone.isValid())
            QSKIP(missingZone(NewYork).constData());
        const Schedule always = schedule(u"always"_s, { { EveryDay, QTime(0, 0), QTime(0, 0) } });
        const QDateTime at = utc(QDate(2026, 1, 5), QTime(12, 0));
        QVERIFY(always.isOpen(at, zone));
        QVERIFY(!always.isOpen(QDateTime(), zone));
        QVERIFY(!always.isOpen(at, QTimeZone()));
        QVERIFY(!always.describe(at, QTimeZone()).isEmpty());
        // A window missing a time is ignored rather than read as midnight.
        const Schedule halfFilled = schedule(u"half"_s, { { EveryDay, QTime(8, 0), QTime() } });
        QVERIFY(!halfFilled.isOpen(at, zone));
    }

    void describe_data()
    {
        QTest::addColumn<Schedule>("schedule");
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QDateTime>("at");
        QTest::addColumn<QStringList>("mentions");

        const QDate christmas(2026, 12, 25);
        QTest::newRow("closed date") << office({ christmas }) << NewYork
                                     << local(NewYork, christmas, QTime(12, 0))
                                     << QStringList { u"closed"_s, u"2026-12-25"_s };
        // 02:00 UTC on the 26th is still the 25th in New York.
        QTest::newRow("closed date is the local one")
            << office({ christmas }) << NewYork << utc(christmas.addDays(1), QTime(2, 0))
            << QStringList { u"closed"_s, u"2026-12-25"_s };
        QTest::newRow("outside the hours")
            << office() << NewYork << local(NewYork, QDate(2026, 1, 10), QTime(12, 0))
            << QStringList { u"outside"_s, u"\"office\""_s, u"2026-01-10 12:00"_s };
        QTest::newRow("inside the hours")
            << office() << NewYork << utc(QDate(2026, 1, 5), QTime(13, 0))
            << QStringList { u"inside"_s, u"\"office\""_s, u"2026-01-05 08:00"_s };
    }

    void describe()
    {
        QFETCH(Schedule, schedule);
        QFETCH(QByteArray, zone);
        QFETCH(QDateTime, at);
        QFETCH(QStringList, mentions);

        const QTimeZone timeZone(zone);
        if (!timeZone.isValid())
            QSKIP(missingZone(zone).constData());
        const QString sentence = schedule.describe(at, timeZone);
        QVERIFY(!sentence.isEmpty());
        for (const QString &mention : mentions)
            QVERIFY2(sentence.contains(mention),
                qPrintable(u"\"%1\" does not mention %2"_s.arg(sentence, mention)));
    }
};

QTEST_GUILESS_MAIN(TestSchedule)
#include "tst_schedule.moc"
