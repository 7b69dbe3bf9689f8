// A remote seat: another Switchboard's Live calls, Call logs and Statistics in a window of their own, titled
// with its address. The live calls come over its feed, the rest from its read-only API. A banner says plainly
// when the seat is cut off (it comes back by itself), when its token was refused, or when the other
// computer's certificate must be trusted first. Watching only, unless the token lets this seat act on calls.
#pragma once

#include "feed/feedapiclient.h"
#include "feed/feedclient.h"
#include "look/shownclock.h"
#include "remoteseatsettings.h"

#include <QDeadlineTimer>
#include <QMainWindow>

class ConnectionBanner;
class Database;
class LiveMonitorPanel;
class QLabel;
class QListWidget;
class QNetworkAccessManager;
class QStackedWidget;
class QTimer;
class RemoteCallLogPanel;
class StatsPanel;
class UiState;
struct CallBackTarget;
struct CallStatsQuery;

class RemoteSeatWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `localDb` is this computer's own data folder: numbers are shown the way its practice writes them
    // (the other Switchboard's feed does not say its region). Nothing of it is changed.
    explicit RemoteSeatWindow(Database &localDb, QWidget *parent = nullptr);
    ~RemoteSeatWindow() override;

    // Starts watching; from then on the seat reconnects by itself. False, with the reason, for an address or
    // token that cannot be used (RemoteSeatDialog checks them first).
    bool connectTo(const RemoteSeatSettings &settings, QString *error);

    RemoteSeatSettings settings() const { return m_settings; }
    // Whether the other Switchboard lets this seat act on calls (GET /api/seat said "control"); false until
    // it has said so.
    bool canAct() const { return m_canAct; }
    // What the other Switchboard said this seat may do, and whom it may name (its staff and teams); a watching
    // seat until it has said.
    const SeatInfo &seatInfo() const { return m_seat; }
    // Where the phone chosen for the last call-back is remembered; none: not remembered.
    void setUiState(UiState *state) { m_uiState = state; }
    // "Call back…" from the call log or the statistics: asks whose phone rings first (over the window, not
    // waiting for it), then sends the call-back under this seat's name. Ignored unless this seat may act.
    void callBack(const CallBackTarget &target);
    // What the status bar says of the last call-back: that the phone rings, or why it could not.
    QString callBackResultText() const;
    // The name this seat acts under (FeedCommand::seat).
    QString seatName() const { return m_settings.seatName; }
    // The seat's connection, for the commands of a seat that may act.
    FeedClient &feed() { return m_feed; }

    // The sections in sidebar order: "live", "calls", "stats".
    void showSection(const QString &id);
    LiveMonitorPanel *liveCalls() const { return m_live; }
    RemoteCallLogPanel *callLog() const { return m_callLog; }
    StatsPanel *statistics() const { return m_stats; }
    // What the banner says; empty while it is hidden (connected).
    QString bannerText() const;
    // What the status bar says about the role: "Watching only", or that this seat may act.
    QString roleText() const;

Q_SIGNALS:
    // The owner trusted the certificate the other Switchboard presents at `address`.
    void certificateTrusted(const QString &address, const QByteArray &sha256);
    // The token was refused and the owner wants to enter another one.
    void newTokenRequested();
    // What the token allows is known (again).
    void roleChanged(bool canAct);
    // The statistics asked for were shown, or could not be (tests wait on it).
    void statisticsAnswered();

private:
    void addSection(const QString &id, const QString &title, const QIcon &icon, QWidget *panel);
    void onStateChanged(FeedClient::State state);
    void onUntrustedCertificate(const QByteArray &sha256);
    void trustCertificate();
    void showCountdown();
    void readRole();
    // Sends what the Live calls panel asked for under this seat's name.
    void act(FeedCommand command);
    void readStatistics(const CallStatsQuery &query);
    // The figures came on the other Switchboard's clock: the seat shows its days and times on it too.
    void followClock(const QTimeZone &zone);
    void refreshFromApi();
    // Why "Call back…" is not offered to a seat that may only watch.
    QString watchingOnly() const;

    Database &m_localDb;
    RemoteSeatSettings m_settings;
    FeedAddress m_address;
    QNetworkAccessManager *m_network;
    FeedClient m_feed;
    FeedApiClient *m_api;
    ShownClock m_clock;
    QListWidget *m_sidebar;
    QStackedWidget *m_stack;
    QStringList m_sectionIds;
    ConnectionBanner *m_banner;
    LiveMonitorPanel *m_live;
    RemoteCallLogPanel *m_callLog;
    StatsPanel *m_stats;
    QLabel *m_connection; // the status bar's word on the connection
    QLabel *m_role; // the status bar's word on what this seat may do
    QTimer *m_countdown; // the banner's "trying again in N s", second by second
    QTimer *m_apiRefresh; // a burst of changes on the feed is one read of the call log and statistics
    QDeadlineTimer m_nextTry;
    QByteArray m_untrusted; // the certificate waiting to be trusted; empty when none
    bool m_canAct = false;
    // How the last call-back went, as the status bar said it (which a passing status tip may clear).
    QString m_callBackResult;
    SeatInfo m_seat;
    UiState *m_uiState = nullptr;
    bool m_everConnected = false;
    quint64 m_statsRequest = 0;
};
