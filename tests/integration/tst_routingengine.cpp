// Whole calls through the routing engine, driven over loopback as Twilio would drive them: an imported
// routing plan, signed webhooks to the real server, the URLs of each TwiML answer followed (menus, dial
// rounds, the callee's "press 1" leg, voicemail and its download), then the stored call log checked.
#include "calllogtestnames.h"
#include "datadir/datadirectory.h"
#include "fakemediaserver.h"
#include "fakeretellserver.h"
#include "faketwilio.h"
#include "importer/bookingimporter.h"
#include "importer/customerimporter.h"
#include "routing/routingplanloader.h"
#include "server/routerservice.h"
#include "settings/settings.h"
#include "storage/calllogwriter.h"
#include "storage/callstore.h"
#include "storage/recordingstore.h"
#include "tempdatadir.h"

#include <QDir>
#include <QFile>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
const QString AuthToken = u"test-auth-token-0123456789"_s;
const QString AccountSid = u"AC0123456789abcdef0123456789abcdef"_s;
const QString Business = u"+15557654321"_s;
const QString OwnedNumber = u"+15557654322"_s; // Carol's own line
const QString Fallback = u"+15550009999"_s;
const QString Jane = u"+15551234567"_s; // a customer with a booking, assigned to Bob
const QString Stranger = u"+15559990000"_s;
const QString Alice = u"+15551110001"_s;
const QString Bob = u"+15551110002"_s;
const QString Carol = u"+15551110003"_s;

// The staff, schedules and teams every test shares; `rules` and `extra` (top-level keys) vary.
QByteArray planDocument(const QString &rules, const QString &extra = {})
{
    QString document = uR"({
  "version": 1,
  "time_zone": "America/New_York",
  "staff": [
    { "id": "alice", "name": "Alice Ng", "phone": "+1 555 111 0001" },
    { "id": "bob", "name": "Bob Ray", "phone": "+1 555 111 0002" },
    { "id": "carol", "name": "Carol Diaz", "phone": "+1 555 111 0003", "owns_numbers": ["+15557654322"] },
    { "id": "dave", "name": "Dave Off", "phone": "+1 555 111 0004", "active": false }
  ],
  "schedules": [
    { "id": "always", "weekly": [ { "days": ["mon","tue","wed","thu","fri","sat","sun"], "from": "00:00", "to": "00:00" } ] },
    { "id": "never", "weekly": [] }
  ],
  "teams": [
    { "id": "front", "name": "Front desk", "tiers": [["alice", "bob"], ["carol"]], "ring_seconds": 15 },
    { "id": "pair", "name": "Pair", "tiers": [["alice"], ["bob"]], "max_people": 1 },
    { "id": "duo", "name": "Duo", "tiers": [["alice", "bob"]], "ring": "all_at_once" },
    { "id": "sticky", "name": "Sticky", "tiers": [["alice", "bob"]], "max_people": 2, "sticky_days": 30 },
    { "id": "once", "name": "Once", "tiers": [["alice"], ["bob"], ["alice"]] },
    { "id": "again", "name": "Again", "tiers": [["alice"], ["bob"], ["alice"]], "skip_dialed": false }
  ],
  "lists": { "vip": ["+15551234567"] },
  %2
  "plans": [ { "numbers": ["default"], "rules": [ %1 ] } ]
})"_s;
    return document.arg(rules, extra.isEmpty() ? QString() : extra + u',').toUtf8();
}
} // namespace

class TestRoutingEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void blockedCallerIsRejectedFirst();
    void allowListRefusesOthers();
    void rejectRuleHasNoWelcome();
    void welcomeMenuAndPressOneConnects();
    void invalidKeysRepromptThenOtherwise();
    void chainRoundsThenFallbackThenVoicemail();
    void pickupWithoutOneMovesOn();
    void hangingUpBeforeTheBridgeMovesOn();
    void anAnsweredLegTalksBeforeItsDialEnds();
    void busyStaffAreSkippedOnConcurrentCalls();
    void allAtOnceRingsATierTogether();
    void personInTwoTiers_data();
    void personInTwoTiers();
    void stickyCallerTriesLastAnswererFirst();
    void assignedStaffAndNumberOwner();
    void scheduleConditions_data();
    void scheduleConditions();
    void agentFailureGoesToOtherwise();
    void closingMessageWhenNobodyAnswers();
    void newPlanAppliesToTheNextCall();
    void voicemailDownloadFailureIsLogged();
    void recordingOffTwilioIsNeverFetched();

private:
    void importPlan(const QByteArray &json);
    void setSetting(const QString &key, const QString &value);
    TwilioReply incomingCall(const QString &callSid, const QString &from, const QString &to = Business);
    TwilioReply post(const QUrl &url, const QString &callSid, const QString &from, FormFields extra = {});
    TwilioReply dialResult(const QUrl &action, const QString &callSid, const QString &from,
        const QString &dialStatus, bool bridged = false);
    // The callee's leg picking up (the <Number url>), then pressing `keys` one prompt at a time.
    TwilioReply pickUp(const QUrl &screenUrl, const QString &parentSid, const QString &callee);
    TwilioReply pressOnCalleeLeg(const TwilioReply &prompt, const QString &parentSid, const QString &callee,
        const QString &digits);
    void statusCallback(const QString &callSid, const QString &from, const QString &status);
    QStringList steps(const QString &callSid);
    QList<CallEventRecord> events(const QString &callSid, const QString &step);
    // The call log as stored, once the router's commits have caught up with what it wrote.
    CallStore storedLog();
    CallSessionRecord session(const QString &callSid);
    static QUrl actionOf(const TwilioReply &reply, const QString &verb);
    static QStringList numbersDialed(const TwilioReply &reply);
    static QUrl screenUrl(const TwilioReply &reply, int index = 0);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_admin;
    std::unique_ptr<FakeRetellServer> m_retell;
    std::unique_ptr<RouterService> m_service;
    std::unique_ptr<FakeTwilio> m_twilio;
    QString m_token;
};

