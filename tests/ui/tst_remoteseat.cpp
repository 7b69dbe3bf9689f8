// A remote seat offscreen against a real router on loopback, its calls driven through the webhooks by
// Twilio's stand-in: the live call shows with the customer's name and what is happening; a stopped router is
// said to have cut the seat off, which comes back by itself once a router answers on the same port again; a
// refused token is said plainly; the call log lists the routed call with its timeline and reads older calls
// page by page; the statistics count the calls; a self-signed certificate is shown and trusted; the dialog
// keeps the token sealed. And the window has room for all of it at 1280×800.
#include "calls/callbackdialog.h"
#include "calls/calllogmodel.h"
#include "calls/calllogwords.h"
#include "calls/livecallsmodel.h"
#include "calls/livemonitorpanel.h"
#include "calls/statspanel.h"
#include "datadir/datadirectory.h"
#include "desktop/uistate.h"
#include "faketwilio.h"
#include "faketwiliorest.h"
#include "feed/certificatefingerprint.h"
#include "importer/customerimporter.h"
#include "layoutcheck.h"
#include "remote/remotecalllogpanel.h"
#include "routing/plandocument.h"
#include "remote/remoteseatdialog.h"
#include "remote/remoteseatmemory.h"
#include "remote/remoteseatwindow.h"
#include "server/feedserver.h"
#include "server/routerhost.h"
#include "server/routerservice.h"
#include "settings/settings.h"
#include "shell/mainwindow.h"
#include "storage/calllogwriter.h"
#include "storage/callstore.h"
#include "storage/routingplanstore.h"
#include "tempdatadir.h"
#include "testcertificate.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString AuthToken = u"remote-seat-auth-token-0123456789"_s;
const QString Business = u"+15557654321"_s;
const QString John = u"+15552223333"_s; // John Roe, a customer without a booking: the fallback number rings
// Generous: CI runs the suite in parallel on a busy machine.
constexpr int Patience = 30'000;
// The calls written before the router starts, older than any routed call.
constexpr int OlderCalls = RemoteCallLogPanel::PageSize + 7;

QString olderSid(int n)
{
    return u"CA%1"_s.arg(n, 32, 16, QLatin1Char('0'));
}

template<typename T>
T *child(const QObject *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qWarning("No %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return found;
}

// The row of the live calls whose caller column names `who`; -1 when there is none.
int liveRowOf(const LiveMonitorPanel *panel, const QString &who)
{
    const LiveCallsModel *model = panel->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, LiveCallsModel::Caller).data().toString().contains(who))
            return row;
    }
    return -1;
}

} // namespace

class tst_RemoteSeat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void aLiveCallShowsWithItsCustomerAndStage();
    void aSeatCutOffSaysSoAndComesBackByItself();
    void aRefusedTokenIsSaidPlainly();
    void theCallLogListsTheRoutedCallWithItsTimeline();
    void theCallLogFiltersAndReadsOlderCallsPageByPage();
    void statisticsCountTheCalls();
    void watchingOnlyUnlessTheTokenMayAct();
    void aSeatThatMayActHangsUpACallRoutedThere();
    void aSeatThatMayActCallsBack();
    void aSelfSignedCertificateIsShownAndTrusted();
    void theDialogRemembersTheTokenSealed();
    void theMainWindowOffersIt();
    void nothingIsCutOffAt1280x800();

private:
    void startRouter(quint16 feedPort = 0);
    void stopRouter();
    void routeCall(const QString &callSid, const QString &from, const QString &status = {});
    // A seat window watching the router with `token` (the view token unless told).
    void openSeat(QString token = {});
    QString setting(const QString &key) { return *m_admin->settings().value(key); }
    QString address() const { return u"127.0.0.1:%1"_s.arg(m_feedPort); }
    void saveScreenshot(const QString &name);

    std::unique_ptr<TempDataDir> m_routerDir;
    std::unique_ptr<DataDirectory> m_admin;
    std::unique_ptr<TempDataDir> m_seatDir;
    std::unique_ptr<DataDirectory> m_seatData; // this computer's own folder
    std::unique_ptr<RouterService> m_service;
    std::unique_ptr<FakeTwilio> m_twilio;
    std::unique_ptr<RemoteSeatWindow> m_window;
    quint16 m_feedPort = 0;
};

