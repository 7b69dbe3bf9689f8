// One CSV import run on a worker thread with its own database connection, reporting by queued signals.
#pragma once

#include "importer/importreport.h"

#include <QObject>
#include <QString>

#include <atomic>

class CsvImportJob : public QObject
{
    Q_OBJECT

public:
    enum class Kind
    {
        Customers,
        Bookings
    };

    // `databasePath` is the data folder's database file: the job opens its own connection to it on the
    // thread that runs it, as every thread must.
    CsvImportJob(Kind kind, QString databasePath, QString filePath, QString defaultRegion, bool skipInvalid,
        QObject *parent = nullptr);

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
    std::atomic_bool m_stop = false;
};
