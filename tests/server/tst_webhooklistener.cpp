// Tests the webhook port as anyone on the network could use it: oversize, slow, idle and
// countless connections against the real router on loopback, and Twilio's own webhooks getting
// their answers all the same.
#include "datadir/datadirectory.h"
#include "faketwilio.h"
#include "server/routerservice.h"
#include "server/webhooklistener.h"
#include "settings/settings.h"
#include "storage/callstore.h"
#include "storage/database.h"
#include "tempdatadir.h"
#include "twilio/signaturevalidator.h"
#include "twilio/twilioform.h"

#include <QFile>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <thread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString AuthToken = u"test-auth-token-0123456789"_s;
const QString Business = u"+15557654321"_s;
const QString Fallback = u"+15550009999"_s;

qint64 residentBytes()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QRegularExpression rss(u"VmRSS:\\s+(\\d+) kB"_s);
    const QRegularExpressionMatch match = rss.match(QString::fromLatin1(status.readAll()));
    return match.hasMatch() ? match.captured(1).toLongLong() * 1024 : -1;
}

// A client that speaks raw bytes, for what no HTTP library would send.
class RawClient
{
public:
    explicit RawClient(quint16 port) { m_socket.connectToHost(QHostAddress::LocalHost, port); }
    bool waitConnected()
    {
        return QTest::qWaitFor([&] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 10000);
    }
    void send(const QByteArray &bytes) { m_socket.write(bytes); }
    // Waits for one whole answer (head and Content-Length body) and returns it.
    QByteArray answer(int timeoutMs = 10000)
    {
        // A timeout is seen by the caller as an empty or partial answer.
        (void)QTest::qWaitFor([&] { return answerLength() > 0 || closed(); }, timeoutMs);
        m_received += m_socket.readAll();
        const qsizetype length = answerLength();
        if (length <= 0)
            return std::exchange(m_received, {});
        const QByteArray answer = m_received.first(length);
        m_received.remove(0, length);
        return answer;
    }
    bool closed() const { return m_socket.state() == QAbstractSocket::UnconnectedState; }
    bool waitClosed(int timeoutMs = 10000)
    {
        return QTest::qWaitFor([&] { return closed(); }, timeoutMs);
    }

    static int status(const QByteArray &answer)
    {
        const QList<QByteArray> words = answer.left(answer.indexOf('\n')).split(' ');
        return words.size() >= 2 ? words[1].toInt() : 0;
    }

private:
    qsizetype answerLength()
    {
        m_received += m_socket.readAll();
        const qsizetype headEnd = m_received.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return 0;
        const QRegularExpression lengthHeader(u"(?i)\r\ncontent-length: *(\\d+)"_s);
        const QRegularExpressionMatch match
            = lengthHeader.match(QString::fromLatin1(m_received.first(headEnd)));
        const qsizetype total = headEnd + 4 + (match.hasMatch() ? match.captured(1).toLongLong() : 0);
        return m_received.size() >= total ? total : 0;
    }

    QTcpSocket m_socket;
    QByteArray m_received;
};

// A plain descriptor, for holding thousands of connections without an object each.
QString dialedNumber(const TwilioReply &reply)
{
    const TwimlDocument twiml = reply.twiml();
    const TwimlVerb *dial = twiml.find(u"Dial"_s);
    return dial && !dial->children.isEmpty() ? dial->children.front().text : QString();
}

int openRawConnection(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0
        && errno != EINPROGRESS) {
        ::close(fd);
        return -1;
    }
    return fd;
}

} // namespace

class TestWebhookListener : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void oversizeHeadIsRefusedWith431();
    void oversizeBodyIsRefusedFromItsContentLength();
    void streamedRequestsKeepMemoryBounded_data();
    void streamedRequestsKeepMemoryBounded();
    void unfinishedRequestsShareABoundedBudget();
    void slowRequestIsClosed();
    void silentConnectionIsClosed();
    void idleKeepAliveConnectionIsClosed();
    void atTheCapTheOldestIdleConnectionMakesRoom();
    void webhookIsAnsweredWhileThousandsOfHostileConnectionsAreHeld();
    void signatureCoversTheRequestTargetAsSent_data();
    void signatureCoversTheRequestTargetAsSent();
    void publicHostIsComparedWithoutCase_data();
    void publicHostIsComparedWithoutCase();
    void sidsOutOfTwilioShapeAreRefused_data();
    void sidsOutOfTwilioShapeAreRefused();

