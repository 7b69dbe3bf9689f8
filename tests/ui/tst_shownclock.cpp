// Tests of ShownClock, the one clock the window shows: an instant on the plan's wall clock in the
// locale's 12- or 24-hour form, a typed wall time read on that clock, Today and Tomorrow counted there;
// and, offscreen, the call log's list, summary and timeline and the statistics showing one call at the
// same hour while this computer keeps another time.
#include "calls/calllogmodel.h"
#include "calls/calllogpanel.h"
#include "calls/statspanel.h"
#include "look/shownclock.h"
#include "storage/callstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QDateTimeEdit>
#include <QLabel>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QTimeZone NewYork(QByteArrayLiteral("America/New_York"));
// This computer's time in the tests: far from New York's, so that a time shown on the wrong clock
// reads another hour.
constexpr char ComputerZone[] = "Asia/Kolkata";
const QLocale English(QLocale::English, QLocale::UnitedStates);
const QLocale German(QLocale::German, QLocale::Germany);
// Set before anything reads this computer's zone.
const bool s_computerZoneSet = qputenv("TZ", ComputerZone);

} // namespace

class tst_ShownClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void timesReadInTheLocalesForm();
    void timelineTimesHaveSeconds();
    void aTypedWallTimeIsThePlansTime();
    void todayAndTomorrowAreThePlans();
    void saysWhoseTimeItShows();
    void everyPanelShowsTheSameHour_data();
    void everyPanelShowsTheSameHour();
};

void tst_ShownClock::initTestCase()
{
    QVERIFY(s_computerZoneSet);
    QCOMPARE(QTimeZone::systemTimeZoneId(), QByteArray(ComputerZone));
}

void tst_ShownClock::timesReadInTheLocalesForm()
{
    const QDateTime instant(QDate(2026, 1, 15), QTime(19, 5, 30), QTimeZone::utc());
    const QDateTime there = instant.toTimeZone(NewYork);
    QCOMPARE(there.time(), QTime(14, 5, 30)); // EST, five hours behind

    const QString english = ShownClock(NewYork, English).time(instant);
    QCOMPARE(english, English.toString(there.time(), QLocale::ShortFormat));
    QVERIFY2(english.contains(English.pmText()), qPrintable(english)); // 12-hour
    const QString german = ShownClock(NewYork, German).time(instant);
    QCOMPARE(german, German.toString(there.time(), QLocale::ShortFormat));
    QVERIFY2(german.startsWith(u"14"_s), qPrintable(german)); // 24-hour
    // A locale whose short form has seconds shows none.
    QCOMPARE(ShownClock(NewYork, QLocale::c()).time(instant), there.time().toString(u"HH:mm"_s));
    // The computer's own clock reads another hour: the plan's is the one shown.
    QVERIFY(instant.toLocalTime().time().hour() != there.time().hour());
    QCOMPARE(ShownClock(NewYork, German).timeOfDay(QTime(9, 0)), German.toString(QTime(9, 0), QLocale::ShortFormat));
    // The long form names the zone.
    QVERIFY(ShownClock(NewYork, English).longDateTime(instant).endsWith(NewYork.abbreviation(instant)));
}

void tst_ShownClock::timelineTimesHaveSeconds()
{
    const QDateTime instant(QDate(2026, 7, 1), QTime(13, 0, 5), QTimeZone::utc());
    const QTime there = instant.toTimeZone(NewYork).time(); // EDT: 9:00:05
    QCOMPARE(ShownClock(NewYork, English).timeWithSeconds(instant), English.toString(there, u"h:mm:ss AP"_s));
    QCOMPARE(ShownClock(NewYork, German).timeWithSeconds(instant), German.toString(there, u"HH:mm:ss"_s));
    QCOMPARE(ShownClock(NewYork, QLocale(QLocale::Finnish, QLocale::Finland)).timeWithSeconds(instant),
        there.toString(u"H.mm.ss"_s));
}

void tst_ShownClock::aTypedWallTimeIsThePlansTime()
{
    const ShownClock clock(NewYork, English);
    const QDate day(2026, 3, 20);
    const QDateTime nine = clock.instant(day, QTime(9, 0));
    QCOMPARE(nine.timeSpec(), Qt::UTC);
    QCOMPARE(nine, QDateTime(day, QTime(9, 0), NewYork).toUTC());

    // An editor shows nine and gives back the same instant; typing another time moves it on that clock.
    QDateTimeEdit edit;
    ShownClock::prepareEditor(&edit);
    clock.showInEditor(&edit, nine);
    QCOMPARE(edit.date(), day);
    QCOMPARE(edit.time(), QTime(9, 0));
    QCOMPARE(clock.instantInEditor(&edit), nine);
    edit.setTime(QTime(10, 30));
    QCOMPARE(clock.instantInEditor(&edit), QDateTime(day, QTime(10, 30), NewYork).toUTC());
}

