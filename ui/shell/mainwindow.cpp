// The desktop app's window: sidebar of panels, status bar, tray.
#include "mainwindow.h"

#include "aboutdialog.h"
#include "calls/callbackdialog.h"
#include "calls/calllogpanel.h"
#include "calls/livecallsmodel.h"
#include "calls/livemonitorpanel.h"
#include "calls/statspanel.h"
#include "customers/customerspanel.h"
#include "datadir/datadirectory.h"
#include "desktop/uistate.h"
#include "look/icons.h"
#include "look/shownclock.h"
#include "look/statuscolours.h"
#include "plan/plandraft.h"
#include "plan/routingpanel.h"
#include "plan/staffpanel.h"
#include "remote/remoteseatdialog.h"
#include "remote/remoteseatmemory.h"
#include "remote/remoteseatwindow.h"
#include "routing/callbackurls.h"
#include "routing/routingplanloader.h"
#include "server/routerhost.h"
#include "settings/settings.h"
#include "settings/settingswatcher.h"
#include "setup/setupassistant.h"
#include "setup/livefeedbox.h"
#include "setup/setuppanel.h"
#include "setupguide.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QNetworkAccessManager>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QSysInfo>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

// Whom the Live calls panel offers to transfer a call to: the plan's active staff, then its teams.
QList<TransferTarget> transferTargets(const RoutingModel &model)
{
    QList<TransferTarget> targets;
    for (const StaffMember &member : model.staff) {
        if (member.active)
            targets.append({ FeedCommand::TargetKind::Staff, member.id, member.name });
    }
    for (const Team &team : model.teams)
        targets.append({ FeedCommand::TargetKind::Team, team.id, team.name });
    return targets;
}

// How long the status bar keeps its word on a call-back: long enough to read, then the facts come back.
constexpr int CallBackNoteMs = 10'000;
constexpr int CallBackProblemMs = 60'000;

} // namespace

