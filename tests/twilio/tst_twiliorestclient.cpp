// Tests TwilioRestClient with a real QNetworkAccessManager against FakeTwilioRest over loopback.
#include "faketwiliorest.h"
#include "twilio/twiliorestclient.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSignalSpy>
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
const QString LiveCallSid = u"CA00112233445566778899aabbccddeeff"_s;
const QString FrontDesk = u"+15557654321"_s;
const QString Caller = u"+15551230002"_s;
// A transfer as the router writes it: a <Dial> whose number and callback carry characters a form must
// escape ('+', '&', '=').
const QString TransferTwiml
    = u"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Dial timeout=\"20\" "
      u"action=\"https://desk.example.com/"
      u"twilio/dial?token=a%2Bb&amp;step=2\"><Number>+15550009999</Number></Dial></Response>"_s;

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

    void redirectsALiveCall();
    void givesALiveCallNewTwiml();
    void hangsUpALiveCall();
    void anEndedCallCannotBeChanged();
    void anUnknownCallIsNotChanged();
    void placesACallThatReportsEachStep();
    void placesACallWithTwimlAndTwiliosRingTime();
    void placingFromAnotherNumberIsRefusedInPlainWords();
    void wordsTwiliosRefusalsForAReceptionist_data();
    void wordsTwiliosRefusalsForAReceptionist();
    void callControlFailsPlainlyWhenTwilioIsAway();
    void refusesBadCallRequestsBeforeSending_data();
    void refusesBadCallRequestsBeforeSending();
    void refusesBadNewCallsBeforeSending();
    void theFakeRefusesWhatTwilioRefuses_data();
    void theFakeRefusesWhatTwilioRefuses();

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

void TestTwilioRestClient::redirectsALiveCall()
{
    m_fake->addCall(LiveCallSid, u"in-progress"_s, -1, {}, Caller, FrontDesk);
    const QUrl menu(u"https://desk.example.com/twilio/voice/tok_A-1?step=menu&to=%2B15550009999"_s);

    const Result<TwilioCall> result = run(client().redirectCall(LiveCallSid, menu));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->sid, LiveCallSid);
    QCOMPARE(result->status, u"in-progress"_s);
    QCOMPARE(m_fake->requests().size(), 1);
    const FakeTwilioRest::Request request = m_fake->requests().constFirst();
    QCOMPARE(request.method, "POST"_ba);
    QCOMPARE(request.pathAndQuery, u"/2010-04-01/Accounts/%1/Calls/%2.json"_s.arg(AccountSid, LiveCallSid));
    QCOMPARE(
        request.authorization, "Basic "_ba + QByteArray(AccountSid.toLatin1() + ':' + AuthToken).toBase64());
    // The query survives the form: %2B stays a plus.
    const FakeTwilioRest::FormFields expected { { u"Url"_s, menu.toString(QUrl::FullyEncoded) },
        { u"Method"_s, u"POST"_s } };
    QCOMPARE(request.fields, expected);
    QCOMPARE(m_fake->call(LiveCallSid).value(u"status"_s).toString(), u"in-progress"_s);
}

void TestTwilioRestClient::givesALiveCallNewTwiml()
{
    m_fake->addCall(LiveCallSid, u"in-progress"_s, -1, {}, Caller, FrontDesk);

    const Result<TwilioCall> result = run(client().updateCallTwiml(LiveCallSid, TransferTwiml));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->status, u"in-progress"_s);
    const FakeTwilioRest::Request request = m_fake->requests().constFirst();
    QCOMPARE(request.pathAndQuery, u"/2010-04-01/Accounts/%1/Calls/%2.json"_s.arg(AccountSid, LiveCallSid));
    // Exactly the document, character for character.
    const FakeTwilioRest::FormFields expected { { u"Twiml"_s, TransferTwiml } };
    QCOMPARE(request.fields, expected);
}

