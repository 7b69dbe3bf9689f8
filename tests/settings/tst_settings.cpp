// Tests of Settings: the contract keys, validation and normalisation, encrypted secrets, the router snapshot.
#include "secrets/secretbox.h"
#include "settings/settings.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void knownKeysAreTheContractTable();
    void onlyCredentialsAreSecret();
    void validValueIsStoredNormalised_data();
    void validValueIsStoredNormalised();
    void invalidValueIsRefusedAndNothingChanges_data();
    void invalidValueIsRefusedAndNothingChanges();
    void unknownKeyIsRefusedWithAHint_data();
    void unknownKeyIsRefusedWithAHint();
    void defaultsApplyWhenNothingIsStored_data();
    void defaultsApplyWhenNothingIsStored();
    void unsetGoesBackToTheDefault();
    void phoneNumbersUseTheStoredDefaultRegion();

    void secretIsEncryptedAtRest_data();
    void secretIsEncryptedAtRest();
    void secretNeedsTheSameMasterKey();
    void secretCannotBeMovedToAnotherKey();
    void displayNeverShowsASecret();
    void displayListCoversEveryKeyInOrder();

    void webhookTokenIsCreatedOnceAndKept();
    void webhookTokenSetByTheUserIsKept();
    void feedTokensAreCreatedSecretAndRotatable();
    void feedSettingsAreChecked();

    void routerSettingsDefaultsMatchTheContract();
    void routerSettingsCarryStoredValues();
    void routerSettingsSurviveBadStoredValues();
    void anotherConnectionSeesChangesAtOnce();
    void typedReadsFallBackToTheContractDefaults();
    void halfAnApiKeyIsNamed();

private:
    Settings settings() { return Settings(*m_db, m_key); }
    QString rawValue(const QString &key);
    bool writeRaw(const QString &key, const QString &value, bool secret);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
    QByteArray m_key;
};

namespace {
const QString Sid = u"AC0123456789abcdef0123456789abcdef"_s;
const QString AuthToken = u"0123456789abcdef0123456789abcdef"_s;
const QString ApiKey = u"key_5f1d2c3b4a"_s;
} // namespace

void TestSettings::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_db = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
    m_key = SecretBox::generateKey();
}

void TestSettings::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

QString TestSettings::rawValue(const QString &key)
{
    QSqlQuery query(m_db->connection());
    query.prepare(u"SELECT value FROM settings WHERE key = ?"_s);
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return u"<absent>"_s;
    return query.value(0).toString();
}

bool TestSettings::writeRaw(const QString &key, const QString &value, bool secret)
{
    QSqlQuery query(m_db->connection());
    query.prepare(u"INSERT OR REPLACE INTO settings(key, value, secret) VALUES(?, ?, ?)"_s);
    query.addBindValue(key);
    query.addBindValue(value);
    query.addBindValue(secret ? 1 : 0);
    return query.exec();
}

void TestSettings::knownKeysAreTheContractTable()
{
    const QStringList expected {
        u"twilio.account_sid"_s,
        u"twilio.auth_token"_s,
        u"twilio.api_base"_s,
        u"twilio.numbers"_s,
        u"retell.api_key"_s,
        u"retell.agent_id"_s,
        u"retell.api_base"_s,
        u"retell.sip_domain"_s,
        u"retell.timeout_ms"_s,
        u"routing.enabled"_s,
        u"routing.fallback_number"_s,
        u"routing.fallback_timeout_s"_s,
        u"routing.default_region"_s,
        u"server.listen"_s,
        u"server.public_url"_s,
        u"server.webhook_token"_s,
        // Set-up keys beyond the contract table, after it so that its keys keep their places.
        u"twilio.api_key_sid"_s,
        u"twilio.api_key_secret"_s,
        u"twilio.voice_fallback_url"_s,
        u"feed.listen"_s,
        u"feed.view_token"_s,
        u"feed.control_token"_s,
        u"feed.tls_cert"_s,
        u"feed.tls_key"_s,
        u"backup.keep"_s,
        u"retention.days"_s,
    };
    QCOMPARE(Settings::knownKeys(), expected);
    for (const QString &key : expected)
        QVERIFY(Settings::isKnownKey(key));
    QVERIFY(!Settings::isKnownKey(u"twilio"_s));
    QVERIFY(!Settings::isKnownKey(u"Twilio.Account_Sid"_s));
}

void TestSettings::onlyCredentialsAreSecret()
{
    QStringList secrets;
    for (const QString &key : Settings::knownKeys()) {
        if (Settings::isSecret(key))
            secrets.append(key);
    }
    QCOMPARE(
        secrets, (QStringList { u"twilio.auth_token"_s, u"retell.api_key"_s, u"twilio.api_key_secret"_s,
                                u"feed.view_token"_s, u"feed.control_token"_s }));
    // The webhook token is part of the URL Twilio calls, so `config get` prints it.
    QVERIFY(!Settings::isSecret(u"server.webhook_token"_s));
}

