// Tests that FakeRetellServer behaves like Retell's register endpoint and holds up on its own thread.
#include "fakeretellserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSet>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <memory>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

const QByteArray ApiKey = "key_0a1b2c3d4e5f60718293a4b5c6d7e8f9"_ba;

QByteArray registrationBody()
{
    const QJsonObject body {
        { u"agent_id"_s, u"agent_4f2a9c"_s },
        { u"direction"_s, u"inbound"_s },
        { u"from_number"_s, u"+14155550123"_s },
        { u"to_number"_s, u"+14155550199"_s },
        { u"metadata"_s, QJsonObject { { u"twilio_call_sid"_s, u"CA0123456789abcdef0123456789abcdef"_s } } },
        { u"retell_llm_dynamic_variables"_s, QJsonObject { { u"customer_name"_s, u"Zoë"_s } } },
    };
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

int statusOf(const QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

class TestFakeRetellServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void echoesRegisteredCall();
    void answersUnknownRoutesWith404_data();
    void answersUnknownRoutesWith404();
    void refusesOtherApiKeysWith401_data();
    void refusesOtherApiKeysWith401();
    void requiresAgentId();
    void handsOutUniqueCallIds();
    void answersSlowRequestsAfterDelay();
    void forgetsHangingRequestWhenClientGivesUp();
    void survivesDestructionWithHangingRequests();
    void servesFromItsOwnThread();

private:
    QNetworkReply *post(
        const QUrl &base, const QByteArray &path, const QByteArray &body, const QByteArray &key = ApiKey);

    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FakeRetellServer> m_fake;
};

void TestFakeRetellServer::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    m_fake = std::make_unique<FakeRetellServer>();
    QVERIFY(m_fake->listen());
    m_fake->setExpectedApiKey(ApiKey);
}

void TestFakeRetellServer::cleanup()
{
    m_fake.reset();
    m_network.reset();
}

QNetworkReply *TestFakeRetellServer::post(
    const QUrl &base, const QByteArray &path, const QByteArray &body, const QByteArray &key)
{
    QUrl url = base;
    url.setPath(QString::fromLatin1(path));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    if (!key.isEmpty())
        request.setRawHeader("Authorization"_ba, "Bearer "_ba + key);
    QNetworkReply *reply = m_network->post(request, body);
    reply->setParent(this);
    return reply;
}

void TestFakeRetellServer::echoesRegisteredCall()
{
    std::unique_ptr<QNetworkReply> reply(
        post(m_fake->baseUrl(), "/v2/register-phone-call"_ba, registrationBody()));
    QTRY_VERIFY(reply->isFinished());

    QCOMPARE(statusOf(reply.get()), 201);
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(), u"application/json"_s);
    const QJsonObject call = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(call.value(u"call_id"_s).toString(), m_fake->lastCallId());
    QCOMPARE(call.value(u"call_type"_s).toString(), u"phone_call"_s);
    QCOMPARE(call.value(u"call_status"_s).toString(), u"registered"_s);
    QCOMPARE(call.value(u"agent_id"_s).toString(), u"agent_4f2a9c"_s);
    QCOMPARE(call.value(u"direction"_s).toString(), u"inbound"_s);
    QCOMPARE(call.value(u"from_number"_s).toString(), u"+14155550123"_s);
    QCOMPARE(call.value(u"to_number"_s).toString(), u"+14155550199"_s);
    QCOMPARE(call.value(u"metadata"_s).toObject().value(u"twilio_call_sid"_s).toString(),
        u"CA0123456789abcdef0123456789abcdef"_s);
    QCOMPARE(call.value(u"retell_llm_dynamic_variables"_s).toObject().value(u"customer_name"_s).toString(),
        u"Zoë"_s);
    QCOMPARE(m_fake->requests(), QList<QJsonObject> { QJsonDocument::fromJson(registrationBody()).object() });
}

void TestFakeRetellServer::answersUnknownRoutesWith404_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("other path") << "POST"_ba
                                << "/v2/create-phone-call"_ba;
    QTest::newRow("prefix of the path") << "POST"_ba
                                        << "/v2/register-phone-call/extra"_ba;
    QTest::newRow("root") << "GET"_ba
                          << "/"_ba;
    QTest::newRow("GET on the endpoint") << "GET"_ba
                                         << "/v2/register-phone-call"_ba;
}

void TestFakeRetellServer::answersUnknownRoutesWith404()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QUrl url = m_fake->baseUrl();
    url.setPath(QString::fromLatin1(path));

    std::unique_ptr<QNetworkReply> reply(m_network->sendCustomRequest(
        QNetworkRequest(url), method, method == "POST" ? registrationBody() : QByteArray()));
    QTRY_VERIFY(reply->isFinished());

    QCOMPARE(statusOf(reply.get()), 404);
    QCOMPARE(m_fake->requestCount(), 0);
}

void TestFakeRetellServer::refusesOtherApiKeysWith401_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::newRow("other key") << "key_someone_else"_ba;
    QTest::newRow("no Authorization header") << QByteArray();
}

