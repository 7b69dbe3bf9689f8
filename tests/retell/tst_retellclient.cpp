// Tests RetellClient with a real HttpClient against FakeRetellServer and raw loopback sockets.
#include "fakeretellserver.h"
#include "net/httpclient.h"
#include "retell/retellclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRegularExpression>
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

using RegisterResult = Result<RetellRegisteredCall>;

const QByteArray ApiKey = "key_7d0c5e1f9a2b4c6d8e0f1a3b5c7d9e1f"_ba;
const QString ApiKeyText = QString::fromLatin1(ApiKey);

RetellCallRequest sampleRequest()
{
    RetellCallRequest request;
    request.agentId = u"agent_4f2a9c"_s;
    request.fromNumber = u"+14155550123"_s;
    request.toNumber = u"+14155550199"_s;
    request.metadata = QJsonObject {
        { u"twilio_call_sid"_s, u"CA0123456789abcdef0123456789abcdef"_s },
        { u"customer_id"_s, 42 },
        { u"booking_id"_s, u"bk_981"_s },
    };
    request.dynamicVariables = {
        { u"customer_name"_s, u"Zoë Ångström"_s },
        { u"booking_time"_s, u"Tuesday 14:30"_s },
    };
    return request;
}

QCoro::Task<> storeResult(QCoro::Task<RegisterResult> task, std::optional<RegisterResult> &result)
{
    result.emplace(co_await std::move(task));
}

// QCoro::waitFor() default-constructs its result, which Result<T> deliberately cannot be.
RegisterResult run(QCoro::Task<RegisterResult> task)
{
    std::optional<RegisterResult> result;
    QCoro::waitFor(storeResult(std::move(task), result));
    return std::move(*result);
}

QCoro::Task<> storeAgent(QCoro::Task<Result<QString>> task, std::optional<Result<QString>> &result)
{
    result.emplace(co_await std::move(task));
}

Result<QString> runAgent(QCoro::Task<Result<QString>> task)
{
    std::optional<Result<QString>> result;
    QCoro::waitFor(storeAgent(std::move(task), result));
    return std::move(*result);
}

// Hands every complete HTTP request (headers plus Content-Length body) that reaches `server` to
// `respond`, for the cases FakeRetellServer deliberately cannot produce.
void serveRaw(QTcpServer &server, std::function<void(QTcpSocket *, const QByteArray &)> respond)
{
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&server, respond] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, buffer, respond] {
                buffer->append(socket->readAll());
                const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
                if (headerEnd < 0)
                    return;
                static const QRegularExpression contentLength(
                    u"\r\ncontent-length:\\s*(\\d+)"_s, QRegularExpression::CaseInsensitiveOption);
                const auto match = contentLength.match(QString::fromLatin1(buffer->left(headerEnd)));
                const qsizetype bodyLength = match.hasMatch() ? match.captured(1).toLongLong() : 0;
                if (buffer->size() < headerEnd + 4 + bodyLength)
                    return;
                respond(socket, *buffer);
                buffer->clear();
            });
        }
    });
}

QByteArray headerValue(const QByteArray &request, const QByteArray &name)
{
    for (const QByteArray &line : request.left(request.indexOf("\r\n\r\n")).split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QByteArray httpAnswer(const QByteArray &statusLine, const QByteArray &body)
{
    return "HTTP/1.1 "_ba + statusLine + "\r\nContent-Type: application/json\r\nContent-Length: "_ba
        + QByteArray::number(body.size()) + "\r\n\r\n"_ba + body;
}

} // namespace

class TestRetellClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void registersCallWithExpectedBody();
    void keepsTheConnectionForTheNextCall();
    void leavesOutWithheldCaller();
    void failsOnServerError();
    void failsOnGarbage();
    void failsOnMissingCallId();
    void rejectsCallIdUnsafeForSip();
    void failsOnWrongApiKey();
    void timesOutWhenServerHangs();
    void timesOutWhenAnswerComesTooLate();
    void succeedsWhenAnswerIsSlowButInTime();
    void timesOutWhenServerTricklesTheBody();
    void failsWhenConnectionIsRefused();
    void joinsApiBase_data();
    void joinsApiBase();
    void refusesIncompleteConfiguration_data();
    void refusesIncompleteConfiguration();
    void scrubsApiKeyEchoedByServer();
    void outlivesTheClient();
    void fetchesTheAgentName();
    void unknownAgentIsNamed();
    void agentWithWrongKeyIsRefused();
    void agentIdCannotLeaveTheAgentPath();

private:
    RetellClient client(std::chrono::milliseconds timeout = 4000ms) const;
    void verifyFailure(const RegisterResult &result, const QString &expectedPart);

    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<FakeRetellServer> m_fake;
};

