// The desktop window offscreen: the router on its own thread, the status bar's facts, pausing
// routing, a real webhook call followed from the live monitor to the call log and the statistics,
// one app per data folder.
#include "calls/callbackdialog.h"
#include "calls/calllogmodel.h"
#include "calls/calllogpanel.h"
#include "calls/livecallsmodel.h"
#include "calls/livemonitorpanel.h"
#include "calls/statspanel.h"
#include "datadir/datadirectory.h"
#include "desktop/singleinstance.h"
#include "desktop/uistate.h"
#include "faketwilio.h"
#include "faketwiliorest.h"
#include "plan/plandraft.h"
#include "routing/feedsessionfromcall.h"
#include "server/routerhost.h"
#include "settings/settings.h"
#include "setup/setupassistant.h"
#include "shell/aboutdialog.h"
#include "shell/mainwindow.h"
#include "shell/setupguide.h"
#include "storage/callstore.h"
#include "tempdatadir.h"

#include <QAbstractButton>
#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextBrowser>
#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QSignalSpy>
#include <QPushButton>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
const QString AuthToken = u"test-auth-token-0123456789"_s;

// Once the next message box is up, records its text (and informative text) and clicks the button
// with this label.
void clickInNextBox(QObject *context, const QString &label, QStringList *asked)
{
    QTimer::singleShot(0, context, [label, asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        asked->append(box->text() + u' ' + box->informativeText());
        for (QAbstractButton *button : box->buttons()) {
            if (button->text() == label) {
                button->click();
                return;
            }
        }
        asked->append(u"(no button %1)"_s.arg(label));
        box->reject();
    });
}

CallSessionRecord liveCall(const QString &callSid)
{
    CallSessionRecord session;
    session.callSid = callSid;
    session.from = u"+15551112222"_s;
    session.to = u"+15557654321"_s;
    session.startedAt = QDateTime::currentDateTimeUtc();
    session.stage = CallStage::Answered;
    return session;
}
}

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void statusBarSaysWhereTheRouterListens();
    void aChangedSettingMovesTheRouterAndTheStatusBarFollows();
    void pausingRoutingIsStoredAndShown();
    void callLogProblemIsShownUntilItIsSolved();
    void liveMonitorFollowsAWebhookCall();
    void finishedCallsLeaveTheMonitorAfterAWhile();
    void numbersFollowThePracticesRegion();
    void theFrontDeskCallsACustomerBack();
    void openStatisticsFollowTheCalls();
    void newCallNoticeIsRemembered();
    void oneAppPerDataFolder();
    void quittingAsksAboutUnsavedPlanChanges();
    void closingWithoutATrayAsksAndKeepsAnswering();
    void closingWithoutATrayCanQuit();
    void quittingWithLiveCallsWaitsForThemToEnd();
    void setupRunsTheAssistantAgain();
    void helpHasTheGuideAndAbout();
    void everyPanelHasItsTitleAndIcon();

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_data;
    std::unique_ptr<RouterHost> m_router;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    QStandardPaths::setTestModeEnabled(
        true); // the window's remembered layout stays out of the user's settings
    m_dir = std::make_unique<TempDataDir>();
    m_data = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_data->open(&error), qPrintable(error));
    QVERIFY(m_data->settings().set(u"twilio.auth_token"_s, AuthToken, &error));
    QVERIFY(m_data->settings().set(u"routing.enabled"_s, u"true"_s, &error));
    QVERIFY(m_data->settings().set(u"routing.fallback_number"_s, u"+15550009999"_s, &error));
    QVERIFY(m_data->settings().set(u"server.public_url"_s, u"https://desk.example.com"_s, &error));
    m_router = std::make_unique<RouterHost>(m_dir->path());
    QSignalSpy started(m_router.get(), &RouterHost::started);
    m_router->start(QHostAddress::LocalHost, 0);
    QVERIFY(started.wait(10000));
    m_window = std::make_unique<MainWindow>(*m_data, *m_router);
    m_window->show();
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_router.reset();
    m_data.reset();
    m_dir.reset();
}

