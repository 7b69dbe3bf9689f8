// The Live calls panel offscreen, following whole calls that Twilio drives through the real webhook
// server on loopback: what the front desk reads while a person is rung and then talks, while the AI
// agent has the caller, while a voicemail is left, and once the call has ended.
#include "calls/livecallsmodel.h"
#include "calls/livemonitorpanel.h"
#include "datadir/datadirectory.h"
#include "fakeretellserver.h"
#include "faketwilio.h"
#include "faketwiliorest.h"
#include "importer/bookingimporter.h"
#include "importer/customerimporter.h"
#include "routing/routingplanloader.h"
#include "server/routerhost.h"
#include "settings/settings.h"
#include "tempdatadir.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QMenu>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
const QString AuthToken = u"test-auth-token-0123456789"_s;
const QString Business = u"+15557654321"_s;
const QString VoicemailLine = u"+15557654329"_s; // the plan sends its callers to voicemail
const QString Fallback = u"+15550009999"_s;
const QString Jane = u"+15551234567"_s; // a customer with a booking: the AI agent takes her calls
const QString Stranger = u"+15559990000"_s;
const QString Bob = u"+15551110002"_s;

// Booked callers go to the AI agent, the voicemail line to voicemail, everyone else to Bob, who must
// press 1 to take a call.
const QByteArray Plan = R"({
  "version": 1,
  "time_zone": "America/New_York",
  "staff": [ { "id": "bob", "name": "Bob Li", "phone": "+1 555 111 0002" } ],
  "accept": { "required": true, "attempts": 2, "timeout_s": 5 },
  "plans": [ { "numbers": ["default"], "rules": [
    { "name": "Booked callers", "if": { "has_booking": true }, "then": { "do": "ai_agent" } },
    { "name": "Voicemail line", "if": { "called": ["+15557654329"] }, "then": { "do": "voicemail" } },
    { "name": "Everyone else", "if": {}, "then": { "do": "staff", "staff": "bob" } }
  ] } ]
})"_ba;
} // namespace

class TestLiveMonitorPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void talkingWithTheStaffMemberOncePressedOne();
    void withTheAiAgentOnceItsLineConnects();
    void leavingAVoicemail();
    void numbersAsThePracticeWritesThem();
    void theFrontDeskHangsUpACall();
    void theFrontDeskTransfersACallOrSendsItToVoicemail();

private:
    void setSetting(const QString &key, const QString &value);
    TwilioReply post(const QUrl &url, const QString &callSid, const QString &from, const QString &to,
        const QString &status, FormFields extra = {});
    TwilioReply incomingCall(const QString &callSid, const QString &from, const QString &to = Business);
    // Twilio's status callback: the caller's call has ended.
    void callEnded(const QString &callSid, const QString &from, const QString &to = Business);
    // What the panel's table shows for the one call in it.
    QString shown(LiveCallsModel::Column column) const;
    // Waits until the router has stored and published `count` more changes than `since`.
    bool publishedMore(int since, int count = 1) const;
    // Moves the panel's clock past the time a finished call is kept: the call is gone.
    void aMinuteLater();
    // As the main window wires it: the panel asks, the router acts and says how it went.
    void actAsTheMainWindowDoes();

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_data;
    std::unique_ptr<FakeRetellServer> m_retell;
    std::unique_ptr<RouterHost> m_router;
    std::unique_ptr<LiveMonitorPanel> m_panel;
    std::unique_ptr<QSignalSpy> m_published;
    std::unique_ptr<FakeTwilio> m_twilio;
    QString m_token;
};

