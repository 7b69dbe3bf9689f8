// Tests TwilioRestClient with a real QNetworkAccessManager against FakeTwilioRest over loopback.
#include "faketwiliorest.h"
#include "twilio/twiliorestclient.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTest>
#include <QUrlQuery>

#include <QCoroTask>

#include <memory>
#include <optional>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

const QString AccountSid = u"AC0123456789abcdef0123456789abcdef"_s;
const QByteArray AuthToken = "tok9f8e7d6c5b4a39281706f5e4d3c2b1a0"_ba;
const QString KeySid = u"SKfedcba9876543210fedcba9876543210"_s;
const QByteArray KeySecret = "sec_4b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e"_ba;

template<typename T>
QCoro::Task<> storeResult(QCoro::Task<Result<T>> task, std::optional<Result<T>> &result)
{
    result.emplace(co_await std::move(task));
}

// QCoro::waitFor() default-constructs its result, which Result<T> deliberately cannot be.
template<typename T>
Result<T> run(QCoro::Task<Result<T>> task)
{
    std::optional<Result<T>> result;
    QCoro::waitFor(storeResult(std::move(task), result));
    return std::move(*result);
}

// The secret must not show in any form: as it is, or inside the Basic credentials.
template<typename T>
void verifyFailureWithoutSecret(const Result<T> &result, const QByteArray &secret, const QString &authSid)
{
    QVERIFY(!result.ok());
    QVERIFY2(result.error().endsWith(u'.'), qPrintable(result.error()));
    QVERIFY2(!result.error().contains(QString::fromLatin1(secret)), qPrintable(result.error()));
    const QByteArray basic = QByteArray(authSid.toUtf8() + ':' + secret).toBase64();
    QVERIFY2(!result.error().contains(QString::fromLatin1(basic)), qPrintable(result.error()));
}

} // namespace

class TestTwilioRestClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void listsNumbersOverThreePages();
    void listsAnAccountWithoutNumbers();
    void updateSendsTheWebhookFields();
    void updateSendsTheVoiceFallbackUrlOnlyWhenSet();
    void updateOfAnUnknownNumberSaysSo();
    void fetchesTheAccountName();
    void suspendedAccountIsAnError();
    void wrongTokenIsRefusedWithoutShowingIt();
    void serverErrorQuotesTwilio();
    void apiKeyAuthenticatesForTheAccount();
    void timesOutWhenTwilioHangs();
    void failsWhenConnectionIsRefused();
    void refusesIncompleteConfiguration_data();
    void refusesIncompleteConfiguration();
    void outlivesTheClient();

private:
    TwilioRestClient client(std::chrono::milliseconds timeout = 4000ms) const;

    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FakeTwilioRest> m_fake;
};

void TestTwilioRestClient::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    m_fake = std::make_unique<FakeTwilioRest>(AccountSid, AuthToken);
    QVERIFY(m_fake->listen());
}

void TestTwilioRestClient::cleanup()
{
    m_fake.reset();
    m_network.reset();
}

TwilioRestClient TestTwilioRestClient::client(std::chrono::milliseconds timeout) const
{
    return TwilioRestClient(m_network.get(), m_fake->baseUrl(), AccountSid, AccountSid, AuthToken, timeout);
}

