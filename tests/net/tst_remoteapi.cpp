// Tests RemoteApi: the address and credential checks every outside API's client makes before it sends
// anything, and the shaping of messages that end up inside our error sentences.
#include "net/remoteapi.h"
#include "net/secretscrubber.h"

#include <QRegularExpression>
#include <QTest>

#include <QCoroTask>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

QCoro::Task<> store(QCoro::Task<Result<int>> task, std::optional<Result<int>> &result)
{
    result.emplace(co_await std::move(task));
}

} // namespace

class TestRemoteApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void userAgentNamesSwitchboard();
    void httpUrls_data();
    void httpUrls();
    void trailingSlashes_data();
    void trailingSlashes();
    void serverNamedInErrors_data();
    void serverNamedInErrors();
    void sendableCredentials_data();
    void sendableCredentials();
    void basicAuthorizationCarriesUserAndSecret();
    void quotableMessages_data();
    void quotableMessages();
    void failedTaskEndsWithTheError();
};

void TestRemoteApi::userAgentNamesSwitchboard()
{
    static const QRegularExpression versioned(u"^Switchboard/[0-9]+\\.[0-9]+\\.[0-9]+$"_s);
    const QString userAgent = QString::fromLatin1(RemoteApi::userAgent());
    QVERIFY2(versioned.match(userAgent).hasMatch(), qPrintable(userAgent));
}

void TestRemoteApi::httpUrls_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("https") << QUrl(u"https://api.twilio.com"_s) << true;
    QTest::newRow("http with a port and a path") << QUrl(u"http://127.0.0.1:8099/prefix/"_s) << true;
    QTest::newRow("ftp") << QUrl(u"ftp://api.twilio.com"_s) << false;
    QTest::newRow("no host") << QUrl(u"https://"_s) << false;
    QTest::newRow("a path alone") << QUrl(u"/2010-04-01/Accounts"_s) << false;
    QTest::newRow("empty") << QUrl() << false;
    QTest::newRow("invalid") << QUrl(u"http://exa mple.com"_s) << false;
}

void TestRemoteApi::httpUrls()
{
    QFETCH(QUrl, url);
    QFETCH(bool, accepted);
    QCOMPARE(RemoteApi::isHttpUrl(url), accepted);
}

void TestRemoteApi::trailingSlashes_data()
{
    QTest::addColumn<QUrl>("base");
    QTest::addColumn<QUrl>("expected");

    QTest::newRow("no path") << QUrl(u"https://api.retellai.com"_s) << QUrl(u"https://api.retellai.com"_s);
    QTest::newRow("one slash") << QUrl(u"https://api.retellai.com/"_s) << QUrl(u"https://api.retellai.com"_s);
    QTest::newRow("several slashes") << QUrl(u"https://api.retellai.com///"_s)
                                     << QUrl(u"https://api.retellai.com"_s);
    QTest::newRow("path prefix with slash")
        << QUrl(u"http://127.0.0.1:9/proxy/retell/"_s) << QUrl(u"http://127.0.0.1:9/proxy/retell"_s);
    QTest::newRow("path prefix without slash")
        << QUrl(u"http://127.0.0.1:9/proxy/retell"_s) << QUrl(u"http://127.0.0.1:9/proxy/retell"_s);
    QTest::newRow("query kept") << QUrl(u"https://example.com/api/?region=ie1"_s)
                                << QUrl(u"https://example.com/api?region=ie1"_s);
}

void TestRemoteApi::trailingSlashes()
{
    QFETCH(QUrl, base);
    QFETCH(QUrl, expected);
    QCOMPARE(RemoteApi::withoutTrailingSlash(base), expected);
}

void TestRemoteApi::serverNamedInErrors_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("server");

    QTest::newRow("path and query left out")
        << QUrl(u"https://api.twilio.com/2010-04-01/Accounts.json?PageSize=50#top"_s)
        << u"https://api.twilio.com"_s;
    QTest::newRow("port kept") << QUrl(u"http://127.0.0.1:8099/v2/register-phone-call"_s)
                               << u"http://127.0.0.1:8099"_s;
    QTest::newRow("credentials left out")
        << QUrl(u"https://AC123:secret@api.twilio.com/x"_s) << u"https://api.twilio.com"_s;
}

