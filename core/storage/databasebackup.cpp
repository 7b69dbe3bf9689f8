#include "databasebackup.h"

#include "calllogjournal.h"
#include "database.h"
#include "files/owneronly.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

struct CloseConnection
{
    void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, CloseConnection>;

// A connection of our own to `path`; with `flags` SQLITE_OPEN_READONLY, nothing is created.
Connection openFile(const QString &path, int flags, QString *error)
{
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db, flags, nullptr);
    Connection connection(db);
    if (rc != SQLITE_OK) {
        *error = QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        return {};
    }
    // Another connection's write lock is waited for, not failed on.
    sqlite3_busy_timeout(db, 5000);
    return connection;
}

// The first column of the first row of `sql`, as text; nullopt when it fails.
std::optional<QString> firstValue(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK)
        return std::nullopt;
    std::optional<QString> value;
    if (sqlite3_step(statement) == SQLITE_ROW)
        value = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
    sqlite3_finalize(statement);
    return value;
}

enum class Check
{
    // Every page and the order within each b-tree (about 0.6 s for a million calls): what a copy just
    // written page for page from a sound database can get wrong.
    Quick,
    // Also that every index matches its table (about 16 s for a million calls): for a file from elsewhere.
    Full,
};

QString integrityProblem(sqlite3 *db, Check check)
{
    const std::optional<QString> result
        = firstValue(db, check == Check::Full ? "PRAGMA integrity_check(1)" : "PRAGMA quick_check(1)");
    if (!result)
        return QString::fromUtf8(sqlite3_errmsg(db));
    return *result == u"ok"_s ? QString() : *result;
}

} // namespace

std::optional<DatabaseBackup::Copied> DatabaseBackup::copy(const QString &source, const QString &target, QString *error)
{
    QElapsedTimer clock;
    clock.start();
    QString why;
    if (!QFileInfo::exists(source)) {
        *error = tr("There is no database at %1.").arg(QDir::toNativeSeparators(source));
        return std::nullopt;
    }
    Connection from = openFile(source, SQLITE_OPEN_READONLY, &why);
    if (!from) {
        *error = tr("Cannot read the database %1: %2.").arg(QDir::toNativeSeparators(source), why);
        return std::nullopt;
    }
    // Written beside the target and renamed over it at the end: a failed copy never leaves a half
    // one where the last good backup was.
    const QString partial = target + u".partial"_s;
    QFile::remove(partial);
    {
        QFile placeholder(partial);
        if (!placeholder.open(QIODevice::WriteOnly) || !OwnerOnly::restrictFile(placeholder, &why)) {
            *error = tr("Cannot write %1: %2.")
                         .arg(QDir::toNativeSeparators(target), why.isEmpty() ? placeholder.errorString() : why);
            return std::nullopt;
        }
    }
    Connection to = openFile(partial, SQLITE_OPEN_READWRITE, &why);
    bool copied = false;
    if (to) {
        sqlite3_backup *backup = sqlite3_backup_init(to.get(), "main", from.get(), "main");
        if (backup) {
            // All pages in one step: one read transaction, so one snapshot. Done in several steps, a
            // commit on another connection in between would restart the copy, which under a steady
            // stream of calls might never end.
            const int rc = sqlite3_backup_step(backup, -1);
            sqlite3_backup_finish(backup);
            copied = rc == SQLITE_DONE;
        }
        if (!copied)
            why = QString::fromUtf8(sqlite3_errmsg(to.get()));
        else if (const QString problem = integrityProblem(to.get(), Check::Quick); !problem.isEmpty()) {
            copied = false;
            why = tr("the copy fails SQLite's integrity check (%1)").arg(problem);
        }
    }
    Copied result;
    if (copied) {
        result.calls = firstValue(to.get(), "SELECT count(*) FROM call_sessions").value_or(u"0"_s).toLongLong();
        // A backup is one file: no WAL beside it.
        firstValue(to.get(), "PRAGMA journal_mode=DELETE");
    }
    to.reset();
    if (!copied) {
        QFile::remove(partial);
        *error = tr("Cannot back the database up to %1: %2.").arg(QDir::toNativeSeparators(target), why);
        return std::nullopt;
    }
    QFile::remove(target);
    if (!QFile::rename(partial, target)) {
        QFile::remove(partial);
        *error = tr("Cannot put the backup in place at %1.").arg(QDir::toNativeSeparators(target));
        return std::nullopt;
    }
    result.bytes = QFileInfo(target).size();
    result.took = std::chrono::milliseconds(clock.elapsed());
    return result;
}