void TestTwilioRestClient::hangsUpALiveCall()
{
    m_fake->addCall(LiveCallSid, u"in-progress"_s, -1, {}, Caller, FrontDesk);

    const Result<TwilioCall> result = run(client().hangUpCall(LiveCallSid));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(result->status, u"completed"_s);
    QVERIFY(result->hasEnded());
    QVERIFY(result->endTime.isValid());
    const FakeTwilioRest::FormFields expected { { u"Status"_s, u"completed"_s } };
    QCOMPARE(m_fake->requests().constFirst().fields, expected);
    QCOMPARE(m_fake->call(LiveCallSid).value(u"status"_s).toString(), u"completed"_s);
}

void TestTwilioRestClient::anEndedCallCannotBeChanged()
{
    m_fake->addCall(LiveCallSid, u"in-progress"_s, -1, {}, Caller, FrontDesk);
    m_fake->endCall(LiveCallSid);

    const QList<Result<TwilioCall>> results {
        run(client().redirectCall(LiveCallSid, QUrl(u"https://desk.example.com/twilio/voice/t"_s))),
        run(client().updateCallTwiml(LiveCallSid, TransferTwiml)),
        run(client().hangUpCall(LiveCallSid)),
    };
    for (const Result<TwilioCall> &result : results) {
        QVERIFY(!result.ok());
        QCOMPARE(result.error(), u"The call has already ended."_s);
        QVERIFY(!result.unreachable());
    }
    // Twilio was asked each time: it is Twilio that knows the call ended.
    QCOMPARE(m_fake->requests().size(), 3);
}

void TestTwilioRestClient::anUnknownCallIsNotChanged()
{
    m_fake->addCall(LiveCallSid, u"in-progress"_s, -1, {}, Caller, FrontDesk);
    m_fake->forgetCall(LiveCallSid);
    const Result<TwilioCall> redirected
        = run(client().redirectCall(LiveCallSid, QUrl(u"https://desk.example.com/twilio/voice/t"_s)));
    QVERIFY(!redirected.ok());
    QCOMPARE(redirected.error(), u"Twilio does not know this call."_s);
    const Result<TwilioCall> hungUp = run(client().hangUpCall(u"CA%1"_s.arg(QString(32, u'f'))));
    QCOMPARE(hungUp.error(), u"Twilio does not know this call."_s);
}

void TestTwilioRestClient::placesACallThatReportsEachStep()
{
    m_fake->addNumber(FrontDesk, u"Front desk"_s);
    OutboundCall outbound;
    outbound.to = Caller;
    outbound.from = FrontDesk;
    outbound.url = QUrl(u"https://desk.example.com/twilio/voice/tok?step=call_back&seat=Front%20desk"_s);
    outbound.statusCallback = QUrl(u"https://desk.example.com/twilio/status/tok"_s);
    outbound.timeoutSeconds = 25;

    const Result<TwilioCall> result = run(client().createCall(outbound));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    QVERIFY2(
        QRegularExpression(u"^CA[0-9a-f]{32}$"_s).match(result->sid).hasMatch(), qPrintable(result->sid));
    QCOMPARE(result->status, u"queued"_s);
    const QJsonObject placed = m_fake->call(result->sid);
    QCOMPARE(placed.value(u"to"_s).toString(), Caller);
    QCOMPARE(placed.value(u"from"_s).toString(), FrontDesk);
    QCOMPARE(placed.value(u"direction"_s).toString(), u"outbound-api"_s);

    QCOMPARE(m_fake->requests().size(), 1);
    const FakeTwilioRest::Request request = m_fake->requests().constFirst();
    QCOMPARE(request.method, "POST"_ba);
    QCOMPARE(request.pathAndQuery, u"/2010-04-01/Accounts/%1/Calls.json"_s.arg(AccountSid));
    const FakeTwilioRest::FormFields expected {
        { u"To"_s, Caller },
        { u"From"_s, FrontDesk },
        { u"Url"_s, u"https://desk.example.com/twilio/voice/tok?step=call_back&seat=Front%20desk"_s },
        { u"Method"_s, u"POST"_s },
        { u"StatusCallback"_s, u"https://desk.example.com/twilio/status/tok"_s },
        { u"StatusCallbackMethod"_s, u"POST"_s },
        { u"StatusCallbackEvent"_s, u"initiated"_s },
        { u"StatusCallbackEvent"_s, u"ringing"_s },
        { u"StatusCallbackEvent"_s, u"answered"_s },
        { u"StatusCallbackEvent"_s, u"completed"_s },
        { u"Timeout"_s, u"25"_s },
    };
    QCOMPARE(request.fields, expected);
}