void TestRoutingEngine::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    m_dir = std::make_unique<TempDataDir>();
    QVERIFY(m_dir->isValid());
    m_admin = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_admin->open(&error), qPrintable(error));
    m_retell = std::make_unique<FakeRetellServer>();
    QVERIFY(m_retell->listen());
    m_retell->setExpectedApiKey("key_test_retell"_ba);

    setSetting(u"twilio.account_sid"_s, AccountSid);
    setSetting(u"twilio.auth_token"_s, AuthToken);
    setSetting(u"routing.enabled"_s, u"true"_s);
    setSetting(u"routing.fallback_number"_s, Fallback);
    setSetting(u"retell.api_key"_s, u"key_test_retell"_s);
    setSetting(u"retell.agent_id"_s, u"agent_front_desk"_s);
    setSetting(u"retell.api_base"_s, m_retell->baseUrl().toString());
    setSetting(u"retell.timeout_ms"_s, u"600"_s);
    m_token = *m_admin->settings().value(u"server.webhook_token"_s);

    const QString customers = m_dir->writeFile(u"customers.csv"_s,
        "customer_id,name,phone,email,notes,assigned_staff\n"
        "C1,Jane Doe,(555) 123-4567,,,bob\n");
    const QString bookings = m_dir->writeFile(u"bookings.csv"_s,
        (u"booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff\n"
         "B1,C1,,,%1,,confirmed,Cleaning,\n"_s)
            .arg(QDateTime::currentDateTimeUtc().addDays(1).toString(Qt::ISODate))
            .toUtf8());
    QVERIFY(CustomerImporter(m_admin->database()).importFile(customers, false).committed);
    QVERIFY(BookingImporter(m_admin->database()).importFile(bookings, false).committed);

    m_service = std::make_unique<RouterService>(m_dir->path());
    QVERIFY2(m_service->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    m_twilio = std::make_unique<FakeTwilio>(QUrl(u"http://127.0.0.1:%1"_s.arg(m_service->port())), AuthToken.toUtf8());
}

void TestRoutingEngine::cleanup()
{
    m_twilio.reset();
    m_service.reset();
    m_retell.reset();
    m_admin.reset();
    m_dir.reset();
}

void TestRoutingEngine::importPlan(const QByteArray &json)
{
    const PlanDocument::ParseResult result = RoutingPlanLoader(m_admin->database(), u"US"_s, Fallback).import(json);
    QVERIFY2(result.errors.isEmpty(), qPrintable(result.errors.join(u'\n')));
}

void TestRoutingEngine::setSetting(const QString &key, const QString &value)
{
    QString error;
    QVERIFY2(m_admin->settings().set(key, value, &error), qPrintable(error));
}

TwilioReply TestRoutingEngine::incomingCall(const QString &callSid, const QString &from, const QString &to)
{
    return m_twilio->post(m_twilio->publicUrl(u"/twilio/voice/"_s + m_token), FakeTwilio::callFields(callSid, from, to));
}

TwilioReply TestRoutingEngine::post(const QUrl &url, const QString &callSid, const QString &from, FormFields extra)
{
    FormFields fields = FakeTwilio::callFields(callSid, from, Business, u"in-progress"_s);
    fields.append(extra);
    return m_twilio->post(url, fields);
}

TwilioReply TestRoutingEngine::dialResult(
    const QUrl &action, const QString &callSid, const QString &from, const QString &dialStatus, bool bridged)
{
    return post(action, callSid, from,
        { { u"DialCallStatus"_s, dialStatus }, { u"DialCallSid"_s, FakeTwilio::newCallSid() },
            { u"DialCallDuration"_s, bridged ? u"42"_s : u"0"_s },
            { u"DialBridged"_s, bridged ? u"true"_s : u"false"_s } });
}

TwilioReply TestRoutingEngine::pickUp(const QUrl &screenUrl, const QString &parentSid, const QString &callee)
{
    FormFields fields = FakeTwilio::callFields(FakeTwilio::newCallSid(), Business, callee, u"in-progress"_s);
    fields.append({ u"ParentCallSid"_s, parentSid });
    return m_twilio->post(screenUrl, fields);
}

TwilioReply TestRoutingEngine::pressOnCalleeLeg(
    const TwilioReply &prompt, const QString &parentSid, const QString &callee, const QString &digits)
{
    FormFields fields = FakeTwilio::callFields(FakeTwilio::newCallSid(), Business, callee, u"in-progress"_s);
    fields.append({ u"ParentCallSid"_s, parentSid });
    fields.append({ u"Digits"_s, digits });
    return m_twilio->post(actionOf(prompt, u"Gather"_s), fields);
}

void TestRoutingEngine::statusCallback(const QString &callSid, const QString &from, const QString &status)
{
    FormFields fields = FakeTwilio::callFields(callSid, from, Business, status);
    fields.append({ u"CallDuration"_s, u"60"_s });
    QCOMPARE(m_twilio->post(m_twilio->publicUrl(u"/twilio/status/"_s + m_token), fields).status, 200);
}

QStringList TestRoutingEngine::steps(const QString &callSid)
{
    QStringList names;
    for (const CallEventRecord &event : storedLog().events(callSid))
        names << CallLogNames::name(event.step);
    return names;
}

CallStore TestRoutingEngine::storedLog()
{
    // The checks that follow read what was stored; if it never catches up they fail on what is
    // missing, and this says why.
    if (!QTest::qWaitFor([this] { return m_service->callLog()->isCaughtUp(); }, 10000))
        qWarning("The call log did not catch up within 10 s.");
    return CallStore(m_admin->database());
}

QList<CallEventRecord> TestRoutingEngine::events(const QString &callSid, const QString &step)
{
    QList<CallEventRecord> found;
    for (const CallEventRecord &event : storedLog().events(callSid)) {
        if (CallLogNames::name(event.step) == step)
            found << event;
    }
    return found;
}

CallSessionRecord TestRoutingEngine::session(const QString &callSid)
{
    return storedLog().findSession(callSid).value_or(CallSessionRecord {});
}

