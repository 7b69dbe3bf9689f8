// Tests of CallStatsStore: the figures an owner reads on the Stats panel, from calls logged the way
// the router logs them (created ongoing, then updated with their outcome and duration).
#include "calllogtestnames.h"
#include "storage/callstatsstore.h"
#include "storage/callstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QTest>

#include <numeric>

using namespace Qt::StringLiterals;

class tst_CallStatsStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void emptyLogGivesZeros();
    void daysFollowTheZone_data();
    void daysFollowTheZone();
    void rangeStartIsInAndEndIsOut();
    void numberFilter();
    void rates_data();
    void rates();
    void durations_data();
    void durations();
    void weekHours_data();
    void weekHours();
    void callBack_data();
    void callBack();
    void callBackNamesTheCustomer();
    void callBackSeesAMissedCallEndLast();
    void callBackSeesACorrectedAnswer();
    void refusesAnEmptyRangeOrNoZone();
    void staysOnItsIndexes_data();
    void staysOnItsIndexes();

private:
    // Logs one finished call the way the router does: created ongoing, updated when it ends.
    void addCall(const QString &from, const QDateTime &startedAt, const QString &outcome,
                 std::optional<int> durationSeconds = std::nullopt, const QString &to = s_business,
                 std::optional<qint64> customerId = std::nullopt);
    CallStats compute(const QDateTime &since, const QDateTime &until, const QString &number = {});

    static const QString s_business;
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
    int m_calls = 0;
};

const QString tst_CallStatsStore::s_business = u"+15557654321"_s;

namespace {

const QTimeZone s_newYork("America/New_York");
// A Monday at 09:00 in New York (EST).
const QDateTime s_monday(QDate(2026, 11, 2), QTime(9, 0), s_newYork);

QDateTime at(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate);
}

} // namespace

void tst_CallStatsStore::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_db = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
    m_calls = 0;
}

void tst_CallStatsStore::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void tst_CallStatsStore::addCall(const QString &from, const QDateTime &startedAt, const QString &outcome,
                                 std::optional<int> durationSeconds, const QString &to,
                                 std::optional<qint64> customerId)
{
    CallStore store(*m_db);
    CallSessionRecord session;
    session.callSid = u"CA%1"_s.arg(++m_calls, 32, 10, QLatin1Char('0'));
    session.from = from;
    session.to = to;
    session.startedAt = startedAt.toUTC();
    session.customerId = customerId;
    QString error;
    QVERIFY2(store.createSession(session, &error), qPrintable(error));
    if (outcome == u"ongoing"_s)
        return;
    session.outcome = CallLogTestNames::outcome(outcome);
    session.durationSeconds = durationSeconds;
    if (durationSeconds)
        session.endedAt = session.startedAt.addSecs(*durationSeconds);
    session.stage = CallStage::Answered;
    QVERIFY2(store.updateSession(session, &error), qPrintable(error));
}

CallStats tst_CallStatsStore::compute(const QDateTime &since, const QDateTime &until, const QString &number)
{
    const Result<CallStats> stats = CallStatsStore(*m_db).compute({since, until, number, s_newYork});
    if (!stats)
        qWarning() << stats.error();
    return stats ? *stats : CallStats {};
}

void tst_CallStatsStore::emptyLogGivesZeros()
{
    const Result<CallStats> stats
        = CallStatsStore(*m_db).compute({s_monday.addDays(-30), s_monday, QString(), s_newYork});
    QVERIFY2(stats.ok(), qPrintable(stats.error()));
    QCOMPARE(stats->total, 0);
    QVERIFY(stats->byOutcome.isEmpty());
    QCOMPARE(stats->rateBase, 0);
    QCOMPARE(stats->answeredRate, 0.0);
    QCOMPARE(stats->averageDurationSeconds, 0.0);
    QCOMPARE(stats->p90DurationSeconds, 0);
    // A day for each bar of the chart, even without calls: 30 days from Monday 09:00 to Monday 09:00.
    QCOMPARE(stats->perDay.size(), 31);
    QCOMPARE(stats->perDay.first().date, QDate(2026, 10, 3));
    QCOMPARE(stats->perDay.last().date, QDate(2026, 11, 2));
    for (const CallStats::Day &day : stats->perDay)
        QVERIFY(day.outcomes.isEmpty());
    for (const auto &day : stats->weekHours)
        QCOMPARE(std::accumulate(day.begin(), day.end(), qint64(0)), 0);
    QVERIFY(stats->callBack.isEmpty());
}