MainWindow::MainWindow(DataDirectory &data, RouterHost &router, QWidget *parent)
    : QMainWindow(parent)
    , m_data(data)
    , m_router(router)
    , m_state(std::make_unique<UiState>(data.path()))
    , m_remoteSeatMemory(std::make_unique<RemoteSeatMemory>(*m_state, data.secretBox()))
    , m_sidebar(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_liveMonitor(new LiveMonitorPanel(data.database(), this))
    , m_planDraft(new PlanDraft(data.database(), data.settings(), this))
    , m_listening(new QLabel(this))
    , m_webhook(new QLabel(this))
    , m_routing(new QLabel(this))
    , m_callLogProblem(new QLabel(this))
    , m_network(new QNetworkAccessManager(this))
{
    setWindowTitle(tr("Switchboard"));
    setWindowIcon(QIcon(u":/icons/io.switchboard.Switchboard.svg"_s));

    m_sidebar->setFixedWidth(200);
    m_sidebar->setIconSize(QSize(22, 22));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setAccessibleName(tr("Panels"));
    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
    connect(m_sidebar, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        m_stack->setCurrentIndex(row);
        m_state->setLastPanel(m_panelIds.value(row));
    });

    addPanel(u"live"_s, tr("Live calls"), Icons::named(u"call-start"_s), m_liveMonitor);
    // Fed by the same messages as every other seat, starting from a snapshot once the router runs.
    connect(&m_router, &RouterHost::feedMessage, m_liveMonitor, &LiveMonitorPanel::apply);
    connect(&m_router, &RouterHost::started, &m_router, &RouterHost::requestFeedSnapshot);
    // The front desk acts on its own calls as a seat with the control token would, named by this computer.
    connect(m_liveMonitor, &LiveMonitorPanel::actionRequested, &m_router, [this](FeedCommand command) {
        command.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        command.seat = tr("The front desk (%1)").arg(QSysInfo::machineHostName());
        m_liveCommands.insert(command.id);
        m_router.sendCommand(command);
    });
    connect(&m_router, &RouterHost::commandFinished, m_liveMonitor,
        [this](const QString &id, bool ok, const QString &error) {
            if (m_liveCommands.remove(id)) {
                m_liveMonitor->showActionResult(ok, error);
                return;
            }
            if (!m_callBacks.remove(id))
                return;
            // A call-back is started from a panel that may not be the live calls: the status bar says it.
            m_callBackResult = ok ? tr("Ringing your phone…") : tr("The call-back did not start: %1").arg(error);
            statusBar()->showMessage(m_callBackResult, ok ? CallBackNoteMs : CallBackProblemMs);
        });
    // Transfers go to the people and teams of the plan the router uses: the saved one.
    m_liveMonitor->setTransferTargets(transferTargets(m_planDraft->model()));
    connect(m_planDraft, &PlanDraft::saved, m_liveMonitor,
        [this] { m_liveMonitor->setTransferTargets(transferTargets(m_planDraft->model())); });
    // After the monitor has counted the change: the last live call's end lets a waiting quit go on.
    connect(&m_router, &RouterHost::feedMessage, this, [this] {
        if (m_quitWhenIdle && m_liveMonitor->model()->liveCount() == 0)
            finishQuitting();
    });

    m_setupPanel = new SetupPanel(data, m_network, this);
    m_setupPanel->setClock(clock());
    addPanel(u"setup"_s, tr("Setup"), Icons::named(u"preferences-system"_s), m_setupPanel);
    connect(m_setupPanel, &SetupPanel::assistantRequested, this, &MainWindow::openSetupAssistant);
    connect(&m_router, &RouterHost::feedProblemChanged, m_setupPanel->liveFeedBox(), &LiveFeedBox::setProblem);
    // Every panel that shows a time shows it on the saved plan's clock.
    m_shownZone = m_planDraft->savedTimeZone().id();
    m_customers = new CustomersPanel(data.database(), data.path(), clock(), this);
    addPanel(u"customers"_s, tr("Customers & bookings"), Icons::named(u"x-office-address-book"_s), m_customers);
    addPanel(u"staff"_s, tr("Staff & schedules"), Icons::named(u"system-users"_s),
        new StaffPanel(*m_planDraft, this));

    addPanel(u"routing"_s, tr("Routing"), Icons::named(u"call-forward"_s),
        new RoutingPanel(*m_planDraft, data.database(), data.settings(), this));

    m_callLog = new CallLogPanel(data.database(), data.path(), clock(), this);
    addPanel(u"calls"_s, tr("Call logs"), Icons::named(u"view-list-details"_s), m_callLog);
    m_callLog->setTranscriptionOn(m_planDraft->model().voicemail.transcribe);
    connect(m_planDraft, &PlanDraft::saved, m_callLog,
        [this] { m_callLog->setTranscriptionOn(m_planDraft->model().voicemail.transcribe); });
    // New and changed calls show up in the log and the statistics; a burst of webhooks is one refresh.
    auto *logRefresh = new QTimer(this);
    logRefresh->setSingleShot(true);
    logRefresh->setInterval(1000);
    connect(logRefresh, &QTimer::timeout, m_callLog, &CallLogPanel::refresh);
    m_stats = new StatsPanel(data.database(), clock(), this);
    connect(m_planDraft, &PlanDraft::changed, this, &MainWindow::followPlanClock);
    addPanel(u"stats"_s, tr("Statistics"), Icons::named(u"office-chart-bar"_s), m_stats);
    connect(logRefresh, &QTimer::timeout, m_stats, &StatsPanel::callsChanged);
    connect(&m_router, &RouterHost::sessionUpdated, logRefresh, [logRefresh] {
        if (!logRefresh->isActive())
            logRefresh->start();
    });

    connect(m_callLog, &CallLogPanel::callBackRequested, this, &MainWindow::callBack);
    connect(m_customers, &CustomersPanel::callBackRequested, this, &MainWindow::callBack);
    connect(m_stats, &StatsPanel::callBackRequested, this, &MainWindow::callBack);

    buildStatusBar();
    buildTray();
    buildMenus();
    connect(&m_router, &RouterHost::started, this, &MainWindow::refreshStatus);
    connect(&m_router, &RouterHost::failed, this, &MainWindow::refreshStatus);
    connect(&m_router, &RouterHost::callLogProblemChanged, this, &MainWindow::showCallLogProblem);
    connect(&m_router, &RouterHost::moveFailed, this, &MainWindow::refreshStatus);
    // Settings change from the command line, the tray or a panel: shown as soon as they are saved.
    connect(&data.settingsWatcher(), &SettingsWatcher::changed, this, &MainWindow::refreshStatus);
    // Numbers are read the practice's way everywhere calls are shown, whichever region it moves to.
    connect(&data.settingsWatcher(), &SettingsWatcher::changed, this, [this] {
        const QString region = m_data.settings().defaultRegion();
        m_liveMonitor->setRegion(region);
        m_callLog->setRegion(region);
        m_stats->setRegion(region);
    });
    refreshStatus();
    restoreState();
}