void tst_RemoteSeat::initTestCase()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    QStandardPaths::setTestModeEnabled(true);
}

void tst_RemoteSeat::init()
{
    m_routerDir = std::make_unique<TempDataDir>();
    m_admin = std::make_unique<DataDirectory>(m_routerDir->path());
    QString error;
    QVERIFY2(m_admin->open(&error), qPrintable(error));
    for (const auto &[key, value] : { std::pair { u"twilio.auth_token"_s, AuthToken },
             { u"routing.enabled"_s, u"true"_s }, { u"routing.fallback_number"_s, u"(555) 000-9999"_s } })
        QVERIFY2(m_admin->settings().set(key, value, &error), qPrintable(error));
    const QString customers = m_routerDir->writeFile(
        u"customers.csv"_s, "customer_id,name,phone,email,notes\nC2,John Roe,+1 555 222 3333,,\n");
    QVERIFY(CustomerImporter(m_admin->database()).importFile(customers, false).committed);
    // Calls of ten days ago, more than a page of them, from one caller each: in the last 30 days, not
    // the last 7.
    CallStore calls(m_admin->database());
    const QDateTime tenDaysAgo = QDateTime::currentDateTimeUtc().addDays(-10);
    for (int n = 0; n < OlderCalls; ++n) {
        CallSessionRecord session;
        session.callSid = olderSid(n + 1);
        session.from = u"+1555444%1"_s.arg(n, 4, 10, QLatin1Char('0'));
        session.to = Business;
        session.startedAt = tenDaysAgo.addSecs(n * 60);
        QVERIFY2(calls.createSession(session, &error), qPrintable(error));
        session.outcome = n % 3 == 0 ? CallOutcome::Missed : CallOutcome::Answered;
        session.durationSeconds = 30;
        session.endedAt = session.startedAt.addSecs(30);
        QVERIFY2(calls.updateSession(session, &error), qPrintable(error));
    }

    m_seatDir = std::make_unique<TempDataDir>();
    m_seatData = std::make_unique<DataDirectory>(m_seatDir->path());
    QVERIFY2(m_seatData->open(&error), qPrintable(error));
    startRouter();
}

void tst_RemoteSeat::cleanup()
{
    m_window.reset();
    m_twilio.reset();
    m_service.reset();
    m_seatData.reset();
    m_seatDir.reset();
    m_admin.reset();
    m_routerDir.reset();
    m_feedPort = 0;
}