void tst_CallStatsStore::daysFollowTheZone_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QDate>("firstDay");
    QTest::addColumn<QStringList>("calls");
    QTest::addColumn<QList<int>>("perDay");

    // Sunday 1 November 2026: 02:00 EDT becomes 01:00 EST, and the day has 25 hours.
    const QStringList fallBack {u"2026-10-31T23:59:59-04:00"_s, u"2026-11-01T00:00:00-04:00"_s,
                                u"2026-11-01T01:30:00-04:00"_s, u"2026-11-01T01:30:00-05:00"_s,
                                u"2026-11-01T23:59:59-05:00"_s, u"2026-11-02T00:00:00-05:00"_s};
    QTest::newRow("clocks go back in New York")
        << "America/New_York"_ba << QDate(2026, 10, 31) << fallBack << QList<int> {1, 4, 1};
    QTest::newRow("the same calls in UTC") << "UTC"_ba << QDate(2026, 10, 31) << fallBack << QList<int> {0, 4, 2};
    // Sunday 8 March 2026: 02:00 EST becomes 03:00 EDT, and the day has 23 hours.
    QTest::newRow("clocks go forward in New York")
        << "America/New_York"_ba << QDate(2026, 3, 7)
        << QStringList {u"2026-03-07T23:59:59-05:00"_s, u"2026-03-08T00:00:00-05:00"_s,
                        u"2026-03-08T01:59:59-05:00"_s, u"2026-03-08T03:00:00-04:00"_s,
                        u"2026-03-08T23:59:59-04:00"_s, u"2026-03-09T00:00:00-04:00"_s}
        << QList<int> {1, 4, 1};
    // Half an hour off UTC: days start at 18:30 UTC.
    QTest::newRow("India") << "Asia/Kolkata"_ba << QDate(2026, 3, 7)
                           << QStringList {u"2026-03-07T18:29:59Z"_s, u"2026-03-07T18:30:00Z"_s,
                                           u"2026-03-08T18:29:59Z"_s, u"2026-03-08T18:30:00Z"_s}
                           << QList<int> {1, 2, 1};
}

void tst_CallStatsStore::daysFollowTheZone()
{
    QFETCH(QByteArray, zone);
    QFETCH(QDate, firstDay);
    QFETCH(QStringList, calls);
    QFETCH(QList<int>, perDay);

    for (const QString &call : calls)
        addCall(u"+15551230001"_s, at(call), u"answered"_s, 60);
    const QTimeZone timeZone(zone);
    QVERIFY(timeZone.isValid());
    const Result<CallStats> stats = CallStatsStore(*m_db).compute(
        {firstDay.startOfDay(timeZone), firstDay.addDays(perDay.size()).startOfDay(timeZone), QString(), timeZone});
    QVERIFY2(stats.ok(), qPrintable(stats.error()));
    QCOMPARE(stats->perDay.size(), perDay.size());
    QList<int> counted;
    for (qsizetype i = 0; i < stats->perDay.size(); ++i) {
        QCOMPARE(stats->perDay.at(i).date, firstDay.addDays(i));
        counted.append(int(stats->perDay.at(i).outcomes.value(CallOutcome::Answered)));
    }
    QCOMPARE(counted, perDay);
    QCOMPARE(stats->total, std::accumulate(perDay.begin(), perDay.end(), 0));
}

void tst_CallStatsStore::rangeStartIsInAndEndIsOut()
{
    const QDateTime since = s_monday;
    const QDateTime until = s_monday.addDays(1);
    addCall(u"+15551230001"_s, since.addMSecs(-1), u"answered"_s, 60);
    addCall(u"+15551230002"_s, since, u"ai_agent"_s, 60);
    addCall(u"+15551230003"_s, until.addMSecs(-1), u"missed"_s, 5);
    addCall(u"+15551230004"_s, until, u"voicemail"_s, 30);

    const CallStats stats = compute(since, until);
    QCOMPARE(stats.total, 2);
    QCOMPARE(stats.byOutcome, (QMap<CallOutcome, qint64> {{CallOutcome::AiAgent, 1}, {CallOutcome::Missed, 1}}));
    QCOMPARE(stats.perDay.size(), 2); // Monday from 09:00 and Tuesday until 09:00
    QCOMPARE(stats.perDay.at(0).outcomes.value(CallOutcome::AiAgent), 1);
    QCOMPARE(stats.perDay.at(1).outcomes.value(CallOutcome::Missed), 1);
    QCOMPARE(stats.weekHours[0][9], 1);
    QCOMPARE(stats.weekHours[1][8], 1);
    QCOMPARE(stats.weekHours[0][8], 0);
    QCOMPARE(stats.weekHours[1][9], 0);
}

