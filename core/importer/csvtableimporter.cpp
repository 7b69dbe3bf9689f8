// Imports a CSV table into the database in one transaction: the file handling and the all-or-nothing rule
// shared by the customer and booking importers.
#include "csvtableimporter.h"

#include "csvreader.h"
#include "importerlog.h"
#include "storage/bulkwritecache.h"
#include "storage/database.h"

#include <QElapsedTimer>
#include <QFile>

using namespace Qt::StringLiterals;

CsvTableImporter::CsvTableImporter(Database &db)
    : m_db(db)
{
}

CsvTableImporter::~CsvTableImporter() = default;

QString CsvTableImporter::headerError(const QString &sourceName, const QStringList &missing,
                                      const QStringList &repeated, const QString &expected)
{
    if (!missing.isEmpty())
        return tr("%1 does not name the required columns %2 in its first row (expected: %3).")
            .arg(sourceName, missing.join(u", "_s), expected);
    if (!repeated.isEmpty())
        return tr("%1 names the columns %2 more than once in its first row.")
            .arg(sourceName, repeated.join(u", "_s));
    return {};
}

QString CsvTableImporter::readerError(const CsvReader &reader, const QString &sourceName)
{
    switch (reader.error()) {
    case CsvReader::Error::None:
        break;
    case CsvReader::Error::ReadFailed:
        return tr("Cannot read %1 to the end: %2.").arg(sourceName, reader.deviceError());
    case CsvReader::Error::Utf16:
        return tr("%1 is UTF-16 text; save it as UTF-8 and import it again.").arg(sourceName);
    case CsvReader::Error::InvalidUtf8:
        return tr("%1 is not UTF-8 text (line %2); save it as UTF-8 and import it again.")
            .arg(sourceName)
            .arg(reader.errorLine());
    case CsvReader::Error::UnterminatedQuote:
        return tr("%1 has a quoted value starting on line %2 that never ends; a closing double quote is "
                  "missing.")
            .arg(sourceName)
            .arg(reader.errorLine());
    }
    return {};
}

void CsvTableImporter::setProgressCallback(ProgressCallback callback, int everyRows)
{
    m_progress = std::move(callback);
    m_progressEveryRows = qMax(1, everyRows);
}

QString CsvTableImporter::checkHeader(const QStringList &columns, const QString &sourceName)
{
    return startImport(CsvHeader(m_mapping ? m_mapping->mappedFields() : columns), sourceName);
}

void CsvTableImporter::finishRows(ImportReport *) { }

ImportReport CsvTableImporter::importFile(const QString &path, bool skipInvalid)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ImportReport report;
        report.fileError = tr("Cannot read %1: %2.").arg(path, file.errorString());
        return report;
    }
    return importDevice(file, path, skipInvalid);
}

ImportReport CsvTableImporter::importDevice(QIODevice &device, const QString &sourceName, bool skipInvalid)
{
    ImportReport report;
    QElapsedTimer timer;
    timer.start();

    CsvReader reader(device);
    CsvRecord headerRecord;
    if (!reader.readRecord(&headerRecord)) {
        if (reader.error() == CsvReader::Error::None)
            report.fileError = tr("%1 is empty; it needs a first row naming the columns.").arg(sourceName);
        else
            report.fileError = readerError(reader, sourceName);
        return report;
    }
    const CsvHeader header(headerRecord.fields);
    if (m_mapping) {
        // A mapping is made for one first row; another file's columns may be in other places.
        QStringList names;
        for (const QString &name : std::as_const(headerRecord.fields))
            names.append(name.trimmed());
        if (names != m_mapping->header()) {
            report.fileError
                = tr("The first row of %1 is not the one its columns were matched for; choose the "
                     "file again.")
                      .arg(sourceName);
            return report;
        }
    }
    report.fileError = startImport(m_mapping ? CsvHeader(m_mapping->mappedFields()) : header, sourceName);
    if (!report.fileError.isEmpty())
        return report;

    const BulkWriteCache cache(m_db);
    QString transactionError;
    report.committed = m_db.transaction(
        [&] { return importRows(reader, device, header, sourceName, skipInvalid, &report); }, &transactionError);
    if (!report.committed) {
        if (report.fileError.isEmpty() && !transactionError.isEmpty())
            report.fileError = tr("Cannot import %1: %2").arg(sourceName, transactionError);
        report.inserted = 0;
        report.updated = 0;
        report.customersCreated = 0;
    }
    qCDebug(lcImporter).nospace() << "Imported " << sourceName << " in " << timer.elapsed()
                                 << " ms: committed " << report.committed << ", " << report.inserted
                                 << " inserted, " << report.updated << " updated, " << report.skipped
                                 << " bad rows";
    return report;
}

// Runs inside the transaction; returning false rolls everything back.
bool CsvTableImporter::importRows(CsvReader &reader, QIODevice &device, const CsvHeader &header,
                                  const QString &sourceName, bool skipInvalid, ImportReport *report)
{
    CsvRecord record;
    QList<ImportRowError> reasons;
    QString failure;
    ImportProgress progress;
    progress.totalBytes = device.isSequential() ? 0 : device.size();
    int rowsToNextReport = m_progressEveryRows;
    // False when the callback stops the import.
    const auto reportProgress = [&] {
        progress.bytesRead = device.pos();
        if (m_progress(progress))
            return true;
        report->stopped = true;
        report->fileError = tr("The import of %1 was stopped; nothing was imported.").arg(sourceName);
        return false;
    };
    while (reader.readRecord(&record)) {
        ++progress.rows;
        if (m_progress && --rowsToNextReport == 0) {
            rowsToNextReport = m_progressEveryRows;
            if (!reportProgress())
                return false;
        }
        reasons.clear();
        // More values than columns usually means an unquoted comma shifted the row; trailing empty
        // values are harmless (spreadsheets add them).
        for (qsizetype i = header.columnCount(); i < record.fields.size(); ++i) {
            if (!record.fields.at(i).trimmed().isEmpty()) {
                const QString reason = reader.delimiter() == ','
                    ? tr("the row has %1 values but the first row names %2 columns; a value "
                         "containing a comma must be in double quotes")
                    : tr("the row has %1 values but the first row names %2 columns; a value "
                         "containing a semicolon or a tab must be in double quotes");
                reasons.append(
                    { record.line, reason.arg(record.fields.size()).arg(header.columnCount()), QString() });
                break;
            }
        }
        RowResult result = RowResult::Invalid;
        if (reasons.isEmpty())
            result = importRow(m_mapping ? m_mapping->apply(record) : record, &reasons, report, &failure);
        switch (result) {
        case RowResult::Inserted:
            ++report->inserted;
            break;
        case RowResult::Updated:
            ++report->updated;
            break;
        case RowResult::Invalid:
            ++report->skipped;
            report->errors.append(reasons);
            break;
        case RowResult::Failed:
            report->fileError = tr("Cannot import %1 (line %2): %3").arg(sourceName).arg(record.line).arg(failure);
            qCWarning(lcImporter) << report->fileError;
            return false;
        }
    }
    if (reader.error() != CsvReader::Error::None) {
        report->fileError = readerError(reader, sourceName);
        return false;
    }
    finishRows(report);
    // The end, unless the last report was for the last row already.
    if (m_progress && (rowsToNextReport != m_progressEveryRows || progress.rows == 0) && !reportProgress())
        return false;
    return skipInvalid || report->errors.isEmpty();
}
