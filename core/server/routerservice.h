// The running router: data directory, call router, webhook handler and HTTP server, all living on
// the thread that starts it.
#pragma once

#include <QHostAddress>
#include <QObject>

#include "webhooklistener.h"

#include <memory>
#include <optional>

class CallLogWriter;
class CallLogRetention;
class DailyBackup;
class FallbackFlowKeeper;
class CallRouter;
class DataDirectory;
class RouterLock;
class QNetworkAccessManager;
class RouterSettingsCache;
class WalCheckpointer;
class TwilioWebhookHandler;
class UnfinishedCallSweeper;
class OpenCallCheck;
class WebhookServer;
class FeedHub;
class FeedServer;
class LiveCallControl;

class RouterService : public QObject
{
    Q_OBJECT

public:
    explicit RouterService(QString dataDir, QObject *parent = nullptr);
    ~RouterService() override;

    // Limits for the webhook port other than the usual ones (before start()); without them, the
    // connection cap follows the process's open-file limit.
    void setConnectionLimits(const ConnectionLimits &limits) { m_limits = limits; }
    // Opens the live feed's listener (before start()): where feed.listen says, following its changes, or at
    // the address given (`serve --feed-listen`, and tests, which take any free port). Without this the
    // feed's messages still reach feedHub() but no seat can connect.
    void enableFeed(std::optional<std::pair<QHostAddress, quint16>> address = std::nullopt)
    {
        m_feedEnabled = true;
        m_feedAddress = std::move(address);
    }
    // Opens the data directory with this thread's own connection and starts listening.
    bool start(const QHostAddress &address, quint16 port, QString *error);
    // From now on listens wherever server.listen says, moving as soon as it is changed, here or in
    // another program (for a router whose address was not given on the command line).
    void followListenSetting();
    quint16 port() const;
    QHostAddress address() const;
    int connectionCount() const;
    CallRouter *router() const { return m_router.get(); }
    // For the figures of a benchmark or a status line: read on this service's thread.
    const CallLogWriter *callLog() const { return m_log.get(); }
    const WalCheckpointer *checkpointer() const { return m_checkpointer.get(); }
    DataDirectory *dataDirectory() const { return m_data.get(); }
    const CallLogRetention *retention() const { return m_retention.get(); }
    const OpenCallCheck *openCallCheck() const { return m_openCalls.get(); }
    // The live feed: its messages (for the desktop app's own panel) and its listener, which is null when
    // it could not listen (feedProblem() says why); the calls are routed all the same.
    FeedHub *feedHub() const { return m_feedHub.get(); }
    FeedServer *feedServer() const { return m_feed.get(); }
    // What seats (and this computer's own window) ask of live calls.
    LiveCallControl *callControl() const { return m_control.get(); }
    QString feedProblem() const { return m_feedProblem; }

Q_SIGNALS:
    // The call log cannot be written (a plain sentence), or can be again (empty).
    void callLogProblemChanged(const QString &problem);
    // The live feed listens (problem empty) or cannot (why).
    void feedProblemChanged(const QString &problem);
    // Listening on another address, after server.listen changed.
    void moved(const QHostAddress &address, quint16 port);
    // server.listen changed but its address could not be had; the router is still where it was.
    void moveFailed(const QString &error);

private:
    void followListenChange();
    // Listens where feed.listen (or setFeedAddress) says, with TLS when its files are set; again when
    // one of them changes. A feed that cannot listen never stops the router.
    void startFeed();
    void followFeedSettings();
    QString feedSettingsKey() const;

    QString m_dataDir;
    std::unique_ptr<RouterLock> m_lock;
    std::unique_ptr<DataDirectory> m_data;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    std::unique_ptr<CallLogWriter> m_log;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<RouterSettingsCache> m_settings;
    std::unique_ptr<CallRouter> m_router;
    std::unique_ptr<UnfinishedCallSweeper> m_sweeper;
    std::unique_ptr<OpenCallCheck> m_openCalls;
    std::unique_ptr<DailyBackup> m_backup;
    std::unique_ptr<CallLogRetention> m_retention;
    std::unique_ptr<FallbackFlowKeeper> m_flowKeeper;
    std::unique_ptr<TwilioWebhookHandler> m_handler;
    std::unique_ptr<WebhookServer> m_server;
    std::unique_ptr<FeedHub> m_feedHub;
    std::unique_ptr<LiveCallControl> m_control;
    std::unique_ptr<FeedServer> m_feed;
    QString m_feedProblem;
    QString m_feedListening; // the feed settings it listens with, to notice a change
    std::optional<ConnectionLimits> m_limits;
    bool m_feedEnabled = false;
    std::optional<std::pair<QHostAddress, quint16>> m_feedAddress;
};