void tst_RemoteSeat::startRouter(quint16 feedPort)
{
    m_service = std::make_unique<RouterService>(m_routerDir->path());
    m_service->enableFeed(std::pair { QHostAddress(QHostAddress::LocalHost), feedPort });
    QString error;
    QVERIFY2(m_service->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    QVERIFY2(m_service->feedServer(), qPrintable(m_service->feedProblem()));
    m_feedPort = m_service->feedServer()->port();
    m_twilio = std::make_unique<FakeTwilio>(
        QUrl(u"http://127.0.0.1:%1"_s.arg(m_service->port())), AuthToken.toUtf8());
}

void tst_RemoteSeat::stopRouter()
{
    m_twilio.reset();
    m_service.reset();
}

void tst_RemoteSeat::routeCall(const QString &callSid, const QString &from, const QString &status)
{
    const QString token = setting(u"server.webhook_token"_s);
    if (status.isEmpty()) {
        const TwilioReply reply = m_twilio->post(m_twilio->publicUrl(u"/twilio/voice/"_s + token),
            FakeTwilio::callFields(callSid, from, Business));
        QCOMPARE(reply.status, 200);
        return;
    }
    FormFields fields = FakeTwilio::callFields(callSid, from, Business, status);
    fields.append({ u"CallDuration"_s, u"42"_s });
    QCOMPARE(m_twilio->post(m_twilio->publicUrl(u"/twilio/status/"_s + token), fields).status, 200);
}

void tst_RemoteSeat::openSeat(QString token)
{
    if (token.isEmpty())
        token = setting(u"feed.view_token"_s);
    m_window = std::make_unique<RemoteSeatWindow>(m_seatData->database());
    // Tries again soon after a cut, so that a test does not wait out the usual back-off.
    m_window->feed().setReconnectSchedule({ std::chrono::milliseconds(300), std::chrono::milliseconds(1500),
        0.0, std::chrono::milliseconds(20'000) });
    QString error;
    QVERIFY2(m_window->connectTo({ address(), token, u"Reception 2"_s, {} }, &error), qPrintable(error));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_RemoteSeat::saveScreenshot(const QString &name)
{
    QTest::qWait(100); // lets the layout settle
    const QString path = QDir(QDir::tempPath()).filePath(u"switchboard-remoteseat-%1.png"_s.arg(name));
    QVERIFY(m_window->grab().save(path));
    qInfo("Screenshot: %s", qPrintable(QDir::toNativeSeparators(path)));
}

void tst_RemoteSeat::aLiveCallShowsWithItsCustomerAndStage()
{
    openSeat();
    QCOMPARE(m_window->windowTitle(), address() + u" — Switchboard"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->feed().state() == FeedClient::State::Connected, Patience);
    QVERIFY(m_window->bannerText().isEmpty());

    routeCall(FakeTwilio::newCallSid(), John);
    LiveMonitorPanel *live = m_window->liveCalls();
    QTRY_VERIFY_WITH_TIMEOUT(liveRowOf(live, u"John Roe"_s) >= 0, Patience);
    const int row = liveRowOf(live, u"John Roe"_s);
    QCOMPARE(
        live->model()->index(row, LiveCallsModel::Caller).data().toString(), u"John Roe · (555) 222-3333"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
        live->model()->index(row, LiveCallsModel::Step).data().toString().startsWith(u"Ringing"_s), Patience);
    QCOMPARE(live->model()->liveCount(), 1);
    saveScreenshot(u"live"_s);
}

void tst_RemoteSeat::aSeatCutOffSaysSoAndComesBackByItself()
{
    openSeat();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->feed().state() == FeedClient::State::Connected, Patience);
    const quint16 port = m_feedPort;

    stopRouter();
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->bannerText().startsWith(u"Cut off from 127.0.0.1:%1 — trying again"_s.arg(port)), Patience);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->bannerText().contains(u"trying again in"_s), Patience);
    saveScreenshot(u"cut-off"_s);

    // Another router on the same port, with a call going on: the seat is back by itself and shows it.
    startRouter(port);
    QCOMPARE(m_feedPort, port);
    routeCall(FakeTwilio::newCallSid(), John);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->feed().state() == FeedClient::State::Connected, Patience);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->bannerText().isEmpty(), Patience);
    QTRY_VERIFY_WITH_TIMEOUT(liveRowOf(m_window->liveCalls(), u"John Roe"_s) >= 0, Patience);
}

void tst_RemoteSeat::aRefusedTokenIsSaidPlainly()
{
    openSeat(u"not-the-token-0123456789"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->feed().state(), FeedClient::State::TokenRefused, Patience);
    QCOMPARE(m_window->bannerText(), u"The token was refused: ask for a new one."_s);
    QVERIFY(child<QPushButton>(m_window.get(), u"newToken"_s)->isVisible());
    saveScreenshot(u"token-refused"_s);
}