void TestTwilioRestClient::placesACallWithTwimlAndTwiliosRingTime()
{
    m_fake->addNumber(FrontDesk, u"Front desk"_s);
    OutboundCall outbound { Caller, FrontDesk, {}, TransferTwiml, QUrl(u"https://desk.example.com/s"_s), {} };

    const Result<TwilioCall> result = run(client().createCall(outbound));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    const FakeTwilioRest::Request request = m_fake->requests().constFirst();
    QCOMPARE(request.value(u"Twiml"_s), TransferTwiml);
    QVERIFY(request.values(u"Url"_s).isEmpty());
    QVERIFY(request.values(u"Method"_s).isEmpty());
    QVERIFY(request.values(u"Timeout"_s).isEmpty()); // Twilio's own 60 s
    QCOMPARE(request.values(u"StatusCallbackEvent"_s),
        (QStringList { u"initiated"_s, u"ringing"_s, u"answered"_s, u"completed"_s }));
}

void TestTwilioRestClient::placingFromAnotherNumberIsRefusedInPlainWords()
{
    // The fake refuses a caller ID that is not the account's, and a number that is none, as Twilio does.
    m_fake->addNumber(FrontDesk, u"Front desk"_s);
    OutboundCall outbound { Caller, u"+15550004444"_s, QUrl(u"https://desk.example.com/v"_s), {},
        QUrl(u"https://desk.example.com/s"_s), 30 };
    Result<TwilioCall> result = run(client().createCall(outbound));
    QVERIFY(!result.ok());
    QCOMPARE(result.error(),
        u"Twilio will not call from +15550004444: the caller ID must be one of the account's numbers or a "
        u"verified caller ID."_s);

    outbound.from = FrontDesk;
    outbound.to = u"5550001"_s;
    result = run(client().createCall(outbound));
    QVERIFY(!result.ok());
    QCOMPARE(result.error(),
        u"Twilio cannot call 5550001: it is not a valid phone number, or not one it can reach."_s);
}

void TestTwilioRestClient::wordsTwiliosRefusalsForAReceptionist_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("hangUp");
    QTest::addColumn<QString>("place");

    const QString ended = u"The call has already ended."_s;
    const QString cannotCall
        = u"Twilio cannot call +15551230002: it is not a valid phone number, or not one it can reach."_s;
    const QString cannotCallThat
        = u"Twilio cannot call that number: it is not a valid phone number, or not one it can reach."_s;
    const QString callerId
        = u"Twilio will not call from +15557654321: the caller ID must be one of the account's "
          u"numbers or a verified caller ID."_s;
    const QString callerIdThat
        = u"Twilio will not call from that number: the caller ID must be one of the account's "
          u"numbers or a verified caller ID."_s;
    QTest::newRow("21220 not in progress")
        << 400 << 21220 << u"Call is not in-progress. Cannot redirect."_s << ended << ended;
    QTest::newRow("20404 unknown call")
        << 404 << 20404 << u"The requested resource was not found"_s << u"Twilio does not know this call."_s
        << u"Twilio does not know the account %1 (20404): The requested resource was not found."_s.arg(
               AccountSid);
    for (const int code : { 21211, 21214, 13223, 13224 })
        QTest::addRow("%d the number to call", code)
            << 400 << code << u"Invalid 'To' Phone Number"_s << cannotCallThat << cannotCall;
    for (const int code : { 21210, 21212 })
        QTest::addRow("%d the caller id", code)
            << 400 << code << u"Invalid 'From' Phone Number"_s << callerIdThat << callerId;
    QTest::newRow("21215 geographic permissions")
        << 400 << 21215 << u"Account not authorized to call +15551230002"_s
        << u"The Twilio account is not allowed to call that number: its voice geographic permissions leave that country out."_s
        << u"The Twilio account is not allowed to call +15551230002: its voice geographic permissions leave that country out."_s;
    // The rest keep the wording set-up uses.
    QTest::newRow("429 too many requests")
        << 429 << 20429 << u"Too Many Requests"_s
        << u"Twilio is limiting requests right now; try again in a minute (20429): Too Many Requests."_s
        << u"Twilio is limiting requests right now; try again in a minute (20429): Too Many Requests."_s;
    QTest::newRow("500 Twilio's fault") << 500 << 20500 << u"Internal Server Error"_s
                                        << u"Twilio answered HTTP 500 (20500): Internal Server Error."_s
                                        << u"Twilio answered HTTP 500 (20500): Internal Server Error."_s;
}

