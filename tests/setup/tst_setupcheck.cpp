// Tests SetupCheck against the fakes of Twilio's REST API and of Retell, and a real router on loopback whose
// public URL is its loopback address: every line green when all is well, and each fault as a red line.
#include "datadir/datadirectory.h"
#include "fakeretellserver.h"
#include "faketwiliorest.h"
#include "routing/callbackurls.h"
#include "server/routerservice.h"
#include "settings/settings.h"
#include "setup/setupcheck.h"
#include "setup/twilioapply.h"
#include "twilio/fallbackflow.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
const QString AccountSid = u"AC0123456789abcdef0123456789abcdef"_s;
const QString AuthToken = u"tok9f8e7d6c5b4a39281706f5e4d3c2b1a0"_s;
const QString RetellKey = u"key_test_retell_0123"_s;
const QString AgentId = u"agent_4f2a9c"_s;
const QString FrontDesk = u"+15557654321"_s;
const QString Billing = u"+15557654322"_s;
const QString Fallback = u"+15550009999"_s;
// The same numbers as the lines write them for a US practice.
const QString FrontDeskShown = u"(555) 765-4321"_s;
const QString BillingShown = u"(555) 765-4322"_s;
const QString FallbackShown = u"(555) 000-9999"_s;

QString describe(const QList<SetupCheckLine> &lines)
{
    QStringList text;
    for (const SetupCheckLine &line : lines)
        text.append(u"%1 %2: %3 | %4"_s.arg(line.ok ? u"OK"_s : u"NO"_s, line.title, line.detail, line.fix));
    return text.join(u'\n');
}

const SetupCheckLine *lineTitled(const QList<SetupCheckLine> &lines, const QString &title)
{
    for (const SetupCheckLine &line : lines) {
        if (line.title == title)
            return &line;
    }
    return nullptr;
}
} // namespace

class TestSetupCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void everythingRightIsAllGreen();
    void theReachabilityCheckStoresNothing();
    void wrongAuthTokenIsRedWithTheFix();
    void apiKeyIsUsedWhenSet();
    void numbersPointingElsewhereAreRed();
    void noRoutedNumbersIsRed();
    void unreachablePublicUrlIsRed();
    void publicUrlOfSomethingElseIsRed();
    void refusedSignatureIsRed();
    void unknownRetellAgentIsRed();
    void fallbackNumberMissingOrRoutedIsRed();
    void nothingConfiguredIsAllRedWithoutAsking();
    void checksRunSideBySide();
    void publicUrlOnLoopbackIsRedWithThePortFound();
    void publicUrlInAPrivateRangeIsRed();
    void plainHttpPublicUrlIsRed();
    void publicUrlThatDoesNotResolveIsRed();
    void unreachableTwilioIsNotBlamedOnTheCredentials();
    void missingFallbackFlowIsRed();
    void outdatedFallbackFlowIsRedSayingWhatItDoes();
    void numberWithAnotherFallbackUrlIsRed();

private:
    void setSetting(const QString &key, const QString &value);
    QList<SetupCheckLine> check(std::chrono::milliseconds timeout = 5000ms);
    // With the rules about where the public URL may point, which the loopback set-up of the other tests breaks.
    QList<SetupCheckLine> checkWithAddressRules();
    RouterSettings saved();
    CallbackUrls urls();

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_admin;
    std::unique_ptr<RouterService> m_service;
    std::unique_ptr<FakeTwilioRest> m_twilio;
    std::unique_ptr<FakeRetellServer> m_retell;
    std::unique_ptr<QNetworkAccessManager> m_network;
    QString m_frontDeskSid;
    QString m_billingSid;
    QString m_flowSid;
};