void TestMainWindow::statusBarSaysWhereTheRouterListens()
{
    QVERIFY2(m_window->listeningText().contains(u"127.0.0.1:%1"_s.arg(m_router->port())),
        qPrintable(m_window->listeningText()));
    const QString token = *m_data->settings().value(u"server.webhook_token"_s);
    QCOMPARE(m_window->webhookText(), u"Webhook URL: https://desk.example.com/twilio/voice/"_s + token);
    QCOMPARE(m_window->routingText(), u"Routing on"_s);
    QVERIFY(m_window->panelIds().contains(u"live"_s));
}

void TestMainWindow::aChangedSettingMovesTheRouterAndTheStatusBarFollows()
{
    // A router that follows server.listen, as the desktop app starts it.
    m_window.reset();
    m_router.reset();
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 first = probe.serverPort();
    probe.close();
    QString error;
    QVERIFY(m_data->settings().set(u"server.listen"_s, u"127.0.0.1:%1"_s.arg(first), &error));
    m_router = std::make_unique<RouterHost>(m_dir->path());
    QSignalSpy started(m_router.get(), &RouterHost::started);
    m_router->start(QHostAddress::LocalHost, first, true);
    QVERIFY(started.wait(10000));
    m_window = std::make_unique<MainWindow>(*m_data, *m_router);
    m_window->show();
    QVERIFY2(m_window->listeningText().contains(u"127.0.0.1:%1"_s.arg(first)), qPrintable(m_window->listeningText()));

    // No restart, no polling: saved, and the router and the status bar move.
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 second = probe.serverPort();
    probe.close();
    QVERIFY(m_data->settings().set(u"server.listen"_s, u"127.0.0.1:%1"_s.arg(second), &error));
    QTRY_COMPARE_WITH_TIMEOUT(m_router->port(), second, 10000);
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->listeningText().contains(u"127.0.0.1:%1"_s.arg(second)),
        qPrintable(m_window->listeningText()), 10000);
    QVERIFY(m_data->settings().set(u"server.public_url"_s, u"https://calls.example.org"_s, &error));
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->webhookText().startsWith(u"Webhook URL: https://calls.example.org/"_s),
        qPrintable(m_window->webhookText()), 10000);

    // A taken address: the router stays, and the status bar says why.
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    QVERIFY(m_data->settings().set(u"server.listen"_s, u"127.0.0.1:%1"_s.arg(probe.serverPort()), &error));
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->listeningText().contains(u"still listening on 127.0.0.1:%1"_s.arg(second)),
        qPrintable(m_window->listeningText()), 10000);
    QCOMPARE(m_router->port(), second);
}

void TestMainWindow::callLogProblemIsShownUntilItIsSolved()
{
    QVERIFY(m_window->callLogProblemText().isEmpty());
    const QString problem = u"The call log cannot be saved (No space left on device). Calls are still answered."_s;
    Q_EMIT m_router->callLogProblemChanged(problem);
    QVERIFY(m_window->callLogProblemText().contains(u"No space left on device"_s));
    Q_EMIT m_router->callLogProblemChanged(QString());
    QVERIFY(m_window->callLogProblemText().isEmpty());
}

void TestMainWindow::pausingRoutingIsStoredAndShown()
{
    QString error;
    QVERIFY2(m_window->setRoutingEnabled(false, &error), qPrintable(error));
    QCOMPARE(m_window->routingText(), u"Routing paused"_s);
    QCOMPARE(m_data->settings().value(u"routing.enabled"_s).value_or(QString()), u"false"_s);
    QVERIFY(m_window->setRoutingEnabled(true, &error));
    QCOMPARE(m_window->routingText(), u"Routing on"_s);
}

