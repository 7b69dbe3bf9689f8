// Imports a customers or bookings CSV file from the desktop app, with a preview, a progress bar and a report.
#include "csvimportdialog.h"

#include "importer/bookingimporter.h"
#include "importer/csvreader.h"
#include "importer/customerimporter.h"
#include "storage/database.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStringListModel>
#include <QTableWidget>
#include <QThread>
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
const QString s_problemStyle = u"color: #b3261e;"_s;

} // namespace

CsvImportDialog::CsvImportDialog(
    Kind kind, Database &db, QString databasePath, QString defaultRegion, QWidget *parent)
    : QDialog(parent)
    , m_kind(kind)
    , m_db(db)
    , m_databasePath(std::move(databasePath))
    , m_region(std::move(defaultRegion))
    , m_file(new QLabel(this))
    , m_columns(new QLabel(this))
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
    , m_choose(new QPushButton(tr("Choose file…"), this))
    , m_import(new QPushButton(tr("Import"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_close(new QPushButton(tr("Close"), this))
{
    if (m_kind == Kind::Customers) {
        setWindowTitle(tr("Import customers"));
        m_checker = std::make_unique<CustomerImporter>(m_db, m_region);
    } else {
        setWindowTitle(tr("Import bookings"));
        m_checker = std::make_unique<BookingImporter>(m_db, m_region);
    }
    setObjectName(u"csvImportDialog"_s);

    m_file->setText(tr("No file chosen."));
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_columns->setWordWrap(true);
    m_columns->setTextFormat(Qt::PlainText);
    m_columns->hide();
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
    layout->addWidget(m_columns);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_skipInvalid);
    layout->addLayout(progressRow);
    layout->addWidget(buttons);
    resize(820, 560);

    connect(m_choose, &QPushButton::clicked, this, &CsvImportDialog::chooseFile);
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
        return tr("Choose a CSV file to see its first rows here.\n\nIts first row names the columns: "
                  "customer_id, name and phone are required; email, notes and assigned_staff are read "
                  "when present. Customers already saved are updated by their customer_id.");
    return tr("Choose a CSV file to see its first rows here.\n\nIts first row names the columns: "
              "booking_id and starts_at are required, and customer_id or phone names the customer; "
              "customer_name, ends_at, status, service and staff are read when present. Times without an "
              "offset are read in this computer's time zone. Bookings already saved are updated by their "
              "booking_id.");
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

void CsvImportDialog::showFileProblem(const QString &problem)
{
    m_columns->setText(problem);
    m_columns->setStyleSheet(s_problemStyle);
    m_columns->show();
    m_import->setEnabled(false);
}

bool CsvImportDialog::loadFile(const QString &path)
{
    if (isImporting())
        return false;
    m_path = path;
    m_report = ImportReport();
    m_problemLines->setStringList({});
    m_progress->hide();
    m_progressText->hide();
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
    QList<CsvRecord> rows;
    CsvRecord record;
    while (rows.size() < PreviewRows && reader.readRecord(&record))
        rows.append(record);
    // A fault further down is found by the import, with its line; one in the first rows is shown now.
    const QString readError = reader.error() == CsvReader::Error::None ? QString() : reader.errorString();

    // The columns as the importer reads them: trimmed, any case.
    const QStringList known = m_checker->columns();
    QStringList used;
    QStringList ignored;
    qsizetype columnCount = header.fields.size();
    for (const CsvRecord &row : std::as_const(rows))
        columnCount = qMax(columnCount, row.fields.size());
    m_preview->setColumnCount(int(columnCount));
    m_preview->setRowCount(int(rows.size()));
    for (qsizetype column = 0; column < columnCount; ++column) {
        const QString name = header.fields.value(column).trimmed();
        auto *item = new QTableWidgetItem(name);
        if (known.contains(name.toLower())) {
            used.append(name);
        } else {
            if (!name.isEmpty())
                ignored.append(name);
            item->setText(name.isEmpty() ? tr("(no name, not imported)") : tr("%1 (not imported)").arg(name));
            item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
        }
        m_preview->setHorizontalHeaderItem(int(column), item);
    }
    for (qsizetype row = 0; row < rows.size(); ++row) {
        const CsvRecord &csv = rows.at(row);
        m_preview->setVerticalHeaderItem(int(row), new QTableWidgetItem(tr("Line %1").arg(csv.line)));
        for (qsizetype column = 0; column < csv.fields.size(); ++column)
            m_preview->setItem(int(row), int(column), new QTableWidgetItem(csv.fields.at(column)));
    }
    m_preview->resizeColumnsToContents();
    for (int column = 0; column < m_preview->columnCount(); ++column)
        m_preview->setColumnWidth(column, qMin(m_preview->columnWidth(column), 260));
    m_pages->setCurrentIndex(PreviewPage);

    const QString problem = m_checker->checkHeader(header.fields, info.fileName());
    if (!problem.isEmpty()) {
        showFileProblem(problem);
        return false;
    }
    if (!readError.isEmpty()) {
        showFileProblem(tr("%1: %2").arg(info.fileName(), readError));
        return false;
    }
    QString text = tr("Columns imported: %1.").arg(used.join(u", "_s));
    if (!ignored.isEmpty())
        text += u' ' + tr("Not imported: %1.").arg(ignored.join(u", "_s));
    if (!rows.isEmpty())
        text += u' ' + tr("The first rows of the file:");
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
    m_job = std::make_unique<CsvImportJob>(
        m_kind, m_databasePath, m_path, m_region, m_skipInvalid->isChecked());
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
        m_summary->setStyleSheet(s_problemStyle);
    } else {
        sentences.append(report.skipped == 1
                ? tr("Nothing was imported: 1 row has a problem.")
                : tr("Nothing was imported: %1 rows have problems.").arg(locale.toString(report.skipped)));
        sentences.append(
            tr("Fix them in the file and import it again, or tick \"Import only the good rows\"."));
        m_summary->setStyleSheet(s_problemStyle);
    }
    m_summary->setText(sentences.join(u' '));

    QStringList lines;
    lines.reserve(report.errors.size());
    for (const ImportRowError &error : report.errors)
        lines.append(tr("Line %1: %2").arg(error.line).arg(error.reason));
    m_problemLines->setStringList(lines);
    m_problems->setVisible(!lines.isEmpty());
    m_columns->hide(); // about the preview, which the report replaces
    m_pages->setCurrentIndex(ReportPage);
    Q_EMIT importFinished(report);
}
