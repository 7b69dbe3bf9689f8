// The live monitor: every call going on right now.
#include "livemonitorpanel.h"

#include "livecallsmodel.h"
#include "look/icons.h"
#include "look/paneltitle.h"
#include "look/statuscolours.h"
#include "phone/phonenormalizer.h"
#include "settings/settings.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QLabel>
#include <QStackedLayout>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

LiveMonitorPanel::LiveMonitorPanel(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_model(new LiveCallsModel(this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_empty(new QLabel(tr("No calls right now. New calls appear here as they come in."), this))
    , m_ticker(new QTimer(this))
    , m_hangUp(new QPushButton(Icons::named(u"call-stop"_s), tr("Hang up"), this))
    , m_voicemail(new QPushButton(Icons::named(u"call-voicemail"_s), tr("Voicemail"), this))
    , m_transfer(new QPushButton(Icons::named(u"call-forward"_s), tr("Transfer"), this))
    , m_transferMenu(new QMenu(this))
    , m_actionResult(new QLabel(this))
{
    QLabel *title = PanelTitle::create(tr("Live calls"), this);

    m_model->setRegion(Settings::defaultRegionIn(db));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(LiveCallsModel::Step, QHeaderView::Stretch);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    m_stack = new QStackedLayout;
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_table);
    m_hangUp->setObjectName(u"hangUp"_s);
    m_hangUp->setToolTip(tr("Ends the selected call for the caller and whoever they are talking with."));
    m_voicemail->setObjectName(u"voicemail"_s);
    m_voicemail->setToolTip(tr("Asks the caller of the selected call to leave a message."));
    m_transfer->setObjectName(u"transfer"_s);
    m_transfer->setToolTip(tr("Rings someone else for the selected call; if nobody answers, the caller still "
                              "reaches the fallback number or voicemail."));
    m_transfer->setMenu(m_transferMenu);
    rebuildTransferMenu();
    m_actionResult->setObjectName(u"actionResult"_s);
    m_actionResult->setWordWrap(true);
    m_actionResult->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    m_actionResult->hide();
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_summary, 1);
    actions->addWidget(m_transfer);
    actions->addWidget(m_voicemail);
    actions->addWidget(m_hangUp);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(actions);
    layout->addWidget(m_actionResult);
    layout->addLayout(m_stack, 1);
    connect(m_hangUp, &QPushButton::clicked, this, [this] { hangUpSelected(); });
    connect(m_voicemail, &QPushButton::clicked, this, [this] { sendSelectedToVoicemail(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LiveMonitorPanel::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &LiveMonitorPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &LiveMonitorPanel::updateActions);

    connect(m_model, &QAbstractItemModel::rowsInserted, this, &LiveMonitorPanel::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &LiveMonitorPanel::updateEmptyState);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &LiveMonitorPanel::updateEmptyState);
    connect(m_ticker, &QTimer::timeout, this, [this] { m_model->tick(); });
    m_ticker->start(1000);
    updateEmptyState();
    updateActions();
}

LiveMonitorPanel::~LiveMonitorPanel() = default;

void LiveMonitorPanel::updateEmptyState()
{
    m_stack->setCurrentIndex(m_model->rowCount() == 0 ? 0 : 1);
    m_summary->setText(tr("%n call(s) in progress.", nullptr, m_model->liveCount()));
}

void LiveMonitorPanel::setRegion(const QString &region)
{
    m_model->setRegion(region);
}

void LiveMonitorPanel::setCanAct(bool canAct)
{
    m_canAct = canAct;
    for (QPushButton *button : {m_hangUp, m_voicemail, m_transfer})
        button->setVisible(canAct);
    updateActions();
}

void LiveMonitorPanel::setTransferTargets(const QList<TransferTarget> &targets)
{
    m_targets = targets;
    rebuildTransferMenu();
}

void LiveMonitorPanel::rebuildTransferMenu()
{
    m_transferMenu->clear();
    const auto addSection = [this](FeedCommand::TargetKind kind, const QString &title) {
        bool first = true;
        for (const TransferTarget &target : std::as_const(m_targets)) {
            if (target.kind != kind)
                continue;
            if (std::exchange(first, false))
                m_transferMenu->addSection(title);
            m_transferMenu->addAction(target.name.isEmpty() ? target.id : target.name, this,
                [this, target] { transferSelected(target.kind, target.id); });
        }
    };
    addSection(FeedCommand::TargetKind::Staff, tr("Staff"));
    addSection(FeedCommand::TargetKind::Team, tr("Teams"));
    m_transferMenu->addSeparator();
    m_transferMenu->addAction(tr("Another number…"), this, &LiveMonitorPanel::askForNumber);
}

int LiveMonitorPanel::actionableRow(bool toMove) const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (!m_canAct || rows.size() != 1)
        return -1;
    const int row = rows.constFirst().row();
    if (!m_model->isLive(row) || (toMove && !m_model->isIncoming(row)))
        return -1;
    return row;
}

void LiveMonitorPanel::updateActions()
{
    m_hangUp->setEnabled(actionableRow(false) >= 0);
    const bool movable = actionableRow(true) >= 0;
    m_voicemail->setEnabled(movable);
    m_transfer->setEnabled(movable);
}

void LiveMonitorPanel::request(FeedCommand::Action action, int row, FeedCommand::TargetKind kind, const QString &target)
{
    FeedCommand command;
    command.action = action;
    command.callSid = m_model->callSid(row);
    command.targetKind = kind;
    command.target = target;
    m_lastAction = action;
    m_actionResult->hide();
    Q_EMIT actionRequested(command);
}

bool LiveMonitorPanel::hangUpSelected(bool ask)
{
    const int row = actionableRow(false);
    if (row < 0)
        return false;
    const QString caller = m_model->data(m_model->index(row, LiveCallsModel::Caller)).toString();
    if (ask
        && QMessageBox::question(this, tr("Hang up?"), tr("End the call from %1 now?").arg(caller),
               QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes)
        return false;
    request(FeedCommand::Action::Hangup, row);
    return true;
}

bool LiveMonitorPanel::sendSelectedToVoicemail(bool ask)
{
    const int row = actionableRow(true);
    if (row < 0)
        return false;
    const QString caller = m_model->data(m_model->index(row, LiveCallsModel::Caller)).toString();
    if (ask
        && QMessageBox::question(this, tr("Send to voicemail?"),
               tr("Ask %1 to leave a message? Whoever is talking with them now is cut off.").arg(caller),
               QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes)
        return false;
    request(FeedCommand::Action::Voicemail, row);
    return true;
}

bool LiveMonitorPanel::transferSelected(FeedCommand::TargetKind kind, const QString &target)
{
    const int row = actionableRow(true);
    if (row < 0)
        return false;
    QString to = target.trimmed();
    if (kind == FeedCommand::TargetKind::Number) {
        // Written as people write numbers, in the practice's region; sent in international form.
        QString error;
        const std::optional<QString> e164 = PhoneNormalizer(m_model->region()).toE164(to, &error);
        if (!e164) {
            m_lastAction = FeedCommand::Action::Transfer;
            showActionResult(false, error.isEmpty() ? tr("%1 is not a phone number.").arg(to) : error);
            return false;
        }
        to = *e164;
    }
    request(FeedCommand::Action::Transfer, row, kind, to);
    return true;
}

void LiveMonitorPanel::askForNumber()
{
    if (actionableRow(true) < 0)
        return;
    bool ok = false;
    const QString number = QInputDialog::getText(this, tr("Transfer to a number"),
        tr("The number to ring for this call (another office, a mobile):"), QLineEdit::Normal, {}, &ok);
    if (ok && !number.trimmed().isEmpty())
        transferSelected(FeedCommand::TargetKind::Number, number);
}

void LiveMonitorPanel::showActionResult(bool ok, const QString &error)
{
    QString what;
    switch (m_lastAction) {
    case FeedCommand::Action::Hangup: what = tr("Could not hang up: %1"); break;
    case FeedCommand::Action::Voicemail: what = tr("Could not send the call to voicemail: %1"); break;
    case FeedCommand::Action::Transfer: what = tr("Could not transfer the call: %1"); break;
    case FeedCommand::Action::CallBack: what = tr("Could not call back: %1"); break;
    }
    m_actionResult->setText(ok ? QString() : what.arg(error));
    m_actionResult->setVisible(!ok);
}

void LiveMonitorPanel::apply(const FeedMessage &message)
{
    m_model->apply(message);
}
