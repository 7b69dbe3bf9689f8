// The live feed of a running router: calls routed through the real webhook server reach a seat over a
// real WebSocket, a restarted router still shows the calls in progress, a rotated token cuts its seats
// off, and a seat that never reads holds up no webhook.
#include "datadir/datadirectory.h"
#include "faketwilio.h"
#include "faketwiliorest.h"
#include "feed/feedaddress.h"
#include "feed/feedclient.h"
#include "feed/feedmessage.h"
#include "importer/customerimporter.h"
#include "routing/routingplanloader.h"
#include "server/feedserver.h"
#include "server/routerservice.h"
#include "storage/calllogwriter.h"
#include "settings/settings.h"
#include "tempdatadir.h"
#include "twimldocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QCoroTask>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString AuthToken = u"feed-test-auth-token-0123456789"_s;
const QString Business = u"+15557654321"_s;

class Seat : public QObject
{
public:
    Seat()
    {
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            if (const std::optional<FeedMessage> message = FeedMessage::parse(text.toUtf8()))
                messages.append(*message);
        });
        connect(&socket, &QWebSocket::disconnected, this, [this] { closed = true; });
    }

    void open(quint16 port, const QString &token)
    {
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/feed"_s.arg(port)));
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        socket.open(request);
    }

    // The newest state of the call the seat was told of, if any.
    std::optional<FeedSession> call(const QString &callSid) const
    {
        std::optional<FeedSession> found;
        for (const FeedMessage &message : messages) {
            if (message.type == FeedMessage::Type::Snapshot) {
                found.reset();
                for (const FeedSession &session : message.calls) {
                    if (session.call.session.callSid == callSid)
                        found = session;
                }
            } else if (message.type == FeedMessage::Type::Session && message.session.call.session.callSid == callSid) {
                found = message.session;
            }
        }
        return found;
    }

    QStringList steps(const QString &callSid) const
    {
        QStringList names;
        for (const FeedMessage &message : messages) {
            if (message.type == FeedMessage::Type::Event && message.event.callSid == callSid)
                names.append(CallLogNames::name(message.event.step));
        }
        return names;
    }

    QWebSocket socket;
    QList<FeedMessage> messages;
    bool closed = false;
};

} // namespace

class TestLiveFeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void aRoutedCallReachesASeatAsItHappens();
    void aRestartedRouterStillShowsTheCallsInProgress();
    void rotatingATokenCutsItsSeatsOffAtOnce();
    void aSeatThatNeverReadsHoldsUpNoWebhook();
    void theApiAnswersWhatTheCommandLinePrints();
    void aSeatsClientComesBackAfterTheRouterRestarts();
    void aSeatWithTheControlTokenHangsUpACall();
    void aSeatMovesACallToAnotherPersonOrToVoicemail();
    void aMoveThatCannotBeDoneIsRefusedInPlainWords();

private:
    void startRouter();
    TwilioReply incomingCall(const QString &callSid, const QString &from);
    TwilioReply statusCallback(const QString &callSid, const QString &from, const QString &status);
    QString setting(const QString &key) { return *m_admin->settings().value(key); }

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_admin;
    std::unique_ptr<RouterService> m_service;
    std::unique_ptr<FakeTwilio> m_twilio;
};

void TestLiveFeed::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    m_dir = std::make_unique<TempDataDir>();
    m_admin = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_admin->open(&error), qPrintable(error));
    for (const auto &[key, value] : { std::pair { u"twilio.auth_token"_s, AuthToken },
             { u"routing.enabled"_s, u"true"_s }, { u"routing.fallback_number"_s, u"(555) 000-9999"_s } })
        QVERIFY2(m_admin->settings().set(key, value, &error), qPrintable(error));
    const QString customers = m_dir->writeFile(u"customers.csv"_s,
        "customer_id,name,phone,email,notes\nC2,John Roe,+1 555 222 3333,,\n");
    QVERIFY(CustomerImporter(m_admin->database()).importFile(customers, false).committed);
    startRouter();
}