void TestMainWindow::liveMonitorFollowsAWebhookCall()
{
    LiveCallsModel *live = m_window->liveMonitor()->model();
    QCOMPARE(live->rowCount(), 0);
    FakeTwilio twilio(QUrl(u"http://127.0.0.1:%1"_s.arg(m_router->port())), AuthToken.toUtf8(),
        QUrl(u"https://desk.example.com"_s));
    const QString token = *m_data->settings().value(u"server.webhook_token"_s);
    const QString sid = FakeTwilio::newCallSid();
    QElapsedTimer sinceAnswer;
    const TwilioReply reply = twilio.post(twilio.publicUrl(u"/twilio/voice/"_s + token),
        FakeTwilio::callFields(sid, u"+15551112222"_s, u"+15557654321"_s));
    sinceAnswer.start();
    QCOMPARE(reply.status, 200);
    // The window hears of the call from the router thread once it is stored.
    QTRY_COMPARE_WITH_TIMEOUT(live->rowCount(), 1, 5000);
    qInfo() << "The live monitor showed the call" << sinceAnswer.elapsed()
            << "ms after the webhook's answer.";
    QCOMPARE(live->liveCount(), 1);
    QCOMPARE(live->data(live->index(0, LiveCallsModel::Caller)).toString(), u"(555) 111-2222"_s);
    QCOMPARE(live->data(live->index(0, LiveCallsModel::Step)).toString(), u"Ringing the fallback number"_s);

    FormFields status = FakeTwilio::callFields(sid, u"+15551112222"_s, u"+15557654321"_s, u"completed"_s);
    status.append({ u"CallDuration"_s, u"30"_s });
    QCOMPARE(twilio.post(twilio.publicUrl(u"/twilio/status/"_s + token), status).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(live->liveCount(), 0, 5000);
    QCOMPARE(live->rowCount(), 1); // the finished call stays a while with its outcome
    QCOMPARE(live->data(live->index(0, LiveCallsModel::Outcome)).toString(), u"Missed"_s);

    // Then in the call log, with its timeline, and in the statistics.
    auto *callLog = qobject_cast<CallLogPanel *>(m_window->panel(u"calls"_s));
    QVERIFY(callLog);
    auto *table = callLog->findChild<QTableView *>(u"callTable"_s);
    QVERIFY(table);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 5000);
    QCOMPARE(static_cast<CallLogModel *>(table->model())->sessionAt(0).callSid, sid);
    table->selectRow(0);
    auto *timeline = callLog->findChild<QTableWidget *>(u"timeline"_s);
    QVERIFY(timeline);
    QTRY_VERIFY(timeline->rowCount() >= 3);
    QStringList steps;
    for (int row = 0; row < timeline->rowCount(); ++row)
        steps << timeline->item(row, 1)->text();
    QVERIFY2(steps.join(u',').contains(u"Call received"_s), qPrintable(steps.join(u',')));

    auto *stats = qobject_cast<StatsPanel *>(m_window->panel(u"stats"_s));
    QVERIFY(stats);
    m_window->showPanel(u"stats"_s);
    stats->refresh();
    QCOMPARE(stats->stats().total, 1);
    QCOMPARE(stats->stats().byOutcome.value(CallOutcome::Missed), 1);
    QCOMPARE(stats->stats().callBack.size(), 1);
    QCOMPARE(stats->stats().callBack.first().from, u"+15551112222"_s);
}

