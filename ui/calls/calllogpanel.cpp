// The Call logs panel: every call with filters, the selected call's timeline and voicemail, CSV export.
#include "calllogpanel.h"

#include "calllogmodel.h"
#include "calllogwords.h"
#include "calltimelinetable.h"
#include "export/calllogexport.h"
#include "look/icons.h"
#include "look/paneltitle.h"
#include "phone/phonenormalizer.h"
#include "settings/settings.h"
#include "storage/database.h"
#include "voicemailplayer.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPalette>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// Secondary text (the empty list, the export's result) in a grey that stays readable, unlike a
// disabled label's.
void makeQuiet(QLabel *label)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, CallLogModel::quietColour(palette));
    label->setPalette(palette);
}

} // namespace

CallLogPanel::CallLogPanel(Database &db, QString dataDir, const ShownClock &clock, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_dataDir(std::move(dataDir))
    , m_region(Settings::defaultRegionIn(db))
    , m_clock(clock)
    , m_calls(db)
    , m_recordings(db)
    , m_model(new CallLogModel(db, this))
    , m_filterTimer(new QTimer(this))
{
    m_model->setClock(m_clock);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(FilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, &CallLogPanel::applyFilter);

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
    // Newest first only (see CallLogModel): no sort indicator to click.
    m_table->setSortingEnabled(false);
    m_table->verticalHeader()->hide();
    // One line of text a row, with a little air: more calls on the screen than the style's default.
    m_table->verticalHeader()->setMinimumSectionSize(m_table->fontMetrics().height() + 4);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    for (int column = 0; column < CallLogModel::ColumnCount; ++column)
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(CallLogModel::CallerColumn, QHeaderView::Stretch);
    m_table->installEventFilter(this);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            showCall(current.isValid() ? m_model->sessionAt(current.row()).callSid : QString());
        });

    m_emptyLabel = new QLabel(tr("No calls match these filters."));
    m_emptyLabel->setObjectName(u"emptyLabel"_s);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    makeQuiet(m_emptyLabel);

    m_listStack = new QStackedWidget;
    m_listStack->addWidget(m_table);
    m_listStack->addWidget(m_emptyLabel);

    // The count and the export sit under the list, so that the filter row fits a 1280-pixel screen
    // in longer languages too.
    auto *list = new QWidget;
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_listStack, 1);
    auto *listFooter = new QHBoxLayout;
    listFooter->addWidget(m_countLabel);
    listFooter->addWidget(m_zoneNote);
    listFooter->addWidget(m_exportStatus, 1);
    listFooter->addWidget(m_exportButton);
    listLayout->addLayout(listFooter);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(list);
    splitter->addWidget(createDetail());
    // The list grows first when the window does: it is what is looked through. At 1280×800 the selected
    // call's detail gets the room its voicemail player and a few timeline steps need.
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 440, 560 });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(PanelTitle::create(tr("Call logs"), this));
    layout->addWidget(filterBar);
    layout->addWidget(splitter, 1);

    // Through the filters, then the list, then what it shows of the selected call.
    setTabOrder(m_callerEdit, m_outcomeBox);
    setTabOrder(m_outcomeBox, m_numberBox);
    setTabOrder(m_numberBox, m_fromEdit);
    setTabOrder(m_fromEdit, m_toEdit);
    setTabOrder(m_toEdit, m_clearButton);
    setTabOrder(m_clearButton, m_table);
    setTabOrder(m_table, m_player);
    setTabOrder(m_player, m_saveButton);
    setTabOrder(m_saveButton, m_timeline);
    setTabOrder(m_timeline, m_exportButton);

    loadCalledNumbers();
    setDefaultFilters();
    applyFilter();
}

CallLogPanel::~CallLogPanel() = default;

void CallLogPanel::setClock(const ShownClock &clock)
{
    const bool followedToday = m_toIsToday;
    m_clock = clock;
    m_model->setClock(m_clock);
    m_zoneNote->setText(m_clock.zoneNote());
    // The plan's today may be another day than the old zone's.
    if (followedToday && m_toEdit->date() != today()) {
        const QSignalBlocker blocker(m_toEdit);
        m_toEdit->setDate(today());
    }
    // The same days now start at other instants, and the selected call's times read differently.
    applyFilter();
    if (!m_shownCall.isEmpty())
        showCall(m_shownCall);
}

QDate CallLogPanel::today() const
{
    return m_clock.today();
}