void TestSettings::validValueIsStoredNormalised_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("account sid") << u"twilio.account_sid"_s << Sid << Sid;
    QTest::newRow("account sid with spaces around")
        << u"twilio.account_sid"_s << u"  "_s + Sid + u"\n"_s << Sid;
    QTest::newRow("auth token") << u"twilio.auth_token"_s << AuthToken << AuthToken;
    QTest::newRow("auth token pasted with a newline")
        << u"twilio.auth_token"_s << AuthToken + u"\n"_s << AuthToken;
    QTest::newRow("twilio api base") << u"twilio.api_base"_s << u"https://api.twilio.com"_s
                                     << u"https://api.twilio.com"_s;
    QTest::newRow("twilio api base trailing slash dropped")
        << u"twilio.api_base"_s << u"https://api.twilio.com/"_s << u"https://api.twilio.com"_s;
    QTest::newRow("twilio api base local http with port")
        << u"twilio.api_base"_s << u"http://127.0.0.1:8099/"_s << u"http://127.0.0.1:8099"_s;
    QTest::newRow("twilio api base with path")
        << u"twilio.api_base"_s << u"HTTPS://Mock.Example.COM/twilio//"_s
        << u"https://mock.example.com/twilio"_s;
    QTest::newRow("twilio numbers in written forms")
        << u"twilio.numbers"_s << u"+1 555 000 9999, (555) 000-1111"_s << u"+15550009999,+15550001111"_s;
    QTest::newRow("twilio numbers duplicate kept once")
        << u"twilio.numbers"_s << u"+15550009999,+1 (555) 000-9999"_s << u"+15550009999"_s;
    QTest::newRow("twilio numbers empty means none") << u"twilio.numbers"_s << u""_s << u""_s;
    QTest::newRow("twilio numbers stray commas")
        << u"twilio.numbers"_s << u",+15550009999,,"_s << u"+15550009999"_s;
    QTest::newRow("retell api key") << u"retell.api_key"_s << ApiKey << ApiKey;
    QTest::newRow("retell agent id") << u"retell.agent_id"_s << u"agent_0a1b2c"_s << u"agent_0a1b2c"_s;
    QTest::newRow("retell api base") << u"retell.api_base"_s << u"https://api.retellai.com/"_s
                                     << u"https://api.retellai.com"_s;
    QTest::newRow("retell sip domain")
        << u"retell.sip_domain"_s << u"SIP.RetellAI.com"_s << u"sip.retellai.com"_s;
    QTest::newRow("retell sip domain with port")
        << u"retell.sip_domain"_s << u"sip.example.com:5060"_s << u"sip.example.com:5060"_s;
    QTest::newRow("retell timeout lowest") << u"retell.timeout_ms"_s << u"500"_s << u"500"_s;
    QTest::newRow("retell timeout highest") << u"retell.timeout_ms"_s << u"12000"_s << u"12000"_s;
    QTest::newRow("retell timeout trimmed") << u"retell.timeout_ms"_s << u" 2500 "_s << u"2500"_s;
    QTest::newRow("retell timeout leading zero") << u"retell.timeout_ms"_s << u"04000"_s << u"4000"_s;
    QTest::newRow("routing enabled true") << u"routing.enabled"_s << u"true"_s << u"true"_s;
    QTest::newRow("routing enabled YES") << u"routing.enabled"_s << u"YES"_s << u"true"_s;
    QTest::newRow("routing enabled 1") << u"routing.enabled"_s << u"1"_s << u"true"_s;
    QTest::newRow("routing enabled on") << u"routing.enabled"_s << u" on "_s << u"true"_s;
    QTest::newRow("routing enabled false") << u"routing.enabled"_s << u"False"_s << u"false"_s;
    QTest::newRow("routing enabled no") << u"routing.enabled"_s << u"no"_s << u"false"_s;
    QTest::newRow("routing enabled 0") << u"routing.enabled"_s << u"0"_s << u"false"_s;
    QTest::newRow("routing enabled off") << u"routing.enabled"_s << u"off"_s << u"false"_s;
    QTest::newRow("fallback number national form")
        << u"routing.fallback_number"_s << u"(555) 000-9999"_s << u"+15550009999"_s;
    QTest::newRow("fallback number international form")
        << u"routing.fallback_number"_s << u"+44 20 7946 0958"_s << u"+442079460958"_s;
    QTest::newRow("fallback timeout lowest") << u"routing.fallback_timeout_s"_s << u"5"_s << u"5"_s;
    QTest::newRow("fallback timeout highest") << u"routing.fallback_timeout_s"_s << u"600"_s << u"600"_s;
    QTest::newRow("default region upper-cased") << u"routing.default_region"_s << u"gb"_s << u"GB"_s;
    QTest::newRow("default region") << u"routing.default_region"_s << u"US"_s << u"US"_s;
    QTest::newRow("listen all interfaces") << u"server.listen"_s << u"0.0.0.0:8080"_s << u"0.0.0.0:8080"_s;
    QTest::newRow("listen bare port") << u"server.listen"_s << u"9000"_s << u"127.0.0.1:9000"_s;
    QTest::newRow("listen colon port") << u"server.listen"_s << u":9000"_s << u"127.0.0.1:9000"_s;
    QTest::newRow("listen ipv6 loopback") << u"server.listen"_s << u"[::1]:8080"_s << u"[::1]:8080"_s;
    QTest::newRow("listen ipv6 long form")
        << u"server.listen"_s << u"[0:0:0:0:0:0:0:1]:80"_s << u"[::1]:80"_s;
    QTest::newRow("listen host name") << u"server.listen"_s << u"LocalHost:65535"_s << u"localhost:65535"_s;
    QTest::newRow("listen ipv4 leading zeros")
        << u"server.listen"_s << u"127.000.000.001:1"_s << u"127.0.0.1:1"_s;
    QTest::newRow("public url") << u"server.public_url"_s << u"https://abc123.ngrok.io/"_s
                                << u"https://abc123.ngrok.io"_s;
    QTest::newRow("public url with path") << u"server.public_url"_s << u"https://example.com/switchboard/"_s
                                          << u"https://example.com/switchboard"_s;
    QTest::newRow("webhook token shortest")
        << u"server.webhook_token"_s << u"abcdefghij_ABCDEFGHIJ-0"_s.left(22) << u"abcdefghij_ABCDEFGHIJ-"_s;
    QTest::newRow("api key sid") << u"twilio.api_key_sid"_s << u" SK0123456789abcdef0123456789ABCDEF "_s
                                 << u"SK0123456789abcdef0123456789ABCDEF"_s;
    QTest::newRow("api key secret") << u"twilio.api_key_secret"_s << AuthToken << AuthToken;
    QTest::newRow("voice fallback url with query kept")
        << u"twilio.voice_fallback_url"_s << u"https://handler.example.org/forward?to=%2B15550009999"_s
        << u"https://handler.example.org/forward?to=%2B15550009999"_s;
    QTest::newRow("webhook token long")
        << u"server.webhook_token"_s << u"Zm9vYmFyYmF6cXV4LWZvb2JhcmJhenF1eF9mb29iYXI"_s
        << u"Zm9vYmFyYmF6cXV4LWZvb2JhcmJhenF1eF9mb29iYXI"_s;
}