void TestMainWindow::theFrontDeskCallsACustomerBack()
{
    const QString accountSid = u"AC0123456789abcdef0123456789abcdef"_s;
    const QString business = u"+15557654321"_s;
    const CallBackTarget jane { {}, u"+15551234567"_s, u"Jane Doe"_s };
    QSignalSpy finished(m_router.get(), &RouterHost::commandFinished);
    // The panels offer it while the router runs.
    auto *callLog = m_window->panel(u"calls"_s)->findChild<QPushButton *>(u"callBackButton"_s);
    QVERIFY(callLog);
    QVERIFY(!callLog->isEnabled()); // no call selected yet

    // Without a Twilio account the router cannot place the call: the status bar says why.
    m_window->callBack(jane);
    auto *dialog = m_window->findChild<CallBackDialog *>();
    QVERIFY(dialog);
    dialog->chooseOtherPhone(u"(555) 000-1111"_s);
    dialog->accept();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QVERIFY(!finished.at(0).at(1).toBool());
    QVERIFY2(m_window->callBackResultText().startsWith(u"The call-back did not start: "_s),
        qPrintable(m_window->callBackResultText()));
    // The live calls panel's own result line is for what was done there.
    QVERIFY(m_window->liveMonitor()->findChild<QLabel *>(u"actionResult"_s)->isHidden());

    FakeTwilioRest rest(accountSid, AuthToken.toUtf8());
    QVERIFY(rest.listen());
    rest.addNumber(business, u"Main line"_s);
    QString error;
    QVERIFY(m_data->settings().set(u"twilio.account_sid"_s, accountSid, &error));
    QVERIFY(m_data->settings().set(u"twilio.api_base"_s, rest.baseUrl().toString(), &error));
    QVERIFY(m_data->settings().set(u"twilio.numbers"_s, business, &error));
    QTRY_VERIFY(!m_window->findChild<CallBackDialog *>());
    m_window->callBack(jane);
    dialog = m_window->findChild<CallBackDialog *>();
    QVERIFY(dialog);
    // The phone chosen last time is offered again.
    QCOMPARE(dialog->otherPhone(), u"+15550001111"_s);
    dialog->accept();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    QVERIFY2(finished.at(1).at(1).toBool(), qPrintable(finished.at(1).at(2).toString()));
    QCOMPARE(m_window->callBackResultText(), u"Ringing your phone…"_s);
    // Twilio was asked to ring the chosen phone first, from the business number.
    const QList<FakeTwilioRest::Request> requests = rest.requests();
    QVERIFY(std::any_of(requests.cbegin(), requests.cend(), [&](const FakeTwilioRest::Request &request) {
        return request.method == "POST" && request.pathAndQuery.endsWith(u"/Calls.json"_s)
            && request.value(u"To"_s) == u"+15550001111"_s && request.value(u"From"_s) == business;
    }));
}

