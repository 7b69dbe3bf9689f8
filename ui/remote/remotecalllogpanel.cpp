// A remote seat's Call logs, read from the other Switchboard's API.
#include "remotecalllogpanel.h"

#include "calls/calllogmodel.h"
#include "calls/calllogwords.h"
#include "calls/calltimelinetable.h"
#include "look/icons.h"
#include "look/paneltitle.h"
#include "look/statuscolours.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// How long the filters wait after the last edit, so that typing a number asks once rather than per digit.
constexpr int FilterDelayMs = 400;
// The most calls the API lists at once: reading again what is loaded stops there.
constexpr int LargestPage = 500;

void makeQuiet(QLabel *label)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, CallLogModel::quietColour(palette));
    label->setPalette(palette);
}

} // namespace

RemoteCallLogPanel::RemoteCallLogPanel(
    FeedApiClient &api, const QString &region, const ShownClock &clock, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_region(region)
    , m_clock(clock)
    , m_model(new CallLogModel(this))
    , m_filterTimer(new QTimer(this))
{
    m_model->setRegion(m_region);
    m_model->setClock(m_clock);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(FilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, [this] { load(PageSize); });

    QWidget *filterBar = createFilterBar();

    m_table = new QTableView;
    m_table->setObjectName(u"callTable"_s);
    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setMinimumSectionSize(m_table->fontMetrics().height() + 4);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    for (int column = 0; column < CallLogModel::ColumnCount; ++column)
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(CallLogModel::CallerColumn, QHeaderView::Stretch);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (current.isValid())
                readCall(m_model->sessionAt(current.row()).callSid);
        });

    m_emptyLabel = new QLabel(tr("No calls match these filters."));
    m_emptyLabel->setObjectName(u"emptyLabel"_s);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    makeQuiet(m_emptyLabel);
    m_listStack = new QStackedWidget;
    m_listStack->addWidget(m_table);
    m_listStack->addWidget(m_emptyLabel);

    m_countLabel = new QLabel;
    m_countLabel->setObjectName(u"countLabel"_s);
    m_problem = new QLabel;
    m_problem->setObjectName(u"problem"_s);
    m_problem->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->hide();
    m_loadMore = new QPushButton(tr("Load &more calls"));
    m_loadMore->setObjectName(u"loadMore"_s);
    m_loadMore->setEnabled(false);
    connect(m_loadMore, &QPushButton::clicked, this, &RemoteCallLogPanel::loadMore);

    auto *list = new QWidget;
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_listStack, 1);
    // Under the list it could not read, across its width: a sentence about the network can be long.
    listLayout->addWidget(m_problem);
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_countLabel);
    footer->addStretch(1);
    footer->addWidget(m_loadMore);
    listLayout->addLayout(footer);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(list);
    splitter->addWidget(createDetail());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 420, 380 });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(PanelTitle::create(tr("Call logs"), this));
    layout->addWidget(filterBar);
    layout->addWidget(splitter, 1);
    showCount();
}

QWidget *RemoteCallLogPanel::createFilterBar()
{
    m_callerEdit = new QLineEdit;
    m_callerEdit->setObjectName(u"callerFilter"_s);
    m_callerEdit->setPlaceholderText(tr("Caller's number or name…"));
    m_callerEdit->setAccessibleName(tr("Caller"));
    m_callerEdit->setClearButtonEnabled(true);
    m_callerEdit->setMinimumWidth(
        m_callerEdit->fontMetrics().horizontalAdvance(m_callerEdit->placeholderText()) + 40);
    connect(m_callerEdit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));

    m_outcomeBox = new QComboBox;
    m_outcomeBox->setObjectName(u"outcomeFilter"_s);
    m_outcomeBox->setAccessibleName(tr("Outcome"));
    m_outcomeBox->addItem(tr("All outcomes"));
    for (const CallOutcome outcome : CallLogWords::filterOrder())
        m_outcomeBox->addItem(CallLogWords::outcome(outcome), QVariant::fromValue(outcome));
    // A choice in a list is not typed letter by letter: the calls follow at once.
    connect(m_outcomeBox, &QComboBox::currentIndexChanged, this, [this] { load(PageSize); });

    auto *bar = new QWidget;
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_callerEdit);
    layout->addWidget(m_outcomeBox);
    layout->addStretch(1);
    return bar;
}