QWidget *CallLogPanel::createFilterBar()
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
    connect(m_outcomeBox, &QComboBox::currentIndexChanged, m_filterTimer, qOverload<>(&QTimer::start));

    m_numberBox = new QComboBox;
    m_numberBox->setObjectName(u"numberFilter"_s);
    m_numberBox->setAccessibleName(tr("Called number"));
    m_numberBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_numberBox, &QComboBox::currentIndexChanged, m_filterTimer, qOverload<>(&QTimer::start));

    const auto dateEdit = [this](const QString &name, const QString &accessibleName) {
        auto *edit = new QDateEdit;
        edit->setObjectName(name);
        edit->setAccessibleName(accessibleName);
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
        connect(edit, &QDateEdit::dateChanged, m_filterTimer, qOverload<>(&QTimer::start));
        return edit;
    };
    m_fromEdit = dateEdit(u"fromDate"_s, tr("From date"));
    m_toEdit = dateEdit(u"toDate"_s, tr("To date"));
    // Only a date someone picked stops the default from following the calendar.
    connect(m_toEdit, &QDateEdit::dateChanged, this, [this] { m_toIsToday = false; });
    const auto dateLabel = [](const QString &text, QWidget *buddy) {
        auto *label = new QLabel(text);
        label->setBuddy(buddy);
        // QLabel measures a text with a mnemonic a little short for some fonts and pairs of letters
        // ("To" in DejaVu Sans), which cuts off the last letter.
        QString shown = text;
        shown.remove(u'&');
        label->setMinimumWidth(label->fontMetrics().horizontalAdvance(shown) + 2);
        return label;
    };
    QLabel *fromLabel = dateLabel(tr("&From"), m_fromEdit);
    QLabel *toLabel = dateLabel(tr("&To"), m_toEdit);

    m_clearButton = new QPushButton(Icons::named(u"edit-clear"_s), tr("Clear filters"));
    m_clearButton->setObjectName(u"clearFilters"_s);
    connect(m_clearButton, &QPushButton::clicked, this, &CallLogPanel::clearFilters);

    m_countLabel = new QLabel;
    m_countLabel->setObjectName(u"countLabel"_s);
    m_zoneNote = new QLabel(m_clock.zoneNote());
    m_zoneNote->setObjectName(u"zoneNote"_s);
    makeQuiet(m_zoneNote);
    m_exportStatus = new QLabel;
    m_exportStatus->setObjectName(u"exportStatus"_s);
    makeQuiet(m_exportStatus);
    m_exportButton = new QPushButton(Icons::named(u"document-export"_s), tr("Export to CSV…"));
    m_exportButton->setObjectName(u"exportButton"_s);
    connect(m_exportButton, &QPushButton::clicked, this, &CallLogPanel::chooseExportFile);

    auto *bar = new QWidget;
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_callerEdit);
    layout->addWidget(m_outcomeBox);
    layout->addWidget(m_numberBox);
    layout->addSpacing(8);
    layout->addWidget(fromLabel);
    layout->addWidget(m_fromEdit);
    layout->addSpacing(4);
    layout->addWidget(toLabel);
    layout->addWidget(m_toEdit);
    layout->addWidget(m_clearButton);
    layout->addStretch(1);
    return bar;
}

QWidget *CallLogPanel::createDetail()
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

    m_transcription = new QLabel;
    m_transcription->setObjectName(u"transcription"_s);
    m_transcription->setTextFormat(Qt::PlainText);
    m_transcription->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_transcription->setWordWrap(true);
    m_player = new VoicemailPlayer;
    m_saveButton = new QPushButton(Icons::named(u"document-save"_s), tr("Save voicemail as…"));
    m_saveButton->setObjectName(u"saveVoicemail"_s);
    connect(m_saveButton, &QPushButton::clicked, this, &CallLogPanel::chooseVoicemailFile);

    m_voicemailBox = new QGroupBox(tr("Voicemail"));
    m_voicemailBox->setObjectName(u"voicemailBox"_s);
    auto *voicemailLayout = new QVBoxLayout(m_voicemailBox);
    voicemailLayout->addWidget(m_transcription);
    auto *voicemailControls = new QHBoxLayout;
    voicemailControls->addWidget(m_player, 1);
    voicemailControls->addWidget(m_saveButton, 0, Qt::AlignTop);
    voicemailLayout->addLayout(voicemailControls);

    m_timeline = new CallTimelineTable;

    // The caller's number is right there: calling them back is one click from what they left.
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
    layout->addWidget(m_voicemailBox);
    layout->addWidget(m_timeline, 1);

    auto *placeholder = new QLabel(tr("Select a call to see its timeline."));
    placeholder->setObjectName(u"detailPlaceholder"_s);
    placeholder->setAlignment(Qt::AlignCenter);
    makeQuiet(placeholder);

    m_detailStack = new QStackedWidget;
    m_detailStack->addWidget(placeholder);
    m_detailStack->addWidget(detail);
    return m_detailStack;
}