void TestMainWindow::openStatisticsFollowTheCalls()
{
    auto *stats = qobject_cast<StatsPanel *>(m_window->panel(u"stats"_s));
    QVERIFY(stats);
    // The window first goes back to the panel it last showed; then the statistics are opened.
    QCoreApplication::processEvents();
    m_window->showPanel(u"stats"_s);
    QVERIFY(stats->isVisible());
    QCOMPARE(stats->stats().total, 0);
    QVERIFY(stats->showsNoCalls());

    // A call comes in and ends while the statistics are on screen: they follow, nobody clicks.
    FakeTwilio twilio(QUrl(u"http://127.0.0.1:%1"_s.arg(m_router->port())), AuthToken.toUtf8(),
        QUrl(u"https://desk.example.com"_s));
    const QString token = *m_data->settings().value(u"server.webhook_token"_s);
    const QString sid = FakeTwilio::newCallSid();
    const FormFields call = FakeTwilio::callFields(sid, u"+15551112222"_s, u"+15557654321"_s);
    QCOMPARE(twilio.post(twilio.publicUrl(u"/twilio/voice/"_s + token), call).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(stats->stats().byOutcome.value(CallOutcome::Ongoing), 1, 10000);
    QVERIFY(!stats->showsNoCalls());
    FormFields status = FakeTwilio::callFields(sid, u"+15551112222"_s, u"+15557654321"_s, u"completed"_s);
    status.append({ u"CallDuration"_s, u"30"_s });
    QCOMPARE(twilio.post(twilio.publicUrl(u"/twilio/status/"_s + token), status).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(stats->stats().byOutcome.value(CallOutcome::Missed), 1, 10000);
    QCOMPARE(stats->stats().byOutcome.value(CallOutcome::Ongoing), 0);
    QCOMPARE(stats->stats().total, 1);
    const QString figures = stats->findChild<QLabel *>(u"figures"_s)->text();
    QVERIFY2(figures.contains(u"<b>1</b> calls"_s), qPrintable(figures));
    QVERIFY2(figures.contains(u"missed <b>100%</b>"_s), qPrintable(figures));
}

void TestMainWindow::finishedCallsLeaveTheMonitorAfterAWhile()
{
    LiveCallsModel model;
    CallSessionRecord session;
    session.callSid = u"CA1"_s;
    session.from = u"+15551112222"_s;
    session.startedAt = QDateTime::currentDateTimeUtc().addSecs(-100);
    session.stage = CallStage::Menu;
    QSignalSpy started(&model, &LiveCallsModel::callStarted);
    model.updateSession(session);
    QCOMPARE(started.size(), 1);
    QCOMPARE(model.data(model.index(0, LiveCallsModel::Step)).toString(), u"In the menu"_s);
    session.endedAt = QDateTime::currentDateTimeUtc();
    session.outcome = CallOutcome::Answered;
    model.updateSession(session);
    model.tick(session.endedAt.addSecs(LiveCallsModel::KeepFinishedSeconds - 1));
    QCOMPARE(model.rowCount(), 1);
    model.tick(session.endedAt.addSecs(LiveCallsModel::KeepFinishedSeconds + 1));
    QCOMPARE(model.rowCount(), 0);
}

void TestMainWindow::numbersFollowThePracticesRegion()
{
    CallSessionRecord session;
    session.callSid = u"CA00000000000000000000000000000001"_s;
    session.from = u"+15551112222"_s;
    session.to = u"+15557654321"_s;
    session.startedAt = QDateTime::currentDateTimeUtc().addSecs(-10);
    session.stage = CallStage::Menu;
    QString error;
    QVERIFY2(CallStore(m_data->database()).createSession(session, &error), qPrintable(error));
    m_window->liveMonitor()->model()->updateSession(session);
    auto *callLog = qobject_cast<CallLogPanel *>(m_window->panel(u"calls"_s));
    QVERIFY(callLog);
    callLog->refresh();
    auto *table = callLog->findChild<QTableView *>(u"callTable"_s);
    QVERIFY(table);
    QCOMPARE(table->model()->rowCount(), 1);
    LiveCallsModel *live = m_window->liveMonitor()->model();
    QCOMPARE(live->data(live->index(0, LiveCallsModel::Caller)).toString(), u"(555) 111-2222"_s);
    QCOMPARE(table->model()->index(0, CallLogModel::CalledColumn).data().toString(), u"(555) 765-4321"_s);

    // Saved by any program: the window's panels read numbers the new region's way.
    QVERIFY2(m_data->settings().set(u"routing.default_region"_s, u"GB"_s, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(live->data(live->index(0, LiveCallsModel::Caller)).toString(), u"+1 555-111-2222"_s, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(
        table->model()->index(0, CallLogModel::CalledColumn).data().toString(), u"+1 555-765-4321"_s, 10000);
    QVERIFY(table->model()->index(0, CallLogModel::CallerColumn).data().toString().startsWith(u"+1 555-111-2222"_s));
}

void TestMainWindow::newCallNoticeIsRemembered()
{
    QAction *notify = nullptr;
    for (QAction *action : m_window->findChildren<QAction *>()) {
        if (action->text() == u"&Notify of new calls"_s)
            notify = action;
    }
    QVERIFY(notify);
    QVERIFY(!notify->isChecked());
    notify->setChecked(true);
    QVERIFY(UiState(m_dir->path()).notifyNewCalls());
    notify->setChecked(false);
    QVERIFY(!UiState(m_dir->path()).notifyNewCalls());
}

void TestMainWindow::oneAppPerDataFolder()
{
    SingleInstance first(m_dir->path());
    QVERIFY(first.claim());
    QSignalSpy asked(&first, &SingleInstance::activationRequested);
    SingleInstance second(m_dir->path());
    QVERIFY(!second.claim());
    QVERIFY(asked.wait(3000));
}

void TestMainWindow::quittingAsksAboutUnsavedPlanChanges()
{
    PlanDraft *draft = m_window->planDraft();
    draft->edit([](RoutingModel &model) { model.block = CallerList({ u"+1900"_s }); });
    QStringList asked;
    // Cancel: the window stays, with the changes.
    QTimer::singleShot(0, this, [&] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            asked.append(box->text());
            box->button(QMessageBox::Cancel)->click();
        }
    });
    m_window->quitApp();
    QCOMPARE(asked.size(), 1);
    QVERIFY2(asked.first().contains(u"not saved"_s), qPrintable(asked.first()));
    QVERIFY(draft->isModified());

    // Save with a fault: nothing is saved, the app stays, and the Routing panel shows where.
    draft->edit([](RoutingModel &model) { model.staff.append({ u"x"_s, u"X"_s, u"not a number"_s }); });
    const auto answer = [&](QMessageBox::StandardButton which) {
        QTimer::singleShot(0, this, [&, which] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                asked.append(box->text());
                box->button(which)->click();
            }
        });
    };
    answer(QMessageBox::Save);
    QTimer::singleShot(50, this, [&] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            asked.append(box->text());
            box->accept();
        }
    });
    m_window->quitApp();
    QCOMPARE(asked.size(), 3);
    QVERIFY2(asked.at(2).contains(u"1 problem"_s), qPrintable(asked.at(2)));
    QVERIFY(draft->isModified());
    QVERIFY(m_window->panel(u"routing"_s)->isVisible());
}