void TestLiveFeed::cleanup()
{
    m_twilio.reset();
    m_service.reset();
    m_admin.reset();
    m_dir.reset();
}

void TestLiveFeed::startRouter()
{
    m_service.reset();
    m_service = std::make_unique<RouterService>(m_dir->path());
    m_service->enableFeed(std::pair { QHostAddress(QHostAddress::LocalHost), quint16(0) });
    QString error;
    QVERIFY2(m_service->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    QVERIFY2(m_service->feedServer(), qPrintable(m_service->feedProblem()));
    m_twilio = std::make_unique<FakeTwilio>(QUrl(u"http://127.0.0.1:%1"_s.arg(m_service->port())), AuthToken.toUtf8());
}

TwilioReply TestLiveFeed::incomingCall(const QString &callSid, const QString &from)
{
    return m_twilio->post(m_twilio->publicUrl(u"/twilio/voice/"_s + setting(u"server.webhook_token"_s)),
        FakeTwilio::callFields(callSid, from, Business));
}

TwilioReply TestLiveFeed::statusCallback(const QString &callSid, const QString &from, const QString &status)
{
    FormFields fields = FakeTwilio::callFields(callSid, from, Business, status);
    fields.append({ u"CallDuration"_s, u"42"_s });
    return m_twilio->post(m_twilio->publicUrl(u"/twilio/status/"_s + setting(u"server.webhook_token"_s)), fields);
}

void TestLiveFeed::aRoutedCallReachesASeatAsItHappens()
{
    Seat seat;
    seat.open(m_service->feedServer()->port(), setting(u"feed.view_token"_s));
    QTRY_COMPARE_WITH_TIMEOUT(seat.messages.size(), 1, 20'000);
    QCOMPARE(seat.messages.at(0).type, FeedMessage::Type::Snapshot);
    QVERIFY(seat.messages.at(0).calls.isEmpty());

    const QString callSid = FakeTwilio::newCallSid();
    QCOMPARE(incomingCall(callSid, u"+15552223333"_s).status, 200);
    // A customer without a booking rings the fallback number.
    QTRY_VERIFY_WITH_TIMEOUT(seat.call(callSid) && seat.call(callSid)->stageName() == u"ringing"_s, 20'000);
    const FeedSession ringing = *seat.call(callSid);
    QCOMPARE(ringing.call.customerName, u"John Roe"_s);
    QCOMPARE(ringing.call.session.from, u"+15552223333"_s);
    QCOMPARE(ringing.call.session.to, Business);
    QVERIFY(ringing.withFallback);
    QVERIFY(ringing.with);
    QCOMPARE(ringing.with->phone, u"+15550009999"_s);
    QTRY_VERIFY_WITH_TIMEOUT(seat.steps(callSid).contains(u"DialFallback"_s), 20'000);
    QVERIFY(seat.steps(callSid).startsWith(u"CallReceived"_s));

    QCOMPARE(statusCallback(callSid, u"+15552223333"_s, u"completed"_s).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(seat.call(callSid)->stageName() == u"ended"_s, 20'000);
    QVERIFY(seat.call(callSid)->call.session.endedAt.isValid());
    QVERIFY(seat.call(callSid)->call.session.outcome != CallOutcome::Ongoing);
    // In order, every one.
    for (qsizetype i = 1; i < seat.messages.size(); ++i)
        QCOMPARE(seat.messages.at(i).seq, seat.messages.at(i - 1).seq + 1);
}

void TestLiveFeed::aRestartedRouterStillShowsTheCallsInProgress()
{
    const QString callSid = FakeTwilio::newCallSid();
    QCOMPARE(incomingCall(callSid, u"+15552223333"_s).status, 200);
    QVERIFY(QTest::qWaitFor([this] { return m_service->callLog()->isCaughtUp(); }, 20'000));
    startRouter();
    Seat seat;
    seat.open(m_service->feedServer()->port(), setting(u"feed.control_token"_s));
    QTRY_COMPARE_WITH_TIMEOUT(seat.messages.size(), 1, 20'000);
    QCOMPARE(seat.messages.at(0).calls.size(), 1);
    const FeedSession &call = seat.messages.at(0).calls.at(0);
    QCOMPARE(call.call.session.callSid, callSid);
    QCOMPARE(call.call.customerName, u"John Roe"_s);
    QCOMPARE(call.stageName(), u"ringing"_s);
}

void TestLiveFeed::rotatingATokenCutsItsSeatsOffAtOnce()
{
    const QString oldToken = setting(u"feed.view_token"_s);
    Seat seat;
    seat.open(m_service->feedServer()->port(), oldToken);
    QTRY_COMPARE_WITH_TIMEOUT(seat.messages.size(), 1, 20'000);
    // As `config rotate` does it, from another connection.
    QString newToken;
    QString error;
    QVERIFY2(m_admin->settings().rotate(u"feed.view_token"_s, &newToken, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(seat.closed, 20'000);
    QCOMPARE(int(seat.socket.closeCode()), FeedServer::TokenChangedCloseCode);

    Seat again;
    again.open(m_service->feedServer()->port(), oldToken);
    Seat renewed;
    renewed.open(m_service->feedServer()->port(), newToken);
    QTRY_COMPARE_WITH_TIMEOUT(renewed.messages.size(), 1, 20'000);
    QTRY_VERIFY_WITH_TIMEOUT(again.closed || again.socket.state() == QAbstractSocket::UnconnectedState, 20'000);
    QVERIFY(again.messages.isEmpty());
}

void TestLiveFeed::aSeatThatNeverReadsHoldsUpNoWebhook()
{
    QTcpSocket stuck;
    stuck.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    stuck.setReadBufferSize(4096);
    stuck.connectToHost(QHostAddress::LocalHost, m_service->feedServer()->port());
    QVERIFY(stuck.waitForConnected(10'000));
    stuck.write("GET /feed HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                "Authorization: Bearer " + setting(u"feed.view_token"_s).toUtf8() + "\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(m_service->feedServer()->subscriberCount(), 1, 20'000);
    Seat seat;
    seat.open(m_service->feedServer()->port(), setting(u"feed.view_token"_s));
    QTRY_COMPARE_WITH_TIMEOUT(seat.messages.size(), 1, 20'000);

    // Every webhook is answered while the stuck seat's messages pile up, until it is cut off.
    QStringList sids;
    for (int i = 0; i < 150; ++i) {
        sids.append(FakeTwilio::newCallSid());
        QCOMPARE(incomingCall(sids.last(), u"+1555888%1"_s.arg(i, 4, 10, QChar(u'0'))).status, 200);
        QCOMPARE(statusCallback(sids.last(), u"+1555888%1"_s.arg(i, 4, 10, QChar(u'0')), u"completed"_s).status, 200);
    }
    for (const QString &callSid : sids)
        QTRY_VERIFY_WITH_TIMEOUT(seat.call(callSid) && seat.call(callSid)->stageName() == u"ended"_s, 20'000);
    QVERIFY(!seat.closed);
}

namespace {

struct ApiReply
{
    int status = 0;
    QByteArray body;
};

ApiReply apiGet(quint16 port, const QString &pathAndQuery, const QString &token)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(pathAndQuery)));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QNetworkReply *reply = network.get(request);
    QTest::qWaitFor([reply] { return reply->isFinished(); }, 20'000);
    ApiReply answer { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll() };
    delete reply;
    return answer;
}

} // namespace

void TestLiveFeed::theApiAnswersWhatTheCommandLinePrints()
{
    const QString callSid = FakeTwilio::newCallSid();
    QCOMPARE(incomingCall(callSid, u"+15552223333"_s).status, 200);
    QCOMPARE(statusCallback(callSid, u"+15552223333"_s, u"completed"_s).status, 200);
    QVERIFY(QTest::qWaitFor([this] { return m_service->callLog()->isCaughtUp(); }, 20'000));
    const quint16 port = m_service->feedServer()->port();
    const QString token = setting(u"feed.view_token"_s);

    const ApiReply list = apiGet(port, u"/api/calls?limit=5"_s, token);
    QCOMPARE(list.status, 200);
    const QJsonArray calls = QJsonDocument::fromJson(list.body).array();
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls.at(0).toObject().value(u"call_sid"_s).toString(), callSid);
    QCOMPARE(calls.at(0).toObject().value(u"customer_name"_s).toString(), u"John Roe"_s);

    const ApiReply one = apiGet(port, u"/api/calls/"_s + callSid, token);
    QCOMPARE(one.status, 200);
    const QJsonArray events = QJsonDocument::fromJson(one.body).object().value(u"events"_s).toArray();
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.at(0).toObject().value(u"step"_s).toString(), u"CallReceived"_s);

    const ApiReply stats = apiGet(port, u"/api/stats"_s, setting(u"feed.control_token"_s));
    QCOMPARE(stats.status, 200);
    QVERIFY2(stats.body.contains("\"total\""), stats.body.constData());

    QCOMPARE(apiGet(port, u"/api/calls"_s, u"wrong-token-0123456789abcdefgh"_s).status, 401);
    QCOMPARE(apiGet(port, u"/api/calls"_s, {}).status, 401);
    QCOMPARE(apiGet(port, u"/api/calls?limt=5"_s, token).status, 400);
    // The token may come in the query as well.
    QCOMPARE(apiGet(port, u"/api/calls?token="_s + token, {}).status, 200);
}

void TestLiveFeed::aSeatsClientComesBackAfterTheRouterRestarts()
{
    // A fixed port, so that the restarted router is where the seat looks for it.
    const quint16 port = m_service->feedServer()->port();
    FeedClient refused;
    refused.setAddress(*FeedAddress::fromTyped(u"127.0.0.1:%1"_s.arg(port)));
    QVERIFY(refused.setToken(u"wrong-token-0123456789abcdefgh"_s));
    refused.start();
    QTRY_COMPARE_WITH_TIMEOUT(refused.state(), FeedClient::State::TokenRefused, 20'000);
    QVERIFY2(refused.problem().contains(u"refused"_s), qPrintable(refused.problem()));

    FeedClient client;
    QList<FeedMessage> received;
    connect(&client, &FeedClient::messageReceived, this,
        [&received](const FeedMessage &message, const QByteArray &) { received.append(message); });
    ReconnectDelay::Schedule quick;
    quick.first = std::chrono::milliseconds(100);
    quick.longest = std::chrono::milliseconds(500);
    client.setReconnectSchedule(quick);
    client.setAddress(*FeedAddress::fromTyped(u"ws://127.0.0.1:%1"_s.arg(port)));
    QVERIFY(client.setToken(setting(u"feed.view_token"_s)));
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::Connected, 20'000);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 20'000);

    m_service.reset();
    QTRY_VERIFY_WITH_TIMEOUT(client.state() != FeedClient::State::Connected, 20'000);
    m_service = std::make_unique<RouterService>(m_dir->path());
    m_service->enableFeed(std::pair { QHostAddress(QHostAddress::LocalHost), port });
    QString error;
    QVERIFY2(m_service->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    QVERIFY2(m_service->feedServer(), qPrintable(m_service->feedProblem()));
    m_twilio = std::make_unique<FakeTwilio>(QUrl(u"http://127.0.0.1:%1"_s.arg(m_service->port())), AuthToken.toUtf8());
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::Connected, 30'000);
    // The new run's numbers are not the old run's: it starts from a snapshot, then the call arrives.
    const QString callSid = FakeTwilio::newCallSid();
    QCOMPARE(incomingCall(callSid, u"+15552223333"_s).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(received.cbegin(), received.cend(), [&callSid](const FeedMessage &message) {
        return message.type == FeedMessage::Type::Session && message.session.call.session.callSid == callSid;
    }), 20'000);
    QVERIFY(std::count_if(received.cbegin(), received.cend(),
                [](const FeedMessage &message) { return message.type == FeedMessage::Type::Snapshot; })
        >= 2);
}

void TestLiveFeed::aSeatWithTheControlTokenHangsUpACall()
{
    const QString accountSid = u"AC0123456789abcdef0123456789abcdef"_s;
    FakeTwilioRest rest(accountSid, AuthToken.toUtf8());
    QVERIFY(rest.listen());
    QString error;
    QVERIFY2(m_admin->settings().set(u"twilio.account_sid"_s, accountSid, &error), qPrintable(error));
    QVERIFY2(m_admin->settings().set(u"twilio.api_base"_s, rest.baseUrl().toString(), &error), qPrintable(error));

    const QString callSid = FakeTwilio::newCallSid();
    rest.addCall(callSid, u"in-progress"_s, -1, {}, u"+15552223333"_s, Business);
    QCOMPARE(incomingCall(callSid, u"+15552223333"_s).status, 200);

    FeedClient seat;
    QList<FeedMessage> received;
    connect(&seat, &FeedClient::messageReceived, this,
        [&received](const FeedMessage &message, const QByteArray &) { received.append(message); });
    seat.setAddress(*FeedAddress::fromTyped(u"127.0.0.1:%1"_s.arg(m_service->feedServer()->port())));
    QVERIFY(seat.setToken(setting(u"feed.control_token"_s)));
    seat.start();
    QTRY_COMPARE_WITH_TIMEOUT(seat.state(), FeedClient::State::Connected, 20'000);

    FeedCommand hangUp;
    hangUp.id = u"h1"_s;
    hangUp.action = FeedCommand::Action::Hangup;
    hangUp.callSid = callSid;
    hangUp.seat = u"Reception 2"_s;
    const FeedCommandResult result = QCoro::waitFor(seat.sendCommand(hangUp));
    QVERIFY2(result.ok, qPrintable(result.error));
    // Twilio was asked to end that very call.
    QVERIFY(std::any_of(rest.requests().cbegin(), rest.requests().cend(), [&](const FakeTwilioRest::Request &request) {
        return request.pathAndQuery.endsWith(u"/Calls/%1.json"_s.arg(callSid)) && request.value(u"Status"_s) == u"completed"_s;
    }));
    // On the call's timeline, with who did it, for every seat.
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(received.cbegin(), received.cend(), [&](const FeedMessage &message) {
        return message.type == FeedMessage::Type::Event && message.event.callSid == callSid
            && message.event.step == Step::Hangup && message.event.detail.contains(u"Reception 2"_s)
            && message.event.action == EventAction::CommandSent && message.event.result == EventResult::Processed;
    }), 20'000);

    // A call Twilio has ended already: the seat hears it in plain words, and the timeline says so too.
    const QString other = FakeTwilio::newCallSid();
    rest.addCall(other, u"in-progress"_s, -1, {}, u"+15552223333"_s, Business);
    QCOMPARE(incomingCall(other, u"+15552223333"_s).status, 200);
    rest.endCall(other);
    hangUp.id = u"h2"_s;
    hangUp.callSid = other;
    const FeedCommandResult refused = QCoro::waitFor(seat.sendCommand(hangUp));
    QVERIFY(!refused.ok);
    QVERIFY2(refused.error.contains(u"ended"_s), qPrintable(refused.error));

    // A call that is not going on here, and the watch-only token.
    hangUp.id = u"h3"_s;
    hangUp.callSid = FakeTwilio::newCallSid();
    QVERIFY(!QCoro::waitFor(seat.sendCommand(hangUp)).ok);
    FeedClient watcher;
    watcher.setAddress(*FeedAddress::fromTyped(u"127.0.0.1:%1"_s.arg(m_service->feedServer()->port())));
    QVERIFY(watcher.setToken(setting(u"feed.view_token"_s)));
    watcher.start();
    QTRY_COMPARE_WITH_TIMEOUT(watcher.state(), FeedClient::State::Connected, 20'000);
    hangUp.id = u"h4"_s;
    hangUp.callSid = callSid;
    const FeedCommandResult watching = QCoro::waitFor(watcher.sendCommand(hangUp));
    QVERIFY(!watching.ok);
    QVERIFY2(watching.error.contains(u"only watch"_s), qPrintable(watching.error));
}

namespace {

// Two people and a team: the front desk rings Alice, then Bob.
const QByteArray TwoPeople = R"({ "version": 1, "time_zone": "America/New_York",
  "staff": [ { "id": "alice", "name": "Alice Ng", "phone": "+1 555 111 0001" },
             { "id": "bob", "name": "Bob Ray", "phone": "+1 555 111 0002" } ],
  "teams": [ { "id": "front", "name": "Front desk", "tiers": [["alice"], ["bob"]] } ],
  "voicemail": { "on_no_answer": true },
  "plans": [ { "numbers": ["default"], "rules": [ { "name": "All", "then": { "do": "team", "team": "front" } } ] } ] })"_ba;

// The numbers an answer's <Dial> rings, and where Twilio reports the end of that <Dial>.
QStringList dialedNumbers(const TwilioReply &reply)
{
    QStringList numbers;
    const TwimlDocument twiml = reply.twiml();
    if (const TwimlVerb *dial = twiml.find(u"Dial"_s)) {
        for (const TwimlVerb &noun : dial->children)
            numbers.append(noun.text.trimmed());
    }
    return numbers;
}

QUrl dialAction(const TwilioReply &reply)
{
    const TwimlDocument twiml = reply.twiml();
    const TwimlVerb *dial = twiml.find(u"Dial"_s);
    return dial ? QUrl(dial->attribute(u"action"_s)) : QUrl();
}

// A seat with the control token of the router's feed, connected.
std::unique_ptr<FeedClient> controlSeat(quint16 port, const QString &token)
{
    auto seat = std::make_unique<FeedClient>();
    seat->setAddress(*FeedAddress::fromTyped(u"127.0.0.1:%1"_s.arg(port)));
    seat->setToken(token);
    seat->start();
    return seat;
}

} // namespace

void TestLiveFeed::aSeatMovesACallToAnotherPersonOrToVoicemail()
{
    const QString accountSid = u"AC0123456789abcdef0123456789abcdef"_s;
    FakeTwilioRest rest(accountSid, AuthToken.toUtf8());
    QVERIFY(rest.listen());
    QString error;
    const QString publicBase = m_twilio->publicUrl(u"/"_s).toString();
    for (const auto &[key, value] : { std::pair { u"twilio.account_sid"_s, accountSid },
             { u"twilio.api_base"_s, rest.baseUrl().toString() }, { u"server.public_url"_s, publicBase } })
        QVERIFY2(m_admin->settings().set(key, value, &error), qPrintable(error));
    const PlanDocument::ParseResult plan
        = RoutingPlanLoader(m_admin->database(), u"US"_s, u"+15550009999"_s).import(TwoPeople);
    QVERIFY2(plan.errors.isEmpty(), qPrintable(plan.errors.join(u'\n')));

    const QString caller = u"+15552223333"_s;
    const QString callSid = FakeTwilio::newCallSid();
    rest.addCall(callSid, u"in-progress"_s, -1, {}, caller, Business);
    const TwilioReply first = incomingCall(callSid, caller);
    QCOMPARE(first.status, 200);
    QCOMPARE(dialedNumbers(first), QStringList { u"+15551110001"_s }); // Alice rings
    const QUrl alicesAction = dialAction(first);

    const std::unique_ptr<FeedClient> seat = controlSeat(m_service->feedServer()->port(), setting(u"feed.control_token"_s));
    QList<FeedMessage> received;
    connect(seat.get(), &FeedClient::messageReceived, this,
        [&received](const FeedMessage &message, const QByteArray &) { received.append(message); });
    QTRY_COMPARE_WITH_TIMEOUT(seat->state(), FeedClient::State::Connected, 20'000);

    FeedCommand transfer;
    transfer.id = u"t1"_s;
    transfer.action = FeedCommand::Action::Transfer;
    transfer.callSid = callSid;
    transfer.targetKind = FeedCommand::TargetKind::Staff;
    transfer.target = u"bob"_s;
    transfer.seat = u"Reception 2"_s;
    const FeedCommandResult moved = QCoro::waitFor(seat->sendCommand(transfer));
    QVERIFY2(moved.ok, qPrintable(moved.error));

    // Twilio was asked to fetch our control webhook for that call, signed with our token in its path.
    const auto redirect = std::find_if(rest.requests().cbegin(), rest.requests().cend(),
        [&](const FakeTwilioRest::Request &request) { return request.pathAndQuery.endsWith(u"/Calls/%1.json"_s.arg(callSid)); });
    QVERIFY(redirect != rest.requests().cend());
    QCOMPARE(redirect->method, QByteArray("POST"));
    QCOMPARE(redirect->value(u"Method"_s), u"POST"_s);
    const QUrl control(redirect->value(u"Url"_s));
    QCOMPARE(control.path(), u"/twilio/control/"_s + setting(u"server.webhook_token"_s));
    QCOMPARE(QUrlQuery(control).queryItemValue(u"target"_s), u"bob"_s);

    // Twilio fetches it, as it would: Bob rings now, and every seat sees who moved the call.
    const TwilioReply moving = m_twilio->post(control, FakeTwilio::callFields(callSid, caller, Business, u"in-progress"_s));
    QCOMPARE(moving.status, 200);
    QCOMPARE(dialedNumbers(moving), QStringList { u"+15551110002"_s });
    QCOMPARE(QUrlQuery(dialAction(moving)).queryItemValue(u"moved"_s), u"1"_s);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(received.cbegin(), received.cend(), [&](const FeedMessage &message) {
        return message.type == FeedMessage::Type::Event && message.event.callSid == callSid
            && message.event.detail == u"Reception 2 transferred the call to Bob Ray."_s
            && message.event.result == EventResult::Processed;
    }), 20'000);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(received.cbegin(), received.cend(), [&](const FeedMessage &message) {
        return message.type == FeedMessage::Type::Session && message.session.call.session.callSid == callSid
            && message.session.ringing.size() == 1 && message.session.ringing.first().name == u"Bob Ray"_s;
    }), 20'000);

    // Alice's line, left when the call moved, ends: Bob keeps ringing.
    FormFields ended = FakeTwilio::callFields(callSid, caller, Business, u"in-progress"_s);
    ended.append({ u"DialCallStatus"_s, u"completed"_s });
    const TwilioReply late = m_twilio->post(alicesAction, ended);
    QCOMPARE(late.status, 200);
    QCOMPARE(dialedNumbers(late), QStringList { u"+15551110002"_s });

    // Then a seat sends the caller to voicemail.
    FeedCommand voicemail = transfer;
    voicemail.id = u"v1"_s;
    voicemail.action = FeedCommand::Action::Voicemail;
    voicemail.targetKind = FeedCommand::TargetKind::None;
    voicemail.target.clear();
    const FeedCommandResult toVoicemail = QCoro::waitFor(seat->sendCommand(voicemail));
    QVERIFY2(toVoicemail.ok, qPrintable(toVoicemail.error));
    const QUrl voicemailUrl(rest.requests().last().value(u"Url"_s));
    QCOMPARE(QUrlQuery(voicemailUrl).queryItemValue(u"to"_s), u"voicemail"_s);
    const TwilioReply recording = m_twilio->post(voicemailUrl, FakeTwilio::callFields(callSid, caller, Business, u"in-progress"_s));
    QVERIFY2(recording.body.contains("<Record"), recording.body.constData());
}

void TestLiveFeed::aMoveThatCannotBeDoneIsRefusedInPlainWords()
{
    const QString accountSid = u"AC0123456789abcdef0123456789abcdef"_s;
    FakeTwilioRest rest(accountSid, AuthToken.toUtf8());
    QVERIFY(rest.listen());
    QString error;
    QVERIFY2(m_admin->settings().set(u"twilio.account_sid"_s, accountSid, &error), qPrintable(error));
    QVERIFY2(m_admin->settings().set(u"twilio.api_base"_s, rest.baseUrl().toString(), &error), qPrintable(error));
    const PlanDocument::ParseResult plan
        = RoutingPlanLoader(m_admin->database(), u"US"_s, u"+15550009999"_s).import(TwoPeople);
    QVERIFY2(plan.errors.isEmpty(), qPrintable(plan.errors.join(u'\n')));
    const QString caller = u"+15552223333"_s;
    const QString callSid = FakeTwilio::newCallSid();
    rest.addCall(callSid, u"in-progress"_s, -1, {}, caller, Business);
    QCOMPARE(incomingCall(callSid, caller).status, 200);
    const std::unique_ptr<FeedClient> seat = controlSeat(m_service->feedServer()->port(), setting(u"feed.control_token"_s));
    QList<FeedMessage> received;
    connect(seat.get(), &FeedClient::messageReceived, this,
        [&received](const FeedMessage &message, const QByteArray &) { received.append(message); });
    QTRY_COMPARE_WITH_TIMEOUT(seat->state(), FeedClient::State::Connected, 20'000);

    FeedCommand transfer;
    transfer.id = u"t1"_s;
    transfer.action = FeedCommand::Action::Transfer;
    transfer.callSid = callSid;
    transfer.targetKind = FeedCommand::TargetKind::Staff;
    transfer.target = u"bob"_s;
    // Twilio could not fetch where the call goes next without knowing where this computer is.
    FeedCommandResult result = QCoro::waitFor(seat->sendCommand(transfer));
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(u"server.public_url"_s), qPrintable(result.error));

    QVERIFY2(m_admin->settings().set(u"server.public_url"_s, m_twilio->publicUrl(u"/"_s).toString(), &error),
        qPrintable(error));
    transfer.id = u"t2"_s;
    transfer.target = u"zoe"_s;
    result = QCoro::waitFor(seat->sendCommand(transfer));
    QVERIFY(!result.ok);
    QCOMPARE(result.error, u"There is no staff member \"zoe\"."_s);
    transfer.targetKind = FeedCommand::TargetKind::Number;
    transfer.id = u"t3"_s;
    transfer.target = u"call me"_s;
    QVERIFY(!QCoro::waitFor(seat->sendCommand(transfer)).ok);
    transfer.id = u"t4"_s;
    transfer.targetKind = FeedCommand::TargetKind::None;
    QVERIFY(!QCoro::waitFor(seat->sendCommand(transfer)).ok);
    QVERIFY(rest.requests().isEmpty()); // none of these reached Twilio

    // Twilio refuses: the seat reads why in plain words.
    rest.failEverything(400, 21220, u"Call is not in-progress. Cannot redirect."_s);
    transfer.targetKind = FeedCommand::TargetKind::Number;
    transfer.id = u"t5"_s;
    transfer.target = u"+15551110002"_s;
    result = QCoro::waitFor(seat->sendCommand(transfer));
    QVERIFY(!result.ok);
    QCOMPARE(result.error, u"The call has already ended."_s);
    // The call's timeline keeps who asked and what Twilio said, for every seat.
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(received.cbegin(), received.cend(), [&](const FeedMessage &message) {
        return message.type == FeedMessage::Type::Event && message.event.callSid == callSid
            && message.event.result == EventResult::Failed
            && message.event.detail.endsWith(u"asked to transfer the call to +15551110002; Twilio said: The call has already ended."_s);
    }), 20'000);
}

QTEST_MAIN(TestLiveFeed)
#include "tst_livefeed.moc"