void tst_CallStatsStore::numberFilter()
{
    const QString otherLine = u"+15550001111"_s;
    addCall(u"+15551230001"_s, s_monday, u"answered"_s, 100);
    addCall(u"+15551230002"_s, s_monday.addSecs(60), u"missed"_s, 10);
    addCall(u"+15551230003"_s, s_monday.addSecs(120), u"missed"_s, 20, otherLine);
    addCall(u"+15551230004"_s, s_monday.addSecs(180), u"voicemail"_s, 300, otherLine);

    const QDateTime until = s_monday.addDays(1);
    const CallStats all = compute(s_monday, until);
    QCOMPARE(all.total, 4);
    QCOMPARE(all.callBack.size(), 3);

    const CallStats business = compute(s_monday, until, s_business);
    QCOMPARE(business.total, 2);
    QCOMPARE(business.byOutcome, (QMap<CallOutcome, qint64> {{CallOutcome::Answered, 1}, {CallOutcome::Missed, 1}}));
    QCOMPARE(business.averageDurationSeconds, 55.0);
    QCOMPARE(business.p90DurationSeconds, 100);
    QCOMPARE(business.weekHours[0][9], 2);
    QCOMPARE(business.callBack.size(), 1);
    QCOMPARE(business.callBack.first().from, u"+15551230002"_s);

    const CallStats other = compute(s_monday, until, otherLine);
    QCOMPARE(other.total, 2);
    QCOMPARE(other.p90DurationSeconds, 300);
    QCOMPARE(other.callBack.size(), 2);
    QCOMPARE(compute(s_monday, until, u"+15559999999"_s).total, 0);
}

void tst_CallStatsStore::rates_data()
{
    QTest::addColumn<QStringList>("outcomes");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<qint64>("rateBase");
    QTest::addColumn<double>("answered");
    QTest::addColumn<double>("ai");
    QTest::addColumn<double>("missed");
    QTest::addColumn<double>("voicemail");

    const QStringList mix {u"answered"_s, u"answered"_s, u"answered"_s, u"ai_agent"_s, u"ai_agent"_s,
                           u"ai_agent"_s, u"ai_agent"_s, u"missed"_s, u"missed"_s, u"voicemail"_s};
    QTest::newRow("ten finished calls") << mix << qint64(10) << qint64(10) << 0.3 << 0.4 << 0.2 << 0.1;
    QTest::newRow("blocked calls do not lower the rates")
        << mix + QStringList {u"blocked"_s, u"blocked"_s, u"blocked"_s, u"blocked"_s, u"blocked"_s} << qint64(15)
        << qint64(10) << 0.3 << 0.4 << 0.2 << 0.1;
    QTest::newRow("ongoing calls are not finished yet")
        << mix + QStringList {u"ongoing"_s, u"ongoing"_s} << qint64(12) << qint64(10) << 0.3 << 0.4 << 0.2 << 0.1;
    QTest::newRow("failed calls count against every rate")
        << mix + QStringList {u"failed"_s, u"failed"_s, u"failed"_s, u"failed"_s, u"failed"_s, u"failed"_s,
                              u"failed"_s, u"failed"_s, u"failed"_s, u"failed"_s}
        << qint64(20) << qint64(20) << 0.15 << 0.2 << 0.1 << 0.05;
    QTest::newRow("only spam") << QStringList {u"blocked"_s, u"blocked"_s} << qint64(2) << qint64(0) << 0.0 << 0.0
                               << 0.0 << 0.0;
}

void tst_CallStatsStore::rates()
{
    QFETCH(QStringList, outcomes);
    QFETCH(qint64, total);
    QFETCH(qint64, rateBase);
    QFETCH(double, answered);
    QFETCH(double, ai);
    QFETCH(double, missed);
    QFETCH(double, voicemail);

    for (qsizetype i = 0; i < outcomes.size(); ++i)
        addCall(u"+1555123%1"_s.arg(i, 4, 10, QLatin1Char('0')), s_monday.addSecs(60 * i), outcomes.at(i), 30);
    const CallStats stats = compute(s_monday, s_monday.addDays(1));
    QCOMPARE(stats.total, total);
    QCOMPARE(stats.rateBase, rateBase);
    QCOMPARE(stats.answeredRate, answered);
    QCOMPARE(stats.aiRate, ai);
    QCOMPARE(stats.missedRate, missed);
    QCOMPARE(stats.voicemailRate, voicemail);
}