void TestSettings::validValueIsStoredNormalised()
{
    QFETCH(QString, key);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    Settings s = settings();
    QString error;
    QVERIFY2(s.set(key, input, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    const auto stored = s.value(key, &error);
    QVERIFY2(stored, qPrintable(error));
    QCOMPARE(*stored, expected);
    // A later run with the same master key reads the same value.
    QCOMPARE(Settings(*m_db, m_key).value(key).value_or(u"<none>"_s), expected);
    if (!Settings::isSecret(key))
        QCOMPARE(rawValue(key), expected);
}

void TestSettings::invalidValueIsRefusedAndNothingChanges_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expectedError"); // empty: any error naming the key

    QTest::newRow("account sid wrong prefix")
        << u"twilio.account_sid"_s << u"SK0123456789abcdef0123456789abcdef"_s << QString();
    QTest::newRow("account sid too short") << u"twilio.account_sid"_s << u"AC0123"_s << QString();
    QTest::newRow("account sid not hex")
        << u"twilio.account_sid"_s << u"ACzz23456789abcdef0123456789abcdef"_s << QString();
    QTest::newRow("account sid empty") << u"twilio.account_sid"_s << u""_s << QString();
    QTest::newRow("auth token empty") << u"twilio.auth_token"_s << u"  "_s << QString();
    QTest::newRow("auth token with a space") << u"twilio.auth_token"_s << u"hunter2 hunter3"_s << QString();
    QTest::newRow("twilio api base ftp") << u"twilio.api_base"_s << u"ftp://api.twilio.com"_s << QString();
    QTest::newRow("twilio api base without scheme")
        << u"twilio.api_base"_s << u"api.twilio.com"_s << QString();
    QTest::newRow("twilio api base with query")
        << u"twilio.api_base"_s << u"https://api.twilio.com/?x=1"_s << QString();
    QTest::newRow("twilio api base with fragment")
        << u"twilio.api_base"_s << u"https://api.twilio.com/#top"_s << QString();
    QTest::newRow("twilio api base without host")
        << u"twilio.api_base"_s << u"https:///2010-04-01"_s << QString();
    QTest::newRow("twilio api base words") << u"twilio.api_base"_s << u"not a url"_s << QString();
    QTest::newRow("twilio numbers with a bad entry") << u"twilio.numbers"_s << u"+15550009999, hello"_s
                                                     << u"twilio.numbers: \"hello\" is not a phone number."_s;
    QTest::newRow("retell api key empty") << u"retell.api_key"_s << u""_s << QString();
    QTest::newRow("retell api key with tab") << u"retell.api_key"_s << u"key\tpart"_s << QString();
    QTest::newRow("retell agent id with space") << u"retell.agent_id"_s << u"agent 1"_s << QString();
    QTest::newRow("retell api base mailto")
        << u"retell.api_base"_s << u"mailto:ops@example.com"_s << QString();
    QTest::newRow("retell sip domain underscore")
        << u"retell.sip_domain"_s << u"sip_retell.com"_s << QString();
    QTest::newRow("retell sip domain empty label") << u"retell.sip_domain"_s << u"sip..com"_s << QString();
    QTest::newRow("retell sip domain leading hyphen") << u"retell.sip_domain"_s << u"-sip.com"_s << QString();
    QTest::newRow("retell sip domain port zero")
        << u"retell.sip_domain"_s << u"sip.example.com:0"_s << QString();
    QTest::newRow("retell sip domain port word")
        << u"retell.sip_domain"_s << u"sip.example.com:sip"_s << QString();
    QTest::newRow("retell sip domain url")
        << u"retell.sip_domain"_s << u"sip://sip.example.com"_s << QString();
    QTest::newRow("retell timeout too low")
        << u"retell.timeout_ms"_s << u"499"_s
        << u"retell.timeout_ms must be a whole number from 500 to 12000."_s;
    QTest::newRow("retell timeout too high")
        << u"retell.timeout_ms"_s << u"12001"_s
        << u"retell.timeout_ms must be a whole number from 500 to 12000."_s;
    QTest::newRow("retell timeout with unit") << u"retell.timeout_ms"_s << u"4s"_s << QString();
    QTest::newRow("retell timeout fraction") << u"retell.timeout_ms"_s << u"4000.5"_s << QString();
    QTest::newRow("retell timeout huge") << u"retell.timeout_ms"_s << u"99999999999999"_s << QString();
    QTest::newRow("routing enabled maybe")
        << u"routing.enabled"_s << u"maybe"_s << u"routing.enabled must be true or false."_s;
    QTest::newRow("routing enabled empty") << u"routing.enabled"_s << u""_s << QString();
    QTest::newRow("fallback number words") << u"routing.fallback_number"_s << u"hello"_s
                                           << u"routing.fallback_number: \"hello\" is not a phone number."_s;
    QTest::newRow("fallback number empty") << u"routing.fallback_number"_s << u""_s << QString();
    QTest::newRow("fallback timeout too low")
        << u"routing.fallback_timeout_s"_s << u"4"_s
        << u"routing.fallback_timeout_s must be a whole number from 5 to 600."_s;
    QTest::newRow("fallback timeout too high") << u"routing.fallback_timeout_s"_s << u"601"_s << QString();
    QTest::newRow("backups kept negative")
        << u"backup.keep"_s << u"-1"_s << u"backup.keep must be a whole number from 0 to 365."_s;
    QTest::newRow("backups kept in words") << u"backup.keep"_s << u"two weeks"_s << QString();
    QTest::newRow("retention too long")
        << u"retention.days"_s << u"36501"_s << u"retention.days must be a whole number from 0 to 36500."_s;
    QTest::newRow("retention in words") << u"retention.days"_s << u"a year"_s << QString();
    QTest::newRow("default region unknown") << u"routing.default_region"_s << u"XX"_s << QString();
    QTest::newRow("default region three letters") << u"routing.default_region"_s << u"USA"_s << QString();
    QTest::newRow("listen without port") << u"server.listen"_s << u"127.0.0.1"_s << QString();
    QTest::newRow("listen port zero") << u"server.listen"_s << u"127.0.0.1:0"_s << QString();
    QTest::newRow("listen port too high") << u"server.listen"_s << u"127.0.0.1:65536"_s << QString();
    QTest::newRow("listen ipv6 without brackets") << u"server.listen"_s << u"::1:8080"_s << QString();
    QTest::newRow("listen bad ipv4") << u"server.listen"_s << u"256.1.1.1:80"_s << QString();
    QTest::newRow("listen ipv6 without port") << u"server.listen"_s << u"[::1]"_s << QString();
    QTest::newRow("listen brackets around junk") << u"server.listen"_s << u"[junk]:80"_s << QString();
    QTest::newRow("listen host with space") << u"server.listen"_s << u"my host:80"_s << QString();
    QTest::newRow("listen words") << u"server.listen"_s << u"anywhere"_s << QString();
    QTest::newRow("public url file") << u"server.public_url"_s << u"file:///tmp/x"_s << QString();
    QTest::newRow("public url with query")
        << u"server.public_url"_s << u"https://example.com/?token=1"_s << QString();
    QTest::newRow("public url scheme only") << u"server.public_url"_s << u"https://"_s << QString();
    QTest::newRow("api key sid is an account sid")
        << u"twilio.api_key_sid"_s << Sid
        << u"twilio.api_key_sid: \"%1\" is not an API key SID; expected SK followed by 32 hexadecimal digits."_s
               .arg(Sid);
    QTest::newRow("api key secret with a space") << u"twilio.api_key_secret"_s << u"abc def"_s << QString();
    QTest::newRow("voice fallback url without scheme")
        << u"twilio.voice_fallback_url"_s << u"handler.example.org/forward"_s << QString();
    QTest::newRow("voice fallback url with fragment")
        << u"twilio.voice_fallback_url"_s << u"https://handler.example.org/#x"_s << QString();
    QTest::newRow("webhook token too short")
        << u"server.webhook_token"_s << u"abcdefghij0123456789A"_s << QString();
    QTest::newRow("webhook token not url safe")
        << u"server.webhook_token"_s << u"abc/defghij+0123456789ABC="_s << QString();
}

void TestSettings::invalidValueIsRefusedAndNothingChanges()
{
    QFETCH(QString, key);
    QFETCH(QString, input);
    QFETCH(QString, expectedError);
    Settings s = settings();
    const auto before = s.value(key);
    QString error;
    QVERIFY(!s.set(key, input, &error));
    if (!expectedError.isEmpty())
        QCOMPARE(error, expectedError);
    QVERIFY2(error.contains(key), qPrintable(error));
    QVERIFY2(error.endsWith(u'.'), qPrintable(error));
    if (Settings::isSecret(key) && !input.trimmed().isEmpty())
        QVERIFY2(!error.contains(input.trimmed()), "the error quotes the secret");
    QCOMPARE(s.value(key), before);
    QCOMPARE(rawValue(key), u"<absent>"_s);
}

void TestSettings::unknownKeyIsRefusedWithAHint_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("suggestion"); // empty: no suggestion expected

    QTest::newRow("start of a key") << u"routing.fallback"_s << u"routing.fallback_number"_s;
    QTest::newRow("typo") << u"twilio.acount_sid"_s << u"twilio.account_sid"_s;
    QTest::newRow("wrong case") << u"Twilio.Auth_Token"_s << u"twilio.auth_token"_s;
    QTest::newRow("section left out") << u"fallback_number"_s << u"routing.fallback_number"_s;
    QTest::newRow("dash for underscore") << u"retell.timeout-ms"_s << u"retell.timeout_ms"_s;
    QTest::newRow("nothing close") << u"colour.scheme"_s << QString();
    QTest::newRow("empty key") << u""_s << QString();
}