QUrl TestRoutingEngine::actionOf(const TwilioReply &reply, const QString &verb)
{
    const TwimlDocument twiml = reply.twiml();
    const TwimlVerb *found = twiml.find(verb);
    return found ? QUrl(found->attribute(u"action"_s)) : QUrl();
}

QStringList TestRoutingEngine::numbersDialed(const TwilioReply &reply)
{
    QStringList numbers;
    const TwimlDocument twiml = reply.twiml();
    if (const TwimlVerb *dial = twiml.find(u"Dial"_s)) {
        for (const TwimlVerb &noun : dial->children)
            numbers << noun.text;
    }
    return numbers;
}

QUrl TestRoutingEngine::screenUrl(const TwilioReply &reply, int index)
{
    const TwimlDocument twiml = reply.twiml();
    const TwimlVerb *dial = twiml.find(u"Dial"_s);
    return dial && index < dial->children.size() ? QUrl(dial->children.at(index).attribute(u"url"_s)) : QUrl();
}

void TestRoutingEngine::blockedCallerIsRejectedFirst()
{
    importPlan(planDocument(uR"({ "name": "All", "if": {}, "then": { "do": "team", "team": "front" } })"_s,
        uR"("block": ["+1900"], "messages": { "welcome": { "say": "Hello." } })"_s));
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply reply = incomingCall(sid, u"+19005550100"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.twiml().verbNames(), QStringList { u"Reject"_s });
    QCOMPARE(steps(sid), (QStringList { u"CallReceived"_s, u"CallerBlocked"_s }));
    QVERIFY(events(sid, u"CallerBlocked"_s).first().detail.contains(u"+1900"_s));
    statusCallback(sid, u"+19005550100"_s, u"busy"_s);
    QCOMPARE(session(sid).outcome, CallOutcome::Blocked);

    // Everyone else goes on to the rules.
    const QString other = FakeTwilio::newCallSid();
    QCOMPARE(incomingCall(other, Stranger).twiml().verbNames(), (QStringList { u"Say"_s, u"Dial"_s }));
}

void TestRoutingEngine::allowListRefusesOthers()
{
    importPlan(planDocument(uR"({ "name": "All", "if": {}, "then": { "do": "number", "number": "+15550008888" } })"_s,
        uR"("allow": ["+1555123"], "block": ["+15551234567"])"_s));
    const QString stranger = FakeTwilio::newCallSid();
    QCOMPARE(incomingCall(stranger, Stranger).twiml().verbNames(), QStringList { u"Reject"_s });
    QVERIFY(events(stranger, u"CallerBlocked"_s).first().detail.contains(u"allow list"_s));
    // The block list wins over the allow list.
    const QString jane = FakeTwilio::newCallSid();
    QCOMPARE(incomingCall(jane, Jane).twiml().verbNames(), QStringList { u"Reject"_s });
    // A withheld caller is not on the allow list either.
    const QString anonymous = FakeTwilio::newCallSid();
    QCOMPARE(incomingCall(anonymous, u"anonymous"_s).twiml().verbNames(), QStringList { u"Reject"_s });
    // A number on the allow list is routed.
    const QString allowed = FakeTwilio::newCallSid();
    QCOMPARE(numbersDialed(incomingCall(allowed, u"+15551230000"_s)), QStringList { u"+15550008888"_s });
    QCOMPARE(session(allowed).outcome, CallOutcome::Ongoing);
}

void TestRoutingEngine::rejectRuleHasNoWelcome()
{
    importPlan(planDocument(uR"({ "name": "VIP test", "if": { "caller_in": "vip" }, "then": { "do": "reject" } },
                                 { "name": "Rest", "if": {}, "then": { "do": "message", "message": { "say": "We are closed." } } })"_s,
        uR"("messages": { "welcome": { "say": "Welcome to Bright Smile." } })"_s));
    const QString sid = FakeTwilio::newCallSid();
    QCOMPARE(incomingCall(sid, Jane).twiml().verbNames(), QStringList { u"Reject"_s });
    QCOMPARE(steps(sid).last(), u"CallerBlocked"_s);
    QVERIFY(events(sid, u"CallerBlocked"_s).first().detail.contains(u"VIP test"_s));

    const QString other = FakeTwilio::newCallSid();
    const TwilioReply reply = incomingCall(other, Stranger);
    QCOMPARE(reply.twiml().verbNames(), (QStringList { u"Say"_s, u"Say"_s, u"Hangup"_s }));
    QCOMPARE(reply.twiml().verbs().at(0).text, u"Welcome to Bright Smile."_s);
    QCOMPARE(reply.twiml().verbs().at(1).text, u"We are closed."_s);
    QCOMPARE(steps(other), (QStringList { u"CallReceived"_s, u"BookingLookup"_s, u"Welcome"_s, u"Hangup"_s }));
    QCOMPARE(session(other).outcome, CallOutcome::Missed);
}

