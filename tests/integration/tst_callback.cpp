// Call-backs end to end: a seat with the control token asks for one over the live feed, the router asks
// Twilio's REST API (a loopback fake that checks every request) to ring the staff member's phone, and then
// Twilio's signed webhooks play the staff member's leg: the prompt, their key, the customer's dial result and
// the status callback. The call log and the statistics are read back from the database.
#include "datadir/datadirectory.h"
#include "faketwilio.h"
#include "faketwiliorest.h"
#include "feed/feedaddress.h"
#include "feed/feedclient.h"
#include "feed/feedmessage.h"
#include "importer/customerimporter.h"
#include "routing/plandocument.h"
#include "server/feedserver.h"
#include "server/routerservice.h"
#include "settings/settings.h"
#include "storage/callstatsstore.h"
#include "storage/callstore.h"
#include "storage/routingplanstore.h"
#include "tempdatadir.h"

#include <QCoroTask>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString AuthToken = u"callback-test-auth-token-0123456789"_s;
const QString AccountSid = u"AC0123456789abcdef0123456789abcdef"_s;
const QString Business = u"+15557654321"_s;
const QString Jane = u"+15551234567"_s;
const QString AlicePhone = u"+15551110001"_s;
const QString DeskPhone = u"+15551110099"_s;
const QString PublicBase = u"https://frontdesk.example.net"_s;

} // namespace

class TestCallBack : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void aMissedCallIsCalledBackAndLeavesTheList();
    void aStaffMemberWhoDoesNotPress1CallsNobody();
    void aCustomerWhoDoesNotAnswerStaysOnTheList();
    void aCustomerIsCalledBackByNumberFromADeskPhone();
    void refusalsSayWhyInPlainWords();
    void withoutAPublicUrlNothingIsPlaced();

private:
    // Twilio signs what it calls: the public URL when one is set.
    void startRouter(bool behindPublicUrl = true);
    void connectSeat(FeedClient &seat, const QString &tokenKey);
    QString setting(const QString &key) { return *m_admin->settings().value(key); }
    void set(const QString &key, const QString &value);
    QString token() { return setting(u"server.webhook_token"_s); }
    // Jane calls, nobody takes it: a missed call; returns its CallSid.
    QString missedCall();
    // The call-back the seat asked for, once Twilio placed it: its CallSid (from the Calls.json answer).
    QString placedCallBack(qsizetype requestsBefore);
    FakeTwilioRest::Request lastCallsRequest() const;
    TwilioReply callBackWebhook(const QUrl &url, const QString &callSid, const FormFields &extra = {});
    CallSessionRecord storedSession(const QString &callSid);
    QStringList storedSteps(const QString &callSid);
    CallStats stats();
    static bool listed(const CallStats &stats, const QString &number);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_admin;
    std::unique_ptr<FakeTwilioRest> m_rest;
    std::unique_ptr<RouterService> m_service;
    std::unique_ptr<FakeTwilio> m_twilio;
};

void TestCallBack::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    m_dir = std::make_unique<TempDataDir>();
    m_admin = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_admin->open(&error), qPrintable(error));
    m_rest = std::make_unique<FakeTwilioRest>(AccountSid, AuthToken.toUtf8());
    QVERIFY(m_rest->listen());
    m_rest->addNumber(Business, u"Main line"_s);
    for (const auto &[key, value] : { std::pair { u"twilio.auth_token"_s, AuthToken },
             { u"twilio.account_sid"_s, AccountSid }, { u"twilio.api_base"_s, m_rest->baseUrl().toString() },
             { u"twilio.numbers"_s, Business }, { u"routing.enabled"_s, u"true"_s },
             { u"routing.fallback_number"_s, u"(555) 000-9999"_s }, { u"server.public_url"_s, PublicBase } })
        set(key, value);
    const QString customers = m_dir->writeFile(u"customers.csv"_s,
        "customer_id,name,phone,email,notes\nC1,Jane Doe,+1 555 123 4567,,\n");
    QVERIFY(CustomerImporter(m_admin->database()).importFile(customers, false).committed);
    RoutingModel model = PlanDocument::defaultModel(u"+15550009999"_s, QTimeZone::systemTimeZone());
    StaffMember alice;
    alice.id = u"alice"_s;
    alice.name = u"Alice Ng"_s;
    alice.phone = AlicePhone;
    model.staff.append(alice);
    QVERIFY2(RoutingPlanStore(m_admin->database()).save(PlanDocument::toJson(model), &error), qPrintable(error));
}