void tst_CallStatsStore::durations_data()
{
    QTest::addColumn<QList<int>>("finished");
    QTest::addColumn<double>("average");
    QTest::addColumn<int>("p90");

    QList<int> oneToTen;
    for (int i = 1; i <= 10; ++i)
        oneToTen.append(i);
    QList<int> hundred;
    for (int i = 100; i >= 1; --i)
        hundred.append(i * 6);
    QTest::newRow("one to ten seconds") << oneToTen << 5.5 << 9;
    QTest::newRow("a hundred calls of 6 s to 10 min") << hundred << 303.0 << 540;
    QTest::newRow("one call") << QList<int> {42} << 42.0 << 42;
    QTest::newRow("ties") << QList<int> {7, 7, 7, 7, 100} << 25.6 << 100;
    QTest::newRow("no duration known") << QList<int> {} << 0.0 << 0;
}

void tst_CallStatsStore::durations()
{
    QFETCH(QList<int>, finished);
    QFETCH(double, average);
    QFETCH(int, p90);

    for (qsizetype i = 0; i < finished.size(); ++i)
        addCall(u"+15551230001"_s, s_monday.addSecs(60 * i), i % 2 ? u"answered"_s : u"ai_agent"_s, finished.at(i));
    // Neither a call still going on nor one Twilio gave no duration for counts.
    CallStore store(*m_db);
    CallSessionRecord ongoing;
    ongoing.callSid = u"CAongoing"_s;
    ongoing.from = u"+15551230002"_s;
    ongoing.startedAt = s_monday.addSecs(30).toUTC();
    ongoing.durationSeconds = 5000;
    QString error;
    QVERIFY2(store.createSession(ongoing, &error), qPrintable(error));
    addCall(u"+15551230003"_s, s_monday.addSecs(90), u"missed"_s, std::nullopt);

    const CallStats stats = compute(s_monday, s_monday.addDays(1));
    QCOMPARE(stats.callsWithDuration, finished.size());
    QCOMPARE(stats.averageDurationSeconds, average);
    QCOMPARE(stats.p90DurationSeconds, p90);
}

void tst_CallStatsStore::weekHours_data()
{
    QTest::addColumn<QDateTime>("call");
    QTest::addColumn<int>("day");
    QTest::addColumn<int>("hour");

    QTest::newRow("Monday 09:xx") << s_monday.addSecs(59 * 60) << 0 << 9;
    QTest::newRow("Monday 09:00 sharp") << s_monday << 0 << 9;
    QTest::newRow("Sunday just before midnight") << s_monday.addSecs(-9 * 3600 - 1) << 6 << 23;
    QTest::newRow("Saturday noon, given in UTC") << at(u"2026-11-07T17:00:00Z"_s) << 5 << 12;
    QTest::newRow("the second 01:30 when clocks go back") << at(u"2026-11-01T01:30:00-05:00"_s) << 6 << 1;
    QTest::newRow("summer time") << at(u"2026-07-15T14:10:00-04:00"_s) << 2 << 14;
}

void tst_CallStatsStore::weekHours()
{
    QFETCH(QDateTime, call);
    QFETCH(int, day);
    QFETCH(int, hour);

    addCall(u"+15551230001"_s, call, u"answered"_s, 60);
    const CallStats stats = compute(call.addDays(-3), call.addDays(3));
    for (int d = 0; d < 7; ++d) {
        for (int h = 0; h < 24; ++h)
            QCOMPARE(stats.weekHours[d][h], qint64(d == day && h == hour ? 1 : 0));
    }
}