void TestTwilioRestClient::listsNumbersOverThreePages()
{
    QStringList sids;
    for (int i = 0; i < 7; ++i)
        sids.append(m_fake->addNumber(u"+1555765432%1"_s.arg(i), u"Line %1"_s.arg(i)));
    m_fake->setNumberField(sids.at(2), u"voice_url"_s, u"https://old.example.com/voice"_s);
    m_fake->setNumberField(sids.at(5), u"trunk_sid"_s, u"TK0123456789abcdef0123456789abcdef"_s);
    m_fake->setMaxPageSize(3);

    const Result<QList<IncomingNumber>> result = run(client().listIncomingNumbers());

    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->size(), 7);
    for (int i = 0; i < 7; ++i) {
        QCOMPARE(result->at(i).sid, sids.at(i));
        QCOMPARE(result->at(i).phoneNumber, u"+1555765432%1"_s.arg(i));
        QCOMPARE(result->at(i).friendlyName, u"Line %1"_s.arg(i));
    }
    QCOMPARE(result->at(2).voiceUrl, u"https://old.example.com/voice"_s);
    QCOMPARE(result->at(2).voiceMethod, u"POST"_s);
    QCOMPARE(result->at(5).trunkSid, u"TK0123456789abcdef0123456789abcdef"_s);
    QVERIFY(result->at(0).voiceApplicationSid.isEmpty()); // null in Twilio's JSON

    const QList<FakeTwilioRest::Request> requests = m_fake->requests();
    QCOMPARE(requests.size(), 3);
    const QString listPath = u"/2010-04-01/Accounts/%1/IncomingPhoneNumbers.json"_s.arg(AccountSid);
    QCOMPARE(requests.at(0).pathAndQuery, listPath + u"?PageSize=50"_s);
    // Each following page is exactly the next_page_uri Twilio gave, cursor included.
    for (int page = 1; page < 3; ++page) {
        QCOMPARE(requests.at(page).method, "GET"_ba);
        const QUrlQuery query(QUrl(requests.at(page).pathAndQuery));
        QCOMPARE(query.queryItemValue(u"Page"_s), QString::number(page));
        QCOMPARE(query.queryItemValue(u"PageToken"_s), u"PA"_s + sids.at(page * 3 - 1));
    }
    for (const FakeTwilioRest::Request &request : requests)
        QCOMPARE(request.authorization,
            "Basic "_ba + QByteArray(AccountSid.toLatin1() + ':' + AuthToken).toBase64());
}

void TestTwilioRestClient::listsAnAccountWithoutNumbers()
{
    const Result<QList<IncomingNumber>> result = run(client().listIncomingNumbers());
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QVERIFY(result->isEmpty());
    QCOMPARE(m_fake->requests().size(), 1);
}

void TestTwilioRestClient::updateSendsTheWebhookFields()
{
    const QString sid
        = m_fake->addNumber(u"+15557654321"_s, u"Front desk"_s, u"https://old.example.com/voice"_s);
    const NumberWebhooks webhooks {
        QUrl(u"https://desk.example.com/twilio/voice/tok_A-1"_s),
        QUrl(),
        QUrl(u"https://desk.example.com/twilio/status/tok_A-1"_s),
    };

    const Result<IncomingNumber> result = run(client().updateNumber(sid, webhooks));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->sid, sid);
    QCOMPARE(result->phoneNumber, u"+15557654321"_s);
    QCOMPARE(result->voiceUrl, u"https://desk.example.com/twilio/voice/tok_A-1"_s);
    QCOMPARE(result->statusCallback, u"https://desk.example.com/twilio/status/tok_A-1"_s);

    const QList<FakeTwilioRest::Update> updates = m_fake->updates();
    QCOMPARE(updates.size(), 1);
    QCOMPARE(updates.at(0).numberSid, sid);
    const FakeTwilioRest::FormFields expected {
        { u"VoiceUrl"_s, u"https://desk.example.com/twilio/voice/tok_A-1"_s },
        { u"VoiceMethod"_s, u"POST"_s },
        { u"StatusCallback"_s, u"https://desk.example.com/twilio/status/tok_A-1"_s },
        { u"StatusCallbackMethod"_s, u"POST"_s },
    };
    QCOMPARE(updates.at(0).fields, expected);
    QCOMPARE(m_fake->requests().at(0).pathAndQuery,
        u"/2010-04-01/Accounts/%1/IncomingPhoneNumbers/%2.json"_s.arg(AccountSid, sid));
}

void TestTwilioRestClient::updateSendsTheVoiceFallbackUrlOnlyWhenSet()
{
    const QString sid = m_fake->addNumber(u"+15557654321"_s, u"Front desk"_s);
    const NumberWebhooks webhooks {
        QUrl(u"https://desk.example.com/twilio/voice/t"_s),
        QUrl(u"https://handler.example.org/forward?to=%2B15550009999"_s),
        QUrl(u"https://desk.example.com/twilio/status/t"_s),
    };
    const Result<IncomingNumber> result = run(client().updateNumber(sid, webhooks));
    QVERIFY2(result.ok(), qPrintable(result.error()));
    const FakeTwilioRest::Update update = m_fake->updates().constFirst();
    // The query survives the form encoding: %2B stays a plus, not a space.
    QCOMPARE(update.value(u"VoiceFallbackUrl"_s), u"https://handler.example.org/forward?to=%2B15550009999"_s);
    QCOMPARE(update.value(u"VoiceFallbackMethod"_s), u"POST"_s);
    QCOMPARE(result->voiceFallbackUrl, u"https://handler.example.org/forward?to=%2B15550009999"_s);
}