void TestSettings::unknownKeyIsRefusedWithAHint()
{
    QFETCH(QString, key);
    QFETCH(QString, suggestion);
    Settings s = settings();
    QString setError;
    QVERIFY(!s.set(key, u"1"_s, &setError));
    QVERIFY2(setError.startsWith(u"Unknown setting \""_s + key + u'"'), qPrintable(setError));
    QVERIFY2(setError.contains(u"switchboard config list"_s), qPrintable(setError));
    if (suggestion.isEmpty())
        QVERIFY2(!setError.contains(u"did you mean"_s), qPrintable(setError));
    else
        QVERIFY2(setError.contains(u"did you mean \""_s + suggestion + u"\"?"_s), qPrintable(setError));

    QString otherError;
    QVERIFY(!s.unset(key, &otherError));
    QCOMPARE(otherError, setError);
    otherError.clear();
    QVERIFY(!s.value(key, &otherError));
    QCOMPARE(otherError, setError);
    QCOMPARE(s.displayValue(key), QString());
}

void TestSettings::defaultsApplyWhenNothingIsStored_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected"); // null: no default

    QTest::newRow("twilio.account_sid") << u"twilio.account_sid"_s << QString();
    QTest::newRow("twilio.auth_token") << u"twilio.auth_token"_s << QString();
    QTest::newRow("twilio.api_base") << u"twilio.api_base"_s << u"https://api.twilio.com"_s;
    QTest::newRow("twilio.numbers") << u"twilio.numbers"_s << u""_s;
    QTest::newRow("retell.api_key") << u"retell.api_key"_s << QString();
    QTest::newRow("retell.agent_id") << u"retell.agent_id"_s << QString();
    QTest::newRow("retell.api_base") << u"retell.api_base"_s << u"https://api.retellai.com"_s;
    QTest::newRow("retell.sip_domain") << u"retell.sip_domain"_s << u"sip.retellai.com"_s;
    QTest::newRow("retell.timeout_ms") << u"retell.timeout_ms"_s << u"4000"_s;
    QTest::newRow("routing.enabled") << u"routing.enabled"_s << u"false"_s;
    QTest::newRow("routing.fallback_number") << u"routing.fallback_number"_s << QString();
    QTest::newRow("routing.fallback_timeout_s") << u"routing.fallback_timeout_s"_s << u"30"_s;
    QTest::newRow("routing.default_region") << u"routing.default_region"_s << u"US"_s;
    QTest::newRow("server.listen") << u"server.listen"_s << u"127.0.0.1:8080"_s;
    QTest::newRow("server.public_url") << u"server.public_url"_s << QString();
    QTest::newRow("server.webhook_token") << u"server.webhook_token"_s << QString();
}

