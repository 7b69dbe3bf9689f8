// The running router, living on the thread that starts it.
#include "routerservice.h"

#include "datadir/calllogretention.h"
#include "datadir/dailybackup.h"
#include "datadir/datadirectory.h"
#include "datadir/routerlock.h"
#include "feedapi.h"
#include "feedhub.h"
#include "livecallcontrol.h"
#include "feedserver.h"
#include "openfilelimit.h"
#include "routing/callrouter.h"
#include "routing/opencallcheck.h"
#include "routing/unfinishedcallsweeper.h"
#include "serverlog.h"
#include "settings/routersettingscache.h"
#include "settings/settings.h"
#include "settings/settingswatcher.h"
#include "setup/fallbackflowkeeper.h"
#include "storage/calllogwriter.h"
#include "storage/database.h"
#include "storage/databasebackup.h"
#include "storage/walcheckpointer.h"
#include "twiliowebhookhandler.h"
#include "webhookserver.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>

RouterService::RouterService(QString dataDir, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
{ }

RouterService::~RouterService()
{
    // Stop taking requests before the parts that answer them go away.
    m_feed.reset();
    m_server.reset();
    m_handler.reset();
    m_backup.reset(); // waits for a copy under way
    m_retention.reset(); // stops after the step under way
    m_flowKeeper.reset();
    m_sweeper.reset();
    m_openCalls.reset();
    m_control.reset(); // before the router it writes timelines into
    m_router.reset();
    m_feedHub.reset();
    m_log.reset(); // writes what is still queued
    m_settings.reset();
    m_network.reset();
    m_checkpointer.reset();
    m_data.reset();
    m_lock.reset(); // last: the folder is free once nothing of this router uses it
}

bool RouterService::start(const QHostAddress &address, quint16 port, QString *error)
{
    m_lock = std::make_unique<RouterLock>(m_dataDir);
    if (!m_lock->acquire(error))
        return false;
    // A damaged database is said so before a call is routed into it, never worked around or made anew.
    const QString databaseFile = Database::fileNameIn(m_dataDir);
    if (QFileInfo::exists(databaseFile)) {
        if (const QString problem = DatabaseBackup::pageProblem(databaseFile); !problem.isEmpty()) {
            *error = DataDirectory::damagedDatabase(m_dataDir, problem);
            return false;
        }
    }
    m_data = std::make_unique<DataDirectory>(m_dataDir);
    if (!m_data->open(error))
        return false;
    if (!m_data->database().disableAutoCheckpoint(error))
        return false;
    if (!m_data->database().disableMemoryMap(error))
        return false;
    m_checkpointer = std::make_unique<WalCheckpointer>(m_data->database().filePath());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_settings = std::make_unique<RouterSettingsCache>(m_data->settings(), m_data->database());
    m_log = std::make_unique<CallLogWriter>(m_data->database());
    // Before the first call: the log of calls answered just before a crash goes in first.
    QList<JournalRecord> replayed;
    if (!m_log->openJournal(QDir(m_data->path()).filePath(QLatin1StringView(CallLogJournal::FileName)), &replayed, error))
        return false;
    connect(m_log.get(), &CallLogWriter::problemChanged, this, &RouterService::callLogProblemChanged);
    m_router = std::make_unique<CallRouter>(m_data->database(), *m_log, m_network.get());
    m_router->resume(replayed);
    m_router->setDataFolder(m_data->path());
    m_sweeper = std::make_unique<UnfinishedCallSweeper>(*m_router);
    m_openCalls = std::make_unique<OpenCallCheck>(*m_router, *m_settings, m_network.get());
    m_backup = std::make_unique<DailyBackup>(m_data->path(), [this] { return m_data->settings().backupKeep(); });
    m_retention = std::make_unique<CallLogRetention>(m_data->path(), [this] { return m_data->settings().retentionDays(); });
    m_flowKeeper = std::make_unique<FallbackFlowKeeper>(*m_data, *m_settings, m_network.get());
    m_handler = std::make_unique<TwilioWebhookHandler>(*m_settings, *m_router, m_data->database());
    // Every connection to the webhook port is an open file: take all the process may have, and
    // keep the connections well below it.
    const int openFiles = OpenFileLimit::raiseToHard();
    ConnectionLimits limits = m_limits.value_or(ConnectionLimits {});
    if (!m_limits)
        limits.maxConnections = ConnectionLimits::connectionCapFor(openFiles);
    m_server = std::make_unique<WebhookServer>(*m_handler, limits);
    if (!m_server->listen(address, port, error))
        return false;

    m_feedHub = std::make_unique<FeedHub>(m_data->database(), [this] { return m_settings->current().fallbackNumber; });
    m_feedHub->loadOngoing();
    m_control = std::make_unique<LiveCallControl>(*m_router, *m_feedHub, *m_settings, m_network.get());
    // Queued: the webhook is answered before its change goes out to the seats.
    connect(m_router.get(), &CallRouter::changeJournaled, m_feedHub.get(), &FeedHub::publishChange, Qt::QueuedConnection);
    if (m_feedEnabled) {
        startFeed();
        connect(&m_data->settingsWatcher(), &SettingsWatcher::changed, this, &RouterService::followFeedSettings);
    }
    return true;
}

void RouterService::startFeed()
{
    const RouterSettings &settings = m_settings->current();
    m_feedListening = feedSettingsKey();
    m_feed.reset();
    QString problem;
    std::optional<QSslConfiguration> tls;
    if (!settings.feedTlsCert.isEmpty() || !settings.feedTlsKey.isEmpty()) {
        if (settings.feedTlsCert.isEmpty() || settings.feedTlsKey.isEmpty())
            problem = tr("The live feed is off: set both feed.tls_cert and feed.tls_key, or neither.");
        else
            tls = FeedListener::tlsConfiguration(settings.feedTlsCert, settings.feedTlsKey, &problem);
    }
    if (problem.isEmpty()) {
        auto feed = std::make_unique<FeedServer>(*m_feedHub, [this] {
            const RouterSettings &current = m_settings->current();
            return FeedTokens(current.feedViewToken, current.feedControlToken);
        });
        // The read-only API reads through the router's own connection: a page is a few milliseconds.
        feed->setApiHandler([this](const QByteArray &method, const QString &path, const QUrlQuery &query, FeedRole) {
            FeedApi::Answer answer = FeedApi(*m_data).answer(method, path, query);
            return FeedHttpAnswer { answer.status, answer.body, answer.contentType, answer.allow };
        });
        // Read when a seat asks, on the router's thread: the plan in force then.
        feed->setSeatChoices([this] {
            SeatInfo choices;
            const RoutingModel &model = m_router->routingModel(m_settings->current());
            for (const StaffMember &member : model.staff) {
                if (member.active)
                    choices.staff.append({ member.id, member.name });
            }
            for (const Team &team : model.teams)
                choices.teams.append({ team.id, team.name });
            return choices;
        });
        feed->setCommandHandler([this](const FeedCommand &command, FeedServer::CommandDone done) {
            m_control->handle(command, std::move(done));
        });
        const QHostAddress address = m_feedAddress ? m_feedAddress->first : QHostAddress(settings.feedListenHost);
        const quint16 port = m_feedAddress ? m_feedAddress->second : settings.feedListenPort;
        if (feed->listen(address, port, tls, &problem))
            m_feed = std::move(feed);
    }
    if (!problem.isEmpty())
        qCWarning(lcServer).noquote() << problem;
    if (problem != m_feedProblem) {
        m_feedProblem = problem;
        Q_EMIT feedProblemChanged(problem);
    }
}

QString RouterService::feedSettingsKey() const
{
    // An address given on the command line stays whatever feed.listen says; TLS files may still change.
    const RouterSettings &settings = m_settings->current();
    const QString listen = m_feedAddress ? m_feedAddress->first.toString() + u':' + QString::number(m_feedAddress->second)
                                         : settings.feedListenHost + u':' + QString::number(settings.feedListenPort);
    return listen + u'\n' + settings.feedTlsCert + u'\n' + settings.feedTlsKey;
}

void RouterService::followFeedSettings()
{
    if (feedSettingsKey() != m_feedListening)
        startFeed();
    else if (m_feed)
        m_feed->recheckTokens();
}

void RouterService::followListenSetting()
{
    if (!m_data || !m_server)
        return;
    connect(&m_data->settingsWatcher(), &SettingsWatcher::changed, this, &RouterService::followListenChange,
        Qt::UniqueConnection);
}

void RouterService::followListenChange()
{
    const RouterSettings &settings = m_settings->current();
    const QHostAddress wanted(settings.listenHost);
    if (wanted == m_server->address() && settings.listenPort == m_server->port())
        return;
    QString error;
    if (!m_server->moveTo(wanted, settings.listenPort, &error)) {
        qCWarning(lcServer).noquote() << error;
        Q_EMIT moveFailed(error);
        return;
    }
    Q_EMIT moved(m_server->address(), m_server->port());
}

quint16 RouterService::port() const
{
    return m_server ? m_server->port() : 0;
}

QHostAddress RouterService::address() const
{
    return m_server ? m_server->address() : QHostAddress();
}

int RouterService::connectionCount() const
{
    return m_server ? m_server->connectionCount() : 0;
}
