// One CSV import run on a worker thread with its own database connection.
#include "csvimportjob.h"

#include "importer/bookingimporter.h"
#include "importer/customerimporter.h"
#include "storage/database.h"

#include <memory>

CsvImportJob::CsvImportJob(Kind kind, QString databasePath, QString filePath, QString defaultRegion,
    bool skipInvalid, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_databasePath(std::move(databasePath))
    , m_filePath(std::move(filePath))
    , m_defaultRegion(std::move(defaultRegion))
    , m_skipInvalid(skipInvalid)
{ }

void CsvImportJob::run()
{
    ImportReport report;
    {
        Database db(m_databasePath);
        QString error;
        if (!db.open(&error)) {
            report.fileError = error;
            Q_EMIT finished(report);
            return;
        }
        std::unique_ptr<CsvTableImporter> importer;
        if (m_kind == Kind::Customers) {
            auto customers = std::make_unique<CustomerImporter>(db, m_defaultRegion);
            if (m_staff)
                customers->setStaff(*m_staff);
            importer = std::move(customers);
        } else {
            importer = std::make_unique<BookingImporter>(db, m_defaultRegion, m_localZone);
        }
        if (m_mapping)
            importer->setColumnMapping(*m_mapping);
        importer->setProgressCallback([this](const ImportProgress &progress) {
            Q_EMIT progressed(progress.rows, progress.bytesRead, progress.totalBytes);
            return !m_stop.load();
        });
        report = importer->importFile(m_filePath, m_skipInvalid);
    } // the connection closes on this thread, before anyone hears that the import is over
    Q_EMIT finished(report);
}