void CallLogPanel::setDefaultFilters()
{
    // Set with the signals held, so that the list is read once, by whoever called this.
    const QSignalBlocker callerBlocker(m_callerEdit);
    const QSignalBlocker outcomeBlocker(m_outcomeBox);
    const QSignalBlocker numberBlocker(m_numberBox);
    const QSignalBlocker fromBlocker(m_fromEdit);
    const QSignalBlocker toBlocker(m_toEdit);
    m_callerEdit->clear();
    m_outcomeBox->setCurrentIndex(0);
    m_numberBox->setCurrentIndex(0);
    // The last 30 days, today included.
    const QDate today = this->today();
    m_fromEdit->setDate(today.addDays(-29));
    m_toEdit->setDate(today);
    m_toIsToday = true;
}

CallListFilter CallLogPanel::filterFromControls() const
{
    CallListFilter filter;
    filter.caller = m_callerEdit->text().trimmed();
    filter.region = m_region;
    if (const QVariant outcome = m_outcomeBox->currentData(); outcome.isValid())
        filter.outcome = outcome.value<CallOutcome>();
    filter.calledNumber = m_numberBox->currentData().toString();
    // Whole days of the plan's clock; dates picked the wrong way round still mean the days between them.
    const QDate from = std::min(m_fromEdit->date(), m_toEdit->date());
    const QDate to = std::max(m_fromEdit->date(), m_toEdit->date());
    filter.since = m_clock.startOfDay(from);
    filter.until = m_clock.startOfDay(to.addDays(1));
    return filter;
}

void CallLogPanel::applyFilter()
{
    m_filterTimer->stop();
    m_exportStatus->clear();
    const QString shown = m_shownCall;
    m_model->setFilter(filterFromControls());
    showCount();
    showListOrEmptyState();
    // The call that was shown stays shown when it still matches; otherwise the newest call is.
    selectCall(m_model->rowOf(shown) >= 0 ? shown : m_model->sessionAt(0).callSid);
}

void CallLogPanel::clearFilters()
{
    setDefaultFilters();
    applyFilter();
}

void CallLogPanel::refresh()
{
    if (m_toIsToday && m_toEdit->date() != today()) {
        const QSignalBlocker blocker(m_toEdit);
        m_toEdit->setDate(today());
    }
    m_filterTimer->stop();
    loadCalledNumbers();
    const QString shown = m_shownCall;
    const int loaded = m_model->rowCount();
    m_model->setFilter(filterFromControls());
    while (m_model->rowCount() < loaded && m_model->canFetchMore({}))
        m_model->fetchMore({});
    showCount();
    showListOrEmptyState();
    const QString select = m_model->rowOf(shown) >= 0 ? shown : m_model->sessionAt(0).callSid;
    // The selected call is read again: a call that is still going on has grown its timeline.
    m_shownCall.clear();
    selectCall(select);
    if (const int row = m_model->rowOf(select); row >= 0)
        m_table->scrollTo(m_model->index(row, 0));
}

void CallLogPanel::setRegion(const QString &region)
{
    if (region == m_region)
        return;
    m_region = region;
    // The list, the called numbers and the call shown all read again, the new region's way.
    refresh();
}

void CallLogPanel::loadCalledNumbers()
{
    const QString current = m_numberBox->currentData().toString();
    const QSignalBlocker blocker(m_numberBox);
    m_numberBox->clear();
    m_numberBox->addItem(tr("All numbers"), QString());
    const PhoneNormalizer phone(m_region);
    for (const QString &number : m_calls.calledNumbers())
        m_numberBox->addItem(phone.toDisplay(number), number);
    m_numberBox->setCurrentIndex(std::max(0, m_numberBox->findData(current)));
}

void CallLogPanel::showCount()
{
    const qint64 count = m_calls.count(m_model->filter());
    // One, many and "or more" each read as a sentence of their own; %L1 groups a large count's digits.
    if (count >= CallStore::CountLimit)
        m_countLabel->setText(tr("%L1 calls or more").arg(CallStore::CountLimit));
    else if (count == 1)
        m_countLabel->setText(tr("1 call"));
    else
        m_countLabel->setText(tr("%L1 calls").arg(count));
}