void tst_CallStatsStore::callBack_data()
{
    // Calls as "caller outcome hour", hours from Monday 09:00; the range is that Monday 09:00 to
    // Tuesday 09:00. The callers waiting come as "caller missed hour-of-the-last-miss".
    QTest::addColumn<QStringList>("calls");
    QTest::addColumn<QStringList>("waiting");

    QTest::newRow("a missed caller waits") << QStringList {u"A missed 1"_s} << QStringList {u"A 1 1"_s};
    QTest::newRow("a voicemail waits too") << QStringList {u"A voicemail 2"_s} << QStringList {u"A 1 2"_s};
    QTest::newRow("answered later in the range")
        << QStringList {u"A missed 1"_s, u"A voicemail 2"_s, u"A answered 3"_s} << QStringList {};
    QTest::newRow("the AI agent took a later call") << QStringList {u"A missed 1"_s, u"A ai_agent 5"_s}
                                                    << QStringList {};
    QTest::newRow("answered after the range") << QStringList {u"A missed 1"_s, u"A answered 30"_s} << QStringList {};
    QTest::newRow("answered before the range only")
        << QStringList {u"A answered -30"_s, u"A missed 1"_s, u"A missed 2"_s} << QStringList {u"A 2 2"_s};
    QTest::newRow("missed again after being answered")
        << QStringList {u"A missed 1"_s, u"A answered 2"_s, u"A missed 3"_s, u"A voicemail 4"_s}
        << QStringList {u"A 2 4"_s};
    QTest::newRow("missed only after the range") << QStringList {u"A missed 30"_s} << QStringList {};
    QTest::newRow("blocked and failed calls reach nobody")
        << QStringList {u"A missed 1"_s, u"A blocked 2"_s, u"A failed 3"_s} << QStringList {u"A 1 1"_s};
    QTest::newRow("newest missed first")
        << QStringList {u"A missed 1"_s, u"B missed 3"_s, u"C missed 2"_s, u"C answered 3"_s, u"D missed 2"_s}
        << QStringList {u"B 1 3"_s, u"D 1 2"_s, u"A 1 1"_s};
    QTest::newRow("withheld callers are left out")
        << QStringList {u"anonymous missed 1"_s, u"+266696687 missed 2"_s, u"- missed 3"_s, u"A missed 4"_s}
        << QStringList {u"A 1 4"_s};
}

void tst_CallStatsStore::callBack()
{
    QFETCH(QStringList, calls);
    QFETCH(QStringList, waiting);

    // Letters name callers; "-" is an empty caller id.
    const auto number = [](const QString &caller) {
        if (caller == u"-"_s)
            return QString();
        return caller.size() == 1 ? u"+1555123000"_s + QString::number(caller.at(0).unicode() - 'A') : caller;
    };
    for (const QString &call : calls) {
        const QStringList parts = call.split(u' ');
        addCall(number(parts.at(0)), s_monday.addSecs(3600 * parts.at(2).toInt()), parts.at(1), 20);
    }
    const CallStats stats = compute(s_monday, s_monday.addDays(1));
    QStringList listed;
    for (const CallStats::CallBack &entry : stats.callBack) {
        const QString caller = entry.from.size() == 12 ? QString(QChar(u'A' + entry.from.right(1).toInt())) : entry.from;
        const qint64 hour = s_monday.secsTo(entry.lastMissedAt) / 3600;
        listed.append(u"%1 %2 %3"_s.arg(caller).arg(entry.missed).arg(hour));
    }
    QCOMPARE(listed, waiting);
}

void tst_CallStatsStore::callBackNamesTheCustomer()
{
    Customer ada;
    ada.externalId = u"C1"_s;
    ada.name = u"Ada Lovelace"_s;
    ada.phoneE164 = u"+15551230001"_s;
    const Result<qint64> id = CustomerStore(*m_db).insert(ada);
    QVERIFY2(id.ok(), qPrintable(id.error()));
    // Named by the number, even on a call the router did not recognise (she was imported later).
    addCall(u"+15551230001"_s, s_monday, u"missed"_s, 10);
    addCall(u"+15551230002"_s, s_monday.addSecs(60), u"missed"_s, 10);

    const CallStats stats = compute(s_monday, s_monday.addDays(1));
    QCOMPARE(stats.callBack.size(), 2);
    QCOMPARE(stats.callBack.at(0).from, u"+15551230002"_s);
    QVERIFY(stats.callBack.at(0).customerName.isEmpty());
    QCOMPARE(stats.callBack.at(1).customerName, u"Ada Lovelace"_s);
    QCOMPARE(stats.callBack.at(1).lastMissedAt, s_monday.toUTC());
}

