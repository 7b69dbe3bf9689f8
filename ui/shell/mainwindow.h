// The desktop app's window: a sidebar of panels, and a status bar that always says whether the
// router is listening, where Twilio reaches it, and whether routing is on. Closing it keeps the
// router running in the system tray.
#pragma once

#include <QMainWindow>
#include <QSet>
#include <QPointer>
#include <QSet>

#include <memory>

struct CallBackTarget;
class CallLogPanel;
class CustomersPanel;
struct FeedCommand;
class DataDirectory;
class LiveMonitorPanel;
class PlanDraft;
class QLabel;
class QListWidget;
class QMenu;
class QNetworkAccessManager;
class QStackedWidget;
class RemoteSeatMemory;
class RemoteSeatWindow;
struct RemoteSeatSettings;
class QSystemTrayIcon;
class RouterHost;
class SetupAssistant;
class SetupPanel;
class ShownClock;
class StatsPanel;
class UiState;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `data` is the window's own connection to the data folder; `router` runs on its own thread.
    MainWindow(DataDirectory &data, RouterHost &router, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Panels in sidebar order; `id` is what the window remembers as the last one shown.
    void addPanel(const QString &id, const QString &title, const QIcon &icon, QWidget *panel);
    QStringList panelIds() const;
    QString currentPanelId() const;
    void showPanel(const QString &id);
    QWidget *panel(const QString &id) const;
    LiveMonitorPanel *liveMonitor() const { return m_liveMonitor; }
    // The routing plan as the Routing and Staff & schedules panels edit it.
    PlanDraft *planDraft() const { return m_planDraft; }
    // The clock every panel shows times on: the saved plan's time zone, in the locale's form.
    ShownClock clock() const;

    // The status bar's three facts, as shown.
    QString listeningText() const;
    // What the status bar says about the call log: empty while it is being saved.
    QString callLogProblemText() const;
    QString webhookText() const;
    QString routingText() const;

    // "Call back…" from a panel: asks whose phone rings first (over the window, not waiting for it), then has
    // the router ring that phone and, once its owner presses 1, the customer. Ignored while the router is not
    // running.
    void callBack(const CallBackTarget &target);
    // What the status bar says of the last call-back: that the phone rings, or why it could not.
    QString callBackResultText() const;

    // Pauses or resumes routing (routing.enabled); the router applies it to the next call.
    bool setRoutingEnabled(bool enabled, QString *error);
    // Brings the window back from the tray.
    void bringToFront();
    // The set-up assistant, over the window (brought forward when it is open already).
    void openSetupAssistant();
    // "Connect to another Switchboard": asks where (filled with what was remembered), then opens the seat.
    void connectToAnotherSwitchboard();
    // Watches another Switchboard in a window of its own, in place of the one watched before.
    RemoteSeatWindow *openRemoteSeat(const RemoteSeatSettings &settings);
    // The seat opened last, while its window is open.
    RemoteSeatWindow *remoteSeat() const;
    // Quits the app, asking first when calls are live or the plan has unsaved changes (unless `ask`
    // is false). With live calls, the owner may choose to quit once they have ended: the window goes
    // and the router answers until then.
    void quitApp(bool ask = true);
    // Waiting for the live calls to end before quitting.
    bool isQuittingWhenIdle() const { return m_quitWhenIdle; }

Q_SIGNALS:
    // The app should end now (the window has settled everything it had to).
    void quitRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildStatusBar();
    void buildTray();
    void buildMenus();
    void refreshStatus();
    // Sends the call-back the dialog made, and says in the status bar how it went.
    void sendCallBack(const FeedCommand &command);
    // A plan saved (or read again) with another time zone moves every panel's times to it.
    void followPlanClock();
    void showCallLogProblem(const QString &problem);
    void restoreState();
    // Asks what to do with unsaved changes to the routing plan before the app ends; false to stay.
    bool settlePlanChanges();
    // Without a tray, closing the window asks whether the router keeps answering in the background.
    void askOnCloseWithoutTray();
    void finishQuitting();

    DataDirectory &m_data;
    RouterHost &m_router;
    SetupPanel *m_setupPanel = nullptr;
    QPointer<SetupAssistant> m_assistant;
    std::unique_ptr<UiState> m_state;
    std::unique_ptr<RemoteSeatMemory> m_remoteSeatMemory;
    QPointer<RemoteSeatWindow> m_remoteSeat;
    QListWidget *m_sidebar;
    QStackedWidget *m_stack;
    QStringList m_panelIds;
    LiveMonitorPanel *m_liveMonitor;
    // How the last call-back went, as the status bar said it (which a passing status tip may clear).
    QString m_callBackResult;
    QSet<QString> m_liveCommands; // ids of the Live calls panel's commands still waiting for their result
    PlanDraft *m_planDraft;
    QByteArray m_shownZone; // the zone the panels show times in
    CustomersPanel *m_customers = nullptr;
    CallLogPanel *m_callLog = nullptr;
    StatsPanel *m_stats = nullptr;
    QLabel *m_listening;
    QLabel *m_webhook;
    QLabel *m_routing;
    QLabel *m_callLogProblem; // shown only while the call log cannot be saved
    QNetworkAccessManager *m_network; // the window's own, for the panels' Twilio and Retell requests
    QSystemTrayIcon *m_tray = nullptr;
    QAction *m_pauseAction = nullptr;
    QSet<QString> m_callBacks; // the ids of the call-backs sent, until the router answers them
    bool m_quitting = false;
    bool m_quitWhenIdle = false;
};
