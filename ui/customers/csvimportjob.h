// One CSV import run on a worker thread with its own database connection, reporting by queued signals.
#pragma once

#include "importer/columnmapping.h"
#include "importer/customercheck.h"
#include "importer/importkind.h"
#include "importer/importreport.h"

#include <QObject>
#include <QString>
#include <QTimeZone>

#include <atomic>
#include <optional>

class CsvImportJob : public QObject
{
    Q_OBJECT

public:
    using Kind = ImportKind;

    // `databasePath` is the data folder's database file: the job opens its own connection to it on the
    // thread that runs it, as every thread must.
    CsvImportJob(Kind kind, QString databasePath, QString filePath, QString defaultRegion, bool skipInvalid,
        QObject *parent = nullptr);

    // The file is read through `mapping` (see CsvTableImporter::setColumnMapping).
    void setColumnMapping(const ColumnMapping &mapping) { m_mapping = mapping; }
    // Customers' assigned staff is checked against the routing plan's `staff`.
    void setStaff(const CustomerCheck::StaffList &staff) { m_staff = staff; }
    // Bookings' times written without an offset are read in `zone` (the computer's until set).
    void setLocalZone(const QTimeZone &zone) { m_localZone = zone; }

    // Asks the import to stop at its next progress report (every 1000 rows); nothing is imported then.
    // Safe from any thread.
    void stop() { m_stop = true; }

public Q_SLOTS:
    // Imports the whole file; call it on the worker thread.
    void run();

Q_SIGNALS:
    void progressed(qint64 rows, qint64 bytesRead, qint64 totalBytes);
    void finished(const ImportReport &report);

private:
    Kind m_kind;
    QString m_databasePath;
    QString m_filePath;
    QString m_defaultRegion;
    bool m_skipInvalid;
    std::optional<ColumnMapping> m_mapping;
    std::optional<CustomerCheck::StaffList> m_staff;
    QTimeZone m_localZone = QTimeZone::systemTimeZone();
    std::atomic_bool m_stop = false;
};