void TestSettings::defaultsApplyWhenNothingIsStored()
{
    QFETCH(QString, key);
    QFETCH(QString, expected);
    Settings s = settings();
    QString error;
    const auto value = s.value(key, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    if (expected.isNull()) {
        QVERIFY(!value);
        QCOMPARE(s.displayValue(key), u"(not set)"_s);
    } else {
        QVERIFY(value);
        QCOMPARE(*value, expected);
        QCOMPARE(s.displayValue(key), Settings::isSecret(key) ? u"(not set)"_s : expected);
    }
}

void TestSettings::unsetGoesBackToTheDefault()
{
    Settings s = settings();
    QString error;
    QVERIFY(s.set(u"retell.timeout_ms"_s, u"2500"_s, &error));
    QVERIFY(s.set(u"twilio.auth_token"_s, AuthToken, &error));
    QVERIFY2(s.unset(u"retell.timeout_ms"_s, &error), qPrintable(error));
    QVERIFY2(s.unset(u"twilio.auth_token"_s, &error), qPrintable(error));
    QCOMPARE(s.value(u"retell.timeout_ms"_s), std::optional(u"4000"_s));
    QVERIFY(!s.value(u"twilio.auth_token"_s));
    QCOMPARE(s.displayValue(u"twilio.auth_token"_s), u"(not set)"_s);
    // Unsetting what is not set is fine.
    QVERIFY2(s.unset(u"server.public_url"_s, &error), qPrintable(error));
}

void TestSettings::phoneNumbersUseTheStoredDefaultRegion()
{
    Settings s = settings();
    QString error;
    QVERIFY(s.set(u"routing.default_region"_s, u"gb"_s, &error));
    QVERIFY2(s.set(u"routing.fallback_number"_s, u"020 7946 0958"_s, &error), qPrintable(error));
    QCOMPARE(s.value(u"routing.fallback_number"_s), std::optional(u"+442079460958"_s));
    QVERIFY2(s.set(u"twilio.numbers"_s, u"020 7946 0958, +1 555 000 9999"_s, &error), qPrintable(error));
    QCOMPARE(s.value(u"twilio.numbers"_s), std::optional(u"+442079460958,+15550009999"_s));
    // Numbers already stored keep their country when the region changes later.
    QVERIFY(s.set(u"routing.default_region"_s, u"US"_s, &error));
    QCOMPARE(s.value(u"routing.fallback_number"_s), std::optional(u"+442079460958"_s));
}

void TestSettings::secretIsEncryptedAtRest_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("secret");
    QTest::newRow("twilio.auth_token") << u"twilio.auth_token"_s << AuthToken;
    QTest::newRow("retell.api_key") << u"retell.api_key"_s << ApiKey;
    QTest::newRow("twilio.api_key_secret") << u"twilio.api_key_secret"_s << AuthToken;
}

void TestSettings::secretIsEncryptedAtRest()
{
    QFETCH(QString, key);
    QFETCH(QString, secret);
    Settings s = settings();
    QString error;
    QVERIFY2(s.set(key, secret, &error), qPrintable(error));

    QSqlQuery query(m_db->connection());
    query.prepare(u"SELECT value, secret FROM settings WHERE key = ?"_s);
    query.addBindValue(key);
    QVERIFY(query.exec() && query.next());
    const QString raw = query.value(0).toString();
    QVERIFY(!raw.isEmpty());
    QVERIFY(!raw.contains(secret));
    QVERIFY(!raw.contains(QString::fromLatin1(secret.toUtf8().toBase64())));
    QCOMPARE(query.value(1).toInt(), 1);

    QCOMPARE(s.value(key, &error), std::optional(secret));
    // Setting the same secret again seals it afresh (new nonce), and it still opens.
    QVERIFY(s.set(key, secret, &error));
    QVERIFY(rawValue(key) != raw);
    QCOMPARE(s.value(key, &error), std::optional(secret));
}

void TestSettings::secretNeedsTheSameMasterKey()
{
    QString error;
    QVERIFY(settings().set(u"twilio.auth_token"_s, AuthToken, &error));

    Settings foreign(*m_db, SecretBox::generateKey());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Cannot decrypt.*twilio.auth_token"_s));
    const auto value = foreign.value(u"twilio.auth_token"_s, &error);
    QVERIFY(!value);
    QVERIFY2(error.contains(u"twilio.auth_token"_s), qPrintable(error));
    QVERIFY2(error.contains(u"master key"_s), qPrintable(error));
    QVERIFY(!error.contains(AuthToken));
    // Still shown as set: the value is there, only this key cannot read it.
    QCOMPARE(foreign.displayValue(u"twilio.auth_token"_s), u"(set)"_s);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"twilio.auth_token.*cannot be decrypted"_s));
    QCOMPARE(foreign.routerSettings().twilioAuthToken, QString());
    // The right key still reads it.
    QCOMPARE(settings().value(u"twilio.auth_token"_s), std::optional(AuthToken));
}

void TestSettings::secretCannotBeMovedToAnotherKey()
{
    Settings s = settings();
    QString error;
    QVERIFY(s.set(u"twilio.auth_token"_s, AuthToken, &error));
    QVERIFY(writeRaw(u"retell.api_key"_s, rawValue(u"twilio.auth_token"_s), true));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Cannot decrypt.*retell.api_key"_s));
    QVERIFY(!s.value(u"retell.api_key"_s, &error));
    QVERIFY2(error.contains(u"retell.api_key"_s), qPrintable(error));
}