void TestRetellClient::init()
{
    m_http = std::make_unique<HttpClient>();
    m_fake = std::make_unique<FakeRetellServer>();
    QVERIFY(m_fake->listen());
    m_fake->setExpectedApiKey(ApiKey);
}

void TestRetellClient::cleanup()
{
    m_fake.reset();
    m_http.reset();
}

RetellClient TestRetellClient::client(std::chrono::milliseconds timeout) const
{
    return RetellClient(m_http.get(), m_fake->baseUrl(), ApiKey, timeout);
}

// Every failure is one readable sentence that says what happened and never carries the key.
void TestRetellClient::verifyFailure(const RegisterResult &result, const QString &expectedPart)
{
    QVERIFY(!result.ok());
    QVERIFY2(result.error().contains(expectedPart, Qt::CaseInsensitive), qPrintable(result.error()));
    QVERIFY2(result.error().endsWith(u'.'), qPrintable(result.error()));
    QVERIFY2(!result.error().contains(ApiKeyText), qPrintable(result.error()));
}

void TestRetellClient::registersCallWithExpectedBody()
{
    const RegisterResult result = run(client().registerPhoneCall(sampleRequest()));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->callId, m_fake->lastCallId());
    QVERIFY(result->callId.startsWith(u"call_"_s));
    QCOMPARE(result->callStatus, u"registered"_s);
    QCOMPARE(result->agentId, u"agent_4f2a9c"_s);

    QCOMPARE(m_fake->requestCount(), 1);
    const QJsonObject expected {
        { u"agent_id"_s, u"agent_4f2a9c"_s },
        { u"direction"_s, u"inbound"_s },
        { u"from_number"_s, u"+14155550123"_s },
        { u"to_number"_s, u"+14155550199"_s },
        { u"metadata"_s,
            QJsonObject {
                { u"twilio_call_sid"_s, u"CA0123456789abcdef0123456789abcdef"_s },
                { u"customer_id"_s, 42 },
                { u"booking_id"_s, u"bk_981"_s },
            } },
        { u"retell_llm_dynamic_variables"_s,
            QJsonObject {
                { u"customer_name"_s, u"Zoë Ångström"_s },
                { u"booking_time"_s, u"Tuesday 14:30"_s },
            } },
    };
    QCOMPARE(m_fake->requests().constFirst(), expected);
    QCOMPARE(m_fake->authorizationHeaders(), QList<QByteArray> { "Bearer "_ba + ApiKey });
}

// Registering a call is on the answer's path: the next one goes out on the connection already open.
void TestRetellClient::keepsTheConnectionForTheNextCall()
{
    const RegisterResult first = run(client().registerPhoneCall(sampleRequest()));
    const RegisterResult second = run(client().registerPhoneCall(sampleRequest()));

    QVERIFY2(first.ok(), qPrintable(first.error()));
    QVERIFY2(second.ok(), qPrintable(second.error()));
    QVERIFY(first->callId != second->callId);
    QCOMPARE(m_fake->requestCount(), 2);
    QCOMPARE(m_http->idleConnections(), 1);
}

void TestRetellClient::leavesOutWithheldCaller()
{
    RetellCallRequest request = sampleRequest();
    request.fromNumber.clear();
    request.metadata = {};
    request.dynamicVariables.clear();

    const RegisterResult result = run(client().registerPhoneCall(request));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    const QJsonObject sent = m_fake->requests().constFirst();
    QVERIFY(!sent.contains(u"from_number"_s));
    QCOMPARE(sent.value(u"to_number"_s).toString(), u"+14155550199"_s);
    QCOMPARE(sent.value(u"retell_llm_dynamic_variables"_s), QJsonValue(QJsonObject()));
}