MainWindow::~MainWindow()
{
    m_state->setGeometry(saveGeometry());
}

void MainWindow::addPanel(const QString &id, const QString &title, const QIcon &icon, QWidget *panel)
{
    m_panelIds.append(id);
    auto *item = new QListWidgetItem(icon, title, m_sidebar);
    item->setSizeHint(QSize(0, 40));
    m_stack->addWidget(panel);
    // Ctrl+1 … Ctrl+9 reach the panels from the keyboard, in sidebar order.
    if (m_panelIds.size() <= 9) {
        auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + m_panelIds.size())), this);
        connect(shortcut, &QShortcut::activated, this, [this, id] { showPanel(id); });
        item->setToolTip(shortcut->key().toString(QKeySequence::NativeText));
    }
    if (m_sidebar->currentRow() < 0)
        m_sidebar->setCurrentRow(0);
}

QString MainWindow::currentPanelId() const
{
    return m_panelIds.value(m_stack->currentIndex());
}

QStringList MainWindow::panelIds() const
{
    return m_panelIds;
}

void MainWindow::showPanel(const QString &id)
{
    const qsizetype row = m_panelIds.indexOf(id);
    if (row >= 0)
        m_sidebar->setCurrentRow(int(row));
}

QWidget *MainWindow::panel(const QString &id) const
{
    const qsizetype row = m_panelIds.indexOf(id);
    return row >= 0 ? m_stack->widget(int(row)) : nullptr;
}

void MainWindow::restoreState()
{
    if (!restoreGeometry(m_state->geometry())) {
        // 1280×800 inside the frame, when the screen has room for that and the window manager's title bar
        // and panels; on a smaller screen (a 1280×800 laptop) the window fills what there is, status bar
        // included, rather than hanging off the bottom.
        const QSize wanted(1280, 800);
        const QSize frameAllowance(16, 64);
        const QRect available = screen() ? screen()->availableGeometry() : QRect(QPoint(), wanted + frameAllowance);
        if (available.width() >= wanted.width() + frameAllowance.width()
            && available.height() >= wanted.height() + frameAllowance.height())
            resize(wanted);
        else
            setWindowState(windowState() | Qt::WindowMaximized);
    }
    const QString last = m_state->lastPanel();
    if (!last.isEmpty())
        QTimer::singleShot(0, this, [this, last] { showPanel(last); });
}

void MainWindow::buildStatusBar()
{
    m_webhook->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long address in a long language must not make the window wider than the screen.
    m_webhook->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusBar()->addWidget(m_listening);
    // In place of the webhook address while it shows: calls are answered, but the owner must act.
    m_callLogProblem->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad) + u" font-weight: bold;"_s);
    m_callLogProblem->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_callLogProblem->hide();
    statusBar()->addWidget(m_callLogProblem, 1);
    statusBar()->addWidget(m_webhook, 1);
    statusBar()->addPermanentWidget(m_routing);
}

void MainWindow::buildTray()
{
    m_pauseAction = new QAction(tr("Pause routing"), this);
    m_pauseAction->setCheckable(true);
    connect(m_pauseAction, &QAction::toggled, this, [this](bool paused) {
        QString error;
        if (!setRoutingEnabled(!paused, &error))
            QMessageBox::warning(this, tr("Routing"), error);
    });
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(windowIcon(), this);
    auto *menu = new QMenu(this);
    menu->addAction(tr("Open Switchboard"), this, &MainWindow::bringToFront);
    menu->addAction(m_pauseAction);
    menu->addSeparator();
    menu->addAction(Icons::named(u"application-exit"_s), tr("Quit"), this, [this] { quitApp(true); });
    m_tray->setContextMenu(menu);
    m_tray->setToolTip(tr("Switchboard"));
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            bringToFront();
    });
    m_tray->show();
}