void TestTwilioRestClient::updateOfAnUnknownNumberSaysSo()
{
    const NumberWebhooks webhooks { QUrl(u"https://d.example.com/v"_s), {},
        QUrl(u"https://d.example.com/s"_s) };
    const Result<IncomingNumber> result
        = run(client().updateNumber(u"PN00000000000000000000000000000000"_s, webhooks));
    QVERIFY(!result.ok());
    QVERIFY2(result.error().startsWith(
                 u"Twilio does not know the number PN00000000000000000000000000000000 (20404)"_s),
        qPrintable(result.error()));

    // A SID that would change the path is never sent.
    const Result<IncomingNumber> unsafe = run(client().updateNumber(u"../Calls/CA1"_s, webhooks));
    QVERIFY(!unsafe.ok());
    QCOMPARE(m_fake->requests().size(), 1);
}

void TestTwilioRestClient::fetchesTheAccountName()
{
    m_fake->setAccountName(u"Bright Smile Dental"_s);
    const Result<QString> result = run(client().fetchAccountName());
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(*result, u"Bright Smile Dental"_s);
    QCOMPARE(m_fake->requests().at(0).pathAndQuery, u"/2010-04-01/Accounts/%1.json"_s.arg(AccountSid));
}

void TestTwilioRestClient::suspendedAccountIsAnError()
{
    m_fake->setAccountStatus(u"suspended"_s);
    const Result<QString> result = run(client().fetchAccountName());
    QVERIFY(!result.ok());
    QCOMPARE(result.error(), u"Twilio says the account \"Bright Smile Dental\" is suspended."_s);
}

void TestTwilioRestClient::wrongTokenIsRefusedWithoutShowingIt()
{
    const QByteArray wrong = "wrong0000000000000000000000000000"_ba;
    const TwilioRestClient refused(m_network.get(), m_fake->baseUrl(), AccountSid, AccountSid, wrong, 4000ms);

    const Result<QString> account = run(refused.fetchAccountName());
    verifyFailureWithoutSecret(account, wrong, AccountSid);
    QCOMPARE(account.error(), u"Twilio refused the credentials (20003): Authenticate."_s);

    const Result<QList<IncomingNumber>> numbers = run(refused.listIncomingNumbers());
    verifyFailureWithoutSecret(numbers, wrong, AccountSid);
    QCOMPARE(numbers.error(), u"Twilio refused the credentials (20003): Authenticate."_s);
}

void TestTwilioRestClient::serverErrorQuotesTwilio()
{
    m_fake->failEverything(500, 20500, u"Internal Server Error."_s);
    const Result<QList<IncomingNumber>> result = run(client().listIncomingNumbers());
    QVERIFY(!result.ok());
    QCOMPARE(result.error(), u"Twilio answered HTTP 500 (20500): Internal Server Error."_s);
}

void TestTwilioRestClient::apiKeyAuthenticatesForTheAccount()
{
    m_fake->addApiKey(KeySid, KeySecret);
    m_fake->addNumber(u"+15557654321"_s, u"Front desk"_s);
    QVERIFY(TwilioRestClient::isApiKeySid(KeySid));
    QVERIFY(!TwilioRestClient::isApiKeySid(AccountSid));
    const TwilioRestClient withKey(m_network.get(), m_fake->baseUrl(), AccountSid, KeySid, KeySecret, 4000ms);

    const Result<QString> account = run(withKey.fetchAccountName());
    QVERIFY2(account.ok(), qPrintable(account.error()));
    const Result<QList<IncomingNumber>> numbers = run(withKey.listIncomingNumbers());
    QVERIFY2(numbers.ok(), qPrintable(numbers.error()));
    QCOMPARE(numbers->size(), 1);

    for (const FakeTwilioRest::Request &request : m_fake->requests()) {
        QCOMPARE(
            request.authorization, "Basic "_ba + QByteArray(KeySid.toLatin1() + ':' + KeySecret).toBase64());
        // The key authenticates; the account is still the one in the path.
        QVERIFY(request.pathAndQuery.startsWith(u"/2010-04-01/Accounts/"_s + AccountSid));
    }

    const TwilioRestClient wrongSecret(
        m_network.get(), m_fake->baseUrl(), AccountSid, KeySid, AuthToken, 4000ms);
    const Result<QString> refused = run(wrongSecret.fetchAccountName());
    verifyFailureWithoutSecret(refused, AuthToken, KeySid);
    QVERIFY2(refused.error().contains(u"20003"_s), qPrintable(refused.error()));
}