void TestCallBack::cleanup()
{
    m_twilio.reset();
    m_service.reset();
    m_rest.reset();
    m_admin.reset();
    m_dir.reset();
}

void TestCallBack::set(const QString &key, const QString &value)
{
    QString error;
    QVERIFY2(m_admin->settings().set(key, value, &error), qPrintable(error));
}

void TestCallBack::startRouter(bool behindPublicUrl)
{
    m_service = std::make_unique<RouterService>(m_dir->path());
    m_service->enableFeed(std::pair { QHostAddress(QHostAddress::LocalHost), quint16(0) });
    QString error;
    QVERIFY2(m_service->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    QVERIFY2(m_service->feedServer(), qPrintable(m_service->feedProblem()));
    m_twilio = std::make_unique<FakeTwilio>(
        QUrl(u"http://127.0.0.1:%1"_s.arg(m_service->port())), AuthToken.toUtf8(),
        behindPublicUrl ? QUrl(PublicBase) : QUrl());
}

void TestCallBack::connectSeat(FeedClient &seat, const QString &tokenKey)
{
    seat.setAddress(*FeedAddress::fromTyped(u"127.0.0.1:%1"_s.arg(m_service->feedServer()->port())));
    QVERIFY(seat.setToken(setting(tokenKey)));
    seat.start();
    QTRY_COMPARE_WITH_TIMEOUT(seat.state(), FeedClient::State::Connected, 20'000);
}

QString TestCallBack::missedCall()
{
    const QString callSid = FakeTwilio::newCallSid();
    const QUrl voice = m_twilio->publicUrl(u"/twilio/voice/"_s + token());
    if (m_twilio->post(voice, FakeTwilio::callFields(callSid, Jane, Business)).status != 200)
        return {};
    FormFields ended = FakeTwilio::callFields(callSid, Jane, Business, u"completed"_s);
    ended.append({ u"CallDuration"_s, u"25"_s });
    if (m_twilio->post(m_twilio->publicUrl(u"/twilio/status/"_s + token()), ended).status != 200)
        return {};
    return callSid;
}

FakeTwilioRest::Request TestCallBack::lastCallsRequest() const
{
    const QList<FakeTwilioRest::Request> requests = m_rest->requests();
    for (qsizetype i = requests.size() - 1; i >= 0; --i) {
        if (requests.at(i).method == "POST" && requests.at(i).pathAndQuery.endsWith(u"/Calls.json"_s))
            return requests.at(i);
    }
    return {};
}

QString TestCallBack::placedCallBack(qsizetype requestsBefore)
{
    if (m_rest->requests().size() <= requestsBefore)
        return {};
    // The call Twilio placed to the phone that rang first, as the call log holds it.
    const FakeTwilioRest::Request request = lastCallsRequest();
    for (const CallListEntry &entry : CallStore(m_admin->database()).list(CallListFilter {})) {
        const QJsonObject placed = m_rest->call(entry.session.callSid);
        if (entry.session.direction == CallDirection::Outgoing && !entry.session.endedAt.isValid()
            && placed.value(u"to"_s).toString() == request.value(u"To"_s))
            return entry.session.callSid;
    }
    return {};
}

TwilioReply TestCallBack::callBackWebhook(const QUrl &url, const QString &callSid, const FormFields &extra)
{
    // The call Twilio placed: from the business number to the phone that rang first.
    FormFields fields = FakeTwilio::callFields(callSid, Business, AlicePhone, u"in-progress"_s);
    fields.append(extra);
    return m_twilio->post(url, fields);
}

CallSessionRecord TestCallBack::storedSession(const QString &callSid)
{
    return CallStore(m_admin->database()).findSession(callSid).value_or(CallSessionRecord {});
}

QStringList TestCallBack::storedSteps(const QString &callSid)
{
    QStringList steps;
    for (const CallEventRecord &event : CallStore(m_admin->database()).events(callSid))
        steps.append(CallLogNames::name(event.step));
    return steps;
}

CallStats TestCallBack::stats()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return CallStatsStore(m_admin->database()).compute({ now.addDays(-1), now.addSecs(3600), {}, QTimeZone::utc() }).value();
}

bool TestCallBack::listed(const CallStats &stats, const QString &number)
{
    return std::any_of(stats.callBack.cbegin(), stats.callBack.cend(),
        [&](const CallStats::CallBack &entry) { return entry.from == number; });
}

void TestCallBack::aMissedCallIsCalledBackAndLeavesTheList()
{
    startRouter();
    const QString missed = missedCall();
    QVERIFY(!missed.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(storedSession(missed).outcome == CallOutcome::Missed, 20'000);
    QTRY_VERIFY_WITH_TIMEOUT(listed(stats(), Jane), 20'000);

    FeedClient seat;
    connectSeat(seat, u"feed.control_token"_s);
    const qsizetype before = m_rest->requests().size();
    const FeedCommandResult result = QCoro::waitFor(
        seat.sendCommand(FeedCommand::callBack(u"cb1"_s, missed, {}, u"alice"_s, {}, u"Reception 2"_s)));
    QVERIFY2(result.ok, qPrintable(result.error));

    // Twilio was asked to ring Alice's own phone from the business number, with our webhooks.
    const FakeTwilioRest::Request request = lastCallsRequest();
    QCOMPARE(request.pathAndQuery, u"/2010-04-01/Accounts/%1/Calls.json"_s.arg(AccountSid));
    QCOMPARE(request.authorization, "Basic " + (AccountSid + u':' + AuthToken).toUtf8().toBase64());
    QCOMPARE(request.value(u"To"_s), AlicePhone);
    QCOMPARE(request.value(u"From"_s), Business);
    const QUrl answerUrl(request.value(u"Url"_s));
    QCOMPARE(answerUrl.toString(), u"%1/twilio/callback/%2?step=answer&attempt=1"_s.arg(PublicBase, token()));
    QCOMPARE(request.value(u"StatusCallback"_s), u"%1/twilio/status/%2"_s.arg(PublicBase, token()));

    QTRY_VERIFY_WITH_TIMEOUT(!placedCallBack(before).isEmpty(), 20'000);
    const QString callBack = placedCallBack(before);
    CallSessionRecord session = storedSession(callBack);
    QCOMPARE(session.direction, CallDirection::Outgoing);
    QCOMPARE(session.from, Business);
    QCOMPARE(session.to, Jane);
    QCOMPARE(session.stage, CallStage::Ringing);
    const QList<CallEventRecord> started = CallStore(m_admin->database()).events(callBack);
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.at(0).detail,
        u"Reception 2 is calling back Jane Doe (+15551234567) from +15557654321: ringing Alice Ng (+15551110001) first."_s);
    // The missed call says it was returned.
    QTRY_VERIFY_WITH_TIMEOUT(storedSteps(missed).contains(u"DialTarget"_s), 20'000);

    // Alice answers: asked to press 1.
    TwilioReply reply = callBackWebhook(answerUrl, callBack);
    QCOMPARE(reply.status, 200);
    const TwimlDocument prompt = reply.twiml();
    const TwimlVerb *gather = prompt.find(u"Gather"_s);
    QVERIFY2(gather, reply.body.constData());
    QCOMPARE(gather->attribute(u"numDigits"_s), u"1"_s);
    QCOMPARE(gather->attribute(u"action"_s), u"%1/twilio/callback/%2?step=key&attempt=1"_s.arg(PublicBase, token()));
    QCOMPARE(gather->children.value(0).text, u"Call back Jane Doe. Press 1 to connect."_s);

    // She presses 1: Jane is dialled with the business number as caller ID.
    reply = callBackWebhook(QUrl(gather->attribute(u"action"_s)), callBack, { { u"Digits"_s, u"1"_s } });
    QCOMPARE(reply.status, 200);
    const TwimlDocument dialled = reply.twiml();
    const TwimlVerb *dial = dialled.find(u"Dial"_s);
    QVERIFY2(dial, reply.body.constData());
    QCOMPARE(dial->attribute(u"callerId"_s), Business);
    QCOMPARE(dial->attribute(u"answerOnBridge"_s), u"true"_s);
    QCOMPARE(dial->attribute(u"action"_s), u"%1/twilio/callback/%2?step=result&attempt=1"_s.arg(PublicBase, token()));
    QCOMPARE(dial->children.value(0).name, u"Number"_s);
    QCOMPARE(dial->children.value(0).text, Jane);

    // Jane answers and they talk; then the call ends.
    reply = callBackWebhook(QUrl(dial->attribute(u"action"_s)), callBack,
        { { u"DialCallStatus"_s, u"completed"_s }, { u"DialCallSid"_s, FakeTwilio::newCallSid() },
            { u"DialCallDuration"_s, u"95"_s }, { u"DialBridged"_s, u"true"_s } });
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.twiml().find(u"Hangup"_s));
    FormFields ended = FakeTwilio::callFields(callBack, Business, AlicePhone, u"completed"_s);
    ended.append({ u"CallDuration"_s, u"110"_s });
    QCOMPARE(m_twilio->post(m_twilio->publicUrl(u"/twilio/status/"_s + token()), ended).status, 200);

    QTRY_VERIFY_WITH_TIMEOUT(storedSession(callBack).endedAt.isValid(), 20'000);
    session = storedSession(callBack);
    QCOMPARE(session.outcome, CallOutcome::Answered);
    QCOMPARE(session.answeredBy, u"alice"_s);
    QCOMPARE(session.durationSeconds, 110);
    QCOMPARE(storedSteps(callBack),
        (QStringList { u"DialTarget"_s, u"ConfirmTarget"_s, u"ConfirmTargetResult"_s, u"DialTarget"_s,
            u"DialTargetResult"_s, u"StatusChanged"_s }));

    // Jane was reached: off the list. The call-back is no incoming call: not counted as answered.
    const CallStats after = stats();
    QVERIFY(!listed(after, Jane));
    QVERIFY(!listed(after, Business));
    QCOMPARE(after.total, 1);
    QCOMPARE(after.byOutcome.value(CallOutcome::Missed), 1);
    QCOMPARE(after.byOutcome.value(CallOutcome::Answered), 0);
}

void TestCallBack::aStaffMemberWhoDoesNotPress1CallsNobody()
{
    startRouter();
    const QString missed = missedCall();
    QVERIFY(!missed.isEmpty());
    FeedClient seat;
    connectSeat(seat, u"feed.control_token"_s);
    const qsizetype before = m_rest->requests().size();
    const FeedCommandResult result
        = QCoro::waitFor(seat.sendCommand(FeedCommand::callBack(u"cb2"_s, missed, {}, u"alice"_s, {}, {})));
    QVERIFY2(result.ok, qPrintable(result.error));
    QTRY_VERIFY_WITH_TIMEOUT(!placedCallBack(before).isEmpty(), 20'000);
    const QString callBack = placedCallBack(before);

    TwilioReply reply = callBackWebhook(QUrl(lastCallsRequest().value(u"Url"_s)), callBack);
    QVERIFY(reply.twiml().find(u"Gather"_s));
    // No key: asked once more.
    reply = callBackWebhook(QUrl(reply.twiml().find(u"Gather"_s)->attribute(u"action"_s)), callBack, { { u"Digits"_s, QString() } });
    const TwimlDocument askedAgain = reply.twiml();
    const TwimlVerb *again = askedAgain.find(u"Gather"_s);
    QVERIFY2(again, reply.body.constData());
    QCOMPARE(again->attribute(u"action"_s), u"%1/twilio/callback/%2?step=key&attempt=2"_s.arg(PublicBase, token()));
    // A wrong key the second time: nobody is dialled, the call hangs up.
    reply = callBackWebhook(QUrl(again->attribute(u"action"_s)), callBack, { { u"Digits"_s, u"5"_s } });
    QVERIFY(reply.twiml().find(u"Hangup"_s));
    QVERIFY(!reply.twiml().find(u"Dial"_s));
    QCOMPARE(m_twilio->post(m_twilio->publicUrl(u"/twilio/status/"_s + token()),
                 FakeTwilio::callFields(callBack, Business, AlicePhone, u"completed"_s)).status, 200);

    QTRY_VERIFY_WITH_TIMEOUT(storedSession(callBack).endedAt.isValid(), 20'000);
    QCOMPARE(storedSession(callBack).outcome, CallOutcome::Missed);
    QVERIFY(storedSteps(callBack).contains(u"Hangup"_s));
    QVERIFY(!storedSteps(callBack).contains(u"DialTargetResult"_s));
    // Jane still waits; the unanswered call-back is neither on the list nor a missed incoming call.
    const CallStats after = stats();
    QVERIFY(listed(after, Jane));
    QVERIFY(!listed(after, Business));
    QCOMPARE(after.total, 1);
    QCOMPARE(after.byOutcome.value(CallOutcome::Missed), 1);
}

void TestCallBack::aCustomerWhoDoesNotAnswerStaysOnTheList()
{
    startRouter();
    const QString missed = missedCall();
    QVERIFY(!missed.isEmpty());
    FeedClient seat;
    connectSeat(seat, u"feed.control_token"_s);
    const qsizetype before = m_rest->requests().size();
    QVERIFY(QCoro::waitFor(seat.sendCommand(FeedCommand::callBack(u"cb3"_s, missed, {}, u"alice"_s, {}, {}))).ok);
    QTRY_VERIFY_WITH_TIMEOUT(!placedCallBack(before).isEmpty(), 20'000);
    const QString callBack = placedCallBack(before);

    TwilioReply reply = callBackWebhook(QUrl(lastCallsRequest().value(u"Url"_s)), callBack);
    reply = callBackWebhook(QUrl(reply.twiml().find(u"Gather"_s)->attribute(u"action"_s)), callBack, { { u"Digits"_s, u"1"_s } });
    const TwimlDocument dialled = reply.twiml();
    const TwimlVerb *dial = dialled.find(u"Dial"_s);
    QVERIFY2(dial, reply.body.constData());
    // Jane's phone rings out.
    reply = callBackWebhook(QUrl(dial->attribute(u"action"_s)), callBack,
        { { u"DialCallStatus"_s, u"no-answer"_s }, { u"DialBridged"_s, u"false"_s } });
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.twiml().find(u"Say"_s));
    QVERIFY(reply.twiml().find(u"Hangup"_s));
    QCOMPARE(m_twilio->post(m_twilio->publicUrl(u"/twilio/status/"_s + token()),
                 FakeTwilio::callFields(callBack, Business, AlicePhone, u"completed"_s)).status, 200);

    QTRY_VERIFY_WITH_TIMEOUT(storedSession(callBack).endedAt.isValid(), 20'000);
    QCOMPARE(storedSession(callBack).outcome, CallOutcome::Missed);
    QVERIFY(storedSession(callBack).answeredBy.isEmpty());
    const QList<CallEventRecord> events = CallStore(m_admin->database()).events(callBack);
    QVERIFY(std::any_of(events.cbegin(), events.cend(), [](const CallEventRecord &event) {
        return event.step == Step::DialTargetResult && event.detail.contains(u"did not answer (no-answer)"_s);
    }));
    const CallStats after = stats();
    QVERIFY(listed(after, Jane));
    QVERIFY(!listed(after, Business));
    QCOMPARE(after.byOutcome.value(CallOutcome::Missed), 1);
}

void TestCallBack::aCustomerIsCalledBackByNumberFromADeskPhone()
{
    startRouter();
    QVERIFY(!missedCall().isEmpty());
    FeedClient seat;
    connectSeat(seat, u"feed.control_token"_s);
    const qsizetype before = m_rest->requests().size();
    const FeedCommandResult result = QCoro::waitFor(
        seat.sendCommand(FeedCommand::callBack(u"cb4"_s, {}, Jane, {}, DeskPhone, u"Front desk"_s)));
    QVERIFY2(result.ok, qPrintable(result.error));
    const FakeTwilioRest::Request request = lastCallsRequest();
    QCOMPARE(request.value(u"To"_s), DeskPhone);
    // The number Jane last called is the caller ID.
    QCOMPARE(request.value(u"From"_s), Business);
    QTRY_VERIFY_WITH_TIMEOUT(!placedCallBack(before).isEmpty(), 20'000);
    const QString callBack = placedCallBack(before);
    QCOMPARE(storedSession(callBack).to, Jane);
    QVERIFY(CallStore(m_admin->database()).events(callBack).value(0).detail.contains(u"ringing +15551110099 first"_s));
}

void TestCallBack::refusalsSayWhyInPlainWords()
{
    startRouter();
    const QString missed = missedCall();
    QVERIFY(!missed.isEmpty());
    FeedClient seat;
    connectSeat(seat, u"feed.control_token"_s);
    const qsizetype before = m_rest->requests().size();

    FeedCommandResult result
        = QCoro::waitFor(seat.sendCommand(FeedCommand::callBack(u"r1"_s, missed, {}, u"zoe"_s, {}, {})));
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(u"no staff member \"zoe\""_s), qPrintable(result.error));

    result = QCoro::waitFor(
        seat.sendCommand(FeedCommand::callBack(u"r2"_s, FakeTwilio::newCallSid(), {}, u"alice"_s, {}, {})));
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(u"no call"_s), qPrintable(result.error));
    QCOMPARE(m_rest->requests().size(), before);

    // A withheld caller has no number to return.
    const QString withheld = FakeTwilio::newCallSid();
    QCOMPARE(m_twilio->post(m_twilio->publicUrl(u"/twilio/voice/"_s + token()),
                 FakeTwilio::callFields(withheld, u"anonymous"_s, Business)).status, 200);
    result = QCoro::waitFor(seat.sendCommand(FeedCommand::callBack(u"r3"_s, withheld, {}, u"alice"_s, {}, {})));
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(u"withheld"_s), qPrintable(result.error));
    QCOMPARE(m_rest->requests().size(), before);

    // Twilio refuses: its own words reach the seat and the missed call's timeline.
    m_rest->failEverything(400, 21215, u"Account not authorized to call +15551110001."_s);
    result = QCoro::waitFor(seat.sendCommand(FeedCommand::callBack(u"r4"_s, missed, {}, u"alice"_s, {}, u"Reception 2"_s)));
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(u"not allowed to call +15551110001"_s), qPrintable(result.error));
    QTRY_VERIFY_WITH_TIMEOUT(std::ranges::any_of(CallStore(m_admin->database()).events(missed), [](const CallEventRecord &event) {
        return event.step == Step::DialTarget && event.result == EventResult::Failed
            && event.detail.contains(u"Reception 2 asked to call Jane Doe (+15551234567) back; Twilio said:"_s)
            && event.detail.contains(u"not allowed to call +15551110001"_s);
    }), 20'000);
    m_rest->failEverything(0);

    // A seat that may only watch.
    FeedClient watcher;
    connectSeat(watcher, u"feed.view_token"_s);
    const qsizetype now = m_rest->requests().size();
    result = QCoro::waitFor(watcher.sendCommand(FeedCommand::callBack(u"r5"_s, missed, {}, u"alice"_s, {}, {})));
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(u"only watch"_s), qPrintable(result.error));
    QCOMPARE(m_rest->requests().size(), now);
}

void TestCallBack::withoutAPublicUrlNothingIsPlaced()
{
    QString error;
    QVERIFY2(m_admin->settings().unset(u"server.public_url"_s, &error), qPrintable(error));
    startRouter(false);
    const QString missed = missedCall();
    QVERIFY(!missed.isEmpty());
    FeedClient seat;
    connectSeat(seat, u"feed.control_token"_s);
    const FeedCommandResult result
        = QCoro::waitFor(seat.sendCommand(FeedCommand::callBack(u"p1"_s, missed, {}, u"alice"_s, {}, {})));
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(u"server.public_url"_s), qPrintable(result.error));
    QVERIFY(m_rest->requests().isEmpty());
}

QTEST_MAIN(TestCallBack)
#include "tst_callback.moc"