void TestRetellClient::failsOnServerError()
{
    m_fake->setMode(FakeRetellServer::Mode::ServerError);
    const RegisterResult result = run(client().registerPhoneCall(sampleRequest()));
    verifyFailure(result, u"HTTP 500"_s);
    // Retell's own explanation reaches the operator.
    verifyFailure(result, u"An unexpected error occurred"_s);
}

void TestRetellClient::failsOnGarbage()
{
    m_fake->setMode(FakeRetellServer::Mode::Garbage);
    verifyFailure(run(client().registerPhoneCall(sampleRequest())), u"not JSON"_s);
}

void TestRetellClient::failsOnMissingCallId()
{
    m_fake->setMode(FakeRetellServer::Mode::MissingCallId);
    verifyFailure(run(client().registerPhoneCall(sampleRequest())), u"no call_id"_s);
}

void TestRetellClient::rejectsCallIdUnsafeForSip()
{
    m_fake->setMode(FakeRetellServer::Mode::UnsafeCallId);
    const RegisterResult result = run(client().registerPhoneCall(sampleRequest()));
    verifyFailure(result, u"call_id"_s);
    verifyFailure(result, u"SIP"_s);
}

void TestRetellClient::failsOnWrongApiKey()
{
    m_fake->setExpectedApiKey("key_the_right_one_0000000000000000"_ba);
    const RegisterResult result = run(client().registerPhoneCall(sampleRequest()));
    verifyFailure(result, u"API key"_s);
    verifyFailure(result, u"401"_s);
}

void TestRetellClient::timesOutWhenServerHangs()
{
    m_fake->setMode(FakeRetellServer::Mode::Hang);
    QElapsedTimer elapsed;
    elapsed.start();

    QCoro::Task<RegisterResult> task = client(300ms).registerPhoneCall(sampleRequest());
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->requestCount(), 1, 250);
    QCOMPARE(m_http->busyConnections(), 1);
    const RegisterResult result = run(std::move(task));

    const qint64 ms = elapsed.elapsed();
    verifyFailure(result, u"Retell did not answer within 300 ms."_s);
    QVERIFY2(ms >= 270 && ms < 900, qPrintable(QString::number(ms)));
    // The abandoned exchange does not hold on to its connection.
    QTRY_COMPARE(m_http->busyConnections(), 0);
}

void TestRetellClient::timesOutWhenAnswerComesTooLate()
{
    m_fake->setMode(FakeRetellServer::Mode::Slow);
    m_fake->setDelay(1500ms);
    QElapsedTimer elapsed;
    elapsed.start();

    const RegisterResult result = run(client(300ms).registerPhoneCall(sampleRequest()));

    QVERIFY2(elapsed.elapsed() < 900, qPrintable(QString::number(elapsed.elapsed())));
    verifyFailure(result, u"within 300 ms"_s);
}

void TestRetellClient::succeedsWhenAnswerIsSlowButInTime()
{
    m_fake->setMode(FakeRetellServer::Mode::Slow);
    m_fake->setDelay(150ms);
    QElapsedTimer elapsed;
    elapsed.start();

    const RegisterResult result = run(client(2000ms).registerPhoneCall(sampleRequest()));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    QVERIFY(elapsed.elapsed() >= 140);
    QCOMPARE(result->callId, m_fake->lastCallId());
}

