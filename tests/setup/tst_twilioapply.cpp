// Tests TwilioApply against the loopback fake of Twilio's REST API (which checks every request as Twilio
// would, Studio flow definitions included): the numbers point here, their Voice Fallback URL at a published
// Studio flow that rings the fallback number, kept up to date, found again after a reinstall, and never in
// place of a fallback URL the owner set by hand.
#include "datadir/datadirectory.h"
#include "faketwiliorest.h"
#include "routing/callbackurls.h"
#include "routing/routingplanloader.h"
#include "settings/settings.h"
#include "setup/twilioapply.h"
#include "tempdatadir.h"
#include "twilio/fallbackflow.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
const QString AccountSid = u"AC0123456789abcdef0123456789abcdef"_s;
const QString AuthToken = u"tok9f8e7d6c5b4a39281706f5e4d3c2b1a0"_s;
const QString FrontDesk = u"+15557654321"_s;
const QString Billing = u"+15557654322"_s;
const QString Fallback = u"+15550009999"_s;

QString describe(const TwilioApplyOutcome &outcome)
{
    QStringList text;
    for (qsizetype i = 0; i < outcome.lines.size(); ++i)
        text.append((outcome.ok.at(i) ? u"OK "_s : u"NO "_s) + outcome.lines.at(i));
    return text.join(u'\n');
}
} // namespace

class TestTwilioApply : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void firstApplyMakesTheFallbackFlowAndPointsEveryNumber();
    void aChangedFallbackNumberUpdatesTheSameFlow();
    void aPlanThatTakesVoicemailMakesAFlowThatDoesToo();
    void aFallbackUrlOfTheOwnersIsKept();
    void aReinstalledAppFindsItsFlowByName();
    void aFlowDeletedInTheConsoleIsMadeAgain();
    void aStudioFailureStillPointsTheNumbersAndSaysSo();
    void nothingIsSentWithoutTheSettingsItNeeds();

private:
    void setSetting(const QString &key, const QString &value);
    TwilioApplyOutcome apply();
    QString flowUrl(const QString &flowSid) const;

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_data;
    std::unique_ptr<FakeTwilioRest> m_twilio;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

void TestTwilioApply::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    m_dir = std::make_unique<TempDataDir>();
    m_data = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_data->open(&error), qPrintable(error));
    m_twilio = std::make_unique<FakeTwilioRest>(AccountSid, AuthToken.toUtf8());
    QVERIFY(m_twilio->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
    setSetting(u"twilio.account_sid"_s, AccountSid);
    setSetting(u"twilio.auth_token"_s, AuthToken);
    setSetting(u"twilio.api_base"_s, m_twilio->baseUrl().toString());
    setSetting(u"twilio.numbers"_s, FrontDesk + u","_s + Billing);
    setSetting(u"routing.fallback_number"_s, Fallback);
    setSetting(u"server.public_url"_s, u"https://desk.example.com"_s);
    m_twilio->addNumber(FrontDesk, u"Front desk"_s, u"https://old.example.com/voice"_s);
    m_twilio->addNumber(Billing, u"Billing"_s);
    m_twilio->addNumber(u"+15557654323"_s, u"Fax"_s, u"https://fax.example.com/in"_s);
}

void TestTwilioApply::cleanup()
{
    m_network.reset();
    m_twilio.reset();
    m_data.reset();
    m_dir.reset();
}

void TestTwilioApply::setSetting(const QString &key, const QString &value)
{
    QString error;
    QVERIFY2(m_data->settings().set(key, value, &error), qPrintable(error));
}

TwilioApplyOutcome TestTwilioApply::apply()
{
    return QCoro::waitFor(TwilioApply::run(m_network.get(), *m_data));
}

QString TestTwilioApply::flowUrl(const QString &flowSid) const
{
    return u"https://webhooks.twilio.com/v1/Accounts/%1/Flows/%2"_s.arg(AccountSid, flowSid);
}

