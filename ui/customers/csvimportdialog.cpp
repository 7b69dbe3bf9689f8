// Imports a customers or bookings CSV file from the desktop app, with its columns matched to the import's
// fields, a preview, a progress bar and a report.
#include "csvimportdialog.h"

#include "columnmappingeditor.h"
#include "desktop/uistate.h"
#include "importer/bookingimporter.h"
#include "importer/csvreader.h"
#include "importer/customerimporter.h"
#include "look/icons.h"
#include "look/statuscolours.h"
#include "routing/routingplanloader.h"
#include "storage/database.h"

#include <QCheckBox>
#include <QColor>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStringListModel>
#include <QTableWidget>
#include <QThread>
#include <QTimeZone>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

enum Page
{
    EmptyPage,
    PreviewPage,
    ReportPage
};

// The red of every "this needs fixing" text in the panel's dialogs.

} // namespace

CsvImportDialog::CsvImportDialog(Kind kind, Database &db, QString databasePath, QString defaultRegion,
    const ShownClock &clock, QWidget *parent)
    : QDialog(parent)
    , m_kind(kind)
    , m_db(db)
    , m_databasePath(std::move(databasePath))
    , m_region(std::move(defaultRegion))
    , m_clock(clock)
    , m_phone(m_region)
    , m_customerCheck(m_phone)
    , m_file(new QLabel(this))
    , m_columns(new QLabel(this))
    , m_mappingEditor(new ColumnMappingEditor(kind, m_clock, this))
    , m_pages(new QStackedWidget(this))
    , m_emptyPreview(new QLabel(this))
    , m_preview(new QTableWidget(this))
    , m_summary(new QLabel(this))
    , m_problemLines(new QStringListModel(this))
    , m_problems(new QListView(this))
    , m_skipInvalid(
          new QCheckBox(tr("Import only the good rows (leave out the bad ones and list them)"), this))
    , m_progress(new QProgressBar(this))
    , m_progressText(new QLabel(this))
    , m_choose(new QPushButton(Icons::named(u"document-import"_s), tr("Choose file…"), this))
    , m_example(new QPushButton(Icons::named(u"document-save"_s), tr("Example file…"), this))
    , m_import(new QPushButton(tr("Import"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_close(new QPushButton(tr("Close"), this))
{
    // The routing plan's staff, whom assigned staff must name, as in the Add dialog's list.
    if (const Result<RoutingModel> plan = RoutingPlanLoader(m_db, m_region, QString()).load()) {
        for (const StaffMember &member : plan->staff)
            m_staff.append({ member.id, member.name });
    }
    m_customerCheck.setStaff(m_staff);
    if (m_kind == Kind::Customers) {
        setWindowTitle(tr("Import customers"));
        auto checker = std::make_unique<CustomerImporter>(m_db, m_region);
        checker->setStaff(m_staff);
        m_checker = std::move(checker);
    } else {
        setWindowTitle(tr("Import bookings"));
        m_checker = std::make_unique<BookingImporter>(m_db, m_region, m_clock.zone());
    }
    setObjectName(u"csvImportDialog"_s);

    m_file->setText(tr("No file chosen."));
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_columns->setWordWrap(true);
    m_columns->setTextFormat(Qt::PlainText);
    m_columns->hide();
    m_mappingEditor->setObjectName(u"columnMapping"_s);
    m_mappingEditor->hide();
    m_example->setToolTip(tr("Save a small file with the columns the import reads, to fill in or compare"));
    m_emptyPreview->setText(kindColumnsHelp());
    m_emptyPreview->setWordWrap(true);
    m_emptyPreview->setAlignment(Qt::AlignCenter);
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->setSelectionMode(QAbstractItemView::NoSelection);
    m_preview->setAlternatingRowColors(true);
    m_preview->verticalHeader()->setDefaultSectionSize(m_preview->fontMetrics().height() + 8);

    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_problems->setModel(m_problemLines);
    m_problems->setUniformItemSizes(true); // tens of thousands of bad rows stay quick
    m_problems->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problems->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto *report = new QWidget(this);
    auto *reportLayout = new QVBoxLayout(report);
    reportLayout->setContentsMargins(0, 0, 0, 0);
    reportLayout->addWidget(m_summary);
    reportLayout->addWidget(m_problems, 1);

    m_pages->addWidget(m_emptyPreview);
    m_pages->addWidget(m_preview);
    m_pages->addWidget(report);

    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_progressText->hide();
    m_stop->hide();

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_example);
    fileRow->addWidget(m_choose);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_progressText);
    progressRow->addWidget(m_stop);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_import, QDialogButtonBox::ApplyRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    m_import->setEnabled(false);
    m_import->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fileRow);
    layout->addWidget(m_mappingEditor);
    layout->addWidget(m_columns);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_skipInvalid);
    layout->addLayout(progressRow);
    layout->addWidget(buttons);
    resize(900, 640);

    connect(m_choose, &QPushButton::clicked, this, &CsvImportDialog::chooseFile);
    connect(m_example, &QPushButton::clicked, this, &CsvImportDialog::saveExample);
    connect(m_mappingEditor, &ColumnMappingEditor::mappingChanged, this, &CsvImportDialog::showMappedRows);
    connect(m_import, &QPushButton::clicked, this, &CsvImportDialog::startImport);
    connect(m_stop, &QPushButton::clicked, this, &CsvImportDialog::stopImport);
    connect(m_close, &QPushButton::clicked, this, &CsvImportDialog::reject);
}