// A server that sends headers at once and then a byte every 50 ms never goes silent long enough for an
// inactivity timeout; only a deadline on the whole exchange stops it.
void TestRetellClient::timesOutWhenServerTricklesTheBody()
{
    QTcpServer trickler;
    QVERIFY(trickler.listen(QHostAddress::LocalHost, 0));
    serveRaw(trickler, [](QTcpSocket *socket, const QByteArray &) {
        socket->write(
            "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
        auto *drip = new QTimer(socket);
        QObject::connect(drip, &QTimer::timeout, socket, [socket] { socket->write(" "); });
        drip->start(50ms);
    });
    RetellClient trickled(
        m_http.get(), QUrl(u"http://127.0.0.1:%1"_s.arg(trickler.serverPort())), ApiKey, 400ms);
    QElapsedTimer elapsed;
    elapsed.start();

    const RegisterResult result = run(trickled.registerPhoneCall(sampleRequest()));

    const qint64 ms = elapsed.elapsed();
    verifyFailure(result, u"within 400 ms"_s);
    QVERIFY2(ms >= 360 && ms < 1200, qPrintable(QString::number(ms)));
    QTRY_COMPARE(m_http->busyConnections(), 0);
}

void TestRetellClient::failsWhenConnectionIsRefused()
{
    quint16 closedPort = 0;
    {
        QTcpServer placeholder;
        QVERIFY(placeholder.listen(QHostAddress::LocalHost, 0));
        closedPort = placeholder.serverPort();
    }
    RetellClient refused(m_http.get(), QUrl(u"http://127.0.0.1:%1"_s.arg(closedPort)), ApiKey, 4000ms);
    QElapsedTimer elapsed;
    elapsed.start();

    const RegisterResult result = run(refused.registerPhoneCall(sampleRequest()));

    verifyFailure(result, u"refused"_s);
    verifyFailure(result, u"127.0.0.1:%1"_s.arg(closedPort));
    // Refusal is immediate: the caller must not sit out the whole timeout.
    QVERIFY(elapsed.elapsed() < 2000);
}

void TestRetellClient::joinsApiBase_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QByteArray>("expectedPath");
    QTest::newRow("host only") << u""_s << "/v2/register-phone-call"_ba;
    QTest::newRow("trailing slash") << u"/"_s << "/v2/register-phone-call"_ba;
    QTest::newRow("path prefix") << u"/prefix"_s << "/prefix/v2/register-phone-call"_ba;
    QTest::newRow("path prefix with trailing slash")
        << u"/retell/api/"_s << "/retell/api/v2/register-phone-call"_ba;
}

void TestRetellClient::joinsApiBase()
{
    QFETCH(QString, base);
    QFETCH(QByteArray, expectedPath);

    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QByteArray requestLine;
    serveRaw(server, [&requestLine](QTcpSocket *socket, const QByteArray &request) {
        requestLine = request.left(request.indexOf("\r\n"));
        socket->write(
            httpAnswer("201 Created"_ba, R"({"call_id":"call_abc123","call_status":"registered"})"_ba));
    });
    const QUrl apiBase(u"http://127.0.0.1:%1%2"_s.arg(server.serverPort()).arg(base));
    RetellClient prefixed(m_http.get(), apiBase, ApiKey, 4000ms);

    const RegisterResult result = run(prefixed.registerPhoneCall(sampleRequest()));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->callId, u"call_abc123"_s);
    QCOMPARE(requestLine, "POST "_ba + expectedPath + " HTTP/1.1"_ba);
    QCOMPARE(prefixed.registerPhoneCallUrl().path().toUtf8(), expectedPath);
}

void TestRetellClient::refusesIncompleteConfiguration_data()
{
    QTest::addColumn<QString>("apiBase");
    QTest::addColumn<QByteArray>("apiKey");
    QTest::addColumn<QString>("agentId");
    QTest::addColumn<QString>("expectedPart");
    const QString base = u"http://127.0.0.1:1"_s;
    QTest::newRow("no agent") << base << ApiKey << QString() << u"agent"_s;
    QTest::newRow("no api key") << base << QByteArray() << u"agent_1"_s << u"API key"_s;
    QTest::newRow("api key with a line break")
        << base << "key_abc\r\nX-Evil: 1"_ba << u"agent_1"_s << u"API key"_s;
    QTest::newRow("not a url") << u"api.retellai.com"_s << ApiKey << u"agent_1"_s << u"URL"_s;
    QTest::newRow("ftp url") << u"ftp://api.retellai.com"_s << ApiKey << u"agent_1"_s << u"URL"_s;
}

// A misconfiguration fails at once with a sentence that names it, without sending anything.
void TestRetellClient::refusesIncompleteConfiguration()
{
    QFETCH(QString, apiBase);
    QFETCH(QByteArray, apiKey);
    QFETCH(QString, agentId);
    QFETCH(QString, expectedPart);
    RetellCallRequest request = sampleRequest();
    request.agentId = agentId;
    RetellClient misconfigured(m_http.get(), QUrl(apiBase), apiKey, 4000ms);

    const RegisterResult result = run(misconfigured.registerPhoneCall(request));

    verifyFailure(result, expectedPart);
    QCOMPARE(m_http->busyConnections(), 0);
}