void CallLogPanel::showListOrEmptyState()
{
    const bool empty = m_model->rowCount() == 0;
    m_listStack->setCurrentWidget(empty ? static_cast<QWidget *>(m_emptyLabel) : m_table);
    // With no calls there is nothing to select: the empty list's message gets the whole panel.
    m_detailStack->setVisible(!empty);
    m_exportButton->setEnabled(!empty);
}

void CallLogPanel::selectCall(const QString &callSid)
{
    const int row = m_model->rowOf(callSid);
    if (row < 0) {
        m_table->selectionModel()->clear();
        showCall({});
        return;
    }
    m_table->selectionModel()->setCurrentIndex(
        m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    // A model reset leaves no current row, so the line above usually shows the call; not when the
    // same row was current already.
    if (m_shownCall != callSid)
        showCall(callSid);
}

void CallLogPanel::showCall(const QString &callSid)
{
    m_shownCall = callSid;
    const std::optional<CallListEntry> entry = callSid.isEmpty() ? std::nullopt : m_calls.entry(callSid);
    if (!entry) {
        m_shownCall.clear();
        m_voicemail.reset();
        m_timeline->setRowCount(0);
        m_detailStack->setCurrentIndex(0);
        m_callBackTarget.reset();
        updateCallBack();
        return;
    }
    m_detailTitle->setText(m_model->callerText(*entry));
    m_detailSummary->setText(m_model->summaryText(*entry));
    showVoicemail(callSid);
    showTimeline(callSid);
    m_detailStack->setCurrentIndex(1);
    m_callBackTarget = CallBackTarget::forCall(*entry);
    updateCallBack();
}

void CallLogPanel::setCallBackAllowed(bool allowed, const QString &whyNot)
{
    m_callBackAllowed = allowed;
    m_callBackWhyNot = whyNot;
    updateCallBack();
}

std::optional<CallBackTarget> CallLogPanel::callBackTarget() const
{
    return m_callBackTarget;
}

void CallLogPanel::updateCallBack()
{
    const bool possible = callBackTarget().has_value();
    m_callBackAction->setEnabled(m_callBackAllowed && possible);
    m_callBackButton->setEnabled(m_callBackAllowed && possible);
    // Says why not, rather than leaving a grey button to guess at.
    m_callBackButton->setToolTip(!possible         ? tr("This caller's number was withheld.")
                                 : !m_callBackAllowed ? m_callBackWhyNot
                                                      : tr("Ring a phone of the practice first, then this caller."));
}

void CallLogPanel::showTimeline(const QString &callSid)
{
    m_timeline->showEvents(m_calls.events(callSid), m_clock, m_region);
}

void CallLogPanel::showVoicemail(const QString &callSid)
{
    m_voicemail.reset();
    const QList<RecordingRecord> recordings = m_recordings.forCall(callSid);
    // A call has one voicemail; should a second recording come, the newest is the one to hear.
    if (!recordings.isEmpty())
        m_voicemail = recordings.last();
    m_voicemailBox->setVisible(m_voicemail.has_value());
    if (!m_voicemail) {
        m_player->setFile({});
        return;
    }
    const bool downloaded = !voicemailPath().isEmpty() && QFileInfo::exists(voicemailPath());
    m_player->setFile(downloaded ? voicemailPath() : QString());
    m_saveButton->setEnabled(downloaded);
    QStringList lines;
    if (m_voicemail->durationSeconds)
        lines.append(tr("A message of %1.", "voicemail length")
                         .arg(CallLogModel::durationText(m_voicemail->durationSeconds)));
    // Without transcription, Twilio sends no text: saying "not yet" would promise one.
    if (!m_voicemail->transcription.isEmpty())
        lines.append(m_voicemail->transcription);
    else if (m_transcriptionOn)
        lines.append(tr("No transcription yet."));
    if (!downloaded)
        lines.append(tr("The recording has not been downloaded into the data folder yet."));
    m_transcription->setText(lines.join(u'\n'));
    m_transcription->setVisible(!lines.isEmpty());
}

void CallLogPanel::setTranscriptionOn(bool on)
{
    if (m_transcriptionOn == on)
        return;
    m_transcriptionOn = on;
    if (!m_shownCall.isEmpty())
        showVoicemail(m_shownCall);
}

QString CallLogPanel::voicemailPath() const
{
    if (!m_voicemail || m_voicemail->file.isEmpty())
        return {};
    // Only a file inside the data folder is opened or copied: the stored name comes from the database,
    // which another program may have written.
    const QString root = QDir::cleanPath(QDir(m_dataDir).absolutePath());
    const QString path = QDir::cleanPath(QDir(root).absoluteFilePath(m_voicemail->file));
    return path.startsWith(root + u'/') ? path : QString();
}

void CallLogPanel::chooseVoicemailFile()
{
    if (!m_voicemail)
        return;
    const CallSessionRecord session = m_calls.findSession(m_shownCall).value_or(CallSessionRecord());
    const QString suffix = QFileInfo(m_voicemail->file).suffix();
    QString name = tr("voicemail-%1-%2", "file name: caller, date and time")
                       .arg(session.from.isEmpty() ? tr("unknown") : session.from,
                           m_clock.onWallClock(session.startedAt).toString(u"yyyy-MM-dd-HHmm"_s));
    if (!suffix.isEmpty())
        name += u'.' + suffix;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Save voicemail as"), QDir(folder).filePath(name),
            suffix.isEmpty() ? tr("All files (*)") : tr("Recordings (*.%1);;All files (*)").arg(suffix));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveVoicemail(path, &error))
        QMessageBox::warning(this, tr("Save voicemail as"), error);
}

