#include "setup/fallbackflowkeeper.h"

#include "settings/routersettingscache.h"
#include "settings/settingslog.h"
#include "setup/twilioapply.h"
#include "setup/twiliosetup.h"
#include "twilio/twiliorestclient.h"

#include <QNetworkAccessManager>

#include <QCoroTask>

using namespace Qt::StringLiterals;

namespace {

struct Sync
{
    bool changed = false;
    bool unreachable = false;
    QString error;
};

QCoro::Task<Sync> bringUpToDate(TwilioRestClient client, QString flowSid, FallbackPlan plan)
{
    const Result<StudioFlow> flow = co_await client.fetchFlow(flowSid);
    if (!flow.ok())
        co_return Sync { false, flow.unreachable(), flow.error() };
    // A flow changed by hand in the console is the owner's: Check setup says so, and Apply replaces it.
    const std::optional<FallbackPlan> does = FallbackFlow::read(flow->definition);
    if (!does || *does == plan)
        co_return Sync {};
    const Result<StudioFlow> updated
        = co_await client.updateFlow(flowSid, FallbackFlow::definition(plan), FallbackFlow::tr("Updated by Switchboard"));
    if (!updated.ok())
        co_return Sync { false, updated.unreachable(), updated.error() };
    co_return Sync { true };
}

} // namespace

FallbackFlowKeeper::FallbackFlowKeeper(DataDirectory &data, RouterSettingsCache &settings,
    QNetworkAccessManager *network, std::chrono::milliseconds interval, QObject *parent)
    : QObject(parent)
    , m_data(data)
    , m_settings(settings)
    , m_network(network)
{
    connect(&m_timer, &QTimer::timeout, this, &FallbackFlowKeeper::look);
    m_timer.start(interval);
    QTimer::singleShot(0, this, &FallbackFlowKeeper::look);
}

void FallbackFlowKeeper::look()
{
    if (m_asking)
        return;
    const RouterSettings &settings = m_settings.current();
    if (settings.revision == m_checkedRevision)
        return;
    const QString flowSid = FallbackFlow::flowSidIn(settings.twilioVoiceFallbackUrl);
    const TwilioSetup twilio(settings);
    if (flowSid.isEmpty() || !twilio.hasCredentials() || !m_network) {
        m_checkedRevision = settings.revision;
        return;
    }
    const FallbackPlan plan = TwilioApply::fallbackPlan(m_data, settings);
    const qint64 revision = settings.revision;
    m_asking = true;
    QCoro::connect(bringUpToDate(twilio.client(m_network, TwilioApply::RestTimeout), flowSid, plan), this,
        [this, revision, plan](const Sync &sync) {
            m_asking = false;
            // Not reached: the next look asks again.
            if (!sync.unreachable)
                m_checkedRevision = revision;
            if (!sync.error.isEmpty()) {
                qCWarning(lcSettings).noquote() << "The fallback flow could not be brought up to date:" << sync.error;
                Q_EMIT failed(sync.error);
                return;
            }
            const QString what = FallbackFlow::describe(plan);
            if (sync.changed)
                qCInfo(lcSettings).noquote() << "Updated the fallback flow: when this computer cannot answer, Twilio"
                                             << what;
            Q_EMIT checked(sync.changed, what);
        });
}