void TestRemoteApi::serverNamedInErrors()
{
    QFETCH(QUrl, url);
    QFETCH(QString, server);
    QCOMPARE(RemoteApi::serverOf(url), server);
}

void TestRemoteApi::sendableCredentials_data()
{
    QTest::addColumn<QByteArray>("credential");
    QTest::addColumn<bool>("sendableSecret");
    QTest::addColumn<bool>("sendableUser");

    QTest::newRow("account SID") << "AC0123456789abcdef0123456789abcdef"_ba << true << true;
    QTest::newRow("key with punctuation") << "key_!#$%&'()*+,-./;<=>?@[]^`{|}~"_ba << true << true;
    QTest::newRow("colon") << "sid:secret"_ba << true << false;
    QTest::newRow("empty") << QByteArray() << false << false;
    QTest::newRow("space") << "two words"_ba << false << false;
    QTest::newRow("line break") << "token\r\nX-Injected: 1"_ba << false << false;
    QTest::newRow("tab") << "token\t"_ba << false << false;
    QTest::newRow("delete") << "token\x7f"_ba << false << false;
    QTest::newRow("not ASCII") << "cl\xc3\xa9"_ba << false << false;
}

void TestRemoteApi::sendableCredentials()
{
    QFETCH(QByteArray, credential);
    QFETCH(bool, sendableSecret);
    QFETCH(bool, sendableUser);
    QCOMPARE(RemoteApi::isSendableSecret(credential), sendableSecret);
    QCOMPARE(RemoteApi::isSendableUser(credential), sendableUser);
}

void TestRemoteApi::basicAuthorizationCarriesUserAndSecret()
{
    const QByteArray authorization = RemoteApi::basicAuthorization(u"AC123"_s, "to:ken"_ba);
    QCOMPARE(authorization, "Basic QUMxMjM6dG86a2Vu"_ba);
    // What is scrubbed from error texts is exactly the credentials part.
    QCOMPARE(QByteArray::fromBase64(SecretScrubber::credentialsOf(authorization)), "AC123:to:ken"_ba);
}

void TestRemoteApi::quotableMessages_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("quoted");

    QTest::newRow("as it is") << u"Connection refused"_s << u"Connection refused"_s;
    QTest::newRow("full stop dropped") << u"Authenticate."_s << u"Authenticate"_s;
    QTest::newRow("several full stops dropped") << u"It failed..."_s << u"It failed"_s;
    QTest::newRow("on one line") << u"  Bad\r\n  gateway\t"_s << u"Bad gateway"_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("exactly 200") << QString(200, u'x') << QString(200, u'x');
    QTest::newRow("cut short past 200") << QString(201, u'x') << QString(200, u'x') + u"…"_s;
    QTest::newRow("full stop dropped before the length counts")
        << QString(200, u'x') + u"."_s << QString(200, u'x');
}

void TestRemoteApi::quotableMessages()
{
    QFETCH(QString, message);
    QFETCH(QString, quoted);
    QCOMPARE(RemoteApi::quotable(message), quoted);
}

void TestRemoteApi::failedTaskEndsWithTheError()
{
    // QCoro::waitFor() default-constructs its result, which Result<T> deliberately cannot be.
    std::optional<Result<int>> result;
    QCoro::waitFor(store(RemoteApi::failedTask<int>(u"The Retell API key is missing."_s), result));
    QVERIFY(result.has_value());
    QVERIFY(!result->ok());
    QCOMPARE(result->error(), u"The Retell API key is missing."_s);
    QVERIFY(!result->unreachable());
}

QTEST_GUILESS_MAIN(TestRemoteApi)
#include "tst_remoteapi.moc"