void TestLiveMonitorPanel::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    m_dir = std::make_unique<TempDataDir>();
    m_data = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_data->open(&error), qPrintable(error));
    m_retell = std::make_unique<FakeRetellServer>();
    QVERIFY(m_retell->listen());
    setSetting(u"twilio.auth_token"_s, AuthToken);
    setSetting(u"routing.enabled"_s, u"true"_s);
    setSetting(u"routing.fallback_number"_s, Fallback);
    setSetting(u"server.public_url"_s, u"https://desk.example.com"_s);
    setSetting(u"retell.api_key"_s, u"key_test_retell"_s);
    setSetting(u"retell.agent_id"_s, u"agent_front_desk"_s);
    setSetting(u"retell.api_base"_s, m_retell->baseUrl().toString());
    m_token = *m_data->settings().value(u"server.webhook_token"_s);

    const PlanDocument::ParseResult plan
        = RoutingPlanLoader(m_data->database(), u"US"_s, Fallback).import(Plan);
    QVERIFY2(plan.errors.isEmpty(), qPrintable(plan.errors.join(u'\n')));
    const QString customers = m_dir->writeFile(u"customers.csv"_s,
        "customer_id,name,phone,email,notes\n"
        "C1,Jane Doe,(555) 123-4567,,\n");
    const QString bookings = m_dir->writeFile(u"bookings.csv"_s,
        (u"booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff\n"
         "B1,C1,,,%1,,confirmed,Cleaning,\n"_s)
            .arg(QDateTime::currentDateTimeUtc().addDays(1).toString(Qt::ISODate))
            .toUtf8());
    QVERIFY(CustomerImporter(m_data->database()).importFile(customers, false).committed);
    QVERIFY(BookingImporter(m_data->database()).importFile(bookings, false).committed);

    // The router on its own thread, and the panel hearing of calls from it, as in the app.
    m_router = std::make_unique<RouterHost>(m_dir->path());
    QSignalSpy started(m_router.get(), &RouterHost::started);
    m_router->start(QHostAddress::LocalHost, 0);
    QVERIFY(started.wait(10000));
    m_panel = std::make_unique<LiveMonitorPanel>(m_data->database());
    connect(m_router.get(), &RouterHost::feedMessage, m_panel.get(), &LiveMonitorPanel::apply);
    m_router->requestFeedSnapshot();
    m_published = std::make_unique<QSignalSpy>(m_router.get(), &RouterHost::sessionUpdated);
    m_panel->resize(900, 300);
    m_panel->show();
    m_twilio = std::make_unique<FakeTwilio>(QUrl(u"http://127.0.0.1:%1"_s.arg(m_router->port())),
        AuthToken.toUtf8(), QUrl(u"https://desk.example.com"_s));
}

void TestLiveMonitorPanel::cleanup()
{
    m_twilio.reset();
    m_published.reset();
    m_panel.reset();
    m_router.reset();
    m_retell.reset();
    m_data.reset();
    m_dir.reset();
}

void TestLiveMonitorPanel::setSetting(const QString &key, const QString &value)
{
    QString error;
    QVERIFY2(m_data->settings().set(key, value, &error), qPrintable(error));
}

TwilioReply TestLiveMonitorPanel::post(const QUrl &url, const QString &callSid, const QString &from,
    const QString &to, const QString &status, FormFields extra)
{
    FormFields fields = FakeTwilio::callFields(callSid, from, to, status);
    fields.append(extra);
    return m_twilio->post(url, fields);
}

TwilioReply TestLiveMonitorPanel::incomingCall(const QString &callSid, const QString &from, const QString &to)
{
    return post(m_twilio->publicUrl(u"/twilio/voice/"_s + m_token), callSid, from, to, u"ringing"_s);
}

void TestLiveMonitorPanel::callEnded(const QString &callSid, const QString &from, const QString &to)
{
    const TwilioReply reply = post(m_twilio->publicUrl(u"/twilio/status/"_s + m_token), callSid, from, to,
        u"completed"_s, { { u"CallDuration"_s, u"95"_s } });
    QCOMPARE(reply.status, 200);
}

QString TestLiveMonitorPanel::shown(LiveCallsModel::Column column) const
{
    const QTableView *table = m_panel->findChild<QTableView *>();
    if (!table || table->model()->rowCount() != 1)
        return u"(%1 calls shown)"_s.arg(table ? table->model()->rowCount() : -1);
    return table->model()->index(0, column).data().toString();
}

bool TestLiveMonitorPanel::publishedMore(int since, int count) const
{
    return QTest::qWaitFor([&] { return m_published->size() >= since + count; }, 10000);
}

void TestLiveMonitorPanel::aMinuteLater()
{
    m_panel->model()->tick(QDateTime::currentDateTimeUtc().addSecs(LiveCallsModel::KeepFinishedSeconds + 5));
}