void tst_RemoteSeat::theCallLogListsTheRoutedCallWithItsTimeline()
{
    openSeat();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->feed().state() == FeedClient::State::Connected, Patience);
    const QString callSid = FakeTwilio::newCallSid();
    routeCall(callSid, John);
    routeCall(callSid, John, u"completed"_s);
    QVERIFY(QTest::qWaitFor([this] { return m_service->callLog()->isCaughtUp(); }, Patience));

    m_window->showSection(u"calls"_s);
    RemoteCallLogPanel *log = m_window->callLog();
    // The newest call, the routed one, is listed first; picked, it is shown.
    QTRY_COMPARE_WITH_TIMEOUT(log->model()->sessionAt(0).callSid, callSid, Patience);
    child<QTableView>(log, u"callTable"_s)->selectRow(0);
    QTRY_COMPARE_WITH_TIMEOUT(log->shownCall(), callSid, Patience);
    QTRY_VERIFY_WITH_TIMEOUT(
        child<QLabel>(log, u"detailTitle"_s)->text() == u"(555) 222-3333 · John Roe"_s, Patience);
    QVERIFY(log->model()->index(0, CallLogModel::CallerColumn).data().toString().contains(u"John Roe"_s));
    const QString summary = child<QLabel>(log, u"detailSummary"_s)->text();
    QVERIFY2(summary.contains(u"Called (555) 765-4321"_s), qPrintable(summary));
    QVERIFY2(summary.contains(u"Duration: 0:42"_s), qPrintable(summary));
    auto *timeline = child<QTableWidget>(log, u"timeline"_s);
    QTRY_VERIFY_WITH_TIMEOUT(timeline->rowCount() >= 2, Patience);
    QCOMPARE(timeline->item(0, 1)->text(), CallLogWords::step(Step::CallReceived));
    // Numbers in the router's sentences read the practice's way, as in the local call log.
    bool fallbackNamed = false;
    for (int row = 0; row < timeline->rowCount(); ++row)
        fallbackNamed = fallbackNamed || timeline->item(row, 4)->text().contains(u"(555) 000-9999"_s);
    QVERIFY(fallbackNamed);
    QVERIFY(log->problem().isEmpty());
    saveScreenshot(u"call-log"_s);
}

void tst_RemoteSeat::theCallLogFiltersAndReadsOlderCallsPageByPage()
{
    openSeat();
    m_window->showSection(u"calls"_s);
    RemoteCallLogPanel *log = m_window->callLog();
    QTRY_COMPARE_WITH_TIMEOUT(log->model()->rowCount(), RemoteCallLogPanel::PageSize, Patience);
    auto *loadMore = child<QPushButton>(log, u"loadMore"_s);
    QVERIFY(loadMore->isEnabled());
    QCOMPARE(log->model()->sessionAt(0).callSid, olderSid(OlderCalls));

    loadMore->click();
    QTRY_COMPARE_WITH_TIMEOUT(log->model()->rowCount(), OlderCalls, Patience);
    QCOMPARE(log->model()->sessionAt(OlderCalls - 1).callSid, olderSid(1));
    QVERIFY(!loadMore->isEnabled());

    // The caller filter as a person types a number; then only the missed calls.
    child<QLineEdit>(log, u"callerFilter"_s)->setText(u"(555) 444-0003"_s);
    QTRY_COMPARE_WITH_TIMEOUT(log->model()->rowCount(), 1, Patience);
    QCOMPARE(log->model()->sessionAt(0).from, u"+15554440003"_s);
    child<QLineEdit>(log, u"callerFilter"_s)->clear();
    auto *outcome = child<QComboBox>(log, u"outcomeFilter"_s);
    outcome->setCurrentIndex(outcome->findData(QVariant::fromValue(CallOutcome::Missed)));
    QTRY_COMPARE_WITH_TIMEOUT(log->model()->rowCount(), (OlderCalls + 2) / 3, Patience);
    for (int row = 0; row < log->model()->rowCount(); ++row)
        QCOMPARE(log->model()->sessionAt(row).outcome, CallOutcome::Missed);
}