void TestTwilioApply::firstApplyMakesTheFallbackFlowAndPointsEveryNumber()
{
    const TwilioApplyOutcome outcome = apply();
    QVERIFY2(outcome.allOk(), qPrintable(describe(outcome)));
    QCOMPARE(outcome.lines.size(), 3);
    QCOMPARE(outcome.lines.at(0),
        u"When this computer cannot answer, Twilio now rings %1 for 30 s; when nobody answers, takes a voicemail "
        u"of up to 120 s (a Studio flow named \"Switchboard fallback\")."_s.arg(Fallback));

    // One flow, published, doing what the settings say.
    QCOMPARE(m_twilio->flows().size(), 1);
    const QJsonObject flow = m_twilio->flows().first();
    const QString flowSid = flow.value(u"sid"_s).toString();
    QCOMPARE(flow.value(u"friendly_name"_s).toString(), u"Switchboard fallback"_s);
    QCOMPARE(flow.value(u"status"_s).toString(), u"published"_s);
    const std::optional<FallbackPlan> does = FallbackFlow::read(flow.value(u"definition"_s).toObject());
    QVERIFY(does);
    QCOMPARE(does->number, Fallback);
    QCOMPARE(does->ringSeconds, 30);
    // As the built-in plan does, a caller nobody answers leaves a message.
    QVERIFY(does->voicemail);
    QCOMPARE(*does, TwilioApply::fallbackPlan(*m_data, m_data->settings().routerSettings()));
    // The caller's number is shown to the person who answers, as on the router's own calls.
    const QJsonArray states = flow.value(u"definition"_s).toObject().value(u"states"_s).toArray();
    QVERIFY(std::any_of(states.begin(), states.end(), [](const QJsonValue &state) {
        return state.toObject().value(u"properties"_s).toObject().value(u"caller_id"_s).toString()
            == u"{{contact.channel.address}}"_s;
    }));

    // Saved, and every routed number (not the fax) points here and falls back to the flow.
    const RouterSettings settings = m_data->settings().routerSettings();
    QCOMPARE(settings.twilioVoiceFallbackUrl.toString(), flowUrl(flowSid));
    const CallbackUrls urls(settings.publicUrl, settings.webhookToken);
    QCOMPARE(m_twilio->updates().size(), 2);
    for (const FakeTwilioRest::Update &update : m_twilio->updates()) {
        QCOMPARE(update.value(u"VoiceUrl"_s), urls.voice().toString());
        QCOMPARE(update.value(u"StatusCallback"_s), urls.status().toString());
        QCOMPARE(update.value(u"VoiceFallbackUrl"_s), flowUrl(flowSid));
        QCOMPARE(update.value(u"VoiceFallbackMethod"_s), u"POST"_s);
    }
    QCOMPARE(m_twilio->numbers().at(2).value(u"voice_url"_s).toString(), u"https://fax.example.com/in"_s);
    QVERIFY2(outcome.lines.at(1).startsWith(FrontDesk + u": voice URL changed from https://old.example.com/voice to "
                                                        u"this app; voice fallback URL set to "_s),
        qPrintable(outcome.lines.at(1)));
}

void TestTwilioApply::aChangedFallbackNumberUpdatesTheSameFlow()
{
    QVERIFY2(apply().allOk(), "first apply");
    setSetting(u"routing.fallback_number"_s, u"+15550001111"_s);
    setSetting(u"routing.fallback_timeout_s"_s, u"45"_s);
    TwilioApplyOutcome outcome = apply();
    QVERIFY2(outcome.allOk(), qPrintable(describe(outcome)));
    QVERIFY2(outcome.lines.at(0).startsWith(u"When this computer cannot answer, Twilio now rings +15550001111 for 45 s"_s),
        qPrintable(outcome.lines.at(0)));
    QCOMPARE(m_twilio->flows().size(), 1);
    const QJsonObject flow = m_twilio->flows().first();
    QCOMPARE(flow.value(u"revision"_s).toInt(), 2);
    QCOMPARE(FallbackFlow::read(flow.value(u"definition"_s).toObject())->number, u"+15550001111"_s);

    // Nothing changed since: the flow is left alone.
    const qsizetype writes = m_twilio->flowWrites().size();
    outcome = apply();
    QVERIFY2(outcome.lines.at(0).endsWith(u"(already set up)."_s), qPrintable(outcome.lines.at(0)));
    QCOMPARE(m_twilio->flowWrites().size(), writes);
}

void TestTwilioApply::aPlanThatTakesVoicemailMakesAFlowThatDoesToo()
{
    const PlanDocument::ParseResult imported
        = RoutingPlanLoader(m_data->database(), u"US"_s, Fallback)
              .import(R"({"version": 1, "voicemail": {"on_no_answer": true, "max_seconds": 90},
                          "messages": {"voicemail_greeting": {"say": "Bright Smile Dental. Please leave a message."}}})");
    QVERIFY2(imported.errors.isEmpty(), qPrintable(imported.errors.join(u'\n')));
    const TwilioApplyOutcome outcome = apply();
    QVERIFY2(outcome.allOk(), qPrintable(describe(outcome)));
    QVERIFY2(outcome.lines.at(0).contains(u"when nobody answers, takes a voicemail of up to 90 s"_s), qPrintable(outcome.lines.at(0)));
    const std::optional<FallbackPlan> does
        = FallbackFlow::read(m_twilio->flows().first().value(u"definition"_s).toObject());
    QVERIFY(does && does->voicemail);
    QCOMPARE(does->voicemailMaxSeconds, 90);
    QCOMPARE(does->greeting, u"Bright Smile Dental. Please leave a message."_s);
}