void TestRoutingEngine::welcomeMenuAndPressOneConnects()
{
    importPlan(planDocument(uR"({ "name": "Menu", "if": {}, "then": {
        "do": "menu", "prompt": { "say": "For appointments press 1. For Carol press 2." }, "timeout_s": 4, "attempts": 2,
        "options": { "1": { "do": "team", "team": "front" }, "2": { "do": "staff", "staff": "carol" } } } })"_s,
        uR"("messages": { "welcome": { "say": "Thanks for calling." } })"_s));
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply menu = incomingCall(sid, Jane);
    QCOMPARE(menu.twiml().verbNames(), (QStringList { u"Say"_s, u"Gather"_s }));
    const TwimlVerb gather = *menu.twiml().find(u"Gather"_s);
    QCOMPARE(gather.attribute(u"timeout"_s), u"4"_s);
    QCOMPARE(gather.attribute(u"numDigits"_s), u"1"_s);
    QCOMPARE(gather.children.first().text, u"For appointments press 1. For Carol press 2."_s);

    const TwilioReply ring = post(actionOf(menu, u"Gather"_s), sid, Jane, { { u"Digits"_s, u"2"_s } });
    QCOMPARE(numbersDialed(ring), QStringList { Carol });
    QCOMPARE(actionOf(ring, u"Dial"_s).query(), u"leg=target"_s);
    const QUrl screen = screenUrl(ring);
    QCOMPARE(screen.path(), u"/twilio/confirm/"_s + m_token);

    // Carol picks up: she hears who is calling and must press 1.
    const TwilioReply prompt = pickUp(screen, sid, Carol);
    QCOMPARE(prompt.twiml().verbNames(), QStringList { u"Gather"_s });
    QVERIFY(prompt.twiml().find(u"Gather"_s)->children.first().text.contains(u"Jane Doe"_s));
    const TwilioReply accepted = pressOnCalleeLeg(prompt, sid, Carol, u"1"_s);
    QCOMPARE(accepted.status, 200);
    QVERIFY2(accepted.twiml().isValid(), accepted.body.constData());
    QVERIFY(accepted.twiml().verbNames().isEmpty()); // an empty document bridges her

    QCOMPARE(dialResult(actionOf(ring, u"Dial"_s), sid, Jane, u"completed"_s, true).twiml().verbNames(),
        QStringList { u"Hangup"_s });
    statusCallback(sid, Jane, u"completed"_s);
    const CallSessionRecord stored = session(sid);
    QCOMPARE(stored.outcome, CallOutcome::Answered);
    QCOMPARE(stored.answeredBy, u"carol"_s);
    QCOMPARE(steps(sid),
        (QStringList { u"CallReceived"_s, u"BookingLookup"_s, u"Welcome"_s, u"GatherDtmf"_s, u"MenuChoice"_s,
            u"DialChainResolved"_s, u"DialTarget"_s, u"ConfirmTarget"_s, u"ConfirmTargetResult"_s,
            u"DialTargetResult"_s, u"StatusChanged"_s }));
}

void TestRoutingEngine::invalidKeysRepromptThenOtherwise()
{
    importPlan(planDocument(uR"({ "name": "Menu", "if": {}, "then": {
        "do": "menu", "prompt": { "say": "Press 1." }, "attempts": 3,
        "options": { "1": { "do": "team", "team": "front" } },
        "otherwise": { "do": "number", "number": "+15550008888" } } })"_s));
    const QString sid = FakeTwilio::newCallSid();
    TwilioReply reply = incomingCall(sid, Stranger);
    const QUrl gather = actionOf(reply, u"Gather"_s);
    for (const QString &digits : { u"7"_s, QString() }) {
        reply = post(gather, sid, Stranger, { { u"Digits"_s, digits } });
        QCOMPARE(reply.twiml().verbNames(), QStringList { u"Gather"_s });
    }
    reply = post(gather, sid, Stranger, { { u"Digits"_s, u"9"_s } });
    QCOMPARE(numbersDialed(reply), QStringList { u"+15550008888"_s });
    // A plain number is not a staff member: no "press 1" screening.
    QVERIFY(screenUrl(reply).isEmpty());
    QCOMPARE(events(sid, u"MenuChoice"_s).size(), 3);
    QCOMPARE(events(sid, u"GatherDtmf"_s).size(), 3);
    QVERIFY(events(sid, u"MenuChoice"_s).first().detail.contains(u"7"_s));

    // Nobody answers: the fallback number, then the closing message.
    reply = dialResult(actionOf(reply, u"Dial"_s), sid, Stranger, u"no-answer"_s);
    QCOMPARE(numbersDialed(reply), QStringList { Fallback });
    reply = dialResult(actionOf(reply, u"Dial"_s), sid, Stranger, u"no-answer"_s);
    QCOMPARE(reply.twiml().verbNames(), (QStringList { u"Say"_s, u"Hangup"_s }));
    statusCallback(sid, Stranger, u"completed"_s);
    QCOMPARE(session(sid).outcome, CallOutcome::Missed);
}