void TestTwilioRestClient::wordsTwiliosRefusalsForAReceptionist()
{
    QFETCH(int, status);
    QFETCH(int, code);
    QFETCH(QString, message);
    QFETCH(QString, hangUp);
    QFETCH(QString, place);
    m_fake->addCall(LiveCallSid, u"in-progress"_s);
    m_fake->failEverything(status, code, message);

    const Result<TwilioCall> hungUp = run(client().hangUpCall(LiveCallSid));
    QVERIFY(!hungUp.ok());
    QCOMPARE(hungUp.error(), hangUp);

    const Result<TwilioCall> placed = run(client().createCall({ Caller, FrontDesk,
        QUrl(u"https://desk.example.com/v"_s), {}, QUrl(u"https://desk.example.com/s"_s), {} }));
    QVERIFY(!placed.ok());
    QCOMPARE(placed.error(), place);
}

void TestTwilioRestClient::callControlFailsPlainlyWhenTwilioIsAway()
{
    // Credentials Twilio refuses, no answer in time, nobody listening: the words set-up uses.
    const QByteArray wrong = "wrong0000000000000000000000000000"_ba;
    const TwilioRestClient refused(m_network.get(), m_fake->baseUrl(), AccountSid, AccountSid, wrong, 4000ms);
    const Result<TwilioCall> unauthorized = run(refused.hangUpCall(LiveCallSid));
    verifyFailureWithoutSecret(unauthorized, wrong, AccountSid);
    QCOMPARE(unauthorized.error(), u"Twilio refused the credentials (20003): Authenticate."_s);

    m_fake->setHanging(true);
    const Result<TwilioCall> late = run(client(300ms).hangUpCall(LiveCallSid));
    QCOMPARE(late.error(), u"Twilio did not answer within 300 ms."_s);
    QVERIFY(late.unreachable());

    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    const TwilioRestClient away(
        m_network.get(), QUrl(u"http://127.0.0.1:%1"_s.arg(port)), AccountSid, AccountSid, AuthToken, 4000ms);
    const Result<TwilioCall> unreachable = run(away.createCall({ Caller, FrontDesk,
        QUrl(u"https://desk.example.com/v"_s), {}, QUrl(u"https://desk.example.com/s"_s), {} }));
    QCOMPARE(unreachable.error(),
        u"Could not connect to Twilio at http://127.0.0.1:%1: the connection was refused."_s.arg(port));
    QVERIFY(unreachable.unreachable());
}

void TestTwilioRestClient::refusesBadCallRequestsBeforeSending_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("callSid");
    QTest::addColumn<QString>("text"); // the URL or the TwiML
    QTest::addColumn<QString>("expected");

    const QString notASid = u"\"%1\" is not a Twilio call SID."_s;
    QTest::newRow("a path for a SID")
        << u"hangup"_s << u"../Accounts/AC1"_s << QString() << notASid.arg(u"../Accounts/AC1"_s);
    QTest::newRow("a recording's SID") << u"hangup"_s << u"RE00112233445566778899aabbccddeeff"_s << QString()
                                       << notASid.arg(u"RE00112233445566778899aabbccddeeff"_s);
    QTest::newRow("a short SID") << u"redirect"_s << u"CA123"_s << u"https://d.example.com/v"_s
                                 << notASid.arg(u"CA123"_s);
    QTest::newRow("a relative URL")
        << u"redirect"_s << LiveCallSid << u"/twilio/voice"_s
        << u"The address the call should be sent to is not a valid http or https URL."_s;
    QTest::newRow("an ftp URL")
        << u"redirect"_s << LiveCallSid << u"ftp://d.example.com/v"_s
        << u"The address the call should be sent to is not a valid http or https URL."_s;
    const QString notTwiml = u"The instructions for the call are not a TwiML <Response> document."_s;
    QTest::newRow("no TwiML") << u"twiml"_s << LiveCallSid << QString() << notTwiml;
    QTest::newRow("TwiML cut short") << u"twiml"_s << LiveCallSid
                                     << u"<Response><Dial>+15550009999</Response>"_s << notTwiml;
    QTest::newRow("a verb without its Response") << u"twiml"_s << LiveCallSid << u"<Hangup/>"_s << notTwiml;
    QTest::newRow("plain words") << u"twiml"_s << LiveCallSid << u"hang up please"_s << notTwiml;
    QTest::newRow("TwiML too long")
        << u"twiml"_s << LiveCallSid << u"<Response><Say>%1</Say></Response>"_s.arg(QString(4000, u'a'))
        << u"The instructions for the call are longer than Twilio's limit of 4000 characters."_s;
}