void TestTwilioRestClient::timesOutWhenTwilioHangs()
{
    m_fake->setHanging(true);
    QElapsedTimer elapsed;
    elapsed.start();
    const Result<QString> result = run(client(300ms).fetchAccountName());
    const qint64 took = elapsed.elapsed();
    QVERIFY(!result.ok());
    QCOMPARE(result.error(), u"Twilio did not answer within 300 ms."_s);
    QVERIFY2(took >= 290 && took < 2000, qPrintable(QString::number(took)));
}

void TestTwilioRestClient::failsWhenConnectionIsRefused()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    const TwilioRestClient unreachable(
        m_network.get(), QUrl(u"http://127.0.0.1:%1"_s.arg(port)), AccountSid, AccountSid, AuthToken, 4000ms);
    const Result<QString> result = run(unreachable.fetchAccountName());
    verifyFailureWithoutSecret(result, AuthToken, AccountSid);
    QVERIFY2(result.error().contains(u"refused"_s), qPrintable(result.error()));
    QVERIFY2(result.error().contains(u"127.0.0.1:%1"_s.arg(port)), qPrintable(result.error()));
}

void TestTwilioRestClient::refusesIncompleteConfiguration_data()
{
    QTest::addColumn<QString>("apiBase");
    QTest::addColumn<QString>("accountSid");
    QTest::addColumn<QString>("authSid");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QString>("expectedPart");

    const QString base = u"http://127.0.0.1:1"_s;
    QTest::newRow("no account") << base << QString() << AccountSid << AuthToken << u"account SID"_s;
    QTest::newRow("account sid with a slash")
        << base << u"AC0123/../../Calls"_s << AccountSid << AuthToken << u"account SID"_s;
    QTest::newRow("no auth token") << base << AccountSid << AccountSid << QByteArray() << u"auth token"_s;
    QTest::newRow("no api key secret") << base << AccountSid << KeySid << QByteArray() << u"API key secret"_s;
    QTest::newRow("token with a line break")
        << base << AccountSid << AccountSid << "tok\r\nX-Evil: 1"_ba << u"auth token"_s;
    QTest::newRow("not a url") << u"api.twilio.com"_s << AccountSid << AccountSid << AuthToken << u"URL"_s;
}

void TestTwilioRestClient::refusesIncompleteConfiguration()
{
    QFETCH(QString, apiBase);
    QFETCH(QString, accountSid);
    QFETCH(QString, authSid);
    QFETCH(QByteArray, secret);
    QFETCH(QString, expectedPart);
    const TwilioRestClient incomplete(m_network.get(), QUrl(apiBase), accountSid, authSid, secret, 4000ms);
    const Result<QString> result = run(incomplete.fetchAccountName());
    QVERIFY(!result.ok());
    QVERIFY2(result.error().contains(expectedPart), qPrintable(result.error()));
    if (!secret.isEmpty())
        QVERIFY2(!result.error().contains(QString::fromLatin1(secret)), qPrintable(result.error()));
}

void TestTwilioRestClient::outlivesTheClient()
{
    m_fake->addNumber(u"+15557654321"_s, u"Front desk"_s);
    QCoro::Task<Result<QList<IncomingNumber>>> task = [this] {
        const TwilioRestClient shortLived = client();
        return shortLived.listIncomingNumbers();
    }();
    const Result<QList<IncomingNumber>> result = run(std::move(task));
    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->size(), 1);
}

QTEST_GUILESS_MAIN(TestTwilioRestClient)
#include "tst_twiliorestclient.moc"
