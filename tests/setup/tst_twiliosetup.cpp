// Tests TwilioSetup: the webhook URLs for our numbers, what keeps a number from pointing here, and the
// sentence that says what "Apply to Twilio" changed.
#include "setup/twiliosetup.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString Voice = u"https://desk.example.com/twilio/voice/tok"_s;
const QString Status = u"https://desk.example.com/twilio/status/tok"_s;

RouterSettings settings()
{
    RouterSettings settings;
    settings.twilioAccountSid = u"AC0123456789abcdef0123456789abcdef"_s;
    settings.twilioAuthToken = u"token"_s;
    settings.publicUrl = QUrl(u"https://desk.example.com"_s);
    settings.webhookToken = u"tok"_s;
    return settings;
}

IncomingNumber pointingHere()
{
    IncomingNumber number;
    number.sid = u"PN1"_s;
    number.phoneNumber = u"+15557654321"_s;
    number.voiceUrl = Voice;
    number.voiceMethod = u"POST"_s;
    number.statusCallback = Status;
    number.statusCallbackMethod = u"POST"_s;
    return number;
}
} // namespace

class TestTwilioSetup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void webhooksFollowThePublicUrlAndToken();
    void noPublicUrlMeansNoWebhooks();
    void apiKeyIsPreferredWhenComplete();
    void problemsOfANumber_data();
    void problemsOfANumber();
    void describeChange_data();
    void describeChange();
};

void TestTwilioSetup::webhooksFollowThePublicUrlAndToken()
{
    RouterSettings withFallback = settings();
    withFallback.twilioVoiceFallbackUrl = QUrl(u"https://handler.example.org/fallback"_s);
    const NumberWebhooks webhooks = TwilioSetup(withFallback).webhooks();
    QCOMPARE(webhooks.voiceUrl, QUrl(Voice));
    QCOMPARE(webhooks.statusCallback, QUrl(Status));
    QCOMPARE(webhooks.voiceFallbackUrl, QUrl(u"https://handler.example.org/fallback"_s));
}

void TestTwilioSetup::noPublicUrlMeansNoWebhooks()
{
    RouterSettings noUrl = settings();
    noUrl.publicUrl = QUrl();
    const NumberWebhooks webhooks = TwilioSetup(noUrl).webhooks();
    QVERIFY(webhooks.voiceUrl.isEmpty());
    QVERIFY(webhooks.statusCallback.isEmpty());
}

void TestTwilioSetup::apiKeyIsPreferredWhenComplete()
{
    RouterSettings s = settings();
    QVERIFY(!TwilioSetup(s).usesApiKey());
    QVERIFY(TwilioSetup(s).hasCredentials());
    s.twilioApiKeySid = u"SKfedcba9876543210fedcba9876543210"_s;
    QVERIFY(!TwilioSetup(s).usesApiKey()); // a key without its secret is no use
    s.twilioApiKeySecret = u"secret"_s;
    QVERIFY(TwilioSetup(s).usesApiKey());
    s.twilioAuthToken.clear();
    QVERIFY(TwilioSetup(s).hasCredentials());
    s.twilioAccountSid.clear();
    QVERIFY(!TwilioSetup(s).hasCredentials());
}

void TestTwilioSetup::problemsOfANumber_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("points here") << QString() << QString() << QStringList();
    QTest::newRow("voice url elsewhere")
        << u"voiceUrl"_s << u"https://demo.twilio.com/welcome/voice/"_s
        << QStringList { u"calls go to https://demo.twilio.com/welcome/voice/"_s };
    QTest::newRow("no voice url") << u"voiceUrl"_s << QString() << QStringList { u"calls go to (nothing)"_s };
    QTest::newRow("voice with GET") << u"voiceMethod"_s << u"GET"_s
                                    << QStringList { u"calls are sent with GET instead of POST"_s };
    QTest::newRow("no status callback")
        << u"statusCallback"_s << QString() << QStringList { u"call status changes go to (nothing)"_s };
    QTest::newRow("twiml app") << u"voiceApplicationSid"_s << u"AP1"_s
                               << QStringList { u"calls go to the TwiML App AP1 instead of the voice URL"_s };
    QTest::newRow("sip trunk") << u"trunkSid"_s << u"TK1"_s
                               << QStringList { u"calls go to the SIP trunk TK1 instead of the voice URL"_s };
}

void TestTwilioSetup::problemsOfANumber()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QStringList, expected);
    IncomingNumber number = pointingHere();
    if (field == u"voiceUrl"_s)
        number.voiceUrl = value;
    else if (field == u"voiceMethod"_s)
        number.voiceMethod = value;
    else if (field == u"statusCallback"_s)
        number.statusCallback = value;
    else if (field == u"voiceApplicationSid"_s)
        number.voiceApplicationSid = value;
    else if (field == u"trunkSid"_s)
        number.trunkSid = value;
    QCOMPARE(TwilioSetup(settings()).problems(number), expected);
}

void TestTwilioSetup::describeChange_data()
{
    QTest::addColumn<QString>("voiceBefore");
    QTest::addColumn<QString>("statusBefore");
    QTest::addColumn<QString>("applicationAfter");
    QTest::addColumn<QString>("expected");

    QTest::newRow("from another url, status set")
        << u"https://old.example.com/voice"_s << QString() << QString()
        << u"voice URL changed from https://old.example.com/voice to this app; status callback set"_s;
    QTest::newRow("from nothing") << QString() << Status << QString() << u"voice URL set to this app"_s;
    QTest::newRow("status moved")
        << Voice << u"https://old.example.com/status"_s << QString()
        << u"status callback changed from https://old.example.com/status to this app"_s;
    QTest::newRow("nothing to do") << Voice << Status << QString()
                                   << u"already pointed here; nothing changed"_s;
    QTest::newRow("still a twiml app") << Voice << Status << u"AP1"_s
                                       << u"already pointed here; nothing changed — but Twilio still sends "
                                          u"its calls to the TwiML App AP1: in "
                                          "the Twilio console, set \"A call comes in\" to Webhook"_s;
}

void TestTwilioSetup::describeChange()
{
    QFETCH(QString, voiceBefore);
    QFETCH(QString, statusBefore);
    QFETCH(QString, applicationAfter);
    QFETCH(QString, expected);
    IncomingNumber before = pointingHere();
    before.voiceUrl = voiceBefore;
    before.statusCallback = statusBefore;
    IncomingNumber after = pointingHere();
    after.voiceApplicationSid = applicationAfter;
    QCOMPARE(TwilioSetup(settings()).describeChange(before, after), expected);
}

QTEST_GUILESS_MAIN(TestTwilioSetup)
#include "tst_twiliosetup.moc"
