// The live monitor: every call going on right now.
#include "livemonitorpanel.h"

#include "livecallsmodel.h"
#include "look/paneltitle.h"
#include "settings/settings.h"

#include <QHeaderView>
#include <QLabel>
#include <QStackedLayout>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

LiveMonitorPanel::LiveMonitorPanel(Database &db, QWidget *parent)
    : QWidget(parent)
    , m_model(new LiveCallsModel(this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_empty(new QLabel(tr("No calls right now. New calls appear here as they come in."), this))
    , m_ticker(new QTimer(this))
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

    auto *stack = new QStackedLayout;
    stack->addWidget(m_empty);
    stack->addWidget(m_table);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_summary);
    layout->addLayout(stack, 1);

    connect(m_model, &QAbstractItemModel::rowsInserted, this, &LiveMonitorPanel::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &LiveMonitorPanel::updateEmptyState);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &LiveMonitorPanel::updateEmptyState);
    connect(m_ticker, &QTimer::timeout, this, [this] { m_model->tick(); });
    m_ticker->start(1000);
    updateEmptyState();
}

LiveMonitorPanel::~LiveMonitorPanel() = default;

void LiveMonitorPanel::updateEmptyState()
{
    auto *stack = static_cast<QStackedLayout *>(static_cast<QVBoxLayout *>(layout())->itemAt(2)->layout());
    stack->setCurrentIndex(m_model->rowCount() == 0 ? 0 : 1);
    m_summary->setText(tr("%n call(s) in progress.", nullptr, m_model->liveCount()));
}

void LiveMonitorPanel::setRegion(const QString &region)
{
    m_model->setRegion(region);
}

void LiveMonitorPanel::apply(const FeedMessage &message)
{
    m_model->apply(message);
}