QWidget *RemoteCallLogPanel::createDetail()
{
    m_detailTitle = new QLabel;
    m_detailTitle->setObjectName(u"detailTitle"_s);
    m_detailTitle->setTextFormat(Qt::PlainText);
    m_detailTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_detailTitle->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_detailTitle->setFont(titleFont);

    m_detailSummary = new QLabel;
    m_detailSummary->setObjectName(u"detailSummary"_s);
    m_detailSummary->setTextFormat(Qt::PlainText);
    m_detailSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailSummary->setWordWrap(true);

    // The recording itself stays on the other computer; what it said comes with the call.
    m_voicemail = new QLabel;
    m_voicemail->setObjectName(u"voicemail"_s);
    m_voicemail->setTextFormat(Qt::PlainText);
    m_voicemail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_voicemail->setWordWrap(true);
    m_voicemail->hide();

    m_timeline = new CallTimelineTable;

    m_callBackAction = new QAction(Icons::named(u"call-start"_s), tr("Call back…"), this);
    m_callBackAction->setObjectName(u"callBack"_s);
    connect(m_callBackAction, &QAction::triggered, this, [this] {
        if (const std::optional<CallBackTarget> target = callBackTarget(); target && m_callBackAllowed)
            Q_EMIT callBackRequested(*target);
    });
    m_callBackButton = new QPushButton(m_callBackAction->icon(), m_callBackAction->text());
    m_callBackButton->setObjectName(u"callBackButton"_s);
    connect(m_callBackButton, &QPushButton::clicked, m_callBackAction, &QAction::trigger);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addAction(m_callBackAction);

    auto *detail = new QWidget;
    auto *layout = new QVBoxLayout(detail);
    layout->setContentsMargins(0, 4, 0, 0);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_detailTitle, 1);
    titleRow->addWidget(m_callBackButton, 0, Qt::AlignTop);
    layout->addLayout(titleRow);
    layout->addWidget(m_detailSummary);
    layout->addWidget(m_voicemail);
    layout->addWidget(m_timeline, 1);

    auto *placeholder = new QLabel(tr("Select a call to see its timeline."));
    placeholder->setObjectName(u"detailPlaceholder"_s);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    makeQuiet(placeholder);

    m_detailStack = new QStackedWidget;
    m_detailStack->addWidget(placeholder);
    m_detailStack->addWidget(detail);
    return m_detailStack;
}

void RemoteCallLogPanel::setClock(const ShownClock &clock)
{
    m_clock = clock;
    m_model->setClock(m_clock);
    showDetails();
}

FeedApiClient::CallQuery RemoteCallLogPanel::query() const
{
    FeedApiClient::CallQuery query;
    query.caller = m_callerEdit->text().trimmed();
    if (const QVariant outcome = m_outcomeBox->currentData(); outcome.isValid())
        query.outcome = outcome.value<CallOutcome>();
    return query;
}

void RemoteCallLogPanel::refresh()
{
    load(std::clamp(m_model->rowCount(), PageSize, LargestPage));
}

void RemoteCallLogPanel::load(int limit)
{
    m_filterTimer->stop();
    FeedApiClient::CallQuery first = query();
    first.limit = limit;
    const quint64 request = ++m_listRequest;
    QCoro::connect(m_api.calls(first), this, [this, request](const Result<FeedApiClient::CallPage> &page) {
        if (request != m_listRequest)
            return;
        if (!page)
            showProblem(page.error());
        else
            showCalls(*page, false);
        Q_EMIT callsLoaded();
    });
}

void RemoteCallLogPanel::loadMore()
{
    if (m_model->rowCount() == 0)
        return;
    FeedApiClient::CallQuery next = query();
    next.limit = PageSize;
    next.before = m_model->sessionAt(m_model->rowCount() - 1).callSid;
    m_loadMore->setEnabled(false);
    const quint64 request = ++m_listRequest;
    QCoro::connect(m_api.calls(next), this, [this, request](const Result<FeedApiClient::CallPage> &page) {
        if (request != m_listRequest)
            return;
        if (!page) {
            showProblem(page.error());
            m_loadMore->setEnabled(m_mayHaveMore);
        } else {
            showCalls(*page, true);
        }
        Q_EMIT callsLoaded();
    });
}