CsvImportDialog::~CsvImportDialog()
{
    if (m_thread) {
        // Closing the window mid-import: the import stops within 1000 rows and rolls back.
        m_job->stop();
        m_thread->wait();
    }
}

QString CsvImportDialog::kindColumnsHelp() const
{
    if (m_kind == Kind::Customers)
        return tr(
            "Choose a CSV file to see its first rows here: an export of your practice software or a "
            "spreadsheet, with commas or semicolons between the columns.\n\nYou then say which of its "
            "columns holds the name, the phone number (a mobile, or else a landline), the email, the notes, "
            "the staff member the customer is assigned to, and the customer's number in your software. "
            "Customers already saved are updated by that number, or without one by their name and phone. "
            "Example file… saves a file with the columns the import reads.");
    return tr(
        "Choose a CSV file to see its first rows here: an export of your practice software or a "
        "spreadsheet, with commas or semicolons between the columns.\n\nYou then say which of its columns "
        "holds the booking's number, when it starts (a date and time, or a date and a time), and who it is "
        "for: the customer's number, or their name and phone number. The end, status, service and staff "
        "are read when the file has them. Times are read in this computer's time zone. Bookings already "
        "saved are updated by their number. Example file… saves a file with the columns the import "
        "reads.");
}

QString CsvImportDialog::kindName() const
{
    return m_kind == Kind::Customers ? u"customers"_s : u"bookings"_s;
}

QString CsvImportDialog::stateFolder() const
{
    return QFileInfo(m_databasePath).absolutePath();
}

