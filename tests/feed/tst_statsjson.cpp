// Tests of StatsJson: the statistics another Switchboard answers are read back into the figures it counted,
// and an answer with a missing or broken field is refused with a sentence naming it.
#include "feed/statsjson.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QTimeZone NewYork("America/New_York");

CallStatsQuery query()
{
    CallStatsQuery query;
    query.zone = NewYork;
    query.since = QDateTime(QDate(2026, 11, 1), QTime(0, 0), NewYork);
    query.until = QDateTime(QDate(2026, 11, 3), QTime(0, 0), NewYork);
    query.number = u"+15557654321"_s;
    return query;
}

// Two days: four calls answered, one missed, one blocked, one still going.
CallStats figures()
{
    CallStats stats;
    stats.total = 7;
    stats.byOutcome = { { CallOutcome::Answered, 4 }, { CallOutcome::Missed, 1 }, { CallOutcome::Blocked, 1 },
        { CallOutcome::Ongoing, 1 } };
    stats.rateBase = 5;
    stats.answeredRate = 0.8;
    stats.missedRate = 0.2;
    stats.averageDurationSeconds = 95.5;
    stats.p90DurationSeconds = 180;
    stats.perDay = { { QDate(2026, 11, 1), { { CallOutcome::Answered, 3 }, { CallOutcome::Blocked, 1 } } },
        { QDate(2026, 11, 2),
            { { CallOutcome::Answered, 1 }, { CallOutcome::Missed, 1 }, { CallOutcome::Ongoing, 1 } } } };
    stats.weekHours[6][9] = 4; // Sunday 09:00
    stats.weekHours[0][14] = 3; // Monday 14:00
    stats.callBack
        = { { u"+15551230003"_s, u"Bea Smith"_s, 1, QDateTime(QDate(2026, 11, 2), QTime(19, 5), Qt::UTC) },
              { u"+15551230009"_s, QString(), 2, QDateTime(QDate(2026, 11, 2), QTime(15, 0), Qt::UTC) } };
    return stats;
}

} // namespace

class tst_StatsJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsBackWhatWasWritten();
    void noCallsReadBackAsNone();
    void refusesABrokenField_data();
    void refusesABrokenField();
};

void tst_StatsJson::readsBackWhatWasWritten()
{
    const CallStats written = figures();
    QString error;
    const std::optional<StatsJson::Answer> read = StatsJson::read(StatsJson::stats(written, query()), &error);
    QVERIFY2(read, qPrintable(error));

    QCOMPARE(read->query.since, query().since.toUTC());
    QCOMPARE(read->query.until, query().until.toUTC());
    QCOMPARE(read->query.zone.id(), NewYork.id());
    QCOMPARE(read->query.number, u"+15557654321"_s);

    const CallStats &stats = read->stats;
    QCOMPARE(stats.total, 7);
    QCOMPARE(stats.byOutcome, written.byOutcome);
    QCOMPARE(stats.rateBase, 5);
    QCOMPARE(stats.answeredRate, 0.8);
    QCOMPARE(stats.missedRate, 0.2);
    QCOMPARE(stats.aiRate, 0.0);
    QCOMPARE(stats.averageDurationSeconds, 95.5);
    QCOMPARE(stats.p90DurationSeconds, 180);
    QCOMPARE(stats.perDay.size(), 2);
    QCOMPARE(stats.perDay.at(1).date, QDate(2026, 11, 2));
    QCOMPARE(stats.perDay.at(1).outcomes, written.perDay.at(1).outcomes);
    QCOMPARE(stats.weekHours, written.weekHours);
    QCOMPARE(stats.callBack.size(), 2);
    QCOMPARE(stats.callBack.at(0).from, u"+15551230003"_s);
    QCOMPARE(stats.callBack.at(0).customerName, u"Bea Smith"_s);
    QCOMPARE(stats.callBack.at(0).missed, 1);
    QCOMPARE(stats.callBack.at(0).lastMissedAt, written.callBack.at(0).lastMissedAt);
    QVERIFY(stats.callBack.at(1).customerName.isEmpty());
}

void tst_StatsJson::noCallsReadBackAsNone()
{
    CallStatsQuery everyNumber = query();
    everyNumber.number.clear();
    const std::optional<StatsJson::Answer> read = StatsJson::read(StatsJson::stats(CallStats(), everyNumber));
    QVERIFY(read);
    QCOMPARE(read->stats.total, 0);
    QVERIFY(read->stats.byOutcome.isEmpty());
    QVERIFY(read->stats.callBack.isEmpty());
    QVERIFY(read->query.number.isEmpty());
}

void tst_StatsJson::refusesABrokenField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");

    QTest::newRow("no since") << u"since"_s << QJsonValue();
    QTest::newRow("until not a time") << u"until"_s << QJsonValue(u"yesterday"_s);
    QTest::newRow("unknown zone") << u"time_zone"_s << QJsonValue(u"Mars/Olympus"_s);
    QTest::newRow("negative total") << u"total"_s << QJsonValue(-1);
    QTest::newRow("outcomes not counts")
        << u"by_outcome"_s << QJsonValue(QJsonObject { { u"answered"_s, u"four"_s } });
    QTest::newRow("rate missing") << u"answered_rate"_s << QJsonValue();
    QTest::newRow("a day without a date")
        << u"per_day"_s << QJsonValue(QJsonArray { QJsonObject { { u"outcomes"_s, QJsonObject() } } });
    QTest::newRow("six days a week") << u"week_hours"_s << QJsonValue(QJsonArray { 1, 2, 3, 4, 5, 6 });
    QTest::newRow("a caller without a number")
        << u"call_back"_s << QJsonValue(QJsonArray { QJsonObject { { u"missed"_s, 1 } } });
}

void tst_StatsJson::refusesABrokenField()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);

    QJsonObject object = StatsJson::stats(figures(), query());
    if (value.isUndefined() || value.isNull())
        object.remove(field);
    else
        object.insert(field, value);
    QString error;
    QVERIFY(!StatsJson::read(object, &error));
    QVERIFY2(error.contains(u'"' + field + u'"'), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_StatsJson)
#include "tst_statsjson.moc"