private:
    void setSetting(const QString &key, const QString &value);
    void startRouter(std::optional<ConnectionLimits> limits = {});
    // A webhook as Twilio sends it, signed over `signedBase` + `target`, written byte for byte.
    QByteArray signedRequest(const QByteArray &target, const QByteArray &body, const QString &signedBase,
        const QByteArray &host = "127.0.0.1");
    QByteArray voiceBody(const QString &callSid) const;
    int sessionCount();

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_admin;
    std::unique_ptr<RouterService> m_service;
    std::unique_ptr<FakeTwilio> m_twilio;
    QString m_token;
};

void TestWebhookListener::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    m_dir = std::make_unique<TempDataDir>();
    QVERIFY(m_dir->isValid());
    m_admin = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_admin->open(&error), qPrintable(error));
    setSetting(u"twilio.auth_token"_s, AuthToken);
    setSetting(u"routing.enabled"_s, u"true"_s);
    setSetting(u"routing.fallback_number"_s, Fallback);
    m_token = *m_admin->settings().value(u"server.webhook_token"_s);
}

void TestWebhookListener::cleanup()
{
    m_twilio.reset();
    m_service.reset();
    m_admin.reset();
    m_dir.reset();
}

void TestWebhookListener::setSetting(const QString &key, const QString &value)
{
    QString error;
    QVERIFY2(m_admin->settings().set(key, value, &error), qPrintable(error));
}

void TestWebhookListener::startRouter(std::optional<ConnectionLimits> limits)
{
    m_service = std::make_unique<RouterService>(m_dir->path());
    if (limits)
        m_service->setConnectionLimits(*limits);
    QString error;
    QVERIFY2(m_service->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    m_twilio = std::make_unique<FakeTwilio>(
        QUrl(u"http://127.0.0.1:%1"_s.arg(m_service->port())), AuthToken.toUtf8());
}

QByteArray TestWebhookListener::voiceBody(const QString &callSid) const
{
    return "CallSid=" + callSid.toLatin1()
        + "&AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B15559990000&To="
        + QUrl::toPercentEncoding(Business) + "&CallStatus=ringing&Direction=inbound";
}

QByteArray TestWebhookListener::signedRequest(
    const QByteArray &target, const QByteArray &body, const QString &signedBase, const QByteArray &host)
{
    const QByteArray signature
        = SignatureValidator(AuthToken.toUtf8())
              .sign(signedBase + QString::fromLatin1(target), TwilioForm::fromUrlEncoded(body));
    return "POST " + target + " HTTP/1.1\r\nHost: " + host
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: " + signature
        + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

int TestWebhookListener::sessionCount()
{
    return int(CallStore(m_admin->database()).list({}).size());
}

void TestWebhookListener::oversizeHeadIsRefusedWith431()
{
    startRouter();
    RawClient client(m_service->port());
    QVERIFY(client.waitConnected());
    client.send("POST /twilio/voice HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 40; ++i)
        client.send("X-Flood-" + QByteArray::number(i) + ": " + QByteArray(500, 'a') + "\r\n");
    const QByteArray answer = client.answer();
    QCOMPARE(RawClient::status(answer), 431);
    QVERIFY(answer.contains("larger than 16 KiB"));
    QVERIFY(client.waitClosed());
}

void TestWebhookListener::oversizeBodyIsRefusedFromItsContentLength()
{
    startRouter();
    RawClient client(m_service->port());
    QVERIFY(client.waitConnected());
    // Only the head is sent: the answer cannot be waiting for the gigabyte.
    client.send("POST /twilio/voice/" + m_token.toLatin1()
        + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
          "1073741824\r\n\r\n");
    const QByteArray answer = client.answer();
    QCOMPARE(RawClient::status(answer), 413);
    QVERIFY(answer.contains("larger than 64 KiB"));
    QVERIFY(client.waitClosed());
    QCOMPARE(sessionCount(), 0);
}

void TestWebhookListener::streamedRequestsKeepMemoryBounded_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("stream"); // repeated without end
    QTest::addColumn<int>("status");
    QTest::newRow("a gigabyte body announced")
        << "POST /twilio/voice HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n"_ba
        << QByteArray(64 * 1024, 'x') << 413;
    QTest::newRow("a body with no length")
        << "POST /twilio/voice HTTP/1.1\r\nHost: x\r\n\r\n"_ba << QByteArray(64 * 1024, 'x') << 431;
    QTest::newRow("a header flood") << "POST /twilio/voice HTTP/1.1\r\nHost: x\r\n"_ba
                                    << QByteArray("X-Flood: " + QByteArray(1000, 'a') + "\r\n").repeated(64)
                                    << 431;
    QTest::newRow("chunks")
        << "POST /twilio/voice HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"_ba
        << QByteArray("10000\r\n" + QByteArray(0x10000, 'x') + "\r\n") << 411;
}

void TestWebhookListener::streamedRequestsKeepMemoryBounded()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, stream);
    QFETCH(int, status);
    startRouter();
    const quint16 port = m_service->port();
    const qint64 before = residentBytes();
    QVERIFY(before > 0);

    // A client on a thread of its own pushes 256 MiB as fast as the router takes it.
    constexpr qint64 Offered = 256LL * 1024 * 1024;
    std::atomic<qint64> sent = 0;
    std::atomic<bool> done = false;
    QByteArray answer;
    std::thread client([&] {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        timeval timeout { 10, 0 };
        ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0) {
            ::send(fd, head.constData(), size_t(head.size()), MSG_NOSIGNAL);
            while (sent < Offered) {
                const ssize_t n = ::send(fd, stream.constData(), size_t(stream.size()), MSG_NOSIGNAL);
                if (n <= 0)
                    break;
                sent += n;
            }
            char buffer[4096];
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n > 0)
                answer = QByteArray(buffer, n);
        }
        ::close(fd);
        done = true;
    });
    qint64 peak = before;
    (void)QTest::qWaitFor(
        [&] {
            peak = qMax(peak, residentBytes());
            return done.load();
        },
        60000);
    client.join();
    QVERIFY(done);
    qInfo("offered %lld MiB, the router read %lld MiB before closing; resident memory grew by %lld MiB",
        Offered >> 20, sent.load() >> 20, (peak - before) >> 20);
    QVERIFY2(sent < Offered, "the router read everything it was sent");
    QVERIFY2(peak - before < 48LL * 1024 * 1024, qPrintable(QString::number((peak - before) >> 20)));
    // The refusal itself may be lost when the connection is reset under a client that goes on sending;
    // when it arrived, it is the right one.
    if (!answer.isEmpty())
        QCOMPARE(RawClient::status(answer), status);
    // And the router still answers.
    QCOMPARE(m_twilio
                 ->post(m_twilio->publicUrl(u"/twilio/voice/"_s + m_token),
                     FakeTwilio::callFields(FakeTwilio::newCallSid(), u"+15559990000"_s, Business))
                 .status,
        200);
}

