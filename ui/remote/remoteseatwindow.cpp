// A remote seat: another Switchboard's calls in a window of their own.
#include "remoteseatwindow.h"

#include "calls/callbackdialog.h"
#include "calls/livemonitorpanel.h"
#include "calls/statspanel.h"
#include "connectionbanner.h"
#include "feed/certificatefingerprint.h"
#include "look/icons.h"
#include "look/statuscolours.h"
#include "remotecalllogpanel.h"
#include "settings/settings.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// Calls change in bursts (a call rings, is answered, ends within seconds): the call log and the statistics
// are read once the burst is over, not once per change.
constexpr int ApiRefreshDelayMs = 1500;
// How long the status bar keeps its word on a call-back: long enough to read, then the facts come back.
constexpr int CallBackNoteMs = 10'000;
constexpr int CallBackProblemMs = 60'000;

} // namespace

RemoteSeatWindow::RemoteSeatWindow(Database &localDb, QWidget *parent)
    : QMainWindow(parent)
    , m_localDb(localDb)
    , m_network(new QNetworkAccessManager(this))
    , m_api(new FeedApiClient(m_network, this))
    , m_sidebar(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_banner(new ConnectionBanner(this))
    , m_live(new LiveMonitorPanel(localDb, this))
    , m_callLog(new RemoteCallLogPanel(*m_api, Settings::defaultRegionIn(localDb), m_clock, this))
    , m_stats(new StatsPanel(Settings::defaultRegionIn(localDb), m_clock, this))
    , m_connection(new QLabel(this))
    , m_role(new QLabel(this))
    , m_countdown(new QTimer(this))
    , m_apiRefresh(new QTimer(this))
{
    setWindowIcon(QIcon(u":/icons/io.switchboard.Switchboard.svg"_s));
    m_sidebar->setFixedWidth(200);
    m_sidebar->setIconSize(QSize(22, 22));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setAccessibleName(tr("Sections"));
    connect(m_sidebar, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    addSection(u"live"_s, tr("Live calls"), Icons::named(u"call-start"_s), m_live);
    addSection(u"calls"_s, tr("Call logs"), Icons::named(u"view-list-details"_s), m_callLog);
    addSection(u"stats"_s, tr("Statistics"), Icons::named(u"office-chart-bar"_s), m_stats);
    m_sidebar->setCurrentRow(0);

    auto *body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->addWidget(m_sidebar);
    body->addWidget(m_stack, 1);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addLayout(body, 1);
    setCentralWidget(central);

    m_connection->setObjectName(u"connectionStatus"_s);
    m_role->setObjectName(u"role"_s);
    // Unobtrusive: what this seat may do is a fact to find, not a warning.
    m_role->setForegroundRole(QPalette::PlaceholderText);
    statusBar()->addWidget(m_connection, 1);
    statusBar()->addPermanentWidget(m_role);

    connect(&m_feed, &FeedClient::stateChanged, this, &RemoteSeatWindow::onStateChanged);
    connect(&m_feed, &FeedClient::untrustedCertificate, this, &RemoteSeatWindow::onUntrustedCertificate);
    connect(&m_feed, &FeedClient::messageReceived, this, [this](const FeedMessage &message) {
        m_live->apply(message);
        // A call that changed is a call the log and the statistics count differently now.
        if (message.type == FeedMessage::Type::Session && !m_apiRefresh->isActive())
            m_apiRefresh->start();
    });
    // Nothing to act with until the other Switchboard says the token allows it.
    m_live->setCanAct(false);
    connect(m_live, &LiveMonitorPanel::actionRequested, this, &RemoteSeatWindow::act);
    connect(m_callLog, &RemoteCallLogPanel::callBackRequested, this, &RemoteSeatWindow::callBack);
    connect(m_stats, &StatsPanel::callBackRequested, this, &RemoteSeatWindow::callBack);
    m_callLog->setCallBackAllowed(false, watchingOnly());
    m_stats->setCallBackAllowed(false, watchingOnly());
    connect(m_banner, &ConnectionBanner::trustRequested, this, &RemoteSeatWindow::trustCertificate);
    connect(m_banner, &ConnectionBanner::newTokenRequested, this, &RemoteSeatWindow::newTokenRequested);
    m_countdown->setInterval(1000);
    connect(m_countdown, &QTimer::timeout, this, &RemoteSeatWindow::showCountdown);
    m_apiRefresh->setSingleShot(true);
    m_apiRefresh->setInterval(ApiRefreshDelayMs);
    connect(m_apiRefresh, &QTimer::timeout, this, &RemoteSeatWindow::refreshFromApi);
    connect(m_stats, &StatsPanel::figuresWanted, this, &RemoteSeatWindow::readStatistics);
    // The statistics' number filter offers the numbers the call log has seen called.
    connect(m_callLog, &RemoteCallLogPanel::callsLoaded, this,
        [this] { m_stats->addCalledNumbers(m_callLog->calledNumbers()); });

    m_role->setText(tr("Watching only"));
    resize(1280, 800);
}

RemoteSeatWindow::~RemoteSeatWindow()
{
    // Said goodbye to, rather than left to notice the silence.
    m_feed.stop();
    // Requests still on their way end now, while the panels that wait for them are whole; deleting them
    // with the network manager would leave their coroutines waiting for ever.
    const QList<QNetworkReply *> replies = m_network->findChildren<QNetworkReply *>();
    for (QNetworkReply *reply : replies)
        reply->abort();
}

void RemoteSeatWindow::addSection(const QString &id, const QString &title, const QIcon &icon, QWidget *panel)
{
    m_sectionIds.append(id);
    auto *item = new QListWidgetItem(icon, title, m_sidebar);
    item->setSizeHint(QSize(0, 40));
    m_stack->addWidget(panel);
}

void RemoteSeatWindow::showSection(const QString &id)
{
    if (const qsizetype row = m_sectionIds.indexOf(id); row >= 0)
        m_sidebar->setCurrentRow(int(row));
}

bool RemoteSeatWindow::connectTo(const RemoteSeatSettings &settings, QString *error)
{
    const std::optional<FeedAddress> address = FeedAddress::fromTyped(settings.address, error);
    if (!address || !m_feed.setToken(settings.token, error))
        return false;
    m_settings = settings;
    m_address = *address;
    setWindowTitle(tr("%1 — Switchboard").arg(settings.address.trimmed()));
    m_feed.setAddress(m_address);
    m_feed.setPinnedCertificateDigest(settings.trustedCertificate);
    m_api->setAddress(m_address);
    m_api->setToken(*FeedClient::readToken(settings.token));
    m_api->setPinnedCertificateDigest(settings.trustedCertificate);
    m_feed.start();
    return true;
}

void RemoteSeatWindow::onStateChanged(FeedClient::State state)
{
    const QString where = m_address.hostAndPort();
    m_countdown->stop();
    switch (state) {
    case FeedClient::State::Connected:
        m_untrusted.clear();
        m_banner->clear();
        m_connection->setText(tr("● Connected to %1").arg(where));
        m_connection->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Good));
        // Caught up after a cut: what happened meanwhile is in the log and the statistics.
        m_everConnected = true;
        readRole();
        refreshFromApi();
        return;
    case FeedClient::State::Connecting:
        if (m_untrusted.isEmpty())
            m_banner->showMessage(ConnectionBanner::Tone::Waiting,
                m_everConnected ? tr("Cut off from %1 — trying again now…").arg(where)
                                : tr("Connecting to %1…").arg(where));
        m_connection->setText(tr("● Connecting…"));
        m_connection->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Warning));
        return;
    case FeedClient::State::CutOff:
        m_nextTry = QDeadlineTimer(m_feed.retryDelay());
        m_connection->setText(tr("● Cut off"));
        m_connection->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
        // An untrusted certificate stays on the banner: trying again cannot help until it is trusted.
        if (m_untrusted.isEmpty()) {
            showCountdown();
            m_countdown->start();
        }
        return;
    case FeedClient::State::TokenRefused:
        m_banner->showTokenRefused(tr("The token was refused: ask for a new one."));
        m_connection->setText(tr("● Not connected"));
        m_connection->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
        return;
    case FeedClient::State::Stopped:
        m_banner->clear();
        m_connection->setText(tr("● Not connected"));
        m_connection->setStyleSheet({});
        return;
    }
}