void TestMainWindow::closingWithoutATrayAsksAndKeepsAnswering()
{
    QVERIFY2(!QSystemTrayIcon::isSystemTrayAvailable(), "the offscreen platform has no tray");
    QSignalSpy quit(m_window.get(), &MainWindow::quitRequested);
    QStringList asked;
    clickInNextBox(this, u"Keep answering calls"_s, &asked);
    m_window->close();
    QCOMPARE(asked.size(), 1);
    QVERIFY2(asked.first().contains(u"Keep answering them with the window closed?"_s), qPrintable(asked.first()));
    QVERIFY(!m_window->isVisible());
    QCOMPARE(quit.size(), 0);

    // The router still answers a call.
    FakeTwilio twilio(QUrl(u"http://127.0.0.1:%1"_s.arg(m_router->port())), AuthToken.toUtf8(),
        QUrl(u"https://desk.example.com"_s));
    const QString token = *m_data->settings().value(u"server.webhook_token"_s);
    const TwilioReply reply = twilio.post(twilio.publicUrl(u"/twilio/voice/"_s + token),
        FakeTwilio::callFields(FakeTwilio::newCallSid(), u"+15551112222"_s, u"+15557654321"_s));
    QCOMPARE(reply.status, 200);

    // Opening Switchboard again (another start, handed to this one) shows the window.
    m_window->bringToFront();
    QVERIFY(m_window->isVisible());

    // Cancel leaves everything as it was.
    clickInNextBox(this, u"Cancel"_s, &asked);
    m_window->close();
    QVERIFY(m_window->isVisible());
    QCOMPARE(quit.size(), 0);
}

