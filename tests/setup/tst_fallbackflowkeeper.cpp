// Tests FallbackFlowKeeper against the loopback fake of Twilio's REST API: a changed fallback number reaches
// the Twilio-hosted flow by itself, an unchanged one costs no request, and a flow changed by hand is left alone.
#include "datadir/datadirectory.h"
#include "faketwiliorest.h"
#include "settings/routersettingscache.h"
#include "settings/settings.h"
#include "setup/fallbackflowkeeper.h"
#include "setup/twilioapply.h"
#include "tempdatadir.h"
#include "twilio/fallbackflow.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
const QString AccountSid = u"AC0123456789abcdef0123456789abcdef"_s;
const QString AuthToken = u"tok9f8e7d6c5b4a39281706f5e4d3c2b1a0"_s;
} // namespace

class TestFallbackFlowKeeper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void aChangedFallbackNumberReachesTheFlow();
    void aFlowChangedByHandIsLeftAlone();
    void noFlowNoRequest();

private:
    void setSetting(const QString &key, const QString &value);
    QString fallbackNumberOfTheFlow() const;

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_data;
    std::unique_ptr<FakeTwilioRest> m_twilio;
    std::unique_ptr<QNetworkAccessManager> m_network;
    QString m_flowSid;
};

void TestFallbackFlowKeeper::init()
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
    setSetting(u"routing.fallback_number"_s, u"+15550009999"_s);
    // As Apply to Twilio left it.
    m_flowSid = m_twilio->addFlow(FallbackFlow::friendlyName(),
        FallbackFlow::definition(TwilioApply::fallbackPlan(*m_data, m_data->settings().routerSettings())));
    setSetting(u"twilio.voice_fallback_url"_s,
        u"https://webhooks.twilio.com/v1/Accounts/%1/Flows/%2"_s.arg(AccountSid, m_flowSid));
}

void TestFallbackFlowKeeper::cleanup()
{
    m_network.reset();
    m_twilio.reset();
    m_data.reset();
    m_dir.reset();
}

void TestFallbackFlowKeeper::setSetting(const QString &key, const QString &value)
{
    QString error;
    QVERIFY2(m_data->settings().set(key, value, &error), qPrintable(error));
}

QString TestFallbackFlowKeeper::fallbackNumberOfTheFlow() const
{
    const std::optional<FallbackPlan> plan = FallbackFlow::read(m_twilio->flow(m_flowSid).value(u"definition"_s).toObject());
    return plan ? plan->number : QString();
}

void TestFallbackFlowKeeper::aChangedFallbackNumberReachesTheFlow()
{
    RouterSettingsCache settings(m_data->settings(), m_data->database());
    FallbackFlowKeeper keeper(*m_data, settings, m_network.get(), 20ms);
    QSignalSpy checked(&keeper, &FallbackFlowKeeper::checked);
    // At start: asked once, and the flow already does what the settings say.
    QVERIFY(checked.wait(10000));
    QCOMPARE(checked.first().at(0).toBool(), false);
    QVERIFY(m_twilio->flowWrites().isEmpty());

    setSetting(u"routing.fallback_number"_s, u"+15550001111"_s);
    QVERIFY(checked.wait(10000));
    QCOMPARE(checked.last().at(0).toBool(), true);
    QVERIFY2(checked.last().at(1).toString().startsWith(u"rings +15550001111 for 30 s"_s),
        qPrintable(checked.last().at(1).toString()));
    QCOMPARE(fallbackNumberOfTheFlow(), u"+15550001111"_s);
    QCOMPARE(m_twilio->flowWrites().size(), 1);

    // Nothing changed since: the next looks ask nothing.
    const qsizetype requests = m_twilio->requests().size();
    QTest::qWait(200);
    QCOMPARE(m_twilio->requests().size(), requests);
}

void TestFallbackFlowKeeper::aFlowChangedByHandIsLeftAlone()
{
    FallbackPlan someoneElses;
    someoneElses.number = u"+15550002222"_s;
    QJsonObject edited = FallbackFlow::definition(someoneElses);
    edited.insert(u"description"_s, u"Edited in the console"_s);
    m_twilio->addFlow(u"Other"_s, {});
    const QString handMade = m_twilio->addFlow(u"Switchboard fallback (mine)"_s, edited);
    setSetting(u"twilio.voice_fallback_url"_s,
        u"https://webhooks.twilio.com/v1/Accounts/%1/Flows/%2"_s.arg(AccountSid, handMade));
    setSetting(u"routing.fallback_number"_s, u"+15550001111"_s);

    RouterSettingsCache settings(m_data->settings(), m_data->database());
    FallbackFlowKeeper keeper(*m_data, settings, m_network.get(), 20ms);
    QSignalSpy checked(&keeper, &FallbackFlowKeeper::checked);
    QVERIFY(checked.wait(10000));
    QCOMPARE(checked.first().at(0).toBool(), false);
    QVERIFY(m_twilio->flowWrites().isEmpty());
}

void TestFallbackFlowKeeper::noFlowNoRequest()
{
    QString error;
    QVERIFY(m_data->settings().unset(u"twilio.voice_fallback_url"_s, &error));
    RouterSettingsCache settings(m_data->settings(), m_data->database());
    FallbackFlowKeeper keeper(*m_data, settings, m_network.get(), 20ms);
    setSetting(u"routing.fallback_number"_s, u"+15550001111"_s);
    QTest::qWait(100);
    QVERIFY(m_twilio->requests().isEmpty());
}

QTEST_GUILESS_MAIN(TestFallbackFlowKeeper)
#include "tst_fallbackflowkeeper.moc"