void TestLiveMonitorPanel::talkingWithTheStaffMemberOncePressedOne()
{
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply ring = incomingCall(sid, Stranger);
    QCOMPARE(ring.status, 200);
    const TwimlDocument ringing = ring.twiml();
    const TwimlVerb *dial = ringing.find(u"Dial"_s);
    QVERIFY2(dial && dial->children.size() == 1, ring.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(shown(LiveCallsModel::Step), u"Ringing Bob Li"_s, 10000);
    QCOMPARE(shown(LiveCallsModel::Outcome), u"In progress"_s);

    // Bob picks up and hears who is calling: he has not taken the call yet.
    int before = int(m_published->size());
    FormFields bobsLeg { { u"ParentCallSid"_s, sid } };
    const QString bobsLegSid = FakeTwilio::newCallSid();
    const TwilioReply prompt = post(QUrl(dial->children.first().attribute(u"url"_s)), bobsLegSid, Business,
        Bob, u"in-progress"_s, bobsLeg);
    const TwimlDocument asked = prompt.twiml();
    const TwimlVerb *gather = asked.find(u"Gather"_s);
    QVERIFY2(gather, prompt.body.constData());
    QVERIFY(publishedMore(before));
    QCOMPARE(shown(LiveCallsModel::Step), u"Ringing Bob Li"_s);

    // He presses 1 and is bridged to the caller.
    bobsLeg.append({ u"Digits"_s, u"1"_s });
    const TwilioReply accepted
        = post(QUrl(gather->attribute(u"action"_s)), bobsLegSid, Business, Bob, u"in-progress"_s, bobsLeg);
    QVERIFY2(accepted.twiml().isValid() && accepted.twiml().verbs().isEmpty(), accepted.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(shown(LiveCallsModel::Step), u"Talking with Bob Li"_s, 10000);
    QCOMPARE(shown(LiveCallsModel::Outcome), u"In progress"_s);
    QCOMPARE(m_panel->model()->liveCount(), 1);

    // The caller hangs up: Twilio reports the end first, then the <Dial>'s action.
    callEnded(sid, Stranger);
    QTRY_COMPARE_WITH_TIMEOUT(shown(LiveCallsModel::Step), u"Finished"_s, 10000);
    QCOMPARE(shown(LiveCallsModel::Outcome), u"Answered"_s);
    QCOMPARE(m_panel->model()->liveCount(), 0);
    before = int(m_published->size());
    post(QUrl(dial->attribute(u"action"_s)), sid, Stranger, Business, u"completed"_s,
        { { u"DialCallStatus"_s, u"completed"_s }, { u"DialCallSid"_s, bobsLegSid },
            { u"DialCallDuration"_s, u"90"_s }, { u"DialBridged"_s, u"true"_s } });
    QVERIFY(publishedMore(before));
    QCOMPARE(shown(LiveCallsModel::Outcome), u"Answered"_s);

    // A minute on, the call has left the panel, which says there are no calls.
    aMinuteLater();
    QCOMPARE(m_panel->model()->rowCount(), 0);
    QVERIFY(!m_panel->findChild<QTableView *>()->isVisible());
}

void TestLiveMonitorPanel::withTheAiAgentOnceItsLineConnects()
{
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply agent = incomingCall(sid, Jane);
    const TwimlDocument dialling = agent.twiml();
    const TwimlVerb *dial = dialling.find(u"Dial"_s);
    QVERIFY2(dial && dial->children.size() == 1 && dial->children.first().name == u"Sip"_s,
        agent.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(shown(LiveCallsModel::Step), u"Connecting to the AI agent"_s, 10000);

    // Twilio says the agent's SIP leg answered: the caller talks with the agent from now on.
    const TwimlVerb &sip = dial->children.first();
    QCOMPARE(sip.attribute(u"statusCallbackEvent"_s), u"answered"_s);
    const TwilioReply answered = post(QUrl(sip.attribute(u"statusCallback"_s)), FakeTwilio::newCallSid(),
        Jane, sip.text, u"in-progress"_s, { { u"ParentCallSid"_s, sid } });
    QCOMPARE(answered.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(shown(LiveCallsModel::Step), u"With the AI agent"_s, 10000);
    QCOMPARE(shown(LiveCallsModel::Outcome), u"In progress"_s);

    callEnded(sid, Jane);
    QTRY_COMPARE_WITH_TIMEOUT(shown(LiveCallsModel::Step), u"Finished"_s, 10000);
    QCOMPARE(shown(LiveCallsModel::Outcome), u"AI agent"_s);
    aMinuteLater();
    QCOMPARE(m_panel->model()->rowCount(), 0);
}

void TestLiveMonitorPanel::leavingAVoicemail()
{
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply greeting = incomingCall(sid, Stranger, VoicemailLine);
    const TwimlDocument recording = greeting.twiml();
    const TwimlVerb *record = recording.find(u"Record"_s);
    QVERIFY2(record, greeting.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(shown(LiveCallsModel::Step), u"Leaving a voicemail"_s, 10000);

    const QString recordingSid = u"RE00000000000000000000000000000001"_s;
    post(QUrl(record->attribute(u"action"_s)), sid, Stranger, VoicemailLine, u"in-progress"_s,
        { { u"RecordingSid"_s, recordingSid },
            { u"RecordingUrl"_s,
                u"https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/"_s + recordingSid },
            { u"RecordingDuration"_s, u"14"_s } });
    QTRY_COMPARE_WITH_TIMEOUT(shown(LiveCallsModel::Step), u"Left a voicemail"_s, 10000);

    callEnded(sid, Stranger, VoicemailLine);
    QTRY_COMPARE_WITH_TIMEOUT(shown(LiveCallsModel::Step), u"Finished"_s, 10000);
    QCOMPARE(shown(LiveCallsModel::Outcome), u"Voicemail"_s);
    aMinuteLater();
    QCOMPARE(m_panel->model()->rowCount(), 0);
}

void TestLiveMonitorPanel::numbersAsThePracticeWritesThem()
{
    // A US practice: its own numbers the national way, a caller from London with the country code.
    const QString london = u"+442079460018"_s;
    const QString sid = FakeTwilio::newCallSid();
    QCOMPARE(incomingCall(sid, london).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(shown(LiveCallsModel::Step), u"Ringing Bob Li"_s, 10000);
    QCOMPARE(shown(LiveCallsModel::Caller), u"+44 20 7946 0018"_s);
    QCOMPARE(shown(LiveCallsModel::Called), u"(555) 765-4321"_s);

    // The practice moves to the UK: London is local now, and the US numbers carry their +1.
    m_panel->setRegion(u"GB"_s);
    QCOMPARE(shown(LiveCallsModel::Caller), u"020 7946 0018"_s);
    QCOMPARE(shown(LiveCallsModel::Called), u"+1 555-765-4321"_s);
    callEnded(sid, london);
    QTRY_COMPARE_WITH_TIMEOUT(shown(LiveCallsModel::Step), u"Finished"_s, 10000);
}

void TestLiveMonitorPanel::theFrontDeskHangsUpACall()
{
    const QString accountSid = u"AC0123456789abcdef0123456789abcdef"_s;
    FakeTwilioRest rest(accountSid, AuthToken.toUtf8());
    QVERIFY(rest.listen());
    setSetting(u"twilio.account_sid"_s, accountSid);
    setSetting(u"twilio.api_base"_s, rest.baseUrl().toString());
    // As the main window wires it: the panel asks, the router acts and says how it went.
    actAsTheMainWindowDoes();

    const QString sid = FakeTwilio::newCallSid();
    rest.addCall(sid, u"in-progress"_s, -1, {}, u"+15551230001"_s, Business);
    QCOMPARE(incomingCall(sid, u"+15551230001"_s).status, 200);
    auto *table = m_panel->findChild<QTableView *>();
    auto *hangUp = m_panel->findChild<QPushButton *>(u"hangUp"_s);
    QVERIFY(table && hangUp);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10000);
    QVERIFY(!hangUp->isEnabled()); // nothing selected
    table->selectRow(0);
    QVERIFY(hangUp->isEnabled());
    QSignalSpy finished(m_router.get(), &RouterHost::commandFinished);
    QVERIFY(m_panel->hangUpSelected(false));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).toString()));
    QVERIFY(std::any_of(rest.requests().cbegin(), rest.requests().cend(), [&](const FakeTwilioRest::Request &request) {
        return request.pathAndQuery.endsWith(u"/Calls/%1.json"_s.arg(sid)) && request.value(u"Status"_s) == u"completed"_s;
    }));
    QVERIFY(m_panel->findChild<QLabel *>(u"actionResult"_s)->isHidden());

    // Twilio refuses (the call ended there already): the panel says why in plain words.
    rest.endCall(sid);
    QVERIFY(m_panel->hangUpSelected(false));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    auto *result = m_panel->findChild<QLabel *>(u"actionResult"_s);
    QVERIFY(!result->isHidden());
    QVERIFY2(result->text().contains(u"ended"_s), qPrintable(result->text()));

    // A seat that may only watch has no such button.
    m_panel->setCanAct(false);
    QVERIFY(hangUp->isHidden());
    QVERIFY(!m_panel->hangUpSelected(false));
}

void TestLiveMonitorPanel::actAsTheMainWindowDoes()
{
    connect(m_panel.get(), &LiveMonitorPanel::actionRequested, m_router.get(), [this](FeedCommand command) {
        command.id = u"front"_s;
        command.seat = u"Front desk"_s;
        m_router->sendCommand(command);
    });
    connect(m_router.get(), &RouterHost::commandFinished, m_panel.get(),
        [this](const QString &, bool ok, const QString &error) { m_panel->showActionResult(ok, error); });
}

void TestLiveMonitorPanel::theFrontDeskTransfersACallOrSendsItToVoicemail()
{
    const QString accountSid = u"AC0123456789abcdef0123456789abcdef"_s;
    FakeTwilioRest rest(accountSid, AuthToken.toUtf8());
    QVERIFY(rest.listen());
    setSetting(u"twilio.account_sid"_s, accountSid);
    setSetting(u"twilio.api_base"_s, rest.baseUrl().toString());
    actAsTheMainWindowDoes();
    m_panel->setTransferTargets({ { FeedCommand::TargetKind::Staff, u"bob"_s, u"Bob Li"_s } });

    const QString sid = FakeTwilio::newCallSid();
    rest.addCall(sid, u"in-progress"_s, -1, {}, u"+15551230001"_s, Business);
    QCOMPARE(incomingCall(sid, u"+15551230001"_s).status, 200);
    auto *table = m_panel->findChild<QTableView *>();
    auto *transfer = m_panel->findChild<QPushButton *>(u"transfer"_s);
    auto *voicemail = m_panel->findChild<QPushButton *>(u"voicemail"_s);
    QVERIFY(table && transfer && voicemail);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10000);
    QVERIFY(!transfer->isEnabled() && !voicemail->isEnabled()); // nothing selected
    table->selectRow(0);
    QVERIFY(transfer->isEnabled() && voicemail->isEnabled());

    // The menu offers the plan's people, then a number typed in.
    QStringList offered;
    for (const QAction *action : m_panel->transferMenu()->actions()) {
        if (!action->isSeparator())
            offered.append(action->text());
    }
    QCOMPARE(offered, (QStringList { u"Bob Li"_s, u"Another number…"_s }));
    const auto bob = std::find_if(m_panel->transferMenu()->actions().cbegin(), m_panel->transferMenu()->actions().cend(),
        [](const QAction *action) { return action->text() == u"Bob Li"_s; });
    QSignalSpy finished(m_router.get(), &RouterHost::commandFinished);
    (*bob)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).toString()));
    const QUrl moved(rest.requests().last().value(u"Url"_s));
    QVERIFY2(moved.toString().startsWith(u"https://desk.example.com/twilio/control/"_s), qPrintable(moved.toString()));
    QCOMPARE(QUrlQuery(moved).queryItemValue(u"target"_s), u"bob"_s);

    // A number as people write it is sent in international form; a wrong one is said and sent nowhere.
    QVERIFY(m_panel->transferSelected(FeedCommand::TargetKind::Number, u"(555) 222-0003"_s));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    QCOMPARE(QUrlQuery(QUrl(rest.requests().last().value(u"Url"_s))).queryItemValue(u"target"_s), u"+15552220003"_s);
    const qsizetype sent = rest.requests().size();
    QVERIFY(!m_panel->transferSelected(FeedCommand::TargetKind::Number, u"12"_s));
    auto *result = m_panel->findChild<QLabel *>(u"actionResult"_s);
    QVERIFY(!result->isHidden());
    QVERIFY2(result->text().startsWith(u"Could not transfer the call: "_s), qPrintable(result->text()));
    QCOMPARE(rest.requests().size(), sent);

    QVERIFY(m_panel->sendSelectedToVoicemail(false));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 20000);
    QVERIFY(finished.at(2).at(1).toBool());
    QCOMPARE(QUrlQuery(QUrl(rest.requests().last().value(u"Url"_s))).queryItemValue(u"to"_s), u"voicemail"_s);
    QVERIFY(result->isHidden());

    // Twilio refuses: the panel says which action failed and why.
    rest.endCall(sid);
    QVERIFY(m_panel->sendSelectedToVoicemail(false));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 4, 20000);
    QVERIFY(!result->isHidden());
    QVERIFY2(result->text().startsWith(u"Could not send the call to voicemail: "_s), qPrintable(result->text()));

    m_panel->setCanAct(false);
    QVERIFY(transfer->isHidden() && voicemail->isHidden());
    QVERIFY(!m_panel->sendSelectedToVoicemail(false));
}

QTEST_MAIN(TestLiveMonitorPanel)
#include "tst_livemonitorpanel.moc"