void tst_RemoteSeat::statisticsCountTheCalls()
{
    openSeat();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->feed().state() == FeedClient::State::Connected, Patience);
    for (int n = 0; n < 2; ++n) {
        const QString callSid = FakeTwilio::newCallSid();
        routeCall(callSid, John);
        routeCall(callSid, John, u"completed"_s);
    }
    QVERIFY(QTest::qWaitFor([this] { return m_service->callLog()->isCaughtUp(); }, Patience));

    m_window->showSection(u"stats"_s);
    StatsPanel *stats = m_window->statistics();
    // The older calls and the two routed today, counted by the other Switchboard.
    QTRY_COMPARE_WITH_TIMEOUT(stats->stats().total, OlderCalls + 2, Patience);
    QVERIFY(stats->stats().byOutcome.value(CallOutcome::Missed) >= (OlderCalls + 2) / 3);
    QVERIFY(!stats->showsNoCalls());
    const QString figures = child<QLabel>(stats, u"figures"_s)->text();
    QVERIFY2(figures.contains(u"<b>%1</b> calls"_s.arg(OlderCalls + 2)), qPrintable(figures));
    QVERIFY(stats->stats().perDay.size() >= 29);
    saveScreenshot(u"statistics"_s);

    // A shorter range holds only today's calls.
    stats->setRangeDays(7);
    QTRY_COMPARE_WITH_TIMEOUT(stats->stats().total, 2, Patience);
}

void tst_RemoteSeat::watchingOnlyUnlessTheTokenMayAct()
{
    routeCall(FakeTwilio::newCallSid(), John);
    openSeat();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->feed().state() == FeedClient::State::Connected, Patience);
    QTRY_VERIFY_WITH_TIMEOUT(liveRowOf(m_window->liveCalls(), u"John Roe"_s) >= 0, Patience);
    QVERIFY(!m_window->canAct());
    QCOMPARE(m_window->roleText(), u"Watching only"_s);
    QVERIFY(child<QPushButton>(m_window->liveCalls(), u"hangUp"_s)->isHidden());

    openSeat(setting(u"feed.control_token"_s));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->canAct(), Patience);
    QCOMPARE(m_window->seatName(), u"Reception 2"_s);
    QVERIFY(m_window->roleText().contains(u"Reception 2"_s));
    // Its Hang up reaches the other Switchboard, whose answer is shown (this one has no Twilio account).
    LiveMonitorPanel *live = m_window->liveCalls();
    QVERIFY(!child<QPushButton>(live, u"hangUp"_s)->isHidden());
    QTRY_VERIFY_WITH_TIMEOUT(liveRowOf(live, u"John Roe"_s) >= 0, Patience);
    live->findChild<QTableView *>()->selectRow(liveRowOf(live, u"John Roe"_s));
    QVERIFY(live->hangUpSelected(false));
    auto *result = child<QLabel>(live, u"actionResult"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!result->isHidden(), Patience);
    QVERIFY2(result->text().contains(u"account SID"_s), qPrintable(result->text()));
}