void TestRoutingEngine::chainRoundsThenFallbackThenVoicemail()
{
    FakeMediaServer media;
    QVERIFY(media.listen());
    media.setExpectedAuthorization("Basic " + (AccountSid + u':' + AuthToken).toUtf8().toBase64());
    // Twilio's API origin: the only one recordings are fetched from.
    setSetting(u"twilio.api_base"_s, media.url(u"/"_s).toString(QUrl::RemovePath));
    media.serve(u"/2010-04-01/Accounts/AC1/Recordings/RE00000000000000000000000000000001.mp3"_s,
        "ID3 fake mp3 bytes"_ba);

    importPlan(planDocument(uR"({ "name": "All", "if": {}, "then": { "do": "team", "team": "front" } })"_s,
        uR"("voicemail": { "on_no_answer": true, "max_seconds": 90, "transcribe": true },
            "messages": { "voicemail_greeting": { "say": "Please leave a message." } })"_s));
    const QString sid = FakeTwilio::newCallSid();
    TwilioReply reply = incomingCall(sid, Stranger);
    QStringList rung;
    for (int round = 0; round < 3; ++round) {
        const QStringList numbers = numbersDialed(reply);
        QCOMPARE(numbers.size(), 1);
        rung << numbers;
        QCOMPARE(reply.twiml().find(u"Dial"_s)->attribute(u"timeout"_s), u"15"_s);
        reply = dialResult(actionOf(reply, u"Dial"_s), sid, Stranger, u"no-answer"_s);
    }
    // Tier one in either order, then tier two.
    QCOMPARE(QSet<QString>(rung.cbegin(), rung.cbegin() + 2), (QSet<QString> { Alice, Bob }));
    QCOMPARE(rung.at(2), Carol);
    QCOMPARE(numbersDialed(reply), QStringList { Fallback });

    reply = dialResult(actionOf(reply, u"Dial"_s), sid, Stranger, u"no-answer"_s);
    QCOMPARE(reply.twiml().verbNames(), (QStringList { u"Say"_s, u"Record"_s }));
    const TwimlVerb record = *reply.twiml().find(u"Record"_s);
    QCOMPARE(record.attribute(u"maxLength"_s), u"90"_s);
    QVERIFY(!record.attribute(u"recordingStatusCallback"_s).isEmpty());
    QVERIFY(!record.attribute(u"transcribeCallback"_s).isEmpty());

    const QString recordingUrl
        = media.url(u"/2010-04-01/Accounts/AC1/Recordings/RE00000000000000000000000000000001"_s).toString();
    const FormFields recording { { u"RecordingSid"_s, u"RE00000000000000000000000000000001"_s },
        { u"RecordingUrl"_s, recordingUrl }, { u"RecordingDuration"_s, u"23"_s } };
    reply = post(actionOf(reply, u"Record"_s), sid, Stranger, recording);
    QCOMPARE(reply.twiml().verbNames().last(), u"Hangup"_s);
    FormFields status = recording;
    status.append({ u"RecordingStatus"_s, u"completed"_s });
    QCOMPARE(post(QUrl(record.attribute(u"recordingStatusCallback"_s)), sid, Stranger, status).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(events(sid, u"RecordingSaved"_s).size(), 1, 10000);
    QCOMPARE(events(sid, u"RecordingSaved"_s).first().result, EventResult::Processed);

    FormFields transcription = recording;
    transcription.append({ u"TranscriptionStatus"_s, u"completed"_s });
    transcription.append({ u"TranscriptionText"_s, u"Please call me back about my crown."_s });
    QCOMPARE(post(QUrl(record.attribute(u"transcribeCallback"_s)), sid, Stranger, transcription).status, 200);
    statusCallback(sid, Stranger, u"completed"_s);

    QCOMPARE(session(sid).outcome, CallOutcome::Voicemail);
    const QList<RecordingRecord> saved = RecordingStore(m_admin->database()).forCall(sid);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().durationSeconds.value_or(0), 23);
    QCOMPARE(saved.first().transcription, u"Please call me back about my crown."_s);
    QFile file(QDir(m_dir->path()).filePath(saved.first().file));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(saved.first().file));
    QCOMPARE(file.readAll(), "ID3 fake mp3 bytes"_ba);
    QCOMPARE(steps(sid).count(u"DialTarget"_s), 3);
    QCOMPARE(steps(sid).count(u"Voicemail"_s), 3); // asked, left, transcribed
}

void TestRoutingEngine::pickupWithoutOneMovesOn()
{
    importPlan(planDocument(uR"({ "name": "All", "if": {}, "then": { "do": "team", "team": "pair" } })"_s,
        uR"("accept": { "required": true, "attempts": 2, "timeout_s": 3 })"_s));
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply ring = incomingCall(sid, Stranger);
    QCOMPARE(numbersDialed(ring), QStringList { Alice });
    // A voicemail box picks up and never presses 1.
    const TwilioReply prompt = pickUp(screenUrl(ring), sid, Alice);
    QCOMPARE(prompt.twiml().find(u"Gather"_s)->attribute(u"timeout"_s), u"3"_s);
    // Nobody is named: the number is read digit by digit.
    QVERIFY(prompt.twiml().find(u"Gather"_s)->children.first().text.contains(u"5 5 5 9 9 9 0 0 0 0"_s));
    const TwilioReply again = pressOnCalleeLeg(prompt, sid, Alice, u"5"_s);
    QCOMPARE(again.twiml().verbNames(), QStringList { u"Gather"_s });
    QCOMPARE(pressOnCalleeLeg(again, sid, Alice, QString()).twiml().verbNames(), QStringList { u"Hangup"_s });

    // Twilio reports the refused leg as not answered; max_people 1 leaves nobody else in the team.
    const TwilioReply after = dialResult(actionOf(ring, u"Dial"_s), sid, Stranger, u"no-answer"_s);
    QVERIFY(events(sid, u"DialTargetResult"_s).first().detail.contains(u"did not press 1"_s));
    QCOMPARE(numbersDialed(after), QStringList { Fallback });
    QCOMPARE(events(sid, u"ConfirmTargetResult"_s).size(), 2);
    QCOMPARE(events(sid, u"ConfirmTargetResult"_s).last().result, EventResult::Failed);
}

void TestRoutingEngine::hangingUpBeforeTheBridgeMovesOn()
{
    importPlan(planDocument(uR"({ "name": "All", "if": {}, "then": { "do": "staff", "staff": "alice",
        "otherwise": { "do": "staff", "staff": "bob" } } })"_s,
        uR"("accept": { "required": true })"_s));
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply ring = incomingCall(sid, Stranger);
    QCOMPARE(numbersDialed(ring), QStringList { Alice });
    // Alice presses 1, then hangs up before Twilio bridges her: her leg completed, the caller's was
    // never connected, and Twilio says so with DialBridged=false.
    const TwilioReply prompt = pickUp(screenUrl(ring), sid, Alice);
    QVERIFY(pressOnCalleeLeg(prompt, sid, Alice, u"1"_s).twiml().verbNames().isEmpty());
    const TwilioReply next = dialResult(actionOf(ring, u"Dial"_s), sid, Stranger, u"completed"_s, false);
    QCOMPARE(numbersDialed(next), QStringList { Bob });
    QVERIFY(events(sid, u"DialTargetResult"_s).first().detail.contains(u"hung up before being connected"_s));

    const TwilioReply bobsPrompt = pickUp(screenUrl(next), sid, Bob);
    QVERIFY(pressOnCalleeLeg(bobsPrompt, sid, Bob, u"1"_s).twiml().verbNames().isEmpty());
    dialResult(actionOf(next, u"Dial"_s), sid, Stranger, u"completed"_s, true);
    statusCallback(sid, Stranger, u"completed"_s);
    QCOMPARE(session(sid).outcome, CallOutcome::Answered);
    QCOMPARE(session(sid).answeredBy, u"bob"_s);
}