void TestSettings::displayNeverShowsASecret()
{
    Settings s = settings();
    QString error;
    QCOMPARE(s.displayValue(u"retell.api_key"_s), u"(not set)"_s);
    QVERIFY(s.set(u"retell.api_key"_s, ApiKey, &error));
    QVERIFY(s.set(u"twilio.auth_token"_s, AuthToken, &error));
    QVERIFY(s.set(u"twilio.api_key_secret"_s, u"keysecret0123"_s, &error));
    QVERIFY(s.ensureTokens(&error));
    const QString viewToken = *s.value(u"feed.view_token"_s);
    const QString controlToken = *s.value(u"feed.control_token"_s);
    QCOMPARE(s.displayValue(u"retell.api_key"_s), u"(set)"_s);
    QCOMPARE(s.displayValue(u"twilio.auth_token"_s), u"(set)"_s);
    QCOMPARE(s.displayValue(u"twilio.api_key_secret"_s), u"(set)"_s);
    for (const auto &[key, shown] : s.displayList()) {
        QVERIFY2(!shown.contains(ApiKey) && !shown.contains(AuthToken) && !shown.contains(u"keysecret0123"_s)
                     && !shown.contains(viewToken) && !shown.contains(controlToken),
            qPrintable(key));
        if (Settings::isSecret(key))
            QCOMPARE(shown, u"(set)"_s);
    }
}

void TestSettings::displayListCoversEveryKeyInOrder()
{
    Settings s = settings();
    QString error;
    QVERIFY(s.set(u"twilio.account_sid"_s, Sid, &error));
    QVERIFY(s.set(u"retell.timeout_ms"_s, u"2500"_s, &error));
    QVERIFY(s.ensureTokens(&error));
    const auto list = s.displayList();
    QStringList keys;
    for (const auto &[key, shown] : list) {
        keys.append(key);
        QCOMPARE(shown, s.displayValue(key));
    }
    QCOMPARE(keys, Settings::knownKeys());
    QCOMPARE(list.at(0).second, Sid);
    QCOMPARE(list.at(1).second, u"(not set)"_s);
    QCOMPARE(list.at(2).second, u"https://api.twilio.com"_s);
    QCOMPARE(list.at(8).second, u"2500"_s);
    QCOMPARE(list.at(14).second, u"(not set)"_s);
    QCOMPARE(list.at(15).second, s.value(u"server.webhook_token"_s).value_or(u"<none>"_s));
}

void TestSettings::webhookTokenIsCreatedOnceAndKept()
{
    Settings s = settings();
    QVERIFY(!s.value(u"server.webhook_token"_s));
    QString error;
    QVERIFY2(s.ensureTokens(&error), qPrintable(error));
    const auto token = s.value(u"server.webhook_token"_s);
    QVERIFY(token);
    // 32 random bytes in URL-safe base64 without padding.
    QCOMPARE(token->size(), 43);
    QVERIFY(QRegularExpression(u"^[A-Za-z0-9_-]+$"_s).match(*token).hasMatch());
    QCOMPARE(s.displayValue(u"server.webhook_token"_s), *token);

    QVERIFY(s.ensureTokens(&error));
    QCOMPARE(s.value(u"server.webhook_token"_s), token);
    // Another run (another connection) keeps it too.
    Database other(Database::fileNameIn(m_dir->path()));
    QVERIFY(other.open(&error));
    Settings again(other, m_key);
    QVERIFY(again.ensureTokens(&error));
    QCOMPARE(again.value(u"server.webhook_token"_s), token);

    // Another data folder gets a different token.
    TempDataDir otherDir;
    Database otherDb(Database::fileNameIn(otherDir.path()));
    QVERIFY(otherDb.open(&error));
    Settings elsewhere(otherDb, m_key);
    QVERIFY(elsewhere.ensureTokens(&error));
    QVERIFY(elsewhere.value(u"server.webhook_token"_s) != token);
}

void TestSettings::webhookTokenSetByTheUserIsKept()
{
    Settings s = settings();
    QString error;
    const QString chosen = u"my-own-token_0123456789abcdef"_s;
    QVERIFY(s.set(u"server.webhook_token"_s, chosen, &error));
    QVERIFY(s.ensureTokens(&error));
    QCOMPARE(s.value(u"server.webhook_token"_s), std::optional(chosen));
}

void TestSettings::feedTokensAreCreatedSecretAndRotatable()
{
    Settings s = settings();
    QString error;
    QVERIFY2(s.ensureTokens(&error), qPrintable(error));
    const QString view = *s.value(u"feed.view_token"_s);
    const QString control = *s.value(u"feed.control_token"_s);
    QCOMPARE(view.size(), 43);
    QVERIFY(view != control);
    QCOMPARE(s.displayValue(u"feed.view_token"_s), u"(set)"_s);
    // Stored sealed, never as the token itself.
    QVERIFY(!rawValue(u"feed.view_token"_s).contains(view));
    const RouterSettings router = s.routerSettings();
    QCOMPARE(router.feedViewToken, view);
    QCOMPARE(router.feedControlToken, control);

    QString rotated;
    QVERIFY2(s.rotate(u"feed.view_token"_s, &rotated, &error), qPrintable(error));
    QVERIFY(rotated != view);
    QCOMPARE(rotated.size(), 43);
    QCOMPARE(s.value(u"feed.view_token"_s), std::optional(rotated));
    QCOMPARE(s.value(u"feed.control_token"_s), std::optional(control));
    // Kept by the next start.
    QVERIFY(s.ensureTokens(&error));
    QCOMPARE(s.value(u"feed.view_token"_s), std::optional(rotated));

    QVERIFY(!s.rotate(u"server.webhook_token"_s, &rotated, &error));
    QVERIFY2(error.contains(u"server.webhook_token"_s), qPrintable(error));
    QVERIFY(!s.rotate(u"feed.nothing"_s, &rotated, &error));
    // A token too short to be safe is refused.
    QVERIFY(!s.set(u"feed.control_token"_s, u"short"_s, &error));
    QVERIFY2(error.contains(u"feed.control_token"_s), qPrintable(error));
}