void RemoteSeatWindow::showCountdown()
{
    const QString where = m_address.hostAndPort();
    const int seconds = int(std::ceil(double(m_nextTry.remainingTime()) / 1000.0));
    const QString sentence = seconds > 0
        ? tr("Cut off from %1 — trying again in %n s", nullptr, seconds).arg(where)
        : tr("Cut off from %1 — trying again now…").arg(where);
    m_banner->showMessage(ConnectionBanner::Tone::Waiting, sentence, m_feed.problem());
}

void RemoteSeatWindow::onUntrustedCertificate(const QByteArray &sha256)
{
    if (sha256.isEmpty())
        return; // no certificate to show: the feed's own sentence says what is wrong
    m_untrusted = sha256;
    m_banner->showCertificate(
        tr("The certificate of %1 is not trusted. Trust it only if this fingerprint is the one that "
           "computer shows for its certificate:")
            .arg(m_address.hostAndPort()),
        CertificateFingerprint::text(sha256));
}

void RemoteSeatWindow::trustCertificate()
{
    if (m_untrusted.isEmpty())
        return;
    const QByteArray trusted = std::exchange(m_untrusted, {});
    m_settings.trustedCertificate = trusted;
    m_feed.setPinnedCertificateDigest(trusted);
    m_api->setPinnedCertificateDigest(trusted);
    Q_EMIT certificateTrusted(m_settings.address, trusted);
    // At once, rather than after the wait the failed try started.
    m_feed.resynchronise();
}

