// The live monitor: every call going on right now.
#include "livemonitorpanel.h"

#include "livecallsmodel.h"
#include "look/icons.h"
#include "look/paneltitle.h"
#include "look/statuscolours.h"
#include "settings/settings.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
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
    m_actionResult->setObjectName(u"actionResult"_s);
    m_actionResult->setWordWrap(true);
    m_actionResult->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    m_actionResult->hide();
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_summary, 1);
    actions->addWidget(m_hangUp);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(actions);
    layout->addWidget(m_actionResult);
    layout->addLayout(m_stack, 1);
    connect(m_hangUp, &QPushButton::clicked, this, [this] { hangUpSelected(); });
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
    m_hangUp->setVisible(canAct);
    updateActions();
}

void LiveMonitorPanel::updateActions()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    m_hangUp->setEnabled(m_canAct && rows.size() == 1 && m_model->isLive(rows.constFirst().row()));
}

bool LiveMonitorPanel::hangUpSelected(bool ask)
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (!m_canAct || rows.size() != 1 || !m_model->isLive(rows.constFirst().row()))
        return false;
    const int row = rows.constFirst().row();
    const QString caller = m_model->data(m_model->index(row, LiveCallsModel::Caller)).toString();
    if (ask
        && QMessageBox::question(this, tr("Hang up?"), tr("End the call from %1 now?").arg(caller),
               QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes)
        return false;
    m_actionResult->hide();
    Q_EMIT hangUpRequested(m_model->callSid(row));
    return true;
}

void LiveMonitorPanel::showActionResult(bool ok, const QString &error)
{
    m_actionResult->setText(ok ? QString() : tr("Could not hang up: %1").arg(error));
    m_actionResult->setVisible(!ok);
}

void LiveMonitorPanel::apply(const FeedMessage &message)
{
    m_model->apply(message);
}
