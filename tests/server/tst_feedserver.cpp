// The live feed over loopback with real WebSocket clients: snapshot then ordered messages, catching up after
// a reconnect, a backlog that no longer reaches back, both tokens and wrong ones, TLS, many subscribers, and a
// subscriber that never reads.
#include "datadir/datadirectory.h"
#include "feed/feedmessage.h"
#include "server/feedhub.h"
#include "server/feedserver.h"
#include "storage/database.h"
#include "tempdatadir.h"
#include "testcertificate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSslKey>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QWebSocket>

#include <atomic>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString ViewToken = u"view-token-0123456789abcdefghijkl"_s;
const QString ControlToken = u"control-token-0123456789abcdefghij"_s;

// A seat: a real QWebSocket that keeps every message it gets.
class Seat : public QObject
{
public:
    explicit Seat(QObject *parent = nullptr)
        : QObject(parent)
    {
        // Subscribed before open(): the first message may come with the handshake's answer.
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            raw.append(text);
            QString error;
            if (const std::optional<FeedMessage> message = FeedMessage::parse(text.toUtf8(), &error))
                messages.append(*message);
            else
                errors.append(error);
        });
        connect(&socket, &QWebSocket::disconnected, this, [this] { closed = true; });
    }

    void open(quint16 port, const QString &token, std::optional<qint64> since = std::nullopt, bool tls = false)
    {
        QUrl url(u"%1://127.0.0.1:%2/feed"_s.arg(tls ? u"wss"_s : u"ws"_s).arg(port));
        if (since)
            url.setQuery(u"since=%1"_s.arg(*since));
        QNetworkRequest request(url);
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        socket.open(request);
    }

    qint64 lastSeq() const
    {
        qint64 seq = 0;
        for (const FeedMessage &message : messages) {
            if (message.type != FeedMessage::Type::Result)
                seq = message.seq;
        }
        return seq;
    }

    QWebSocket socket;
    QStringList raw;
    QList<FeedMessage> messages;
    QStringList errors;
    bool closed = false;
};

CallSessionRecord callRecord(const QString &callSid, CallStage stage = CallStage::None)
{
    CallSessionRecord session;
    session.callSid = callSid;
    session.from = u"+15551234567"_s;
    session.to = u"+15557654321"_s;
    session.startedAt = QDateTime::currentDateTimeUtc();
    session.stage = stage;
    return session;
}

CallEventRecord eventRecord(const QString &callSid, const QString &detail)
{
    return CallEventRecord { callSid, QDateTime::currentDateTimeUtc(), Step::StatusChanged, EventAction::Internal,
                             EventResult::Processed, detail };
}

QString sid(int n)
{
    return u"CA%1"_s.arg(n, 32, 10, QChar(u'0'));
}

// Sends a raw HTTP request and returns the status line's code (0 when nothing came back), with the whole
// answer in `answer`.
int rawStatus(quint16 port, const QByteArray &request, QByteArray *answer = nullptr)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(10'000))
        return 0;
    socket.write(request);
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    // Every answer closes its connection: read it whole.
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 20'000) {
        // The server lives on this thread: let it run while waiting.
        QTest::qWait(5);
        received += socket.readAll();
    }
    received += socket.readAll();
    if (answer)
        *answer = received;
    const QList<QByteArray> line = received.split('\n').value(0).split(' ');
    return line.value(1).toInt();
}

QByteArray upgradeRequest(const QByteArray &target, const QByteArray &authorization)
{
    QByteArray request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                           "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                           "Sec-WebSocket-Version: 13\r\n";
    if (!authorization.isEmpty())
        request += "Authorization: " + authorization + "\r\n";
    return request + "\r\n";
}

} // namespace

class TestFeedServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void aNewSeatGetsASnapshotThenEveryMessageInOrder();
    void theSnapshotHoldsCallsInProgressAndThoseEndedInTheLastMinute();
    void aSeatThatReconnectsGetsWhatItMissed();
    void aSeatBeyondTheBacklogGetsAFreshSnapshot();
    void aSeatWithAnOldRunsNumberGetsASnapshot();
    void aMissingOrWrongTokenIsRefusedBeforeTheUpgrade();
    void theTokenMayComeInTheQuery();
    void theViewTokenMayOnlyWatch();
    void theControlTokenMayAct();
    void aBadMessageIsAnsweredNotFatal();
    void aRotatedTokenCutsItsSeatsOff();
    void otherPathsAndMethodsAreRefused();
    void anOversizedHeadIsRefused();
    void tlsServesWss();
    void fiftySeatsGetEveryMessageInOrder();
    void aSeatThatNeverReadsIsCutOffAndSlowsNobody();