void TestWebhookListener::unfinishedRequestsShareABoundedBudget()
{
    ConnectionLimits limits;
    limits.maxPendingBytes = 256 * 1024;
    startRouter(limits);
    // Ten clients each leave 60 KiB of a 64 KiB body hanging: 600 KiB in all, over the budget.
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 10; ++i) {
        clients.push_back(std::make_unique<RawClient>(m_service->port()));
        QVERIFY(clients.back()->waitConnected());
        clients.back()->send("POST /twilio/voice HTTP/1.1\r\nHost: x\r\nContent-Length: 65536\r\n\r\n"
            + QByteArray(60 * 1024, 'x'));
    }
    int refused = 0;
    for (auto &client : clients) {
        if (client->waitClosed(200) && RawClient::status(client->answer(100)) == 503)
            ++refused;
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::count_if(clients.begin(), clients.end(), [](const auto &c) { return c->closed(); }) >= 6, 10000);
    // What stays open fits the budget: at most four unfinished 60 KiB bodies.
    QVERIFY(m_service->connectionCount() <= 4);
    Q_UNUSED(refused);
}

void TestWebhookListener::slowRequestIsClosed()
{
    ConnectionLimits limits;
    limits.requestTimeout = 300ms;
    startRouter(limits);
    RawClient client(m_service->port());
    QVERIFY(client.waitConnected());
    // A byte every 50 ms keeps the connection busy but never finishes the request.
    const QByteArray head = "POST /twilio/voice HTTP/1.1\r\nHost: x\r\nX-Slow: " + QByteArray(1000, 'a');
    qsizetype next = 0;
    QVERIFY(QTest::qWaitFor(
        [&] {
            if (next < head.size())
                client.send(head.mid(next++, 1));
            QTest::qWait(50);
            return client.closed();
        },
        20000));
    QVERIFY2(next < head.size(), "the connection stayed open for the whole trickle");
    QCOMPARE(m_service->connectionCount(), 0);
}

void TestWebhookListener::silentConnectionIsClosed()
{
    ConnectionLimits limits;
    limits.requestTimeout = 300ms;
    startRouter(limits);
    RawClient client(m_service->port());
    QVERIFY(client.waitConnected());
    QVERIFY(client.waitClosed());
    QTRY_COMPARE(m_service->connectionCount(), 0);
}