void TestFakeRetellServer::refusesOtherApiKeysWith401()
{
    QFETCH(QByteArray, key);
    std::unique_ptr<QNetworkReply> reply(
        post(m_fake->baseUrl(), "/v2/register-phone-call"_ba, registrationBody(), key));
    QTRY_VERIFY(reply->isFinished());

    QCOMPARE(statusOf(reply.get()), 401);
    QVERIFY(
        !QJsonDocument::fromJson(reply->readAll()).object().value(u"error_message"_s).toString().isEmpty());
    QCOMPARE(m_fake->requestCount(), 1);
    QCOMPARE(m_fake->authorizationHeaders(),
        QList<QByteArray> { key.isEmpty() ? QByteArray() : "Bearer "_ba + key });
}

void TestFakeRetellServer::requiresAgentId()
{
    std::unique_ptr<QNetworkReply> reply(post(m_fake->baseUrl(), "/v2/register-phone-call"_ba, "{}"_ba));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(statusOf(reply.get()), 400);
}

void TestFakeRetellServer::handsOutUniqueCallIds()
{
    QSet<QString> callIds;
    for (int i = 0; i < 20; ++i) {
        std::unique_ptr<QNetworkReply> reply(
            post(m_fake->baseUrl(), "/v2/register-phone-call"_ba, registrationBody()));
        QTRY_VERIFY(reply->isFinished());
        const QString callId
            = QJsonDocument::fromJson(reply->readAll()).object().value(u"call_id"_s).toString();
        QCOMPARE(callId, m_fake->lastCallId());
        callIds.insert(callId);
    }
    QCOMPARE(callIds.size(), 20);
}

void TestFakeRetellServer::answersSlowRequestsAfterDelay()
{
    m_fake->setMode(FakeRetellServer::Mode::Slow);
    m_fake->setDelay(200ms);
    QElapsedTimer elapsed;
    elapsed.start();

    std::unique_ptr<QNetworkReply> reply(
        post(m_fake->baseUrl(), "/v2/register-phone-call"_ba, registrationBody()));
    QTRY_VERIFY(reply->isFinished());

    QVERIFY(elapsed.elapsed() >= 190);
    QCOMPARE(statusOf(reply.get()), 201);
}

// A benchmark leaving thousands of hung requests behind must not pile up sockets in the fake.
void TestFakeRetellServer::forgetsHangingRequestWhenClientGivesUp()
{
    m_fake->setMode(FakeRetellServer::Mode::Hang);
    std::unique_ptr<QNetworkReply> reply(
        post(m_fake->baseUrl(), "/v2/register-phone-call"_ba, registrationBody()));
    QTRY_COMPARE(m_fake->requestCount(), 1);
    QCOMPARE(m_fake->findChildren<QTcpSocket *>().size(), 1);

    reply->abort();

    QTRY_VERIFY(m_fake->findChildren<QTcpSocket *>().isEmpty());
}

void TestFakeRetellServer::survivesDestructionWithHangingRequests()
{
    m_fake->setMode(FakeRetellServer::Mode::Hang);
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < 3; ++i)
        replies.emplace_back(post(m_fake->baseUrl(), "/v2/register-phone-call"_ba, registrationBody()));
    QTRY_COMPARE(m_fake->requestCount(), 3);

    m_fake.reset();

    for (const auto &reply : replies) {
        QTRY_VERIFY(reply->isFinished());
        QVERIFY(reply->error() != QNetworkReply::NoError);
    }
}

// How the benchmark uses it: the fake on its own thread, configured and read from the main thread,
// many requests over keep-alive connections, and shut down with answers still pending.
void TestFakeRetellServer::servesFromItsOwnThread()
{
    m_fake.reset();
    QThread thread;
    QPointer<FakeRetellServer> fake = new FakeRetellServer;
    fake->moveToThread(&thread);
    connect(&thread, &QThread::finished, fake.data(), &QObject::deleteLater);
    thread.start();
    QVERIFY(fake->listen());
    fake->setExpectedApiKey(ApiKey);

    constexpr int Requests = 600;
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < Requests; ++i)
        replies.emplace_back(post(fake->baseUrl(), "/v2/register-phone-call"_ba, registrationBody()));
    QSet<QString> callIds;
    for (const auto &reply : replies) {
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(statusOf(reply.get()), 201);
        callIds.insert(QJsonDocument::fromJson(reply->readAll()).object().value(u"call_id"_s).toString());
    }
    QCOMPARE(callIds.size(), Requests);
    QCOMPARE(fake->requestCount(), Requests);
    QCOMPARE(fake->requests().size(), Requests);

    fake->setMode(FakeRetellServer::Mode::Slow);
    fake->setDelay(10s);
    std::unique_ptr<QNetworkReply> pending(
        post(fake->baseUrl(), "/v2/register-phone-call"_ba, registrationBody()));
    QTRY_COMPARE(fake->requestCount(), Requests + 1);

    thread.quit();
    QVERIFY(thread.wait(5000));
    QVERIFY(fake.isNull());
    QTRY_VERIFY(pending->isFinished());
}

QTEST_GUILESS_MAIN(TestFakeRetellServer)
#include "tst_fakeretellserver.moc"