void tst_ShownClock::todayAndTomorrowAreThePlans()
{
    const ShownClock clock(NewYork, English);
    // 03:00 UTC on the 15th is still the evening of the 14th in New York.
    const QDateTime now(QDate(2026, 1, 15), QTime(3, 0), QTimeZone::utc());
    QCOMPARE(clock.today(now), QDate(2026, 1, 14));
    const QDateTime nineTomorrow = clock.instant(QDate(2026, 1, 15), QTime(9, 0));
    QCOMPARE(clock.relative(nineTomorrow, now), u"Tomorrow %1"_s.arg(English.toString(QTime(9, 0), QLocale::ShortFormat)));
    QCOMPARE(clock.relative(now.addSecs(-3600), now), u"Today %1"_s.arg(English.toString(QTime(21, 0), QLocale::ShortFormat)));
    const QString later = clock.relative(clock.instant(QDate(2026, 1, 20), QTime(9, 30)), now);
    QVERIFY2(later.startsWith(English.dayName(2, QLocale::ShortFormat)), qPrintable(later));
    QVERIFY2(later.endsWith(English.toString(QTime(9, 30), QLocale::ShortFormat)), qPrintable(later));
}

void tst_ShownClock::saysWhoseTimeItShows()
{
    const QString note = ShownClock(NewYork, English).zoneNote();
    QVERIFY2(note.contains(u"America/New_York"_s), qPrintable(note));
    QVERIFY(ShownClock(QTimeZone(ComputerZone), English).zoneNote().isEmpty());
    QVERIFY(ShownClock().zoneNote().isEmpty());
    QCOMPARE(ShownClock().zone().id(), QByteArray(ComputerZone));
}

void tst_ShownClock::everyPanelShowsTheSameHour_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::newRow("en_US") << English;
    QTest::newRow("de_DE") << German;
}

void tst_ShownClock::everyPanelShowsTheSameHour()
{
    QFETCH(QLocale, locale);
    QLocale::setDefault(locale);
    TempDataDir dir;
    Database db(Database::fileNameIn(dir.path()));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    const ShownClock clock(NewYork, locale);

    // A missed call two days ago at 14:05:30 in New York, whose first step came at once.
    const QDateTime startedAt = clock.instant(clock.today().addDays(-2), QTime(14, 5, 30));
    const QDateTime there = startedAt.toTimeZone(NewYork);
    QVERIFY(startedAt.toLocalTime().time().hour() != there.time().hour());
    CallSessionRecord session;
    session.callSid = u"CA1"_s;
    session.from = u"+15551230001"_s;
    session.to = u"+15550100000"_s;
    session.startedAt = startedAt;
    session.endedAt = startedAt.addSecs(40);
    session.durationSeconds = 40;
    session.outcome = CallOutcome::Missed;
    QVERIFY2(CallStore(db).createSession(session, &error), qPrintable(error));
    QVERIFY2(CallStore(db).appendEvent({ u"CA1"_s, startedAt, Step::CallReceived, EventAction::WebhookReceived,
                                           EventResult::Processed, u"Incoming call."_s },
                 &error),
        qPrintable(error));

    const QString hourAndMinutes = locale.toString(there.time(), QLocale::ShortFormat);
    const QString withSeconds = locale.toString(
        there.time(), locale == English ? u"h:mm:ss AP"_s : u"HH:mm:ss"_s);
    if (locale == English)
        QVERIFY2(hourAndMinutes.endsWith(English.pmText()), qPrintable(hourAndMinutes));
    else
        QCOMPARE(hourAndMinutes, u"14:05"_s);

    CallLogPanel calls(db, dir.path(), clock);
    auto *model = qobject_cast<CallLogModel *>(calls.findChild<QTableView *>(u"callTable"_s)->model());
    QCOMPARE(model->rowCount(), 1);
    const QString listed = model->index(0, CallLogModel::StartedColumn).data().toString();
    QCOMPARE(listed, locale.toString(there.date(), QLocale::ShortFormat) + u' ' + hourAndMinutes);
    const QString summary = calls.findChild<QLabel *>(u"detailSummary"_s)->text();
    QVERIFY2(summary.contains(locale.toString(there, QLocale::LongFormat)), qPrintable(summary));
    QVERIFY2(summary.contains(withSeconds), qPrintable(summary));
    QCOMPARE(calls.findChild<QTableWidget *>(u"timeline"_s)->item(0, 0)->text(), withSeconds);
    QVERIFY(calls.findChild<QLabel *>(u"zoneNote"_s)->text().contains(u"America/New_York"_s));

    StatsPanel stats(db, clock);
    QCOMPARE(stats.stats().total, 1);
    auto *weekHours = stats.findChild<QTableWidget *>(u"weekHours"_s);
    QCOMPARE(weekHours->item(there.date().dayOfWeek() - 1, there.time().hour())->text(), u"1"_s);
    auto *callBack = stats.findChild<QTableWidget *>(u"callBack"_s);
    QCOMPARE(callBack->rowCount(), 1);
    const QString lastMissed = callBack->item(0, 2)->text();
    QVERIFY2(lastMissed.endsWith(hourAndMinutes), qPrintable(lastMissed));

    // The plan moves to Berlin: the same call reads six hours later in both.
    const QTimeZone berlin(QByteArrayLiteral("Europe/Berlin"));
    const ShownClock moved(berlin, locale);
    const QString berlinTime = locale.toString(startedAt.toTimeZone(berlin).time(), QLocale::ShortFormat);
    calls.setClock(moved);
    QVERIFY2(model->index(0, CallLogModel::StartedColumn).data().toString().endsWith(berlinTime),
        qPrintable(model->index(0, CallLogModel::StartedColumn).data().toString()));
    stats.setClock(moved);
    stats.refresh();
    QVERIFY2(callBack->item(0, 2)->text().endsWith(berlinTime), qPrintable(callBack->item(0, 2)->text()));
}

QTEST_MAIN(tst_ShownClock)
#include "tst_shownclock.moc"