void TestMainWindow::closingWithoutATrayCanQuit()
{
    QSignalSpy quit(m_window.get(), &MainWindow::quitRequested);
    const QString sid = FakeTwilio::newCallSid();
    Q_EMIT m_router->feedMessage(FeedMessage::sessionChanged(0, feedSessionFromCall(liveCall(sid), {})));
    QStringList asked;
    clickInNextBox(this, u"Quit"_s, &asked);
    // Then the question about the live call: quit at once.
    QTimer::singleShot(50, this, [&] { clickInNextBox(this, u"Quit now"_s, &asked); });
    m_window->close();
    QCOMPARE(asked.size(), 2);
    // (The count is checked apart from its plural, which the English catalogue will phrase.)
    QVERIFY2(asked.first().contains(u"1 call"_s) && asked.first().contains(u"in progress"_s), qPrintable(asked.first()));
    QVERIFY2(asked.at(1).contains(u"once they have ended"_s), qPrintable(asked.at(1)));
    QCOMPARE(quit.size(), 1);
}

void TestMainWindow::quittingWithLiveCallsWaitsForThemToEnd()
{
    QSignalSpy quit(m_window.get(), &MainWindow::quitRequested);
    CallSessionRecord first = liveCall(FakeTwilio::newCallSid());
    CallSessionRecord second = liveCall(FakeTwilio::newCallSid());
    Q_EMIT m_router->feedMessage(FeedMessage::sessionChanged(0, feedSessionFromCall(first, {})));
    Q_EMIT m_router->feedMessage(FeedMessage::sessionChanged(0, feedSessionFromCall(second, {})));
    QCOMPARE(m_window->liveMonitor()->model()->liveCount(), 2);

    QStringList asked;
    clickInNextBox(this, u"Quit when they have ended"_s, &asked);
    m_window->quitApp();
    QCOMPARE(asked.size(), 1);
    QVERIFY2(asked.first().contains(u"2 call"_s) && asked.first().contains(u"in progress"_s), qPrintable(asked.first()));
    QVERIFY(m_window->isQuittingWhenIdle());
    QVERIFY(!m_window->isVisible());

    // The router goes on until the last call ends.
    first.endedAt = QDateTime::currentDateTimeUtc();
    first.outcome = CallOutcome::Answered;
    Q_EMIT m_router->feedMessage(FeedMessage::sessionChanged(0, feedSessionFromCall(first, {})));
    QCOMPARE(quit.size(), 0);
    second.endedAt = QDateTime::currentDateTimeUtc();
    second.outcome = CallOutcome::Answered;
    Q_EMIT m_router->feedMessage(FeedMessage::sessionChanged(0, feedSessionFromCall(second, {})));
    QCOMPARE(quit.size(), 1);

    // Opened again while waiting: the wait ends, and the app stays when the call ends.
    CallSessionRecord third = liveCall(FakeTwilio::newCallSid());
    Q_EMIT m_router->feedMessage(FeedMessage::sessionChanged(0, feedSessionFromCall(third, {})));
    clickInNextBox(this, u"Quit when they have ended"_s, &asked);
    m_window->quitApp();
    QVERIFY(m_window->isQuittingWhenIdle());
    m_window->bringToFront();
    QVERIFY(!m_window->isQuittingWhenIdle());
    third.endedAt = QDateTime::currentDateTimeUtc();
    third.outcome = CallOutcome::Missed;
    Q_EMIT m_router->feedMessage(FeedMessage::sessionChanged(0, feedSessionFromCall(third, {})));
    QCOMPARE(quit.size(), 1);
}