void TestTwilioRestClient::refusesBadCallRequestsBeforeSending()
{
    QFETCH(QString, action);
    QFETCH(QString, callSid);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const Result<TwilioCall> result = action == u"hangup"_s ? run(client().hangUpCall(callSid))
        : action == u"redirect"_s                           ? run(client().redirectCall(callSid, QUrl(text)))
                                                            : run(client().updateCallTwiml(callSid, text));
    QVERIFY(!result.ok());
    QCOMPARE(result.error(), expected);
    QVERIFY(m_fake->requests().isEmpty());
}

void TestTwilioRestClient::refusesBadNewCallsBeforeSending()
{
    const OutboundCall good { Caller, FrontDesk, QUrl(u"https://d.example.com/v"_s), {},
        QUrl(u"https://d.example.com/s"_s), 20 };
    const QList<std::pair<OutboundCall, QString>> bad {
        { { QString(), FrontDesk, good.url, {}, good.statusCallback, {} }, u"There is no number to call."_s },
        { { Caller, u" "_s, good.url, {}, good.statusCallback, {} },
            u"There is no caller ID to call from."_s },
        { { Caller, FrontDesk, {}, {}, good.statusCallback, {} },
            u"A new call needs either the address of its instructions or the instructions themselves."_s },
        { { Caller, FrontDesk, good.url, TransferTwiml, good.statusCallback, {} },
            u"A new call needs either the address of its instructions or the instructions themselves."_s },
        { { Caller, FrontDesk, QUrl(u"d.example.com/v"_s), {}, good.statusCallback, {} },
            u"The address of the call's instructions is not a valid http or https URL."_s },
        { { Caller, FrontDesk, {}, u"<Say>Hello</Say>"_s, good.statusCallback, {} },
            u"The instructions for the call are not a TwiML <Response> document."_s },
        { { Caller, FrontDesk, good.url, {}, QUrl(), {} },
            u"The status callback URL of the call is not a valid http or https URL."_s },
        { { Caller, FrontDesk, good.url, {}, good.statusCallback, 0 },
            u"A call can ring from 1 to 600 seconds, not 0."_s },
        { { Caller, FrontDesk, good.url, {}, good.statusCallback, 601 },
            u"A call can ring from 1 to 600 seconds, not 601."_s },
    };
    for (const auto &[call, error] : bad) {
        const Result<TwilioCall> placed = run(client().createCall(call));
        QVERIFY(!placed.ok());
        QCOMPARE(placed.error(), error);
    }
    QVERIFY(m_fake->requests().isEmpty());
}

