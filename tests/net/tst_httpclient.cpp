// Tests HttpClient over loopback against a scripted server (plain and TLS) that counts connections and
// requests and answers each one as the test says.
#include "net/httpclient.h"
#include "testcertificate.h"

#include <QElapsedTimer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <QCoroTask>

#include <functional>
#include <memory>
#include <optional>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

using Failure = HttpAnswer::Failure;

// One request as the server received it, and where.
struct ReceivedRequest
{
    int connection = 0; // 1 for the first connection accepted
    int onConnection = 0; // 1 for the first request on that connection
    QByteArray bytes; // head and body
};

// Answers each request with what `respond` writes to the socket (or does to it).
class ScriptedServer : public QTcpServer
{
public:
    using Respond = std::function<void(QTcpSocket *, const ReceivedRequest &)>;

    explicit ScriptedServer(Respond respond)
        : m_respond(std::move(respond))
    { }

    void useTls(const TestCertificate &certificate) { m_certificate = certificate; }
    QUrl url(const QString &path = u"/"_s) const
    {
        return QUrl(
            u"%1://127.0.0.1:%2%3"_s.arg(m_certificate ? u"https"_s : u"http"_s).arg(serverPort()).arg(path));
    }
    int connections() const { return m_connections; }
    const QList<ReceivedRequest> &requests() const { return m_requests; }
    // Closes every connection from the server's side, as one does after its keep-alive time.
    void closeConnections()
    {
        for (QTcpSocket *socket : findChildren<QTcpSocket *>())
            socket->disconnectFromHost();
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        QTcpSocket *socket = nullptr;
        if (m_certificate) {
            auto *tls = new QSslSocket(this);
            tls->setSocketDescriptor(descriptor);
            tls->setLocalCertificate(m_certificate->certificate);
            tls->setPrivateKey(m_certificate->key);
            tls->startServerEncryption();
            socket = tls;
        } else {
            socket = new QTcpSocket(this);
            socket->setSocketDescriptor(descriptor);
        }
        const int connection = ++m_connections;
        auto buffer = std::make_shared<QByteArray>();
        auto served = std::make_shared<int>(0);
        connect(socket, &QIODevice::readyRead, this, [this, socket, connection, buffer, served] {
            buffer->append(socket->readAll());
            for (;;) {
                const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
                if (headEnd < 0)
                    return;
                qsizetype length = 0;
                for (const QByteArray &line : buffer->left(headEnd).split('\n')) {
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toLongLong();
                }
                const qsizetype total = headEnd + 4 + length;
                if (buffer->size() < total)
                    return;
                const ReceivedRequest request { connection, ++*served, buffer->left(total) };
                buffer->remove(0, total);
                m_requests.append(request);
                m_respond(socket, request);
                if (socket->state() != QAbstractSocket::ConnectedState)
                    return;
            }
        });
    }

private:
    Respond m_respond;
    std::optional<TestCertificate> m_certificate;
    int m_connections = 0;
    QList<ReceivedRequest> m_requests;
};

QByteArray answer(const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"_ba + extraHeaders + "Content-Length: "_ba
        + QByteArray::number(body.size()) + "\r\n\r\n"_ba + body;
}

void answerOk(QTcpSocket *socket, const ReceivedRequest &)
{
    socket->write(answer("{\"ok\":true}"_ba));
}

HttpRequest post(const QUrl &url, std::chrono::milliseconds timeout = 4000ms)
{
    HttpRequest request;
    request.method = "POST"_ba;
    request.url = url;
    request.headers = { { "Content-Type"_ba, "application/json"_ba } };
    request.body = "{\"agent_id\":\"agent_1\"}"_ba;
    request.timeout = timeout;
    return request;
}

HttpAnswer send(HttpClient &client, HttpRequest request)
{
    return QCoro::waitFor(client.send(std::move(request)));
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendsTheRequestAsGiven();
    void keepsTheConnectionAlive();
    void retriesOnceWhenAKeptConnectionWasClosed();
    void doesNotSendTwiceOnAFreshConnection();
    void doesNotSendTwiceWhenTheAnswerWasCutOff();
    void closesWhenTheServerSaysSo();
    void dropsAKeptConnectionTheServerClosed();
    void readsAChunkedAnswer();
    void timesOutOnASilentServer();
    void refusesAnOversizeAnswer();
    void reportsARefusedConnection();
    void refusesHeadersThatCouldSplitTheRequest();
    void talksTlsToATrustedServer();
    void refusesAnUntrustedCertificate();
    void outlivesTheClient();
};