void CsvImportDialog::chooseFile()
{
    const QString start = m_path.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
        : QFileInfo(m_path).absolutePath();
    const QString path = QFileDialog::getOpenFileName(
        this, windowTitle(), start, tr("CSV files (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

void CsvImportDialog::saveExample()
{
    const QString name = m_kind == Kind::Customers ? tr("customers-example.csv") : tr("bookings-example.csv");
    const QString start
        = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(name);
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Save an example file"), start, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveExampleFile(path, &error))
        QMessageBox::warning(this, tr("Save an example file"), error);
}

bool CsvImportDialog::saveExampleFile(const QString &path, QString *error) const
{
    QFile example(m_kind == Kind::Customers ? u":/examples/customers.csv"_s : u":/examples/bookings.csv"_s);
    // Written rather than copied: a copy of a resource keeps its read-only mode.
    QSaveFile file(path);
    if (!example.open(QIODevice::ReadOnly) || !file.open(QIODevice::WriteOnly)
        || file.write(example.readAll()) < 0 || !file.commit()) {
        if (error)
            *error = tr("The example file could not be saved as %1: %2.")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

void CsvImportDialog::showFileProblem(const QString &problem)
{
    m_columns->setText(problem);
    m_columns->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    m_columns->show();
    m_import->setEnabled(false);
}

bool CsvImportDialog::loadFile(const QString &path)
{
    if (isImporting())
        return false;
    m_path = path;
    m_report = ImportReport();
    m_header.clear();
    m_rows.clear();
    m_problemLines->setStringList({});
    m_progress->hide();
    m_progressText->hide();
    m_mappingEditor->hide();
    m_preview->clear();
    m_preview->setRowCount(0);
    m_preview->setColumnCount(0);
    const QFileInfo info(path);
    m_file->setText(tr("%1 (%2)").arg(
        QDir::toNativeSeparators(info.absoluteFilePath()), QLocale().formattedDataSize(info.size())));
    m_pages->setCurrentIndex(EmptyPage);

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showFileProblem(tr("Cannot read %1: %2.").arg(info.fileName(), file.errorString()));
        return false;
    }
    CsvReader reader(file);
    CsvRecord header;
    if (!reader.readRecord(&header)) {
        showFileProblem(reader.error() == CsvReader::Error::None
                ? tr("%1 is empty; it needs a first row naming the columns.").arg(info.fileName())
                : tr("%1: %2").arg(info.fileName(), reader.errorString()));
        return false;
    }
    CsvRecord record;
    while (m_rows.size() < PreviewRows && reader.readRecord(&record))
        m_rows.append(record);
    // A fault further down is found by the import, with its line; one in the first rows is shown now.
    m_readError = reader.error() == CsvReader::Error::None ? QString() : reader.errorString();
    m_header = header.fields;

    // As the owner matched them last time for a file with these columns, else guessed from their names.
    const QString key = ColumnMapping::headerKey(m_header);
    const std::optional<ColumnMapping> remembered
        = ColumnMapping::fromJson(m_kind, m_header, UiState(stateFolder()).csvMapping(kindName(), key));
    m_mappingEditor->setMapping(remembered.value_or(ColumnMapping::guess(m_kind, m_header)), m_rows);
    m_mappingEditor->show();
    return showMappedRows();
}

void CsvImportDialog::markCell(QTableWidgetItem *item, const QString &problem) const
{
    item->setForeground(StatusColours::colour(StatusColours::Status::Bad, palette()));
    item->setToolTip(problem);
}

// The first rows as the import will read them: one column per field, the dates as read, what the import
// would refuse in red; then the file's other columns, greyed.
void CsvImportDialog::fillPreview(const ColumnMapping &mapping)
{
    const QStringList fields = mapping.mappedFields();
    const QList<int> unused = mapping.unusedColumns();
    qsizetype extra = 0; // values beyond the header, shown so that a shifted row can be seen
    for (const CsvRecord &row : std::as_const(m_rows))
        extra = qMax(extra, row.fields.size() - m_header.size());
    m_preview->clear();
    m_preview->setColumnCount(int(fields.size() + unused.size() + extra));
    m_preview->setRowCount(int(m_rows.size()));
    int column = 0;
    for (const QString &field : fields) {
        auto *item = new QTableWidgetItem(field);
        const QString source = mapping.sourceText(field);
        if (source.compare(field, Qt::CaseInsensitive) != 0)
            item->setToolTip(
                tr("%1, from the file's %2").arg(ColumnMappingEditor::fieldLabel(field), source));
        m_preview->setHorizontalHeaderItem(column++, item);
    }
    const QBrush grey = palette().brush(QPalette::Disabled, QPalette::Text);
    for (const int place : unused) {
        const QString name = m_header.value(place).trimmed();
        auto *item = new QTableWidgetItem(
            name.isEmpty() ? tr("(no name, not imported)") : tr("%1 (not imported)").arg(name));
        item->setForeground(grey);
        m_preview->setHorizontalHeaderItem(column++, item);
    }
    for (qsizetype i = 0; i < extra; ++i) {
        auto *item = new QTableWidgetItem(tr("(no name, not imported)"));
        item->setForeground(grey);
        m_preview->setHorizontalHeaderItem(column++, item);
    }

    const QTimeZone zone = m_clock.zone();
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        const CsvRecord &csv = m_rows.at(row);
        m_preview->setVerticalHeaderItem(int(row), new QTableWidgetItem(tr("Line %1").arg(csv.line)));
        const CsvRecord mapped = mapping.apply(csv);
        QHash<QString, QTableWidgetItem *> cells;
        for (qsizetype i = 0; i < fields.size(); ++i) {
            const QString &field = fields.at(i);
            const QString value = mapped.fields.value(i);
            auto *item = new QTableWidgetItem(value);
            if ((field == u"starts_at"_s || field == u"ends_at"_s) && !value.isEmpty()) {
                // The date as read, with the month by name: a US file read day first shows at once.
                const QDateTime read = WrittenDateTime::read(value, mapping.dateOrder(), zone);
                if (read.isValid())
                    item->setText(m_clock.locale().toString(m_clock.onWallClock(read).date(), u"ddd d MMM yyyy"_s)
                        + u", "_s + m_clock.time(read));
                else
                    markCell(item, tr("\"%1\" is not a date and time that can be read.").arg(value));
                item->setToolTip(item->toolTip().isEmpty() ? value : item->toolTip());
            }
            cells.insert(field, item);
            m_preview->setItem(int(row), int(i), item);
        }
        if (m_kind == Kind::Customers) {
            Customer customer;
            customer.name = cells.contains(u"name"_s) ? cells.value(u"name"_s)->text() : QString();
            customer.phoneRaw = cells.contains(u"phone"_s) ? cells.value(u"phone"_s)->text() : QString();
            customer.email = cells.contains(u"email"_s) ? cells.value(u"email"_s)->text() : QString();
            customer.assignedStaff
                = cells.contains(u"assigned_staff"_s) ? cells.value(u"assigned_staff"_s)->text() : QString();
            for (const CustomerCheck::RowProblem &problem : m_customerCheck.rowProblems(&customer)) {
                if (QTableWidgetItem *item = cells.value(problem.column))
                    markCell(item, problem.reason);
            }
        }
        int place = int(fields.size());
        for (const int source : unused)
            m_preview->setItem(int(row), place++, new QTableWidgetItem(csv.fields.value(source)));
        for (qsizetype i = m_header.size(); i < csv.fields.size(); ++i)
            m_preview->setItem(int(row), place++, new QTableWidgetItem(csv.fields.at(i)));
    }
    m_preview->resizeColumnsToContents();
    for (int i = 0; i < m_preview->columnCount(); ++i)
        m_preview->setColumnWidth(i, qMin(m_preview->columnWidth(i), 260));
    m_pages->setCurrentIndex(PreviewPage);
}

bool CsvImportDialog::showMappedRows()
{
    if (isImporting() || m_path.isEmpty())
        return false;
    const ColumnMapping mapping = m_mappingEditor->mapping();
    m_checker->setColumnMapping(mapping);
    fillPreview(mapping);
    const QString fileName = QFileInfo(m_path).fileName();

    if (const QStringList missing = mapping.missingFields(); !missing.isEmpty()) {
        // The label of the combo box to set, and the name the preview and the report use.
        QStringList labels;
        for (const QString &field : missing) {
            const QString label = ColumnMappingEditor::fieldLabel(field);
            labels.append(label == field ? field : tr("%1 (%2)").arg(label, field));
        }
        showFileProblem(tr("Choose which column of %1 holds %2: the import needs it.")
                            .arg(fileName, QLocale().createSeparatedList(labels)));
        return false;
    }
    const QString problem = m_checker->checkHeader(m_header, fileName);
    if (!problem.isEmpty()) {
        showFileProblem(problem);
        return false;
    }
    if (!m_readError.isEmpty()) {
        showFileProblem(tr("%1: %2").arg(fileName, m_readError));
        return false;
    }
    QStringList ignored;
    for (const int place : mapping.unusedColumns()) {
        if (!m_header.value(place).trimmed().isEmpty())
            ignored.append(m_header.value(place).trimmed());
    }
    QString text = tr("Columns imported: %1.").arg(mapping.mappedFields().join(u", "_s));
    if (!ignored.isEmpty())
        text += u' ' + tr("Not imported: %1.").arg(ignored.join(u", "_s));
    if (!m_rows.isEmpty())
        text += u' ' + tr("The first rows as they will be imported (what the import would refuse in red):");
    m_columns->setText(text);
    m_columns->setStyleSheet(QString());
    m_columns->show();
    m_import->setEnabled(true);
    return true;
}

void CsvImportDialog::setSkipInvalid(bool skip)
{
    m_skipInvalid->setChecked(skip);
}

QString CsvImportDialog::columnsText() const
{
    return m_columns->text();
}

QString CsvImportDialog::summaryText() const
{
    return m_summary->text();
}

QStringList CsvImportDialog::problemLines() const
{
    return m_problemLines->stringList();
}

void CsvImportDialog::startImport()
{
    if (isImporting() || m_path.isEmpty())
        return;
    // Remembered for the next file with these columns, from this practice software's next export.
    const ColumnMapping mapping = m_mappingEditor->mapping();
    UiState(stateFolder()).setCsvMapping(kindName(), ColumnMapping::headerKey(m_header), mapping.toJson());
    m_job = std::make_unique<CsvImportJob>(
        m_kind, m_databasePath, m_path, m_region, m_skipInvalid->isChecked());
    m_job->setLocalZone(m_clock.zone());
    m_job->setColumnMapping(mapping);
    m_job->setStaff(m_staff);
    connect(
        m_job.get(), &CsvImportJob::progressed, this, &CsvImportDialog::showProgress, Qt::QueuedConnection);
    connect(m_job.get(), &CsvImportJob::finished, this, &CsvImportDialog::showReport, Qt::QueuedConnection);
    // The job object stays on this thread; only its run() happens on the worker, which has no event loop.
    m_thread = QThread::create([job = m_job.get()] { job->run(); });
    m_thread->setParent(this);
    m_thread->setObjectName(u"csv-import"_s);

    m_progress->setValue(0);
    m_progress->show();
    m_progressText->setText(tr("Starting…"));
    m_progressText->show();
    m_stop->show();
    m_stop->setEnabled(true);
    m_import->setEnabled(false);
    m_choose->setEnabled(false);
    m_mappingEditor->setEnabled(false);
    m_skipInvalid->setEnabled(false);
    m_close->setEnabled(false);
    m_thread->start();
}

void CsvImportDialog::stopImport()
{
    if (!m_job)
        return;
    m_job->stop();
    m_stop->setEnabled(false);
    m_progressText->setText(tr("Stopping…"));
}

void CsvImportDialog::reject()
{
    // Not while a file is half imported: Stop first, which rolls it back.
    if (isImporting())
        return;
    QDialog::reject();
}

void CsvImportDialog::showProgress(qint64 rows, qint64 bytesRead, qint64 totalBytes)
{
    if (totalBytes > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(std::clamp<qint64>(bytesRead * 1000 / totalBytes, 0, 1000)));
    } else {
        m_progress->setRange(0, 0); // busy: a size we do not know
    }
    if (m_stop->isEnabled())
        m_progressText->setText(tr("%1 rows read").arg(QLocale().toString(rows)));
    Q_EMIT progressed(rows, bytesRead, totalBytes);
}

void CsvImportDialog::showReport(const ImportReport &report)
{
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_job.reset();
    m_report = report;

    m_stop->hide();
    m_progressText->hide();
    m_progress->setVisible(report.committed);
    m_choose->setEnabled(true);
    m_mappingEditor->setEnabled(true);
    m_skipInvalid->setEnabled(true);
    m_close->setEnabled(true);
    // Again after a refusal (with "only the good rows" ticked, say); not after a success, which would only
    // import the same rows twice.
    m_import->setEnabled(!report.committed);

    // Written out for one and for many rather than "row(s)": the report is read by people, not parsed.
    const bool customers = m_kind == Kind::Customers;
    const QLocale locale;
    QStringList sentences;
    if (report.committed) {
        if (customers)
            sentences.append(report.inserted == 1
                    ? tr("Imported 1 new customer.")
                    : tr("Imported %1 new customers.").arg(locale.toString(report.inserted)));
        else
            sentences.append(report.inserted == 1
                    ? tr("Imported 1 new booking.")
                    : tr("Imported %1 new bookings.").arg(locale.toString(report.inserted)));
        if (report.updated > 0)
            sentences.append(tr("Updated %1 already saved.").arg(locale.toString(report.updated)));
        if (report.customersCreated > 0)
            sentences.append(report.customersCreated == 1
                    ? tr("Created 1 customer from the phone number of a booking.")
                    : tr("Created %1 customers from the phone numbers of bookings.")
                          .arg(locale.toString(report.customersCreated)));
        if (report.skipped > 0)
            sentences.append(report.skipped == 1
                    ? tr("Left out 1 bad row:")
                    : tr("Left out %1 bad rows:").arg(locale.toString(report.skipped)));
        m_summary->setStyleSheet(QString());
    } else if (!report.fileError.isEmpty()) {
        sentences.append(report.fileError);
        m_summary->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    } else {
        sentences.append(report.skipped == 1
                ? tr("Nothing was imported: 1 row has a problem.")
                : tr("Nothing was imported: %1 rows have problems.").arg(locale.toString(report.skipped)));
        sentences.append(
            tr("Fix them in the file and import it again, or tick \"Import only the good rows\"."));
        m_summary->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    }
    if (report.warnings.size() == 1)
        sentences.append(tr("A note about a phone number that customers share is at the end of the list."));
    else if (report.warnings.size() > 1)
        sentences.append(tr("%1 notes about phone numbers that customers share are at the end of the list.")
                             .arg(locale.toString(report.warnings.size())));
    m_summary->setText(sentences.join(u' '));

    // A field the file calls otherwise is named as the file calls it too: "Line 3, column Handy: phone …".
    const ColumnMapping mapping = m_mappingEditor->mapping();
    QStringList lines;
    lines.reserve(report.errors.size() + report.warnings.size());
    for (const ImportRowError &error : report.errors) {
        const QString source = error.column.isEmpty() ? QString() : mapping.sourceText(error.column);
        if (source.isEmpty() || source.compare(error.column, Qt::CaseInsensitive) == 0)
            lines.append(tr("Line %1: %2").arg(error.line).arg(error.reason));
        else
            lines.append(tr("Line %1, column %2: %3").arg(error.line).arg(source, error.reason));
    }
    for (const ImportWarning &warning : report.warnings)
        lines.append(tr("Note: %1").arg(warning.text));
    m_problemLines->setStringList(lines);
    m_problems->setVisible(!lines.isEmpty());
    m_columns->hide(); // about the preview, which the report replaces
    m_pages->setCurrentIndex(ReportPage);
    Q_EMIT importFinished(report);
}