void TestSetupCheck::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    m_dir = std::make_unique<TempDataDir>();
    m_admin = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_admin->open(&error), qPrintable(error));
    m_service = std::make_unique<RouterService>(m_dir->path());
    QVERIFY2(m_service->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    m_twilio = std::make_unique<FakeTwilioRest>(AccountSid, AuthToken.toUtf8());
    QVERIFY(m_twilio->listen());
    m_retell = std::make_unique<FakeRetellServer>();
    QVERIFY(m_retell->listen());
    m_retell->setExpectedApiKey(RetellKey.toUtf8());
    m_retell->addAgent(AgentId, u"Bright Smile receptionist"_s);
    m_network = std::make_unique<QNetworkAccessManager>();

    setSetting(u"twilio.account_sid"_s, AccountSid);
    setSetting(u"twilio.auth_token"_s, AuthToken);
    setSetting(u"twilio.api_base"_s, m_twilio->baseUrl().toString());
    setSetting(u"twilio.numbers"_s, FrontDesk + u","_s + Billing);
    setSetting(u"retell.api_key"_s, RetellKey);
    setSetting(u"retell.agent_id"_s, AgentId);
    setSetting(u"retell.api_base"_s, m_retell->baseUrl().toString());
    setSetting(u"routing.fallback_number"_s, u"(555) 000-9999"_s);
    // Twilio reaches the router on its loopback address, as it would through a tunnel.
    setSetting(u"server.public_url"_s, u"http://127.0.0.1:%1"_s.arg(m_service->port()));

    m_frontDeskSid = m_twilio->addNumber(FrontDesk, u"Front desk"_s, urls().voice().toString());
    m_twilio->setNumberField(m_frontDeskSid, u"status_callback"_s, urls().status().toString());
    m_billingSid = m_twilio->addNumber(Billing, u"Billing"_s, urls().voice().toString());
    m_twilio->setNumberField(m_billingSid, u"status_callback"_s, urls().status().toString());
    m_twilio->addNumber(u"+15557654323"_s, u"Fax"_s, u"https://fax.example.com/in"_s);

    // The fallback flow as Apply to Twilio leaves it, and the numbers pointing at it.
    m_flowSid = m_twilio->addFlow(FallbackFlow::friendlyName(), FallbackFlow::definition(TwilioApply::fallbackPlan(*m_admin, saved())));
    const QString flowUrl = u"https://webhooks.twilio.com/v1/Accounts/%1/Flows/%2"_s.arg(AccountSid, m_flowSid);
    setSetting(u"twilio.voice_fallback_url"_s, flowUrl);
    m_twilio->setNumberField(m_frontDeskSid, u"voice_fallback_url"_s, flowUrl);
    m_twilio->setNumberField(m_billingSid, u"voice_fallback_url"_s, flowUrl);
}

void TestSetupCheck::cleanup()
{
    m_network.reset();
    m_retell.reset();
    m_twilio.reset();
    m_service.reset();
    m_admin.reset();
    m_dir.reset();
}

void TestSetupCheck::setSetting(const QString &key, const QString &value)
{
    QString error;
    QVERIFY2(m_admin->settings().set(key, value, &error), qPrintable(error));
}

RouterSettings TestSetupCheck::saved()
{
    return m_admin->settings().routerSettings();
}

CallbackUrls TestSetupCheck::urls()
{
    const RouterSettings settings = saved();
    return CallbackUrls(settings.publicUrl, settings.webhookToken);
}

QList<SetupCheckLine> TestSetupCheck::check(std::chrono::milliseconds timeout)
{
    SetupCheck setupCheck(m_network.get(), saved(), timeout);
    setupCheck.leaveOutPublicAddressRules();
    setupCheck.expectFallback(TwilioApply::fallbackPlan(*m_admin, saved()));
    return QCoro::waitFor(setupCheck.run());
}

QList<SetupCheckLine> TestSetupCheck::checkWithAddressRules()
{
    SetupCheck setupCheck(m_network.get(), saved(), 5000ms);
    return QCoro::waitFor(setupCheck.run());
}