void TestSettings::feedSettingsAreChecked()
{
    Settings s = settings();
    QString error;
    QCOMPARE(s.value(u"feed.listen"_s), std::optional(u"127.0.0.1:8081"_s));
    QVERIFY(s.set(u"feed.listen"_s, u"0.0.0.0:9443"_s, &error));
    const RouterSettings router = s.routerSettings();
    QCOMPARE(router.feedListenHost, u"0.0.0.0"_s);
    QCOMPARE(router.feedListenPort, quint16(9443));
    QVERIFY(!s.set(u"feed.listen"_s, u"here"_s, &error));

    const QString cert = m_dir->writeFile(u"feed.crt"_s, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    const QString key = m_dir->writeFile(u"feed.key"_s, "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
    QVERIFY2(s.set(u"feed.tls_cert"_s, cert, &error), qPrintable(error));
    QVERIFY2(s.set(u"feed.tls_key"_s, key, &error), qPrintable(error));
    QCOMPARE(s.routerSettings().feedTlsCert, cert);
    // The wrong file for the key, a missing file: refused, naming the key and the file.
    QVERIFY(!s.set(u"feed.tls_cert"_s, key, &error));
    QVERIFY2(error.contains(u"feed.tls_cert"_s) && error.contains(key), qPrintable(error));
    QVERIFY(!s.set(u"feed.tls_key"_s, cert, &error));
    QVERIFY2(error.contains(u"feed.tls_key"_s), qPrintable(error));
    QVERIFY(!s.set(u"feed.tls_key"_s, m_dir->filePath(u"missing.key"_s), &error));
    QVERIFY2(error.contains(u"missing.key"_s), qPrintable(error));
    QCOMPARE(s.routerSettings().feedTlsKey, key);
}

void TestSettings::routerSettingsDefaultsMatchTheContract()
{
    const RouterSettings r = settings().routerSettings();
    QCOMPARE(r.twilioAccountSid, QString());
    QCOMPARE(r.twilioAuthToken, QString());
    QCOMPARE(r.twilioApiBase, QUrl(u"https://api.twilio.com"_s));
    QCOMPARE(r.twilioNumbers, QStringList());
    QCOMPARE(r.retellApiKey, QString());
    QCOMPARE(r.retellAgentId, QString());
    QCOMPARE(r.retellApiBase, QUrl(u"https://api.retellai.com"_s));
    QCOMPARE(r.retellSipDomain, u"sip.retellai.com"_s);
    QCOMPARE(r.retellTimeoutMs, 4000);
    QCOMPARE(r.routingEnabled, false);
    QCOMPARE(r.fallbackNumber, QString());
    QCOMPARE(r.fallbackTimeoutSeconds, 30);
    QCOMPARE(r.defaultRegion, u"US"_s);
    QCOMPARE(r.listenHost, u"127.0.0.1"_s);
    QCOMPARE(r.listenPort, quint16(8080));
    QVERIFY(r.publicUrl.isEmpty());
    QCOMPARE(r.webhookToken, QString());
    QCOMPARE(r.twilioApiKeySid, QString());
    QCOMPARE(r.twilioApiKeySecret, QString());
    QVERIFY(r.twilioVoiceFallbackUrl.isEmpty());
}

void TestSettings::routerSettingsCarryStoredValues()
{
    Settings s = settings();
    QString error;
    const QList<std::pair<QString, QString>> values {
        { u"twilio.account_sid"_s, Sid },
        { u"twilio.auth_token"_s, AuthToken },
        { u"twilio.api_base"_s, u"http://127.0.0.1:8099/"_s },
        { u"twilio.numbers"_s, u"+1 555 000 1111, +1 555 000 2222"_s },
        { u"retell.api_key"_s, ApiKey },
        { u"retell.agent_id"_s, u"agent_42"_s },
        { u"retell.api_base"_s, u"http://127.0.0.1:8098"_s },
        { u"retell.sip_domain"_s, u"sip.example.com:5070"_s },
        { u"retell.timeout_ms"_s, u"1500"_s },
        { u"routing.enabled"_s, u"yes"_s },
        { u"routing.fallback_number"_s, u"(555) 000-9999"_s },
        { u"routing.fallback_timeout_s"_s, u"45"_s },
        { u"routing.default_region"_s, u"ca"_s },
        { u"server.listen"_s, u"[::1]:9090"_s },
        { u"server.public_url"_s, u"https://abc.ngrok.io/"_s },
        { u"server.webhook_token"_s, u"abcdefghijklmnopqrstuvwxyz012345"_s },
        { u"twilio.api_key_sid"_s, u"SK0123456789abcdef0123456789abcdef"_s },
        { u"twilio.api_key_secret"_s, u"keysecret0123"_s },
        { u"twilio.voice_fallback_url"_s, u"https://handler.example.org/forward?to=%2B15550009999"_s },
    };
    for (const auto &[key, value] : values)
        QVERIFY2(s.set(key, value, &error), qPrintable(error));

    const RouterSettings r = s.routerSettings();
    QCOMPARE(r.twilioAccountSid, Sid);
    QCOMPARE(r.twilioAuthToken, AuthToken);
    QCOMPARE(r.twilioApiBase, QUrl(u"http://127.0.0.1:8099"_s));
    QCOMPARE(r.twilioNumbers, (QStringList { u"+15550001111"_s, u"+15550002222"_s }));
    QCOMPARE(r.retellApiKey, ApiKey);
    QCOMPARE(r.retellAgentId, u"agent_42"_s);
    QCOMPARE(r.retellApiBase, QUrl(u"http://127.0.0.1:8098"_s));
    QCOMPARE(r.retellSipDomain, u"sip.example.com:5070"_s);
    QCOMPARE(r.retellTimeoutMs, 1500);
    QCOMPARE(r.routingEnabled, true);
    QCOMPARE(r.fallbackNumber, u"+15550009999"_s);
    QCOMPARE(r.fallbackTimeoutSeconds, 45);
    QCOMPARE(r.defaultRegion, u"CA"_s);
    QCOMPARE(r.listenHost, u"::1"_s);
    QCOMPARE(r.listenPort, quint16(9090));
    QCOMPARE(r.publicUrl, QUrl(u"https://abc.ngrok.io"_s));
    QCOMPARE(r.webhookToken, u"abcdefghijklmnopqrstuvwxyz012345"_s);
    QCOMPARE(r.twilioApiKeySid, u"SK0123456789abcdef0123456789abcdef"_s);
    QCOMPARE(r.twilioApiKeySecret, u"keysecret0123"_s);
    QCOMPARE(r.twilioVoiceFallbackUrl, QUrl(u"https://handler.example.org/forward?to=%2B15550009999"_s));
}

void TestSettings::routerSettingsSurviveBadStoredValues()
{
    // Values written behind the settings class's back (an old version, a hand edit) must not break a call.
    QVERIFY(writeRaw(u"retell.timeout_ms"_s, u"soon"_s, false));
    QVERIFY(writeRaw(u"server.listen"_s, u"everywhere"_s, false));
    QVERIFY(writeRaw(u"routing.default_region"_s, u"ZZ"_s, false));
    QVERIFY(writeRaw(u"twilio.api_base"_s, u"ftp://files.example.com"_s, false));
    QVERIFY(writeRaw(u"routing.fallback_number"_s, u"call me"_s, false));
    QVERIFY(writeRaw(u"twilio.auth_token"_s, u"v1:not-really-sealed"_s, true));
    QVERIFY(writeRaw(u"routing.enabled"_s, u" TRUE "_s, false));

    for (const QString &key :
        { u"retell.timeout_ms"_s, u"server.listen"_s, u"twilio.api_base"_s, u"routing.fallback_number"_s })
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Ignoring the stored value of "_s + key));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"twilio.auth_token.*cannot be decrypted"_s));
    const RouterSettings r = settings().routerSettings();
    QCOMPARE(r.retellTimeoutMs, 4000);
    QCOMPARE(r.listenHost, u"127.0.0.1"_s);
    QCOMPARE(r.listenPort, quint16(8080));
    QCOMPARE(r.defaultRegion, u"US"_s);
    QCOMPARE(r.twilioApiBase, QUrl(u"https://api.twilio.com"_s));
    QCOMPARE(r.fallbackNumber, QString());
    QCOMPARE(r.twilioAuthToken, QString());
    QCOMPARE(r.routingEnabled, true);
}

void TestSettings::anotherConnectionSeesChangesAtOnce()
{
    // The CLI or a panel writes through its own connection; the router's next call must see it.
    Database routerDb(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(routerDb.open(&error), qPrintable(error));
    Settings router(routerDb, m_key);
    Settings writer = settings();

    QCOMPARE(router.routerSettings().retellTimeoutMs, 4000);
    QCOMPARE(router.value(u"routing.enabled"_s), std::optional(u"false"_s));

    QVERIFY(writer.set(u"retell.timeout_ms"_s, u"2000"_s, &error));
    QVERIFY(writer.set(u"routing.enabled"_s, u"true"_s, &error));
    QVERIFY(writer.set(u"twilio.auth_token"_s, AuthToken, &error));
    QCOMPARE(router.routerSettings().retellTimeoutMs, 2000);
    QCOMPARE(router.value(u"routing.enabled"_s), std::optional(u"true"_s));
    QCOMPARE(router.routerSettings().twilioAuthToken, AuthToken);
    QCOMPARE(router.displayValue(u"twilio.auth_token"_s), u"(set)"_s);

    QVERIFY(writer.unset(u"retell.timeout_ms"_s, &error));
    QCOMPARE(router.routerSettings().retellTimeoutMs, 4000);
    QCOMPARE(router.value(u"retell.timeout_ms"_s), std::optional(u"4000"_s));
}

void TestSettings::typedReadsFallBackToTheContractDefaults()
{
    Settings s = settings();
    QCOMPARE(s.defaultRegion(), u"US"_s);
    QCOMPARE(Settings::defaultRegionIn(*m_db), u"US"_s);
    QCOMPARE(s.backupKeep(), 14);
    QCOMPARE(s.retentionDays(), 365);
    QCOMPARE(Settings::defaultOf(u"routing.default_region"_s), u"US"_s);
    QCOMPARE(Settings::defaultOf(u"twilio.auth_token"_s), QString());
    QCOMPARE(Settings::defaultOf(u"no.such_key"_s), QString());

    QString error;
    QVERIFY2(s.set(u"routing.default_region"_s, u"de"_s, &error), qPrintable(error));
    QVERIFY2(s.set(u"backup.keep"_s, u"3"_s, &error), qPrintable(error));
    QVERIFY2(s.set(u"retention.days"_s, u"0"_s, &error), qPrintable(error));
    QCOMPARE(s.defaultRegion(), u"DE"_s);
    QCOMPARE(Settings::defaultRegionIn(*m_db), u"DE"_s);
    QCOMPARE(s.backupKeep(), 3);
    QCOMPARE(s.retentionDays(), 0);

    // Values that no longer validate (written by hand) read as the defaults.
    QVERIFY(writeRaw(u"routing.default_region"_s, u"XX"_s, false));
    QVERIFY(writeRaw(u"backup.keep"_s, u"a fortnight"_s, false));
    QCOMPARE(s.defaultRegion(), u"US"_s);
    QCOMPARE(Settings::defaultRegionIn(*m_db), u"US"_s);
    QCOMPARE(s.backupKeep(), 14);
}

void TestSettings::halfAnApiKeyIsNamed()
{
    QCOMPARE(Settings::halfApiKeyProblem(true, true, false), std::nullopt);
    QCOMPARE(Settings::halfApiKeyProblem(false, false, false), std::nullopt);
    // An old secret left behind with the SID cleared is no fault: the auth token is used.
    QCOMPARE(Settings::halfApiKeyProblem(false, true, false), std::nullopt);
    const auto noSecret = Settings::halfApiKeyProblem(true, false, false);
    QVERIFY(noSecret);
    QCOMPARE(noSecret->first, u"twilio.api_key_secret"_s);
    QVERIFY(noSecret->second.contains(u"secret too"_s));
    const auto noSid = Settings::halfApiKeyProblem(false, true, true);
    QVERIFY(noSid);
    QCOMPARE(noSid->first, u"twilio.api_key_sid"_s);
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