void TestRoutingEngine::anAnsweredLegTalksBeforeItsDialEnds()
{
    importPlan(planDocument(uR"({ "name": "All", "if": {}, "then": { "do": "team", "team": "pair" } })"_s,
        uR"("accept": { "required": false })"_s));
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply ring = incomingCall(sid, Stranger);
    QCOMPARE(numbersDialed(ring), QStringList { Alice });
    const TwimlDocument twiml = ring.twiml();
    const QUrl answered(twiml.find(u"Dial"_s)->children.first().attribute(u"statusCallback"_s));
    QCOMPARE(answered.path(), u"/twilio/leg/"_s + m_token);

    FormFields alicesLeg
        = FakeTwilio::callFields(FakeTwilio::newCallSid(), Business, Alice, u"in-progress"_s);
    alicesLeg.append({ u"ParentCallSid"_s, sid });
    // Unsigned, or naming no leg of ours: refused, and nothing changes.
    QCOMPARE(m_twilio->postWithSignature(answered, alicesLeg, {}).status, 403);
    QUrl nowhere = answered;
    nowhere.setQuery(answered.query().replace(u"leg=target"_s, u"leg=elsewhere"_s));
    QCOMPARE(m_twilio->post(nowhere, alicesLeg).status, 400);
    QCOMPARE(session(sid).stage, CallStage::Ringing);

    // Alice answers: she talks with the caller long before her <Dial> reports its end.
    const TwilioReply noted = m_twilio->post(answered, alicesLeg);
    QCOMPARE(noted.status, 200);
    QVERIFY(noted.twiml().isValid() && noted.twiml().verbs().isEmpty());
    CallSessionRecord talking = session(sid);
    QCOMPARE(talking.stage, CallStage::Answered);
    QCOMPARE(talking.answeredBy, u"alice"_s);
    QCOMPARE(talking.outcome, CallOutcome::Ongoing);
    QCOMPARE(events(sid, u"DialTargetResult"_s).first().detail,
        u"Alice Ng answered and is talking with the caller."_s);
    // She stays busy while she talks: the next call rings Bob.
    QCOMPARE(numbersDialed(incomingCall(FakeTwilio::newCallSid(), u"+15559990001"_s)), QStringList { Bob });

    // The caller hangs up; Twilio reports the end before the <Dial action>.
    statusCallback(sid, Stranger, u"completed"_s);
    QCOMPARE(session(sid).outcome, CallOutcome::Answered);
    QCOMPARE(dialResult(actionOf(ring, u"Dial"_s), sid, Stranger, u"completed"_s, true).twiml().verbNames(),
        QStringList { u"Hangup"_s });
    QCOMPARE(session(sid).outcome, CallOutcome::Answered);
    QCOMPARE(events(sid, u"DialTargetResult"_s).size(), 2);
    QVERIFY(events(sid, u"DialTargetResult"_s).last().detail.contains(u"Alice Ng took the call"_s));
}

void TestRoutingEngine::busyStaffAreSkippedOnConcurrentCalls()
{
    importPlan(planDocument(uR"({ "name": "All", "if": {}, "then": { "do": "team", "team": "pair" } })"_s));
    const QString first = FakeTwilio::newCallSid();
    const TwilioReply firstRing = incomingCall(first, Stranger);
    QCOMPARE(numbersDialed(firstRing), QStringList { Alice });

    // Alice is ringing for the first call: the second call's chain leaves her out.
    const QString second = FakeTwilio::newCallSid();
    const TwilioReply secondRing = incomingCall(second, u"+15559990001"_s);
    QCOMPARE(numbersDialed(secondRing), QStringList { Bob });
    QVERIFY(events(second, u"DialChainResolved"_s).first().detail.contains(u"on another call"_s));

    // Alice takes the first call (no press 1 here) and stays busy while she talks.
    const TwilioReply prompt = pickUp(screenUrl(firstRing), first, Alice);
    pressOnCalleeLeg(prompt, first, Alice, u"1"_s);
    dialResult(actionOf(firstRing, u"Dial"_s), first, Stranger, u"completed"_s, true);
    const QString third = FakeTwilio::newCallSid();
    QCOMPARE(numbersDialed(incomingCall(third, u"+15559990002"_s)), QStringList { Fallback });

    // Once her call ends she can be rung again.
    statusCallback(first, Stranger, u"completed"_s);
    const QString fourth = FakeTwilio::newCallSid();
    QCOMPARE(numbersDialed(incomingCall(fourth, u"+15559990003"_s)), QStringList { Alice });
}

void TestRoutingEngine::allAtOnceRingsATierTogether()
{
    importPlan(planDocument(uR"({ "name": "All", "if": {}, "then": { "do": "team", "team": "duo" } })"_s));
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply ring = incomingCall(sid, Stranger);
    const QStringList together = numbersDialed(ring);
    QCOMPARE(QSet<QString>(together.cbegin(), together.cend()), (QSet<QString> { Alice, Bob }));
    QCOMPARE(events(sid, u"DialTarget"_s).size(), 1);

    // Bob picks up and accepts: the call is his.
    const int bobIndex = numbersDialed(ring).indexOf(Bob);
    const TwilioReply prompt = pickUp(screenUrl(ring, bobIndex), sid, Bob);
    QVERIFY(pressOnCalleeLeg(prompt, sid, Bob, u"1"_s).twiml().verbNames().isEmpty());
    // Alice's late pickup is turned away.
    QCOMPARE(pickUp(screenUrl(ring, 1 - bobIndex), sid, Alice).twiml().verbNames(), QStringList { u"Hangup"_s });
    dialResult(actionOf(ring, u"Dial"_s), sid, Stranger, u"completed"_s, true);
    QCOMPARE(session(sid).answeredBy, u"bob"_s);
}

void TestRoutingEngine::personInTwoTiers_data()
{
    QTest::addColumn<QString>("team");
    QTest::addColumn<QStringList>("rung");
    QTest::newRow("skip_dialed on: rung once") << u"once"_s << QStringList { Alice, Bob, Fallback };
    QTest::newRow("skip_dialed off: rung in each tier")
        << u"again"_s << QStringList { Alice, Bob, Alice, Fallback };
}