private:
    void startFeed(FeedHub::Limits hubLimits = {}, FeedServer::Limits limits = {},
                   std::optional<QSslConfiguration> tls = std::nullopt);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_data;
    std::unique_ptr<FeedHub> m_hub;
    std::unique_ptr<FeedServer> m_server;
    FeedTokens m_tokens { ViewToken, ControlToken };
};

void TestFeedServer::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    m_dir = std::make_unique<TempDataDir>();
    m_data = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_data->open(&error), qPrintable(error));
    m_tokens = FeedTokens(ViewToken, ControlToken);
}

void TestFeedServer::cleanup()
{
    m_server.reset();
    m_hub.reset();
    m_data.reset();
    m_dir.reset();
}

void TestFeedServer::startFeed(FeedHub::Limits hubLimits, FeedServer::Limits limits, std::optional<QSslConfiguration> tls)
{
    m_hub = std::make_unique<FeedHub>(m_data->database(), [] { return u"+15550009999"_s; }, hubLimits);
    m_server = std::make_unique<FeedServer>(*m_hub, [this] { return m_tokens; }, limits);
    QString error;
    QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0, tls, &error), qPrintable(error));
}

void TestFeedServer::aNewSeatGetsASnapshotThenEveryMessageInOrder()
{
    startFeed();
    m_hub->publishSession(callRecord(sid(1), CallStage::Ringing));
    Seat seat;
    seat.open(m_server->port(), ViewToken);
    QTRY_COMPARE_WITH_TIMEOUT(seat.messages.size(), 1, 20'000);
    const FeedMessage &snapshot = seat.messages.at(0);
    QCOMPARE(snapshot.type, FeedMessage::Type::Snapshot);
    QCOMPARE(snapshot.seq, m_hub->lastSeq());
    QCOMPARE(snapshot.calls.size(), 1);
    QCOMPARE(snapshot.calls.at(0).call.session.callSid, sid(1));
    // The contract's shape, on the text itself.
    const QJsonObject json = QJsonDocument::fromJson(seat.raw.at(0).toUtf8()).object();
    QCOMPARE(json.value(u"v"_s).toInt(), 1);
    QCOMPARE(json.value(u"type"_s).toString(), u"snapshot"_s);
    QCOMPARE(json.value(u"calls"_s).toArray().at(0).toObject().value(u"stage"_s).toString(), u"ringing"_s);

    m_hub->publishEvent(eventRecord(sid(1), u"first"_s));
    CallSessionRecord ended = callRecord(sid(1), CallStage::Answered);
    ended.endedAt = QDateTime::currentDateTimeUtc();
    ended.outcome = CallOutcome::Answered;
    m_hub->publishSession(ended);
    m_hub->publishEvent(eventRecord(sid(1), u"second"_s));
    QTRY_COMPARE_WITH_TIMEOUT(seat.messages.size(), 4, 20'000);
    QCOMPARE(seat.messages.at(1).type, FeedMessage::Type::Event);
    QCOMPARE(seat.messages.at(1).event.detail, u"first"_s);
    QCOMPARE(seat.messages.at(2).type, FeedMessage::Type::Session);
    QCOMPARE(seat.messages.at(2).session.stageName(), u"ended"_s);
    QCOMPARE(seat.messages.at(2).session.call.session.outcome, CallOutcome::Answered);
    QCOMPARE(seat.messages.at(3).event.detail, u"second"_s);
    for (qsizetype i = 1; i < seat.messages.size(); ++i)
        QCOMPARE(seat.messages.at(i).seq, seat.messages.at(i - 1).seq + 1);
    QVERIFY(seat.errors.isEmpty());
}

void TestFeedServer::theSnapshotHoldsCallsInProgressAndThoseEndedInTheLastMinute()
{
    startFeed();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    CallSessionRecord longAgo = callRecord(sid(1));
    longAgo.endedAt = now.addSecs(-61);
    CallSessionRecord justNow = callRecord(sid(2));
    justNow.endedAt = now.addSecs(-5);
    CallSessionRecord going = callRecord(sid(3), CallStage::Menu);
    m_hub->publishSession(longAgo);
    m_hub->publishSession(justNow);
    m_hub->publishSession(going);
    const FeedMessage snapshot = m_hub->snapshot(now);
    QStringList sids;
    for (const FeedSession &call : snapshot.calls)
        sids.append(call.call.session.callSid);
    sids.sort();
    QCOMPARE(sids, (QStringList { sid(2), sid(3) }));
    // A minute later only the call in progress is left.
    QCOMPARE(m_hub->snapshot(now.addSecs(60)).calls.size(), 1);
}

void TestFeedServer::aSeatThatReconnectsGetsWhatItMissed()
{
    startFeed();
    m_hub->publishSession(callRecord(sid(1)));
    auto seat = std::make_unique<Seat>();
    seat->open(m_server->port(), ViewToken);
    QTRY_COMPARE_WITH_TIMEOUT(seat->messages.size(), 1, 20'000);
    m_hub->publishEvent(eventRecord(sid(1), u"seen"_s));
    QTRY_COMPARE_WITH_TIMEOUT(seat->messages.size(), 2, 20'000);
    const qint64 seen = seat->lastSeq();
    seat->socket.close();
    QTRY_VERIFY_WITH_TIMEOUT(seat->closed, 20'000);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->subscriberCount(), 0, 20'000);

    for (int i = 0; i < 5; ++i)
        m_hub->publishEvent(eventRecord(sid(1), u"missed %1"_s.arg(i)));
    Seat again;
    again.open(m_server->port(), ViewToken, seen);
    QTRY_COMPARE_WITH_TIMEOUT(again.messages.size(), 5, 20'000);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(again.messages.at(i).type, FeedMessage::Type::Event);
        QCOMPARE(again.messages.at(i).seq, seen + 1 + i);
        QCOMPARE(again.messages.at(i).event.detail, u"missed %1"_s.arg(i));
    }
    // Live from there on, with no snapshot in between.
    m_hub->publishEvent(eventRecord(sid(1), u"live"_s));
    QTRY_COMPARE_WITH_TIMEOUT(again.messages.size(), 6, 20'000);
    QCOMPARE(again.messages.at(5).seq, seen + 6);
}

void TestFeedServer::aSeatBeyondTheBacklogGetsAFreshSnapshot()
{
    FeedHub::Limits small;
    small.backlogMessages = 4;
    startFeed(small);
    m_hub->publishSession(callRecord(sid(1)));
    const qint64 early = m_hub->lastSeq();
    for (int i = 0; i < 10; ++i)
        m_hub->publishEvent(eventRecord(sid(1), u"event %1"_s.arg(i)));
    QCOMPARE(m_hub->backlogSize(), 4);
    QVERIFY(!m_hub->messagesAfter(early));
    QCOMPARE(m_hub->messagesAfter(m_hub->lastSeq() - 4)->size(), 4);

    Seat seat;
    seat.open(m_server->port(), ViewToken, early);
    QTRY_COMPARE_WITH_TIMEOUT(seat.messages.size(), 1, 20'000);
    QCOMPARE(seat.messages.at(0).type, FeedMessage::Type::Snapshot);
    QCOMPARE(seat.messages.at(0).seq, m_hub->lastSeq());
    QCOMPARE(seat.messages.at(0).calls.size(), 1);
}

void TestFeedServer::aSeatWithAnOldRunsNumberGetsASnapshot()
{
    startFeed();
    m_hub->publishSession(callRecord(sid(1)));
    // A number from the future (another run of another router) and one from before this run began.
    for (const qint64 since : { m_hub->lastSeq() + 100, qint64(5) }) {
        Seat seat;
        seat.open(m_server->port(), ViewToken, since);
        QTRY_COMPARE_WITH_TIMEOUT(seat.messages.size(), 1, 20'000);
        QCOMPARE(seat.messages.at(0).type, FeedMessage::Type::Snapshot);
    }
    // Numbers of a later run start above this one's.
    FeedHub later(m_data->database(), {});
    QVERIFY(later.lastSeq() >= m_hub->lastSeq());
}

void TestFeedServer::aMissingOrWrongTokenIsRefusedBeforeTheUpgrade()
{
    startFeed();
    QByteArray answer;
    QCOMPARE(rawStatus(m_server->port(), upgradeRequest("/feed", {}), &answer), 401);
    QVERIFY(answer.contains("WWW-Authenticate: Bearer"));
    QCOMPARE(rawStatus(m_server->port(), upgradeRequest("/feed", "Bearer not-the-token")), 401);
    QCOMPARE(rawStatus(m_server->port(), upgradeRequest("/feed", "Basic " + ViewToken.toUtf8().toBase64())), 401);
    QCOMPARE(rawStatus(m_server->port(), upgradeRequest("/feed", "Bearer " + ViewToken.toUtf8().chopped(1))), 401);
    QCOMPARE(rawStatus(m_server->port(), upgradeRequest("/api/calls", "Bearer nope")), 401);
    QCOMPARE(m_server->subscriberCount(), 0);

    // A WebSocket client sees the refusal as an error and never gets a message.
    Seat seat;
    QSignalSpy errors(&seat.socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
    seat.open(m_server->port(), u"wrong-token-0123456789abcdefgh"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty() || seat.closed, 20'000);
    QVERIFY(seat.messages.isEmpty());
    // Without Upgrade, a right token is told what to ask for.
    QCOMPARE(rawStatus(m_server->port(),
                 "GET /feed HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ViewToken.toUtf8() + "\r\n\r\n"),
        426);
}

void TestFeedServer::theTokenMayComeInTheQuery()
{
    startFeed();
    QWebSocket socket;
    QStringList received;
    connect(&socket, &QWebSocket::textMessageReceived, &socket, [&received](const QString &text) { received.append(text); });
    socket.open(QUrl(u"ws://127.0.0.1:%1/feed?token=%2"_s.arg(m_server->port()).arg(ViewToken)));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 20'000);
    QVERIFY(received.at(0).contains(u"\"snapshot\""_s));
}

void TestFeedServer::theViewTokenMayOnlyWatch()
{
    startFeed();
    int handled = 0;
    m_server->setCommandHandler([&handled](const FeedCommand &, FeedServer::CommandDone done) {
        ++handled;
        done(true, {});
    });
    Seat seat;
    seat.open(m_server->port(), ViewToken);
    QTRY_COMPARE_WITH_TIMEOUT(seat.messages.size(), 1, 20'000);
    seat.socket.sendTextMessage(
        uR"({"type":"command","id":"c1","action":"hangup","call_sid":"%1","seat":"Front desk"})"_s.arg(sid(1)));
    QTRY_COMPARE_WITH_TIMEOUT(seat.messages.size(), 2, 20'000);
    const FeedMessage &result = seat.messages.at(1);
    QCOMPARE(result.type, FeedMessage::Type::Result);
    QCOMPARE(result.resultId, u"c1"_s);
    QCOMPARE(result.ok, false);
    QVERIFY2(result.error.contains(u"only watch"_s), qPrintable(result.error));
    QCOMPARE(handled, 0);
}

void TestFeedServer::theControlTokenMayAct()
{
    startFeed();
    QList<FeedCommand> commands;
    m_server->setCommandHandler([&commands](const FeedCommand &command, FeedServer::CommandDone done) {
        commands.append(command);
        // Answered later, as a REST call to Twilio would be.
        QTimer::singleShot(10, [done, number = command.target] {
            done(number != u"+15550000000"_s, number == u"+15550000000"_s ? u"No such number."_s : QString());
        });
    });
    Seat seat;
    seat.open(m_server->port(), ControlToken);
    QTRY_COMPARE_WITH_TIMEOUT(seat.messages.size(), 1, 20'000);
    seat.socket.sendTextMessage(uR"({"type":"command","id":"t1","action":"transfer","call_sid":"%1",)"
                                uR"("to":{"number":"+15551112222"},"seat":"Owner at home"})"_s.arg(sid(1)));
    seat.socket.sendTextMessage(uR"({"type":"command","id":"t2","action":"transfer","call_sid":"%1",)"
                                uR"("to":{"number":"+15550000000"},"seat":"Owner at home"})"_s.arg(sid(1)));
    QTRY_COMPARE_WITH_TIMEOUT(seat.messages.size(), 3, 20'000);
    QCOMPARE(commands.size(), 2);
    QCOMPARE(commands.at(0).action, FeedCommand::Action::Transfer);
    QCOMPARE(commands.at(0).targetKind, FeedCommand::TargetKind::Number);
    QCOMPARE(commands.at(0).seat, u"Owner at home"_s);
    QCOMPARE(commands.at(0).callSid, sid(1));
    QCOMPARE(seat.messages.at(1).resultId, u"t1"_s);
    QVERIFY(seat.messages.at(1).ok);
    QCOMPARE(seat.messages.at(2).resultId, u"t2"_s);
    QVERIFY(!seat.messages.at(2).ok);
    QCOMPARE(seat.messages.at(2).error, u"No such number."_s);
}

void TestFeedServer::aBadMessageIsAnsweredNotFatal()
{
    startFeed();
    Seat seat;
    seat.open(m_server->port(), ControlToken);
    QTRY_COMPARE_WITH_TIMEOUT(seat.messages.size(), 1, 20'000);
    seat.socket.sendTextMessage(u"not json"_s);
    seat.socket.sendTextMessage(uR"({"type":"command","id":"x","action":"explode"})"_s);
    QTRY_COMPARE_WITH_TIMEOUT(seat.messages.size(), 3, 20'000);
    QVERIFY(!seat.messages.at(1).ok);
    QVERIFY(seat.messages.at(1).error.contains(u"not understood"_s));
    QVERIFY(seat.messages.at(2).error.contains(u"action"_s));
    // Still subscribed.
    m_hub->publishEvent(eventRecord(sid(1), u"after"_s));
    QTRY_COMPARE_WITH_TIMEOUT(seat.messages.size(), 4, 20'000);
    QCOMPARE(m_server->subscriberCount(), 1);
}

void TestFeedServer::aRotatedTokenCutsItsSeatsOff()
{
    startFeed();
    Seat watcher;
    watcher.open(m_server->port(), ViewToken);
    Seat actor;
    actor.open(m_server->port(), ControlToken);
    QTRY_COMPARE_WITH_TIMEOUT(watcher.messages.size(), 1, 20'000);
    QTRY_COMPARE_WITH_TIMEOUT(actor.messages.size(), 1, 20'000);
    m_tokens = FeedTokens(u"a-brand-new-view-token-0123456789"_s, ControlToken);
    m_server->recheckTokens();
    QTRY_VERIFY_WITH_TIMEOUT(watcher.closed, 20'000);
    QCOMPARE(int(watcher.socket.closeCode()), FeedServer::TokenChangedCloseCode);
    QVERIFY(!actor.closed);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->subscriberCount(), 1, 20'000);
}

void TestFeedServer::otherPathsAndMethodsAreRefused()
{
    startFeed();
    const QByteArray auth = "Authorization: Bearer " + ViewToken.toUtf8() + "\r\n";
    QCOMPARE(rawStatus(m_server->port(), "GET /etc/passwd HTTP/1.1\r\n" + auth + "\r\n"), 404);
    QCOMPARE(rawStatus(m_server->port(), "POST /feed HTTP/1.1\r\n" + auth + "Content-Length: 0\r\n\r\n"), 405);
    QCOMPARE(rawStatus(m_server->port(), "NONSENSE\r\n\r\n"), 400);
    // Without an API handler there is no API, but the token is still checked first.
    QCOMPARE(rawStatus(m_server->port(), "GET /api/calls HTTP/1.1\r\n\r\n"), 401);
    QCOMPARE(rawStatus(m_server->port(), "GET /api/calls HTTP/1.1\r\n" + auth + "\r\n"), 404);
    m_server->setApiHandler([](const QByteArray &, const QString &path, const QUrlQuery &, FeedRole role) {
        return FeedHttpAnswer { 200, QJsonDocument(QJsonObject { { u"path"_s, path }, { u"control"_s, role == FeedRole::Control } })
                                         .toJson(QJsonDocument::Compact) };
    });
    QByteArray answer;
    QCOMPARE(rawStatus(m_server->port(), "GET /api/calls?limit=2 HTTP/1.1\r\n" + auth + "\r\n", &answer), 200);
    QVERIFY(answer.contains("Content-Length"));
    QVERIFY2(answer.endsWith("{\"control\":false,\"path\":\"/api/calls\"}"), answer.constData());

    // A seat asks what its token allows.
    QCOMPARE(rawStatus(m_server->port(), "GET /api/seat HTTP/1.1\r\n" + auth + "\r\n", &answer), 200);
    QVERIFY2(answer.endsWith("{\"role\":\"view\"}"), answer.constData());
    QCOMPARE(rawStatus(m_server->port(),
                 "GET /api/seat HTTP/1.1\r\nAuthorization: Bearer " + ControlToken.toUtf8() + "\r\n\r\n", &answer),
        200);
    QVERIFY2(answer.endsWith("{\"role\":\"control\",\"staff\":[],\"teams\":[]}"), answer.constData());

    // A seat that may act is told whom it can name; a watching one is not.
    m_server->setSeatChoices([] {
        return SeatInfo { false, { { u"s1"_s, u"Jane Doe"_s } }, { { u"front"_s, u"Front desk"_s } } };
    });
    QCOMPARE(rawStatus(m_server->port(),
                 "GET /api/seat HTTP/1.1\r\nAuthorization: Bearer " + ControlToken.toUtf8() + "\r\n\r\n", &answer),
        200);
    QVERIFY2(answer.endsWith(R"({"role":"control","staff":[{"id":"s1","name":"Jane Doe"}],)"
                             R"("teams":[{"id":"front","name":"Front desk"}]})"),
        answer.constData());
    QCOMPARE(rawStatus(m_server->port(), "GET /api/seat HTTP/1.1\r\n" + auth + "\r\n", &answer), 200);
    QVERIFY2(answer.endsWith("{\"role\":\"view\"}"), answer.constData());
}

void TestFeedServer::anOversizedHeadIsRefused()
{
    startFeed();
    const QByteArray padding(20 * 1024, 'a');
    QCOMPARE(rawStatus(m_server->port(), "GET /feed HTTP/1.1\r\nX-Padding: " + padding + "\r\n\r\n"), 431);
}

void TestFeedServer::tlsServesWss()
{
    const TestCertificate certificate = TestCertificate::selfSigned();
    QVERIFY(!certificate.certificate.isNull());
    const QString certFile = m_dir->writeFile(u"feed.crt"_s, certificate.certificate.toPem());
    const QString keyFile = m_dir->writeFile(u"feed.key"_s, certificate.key.toPem());
    QString error;
    const std::optional<QSslConfiguration> tls = FeedListener::tlsConfiguration(certFile, keyFile, &error);
    QVERIFY2(tls, qPrintable(error));
    // Wrong files are named.
    QVERIFY(!FeedListener::tlsConfiguration(keyFile, keyFile, &error));
    QVERIFY2(error.contains(u"feed.tls_cert"_s), qPrintable(error));
    QVERIFY(!FeedListener::tlsConfiguration(certFile, certFile, &error));
    QVERIFY2(error.contains(u"feed.tls_key"_s), qPrintable(error));

    startFeed({}, {}, tls);
    QVERIFY(m_server->usesTls());
    m_hub->publishSession(callRecord(sid(7)));
    Seat seat;
    QSslConfiguration trust = QSslConfiguration::defaultConfiguration();
    trust.setCaCertificates({ certificate.certificate });
    seat.socket.setSslConfiguration(trust);
    seat.open(m_server->port(), ViewToken, std::nullopt, true);
    QTRY_COMPARE_WITH_TIMEOUT(seat.messages.size(), 1, 20'000);
    QCOMPARE(seat.messages.at(0).calls.at(0).call.session.callSid, sid(7));

    // Plain text to a TLS port gets nothing.
    Seat plain;
    QSignalSpy errors(&plain.socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
    plain.open(m_server->port(), ViewToken);
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty() || plain.closed, 20'000);
    QVERIFY(plain.messages.isEmpty());
}

void TestFeedServer::fiftySeatsGetEveryMessageInOrder()
{
    startFeed();
    std::vector<std::unique_ptr<Seat>> seats;
    for (int i = 0; i < 50; ++i) {
        seats.push_back(std::make_unique<Seat>());
        seats.back()->open(m_server->port(), i % 2 ? ViewToken : ControlToken);
    }
    for (const auto &seat : seats)
        QTRY_COMPARE_WITH_TIMEOUT(seat->messages.size(), 1, 30'000);
    QCOMPARE(m_server->subscriberCount(), 50);

    // 20 calls a second for two seconds, each with a few changes, as the router would publish them.
    const qint64 first = m_hub->lastSeq() + 1;
    int published = 0;
    QTimer feeder;
    int call = 0;
    connect(&feeder, &QTimer::timeout, this, [&] {
        if (call == 40) {
            feeder.stop();
            return;
        }
        const QString callSid = sid(100 + call++);
        m_hub->publishSession(callRecord(callSid));
        m_hub->publishEvent(eventRecord(callSid, u"received"_s));
        m_hub->publishSession(callRecord(callSid, CallStage::Ringing));
        m_hub->publishEvent(eventRecord(callSid, u"ringing"_s));
        published += 4;
    });
    feeder.start(50);
    QTRY_VERIFY_WITH_TIMEOUT(!feeder.isActive(), 60'000);
    QCOMPARE(published, 160);
    for (const auto &seat : seats) {
        QTRY_COMPARE_WITH_TIMEOUT(seat->messages.size(), 1 + published, 60'000);
        for (int i = 0; i < published; ++i)
            QCOMPARE(seat->messages.at(1 + i).seq, first + i);
        QVERIFY(seat->errors.isEmpty());
    }
}

void TestFeedServer::aSeatThatNeverReadsIsCutOffAndSlowsNobody()
{
    FeedServer::Limits limits;
    limits.maxUnsentBytes = 256 * 1024;
    limits.closeGrace = std::chrono::milliseconds(200);
    startFeed({}, limits);

    // A client that completes the handshake and then reads nothing, with a tiny receive buffer.
    QTcpSocket stuck;
    stuck.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    stuck.setReadBufferSize(4096);
    stuck.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(stuck.waitForConnected(10'000));
    stuck.write(upgradeRequest("/feed", "Bearer " + ViewToken.toUtf8()));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->subscriberCount(), 1, 20'000);

    // A seat that reads, on a thread of its own as it would be in another program.
    QThread readerThread;
    readerThread.start();
    auto *host = new QObject;
    host->moveToThread(&readerThread);
    std::atomic<int> received = 0;
    std::atomic<bool> inOrder = true;
    std::atomic<bool> readerClosed = false;
    QMetaObject::invokeMethod(host, [&, host, port = m_server->port()] {
        auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, host);
        connect(socket, &QWebSocket::textMessageReceived, host, [&, last = qint64(0)](const QString &text) mutable {
            const std::optional<FeedMessage> message = FeedMessage::parse(text.toUtf8());
            if (!message || (last != 0 && message->seq != last + 1))
                inOrder = false;
            last = message ? message->seq : 0;
            ++received;
        });
        connect(socket, &QWebSocket::disconnected, host, [&] { readerClosed = true; });
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/feed"_s.arg(port)));
        request.setRawHeader("Authorization", "Bearer " + ViewToken.toUtf8());
        socket->open(request);
    });
    QTRY_COMPARE_WITH_TIMEOUT(received.load(), 1, 20'000);
    QCOMPARE(m_server->subscriberCount(), 2);

    // Far more than the stuck client's socket buffers and its allowance take.
    const QString detail(4000, u'x');
    const int count = 3000;
    for (int i = 0; i < count; ++i) {
        m_hub->publishEvent(eventRecord(sid(1), detail));
        // The router goes back to its event loop between commits; that is when sockets are written.
        QCoreApplication::processEvents();
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_server->subscriberCount(), 1, 30'000);
    QTRY_COMPARE_WITH_TIMEOUT(received.load(), 1 + count, 60'000);
    QVERIFY(inOrder);
    QVERIFY(!readerClosed);
    QMetaObject::invokeMethod(host, &QObject::deleteLater);
    readerThread.quit();
    readerThread.wait();
}

QTEST_MAIN(TestFeedServer)
#include "tst_feedserver.moc"