void TestMainWindow::setupRunsTheAssistantAgain()
{
    m_window->showPanel(u"setup"_s);
    QWidget *setup = m_window->panel(u"setup"_s);
    setup->findChild<QPushButton *>(u"runAssistant"_s)->click();
    auto *assistant = m_window->findChild<SetupAssistant *>();
    QVERIFY(assistant);
    QTRY_VERIFY(assistant->isVisible());
    // Over the window, which stays where it is; asked again, the same assistant comes forward.
    QCOMPARE(assistant->windowModality(), Qt::WindowModal);
    m_window->openSetupAssistant();
    QCOMPARE(m_window->findChildren<SetupAssistant *>().size(), 1);

    // What it saves shows in Setup once it is done, and Finish brings up the live calls.
    assistant->setStartId(SetupAssistant::FallbackPage);
    assistant->restart();
    auto *fallback = assistant->currentPage()->findChild<QLineEdit *>(u"routing.fallback_number"_s);
    fallback->setText(u"(555) 010-2030"_s);
    assistant->next();
    QCOMPARE(*m_data->settings().value(u"routing.fallback_number"_s), u"+15550102030"_s);
    assistant->setStartId(SetupAssistant::TestCallPage);
    assistant->restart();
    assistant->button(QWizard::FinishButton)->click();
    QTRY_VERIFY(m_window->findChildren<SetupAssistant *>().isEmpty());
    // Shown again as the practice writes it.
    QCOMPARE(setup->findChild<QLineEdit *>(u"routing.fallback_number"_s)->text(), u"(555) 010-2030"_s);
    QCOMPARE(m_window->currentPanelId(), u"live"_s);
}

void TestMainWindow::everyPanelHasItsTitleAndIcon()
{
    auto *sidebar = m_window->findChild<QListWidget *>();
    QVERIFY(sidebar);
    QCOMPARE(sidebar->count(), m_window->panelIds().size());
    for (int row = 0; row < sidebar->count(); ++row) {
        const QString id = m_window->panelIds().at(row);
        QListWidgetItem *item = sidebar->item(row);
        QVERIFY2(!item->icon().isNull(), qPrintable(id));
        QVERIFY2(!item->icon().pixmap(QSize(22, 22)).isNull(), qPrintable(id));
        m_window->showPanel(id);
        const auto *title = m_window->panel(id)->findChild<QLabel *>(u"panelTitle"_s);
        QVERIFY2(title, qPrintable(id));
        QVERIFY2(title->isVisible(), qPrintable(id));
        // The heading says what the sidebar says (Statistics is "Call statistics").
        QVERIFY2(title->text().contains(item->text(), Qt::CaseInsensitive), qPrintable(title->text()));
        QVERIFY(title->font().bold());
        QVERIFY(title->font().pointSizeF() > m_window->font().pointSizeF());
    }
}

void TestMainWindow::helpHasTheGuideAndAbout()
{
    auto *help = m_window->menuBar()->findChild<QMenu *>(u"helpMenu"_s);
    QVERIFY(help);
    QStringList titles;
    for (QAction *action : help->actions())
        titles << action->text();
    QCOMPARE(titles, (QStringList { u"Set-up &guide"_s, u"Set-up &assistant…"_s, QString(), u"&About Switchboard"_s }));

    // The guide is the README, bundled, opened at its set-up section.
    help->actions().at(0)->trigger();
    auto *guide = m_window->findChild<SetupGuide *>();
    QVERIFY(guide);
    QTRY_VERIFY(guide->isVisible());
    QTextBrowser *browser = guide->browser();
    QVERIFY(browser->toPlainText().contains(u"Point a Twilio number at Switchboard"_s));
    QCOMPARE(browser->textCursor().block().text(), SetupGuide::setUpHeading());
    QVERIFY(browser->textCursor().block().blockFormat().headingLevel() > 0);
    QVERIFY(browser->verticalScrollBar()->value() > 0);
    guide->close();

    // About names the version and each library with its licence.
    help->actions().at(3)->trigger();
    auto *about = m_window->findChild<AboutDialog *>();
    QVERIFY(about);
    QVERIFY2(about->text().contains(QCoreApplication::applicationVersion().isEmpty()
                     ? u"Switchboard "_s
                     : u"Switchboard "_s + QCoreApplication::applicationVersion()),
        qPrintable(about->text()));
    for (const QString &library : { u"QCoro"_s, u"Qt Multimedia"_s, u"libphonenumber"_s, u"OpenSSL"_s, u"SQLite"_s, u"QtKeychain"_s })
        QVERIFY2(about->text().contains(library), qPrintable(library));
    QVERIFY(about->text().contains(u"Apache-2.0"_s));
    about->close();
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
