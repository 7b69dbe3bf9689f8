// The Statistics panel offscreen: the figures of a known set of calls, the range and number
// choices, the busiest-hours grid and the call-back list, an empty log, and calls that change while
// the panel is open or hidden.
#include "calllogtestnames.h"
#include "calls/statspanel.h"
#include "storage/callstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QAction>
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QLabel>
#include <QScopeGuard>
#include <QTableWidget>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
const QTimeZone NewYork(QByteArrayLiteral("America/New_York"));

// Every message Qt logs while a test runs (QtCharts reports its troubles as warnings).
QStringList s_messages;
void keepMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    s_messages.append(message);
}
}

class TestStatsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void showsTheFiguresOfTheRange();
    void aNumberNarrowsTheFigures();
    void busiestHoursAndCallBacks();
    void callsBackACallerOfTheList();
    void anEmptyLogSaysThereAreNoCalls();
    void anOpenPanelFollowsTheCalls();
    void aHiddenPanelCatchesUpWhenShown();

private:
    void addCall(const QString &sid, const QString &from, const QString &to, const QDateTime &at,
        const QString &outcome, int seconds);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
    QDateTime m_today10; // 10:00 today in New York
};

void TestStatsPanel::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_db = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
    m_today10 = QDateTime(QDateTime::currentDateTimeUtc().toTimeZone(NewYork).date(), QTime(10, 0), NewYork);
    if (m_today10 > QDateTime::currentDateTimeUtc())
        m_today10 = m_today10.addDays(-1); // early in the day: yesterday's 10:00 is in the range
    addCall(u"CA1"_s, u"+15551110001"_s, u"+15557654321"_s, m_today10, u"answered"_s, 120);
    addCall(u"CA2"_s, u"+15551110002"_s, u"+15557654321"_s, m_today10.addSecs(60), u"ai_agent"_s, 240);
    addCall(u"CA3"_s, u"+15551110003"_s, u"+15557654322"_s, m_today10.addSecs(120), u"missed"_s, 30);
    addCall(u"CA4"_s, u"+19005550100"_s, u"+15557654321"_s, m_today10.addSecs(180), u"blocked"_s, 0);
    // Ten days ago: inside the last 30 days, outside the last 7.
    addCall(u"CA5"_s, u"+15551110004"_s, u"+15557654321"_s, m_today10.addDays(-10), u"voicemail"_s, 60);
}

void TestStatsPanel::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestStatsPanel::addCall(const QString &sid, const QString &from, const QString &to, const QDateTime &at,
    const QString &outcome, int seconds)
{
    CallSessionRecord session;
    session.callSid = sid;
    session.from = from;
    session.to = to;
    session.startedAt = at.toUTC();
    session.endedAt = session.startedAt.addSecs(seconds);
    session.durationSeconds = seconds;
    session.outcome = CallLogTestNames::outcome(outcome);
    QString error;
    QVERIFY2(CallStore(*m_db).createSession(session, &error), qPrintable(error));
}

void TestStatsPanel::showsTheFiguresOfTheRange()
{
    StatsPanel panel(*m_db, ShownClock(NewYork));
    QCOMPARE(panel.stats().total, 5); // the last 30 days
    panel.setRangeDays(7);
    QCOMPARE(panel.stats().total, 4);
    // Blocked calls stay out of the rates: 1 answered of 3.
    QCOMPARE(panel.stats().rateBase, 3);
    const QString figures = panel.findChild<QLabel *>(u"figures"_s)->text();
    QVERIFY2(figures.contains(u"<b>4</b> calls"_s), qPrintable(figures));
    QVERIFY2(figures.contains(u"answered by staff <b>33%</b>"_s), qPrintable(figures));
    QVERIFY2(figures.contains(u"leaving out 1 blocked"_s), qPrintable(figures));
}

void TestStatsPanel::aNumberNarrowsTheFigures()
{
    StatsPanel panel(*m_db, ShownClock(NewYork));
    auto *number = panel.findChild<QComboBox *>(u"number"_s);
    const int index = number->findData(u"+15557654322"_s);
    QVERIFY(index > 0);
    QCOMPARE(number->itemText(index), u"(555) 765-4322"_s); // as the practice writes its numbers
    number->setCurrentIndex(index);
    QCOMPARE(panel.stats().total, 1);
    QCOMPARE(panel.stats().byOutcome.value(CallOutcome::Missed), 1);
}