void tst_CallStatsStore::callBackSeesAMissedCallEndLast()
{
    // The caller rings again on a second line while the first call still rings out: the second is
    // answered first, and the first ends as missed afterwards.
    CallStore store(*m_db);
    CallSessionRecord first;
    first.callSid = u"CAfirst"_s;
    first.from = u"+15551230001"_s;
    first.to = s_business;
    first.startedAt = s_monday.toUTC();
    QString error;
    QVERIFY2(store.createSession(first, &error), qPrintable(error));
    addCall(u"+15551230001"_s, s_monday.addSecs(20), u"answered"_s, 120);
    first.outcome = CallOutcome::Missed;
    first.durationSeconds = 45;
    QVERIFY2(store.updateSession(first, &error), qPrintable(error));

    QVERIFY(compute(s_monday, s_monday.addDays(1)).callBack.isEmpty());
}

void tst_CallStatsStore::callBackSeesACorrectedAnswer()
{
    addCall(u"+15551230001"_s, s_monday, u"missed"_s, 10);
    addCall(u"+15551230001"_s, s_monday.addSecs(60), u"voicemail"_s, 30);
    CallStore store(*m_db);
    CallSessionRecord answer;
    answer.callSid = u"CAanswer"_s;
    answer.from = u"+15551230001"_s;
    answer.to = s_business;
    answer.startedAt = s_monday.addSecs(120).toUTC();
    answer.outcome = CallOutcome::Answered;
    QString error;
    QVERIFY2(store.createSession(answer, &error), qPrintable(error));
    QVERIFY(compute(s_monday, s_monday.addDays(1)).callBack.isEmpty());

    // Nobody was on the line after all.
    answer.outcome = CallOutcome::Failed;
    QVERIFY2(store.updateSession(answer, &error), qPrintable(error));
    const CallStats stats = compute(s_monday, s_monday.addDays(1));
    QCOMPARE(stats.callBack.size(), 1);
    QCOMPARE(stats.callBack.first().missed, 2);
    QCOMPARE(stats.callBack.first().lastMissedAt, s_monday.addSecs(60).toUTC());
}

void tst_CallStatsStore::refusesAnEmptyRangeOrNoZone()
{
    CallStatsStore store(*m_db);
    QVERIFY(!store.compute({s_monday, s_monday, QString(), s_newYork}).ok());
    QVERIFY(!store.compute({s_monday, s_monday.addSecs(-1), QString(), s_newYork}).ok());
    QVERIFY(!store.compute({QDateTime(), s_monday, QString(), s_newYork}).ok());
    const Result<CallStats> noZone = store.compute({s_monday, s_monday.addDays(1), QString(), QTimeZone()});
    QVERIFY(!noZone.ok());
    QVERIFY2(noZone.error().contains(u"time zone"_s), qPrintable(noZone.error()));
}

void tst_CallStatsStore::staysOnItsIndexes_data()
{
    QTest::addColumn<QString>("number");
    QTest::newRow("every number") << QString();
    QTest::newRow("one number") << s_business;
}

void tst_CallStatsStore::staysOnItsIndexes()
{
    QFETCH(QString, number);

    const QStringList plan
        = CallStatsStore(*m_db).queryPlan({s_monday.addYears(-1), s_monday, number, s_newYork});
    const QString text = plan.join(u'\n');
    for (const QString &statement : {u"days: "_s, u"hours: "_s, u"duration: "_s, u"call back: "_s})
        QVERIFY2(text.contains(statement), qPrintable(text));
    // The calls are read from indexes only, and nothing as long as the range is sorted: the one
    // sort is of the callers waiting for a call back.
    for (const QString &step : plan) {
        if (!step.contains(u"call_sessions"_s))
            continue;
        QVERIFY2(step.contains(u"USING COVERING INDEX"_s), qPrintable(text));
        QVERIFY2(!step.contains(u"SCAN call_sessions"_s) || step.contains(u"call_sessions_waiting"_s),
                 qPrintable(text));
    }
    QCOMPARE(text.count(u"TEMP B-TREE"_s), 1);
    QVERIFY2(text.contains(u"call back: USE TEMP B-TREE FOR ORDER BY"_s), qPrintable(text));
    // Each hour is counted once (for one number, from the call log's index on the called number).
    QCOMPARE(text.count(u"hours: SEARCH s USING COVERING INDEX call_sessions_"_s), 1);
    QVERIFY2(text.contains(u"duration: SEARCH call_sessions USING COVERING INDEX call_sessions_duration"_s),
             qPrintable(text));
}

QTEST_GUILESS_MAIN(tst_CallStatsStore)
#include "tst_callstatsstore.moc"