void TestTwilioApply::aFallbackUrlOfTheOwnersIsKept()
{
    const QString own = u"https://handler.twilio.com/twiml/EH0123456789abcdef0123456789abcdef"_s;
    setSetting(u"twilio.voice_fallback_url"_s, own);
    const TwilioApplyOutcome outcome = apply();
    QVERIFY2(outcome.allOk(), qPrintable(describe(outcome)));
    QCOMPARE(outcome.lines.at(0),
        u"When this computer cannot answer, Twilio calls your own fallback URL %1; it was left as it is."_s.arg(own));
    QVERIFY(m_twilio->flows().isEmpty());
    for (const FakeTwilioRest::Request &request : m_twilio->requests())
        QVERIFY2(!request.pathAndQuery.startsWith(u"/v2/"_s), qPrintable(request.pathAndQuery));
    for (const FakeTwilioRest::Update &update : m_twilio->updates())
        QCOMPARE(update.value(u"VoiceFallbackUrl"_s), own);
}

void TestTwilioApply::aReinstalledAppFindsItsFlowByName()
{
    FallbackPlan old;
    old.number = u"+15550002222"_s;
    old.closing = u"Goodbye."_s;
    const QString existing = m_twilio->addFlow(FallbackFlow::friendlyName(), FallbackFlow::definition(old));
    m_twilio->addFlow(u"Marketing line"_s, FallbackFlow::definition(old));
    const TwilioApplyOutcome outcome = apply();
    QVERIFY2(outcome.allOk(), qPrintable(describe(outcome)));
    QCOMPARE(m_twilio->flows().size(), 2);
    QCOMPARE(m_data->settings().routerSettings().twilioVoiceFallbackUrl.toString(), flowUrl(existing));
    QCOMPARE(FallbackFlow::read(m_twilio->flow(existing).value(u"definition"_s).toObject())->number, Fallback);
}

void TestTwilioApply::aFlowDeletedInTheConsoleIsMadeAgain()
{
    setSetting(u"twilio.voice_fallback_url"_s, flowUrl(u"FW0123456789abcdef0123456789abcdef"_s));
    const TwilioApplyOutcome outcome = apply();
    QVERIFY2(outcome.allOk(), qPrintable(describe(outcome)));
    QCOMPARE(m_twilio->flows().size(), 1);
    QCOMPARE(m_data->settings().routerSettings().twilioVoiceFallbackUrl.toString(),
        flowUrl(m_twilio->flows().first().value(u"sid"_s).toString()));
}

void TestTwilioApply::aStudioFailureStillPointsTheNumbersAndSaysSo()
{
    m_twilio->failStudio(403, 20003, u"Permission denied: Studio"_s);
    const TwilioApplyOutcome outcome = apply();
    QVERIFY(!outcome.allOk());
    QVERIFY(!outcome.ok.at(0));
    QVERIFY2(outcome.lines.at(0).startsWith(u"The fallback for when this computer cannot answer was not set up: Twilio "
                                            u"does not allow these credentials to do this (20003)"_s),
        qPrintable(outcome.lines.at(0)));
    // The calls themselves still come here.
    QCOMPARE(m_twilio->updates().size(), 2);
    QVERIFY(outcome.ok.at(1) && outcome.ok.at(2));
    QVERIFY(m_data->settings().routerSettings().twilioVoiceFallbackUrl.isEmpty());
}

void TestTwilioApply::nothingIsSentWithoutTheSettingsItNeeds()
{
    QString error;
    QVERIFY(m_data->settings().unset(u"server.public_url"_s, &error));
    const TwilioApplyOutcome outcome = apply();
    QCOMPARE(outcome.lines, QStringList { u"Enter the public URL first: Twilio needs to know where to send the calls."_s });
    QVERIFY(!outcome.allOk());
    QVERIFY(m_twilio->requests().isEmpty());
}

QTEST_GUILESS_MAIN(TestTwilioApply)
#include "tst_twilioapply.moc"