void TestHttpClient::sendsTheRequestAsGiven()
{
    ScriptedServer server(answerOk);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    HttpClient client;
    HttpRequest request = post(server.url(u"/v2/register-phone-call"_s));
    request.url.setQuery(u"a=1&b=%2B"_s);
    request.headers.append({ "Authorization"_ba, "Bearer key_1"_ba });

    const HttpAnswer result = send(client, request);

    QVERIFY2(result.ok(), qPrintable(result.networkError));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.body, "{\"ok\":true}"_ba);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(server.requests().first().bytes,
        "POST /v2/register-phone-call?a=1&b=%2B HTTP/1.1\r\nHost: 127.0.0.1:"_ba
            + QByteArray::number(server.serverPort())
            + "\r\nContent-Type: application/json\r\nAuthorization: Bearer key_1\r\nContent-Length: "
              "22\r\n\r\n"
              "{\"agent_id\":\"agent_1\"}"_ba);
}

void TestHttpClient::keepsTheConnectionAlive()
{
    ScriptedServer server(answerOk);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    HttpClient client;

    for (int i = 0; i < 3; ++i)
        QVERIFY(send(client, post(server.url())).ok());

    QCOMPARE(server.connections(), 1);
    QCOMPARE(server.requests().size(), 3);
    QCOMPARE(server.requests().last().onConnection, 3);
    QCOMPARE(client.idleConnections(), 1);
    QCOMPARE(client.busyConnections(), 0);
}