void TestSetupCheck::everythingRightIsAllGreen()
{
    const QList<SetupCheckLine> lines = check();
    const QStringList titles { u"Twilio account"_s, FrontDeskShown + u" points here"_s,
        BillingShown + u" points here"_s, u"When this computer cannot answer"_s, u"Twilio can reach this computer"_s,
        u"Retell AI voice agent"_s, u"Fallback number"_s };
    QCOMPARE(lines.size(), titles.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QCOMPARE(lines.at(i).title, titles.at(i));
        QVERIFY2(lines.at(i).ok, qPrintable(describe(lines)));
        QVERIFY(lines.at(i).fix.isEmpty());
    }
    QCOMPARE(lines.at(0).detail,
        u"Signed in to \"Bright Smile Dental\" (%1) with the auth token."_s.arg(AccountSid));
    // A new plan takes a voicemail when nobody answers, and so does the fallback on Twilio.
    QCOMPARE(lines.at(3).detail,
        u"Twilio rings %1 for 30 s; when nobody answers, takes a voicemail of up to 120 s."_s.arg(FallbackShown));
    QCOMPARE(lines.at(4).detail,
        u"A signed test request to http://127.0.0.1:%1 reached this app."_s.arg(m_service->port()));
    QCOMPARE(lines.at(5).detail, u"Retell answers for the voice agent \"Bright Smile receptionist\"."_s);
    QCOMPARE(lines.at(6).detail, FallbackShown + u" rings when nobody else can take a call."_s);

    // For programs (doctor --json) the numbers stay as stored.
    SetupCheck forPrograms(m_network.get(), saved(), 5000ms);
    forPrograms.writeNumbersAsE164();
    const QList<SetupCheckLine> stored = QCoro::waitFor(forPrograms.run());
    QCOMPARE(stored.at(1).title, FrontDesk + u" points here"_s);
    QCOMPARE(stored.at(6).detail, Fallback + u" rings when nobody else can take a call."_s);

    // A practice in the UK writes the US numbers with their country code.
    setSetting(u"routing.default_region"_s, u"GB"_s);
    const QList<SetupCheckLine> abroad = check();
    QCOMPARE(abroad.at(1).title, u"+1 555-765-4321 points here"_s);
}