void MainWindow::buildMenus()
{
    QMenu *app = menuBar()->addMenu(tr("&Switchboard"));
    app->addAction(m_pauseAction);
    // Another computer's calls, watched from this one (a second reception desk, the owner at home).
    QAction *remote = app->addAction(Icons::named(u"network-transmit"_s),
        tr("&Connect to another Switchboard…"), this, &MainWindow::connectToAnotherSwitchboard);
    remote->setObjectName(u"connectToAnotherSwitchboard"_s);
    app->addSeparator();
    QMenu *languages = app->addMenu(tr("&Language"));
    auto *group = new QActionGroup(this);
    const QString saved = UiState::savedLanguage();
    // Each language in its own name, so that someone who cannot read the current one finds theirs.
    const std::pair<QString, QString> choices[] = { { QString(), tr("As the system") },
        { u"en"_s, u"English"_s }, { u"de"_s, u"Deutsch"_s }, { u"es"_s, u"Español"_s } };
    for (const auto &[code, name] : choices) {
        QAction *action = languages->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == saved);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code] {
            UiState::setSavedLanguage(code);
            QMessageBox::information(
                this, tr("Language"), tr("The new language applies the next time Switchboard starts."));
        });
    }
    // A sound and a desktop notice for each new call, for staff who are not looking at the window.
    QAction *notify = app->addAction(tr("&Notify of new calls"));
    notify->setCheckable(true);
    notify->setChecked(m_state->notifyNewCalls());
    connect(notify, &QAction::toggled, this, [this](bool on) { m_state->setNotifyNewCalls(on); });
    connect(m_liveMonitor->model(), &LiveCallsModel::callStarted, this, [this](const QString &caller) {
        if (!m_state->notifyNewCalls())
            return;
        QApplication::beep();
        if (m_tray)
            m_tray->showMessage(tr("New call"),
                caller.isEmpty() ? tr("A withheld number is calling.") : tr("%1 is calling.").arg(caller),
                QSystemTrayIcon::Information, 5000);
    });
    app->addSeparator();
    QAction *quit = app->addAction(Icons::named(u"application-exit"_s), tr("&Quit"), this, [this] { quitApp(true); });
    quit->setShortcut(QKeySequence::Quit);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(u"helpMenu"_s);
    QAction *guide = help->addAction(Icons::named(u"help-contents"_s), tr("Set-up &guide"), this, [this] {
        auto *dialog = new SetupGuide(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    guide->setShortcut(QKeySequence::HelpContents);
    help->addAction(Icons::named(u"tools-wizard"_s), tr("Set-up &assistant…"), this, &MainWindow::openSetupAssistant);
    help->addSeparator();
    help->addAction(Icons::named(u"help-about"_s), tr("&About Switchboard"), this, [this] {
        auto *dialog = new AboutDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
}

void MainWindow::openSetupAssistant()
{
    if (m_assistant) {
        m_assistant->raise();
        m_assistant->activateWindow();
        return;
    }
    m_assistant = new SetupAssistant(m_data, m_network, this);
    m_assistant->setAttribute(Qt::WA_DeleteOnClose);
    // What it saved shows in Setup at once, whether it was finished or left half-way.
    connect(m_assistant, &QDialog::finished, m_setupPanel, &SetupPanel::showSaved);
    connect(m_assistant, &SetupAssistant::watchLiveCallsRequested, this, [this] { showPanel(u"live"_s); });
    // Window-modal: the window stays visible behind it, and nothing is half-edited in both at once.
    m_assistant->open();
    // A maximised window may not have its full size yet (the window manager does that a moment later):
    // centred on the screen it will fill instead.
    if (isMaximized() && screen())
        m_assistant->move(screen()->availableGeometry().center() - m_assistant->rect().center());
}

void MainWindow::connectToAnotherSwitchboard()
{
    auto *dialog = new RemoteSeatDialog(*m_remoteSeatMemory, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { openRemoteSeat(dialog->settings()); });
    dialog->open();
}

RemoteSeatWindow *MainWindow::openRemoteSeat(const RemoteSeatSettings &settings)
{
    if (m_remoteSeat)
        m_remoteSeat->close();
    // A window of its own (a main window is always one), closed with this one.
    auto *seat = new RemoteSeatWindow(m_data.database(), this);
    seat->setAttribute(Qt::WA_DeleteOnClose);
    seat->setUiState(m_state.get());
    QString error;
    if (!seat->connectTo(settings, &error)) {
        delete seat;
        QMessageBox::warning(this, tr("Connect to another Switchboard"), error);
        return nullptr;
    }
    connect(seat, &RemoteSeatWindow::certificateTrusted, this,
        [this](const QString &address, const QByteArray &sha256) {
            m_remoteSeatMemory->trustCertificate(address, sha256);
        });
    connect(seat, &RemoteSeatWindow::newTokenRequested, this, &MainWindow::connectToAnotherSwitchboard);
    m_remoteSeat = seat;
    seat->show();
    return seat;
}

RemoteSeatWindow *MainWindow::remoteSeat() const
{
    return m_remoteSeat;
}

ShownClock MainWindow::clock() const
{
    return ShownClock(m_planDraft->savedTimeZone());
}

void MainWindow::followPlanClock()
{
    // Edits that are not saved yet change nothing here: the router, too, keeps the saved plan's time.
    const QByteArray zone = m_planDraft->savedTimeZone().id();
    if (zone == m_shownZone)
        return;
    m_shownZone = zone;
    const ShownClock shown = clock();
    m_setupPanel->setClock(shown);
    m_customers->setClock(shown);
    m_callLog->setClock(shown);
    m_stats->setClock(shown);
}

QString MainWindow::listeningText() const
{
    return m_listening->text();
}

QString MainWindow::callLogProblemText() const
{
    return m_callLogProblem->isHidden() ? QString() : m_callLogProblem->text();
}

void MainWindow::showCallLogProblem(const QString &problem)
{
    m_callLogProblem->setText(problem.isEmpty() ? QString() : tr("⚠ %1").arg(problem));
    m_callLogProblem->setToolTip(problem);
    m_callLogProblem->setVisible(!problem.isEmpty());
    m_webhook->setVisible(problem.isEmpty());
}

QString MainWindow::webhookText() const
{
    return m_webhook->text();
}

QString MainWindow::routingText() const
{
    return m_routing->text();
}

void MainWindow::callBack(const CallBackTarget &target)
{
    if (!m_router.isListening())
        return;
    // The staff of the plan the router follows (saved), not of the draft being edited.
    QList<CallBackDialog::Person> staff;
    const QString region = m_data.settings().defaultRegion();
    const Result<RoutingModel> plan = RoutingPlanLoader(m_data.database(), region,
        m_data.settings().value(u"routing.fallback_number"_s).value_or(QString())).load();
    if (plan) {
        for (const StaffMember &member : plan->staff) {
            if (member.active)
                staff.append({ member.id, member.name, member.phone });
        }
    }
    auto *dialog = new CallBackDialog(target, staff, region, m_state.get(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        sendCallBack(dialog->command(QUuid::createUuid().toString(QUuid::WithoutBraces),
            tr("The front desk (%1)").arg(QSysInfo::machineHostName())));
    });
    dialog->open();
}

void MainWindow::sendCallBack(const FeedCommand &command)
{
    m_callBacks.insert(command.id);
    statusBar()->showMessage(tr("Starting the call-back…"), CallBackProblemMs);
    m_router.sendCommand(command);
}

QString MainWindow::callBackResultText() const
{
    return m_callBackResult;
}

void MainWindow::refreshStatus()
{
    // A call-back is the router's work: offered only while it runs.
    const bool running = m_router.isListening();
    const QString notRunning = tr("Call-backs start once the router is running.");
    m_callLog->setCallBackAllowed(running, notRunning);
    m_customers->setCallBackAllowed(running, notRunning);
    m_stats->setCallBackAllowed(running, notRunning);
    const RouterSettings settings = m_data.settings().routerSettings();
    if (m_router.isListening() && !m_router.moveProblem().isEmpty()) {
        m_listening->setText(tr("● Router still listening on %1:%2: %3")
                                 .arg(m_router.address().toString())
                                 .arg(m_router.port())
                                 .arg(m_router.moveProblem()));
        m_listening->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Warning));
    } else if (m_router.isListening()) {
        m_listening->setText(
            tr("● Router listening on %1:%2").arg(m_router.address().toString()).arg(m_router.port()));
        m_listening->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Good));
    } else if (!m_router.error().isEmpty()) {
        m_listening->setText(tr("● Router not running: %1").arg(m_router.error()));
        m_listening->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    } else {
        m_listening->setText(tr("● Router starting…"));
        m_listening->setStyleSheet({});
    }
    if (settings.publicUrl.isEmpty()) {
        m_webhook->setText(
            tr("Webhook URL: none yet. Enter this computer's public address in Setup so that Twilio can reach it"));
    } else {
        const CallbackUrls urls(settings.publicUrl, settings.webhookToken);
        m_webhook->setText(tr("Webhook URL: %1").arg(urls.voice().toString()));
    }
    m_webhook->setToolTip(m_webhook->text());
    m_routing->setText(settings.routingEnabled ? tr("Routing on") : tr("Routing paused"));
    m_routing->setStyleSheet(
        StatusColours::textStyle(settings.routingEnabled ? StatusColours::Status::Good : StatusColours::Status::Warning) + u" font-weight: bold;"_s);
    if (m_pauseAction) {
        const QSignalBlocker blocker(m_pauseAction);
        m_pauseAction->setChecked(!settings.routingEnabled);
    }
}