// Even a server that quotes our key back in its error message must not get it into our error text.
void TestRetellClient::scrubsApiKeyEchoedByServer()
{
    QTcpServer echo;
    QVERIFY(echo.listen(QHostAddress::LocalHost, 0));
    serveRaw(echo, [](QTcpSocket *socket, const QByteArray &request) {
        const QByteArray message = "Invalid API key: "_ba + headerValue(request, "Authorization"_ba);
        socket->write(httpAnswer("401 Unauthorized"_ba, R"({"error_message":")"_ba + message + R"("})"_ba));
    });
    RetellClient echoed(m_http.get(), QUrl(u"http://127.0.0.1:%1"_s.arg(echo.serverPort())), ApiKey, 4000ms);

    const RegisterResult result = run(echoed.registerPhoneCall(sampleRequest()));

    verifyFailure(result, u"Invalid API key: Bearer [redacted]"_s);
}

// The task carries everything it needs, so a client dropped mid-call does not take the call down.
void TestRetellClient::outlivesTheClient()
{
    m_fake->setMode(FakeRetellServer::Mode::Slow);
    m_fake->setDelay(100ms);
    auto shortLived = std::make_unique<RetellClient>(client());
    QCoro::Task<RegisterResult> task = shortLived->registerPhoneCall(sampleRequest());
    shortLived.reset();

    const RegisterResult result = run(std::move(task));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->callId, m_fake->lastCallId());
}

void TestRetellClient::fetchesTheAgentName()
{
    m_fake->addAgent(u"agent_4f2a9c"_s, u"Bright Smile receptionist"_s);
    const Result<QString> result = runAgent(client().fetchAgent(u"agent_4f2a9c"_s));
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(*result, u"Bright Smile receptionist"_s);
    QCOMPARE(m_fake->agentRequests(), QStringList { u"/get-agent/agent_4f2a9c"_s });
    QCOMPARE(m_fake->requestCount(), 0); // nothing was registered
}

void TestRetellClient::unknownAgentIsNamed()
{
    m_fake->addAgent(u"agent_4f2a9c"_s, u"Bright Smile receptionist"_s);
    const Result<QString> result = runAgent(client().fetchAgent(u"agent_typo"_s));
    QVERIFY(!result.ok());
    QCOMPARE(result.error(),
        u"Retell has no voice agent \"agent_typo\" on the account of this API key (HTTP 404: Not Found)."_s);
}

void TestRetellClient::agentWithWrongKeyIsRefused()
{
    m_fake->addAgent(u"agent_4f2a9c"_s, u"Bright Smile receptionist"_s);
    m_fake->setExpectedApiKey("key_the_right_one_0000000000000000"_ba);
    const Result<QString> result = runAgent(client().fetchAgent(u"agent_4f2a9c"_s));
    QVERIFY(!result.ok());
    QVERIFY2(
        result.error().startsWith(u"Retell refused the API key (HTTP 401"_s), qPrintable(result.error()));
    QVERIFY2(!result.error().contains(ApiKeyText), qPrintable(result.error()));
}

void TestRetellClient::agentIdCannotLeaveTheAgentPath()
{
    const QString escaping = u"../v2/register-phone-call?x=1"_s;
    QCOMPARE(client().agentUrl(escaping).path(QUrl::FullyEncoded),
        u"/get-agent/..%2Fv2%2Fregister-phone-call%3Fx%3D1"_s);
    const Result<QString> result = runAgent(client().fetchAgent(escaping));
    QVERIFY(!result.ok());
    QCOMPARE(m_fake->requestCount(), 0);
    const RetellClient prefixed(m_http.get(), QUrl(u"https://retell.example.com/api/"_s), ApiKey, 4000ms);
    QCOMPARE(prefixed.agentUrl(u"agent_1"_s), QUrl(u"https://retell.example.com/api/get-agent/agent_1"_s));
}

QTEST_GUILESS_MAIN(TestRetellClient)
#include "tst_retellclient.moc"
