// The one owner of a SQLite connection: opening, pragmas, migrations, transactions, cached statements.
#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QSqlError;
class SqlStatement;

// Each thread that touches the data opens its own Database on the same file (SQLite in WAL mode lets
// one writer and many readers share it). A Database must be used only on the thread that opened it.
struct sqlite3;

class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)

public:
    static constexpr int SchemaVersion = 9;
    // How long a statement waits for a lock another connection holds before failing as busy.
    static constexpr int BusyTimeoutMs = 5000;

    explicit Database(QString filePath);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating the file if needed), sets WAL and the busy timeout, and migrates the schema. A
    // database of an earlier schema is first copied into the backups/ folder beside it (see upgradeBackup()).
    bool open(QString *error);
    // The same, migrating no further than `version`: builds the database an earlier Switchboard made, for
    // the tests of upgrades.
    bool openAtSchemaVersion(int version, QString *error);
    // Where the copy taken before upgrading `databaseFile` from schema `from` goes.
    static QString upgradeBackup(const QString &databaseFile, int from);
    bool isOpen() const;
    QString filePath() const { return m_filePath; }
    QSqlDatabase connection() const { return m_db; }

    // The file name used inside a data directory.
    static QString fileNameIn(const QString &dataDir);

    // A prepared statement kept for the life of the connection; callers bind, exec and finish() it.
    QSqlQuery &prepared(const QString &sql);
    // The same on SQLite's own API, for the statements of every webhook (see SqlStatement); callers
    // hold a SqlStatement::Use while they bind and step it.
    SqlStatement &statement(const QByteArray &sql);

    // Runs `work` in one transaction: committed when it returns true, rolled back otherwise.
    // Inside an open transaction it becomes a savepoint: only `work`'s changes roll back, and they
    // are committed with the outer transaction.
    bool transaction(const std::function<bool()> &work, QString *error = nullptr);

    // Runs `work`'s reads on one snapshot of the data, without taking the write lock: for several
    // statements that must agree (the statistics) while calls are being logged.
    bool readSnapshot(const std::function<bool()> &work, QString *error = nullptr);

    // While it lives, the reads of statement() share one read transaction, begun by the first of
    // them: SQLite then takes and drops its file locks once instead of once per statement, which is
    // most of what a small indexed read costs. For the few reads of one webhook's answer; it must end
    // before anything is awaited, since a reader holds back checkpoints and sees no newer data.
    // Anything that writes (or opens a transaction) ends it first, so writes are never held in it.
    class ReadScope
    {
    public:
        explicit ReadScope(Database &db);
        ~ReadScope();
        ReadScope(const ReadScope &) = delete;
        ReadScope &operator=(const ReadScope &) = delete;

    private:
        Database *m_db = nullptr; // null when an enclosing scope or transaction already holds the reads
    };

    // An outer write transaction held open across several pieces of work; it takes the write lock
    // at once, waiting for it as long as the busy timeout.
    bool begin(QString *error);
    // Takes the write lock at once (BEGIN IMMEDIATE), waiting at most `lockWait` for another
    // program's, so that a busy database is found out before any work is done; `busy` then says
    // so (the work can wait and try again), as opposed to a real failure.
    bool beginWrite(QString *error, bool *busy, std::chrono::milliseconds lockWait);
    bool commit(QString *error);
    void rollback();
    bool inTransaction() const { return m_depth > 0; }

    int schemaVersion();

    // The router's connection leaves checkpoints (which fsync) to a WalCheckpointer thread, so
    // that a webhook never waits for the disk.
    bool disableAutoCheckpoint(QString *error);
    bool autoCheckpointEnabled() const { return m_autoCheckpoint; }
    // Reads through SQLite's page cache instead of a memory map of the file. SQLite unmaps a
    // connection's map whenever another connection has committed, and maps and faults it in again on
    // the next read: for the router, whose call log commits on another connection several times a
    // second, that costs far more than copying the few pages a lookup reads (bench/webhookbench).
    bool disableMemoryMap(QString *error);

    enum class CheckpointMode
    {
        Passive, // copies committed WAL pages into the database without blocking readers or writers
        Restart, // also waits for the writer and the readers, so that the next write starts the WAL over
    };
    struct WalState
    {
        bool busy = false; // another connection kept the checkpoint from finishing
        int walFrames = 0; // pages in the WAL file
        int checkpointed = 0; // of those, pages already copied into the database
    };
    std::optional<WalState> checkpoint(CheckpointMode mode, QString *error);
    // How long this connection waits for a lock held by another before giving up with "busy".
    bool setBusyTimeout(int milliseconds, QString *error);

    // The last failure on this connection was the disk's (full, failing, read-only), not the
    // statement's: the same work may succeed later, once the disk lets it.
    bool lastFailureWasStorage() const;

    // "SQLite says: <driver text> (<file>)" in one sentence, for error messages.
    QString describe(const QSqlError &error) const;
    QString describe(const SqlStatement &failed) const;

private:
    // The driver's SQLite connection, for what QtSql has no call for; nullptr when closed.
    sqlite3 *nativeHandle() const;
    // The database file and its WAL and shared-memory files readable by their owner alone.
    void makeFilesPrivate() const;
    bool migrate(int target, QString *error);
    bool backUpBeforeUpgrade(int from, int to, QString *error);
    bool exec(const QString &sql, QString *error);
    // The sentence for a failure with SQLite's result code `code` (0 when not known) and `text`.
    QString describeFailure(int code, const QString &text) const;

    QString m_filePath;
    bool m_autoCheckpoint = true;
    QString m_connectionName;
    QSqlDatabase m_db;
    mutable int m_lastFailureCode = 0; // SQLite's primary result code of the last failure described
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
    QHash<QByteArray, std::shared_ptr<SqlStatement>> m_nativeStatements;
    int m_depth = 0;
    bool m_readScope = false; // a ReadScope's transaction is open

    void endReadScope();
};