void tst_RemoteSeat::aSeatThatMayActCallsBack()
{
    // The other Switchboard's plan names a staff member and a team.
    stopRouter();
    RoutingModel model = PlanDocument::defaultModel(u"+15550009999"_s, QTimeZone::systemTimeZone());
    StaffMember alice;
    alice.id = u"alice"_s;
    alice.name = u"Alice Ng"_s;
    alice.phone = u"+15557770001"_s;
    model.staff.append(alice);
    Team front;
    front.id = u"front"_s;
    front.name = u"Front desk"_s;
    front.tiers = { { u"alice"_s } };
    model.teams.append(front);
    QString error;
    QVERIFY2(RoutingPlanStore(m_admin->database()).save(PlanDocument::toJson(model), &error), qPrintable(error));
    startRouter();

    // A seat that may only watch is not told who works there, and offers no call-back.
    openSeat();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->callLog()->callBackTarget().has_value(), Patience);
    QVERIFY(!m_window->callLog()->callBackAction()->isEnabled());
    QVERIFY(m_window->seatInfo().staff.isEmpty());
    m_window->callBack(*m_window->callLog()->callBackTarget());
    QVERIFY(!m_window->findChild<CallBackDialog *>());

    openSeat(setting(u"feed.control_token"_s));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->canAct(), Patience);
    QCOMPARE(m_window->seatInfo().staff, (QList<SeatChoice> { { u"alice"_s, u"Alice Ng"_s } }));
    QCOMPARE(m_window->seatInfo().teams, (QList<SeatChoice> { { u"front"_s, u"Front desk"_s } }));
    RemoteCallLogPanel *log = m_window->callLog();
    QTRY_VERIFY_WITH_TIMEOUT(log->callBackTarget().has_value(), Patience);
    QVERIFY(log->callBackAction()->isEnabled());
    log->callBackAction()->trigger();
    auto *dialog = m_window->findChild<CallBackDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->staffId(), u"alice"_s);
    const FeedCommand command = dialog->command({}, m_window->seatName());
    QCOMPARE(command.callSid, log->shownCall());
    QVERIFY2(dialog->problem().isEmpty(), qPrintable(dialog->problem()));
    QSignalSpy accepted(dialog, &QDialog::accepted);
    dialog->accept();
    QCOMPARE(accepted.size(), 1);
    // The other Switchboard has no Twilio account: its answer is shown in plain words.
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->callBackResultText().startsWith(u"The call-back did not start: "_s),
        qPrintable(u"result \"%1\", feed %2"_s.arg(m_window->callBackResultText()).arg(int(m_window->feed().state()))),
        Patience);
}

// A second window, as on another desk, hangs up a call the first Switchboard routed: Twilio is asked to end
// it, and the call's timeline says who did, for every seat.
void tst_RemoteSeat::aSeatThatMayActHangsUpACallRoutedThere()
{
    const QString accountSid = u"AC0123456789abcdef0123456789abcdef"_s;
    FakeTwilioRest rest(accountSid, AuthToken.toUtf8());
    QVERIFY(rest.listen());
    QString error;
    QVERIFY2(m_admin->settings().set(u"twilio.account_sid"_s, accountSid, &error), qPrintable(error));
    QVERIFY2(m_admin->settings().set(u"twilio.api_base"_s, rest.baseUrl().toString(), &error), qPrintable(error));
    const QString callSid = FakeTwilio::newCallSid();
    rest.addCall(callSid, u"in-progress"_s, -1, {}, John, Business);
    routeCall(callSid, John);

    openSeat(setting(u"feed.control_token"_s));
    QList<FeedMessage> received;
    connect(&m_window->feed(), &FeedClient::messageReceived, this,
        [&received](const FeedMessage &message, const QByteArray &) { received.append(message); });
    QTRY_VERIFY_WITH_TIMEOUT(m_window->canAct(), Patience);
    LiveMonitorPanel *live = m_window->liveCalls();
    QTRY_VERIFY_WITH_TIMEOUT(liveRowOf(live, u"John Roe"_s) >= 0, Patience);
    live->findChild<QTableView *>()->selectRow(liveRowOf(live, u"John Roe"_s));
    QVERIFY(live->hangUpSelected(false));

    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(received.cbegin(), received.cend(), [&](const FeedMessage &message) {
        return message.type == FeedMessage::Type::Event && message.event.callSid == callSid
            && message.event.detail == u"Reception 2 hung up the call."_s;
    }), Patience);
    const QList<FakeTwilioRest::Request> requests = rest.requests();
    QVERIFY(std::any_of(requests.cbegin(), requests.cend(), [&](const FakeTwilioRest::Request &request) {
        return request.pathAndQuery.endsWith(u"/Calls/%1.json"_s.arg(callSid)) && request.value(u"Status"_s) == u"completed"_s;
    }));
    QVERIFY(child<QLabel>(live, u"actionResult"_s)->isHidden());
}