bool CallLogPanel::saveVoicemail(const QString &path, QString *error)
{
    const QString source = voicemailPath();
    if (source.isEmpty()) {
        if (error)
            *error = tr("The selected call has no voicemail in the data folder.");
        return false;
    }
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot read the voicemail %1: %2")
                         .arg(QDir::toNativeSeparators(source), in.errorString());
        return false;
    }
    // Written whole or not at all: replacing a file keeps the old one until the copy is complete.
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), out.errorString());
        return false;
    }
    while (!in.atEnd()) {
        const QByteArray chunk = in.read(1 << 16);
        if (chunk.isEmpty() && in.error() != QFileDevice::NoError)
            break;
        out.write(chunk);
    }
    if (in.error() != QFileDevice::NoError || !out.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(path),
                             in.error() != QFileDevice::NoError ? in.errorString() : out.errorString());
        return false;
    }
    return true;
}

void CallLogPanel::chooseExportFile()
{
    // What the list shows is what gets exported, including an edit the list has not followed yet.
    if (m_filterTimer->isActive())
        applyFilter();
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name = tr("calls-%1.csv", "file name").arg(today().toString(Qt::ISODate));
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export calls to CSV"), QDir(folder).filePath(name), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += u".csv"_s;

    const qint64 total = m_calls.count(m_model->filter());
    const bool knownTotal = total < CallStore::CountLimit;
    // On a thread of its own with its own connection: the window stays responsive however many calls
    // there are, and the router's writes go on meanwhile.
    auto *job = new CallLogExport(m_db.filePath(), m_model->filter(), path, this);
    auto *progress = new QProgressDialog(tr("Exporting calls…"), tr("Cancel"), 0, knownTotal ? int(total) : 0, this);
    progress->setWindowTitle(tr("Export to CSV"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(500);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    // Past the count's limit there is no total to show, only a busy bar, and the export is long enough
    // to be worth the dialog at once.
    if (!knownTotal)
        progress->show();
    connect(progress, &QProgressDialog::canceled, job, &CallLogExport::cancel);
    connect(job, &CallLogExport::progressed, progress, [progress, knownTotal](qint64 count) {
        if (knownTotal)
            progress->setValue(int(std::min<qint64>(count, progress->maximum())));
        else
            progress->setLabelText(tr("Exporting calls… %L1 so far").arg(count));
    });
    const QString file = QFileInfo(path).fileName();
    connect(job, &CallLogExport::finished, this,
        [this, job, progress, file](qint64 written, bool cancelled, const QString &error) {
            progress->reset();
            progress->deleteLater();
            job->deleteLater();
            m_exportButton->setEnabled(true);
            if (cancelled)
                m_exportStatus->setText(tr("The export was cancelled."));
            else if (!error.isEmpty())
                QMessageBox::warning(this, tr("Export to CSV"), error);
            else
                m_exportStatus->setText(written == 1 ? tr("Exported 1 call to %1.").arg(file)
                                                     : tr("Exported %L1 calls to %2.").arg(written).arg(file));
            Q_EMIT exportFinished();
        });
    m_exportButton->setEnabled(false);
    m_exportStatus->clear();
    job->start();
}

bool CallLogPanel::exportCsv(const QString &path, QString *error)
{
    return CallLogExport::writeFile(m_db, m_model->filter(), path, error);
}

bool CallLogPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Enter on a call moves to its timeline, where the arrow keys walk its steps.
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && m_detailStack->currentIndex() == 1) {
            m_timeline->setFocus(Qt::OtherFocusReason);
            if (m_timeline->rowCount() > 0 && !m_timeline->currentIndex().isValid())
                m_timeline->setCurrentCell(0, 0);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