void RemoteCallLogPanel::showCalls(const FeedApiClient::CallPage &page, bool appended)
{
    showProblem({});
    m_mayHaveMore = page.mayHaveMore;
    m_loadMore->setEnabled(m_mayHaveMore);
    if (appended) {
        m_model->appendCalls(page.calls);
    } else {
        const QString shown = m_shownCall;
        m_model->setCalls(page.calls);
        m_listStack->setCurrentWidget(page.calls.isEmpty() ? static_cast<QWidget *>(m_emptyLabel) : m_table);
        // The call that was shown stays shown (and is read again: a call in progress grows its timeline);
        // otherwise the newest one is.
        const QString select = m_model->rowOf(shown) >= 0 ? shown : m_model->sessionAt(0).callSid;
        if (select.isEmpty()) {
            m_shownCall.clear();
            m_details.reset();
            m_detailStack->setCurrentIndex(0);
            updateCallBack();
        } else {
            selectCall(select);
        }
    }
    showCount();
}

void RemoteCallLogPanel::showCount()
{
    const int count = m_model->rowCount();
    // One, many and "the newest" each read as a sentence of their own; %L1 groups a large count's digits.
    if (m_mayHaveMore)
        m_countLabel->setText(tr("The newest %L1 calls").arg(count));
    else if (count == 1)
        m_countLabel->setText(tr("1 call"));
    else
        m_countLabel->setText(tr("%L1 calls").arg(count));
}

void RemoteCallLogPanel::showProblem(const QString &problem)
{
    m_problem->setText(problem);
    m_problem->setToolTip(problem);
    m_problem->setVisible(!problem.isEmpty());
}

QString RemoteCallLogPanel::problem() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

QStringList RemoteCallLogPanel::calledNumbers() const
{
    QStringList numbers;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString to = m_model->sessionAt(row).to;
        if (!to.isEmpty() && !numbers.contains(to))
            numbers.append(to);
    }
    return numbers;
}

void RemoteCallLogPanel::selectCall(const QString &callSid)
{
    const int row = m_model->rowOf(callSid);
    if (row >= 0) {
        const QSignalBlocker blocker(m_table->selectionModel());
        m_table->selectionModel()->setCurrentIndex(
            m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    readCall(callSid);
}

void RemoteCallLogPanel::readCall(const QString &callSid)
{
    m_shownCall = callSid;
    const quint64 request = ++m_callRequest;
    QCoro::connect(
        m_api.call(callSid), this, [this, request](const Result<FeedApiClient::CallDetails> &details) {
            if (request != m_callRequest)
                return;
            if (!details) {
                showProblem(details.error());
                return;
            }
            m_details = *details;
            showDetails();
            Q_EMIT callShown(m_details->entry.session.callSid);
        });
}

void RemoteCallLogPanel::setCallBackAllowed(bool allowed, const QString &whyNot)
{
    m_callBackAllowed = allowed;
    m_callBackWhyNot = whyNot;
    updateCallBack();
}

std::optional<CallBackTarget> RemoteCallLogPanel::callBackTarget() const
{
    if (!m_details || m_shownCall.isEmpty())
        return std::nullopt;
    return CallBackTarget::forCall(m_details->entry);
}

void RemoteCallLogPanel::updateCallBack()
{
    const bool possible = callBackTarget().has_value();
    m_callBackAction->setEnabled(m_callBackAllowed && possible);
    m_callBackButton->setEnabled(m_callBackAllowed && possible);
    m_callBackButton->setToolTip(!m_callBackAllowed ? m_callBackWhyNot
                                 : !possible         ? tr("This caller's number was withheld.")
                                                     : tr("Ring a phone of the practice first, then this caller."));
}

void RemoteCallLogPanel::showDetails()
{
    updateCallBack();
    if (!m_details) {
        m_detailStack->setCurrentIndex(0);
        return;
    }
    const CallListEntry &entry = m_details->entry;
    m_detailTitle->setText(m_model->callerText(entry));
    m_detailSummary->setText(m_model->summaryText(entry));
    QStringList voicemail;
    // A call has one voicemail; should a second recording come, the newest is the one that counts.
    if (!m_details->recordings.isEmpty()) {
        const RecordingRecord &recording = m_details->recordings.last();
        voicemail.append(recording.durationSeconds
                ? tr("Voicemail of %1, kept on the other computer.")
                      .arg(CallLogModel::durationText(recording.durationSeconds))
                : tr("Voicemail, kept on the other computer."));
        if (!recording.transcription.isEmpty())
            voicemail.append(recording.transcription);
    }
    m_voicemail->setText(voicemail.join(u'\n'));
    m_voicemail->setVisible(!voicemail.isEmpty());
    m_timeline->showEvents(m_details->events, m_clock, m_region);
    m_detailStack->setCurrentIndex(1);
}