void tst_RemoteSeat::aSelfSignedCertificateIsShownAndTrusted()
{
    const TestCertificate certificate = TestCertificate::selfSigned();
    QVERIFY(!certificate.certificate.isNull());
    const QString certFile = m_routerDir->writeFile(u"feed.crt"_s, certificate.certificate.toPem());
    const QString keyFile = m_routerDir->writeFile(u"feed.key"_s, certificate.key.toPem());
    QString error;
    QVERIFY2(m_admin->settings().set(u"feed.tls_cert"_s, certFile, &error), qPrintable(error));
    QVERIFY2(m_admin->settings().set(u"feed.tls_key"_s, keyFile, &error), qPrintable(error));
    stopRouter();
    startRouter();
    QVERIFY(m_service->feedServer()->usesTls());

    m_window = std::make_unique<RemoteSeatWindow>(m_seatData->database());
    QSignalSpy trusted(m_window.get(), &RemoteSeatWindow::certificateTrusted);
    const QString wss = u"wss://"_s + address();
    QVERIFY2(m_window->connectTo({ wss, setting(u"feed.view_token"_s), u"Reception 2"_s, {} }, &error),
        qPrintable(error));
    m_window->show();
    const QString fingerprint
        = CertificateFingerprint::text(CertificateFingerprint::sha256(certificate.certificate));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->bannerText().contains(fingerprint), Patience);
    QVERIFY(m_window->bannerText().contains(u"not trusted"_s));
    saveScreenshot(u"certificate"_s);

    child<QPushButton>(m_window.get(), u"trustCertificate"_s)->click();
    QCOMPARE(trusted.size(), 1);
    QCOMPARE(trusted.at(0).at(0).toString(), wss);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->feed().state() == FeedClient::State::Connected, Patience);
    QVERIFY(m_window->bannerText().isEmpty());
    // The API, too, takes the certificate now.
    m_window->showSection(u"calls"_s);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_window->callLog()->model()->rowCount(), RemoteCallLogPanel::PageSize, Patience);
}