void TestWebhookListener::idleKeepAliveConnectionIsClosed()
{
    ConnectionLimits limits;
    limits.idleTimeout = 2000ms;
    startRouter(limits);
    RawClient client(m_service->port());
    QVERIFY(client.waitConnected());
    // Two requests on one connection: it is kept alive between them.
    client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(RawClient::status(client.answer()), 200);
    client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(RawClient::status(client.answer()), 200);
    // Then nothing more: it is closed.
    QVERIFY(client.waitClosed(20000));
}

void TestWebhookListener::atTheCapTheOldestIdleConnectionMakesRoom()
{
    ConnectionLimits limits;
    limits.maxConnections = 8;
    startRouter(limits);
    std::vector<std::unique_ptr<RawClient>> idle;
    for (int i = 0; i < 8; ++i) {
        idle.push_back(std::make_unique<RawClient>(m_service->port()));
        QVERIFY(idle.back()->waitConnected());
        QTRY_COMPARE(m_service->connectionCount(), i + 1);
    }
    // One holds an unfinished request: it is not idle, so it goes after every idle one.
    idle[0]->send("POST /twilio/voice HTTP/1.1\r\n");
    QTest::qWait(10);

    const TwilioReply reply = m_twilio->post(m_twilio->publicUrl(u"/twilio/voice/"_s + m_token),
        FakeTwilio::callFields(FakeTwilio::newCallSid(), u"+15559990000"_s, Business));
    QCOMPARE(reply.status, 200);
    QCOMPARE(dialedNumber(reply), Fallback);
    // The oldest idle connection made room; the one with a request under way and the newer ones stay.
    QVERIFY(idle[1]->waitClosed());
    QVERIFY(!idle[0]->closed());
    for (size_t i = 2; i < idle.size(); ++i)
        QVERIFY2(!idle[i]->closed(), qPrintable(QString::number(i)));
}

void TestWebhookListener::webhookIsAnsweredWhileThousandsOfHostileConnectionsAreHeld()
{
    constexpr int Hostile = 2000;
    // The test holds both ends of every connection.
    rlimit files {};
    getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
    getrlimit(RLIMIT_NOFILE, &files);
    if (files.rlim_cur < rlim_t(2 * Hostile + 256))
        QSKIP(qPrintable(u"This machine allows %1 open files; the test needs %2."_s.arg(files.rlim_cur)
                             .arg(2 * Hostile + 256)));

    ConnectionLimits limits;
    limits.maxConnections = ConnectionLimits::connectionCapFor(int(files.rlim_cur));
    // Held for the whole test, whatever the machine's speed.
    limits.requestTimeout = 120s;
    limits.idleTimeout = 120s;
    startRouter(limits);
    std::vector<int> held;
    for (int i = 0; i < Hostile; ++i) {
        const int fd = openRawConnection(m_service->port());
        QVERIFY(fd >= 0);
        held.push_back(fd);
        if (i % 100 == 99)
            QTRY_COMPARE_WITH_TIMEOUT(m_service->connectionCount(), i + 1, 20000);
    }
    // Half of them start a request they never finish.
    for (int i = 0; i < Hostile; i += 2)
        ::send(held[size_t(i)], "POST /twilio/voice HTTP/1.1\r\nHost: x\r\nContent-Length: 60000\r\n\r\nCall",
            70, MSG_NOSIGNAL);
    QTRY_COMPARE_WITH_TIMEOUT(m_service->connectionCount(), Hostile, 20000);

    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply reply = m_twilio->post(m_twilio->publicUrl(u"/twilio/voice/"_s + m_token),
        FakeTwilio::callFields(sid, u"+15559990000"_s, Business));
    QCOMPARE(reply.status, 200);
    QCOMPARE(dialedNumber(reply), Fallback);
    QCOMPARE(m_service->connectionCount() >= Hostile, true);
    for (int fd : held)
        ::close(fd);
}

void TestWebhookListener::signatureCoversTheRequestTargetAsSent_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::newRow("lower-case escape") << "?note=%7e"_ba;
    QTest::newRow("escaped plus") << "?n=%2b1555"_ba;
    QTest::newRow("pipe") << "?a=b|c"_ba;
    QTest::newRow("braces") << "?x={y}"_ba;
    QTest::newRow("unescaped tilde") << "?note=~"_ba;
    QTest::newRow("upper-case escape") << "?note=%7E"_ba;
    QTest::newRow("none") << QByteArray();
}