void TestTwilioRestClient::theFakeRefusesWhatTwilioRefuses_data()
{
    QTest::addColumn<QString>("path"); // under the account
    QTest::addColumn<QByteArray>("form");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code");

    const QString update = u"/Calls/%1.json"_s.arg(LiveCallSid);
    const QString create = u"/Calls.json"_s;
    const QByteArray place
        = "To=%2B15551230002&From=%2B15557654321&StatusCallback=https%3A%2F%2Fd.example.com%2Fs"_ba;
    QTest::newRow("a good update") << update << "Url=https%3A%2F%2Fd.example.com%2Fv&Method=POST"_ba << 200
                                   << 0;
    QTest::newRow("Url and Twiml") << update
                                   << "Url=https%3A%2F%2Fd.example.com%2Fv&Twiml=%3CResponse%2F%3E"_ba << 400
                                   << 20001;
    QTest::newRow("nothing to change") << update << "Method=POST"_ba << 400 << 20001;
    QTest::newRow("a relative Url") << update << "Url=%2Fv"_ba << 400 << 21205;
    QTest::newRow("a bad Method") << update << "Url=https%3A%2F%2Fd.example.com%2Fv&Method=PUT"_ba << 400
                                  << 20001;
    QTest::newRow("TwiML that is not XML") << update << "Twiml=%3CResponse%3E%3CSay%3E"_ba << 400 << 20001;
    QTest::newRow("a Status that is none") << update << "Status=over"_ba << 400 << 20001;
    QTest::newRow("a misspelt field") << update << "Stauts=completed"_ba << 400 << 20001;
    QTest::newRow("an unknown call") << u"/Calls/CA%1.json"_s.arg(QString(32, u'0')) << "Status=completed"_ba
                                     << 404 << 20404;
    QTest::newRow("a good call") << create << place + "&Url=https%3A%2F%2Fd.example.com%2Fv"_ba << 201 << 0;
    QTest::newRow("no To") << create << "From=%2B15557654321&Url=https%3A%2F%2Fd.example.com%2Fv"_ba << 400
                           << 21201;
    QTest::newRow("no From") << create << "To=%2B15551230002&Url=https%3A%2F%2Fd.example.com%2Fv"_ba << 400
                             << 21213;
    QTest::newRow("a To that is no number")
        << create << "To=hello&From=%2B15557654321&Twiml=%3CResponse%2F%3E"_ba << 400 << 21211;
    QTest::newRow("a From that is no number")
        << create << "To=%2B15551230002&From=desk&Twiml=%3CResponse%2F%3E"_ba << 400 << 21212;
    QTest::newRow("a From of another account")
        << create << "To=%2B15551230002&From=%2B15550004444&Twiml=%3CResponse%2F%3E"_ba << 400 << 21210;
    QTest::newRow("neither Url nor Twiml") << create << place << 400 << 20001;
    QTest::newRow("an unknown event")
        << create << place + "&Url=http%3A%2F%2Fd.example.com%2Fv&StatusCallbackEvent=hangup"_ba << 400
        << 20001;
    QTest::newRow("a Timeout too long")
        << create << place + "&Url=http%3A%2F%2Fd.example.com%2Fv&Timeout=601"_ba << 400 << 20001;
    QTest::newRow("From twice") << create
                                << place + "&From=%2B15557654321&Url=http%3A%2F%2Fd.example.com%2Fv"_ba << 400
                                << 20001;
}

void TestTwilioRestClient::theFakeRefusesWhatTwilioRefuses()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, form);
    QFETCH(int, status);
    QFETCH(int, code);
    m_fake->addNumber(FrontDesk, u"Front desk"_s);
    m_fake->addCall(LiveCallSid, u"in-progress"_s, -1, {}, Caller, FrontDesk);

    QNetworkRequest request(
        QUrl(m_fake->baseUrl().toString() + u"/2010-04-01/Accounts/"_s + AccountSid + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    request.setRawHeader(
        "Authorization"_ba, "Basic "_ba + QByteArray(AccountSid.toLatin1() + ':' + AuthToken).toBase64());
    std::unique_ptr<QNetworkReply> reply(m_network->post(request, form));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), status);
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    if (code == 0) {
        QVERIFY(answer.value(u"sid"_s).toString().startsWith(u"CA"_s));
        return;
    }
    // Twilio's error shape.
    QCOMPARE(answer.value(u"code"_s).toInt(), code);
    QCOMPARE(answer.value(u"status"_s).toInt(), status);
    QVERIFY(!answer.value(u"message"_s).toString().isEmpty());
    QCOMPARE(answer.value(u"more_info"_s).toString(), u"https://www.twilio.com/docs/errors/%1"_s.arg(code));
}

QTEST_GUILESS_MAIN(TestTwilioRestClient)
#include "tst_twiliorestclient.moc"
