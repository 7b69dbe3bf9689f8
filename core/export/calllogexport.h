// The call log as CSV (RFC 4180; times in UTC ISO 8601): the Call logs panel's Export and `calls --csv`.
// The calls are read a page at a time, newest first, so a million never sit in memory at once.
#pragma once

#include "storage/callrecords.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QObject>
#include <QString>

#include <functional>

class Database;
class QIODevice;
class QThread;

class CallLogExport : public QObject
{
    Q_OBJECT

public:
    // Calls read per query: bigger than a view's pages, since nothing waits to be drawn.
    static constexpr int PageSize = 1000;

    static QString header();
    static QString line(const CallListEntry &entry);
    // Writes the header and every call `filter` matches (its limit is not used) to `out`. `progress` is told
    // the calls written so far after each page and stops the export by returning false (then *error is
    // empty). False with *error set when `out` cannot be written.
    static bool write(Database &db, const CallListFilter &filter, QIODevice &out, QString *error,
        const std::function<bool(qint64)> &progress = {});
    // The same into the file `path`, which is replaced only once the export is whole.
    static bool writeFile(Database &db, const CallListFilter &filter, const QString &path, QString *error,
        const std::function<bool(qint64)> &progress = {});

    // An export to `path` on a thread of its own, with its own connection to `databaseFile`, so that a
    // window stays responsive however many calls there are.
    CallLogExport(QString databaseFile, CallListFilter filter, QString path, QObject *parent = nullptr);
    // Stops an export under way (its file is left as it was) and waits for its thread.
    ~CallLogExport() override;
    void start();
    void cancel() { m_cancel.storeRelaxed(1); }
    bool isRunning() const { return m_thread != nullptr; }

Q_SIGNALS:
    // Calls written so far, after each page.
    void progressed(qint64 written);
    // The end: `error` is empty when it worked or was cancelled.
    void finished(qint64 written, bool cancelled, const QString &error);

private:
    QString m_databaseFile;
    CallListFilter m_filter;
    QString m_path;
    QThread *m_thread = nullptr;
    QAtomicInt m_cancel;
};