void TestSetupCheck::theReachabilityCheckStoresNothing()
{
    const QList<SetupCheckLine> lines = check();
    QVERIFY2(lineTitled(lines, u"Twilio can reach this computer"_s)->ok, qPrintable(describe(lines)));
    QSqlQuery query(m_admin->database().connection());
    QVERIFY(
        query.exec(u"SELECT (SELECT count(*) FROM call_sessions) + (SELECT count(*) FROM call_events)"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);
    // Nothing was changed at Twilio either: a check only reads.
    QVERIFY(m_twilio->updates().isEmpty());
}

void TestSetupCheck::wrongAuthTokenIsRedWithTheFix()
{
    setSetting(u"twilio.auth_token"_s, u"wrong0000000000000000000000000000"_s);
    const QList<SetupCheckLine> lines = check();
    const SetupCheckLine account = lines.at(0);
    QVERIFY(!account.ok);
    QCOMPARE(account.detail, u"Twilio refused the credentials (20003): Authenticate."_s);
    QVERIFY2(account.fix.contains(u"auth token"_s) && account.fix.contains(u"Twilio console"_s),
        qPrintable(account.fix));
    const SetupCheckLine numbers = lines.at(1);
    QVERIFY(!numbers.ok);
    QCOMPARE(numbers.title, u"Numbers point here"_s);
    QVERIFY2(numbers.detail.contains(u"20003"_s), qPrintable(numbers.detail));
    for (const SetupCheckLine &line : lines)
        QVERIFY(!QString(line.detail + line.fix).contains(u"wrong0000000000000000000000000000"_s));
}

void TestSetupCheck::apiKeyIsUsedWhenSet()
{
    const QString keySid = u"SKfedcba9876543210fedcba9876543210"_s;
    m_twilio->addApiKey(keySid, "keysecret0123"_ba);
    setSetting(u"twilio.api_key_sid"_s, keySid);
    setSetting(u"twilio.api_key_secret"_s, u"keysecret0123"_s);
    const QList<SetupCheckLine> lines = check();
    QVERIFY2(lines.at(0).ok, qPrintable(describe(lines)));
    QCOMPARE(lines.at(0).detail,
        u"Signed in to \"Bright Smile Dental\" (%1) with the API key %2."_s.arg(AccountSid, keySid));
    QVERIFY2(lines.at(1).ok, qPrintable(describe(lines)));
    const QByteArray keyAuthorization
        = "Basic "_ba + QByteArray(keySid.toLatin1() + ":keysecret0123").toBase64();
    for (const FakeTwilioRest::Request &request : m_twilio->requests())
        QCOMPARE(request.authorization, keyAuthorization);
}

void TestSetupCheck::numbersPointingElsewhereAreRed()
{
    m_twilio->setNumberField(m_frontDeskSid, u"voice_url"_s, u"https://old.example.com/voice"_s);
    m_twilio->setNumberField(
        m_billingSid, u"voice_application_sid"_s, u"AP0123456789abcdef0123456789abcdef"_s);
    setSetting(u"twilio.numbers"_s, FrontDesk + u","_s + Billing + u",+15557650000"_s);

    const QList<SetupCheckLine> lines = check();
    const SetupCheckLine *frontDesk = lineTitled(lines, FrontDeskShown + u" points here"_s);
    QVERIFY(frontDesk && !frontDesk->ok);
    QCOMPARE(frontDesk->detail, u"Now calls go to https://old.example.com/voice."_s);
    QCOMPARE(frontDesk->fix, u"Click Apply to Twilio to point it here."_s);

    const SetupCheckLine *billing = lineTitled(lines, BillingShown + u" points here"_s);
    QVERIFY(billing && !billing->ok);
    QCOMPARE(billing->detail,
        u"Now calls go to the TwiML App AP0123456789abcdef0123456789abcdef instead of the voice URL."_s);
    QVERIFY2(billing->fix.contains(u"Webhook"_s), qPrintable(billing->fix));

    const SetupCheckLine *unknown = lineTitled(lines, u"(555) 765-0000 points here"_s);
    QVERIFY(unknown && !unknown->ok);
    QCOMPARE(unknown->detail, u"(555) 765-0000 is not a number of this Twilio account."_s);
}

void TestSetupCheck::noRoutedNumbersIsRed()
{
    QString error;
    QVERIFY(m_admin->settings().unset(u"twilio.numbers"_s, &error));
    const QList<SetupCheckLine> lines = check();
    QCOMPARE(lines.at(1).title, u"Numbers point here"_s);
    QVERIFY(!lines.at(1).ok);
    QVERIFY2(lines.at(1).fix.contains(u"Apply to Twilio"_s), qPrintable(lines.at(1).fix));
}

void TestSetupCheck::unreachablePublicUrlIsRed()
{
    quint16 closedPort = 0;
    {
        QTcpServer placeholder;
        QVERIFY(placeholder.listen(QHostAddress::LocalHost, 0));
        closedPort = placeholder.serverPort();
    }
    setSetting(u"server.public_url"_s, u"http://127.0.0.1:%1"_s.arg(closedPort));
    const SetupCheckLine reach = *lineTitled(check(), u"Twilio can reach this computer"_s);
    QVERIFY(!reach.ok);
    QVERIFY2(reach.detail.startsWith(u"Could not reach http://127.0.0.1:%1: "_s.arg(closedPort)),
        qPrintable(reach.detail));
    QVERIFY2(reach.fix.contains(u"tunnel"_s) && reach.fix.contains(u"http://127.0.0.1:8080"_s),
        qPrintable(reach.fix));
}

void TestSetupCheck::publicUrlOfSomethingElseIsRed()
{
    setSetting(u"server.public_url"_s, m_retell->baseUrl().toString());
    const SetupCheckLine reach = *lineTitled(check(), u"Twilio can reach this computer"_s);
    QVERIFY(!reach.ok);
    QCOMPARE(reach.detail,
        u"Something at %1 answered HTTP 404, but not the way this app does."_s.arg(
            m_retell->baseUrl().toString()));
}

void TestSetupCheck::refusedSignatureIsRed()
{
    // As if the router at the public URL had another auth token than the one this check signs with.
    RouterSettings settings = saved();
    settings.twilioAuthToken = u"another-token-0000000000000000000"_s;
    SetupCheck setupCheck(m_network.get(), settings, 5000ms);
    setupCheck.leaveOutPublicAddressRules();
    const QList<SetupCheckLine> lines = QCoro::waitFor(setupCheck.run());
    const SetupCheckLine reach = *lineTitled(lines, u"Twilio can reach this computer"_s);
    QVERIFY(!reach.ok);
    QVERIFY2(
        reach.detail.contains(u"refused the signed test request: The X-Twilio-Signature does not match"_s),
        qPrintable(reach.detail));
}

void TestSetupCheck::unknownRetellAgentIsRed()
{
    setSetting(u"retell.agent_id"_s, u"agent_typo"_s);
    const SetupCheckLine retell = *lineTitled(check(), u"Retell AI voice agent"_s);
    QVERIFY(!retell.ok);
    QVERIFY2(
        retell.detail.startsWith(u"Retell has no voice agent \"agent_typo\""_s), qPrintable(retell.detail));
    QVERIFY2(retell.fix.contains(u"Retell dashboard"_s), qPrintable(retell.fix));
    QVERIFY(!retell.detail.contains(RetellKey));
}

void TestSetupCheck::fallbackNumberMissingOrRoutedIsRed()
{
    setSetting(u"routing.fallback_number"_s, FrontDesk);
    SetupCheckLine fallback = check().constLast();
    QCOMPARE(fallback.title, u"Fallback number"_s);
    QVERIFY(!fallback.ok);
    QCOMPARE(fallback.detail,
        FrontDeskShown + u" is one of the numbers this app answers, so a call would ring itself."_s);

    QString error;
    QVERIFY(m_admin->settings().unset(u"routing.fallback_number"_s, &error));
    fallback = check().constLast();
    QVERIFY(!fallback.ok);
    QVERIFY2(fallback.fix.contains(u"Enter the phone number"_s), qPrintable(fallback.fix));
}

void TestSetupCheck::nothingConfiguredIsAllRedWithoutAsking()
{
    RouterSettings nothing;
    nothing.twilioApiBase = m_twilio->baseUrl();
    nothing.retellApiBase = m_retell->baseUrl();
    const QList<SetupCheckLine> lines = QCoro::waitFor(SetupCheck(m_network.get(), nothing, 5000ms).run());
    QCOMPARE(lines.size(), 6);
    for (const SetupCheckLine &line : lines) {
        QVERIFY2(!line.ok, qPrintable(describe(lines)));
        QVERIFY2(!line.fix.isEmpty() && line.fix.endsWith(u'.'), qPrintable(describe(lines)));
    }
    QVERIFY(m_twilio->requests().isEmpty());
    QCOMPARE(m_retell->agentRequests().size(), 0);
}

void TestSetupCheck::checksRunSideBySide()
{
    m_twilio->setHanging(true);
    QElapsedTimer elapsed;
    elapsed.start();
    const QList<SetupCheckLine> lines = check(600ms);
    const qint64 took = elapsed.elapsed();
    QCOMPARE(lines.at(0).detail, u"Twilio did not answer within 600 ms."_s);
    QCOMPARE(lines.at(1).detail, u"The numbers could not be checked: Twilio did not answer within 600 ms."_s);
    QVERIFY2(lineTitled(lines, u"Twilio can reach this computer"_s)->ok, qPrintable(describe(lines)));
    // Two Twilio requests of 600 ms each, yet the whole check took about one.
    QVERIFY2(took < 1100, qPrintable(QString::number(took)));
}

void TestSetupCheck::publicUrlOnLoopbackIsRedWithThePortFound()
{
    // The router listens on 8080 (the default); the URL names another port of this computer.
    setSetting(u"server.public_url"_s, u"http://127.0.0.1:18080"_s);
    const QList<SetupCheckLine> lines = checkWithAddressRules();
    const SetupCheckLine reach = *lineTitled(lines, u"Twilio can reach this computer"_s);
    QVERIFY(!reach.ok);
    QVERIFY2(reach.detail.startsWith(u"Twilio cannot reach http://127.0.0.1:18080: it is this computer's loopback "
                                     u"address, which only this computer can reach."_s),
        qPrintable(reach.detail));
    QVERIFY2(reach.detail.contains(u"It leads to port 18080 of this computer, but the router listens on port 8080"_s),
        qPrintable(reach.detail));
    QVERIFY2(reach.fix.contains(u"tunnel"_s) && reach.fix.contains(u"https"_s), qPrintable(reach.fix));
}

void TestSetupCheck::publicUrlInAPrivateRangeIsRed()
{
    for (const QString &url : { u"https://192.168.1.20"_s, u"https://10.0.0.5:8443"_s, u"https://[fd00::5]"_s,
             u"https://100.64.3.4"_s, u"https://frontdesk.local"_s, u"https://localhost"_s }) {
        setSetting(u"server.public_url"_s, url);
        const SetupCheckLine reach = *lineTitled(checkWithAddressRules(), u"Twilio can reach this computer"_s);
        QVERIFY2(!reach.ok, qPrintable(url));
        QVERIFY2(reach.detail.startsWith(u"Twilio cannot reach "_s), qPrintable(reach.detail));
        QVERIFY2(reach.fix.contains(u"port of the office router"_s), qPrintable(reach.fix));
    }
}

void TestSetupCheck::plainHttpPublicUrlIsRed()
{
    // A public address (from the range kept for documentation), so only the scheme is wrong.
    setSetting(u"server.public_url"_s, u"http://203.0.113.10"_s);
    const SetupCheckLine reach = *lineTitled(checkWithAddressRules(), u"Twilio can reach this computer"_s);
    QVERIFY(!reach.ok);
    QVERIFY2(reach.detail.contains(u"is plain http"_s), qPrintable(reach.detail));
    QVERIFY2(reach.fix.contains(u"TLS certificate"_s), qPrintable(reach.fix));
}

void TestSetupCheck::publicUrlThatDoesNotResolveIsRed()
{
    // .invalid never resolves, with or without an internet connection.
    setSetting(u"server.public_url"_s, u"https://old-tunnel.invalid"_s);
    const SetupCheckLine reach = *lineTitled(checkWithAddressRules(), u"Twilio can reach this computer"_s);
    QVERIFY(!reach.ok);
    QVERIFY2(reach.detail.startsWith(u"The public URL's host old-tunnel.invalid cannot be found"_s), qPrintable(reach.detail));
    QVERIFY2(reach.fix.contains(u"internet connection"_s), qPrintable(reach.fix));
}

void TestSetupCheck::unreachableTwilioIsNotBlamedOnTheCredentials()
{
    for (const QString &base : { u"https://api.nowhere.invalid"_s, u"http://127.0.0.1:1"_s }) {
        setSetting(u"twilio.api_base"_s, base);
        const QList<SetupCheckLine> lines = check();
        const SetupCheckLine account = lines.at(0);
        QVERIFY(!account.ok);
        QVERIFY2(account.fix.contains(u"internet connection"_s), qPrintable(describe(lines)));
        QVERIFY2(!account.fix.contains(u"Copy the account SID"_s), qPrintable(describe(lines)));
        QVERIFY2(lines.at(1).fix.contains(u"internet connection"_s), qPrintable(describe(lines)));
    }
    // Credentials Twilio refuses still get the fix that says to copy them again.
    setSetting(u"twilio.api_base"_s, m_twilio->baseUrl().toString());
    setSetting(u"twilio.auth_token"_s, u"wrong0000000000000000000000000000"_s);
    QVERIFY(check().at(0).fix.contains(u"Copy the account SID"_s));
}

void TestSetupCheck::missingFallbackFlowIsRed()
{
    QString error;
    QVERIFY(m_admin->settings().unset(u"twilio.voice_fallback_url"_s, &error));
    m_twilio->setNumberField(m_frontDeskSid, u"voice_fallback_url"_s, QString());
    const QList<SetupCheckLine> lines = check();
    const SetupCheckLine flow = *lineTitled(lines, u"When this computer cannot answer"_s);
    QVERIFY(!flow.ok);
    QVERIFY2(flow.detail.contains(u"Twilio's error message"_s), qPrintable(flow.detail));
    QVERIFY2(flow.fix.contains(u"Apply to Twilio"_s), qPrintable(flow.fix));
    const SetupCheckLine frontDesk = *lineTitled(lines, FrontDeskShown + u" points here"_s);
    QVERIFY(!frontDesk.ok);
    QVERIFY2(frontDesk.detail.contains(u"callers hear Twilio's error message"_s), qPrintable(frontDesk.detail));
}

void TestSetupCheck::outdatedFallbackFlowIsRedSayingWhatItDoes()
{
    // The fallback number changed after the flow was set up.
    setSetting(u"routing.fallback_number"_s, u"+15550001111"_s);
    const SetupCheckLine flow = *lineTitled(check(), u"When this computer cannot answer"_s);
    QVERIFY(!flow.ok);
    QVERIFY2(flow.detail.startsWith(u"Twilio rings %1 for 30 s"_s.arg(FallbackShown)), qPrintable(flow.detail));
    QVERIFY2(flow.detail.contains(u"it should: rings (555) 000-1111 for 30 s"_s), qPrintable(flow.detail));
    QVERIFY2(flow.fix.contains(u"Apply to Twilio"_s), qPrintable(flow.fix));
}

void TestSetupCheck::numberWithAnotherFallbackUrlIsRed()
{
    m_twilio->setNumberField(m_billingSid, u"voice_fallback_url"_s, u"https://handler.twilio.com/twiml/EH00"_s);
    const SetupCheckLine billing = *lineTitled(check(), BillingShown + u" points here"_s);
    QVERIFY(!billing.ok);
    QVERIFY2(billing.detail.contains(u"turns to https://handler.twilio.com/twiml/EH00 instead"_s), qPrintable(billing.detail));
    QCOMPARE(billing.fix, u"Click Apply to Twilio."_s);
}

QTEST_GUILESS_MAIN(TestSetupCheck)
#include "tst_setupcheck.moc"