void TestRoutingEngine::personInTwoTiers()
{
    QFETCH(QString, team);
    QFETCH(QStringList, rung);
    importPlan(
        planDocument(uR"({ "name": "All", "if": {}, "then": { "do": "team", "team": "%1" } })"_s.arg(team)));
    const QString sid = FakeTwilio::newCallSid();
    TwilioReply reply = incomingCall(sid, Stranger);
    QStringList dialed = numbersDialed(reply);
    // Nobody answers: every ring of the chain, then the fallback number.
    while (dialed.size() < rung.size() && !numbersDialed(reply).isEmpty()) {
        reply = dialResult(actionOf(reply, u"Dial"_s), sid, Stranger, u"no-answer"_s);
        dialed += numbersDialed(reply);
    }
    QCOMPARE(dialed, rung);
    if (team == u"once"_s)
        QVERIFY(events(sid, u"DialChainResolved"_s).first().detail.contains(u"already rung in this call"_s));
}

void TestRoutingEngine::stickyCallerTriesLastAnswererFirst()
{
    importPlan(planDocument(uR"({ "name": "All", "if": {}, "then": { "do": "team", "team": "sticky" } })"_s,
        uR"("accept": { "required": false })"_s));
    const QString first = FakeTwilio::newCallSid();
    TwilioReply reply = incomingCall(first, Stranger);
    const QString firstRung = numbersDialed(reply).value(0);
    if (firstRung == Alice) // let Bob be the one who answers
        reply = dialResult(actionOf(reply, u"Dial"_s), first, Stranger, u"no-answer"_s);
    QCOMPARE(numbersDialed(reply), QStringList { Bob });
    dialResult(actionOf(reply, u"Dial"_s), first, Stranger, u"completed"_s, true);
    statusCallback(first, Stranger, u"completed"_s);
    QCOMPARE(session(first).answeredBy, u"bob"_s);

    for (int i = 0; i < 5; ++i) {
        const QString next = FakeTwilio::newCallSid();
        QCOMPARE(numbersDialed(incomingCall(next, Stranger)), QStringList { Bob });
        statusCallback(next, Stranger, u"completed"_s);
    }
}

void TestRoutingEngine::assignedStaffAndNumberOwner()
{
    importPlan(planDocument(uR"({ "name": "Owner", "if": { "called": ["+15557654322"] }, "then": { "do": "number_owner" } },
        { "name": "Assigned", "if": {}, "then": { "do": "assigned_staff", "otherwise": { "do": "team", "team": "pair" } } })"_s));
    const QString jane = FakeTwilio::newCallSid();
    QCOMPARE(numbersDialed(incomingCall(jane, Jane)), QStringList { Bob });

    const QString owned = FakeTwilio::newCallSid();
    QCOMPARE(numbersDialed(incomingCall(owned, Stranger, OwnedNumber)), QStringList { Carol });

    // A stranger has no assigned person: the rule's otherwise rings the team.
    const QString stranger = FakeTwilio::newCallSid();
    QCOMPARE(numbersDialed(incomingCall(stranger, u"+15559990005"_s)), QStringList { Alice });
    QVERIFY(events(stranger, u"DialChainResolved"_s).first().detail.contains(u"no assigned staff member"_s));
}

void TestRoutingEngine::scheduleConditions_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<bool>("matches");
    QTest::newRow("inside an always-open schedule") << u"\"inside\": \"always\""_s << true;
    QTest::newRow("outside an always-open schedule") << u"\"outside\": \"always\""_s << false;
    QTest::newRow("inside a never-open schedule") << u"\"inside\": \"never\""_s << false;
    QTest::newRow("outside a never-open schedule") << u"\"outside\": \"never\""_s << true;
    QTest::newRow("booking and caller list") << u"\"has_booking\": true, \"caller_in\": \"vip\""_s << true;
    QTest::newRow("no booking") << u"\"has_booking\": false"_s << false;
    QTest::newRow("not in the list") << u"\"caller_not_in\": \"vip\""_s << false;
}