void TestStatsPanel::busiestHoursAndCallBacks()
{
    StatsPanel panel(*m_db, ShownClock(NewYork));
    panel.setRangeDays(7);
    const int weekday = m_today10.date().dayOfWeek() - 1;
    auto *heatmap = panel.findChild<QTableWidget *>(u"weekHours"_s);
    auto *callBack = panel.findChild<QTableWidget *>(u"callBack"_s);
    QCOMPARE(heatmap->item(weekday, 10)->text(), u"4"_s);
    QCOMPARE(heatmap->item(weekday, 11)->text(), QString());
    // The missed caller was never reached: theirs is the one number to call back.
    QCOMPARE(callBack->rowCount(), 1);
    QCOMPARE(callBack->item(0, 0)->text(), u"(555) 111-0003"_s); // as the practice writes its numbers
    // A practice in the UK writes them with their country code.
    panel.setRegion(u"GB"_s);
    QCOMPARE(callBack->item(0, 0)->text(), u"+1 555-111-0003"_s);
    auto *number = panel.findChild<QComboBox *>(u"number"_s);
    QCOMPARE(number->itemText(number->findData(u"+15557654322"_s)), u"+1 555-765-4322"_s);
}

void TestStatsPanel::callsBackACallerOfTheList()
{
    StatsPanel panel(*m_db, ShownClock(NewYork));
    panel.setRangeDays(7);
    QSignalSpy requested(&panel, &StatsPanel::callBackRequested);
    auto *button = panel.findChild<QPushButton *>(u"callBackButton"_s);
    QCOMPARE(button->text(), u"Call back…"_s);
    panel.setCallBackAllowed(true);
    // Nobody selected: nobody to call.
    QVERIFY(!button->isEnabled());
    QVERIFY(!panel.callBackTarget());
    panel.selectCallBackRow(0);
    QVERIFY(button->isEnabled());
    QVERIFY(panel.callBackAction()->isEnabled());
    button->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).value<CallBackTarget>(), (CallBackTarget { {}, u"+15551110003"_s, {} }));
    // A seat that may not act (or a router that is not running) offers nothing.
    panel.setCallBackAllowed(false);
    QVERIFY(!button->isEnabled());
    panel.callBackAction()->trigger();
    QCOMPARE(requested.size(), 1);
}

void TestStatsPanel::anEmptyLogSaysThereAreNoCalls()
{
    TempDataDir emptyDir;
    Database empty(Database::fileNameIn(emptyDir.path()));
    QString error;
    QVERIFY2(empty.open(&error), qPrintable(error));
    s_messages.clear();
    const QtMessageHandler previous = qInstallMessageHandler(keepMessage);
    auto restore = qScopeGuard([previous] { qInstallMessageHandler(previous); });
    StatsPanel panel(empty, ShownClock(NewYork));
    panel.resize(1000, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.grab(); // paints everything, the chart area included
    panel.setRangeDays(7);
    panel.grab();
    restore.dismiss();
    qInstallMessageHandler(previous);
    for (const QString &message : std::as_const(s_messages))
        QVERIFY2(!message.contains(u"nan"_s, Qt::CaseInsensitive), qPrintable(message));

    QCOMPARE(panel.stats().total, 0);
    QVERIFY(panel.showsNoCalls());
    const auto *noCalls = panel.findChild<QLabel *>(u"noCalls"_s);
    QVERIFY(noCalls && noCalls->isVisible());
    QVERIFY2(noCalls->text().startsWith(u"No calls in this period yet."_s), qPrintable(noCalls->text()));
    const QString figures = panel.findChild<QLabel *>(u"figures"_s)->text();
    QVERIFY2(!figures.contains(u"nan"_s, Qt::CaseInsensitive), qPrintable(figures));
}

void TestStatsPanel::anOpenPanelFollowsTheCalls()
{
    StatsPanel panel(*m_db, ShownClock(NewYork));
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(!panel.showsNoCalls());
    QCOMPARE(panel.stats().total, 5);
    addCall(u"CA6"_s, u"+15551110006"_s, u"+15557654323"_s, m_today10.addSecs(240), u"answered"_s, 90);
    panel.callsChanged();
    QCOMPARE(panel.stats().total, 6);
    QCOMPARE(panel.stats().byOutcome.value(CallOutcome::Answered), 2);
    // A number called for the first time can be chosen now.
    QVERIFY(panel.findChild<QComboBox *>(u"number"_s)->findData(u"+15557654323"_s) > 0);
}

void TestStatsPanel::aHiddenPanelCatchesUpWhenShown()
{
    StatsPanel panel(*m_db, ShownClock(NewYork));
    QCOMPARE(panel.stats().total, 5);
    addCall(u"CA6"_s, u"+15551110006"_s, u"+15557654321"_s, m_today10.addSecs(240), u"missed"_s, 20);
    // Nobody looks: the counting waits.
    panel.callsChanged();
    QCOMPARE(panel.stats().total, 5);
    panel.show();
    QCOMPARE(panel.stats().total, 6);
    QCOMPARE(panel.stats().byOutcome.value(CallOutcome::Missed), 2);
}

QTEST_MAIN(TestStatsPanel)
#include "tst_statspanel.moc"