QString DatabaseBackup::pageProblem(const QString &file)
{
    QString why;
    const Connection db = openFile(file, SQLITE_OPEN_READONLY, &why);
    return db ? integrityProblem(db.get(), Check::Quick) : why;
}

QString DatabaseBackup::problemWith(const QString &file)
{
    const QString name = QDir::toNativeSeparators(file);
    if (!QFileInfo(file).isFile())
        return tr("There is no file %1.").arg(name);
    QFile header(file);
    if (!header.open(QIODevice::ReadOnly) || !header.read(16).startsWith("SQLite format 3"))
        return tr("%1 is not a Switchboard database (not an SQLite file).").arg(name);
    header.close();
    QString why;
    Connection db = openFile(file, SQLITE_OPEN_READONLY, &why);
    if (!db)
        return tr("%1 cannot be read: %2.").arg(name, why);
    const std::optional<QString> tables = firstValue(db.get(),
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        " AND name IN ('settings', 'customers', 'bookings', 'call_sessions', 'call_events')");
    if (!tables)
        return tr("%1 cannot be read: %2.").arg(name, QString::fromUtf8(sqlite3_errmsg(db.get())));
    if (tables->toInt() != 5)
        return tr("%1 is an SQLite database, but not a Switchboard one.").arg(name);
    const int version = firstValue(db.get(), "PRAGMA user_version").value_or(u"0"_s).toInt();
    if (version > Database::SchemaVersion) {
        return tr("%1 was made by a newer Switchboard (schema %2; this one knows up to %3).")
            .arg(name)
            .arg(version)
            .arg(Database::SchemaVersion);
    }
    if (const QString problem = integrityProblem(db.get(), Check::Full); !problem.isEmpty())
        return tr("%1 is damaged: SQLite's integrity check says \"%2\".").arg(name, problem);
    return {};
}

bool DatabaseBackup::restore(
    const QString &dataDir, const QString &file, QString *keptIn, QString *error, bool *fileAtFault)
{
    const QString problem = problemWith(file);
    if (fileAtFault)
        *fileAtFault = !problem.isEmpty();
    if (!problem.isEmpty()) {
        *error = problem;
        return false;
    }
    const QDir dir(dataDir);
    const QString database = Database::fileNameIn(dataDir);
    // The copy is made first, beside the database: until it is whole, nothing of the current one moves.
    const QString incoming = database + u".restoring"_s;
    const std::optional<Copied> copied = copy(file, incoming, error);
    if (!copied)
        return false;
    const QString aside = dir.filePath(
        u"before-restore-"_s + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s));
    if (!dir.mkpath(aside) || !OwnerOnly::restrictFolder(aside, error)) {
        QFile::remove(incoming);
        if (error->isEmpty())
            *error = tr("Cannot make the folder %1 for the current database.").arg(QDir::toNativeSeparators(aside));
        return false;
    }
    // The journal holds call-log changes of the database it belongs to: it goes with it.
    const QString base = QFileInfo(database).fileName();
    const QStringList moved { base, base + u"-wal"_s, base + u"-shm"_s, QString::fromLatin1(CallLogJournal::FileName) };
    for (const QString &name : moved) {
        const QString path = dir.filePath(name);
        if (QFileInfo::exists(path) && !QFile::rename(path, QDir(aside).filePath(name))) {
            *error = tr("Cannot move %1 aside; nothing was restored.").arg(QDir::toNativeSeparators(path));
            QFile::remove(incoming);
            return false;
        }
    }
    if (!QFile::rename(incoming, database)) {
        *error = tr("Cannot put the restored database in place; the previous one is in %1.")
                     .arg(QDir::toNativeSeparators(aside));
        return false;
    }
    *keptIn = aside;
    return true;
}