void tst_RemoteSeat::theDialogRemembersTheTokenSealed()
{
    const QString token = setting(u"feed.view_token"_s);
    auto state = std::make_unique<UiState>(m_seatData->path());
    auto memory = std::make_unique<RemoteSeatMemory>(*state, m_seatData->secretBox());
    memory->forget();
    {
        RemoteSeatDialog dialog(*memory);
        // A new seat goes by this computer's name.
        QCOMPARE(child<QLineEdit>(&dialog, u"seatName"_s)->text(), QSysInfo::machineHostName());
        QVERIFY(!child<QPushButton>(&dialog, u"forget"_s)->isEnabled());
        child<QLineEdit>(&dialog, u"address"_s)->setText(u"ftp://nowhere"_s);
        child<QLineEdit>(&dialog, u"seatName"_s)->clear();
        QVERIFY(!dialog.validate());
        QVERIFY2(dialog.addressProblem().contains(u"ws://"_s), qPrintable(dialog.addressProblem()));
        QVERIFY2(dialog.tokenProblem().contains(u"empty"_s), qPrintable(dialog.tokenProblem()));
        QVERIFY(!dialog.seatNameProblem().isEmpty());
        // The problems make room for themselves.
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::qWait(50);
        const QStringList problems = LayoutCheck::problems(&dialog);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n"_s)));
        QVERIFY(dialog.grab().save(
            QDir(QDir::tempPath()).filePath(u"switchboard-remoteseat-dialog-problems.png"_s)));
        child<QLineEdit>(&dialog, u"address"_s)->setText(address());
        child<QLineEdit>(&dialog, u"token"_s)->setText(u"  "_s + token + u"\n"_s);
        child<QLineEdit>(&dialog, u"seatName"_s)->setText(u"Reception 2"_s);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.settings().token, token);
    }
    // Written out (as when the app ends): the address is there, the token nowhere in plain text.
    memory.reset();
    state.reset();
    QFile written(QSettings(u"Switchboard"_s, u"Switchboard"_s).fileName());
    QVERIFY2(written.open(QIODevice::ReadOnly), qPrintable(written.fileName()));
    const QByteArray contents = written.readAll();
    QVERIFY(contents.contains(address().toUtf8()));
    QVERIFY(!contents.contains(token.toUtf8()));

    state = std::make_unique<UiState>(m_seatData->path());
    memory = std::make_unique<RemoteSeatMemory>(*state, m_seatData->secretBox());
    memory->trustCertificate(address(), QByteArray(32, '\x3a'));
    {
        RemoteSeatDialog again(*memory);
        QCOMPARE(child<QLineEdit>(&again, u"address"_s)->text(), address());
        QCOMPARE(child<QLineEdit>(&again, u"token"_s)->text(), token);
        QCOMPARE(child<QLineEdit>(&again, u"seatName"_s)->text(), u"Reception 2"_s);
        QVERIFY(child<QLabel>(&again, u"trustedCertificate"_s)->text().contains(u"3A:3A:3A"_s));
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        const QStringList problems = LayoutCheck::problems(&again);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n"_s)));
        const QString path = QDir(QDir::tempPath()).filePath(u"switchboard-remoteseat-dialog.png"_s);
        QVERIFY(again.grab().save(path));
        qInfo("Screenshot: %s", qPrintable(QDir::toNativeSeparators(path)));
        QCOMPARE(again.settings().trustedCertificate, QByteArray(32, '\x3a'));
        // Another address does not take the certificate with it.
        child<QLineEdit>(&again, u"address"_s)->setText(u"192.168.1.20:8081"_s);
        QVERIFY(again.settings().trustedCertificate.isEmpty());
        child<QPushButton>(&again, u"forget"_s)->click();
        QVERIFY(child<QLineEdit>(&again, u"address"_s)->text().isEmpty());
        QVERIFY(child<QLineEdit>(&again, u"token"_s)->text().isEmpty());
    }
    QVERIFY(memory->isEmpty());
    QVERIFY(memory->recall().token.isEmpty());
}

void tst_RemoteSeat::theMainWindowOffersIt()
{
    RouterHost host(m_seatDir->path());
    MainWindow window(*m_seatData, host);
    QAction *action = child<QAction>(&window, u"connectToAnotherSwitchboard"_s);
    QVERIFY(action);
    QCOMPARE(action->text(), u"&Connect to another Switchboard…"_s);
    action->trigger();
    auto *dialog = window.findChild<RemoteSeatDialog *>();
    QVERIFY(dialog);
    dialog->reject();

    RemoteSeatWindow *seat
        = window.openRemoteSeat({ address(), setting(u"feed.view_token"_s), u"Reception 2"_s, {} });
    QVERIFY(seat);
    QCOMPARE(window.remoteSeat(), seat);
    QTRY_VERIFY_WITH_TIMEOUT(seat->feed().state() == FeedClient::State::Connected, Patience);
}

void tst_RemoteSeat::nothingIsCutOffAt1280x800()
{
    openSeat();
    routeCall(FakeTwilio::newCallSid(), John);
    QTRY_VERIFY_WITH_TIMEOUT(liveRowOf(m_window->liveCalls(), u"John Roe"_s) >= 0, Patience);
    m_window->resize(1280, 800);
    for (const QString &section : { u"live"_s, u"calls"_s, u"stats"_s }) {
        m_window->showSection(section);
        QTest::qWait(200);
        const QStringList problems = LayoutCheck::problems(m_window.get());
        QVERIFY2(problems.isEmpty(), qPrintable(section + u": "_s + problems.join(u"\n"_s)));
    }
    // With the banner showing too.
    stopRouter();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->bannerText().contains(u"trying again in"_s), Patience);
    const QStringList problems = LayoutCheck::problems(m_window.get());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n"_s)));
}

QTEST_MAIN(tst_RemoteSeat)
#include "tst_remoteseat.moc"