bool MainWindow::setRoutingEnabled(bool enabled, QString *error)
{
    const bool ok = m_data.settings().set(u"routing.enabled"_s, enabled ? u"true"_s : u"false"_s, error);
    refreshStatus();
    return ok;
}

void MainWindow::bringToFront()
{
    // Opened again while waiting for the last calls to quit: the owner wants it after all.
    m_quitWhenIdle = false;
    show();
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    raise();
    activateWindow();
}

void MainWindow::quitApp(bool ask)
{
    const int live = m_liveMonitor->model()->liveCount();
    if (ask && live > 0) {
        QMessageBox box(QMessageBox::Question, tr("Quit Switchboard"),
            tr("%n call(s) are in progress.", nullptr, live), QMessageBox::NoButton, this);
        box.setInformativeText(tr("Switchboard can quit once they have ended, answering calls until then. "
                                  "If it quits now, calls already connected go on, but nobody answers their "
                                  "next steps or new calls here."));
        QPushButton *later = box.addButton(tr("Quit when they have ended"), QMessageBox::AcceptRole);
        QPushButton *now = box.addButton(tr("Quit now"), QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(later);
        box.exec();
        if (box.clickedButton() != later && box.clickedButton() != now)
            return;
        if (!settlePlanChanges())
            return;
        if (box.clickedButton() == later) {
            m_quitWhenIdle = true;
            m_state->setGeometry(saveGeometry());
            hide();
            return;
        }
        finishQuitting();
        return;
    }
    if (ask && !settlePlanChanges())
        return;
    finishQuitting();
}

void MainWindow::finishQuitting()
{
    m_quitting = true;
    m_quitWhenIdle = false;
    m_state->setGeometry(saveGeometry());
    Q_EMIT quitRequested();
}

void MainWindow::askOnCloseWithoutTray()
{
    const int live = m_liveMonitor->model()->liveCount();
    QMessageBox box(QMessageBox::Question, tr("Close Switchboard"),
        tr("Switchboard answers your calls only while it runs. Keep answering them with the window closed?"),
        QMessageBox::NoButton, this);
    QString more = tr("To see the window again, open Switchboard again from the applications menu.");
    if (live > 0)
        more = tr("%n call(s) are in progress.", nullptr, live) + u' ' + more;
    box.setInformativeText(more);
    QPushButton *keep = box.addButton(tr("Keep answering calls"), QMessageBox::AcceptRole);
    QPushButton *quit = box.addButton(tr("Quit"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(keep);
    box.exec();
    if (box.clickedButton() == keep) {
        m_state->setGeometry(saveGeometry());
        hide();
    } else if (box.clickedButton() == quit) {
        quitApp(true);
    }
}

bool MainWindow::settlePlanChanges()
{
    if (!m_planDraft->isModified())
        return true;
    const auto answer = QMessageBox::question(this, tr("Quit Switchboard"),
        tr("The routing plan has changes that are not saved. Save them before quitting?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Discard)
        return true;
    if (answer == QMessageBox::Save && m_planDraft->save())
        return true;
    if (answer == QMessageBox::Save) {
        QMessageBox::warning(this, tr("Quit Switchboard"),
            tr("The plan cannot be saved yet: %1 The problems are marked in red in the Routing and Staff & "
               "schedules panels.")
                .arg(tr("%n problem(s) to fix.", nullptr, int(m_planDraft->errors().size()))));
        showPanel(u"routing"_s);
    }
    return false;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_state->setGeometry(saveGeometry());
    if (m_quitting) {
        QMainWindow::closeEvent(event);
        return;
    }
    // The window is not the router: closing it never ends the calls silently. The plan's changes
    // wait in the hidden window.
    event->ignore();
    if (m_tray)
        hide(); // the tray says the router runs and brings the window back
    else
        askOnCloseWithoutTray();
}