void TestRoutingEngine::scheduleConditions()
{
    QFETCH(QString, condition);
    QFETCH(bool, matches);
    importPlan(planDocument(uR"({ "name": "Tested", "if": { %1 }, "then": { "do": "message", "message": { "say": "Matched." } } },
        { "name": "Else", "if": {}, "then": { "do": "message", "message": { "say": "Not matched." } } })"_s.arg(condition)));
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply reply = incomingCall(sid, Jane);
    QCOMPARE(reply.twiml().verbs().first().text, matches ? u"Matched."_s : u"Not matched."_s);
    QVERIFY(events(sid, u"Hangup"_s).first().detail.contains(matches ? u"Tested"_s : u"Else"_s));
}

void TestRoutingEngine::agentFailureGoesToOtherwise()
{
    importPlan(planDocument(uR"({ "name": "Booked", "if": { "has_booking": true },
        "then": { "do": "ai_agent", "otherwise": { "do": "team", "team": "pair" } } })"_s));
    const QString booked = FakeTwilio::newCallSid();
    const TwilioReply agent = incomingCall(booked, Jane);
    QVERIFY(agent.twiml().find(u"Dial"_s)->children.first().name == u"Sip"_s);
    // The agent's leg fails: the rule's otherwise rings the team.
    QCOMPARE(numbersDialed(dialResult(actionOf(agent, u"Dial"_s), booked, Jane, u"failed"_s)), QStringList { Alice });

    m_retell->setMode(FakeRetellServer::Mode::ServerError);
    const QString failing = FakeTwilio::newCallSid();
    QCOMPARE(numbersDialed(incomingCall(failing, Jane)), QStringList { Bob }); // Alice is busy ringing
    QCOMPARE(events(failing, u"AgentRegistration"_s).first().result, EventResult::Failed);
    QVERIFY(events(failing, u"AgentRegistration"_s).first().detail.contains(u"Booked"_s));
}

void TestRoutingEngine::closingMessageWhenNobodyAnswers()
{
    QString error;
    QVERIFY(m_admin->settings().unset(u"routing.fallback_number"_s, &error));
    importPlan(planDocument(uR"({ "name": "All", "if": {}, "then": { "do": "staff", "staff": "alice", "ring_seconds": 12 } })"_s,
        uR"("messages": { "closing": { "say": "Sorry, we missed you.", "voice": "Polly.Joanna" } })"_s));
    const QString sid = FakeTwilio::newCallSid();
    TwilioReply reply = incomingCall(sid, Stranger);
    QCOMPARE(reply.twiml().find(u"Dial"_s)->attribute(u"timeout"_s), u"12"_s);
    reply = dialResult(actionOf(reply, u"Dial"_s), sid, Stranger, u"busy"_s);
    QCOMPARE(reply.twiml().verbNames(), (QStringList { u"Say"_s, u"Hangup"_s }));
    QCOMPARE(reply.twiml().verbs().first().text, u"Sorry, we missed you."_s);
    QCOMPARE(reply.twiml().verbs().first().attribute(u"voice"_s), u"Polly.Joanna"_s);
    statusCallback(sid, Stranger, u"completed"_s);
    // People were tried: missed, not failed.
    QCOMPARE(session(sid).outcome, CallOutcome::Missed);

    // An inactive person is skipped with the reason, and nobody else can be reached: failed.
    importPlan(planDocument(uR"({ "name": "All", "if": {}, "then": { "do": "staff", "staff": "dave" } })"_s));
    const QString nobody = FakeTwilio::newCallSid();
    QCOMPARE(incomingCall(nobody, Stranger).twiml().verbNames(), (QStringList { u"Say"_s, u"Hangup"_s }));
    QVERIFY(events(nobody, u"DialChainResolved"_s).first().detail.contains(u"not active"_s));
    QCOMPARE(session(nobody).outcome, CallOutcome::Failed);
}

void TestRoutingEngine::newPlanAppliesToTheNextCall()
{
    importPlan(planDocument(uR"({ "name": "One", "if": {}, "then": { "do": "message", "message": { "say": "First plan." } } })"_s));
    const QString first = FakeTwilio::newCallSid();
    QCOMPARE(incomingCall(first, Stranger).twiml().verbs().first().text, u"First plan."_s);
    importPlan(planDocument(uR"({ "name": "Two", "if": {}, "then": { "do": "message", "message": { "say": "Second plan." } } })"_s));
    const QString second = FakeTwilio::newCallSid();
    QCOMPARE(incomingCall(second, Stranger).twiml().verbs().first().text, u"Second plan."_s);
}

void TestRoutingEngine::voicemailDownloadFailureIsLogged()
{
    FakeMediaServer media;
    QVERIFY(media.listen()); // serves nothing: every fetch is a 404
    setSetting(u"twilio.api_base"_s, media.url(u"/"_s).toString(QUrl::RemovePath));
    importPlan(planDocument(uR"({ "name": "All", "if": {}, "then": { "do": "voicemail" } })"_s));
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply reply = incomingCall(sid, Stranger);
    QCOMPARE(reply.twiml().verbNames(), (QStringList { u"Say"_s, u"Record"_s }));
    const FormFields status { { u"RecordingSid"_s, u"RE00000000000000000000000000000404"_s },
        { u"RecordingUrl"_s, media.url(u"/Recordings/RE00000000000000000000000000000404"_s).toString() },
        { u"RecordingDuration"_s, u"5"_s }, { u"RecordingStatus"_s, u"completed"_s } };
    const QUrl callback(reply.twiml().find(u"Record"_s)->attribute(u"recordingStatusCallback"_s));
    QCOMPARE(post(callback, sid, Stranger, status).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(events(sid, u"RecordingSaved"_s).size(), 1, 15000);
    const CallEventRecord failed = events(sid, u"RecordingSaved"_s).first();
    QCOMPARE(failed.result, EventResult::Failed);
    QVERIFY(failed.detail.contains(u"404"_s));
    QVERIFY(!failed.detail.contains(AuthToken));
    // The link to the recording is kept even though the file could not be fetched.
    QCOMPARE(RecordingStore(m_admin->database()).forCall(sid).size(), 1);
}

void TestRoutingEngine::recordingOffTwilioIsNeverFetched()
{
    // A signed callback naming a recording somewhere else: neither our credentials nor our disk go there.
    FakeMediaServer elsewhere;
    QVERIFY(elsewhere.listen());
    const QString recordingSid = u"RE"_s + QString(29, u'0') + u"405"_s;
    elsewhere.serve(u"/Recordings/"_s + recordingSid + u".mp3"_s, "not a voicemail"_ba);
    importPlan(planDocument(uR"({ "name": "All", "if": {}, "then": { "do": "voicemail" } })"_s));
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply reply = incomingCall(sid, Stranger);
    const FormFields status { { u"RecordingSid"_s, recordingSid },
        { u"RecordingUrl"_s, elsewhere.url(u"/Recordings/"_s + recordingSid).toString() },
        { u"RecordingDuration"_s, u"5"_s }, { u"RecordingStatus"_s, u"completed"_s } };
    const QUrl callback(reply.twiml().find(u"Record"_s)->attribute(u"recordingStatusCallback"_s));
    QCOMPARE(post(callback, sid, Stranger, status).status, 200);
    QTRY_COMPARE(events(sid, u"RecordingSaved"_s).size(), 1);
    const CallEventRecord refused = events(sid, u"RecordingSaved"_s).first();
    QCOMPARE(refused.result, EventResult::Failed);
    QVERIFY2(refused.detail.contains(u"not at Twilio"_s), qPrintable(refused.detail));
    QTest::qWait(100);
    QVERIFY(elsewhere.requests().isEmpty());
    QVERIFY(!QDir(m_dir->filePath(u"recordings"_s)).exists() || QDir(m_dir->filePath(u"recordings"_s)).isEmpty());
}

QTEST_GUILESS_MAIN(TestRoutingEngine)
#include "tst_routingengine.moc"