void RemoteSeatWindow::readRole()
{
    QCoro::connect(m_api->seat(), this, [this](const Result<SeatInfo> &role) {
        // Unknown is watching only: a seat never offers more than it was told it may do.
        m_seat = role ? *role : SeatInfo {};
        m_canAct = m_seat.control;
        m_callLog->setCallBackAllowed(m_canAct, watchingOnly());
        m_stats->setCallBackAllowed(m_canAct, watchingOnly());
        m_role->setText(
            m_canAct ? tr("May act on calls as “%1”").arg(m_settings.seatName) : tr("Watching only"));
        m_role->setToolTip(role ? QString() : role.error());
        m_live->setCanAct(m_canAct);
        // Transfers name the other Switchboard's staff and teams, as it listed them.
        QList<TransferTarget> targets;
        for (const SeatChoice &member : std::as_const(m_seat.staff))
            targets.append({ FeedCommand::TargetKind::Staff, member.id, member.name });
        for (const SeatChoice &team : std::as_const(m_seat.teams))
            targets.append({ FeedCommand::TargetKind::Team, team.id, team.name });
        m_live->setTransferTargets(targets);
        Q_EMIT roleChanged(m_canAct);
    });
}

void RemoteSeatWindow::act(FeedCommand command)
{
    // Lands on the call's timeline over there: who did it is a name the other desk knows.
    command.seat = m_settings.seatName;
    QCoro::connect(m_feed.sendCommand(command), this,
        [this](const FeedCommandResult &result) { m_live->showActionResult(result.ok, result.error); });
}

void RemoteSeatWindow::callBack(const CallBackTarget &target)
{
    if (!m_canAct)
        return;
    // The other Switchboard names its staff, not their phones: the phones stay over there.
    QList<CallBackDialog::Person> staff;
    for (const SeatChoice &member : std::as_const(m_seat.staff))
        staff.append({ member.id, member.name, {} });
    auto *dialog = new CallBackDialog(target, staff, Settings::defaultRegionIn(m_localDb), m_uiState, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        // Lands on the call's timeline over there: who did it is a name the other desk knows.
        const FeedCommand command = dialog->command({}, m_settings.seatName);
        statusBar()->showMessage(tr("Starting the call-back…"), CallBackProblemMs);
        QCoro::connect(m_feed.sendCommand(command), this, [this](const FeedCommandResult &result) {
            m_callBackResult = result.ok ? tr("Ringing your phone…")
                                         : tr("The call-back did not start: %1").arg(result.error);
            statusBar()->showMessage(m_callBackResult, result.ok ? CallBackNoteMs : CallBackProblemMs);
        });
    });
    dialog->open();
}

QString RemoteSeatWindow::callBackResultText() const
{
    return m_callBackResult;
}

QString RemoteSeatWindow::watchingOnly() const
{
    return tr("This seat may only watch: its token does not let it act on calls.");
}

void RemoteSeatWindow::refreshFromApi()
{
    m_apiRefresh->stop();
    m_callLog->refresh();
    // Counting a range of calls is the other computer's work: only while someone looks at the figures.
    m_stats->callsChanged();
}

void RemoteSeatWindow::readStatistics(const CallStatsQuery &query)
{
    const quint64 request = ++m_statsRequest;
    QCoro::connect(m_api->stats(query.since, query.until, query.number), this,
        [this, request](const Result<StatsJson::Answer> &answer) {
            if (request != m_statsRequest)
                return;
            if (!answer) {
                m_stats->showProblem(answer.error());
            } else {
                m_stats->showStats(answer->stats);
                followClock(answer->query.zone);
            }
            Q_EMIT statisticsAnswered();
        });
}

void RemoteSeatWindow::followClock(const QTimeZone &zone)
{
    if (!zone.isValid() || zone == m_clock.zone())
        return;
    m_clock = ShownClock(zone);
    m_callLog->setClock(m_clock);
    // Asks again for the same days on the other clock.
    m_stats->setClock(m_clock);
}

QString RemoteSeatWindow::bannerText() const
{
    return m_banner->text();
}

QString RemoteSeatWindow::roleText() const
{
    return m_role->text();
}