// A server may close a kept connection just as the next request goes out; that request never reached
// it, so it is sent once more on a new connection.
void TestHttpClient::retriesOnceWhenAKeptConnectionWasClosed()
{
    ScriptedServer server([](QTcpSocket *socket, const ReceivedRequest &request) {
        if (request.connection == 1 && request.onConnection == 2)
            socket->abort();
        else
            answerOk(socket, request);
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    HttpClient client;
    QVERIFY(send(client, post(server.url())).ok());

    const HttpAnswer second = send(client, post(server.url()));

    QVERIFY2(second.ok(), qPrintable(second.networkError));
    QCOMPARE(server.connections(), 2);
    QCOMPARE(server.requests().size(), 3);
    QCOMPARE(server.requests().last().connection, 2);
}

void TestHttpClient::doesNotSendTwiceOnAFreshConnection()
{
    ScriptedServer server([](QTcpSocket *socket, const ReceivedRequest &) { socket->abort(); });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    HttpClient client;

    const HttpAnswer result = send(client, post(server.url()));

    QCOMPARE(result.failure, Failure::ClosedBeforeAnswer);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(client.idleConnections(), 0);
}

// The server had the request (it began to answer), so even on a kept connection it is not sent again.
void TestHttpClient::doesNotSendTwiceWhenTheAnswerWasCutOff()
{
    ScriptedServer server([](QTcpSocket *socket, const ReceivedRequest &request) {
        if (request.onConnection == 1) {
            answerOk(socket, request);
            return;
        }
        socket->write("HTTP/1.1 201 Created\r\nContent-Length: 100\r\n\r\n{");
        socket->disconnectFromHost();
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    HttpClient client;
    QVERIFY(send(client, post(server.url())).ok());

    const HttpAnswer result = send(client, post(server.url()));

    QCOMPARE(result.failure, Failure::Network);
    QVERIFY(!result.networkError.isEmpty());
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.connections(), 1);
}

void TestHttpClient::closesWhenTheServerSaysSo()
{
    ScriptedServer server([](QTcpSocket *socket, const ReceivedRequest &) {
        socket->write(answer("{}"_ba, "Connection: close\r\n"_ba));
        socket->disconnectFromHost();
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    HttpClient client;

    QVERIFY(send(client, post(server.url())).ok());
    QCOMPARE(client.idleConnections(), 0);
    QVERIFY(send(client, post(server.url())).ok());

    QCOMPARE(server.connections(), 2);
}

void TestHttpClient::dropsAKeptConnectionTheServerClosed()
{
    ScriptedServer server(answerOk);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    HttpClient client;

    QVERIFY(send(client, post(server.url())).ok());
    QCOMPARE(client.idleConnections(), 1);
    server.closeConnections();

    QTRY_COMPARE(client.idleConnections(), 0);
    QVERIFY(send(client, post(server.url())).ok());
    QCOMPARE(server.connections(), 2);
    // Noticed before the next request, so nothing had to be sent twice.
    QCOMPARE(server.requests().size(), 2);
}

void TestHttpClient::readsAChunkedAnswer()
{
    ScriptedServer server([](QTcpSocket *socket, const ReceivedRequest &) {
        socket->write("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n{\"call\r\n");
        socket->flush();
        QTimer::singleShot(
            20ms, socket, [socket] { socket->write("9\r\n_id\":\"c1\"\r\n1\r\n}\r\n0\r\n\r\n"); });
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    HttpClient client;

    const HttpAnswer result = send(client, post(server.url()));

    QVERIFY2(result.ok(), qPrintable(result.networkError));
    QCOMPARE(result.status, 201);
    QCOMPARE(result.body, "{\"call_id\":\"c1\"}"_ba);
    QCOMPARE(client.idleConnections(), 1);
}

void TestHttpClient::timesOutOnASilentServer()
{
    ScriptedServer server([](QTcpSocket *, const ReceivedRequest &) {});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    HttpClient client;
    QElapsedTimer elapsed;
    elapsed.start();

    const HttpAnswer result = send(client, post(server.url(), 300ms));

    QCOMPARE(result.failure, Failure::TimedOut);
    QVERIFY2(elapsed.elapsed() >= 290, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(client.busyConnections(), 0);
    // The connection still owes an answer, so it cannot carry another request.
    QCOMPARE(client.idleConnections(), 0);
}

void TestHttpClient::refusesAnOversizeAnswer()
{
    ScriptedServer server([](QTcpSocket *socket, const ReceivedRequest &) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n" + QByteArray(64 * 1024, 'x'));
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    HttpClient client;
    HttpRequest request = post(server.url());
    request.maxAnswerBytes = 4096;

    const HttpAnswer result = send(client, request);

    QCOMPARE(result.failure, Failure::TooLarge);
    QCOMPARE(client.idleConnections(), 0);
}

void TestHttpClient::reportsARefusedConnection()
{
    quint16 closedPort = 0;
    {
        QTcpServer placeholder;
        QVERIFY(placeholder.listen(QHostAddress::LocalHost, 0));
        closedPort = placeholder.serverPort();
    }
    HttpClient client;

    const HttpAnswer result = send(client, post(QUrl(u"http://127.0.0.1:%1/"_s.arg(closedPort))));

    QCOMPARE(result.failure, Failure::ConnectionRefused);
}

void TestHttpClient::refusesHeadersThatCouldSplitTheRequest()
{
    ScriptedServer server(answerOk);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    HttpClient client;
    HttpRequest request = post(server.url());
    request.headers.append({ "Authorization"_ba, "Bearer k\r\nX-Injected: 1"_ba });

    const HttpAnswer result = send(client, request);

    QCOMPARE(result.failure, Failure::Network);
    QVERIFY(!result.networkError.isEmpty());
    QCOMPARE(server.connections(), 0);
}

void TestHttpClient::talksTlsToATrustedServer()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("This Qt has no TLS backend.");
    const TestCertificate certificate = TestCertificate::selfSigned();
    QVERIFY(!certificate.certificate.isNull() && !certificate.key.isNull());
    ScriptedServer server(answerOk);
    server.useTls(certificate);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    HttpClient client;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({ certificate.certificate });
    client.setTlsConfiguration(tls);

    const HttpAnswer first = send(client, post(server.url()));
    const HttpAnswer second = send(client, post(server.url()));

    QVERIFY2(first.ok(), qPrintable(first.networkError));
    QVERIFY2(second.ok(), qPrintable(second.networkError));
    QCOMPARE(second.body, "{\"ok\":true}"_ba);
    QCOMPARE(server.connections(), 1);
}

void TestHttpClient::refusesAnUntrustedCertificate()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("This Qt has no TLS backend.");
    const TestCertificate certificate = TestCertificate::selfSigned();
    ScriptedServer server(answerOk);
    server.useTls(certificate);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    HttpClient client; // the system's CAs only

    const HttpAnswer result = send(client, post(server.url()));

    QCOMPARE(result.failure, Failure::Network);
    QVERIFY2(
        result.networkError.contains(u"certificate"_s, Qt::CaseInsensitive), qPrintable(result.networkError));
    // Nothing, not even the request, went to a server we could not verify.
    QVERIFY(server.requests().isEmpty());
}

// A router shutting down while Retell answers: the exchange still ends and the waiting call goes on.
void TestHttpClient::outlivesTheClient()
{
    ScriptedServer server([](QTcpSocket *socket, const ReceivedRequest &request) {
        QTimer::singleShot(100ms, socket, [socket, request] { answerOk(socket, request); });
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    auto client = std::make_unique<HttpClient>();
    QCoro::Task<HttpAnswer> task = client->send(post(server.url()));
    QTRY_COMPARE(server.requests().size(), 1);
    client.reset();

    const HttpAnswer result = QCoro::waitFor(std::move(task));

    QVERIFY2(result.ok(), qPrintable(result.networkError));
    QCOMPARE(result.body, "{\"ok\":true}"_ba);
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