void TestWebhookListener::signatureCoversTheRequestTargetAsSent()
{
    QFETCH(QByteArray, query);
    startRouter();
    const QString local = u"http://127.0.0.1:%1"_s.arg(m_service->port());
    const QByteArray target = "/twilio/voice/" + m_token.toLatin1() + query;
    const QByteArray host = "127.0.0.1:" + QByteArray::number(m_service->port());

    RawClient client(m_service->port());
    QVERIFY(client.waitConnected());
    client.send(signedRequest(target, voiceBody(FakeTwilio::newCallSid()), local, host));
    QCOMPARE(RawClient::status(client.answer()), 200);

    // The same request signed over another spelling of its URL is not Twilio's.
    const QByteArray tampered
        = signedRequest(target, voiceBody(FakeTwilio::newCallSid()), local + u"/x"_s, host);
    client.send(tampered);
    QCOMPARE(RawClient::status(client.answer()), 403);
}

void TestWebhookListener::publicHostIsComparedWithoutCase_data()
{
    QTest::addColumn<QString>("configured");
    QTest::addColumn<QString>("signedBase");
    QTest::addColumn<QByteArray>("host");
    QTest::newRow("capitals in the setting, signed as written")
        << u"https://Front-Desk.Example.COM"_s << u"https://Front-Desk.Example.COM"_s
        << "front-desk.example.com"_ba;
    QTest::newRow("capitals in the setting, signed in lower case")
        << u"https://Front-Desk.Example.COM"_s << u"https://front-desk.example.com"_s
        << "front-desk.example.com"_ba;
    QTest::newRow("lower case in the setting, signed as the Host header spells it")
        << u"https://front-desk.example.com"_s << u"https://Front-Desk.example.com"_s
        << "Front-Desk.example.com"_ba;
    QTest::newRow("with the default port")
        << u"https://front-desk.example.com"_s << u"https://front-desk.example.com:443"_s
        << "front-desk.example.com"_ba;
    QTest::newRow("under a path, with a trailing slash")
        << u"https://front-desk.example.com/switchboard/"_s << u"https://front-desk.example.com/switchboard"_s
        << "front-desk.example.com"_ba;
}

void TestWebhookListener::publicHostIsComparedWithoutCase()
{
    QFETCH(QString, configured);
    QFETCH(QString, signedBase);
    QFETCH(QByteArray, host);
    setSetting(u"server.public_url"_s, configured);
    startRouter();
    RawClient client(m_service->port());
    QVERIFY(client.waitConnected());
    const QByteArray target = "/twilio/voice/" + m_token.toLatin1() + "?a=%7e";
    client.send(signedRequest(target, voiceBody(FakeTwilio::newCallSid()), signedBase, host));
    QCOMPARE(RawClient::status(client.answer()), 200);
}

void TestWebhookListener::sidsOutOfTwilioShapeAreRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("query");
    const QByteArray good = "CA0123456789abcdef0123456789abcdef";
    QTest::newRow("path traversal in CallSid")
        << "CallSid=..%2F..%2Fetc%2Fpasswd&From=%2B15559990000"_ba << QByteArray();
    QTest::newRow("short CallSid") << "CallSid=CA0123456789abcdef0123456789abcde"_ba << QByteArray();
    QTest::newRow("CallSid of another kind")
        << "CallSid=RE0123456789abcdef0123456789abcdef"_ba << QByteArray();
    QTest::newRow("non-hex CallSid") << "CallSid=CA0123456789abcdef0123456789abcdeg"_ba << QByteArray();
    QTest::newRow("traversal in RecordingSid")
        << "CallSid=" + good + "&RecordingSid=RE..%2F..%2Fx"_ba << QByteArray();
    QTest::newRow("bad ParentCallSid") << "CallSid=" + good + "&ParentCallSid=CA%2F"_ba << QByteArray();
    QTest::newRow("bad AccountSid") << "CallSid=" + good + "&AccountSid=ACnope"_ba << QByteArray();
    QTest::newRow("unknown SID field of the wrong shape")
        << "CallSid=" + good + "&FutureSid=zz"_ba << QByteArray();
}

void TestWebhookListener::sidsOutOfTwilioShapeAreRefused()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, query);
    startRouter();
    const QString local = u"http://127.0.0.1:%1"_s.arg(m_service->port());
    const QByteArray host = "127.0.0.1:" + QByteArray::number(m_service->port());
    RawClient client(m_service->port());
    QVERIFY(client.waitConnected());
    client.send(signedRequest("/twilio/voice/" + m_token.toLatin1() + query, body, local, host));
    QCOMPARE(RawClient::status(client.answer()), 400);
    QCOMPARE(sessionCount(), 0);
}

QTEST_GUILESS_MAIN(TestWebhookListener)
#include "tst_webhooklistener.moc"
