// The one owner of a SQLite connection: opening, pragmas, migrations, transactions, cached statements.
#include "database.h"

#include "databasebackup.h"
#include "sqlstatement.h"
#include "storagelog.h"

#include "files/owneronly.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace {

QAtomicInteger<quint64> s_connectionCounter;

// Schema steps, applied in order inside one transaction. Times are UTC milliseconds since the epoch.
const char *const s_migrationV1[] = {
    R"(CREATE TABLE settings(
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        secret INTEGER NOT NULL DEFAULT 0))",
    R"(CREATE TABLE customers(
        id INTEGER PRIMARY KEY,
        external_id TEXT UNIQUE,
        name TEXT NOT NULL DEFAULT '',
        phone_raw TEXT NOT NULL DEFAULT '',
        phone_e164 TEXT,
        email TEXT,
        notes TEXT))",
    "CREATE INDEX customers_phone ON customers(phone_e164)",
    R"(CREATE TABLE bookings(
        id INTEGER PRIMARY KEY,
        external_id TEXT UNIQUE,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        starts_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL,
        status TEXT NOT NULL,
        service TEXT,
        staff TEXT))",
    // The active-booking lookup filters a customer's bookings on ends_at.
    "CREATE INDEX bookings_customer_end ON bookings(customer_id, ends_at)",
    R"(CREATE TABLE call_sessions(
        call_sid TEXT PRIMARY KEY,
        "from" TEXT NOT NULL DEFAULT '',
        "to" TEXT NOT NULL DEFAULT '',
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        duration_s INTEGER,
        outcome TEXT NOT NULL DEFAULT 'ongoing',
        customer_id INTEGER,
        booking_id INTEGER,
        route TEXT NOT NULL DEFAULT '',
        stage TEXT NOT NULL DEFAULT '',
        agent_call_id TEXT,
        fallback_dialed INTEGER NOT NULL DEFAULT 0,
        last_status TEXT NOT NULL DEFAULT ''))",
    "CREATE INDEX call_sessions_started ON call_sessions(started_at)",
    "CREATE INDEX call_sessions_from ON call_sessions(\"from\")",
    R"(CREATE TABLE call_events(
        id INTEGER PRIMARY KEY,
        call_sid TEXT NOT NULL,
        at INTEGER NOT NULL,
        step TEXT NOT NULL,
        action TEXT NOT NULL,
        result TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''))",
    "CREATE INDEX call_events_call ON call_events(call_sid, id)",
};

// A counter that every change to the settings moves, so that the router keeps its settings
// snapshot until a setting changes, whatever else other programs commit (an import, say).
const char *const s_migrationV2[] = {
    "CREATE TABLE settings_revision(id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL)",
    "INSERT INTO settings_revision(id, revision) VALUES(1, 0)",
    R"(CREATE TRIGGER settings_inserted AFTER INSERT ON settings
        BEGIN UPDATE settings_revision SET revision = revision + 1; END)",
    R"(CREATE TRIGGER settings_updated AFTER UPDATE ON settings
        BEGIN UPDATE settings_revision SET revision = revision + 1; END)",
    R"(CREATE TRIGGER settings_deleted AFTER DELETE ON settings
        BEGIN UPDATE settings_revision SET revision = revision + 1; END)",
};

// The routing plan document (staff, schedules, teams, rules) as one row. Its changes move the same
// revision counter as the settings', so the router reloads both together on the next call.
const char *const s_migrationV3[] = {
    R"(CREATE TABLE routing_plan(
        id INTEGER PRIMARY KEY CHECK (id = 1),
        document TEXT NOT NULL,
        imported_at INTEGER NOT NULL))",
    R"(CREATE TRIGGER routing_plan_inserted AFTER INSERT ON routing_plan
        BEGIN UPDATE settings_revision SET revision = revision + 1; END)",
    R"(CREATE TRIGGER routing_plan_updated AFTER UPDATE ON routing_plan
        BEGIN UPDATE settings_revision SET revision = revision + 1; END)",
    R"(CREATE TRIGGER routing_plan_deleted AFTER DELETE ON routing_plan
        BEGIN UPDATE settings_revision SET revision = revision + 1; END)",
};

// Who a customer is assigned to and who answered each call, both staff ids of the routing plan,
// for routing a caller back to the person they know; the routing engine's state of each call; and
// the recordings Twilio makes of calls. Empty staff ids are stored as NULL.
const char *const s_migrationV4[] = {
    "ALTER TABLE customers ADD COLUMN assigned_staff TEXT",
    "ALTER TABLE call_sessions ADD COLUMN answered_by TEXT",
    "ALTER TABLE call_sessions ADD COLUMN state TEXT NOT NULL DEFAULT ''",
    // Who last answered this caller: partial, so that it holds only the answered calls and the
    // unanswered ones (most of an office's calls go to the agent) cost it nothing.
    R"(CREATE INDEX call_sessions_answered ON call_sessions("from", started_at)
        WHERE answered_by IS NOT NULL)",
    R"(CREATE TABLE recordings(
        id INTEGER PRIMARY KEY,
        call_sid TEXT NOT NULL,
        recording_sid TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        duration_s INTEGER,
        file TEXT,
        transcription TEXT,
        created_at INTEGER NOT NULL))",
    // A call's recordings, oldest first.
    "CREATE INDEX recordings_call ON recordings(call_sid, created_at)",
};

// The call log's filters. By outcome and by the number called: each on an index that keeps the calls
// newest first, so that a page of a million calls is read in order and stops instead of sorting; each
// also holds the other's column, so that both filters together are checked on the index without
// reading the calls that fail one of them. By caller prefix: no index keeps that order, so the "from"
// index holds every column the filters and the order need, and the matches are sorted on it alone.
//
// The call statistics (CallStatsStore) over a year of a busy office's calls: each figure is read
// from an index that holds it in order, so that no statement sorts the range or reads the calls
// themselves. Every index carries "to" for the figures of one called number.
const char *const s_migrationV5[] = {
    // Also the statistics' calls per outcome and day with their durations.
    R"(CREATE INDEX call_sessions_outcome ON call_sessions(outcome, started_at, duration_s, "to"))",
    R"(CREATE INDEX call_sessions_to ON call_sessions("to", started_at, outcome))",
    "DROP INDEX call_sessions_from",
    R"(CREATE INDEX call_sessions_from ON call_sessions("from", started_at, outcome, "to"))",

    // The statistics.
    // The 90th percentile duration: read from the longest call down, a tenth of the way. Calls
    // without a duration (most of them still ongoing) stay out of it.
    R"(CREATE INDEX call_sessions_duration ON call_sessions(duration_s, started_at, outcome, "to")
        WHERE duration_s IS NOT NULL)",
    // Calls per hour of one called number; the call list's newest-first order is kept.
    "DROP INDEX call_sessions_started",
    R"(CREATE INDEX call_sessions_started ON call_sessions(started_at, "to"))",
    // The call-back list. A missed call (or voicemail) is reached_later once the same caller got
    // through on a later call, to staff or to the AI agent: kept up to date by the triggers below,
    // so that the list is read from the few missed calls still waiting instead of looking up every
    // caller's later calls each time.
    "ALTER TABLE call_sessions ADD COLUMN reached_later INTEGER NOT NULL DEFAULT 0",
    // A caller's calls that someone took, for the triggers' look-ups.
    R"(CREATE INDEX call_sessions_reached ON call_sessions("from", started_at, outcome)
        WHERE outcome IN ('answered', 'ai_agent'))",
    R"(UPDATE call_sessions SET reached_later = 1
        WHERE outcome IN ('missed', 'voicemail') AND EXISTS (SELECT 1 FROM call_sessions r
            WHERE r."from" = call_sessions."from" AND r.outcome IN ('answered', 'ai_agent')
                AND r.started_at > call_sessions.started_at))",
    R"(CREATE INDEX call_sessions_waiting ON call_sessions("from", started_at, "to", outcome, reached_later)
        WHERE outcome IN ('missed', 'voicemail') AND reached_later = 0)",
    // A call someone took: the caller's earlier missed calls are answered now.
    R"(CREATE TRIGGER call_sessions_reached_inserted AFTER INSERT ON call_sessions
        WHEN NEW.outcome IN ('answered', 'ai_agent')
        BEGIN
            UPDATE call_sessions SET reached_later = 1
            WHERE "from" = NEW."from" AND outcome IN ('missed', 'voicemail') AND reached_later = 0
                AND started_at < NEW.started_at;
        END)",
    R"(CREATE TRIGGER call_sessions_reached_updated AFTER UPDATE OF outcome ON call_sessions
        WHEN NEW.outcome IN ('answered', 'ai_agent') AND OLD.outcome NOT IN ('answered', 'ai_agent')
        BEGIN
            UPDATE call_sessions SET reached_later = 1
            WHERE "from" = NEW."from" AND outcome IN ('missed', 'voicemail') AND reached_later = 0
                AND started_at < NEW.started_at;
        END)",
    // A missed call may end after a later call of the same caller was taken (two lines at once).
    R"(CREATE TRIGGER call_sessions_missed_inserted AFTER INSERT ON call_sessions
        WHEN NEW.outcome IN ('missed', 'voicemail')
        BEGIN
            UPDATE call_sessions SET reached_later = EXISTS (SELECT 1 FROM call_sessions r
                WHERE r."from" = NEW."from" AND r.outcome IN ('answered', 'ai_agent')
                    AND r.started_at > NEW.started_at)
            WHERE rowid = NEW.rowid;
        END)",
    R"(CREATE TRIGGER call_sessions_missed_updated AFTER UPDATE OF outcome ON call_sessions
        WHEN NEW.outcome IN ('missed', 'voicemail') AND OLD.outcome NOT IN ('missed', 'voicemail')
        BEGIN
            UPDATE call_sessions SET reached_later = EXISTS (SELECT 1 FROM call_sessions r
                WHERE r."from" = NEW."from" AND r.outcome IN ('answered', 'ai_agent')
                    AND r.started_at > NEW.started_at)
            WHERE rowid = NEW.rowid;
        END)",
    // A taken call that no longer counts (its outcome corrected, or the call deleted): the caller's
    // earlier missed calls are looked at again.
    R"(CREATE TRIGGER call_sessions_reached_undone AFTER UPDATE OF outcome ON call_sessions
        WHEN OLD.outcome IN ('answered', 'ai_agent') AND NEW.outcome NOT IN ('answered', 'ai_agent')
        BEGIN
            UPDATE call_sessions SET reached_later = EXISTS (SELECT 1 FROM call_sessions r
                WHERE r."from" = call_sessions."from" AND r.outcome IN ('answered', 'ai_agent')
                    AND r.started_at > call_sessions.started_at)
            WHERE "from" = OLD."from" AND outcome IN ('missed', 'voicemail') AND started_at < OLD.started_at;
        END)",
    R"(CREATE TRIGGER call_sessions_reached_deleted AFTER DELETE ON call_sessions
        WHEN OLD.outcome IN ('answered', 'ai_agent')
        BEGIN
            UPDATE call_sessions SET reached_later = EXISTS (SELECT 1 FROM call_sessions r
                WHERE r."from" = call_sessions."from" AND r.outcome IN ('answered', 'ai_agent')
                    AND r.started_at > call_sessions.started_at)
            WHERE "from" = OLD."from" AND outcome IN ('missed', 'voicemail') AND started_at < OLD.started_at;
        END)",
};

const char *const s_migrationV6[] = {
    // How far the call-log journal has reached the database, written in the same transaction as
    // the changes: a replay after a crash applies only what is not here yet.
    "CREATE TABLE call_log_journal (id INTEGER PRIMARY KEY CHECK (id = 1), applied_seq INTEGER NOT NULL)",
    "INSERT INTO call_log_journal (id, applied_seq) VALUES (1, 0)",
};

// Each call's timeline in the order the calls started. Twilio's CallSids are random: keyed by the
// CallSid, every event landed at a random place in the index and cost a page of WAL of its own;
// keyed first by when its call started, a call's events go next to those of the other calls of the
// last minutes, a few pages at the end of the index shared by a whole commit. Events of a call whose
// session is gone keep a NULL start and are still found by their CallSid.
const char *const s_migrationV7[] = {
    "ALTER TABLE call_events ADD COLUMN call_started_at INTEGER",
    R"(UPDATE call_events SET call_started_at =
        (SELECT s.started_at FROM call_sessions s WHERE s.call_sid = call_events.call_sid))",
    "DROP INDEX call_events_call",
    "CREATE INDEX call_events_call ON call_events(call_started_at, call_sid, id)",
};

// Bookings made in the app before they were given an id of their own (BookingStore::appBookingId) get
// one, so that the call log names them as it names imported bookings. The rare id an imported booking
// already holds gets a random tail instead.
const char *const s_migrationV8[] = {
    R"(UPDATE bookings SET external_id = 'app-' || id
        WHERE external_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM bookings o WHERE o.external_id = 'app-' || bookings.id))",
    R"(UPDATE bookings SET external_id = 'app-' || id || '-' || lower(hex(randomblob(4)))
        WHERE external_id IS NULL)",
};

// Call-backs: a call the business places to a customer is an outgoing session, "from" the business number
// "to" the customer. Whoever it reaches is reached, as if they had called and got through: their earlier
// missed calls leave the call-back list. An outgoing call is nobody's incoming call: it stays out of the
// call-back list and of the statistics, which read every figure from indexes that now carry the direction.
//
// "Took X": an incoming call from X that someone answered (or the AI agent took), or an answered outgoing
// call to X.
const char *const s_migrationV9[] = {
    "ALTER TABLE call_sessions ADD COLUMN direction TEXT NOT NULL DEFAULT 'incoming'",
    // The statistics' indexes, with the direction, so that they still answer without reading the calls.
    "DROP INDEX call_sessions_outcome",
    R"(CREATE INDEX call_sessions_outcome ON call_sessions(outcome, started_at, duration_s, "to", direction))",
    "DROP INDEX call_sessions_to",
    R"(CREATE INDEX call_sessions_to ON call_sessions("to", started_at, outcome, direction))",
    "DROP INDEX call_sessions_duration",
    R"(CREATE INDEX call_sessions_duration ON call_sessions(duration_s, started_at, outcome, "to", direction)
        WHERE duration_s IS NOT NULL)",
    "DROP INDEX call_sessions_started",
    R"(CREATE INDEX call_sessions_started ON call_sessions(started_at, "to", direction))",
    // Only incoming calls wait for a call-back.
    "DROP INDEX call_sessions_waiting",
    R"(CREATE INDEX call_sessions_waiting ON call_sessions("from", started_at, "to", outcome, reached_later, direction)
        WHERE outcome IN ('missed', 'voicemail') AND reached_later = 0 AND direction = 'incoming')",
    // A customer's answered call-backs, for the triggers' look-ups.
    R"(CREATE INDEX call_sessions_called_back ON call_sessions("to", started_at)
        WHERE direction = 'outgoing' AND outcome = 'answered')",
    "DROP TRIGGER call_sessions_reached_inserted",
    "DROP TRIGGER call_sessions_reached_updated",
    "DROP TRIGGER call_sessions_missed_inserted",
    "DROP TRIGGER call_sessions_missed_updated",
    "DROP TRIGGER call_sessions_reached_undone",
    "DROP TRIGGER call_sessions_reached_deleted",
    // A call that took someone: that person's earlier missed calls are answered now.
    R"(CREATE TRIGGER call_sessions_reached_inserted AFTER INSERT ON call_sessions
        WHEN (NEW.direction = 'incoming' AND NEW.outcome IN ('answered', 'ai_agent'))
            OR (NEW.direction = 'outgoing' AND NEW.outcome = 'answered')
        BEGIN
            UPDATE call_sessions SET reached_later = 1
            WHERE "from" = (CASE NEW.direction WHEN 'outgoing' THEN NEW."to" ELSE NEW."from" END)
                AND outcome IN ('missed', 'voicemail') AND reached_later = 0
                AND started_at < NEW.started_at AND direction = 'incoming';
        END)",
    R"(CREATE TRIGGER call_sessions_reached_updated AFTER UPDATE OF outcome ON call_sessions
        WHEN (NEW.direction = 'incoming' AND NEW.outcome IN ('answered', 'ai_agent')
                AND OLD.outcome NOT IN ('answered', 'ai_agent'))
            OR (NEW.direction = 'outgoing' AND NEW.outcome = 'answered' AND OLD.outcome <> 'answered')
        BEGIN
            UPDATE call_sessions SET reached_later = 1
            WHERE "from" = (CASE NEW.direction WHEN 'outgoing' THEN NEW."to" ELSE NEW."from" END)
                AND outcome IN ('missed', 'voicemail') AND reached_later = 0
                AND started_at < NEW.started_at AND direction = 'incoming';
        END)",
    // A missed call may end after a later call of the same caller was taken (two lines at once), or after
    // they were called back.
    R"(CREATE TRIGGER call_sessions_missed_inserted AFTER INSERT ON call_sessions
        WHEN NEW.direction = 'incoming' AND NEW.outcome IN ('missed', 'voicemail')
        BEGIN
            UPDATE call_sessions SET reached_later = EXISTS (SELECT 1 FROM call_sessions r
                    WHERE r."from" = NEW."from" AND r.outcome IN ('answered', 'ai_agent')
                        AND r.started_at > NEW.started_at AND r.direction = 'incoming')
                OR EXISTS (SELECT 1 FROM call_sessions r
                    WHERE r."to" = NEW."from" AND r.direction = 'outgoing' AND r.outcome = 'answered'
                        AND r.started_at > NEW.started_at)
            WHERE rowid = NEW.rowid;
        END)",
    R"(CREATE TRIGGER call_sessions_missed_updated AFTER UPDATE OF outcome ON call_sessions
        WHEN NEW.direction = 'incoming' AND NEW.outcome IN ('missed', 'voicemail')
            AND OLD.outcome NOT IN ('missed', 'voicemail')
        BEGIN
            UPDATE call_sessions SET reached_later = EXISTS (SELECT 1 FROM call_sessions r
                    WHERE r."from" = NEW."from" AND r.outcome IN ('answered', 'ai_agent')
                        AND r.started_at > NEW.started_at AND r.direction = 'incoming')
                OR EXISTS (SELECT 1 FROM call_sessions r
                    WHERE r."to" = NEW."from" AND r.direction = 'outgoing' AND r.outcome = 'answered'
                        AND r.started_at > NEW.started_at)
            WHERE rowid = NEW.rowid;
        END)",
    // A call that took someone and no longer counts (its outcome corrected, or the call deleted): that
    // person's earlier missed calls are looked at again.
    R"(CREATE TRIGGER call_sessions_reached_undone AFTER UPDATE OF outcome ON call_sessions
        WHEN (OLD.direction = 'incoming' AND OLD.outcome IN ('answered', 'ai_agent')
                AND NEW.outcome NOT IN ('answered', 'ai_agent'))
            OR (OLD.direction = 'outgoing' AND OLD.outcome = 'answered' AND NEW.outcome <> 'answered')
        BEGIN
            UPDATE call_sessions SET reached_later = EXISTS (SELECT 1 FROM call_sessions r
                    WHERE r."from" = call_sessions."from" AND r.outcome IN ('answered', 'ai_agent')
                        AND r.started_at > call_sessions.started_at AND r.direction = 'incoming')
                OR EXISTS (SELECT 1 FROM call_sessions r
                    WHERE r."to" = call_sessions."from" AND r.direction = 'outgoing' AND r.outcome = 'answered'
                        AND r.started_at > call_sessions.started_at)
            WHERE "from" = (CASE OLD.direction WHEN 'outgoing' THEN OLD."to" ELSE OLD."from" END)
                AND outcome IN ('missed', 'voicemail') AND started_at < OLD.started_at AND direction = 'incoming';
        END)",
    R"(CREATE TRIGGER call_sessions_reached_deleted AFTER DELETE ON call_sessions
        WHEN (OLD.direction = 'incoming' AND OLD.outcome IN ('answered', 'ai_agent'))
            OR (OLD.direction = 'outgoing' AND OLD.outcome = 'answered')
        BEGIN
            UPDATE call_sessions SET reached_later = EXISTS (SELECT 1 FROM call_sessions r
                    WHERE r."from" = call_sessions."from" AND r.outcome IN ('answered', 'ai_agent')
                        AND r.started_at > call_sessions.started_at AND r.direction = 'incoming')
                OR EXISTS (SELECT 1 FROM call_sessions r
                    WHERE r."to" = call_sessions."from" AND r.direction = 'outgoing' AND r.outcome = 'answered'
                        AND r.started_at > call_sessions.started_at)
            WHERE "from" = (CASE OLD.direction WHEN 'outgoing' THEN OLD."to" ELSE OLD."from" END)
                AND outcome IN ('missed', 'voicemail') AND started_at < OLD.started_at AND direction = 'incoming';
        END)",
};

} // namespace

Database::Database(QString filePath)
    : m_filePath(std::move(filePath))
    , m_connectionName(u"switchboard-%1"_s.arg(++s_connectionCounter))
{ }

Database::~Database()
{
    m_statements.clear();
    m_nativeStatements.clear();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

QString Database::fileNameIn(const QString &dataDir)
{
    return QDir(dataDir).filePath(u"switchboard.db"_s);
}

bool Database::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

bool Database::open(QString *error)
{
    return openAtSchemaVersion(SchemaVersion, error);
}

bool Database::openAtSchemaVersion(int version, QString *error)
{
    const QFileInfo info(m_filePath);
    if (!QDir().mkpath(info.absolutePath())) {
        if (error)
            *error = tr("Cannot create the data folder %1.").arg(info.absolutePath());
        return false;
    }
    makeFilesPrivate();
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(m_filePath);
    // A second writer waits for the lock instead of failing at once.
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
    if (!m_db.open()) {
        if (error)
            *error = tr("Cannot open the database %1: %2").arg(m_filePath, m_db.lastError().text());
        return false;
    }
    // WAL lets the router write while panels and commands read; NORMAL sync is durable across
    // application crashes and only risks the last commits on power loss, which a call log can afford.
    // A cache big enough for the caller lookup's indexes (a million bookings) keeps each webhook's
    // reads in memory; pages are only taken as they are read. Reads of the first gigabyte of the file
    // go through the system's file cache without a copy: the call statistics read more index pages
    // than the cache holds, and copying them costs a tenth of their time.
    if (!exec(u"PRAGMA journal_mode=WAL"_s, error) || !exec(u"PRAGMA synchronous=NORMAL"_s, error)
        || !exec(u"PRAGMA foreign_keys=ON"_s, error) || !exec(u"PRAGMA cache_size=-65536"_s, error)
        || !exec(u"PRAGMA mmap_size=1073741824"_s, error))
        return false;
    return migrate(version, error);
}

void Database::makeFilesPrivate() const
{
    // SQLite gives the WAL and shared-memory files it creates the database file's own permissions, so a
    // new database is created private and empty here rather than by SQLite.
    if (!QFileInfo::exists(m_filePath)) {
        QFile created(m_filePath);
        if (!created.open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnly::FilePermissions))
            qCDebug(lcStorage) << "SQLite will create" << m_filePath << "itself:" << created.errorString();
    }
    // Files left open to others by an older version, a restore or a crash are tightened; one that cannot
    // be (another user's) still opens.
    for (const QString &path : QStringList { m_filePath, m_filePath + u"-wal"_s, m_filePath + u"-shm"_s }) {
        QString notPrivate;
        if (!OwnerOnly::restrictFile(path, &notPrivate))
            qCWarning(lcStorage).noquote() << notPrivate;
    }
}

bool Database::exec(const QString &sql, QString *error)
{
    endReadScope();
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        if (error)
            *error = describe(query.lastError());
        qCWarning(lcStorage) << "SQL failed:" << sql << query.lastError().text();
        return false;
    }
    return true;
}

int Database::schemaVersion()
{
    QSqlQuery query(m_db);
    if (query.exec(u"PRAGMA user_version"_s) && query.next())
        return query.value(0).toInt();
    return -1;
}

QString Database::upgradeBackup(const QString &databaseFile, int from)
{
    // Not named like the daily copies (switchboard-<date>.db), whose rotation would remove it.
    return QDir(QFileInfo(databaseFile).absolutePath())
        .filePath(u"backups/before-upgrade-from-schema-%1-%2.db"_s.arg(from)
                      .arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s)));
}

bool Database::backUpBeforeUpgrade(int from, int to, QString *error)
{
    // An upgrade cannot be undone by a Switchboard that does not know the new schema: the copy lets the
    // owner go back to the version they came from, with everything it had.
    const QString target = upgradeBackup(m_filePath, from);
    QString why;
    if (!QDir().mkpath(QFileInfo(target).absolutePath())
        || !OwnerOnly::restrictFolder(QFileInfo(target).absolutePath(), &why)
        || !DatabaseBackup::copy(m_filePath, target, &why)) {
        if (error)
            *error = tr("Cannot back up the database %1 before upgrading it, so it was left as it was: %2")
                         .arg(QDir::toNativeSeparators(m_filePath), why);
        return false;
    }
    qCInfo(lcStorage).noquote() << "Backed the database up to" << QDir::toNativeSeparators(target)
                                << "before upgrading it from schema" << from << "to" << to;
    return true;
}

bool Database::migrate(int target, QString *error)
{
    const int from = schemaVersion();
    if (from < 0) {
        if (error)
            *error = tr("Cannot read the schema version of %1.").arg(m_filePath);
        return false;
    }
    if (from > SchemaVersion) {
        if (error)
            *error = tr("The database %1 was written by a newer Switchboard (schema %2; this one knows %3).")
                         .arg(m_filePath)
                         .arg(from)
                         .arg(SchemaVersion);
        return false;
    }
    if (from >= target)
        return true;
    if (from > 0 && !backUpBeforeUpgrade(from, target, error))
        return false;

    return transaction(
        [&] {
            const auto apply = [&](const auto &steps) {
                for (const char *step : steps) {
                    if (!exec(QString::fromUtf8(step), error))
                        return false;
                }
                return true;
            };
            if (from < 1 && target >= 1 && !apply(s_migrationV1))
                return false;
            if (from < 2 && target >= 2 && !apply(s_migrationV2))
                return false;
            if (from < 3 && target >= 3 && !apply(s_migrationV3))
                return false;
            if (from < 4 && target >= 4 && !apply(s_migrationV4))
                return false;
            if (from < 5 && target >= 5 && !apply(s_migrationV5))
                return false;
            if (from < 6 && target >= 6 && !apply(s_migrationV6))
                return false;
            if (from < 7 && target >= 7 && !apply(s_migrationV7))
                return false;
            if (from < 8 && target >= 8 && !apply(s_migrationV8))
                return false;
            if (from < 9 && target >= 9 && !apply(s_migrationV9))
                return false;
            return exec(u"PRAGMA user_version=%1"_s.arg(target), error);
        },
        error);
}

QSqlQuery &Database::prepared(const QString &sql)
{
    endReadScope(); // QtSql's statements are also the writes'
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto query = std::make_shared<QSqlQuery>(m_db);
        query->setForwardOnly(true);
        if (!query->prepare(sql))
            qCWarning(lcStorage) << "Cannot prepare" << sql << query->lastError().text();
        it = m_statements.insert(sql, query);
    }
    return **it;
}

SqlStatement &Database::statement(const QByteArray &sql)
{
    auto it = m_nativeStatements.find(sql);
    if (it == m_nativeStatements.end())
        it = m_nativeStatements.insert(sql, std::make_shared<SqlStatement>(nativeHandle(), sql));
    if (m_readScope && !(*it)->isReadOnly())
        endReadScope();
    return **it;
}

Database::ReadScope::ReadScope(Database &db)
{
    if (db.m_depth > 0 || db.m_readScope || !db.isOpen())
        return;
    // Deferred: no lock until the first read, and then only a reader's.
    SqlStatement &begin = db.statement(QByteArrayLiteral("BEGIN"));
    const SqlStatement::Use use(begin);
    if (!begin.run()) {
        qCWarning(lcStorage).noquote() << "Cannot begin a read transaction:" << db.describe(begin);
        return; // each read then runs on its own, as without a scope
    }
    db.m_readScope = true;
    m_db = &db;
}

Database::ReadScope::~ReadScope()
{
    if (m_db)
        m_db->endReadScope();
}

void Database::endReadScope()
{
    if (!m_readScope)
        return;
    m_readScope = false;
    SqlStatement &commit = statement(QByteArrayLiteral("COMMIT"));
    const SqlStatement::Use use(commit);
    if (!commit.run())
        qCWarning(lcStorage).noquote() << "Cannot end a read transaction:" << describe(commit);
}

bool Database::begin(QString *error)
{
    endReadScope();
    if (m_depth > 0)
        return false;
    // Immediate: the write lock is waited for here, with the busy timeout. A deferred transaction
    // that read first could not wait for it later: once another connection (the router's, while
    // calls come in) has committed since the read, SQLite refuses the upgrade at once.
    QSqlQuery query(m_db);
    if (!query.exec(u"BEGIN IMMEDIATE"_s)) {
        if (error)
            *error = describe(query.lastError());
        return false;
    }
    m_depth = 1;
    return true;
}

bool Database::beginWrite(QString *error, bool *busy, std::chrono::milliseconds lockWait)
{
    *busy = false;
    endReadScope();
    if (m_depth > 0)
        return false;
    const bool usualWait = lockWait.count() == BusyTimeoutMs;
    if (!usualWait && !setBusyTimeout(int(lockWait.count()), error))
        return false;
    QSqlQuery query(m_db);
    const bool begun = query.exec(u"BEGIN IMMEDIATE"_s);
    if (!usualWait)
        setBusyTimeout(BusyTimeoutMs, nullptr);
    if (!begun) {
        // SQLITE_BUSY (5) and SQLITE_LOCKED (6), with or without an extended code.
        const int code = query.lastError().nativeErrorCode().toInt();
        *busy = code % 256 == 5 || code % 256 == 6;
        if (error)
            *error = describe(query.lastError());
        return false;
    }
    m_depth = 1;
    return true;
}

bool Database::readSnapshot(const std::function<bool()> &work, QString *error)
{
    endReadScope();
    if (m_depth > 0)
        return work();
    // Deferred: a read transaction takes no lock that would hold writers off.
    if (!m_db.transaction()) {
        if (error)
            *error = describe(m_db.lastError());
        return false;
    }
    m_depth = 1;
    if (!work()) {
        rollback();
        return false;
    }
    return commit(error);
}

bool Database::commit(QString *error)
{
    if (m_depth != 1)
        return false;
    m_depth = 0;
    if (!m_db.commit()) {
        if (error)
            *error = describe(m_db.lastError());
        m_db.rollback();
        return false;
    }
    return true;
}

void Database::rollback()
{
    if (m_depth == 0)
        return;
    m_depth = 0;
    m_db.rollback();
}

bool Database::transaction(const std::function<bool()> &work, QString *error)
{
    if (m_depth == 0) {
        if (!begin(error))
            return false;
        if (!work()) {
            rollback();
            return false;
        }
        return commit(error);
    }

    const QString savepoint = u"sp%1"_s.arg(m_depth);
    if (!exec(u"SAVEPOINT "_s + savepoint, error))
        return false;
    ++m_depth;
    const bool done = work();
    --m_depth;
    if (!done) {
        exec(u"ROLLBACK TO "_s + savepoint, nullptr);
        exec(u"RELEASE "_s + savepoint, nullptr);
        return false;
    }
    return exec(u"RELEASE "_s + savepoint, error);
}

bool Database::disableAutoCheckpoint(QString *error)
{
    if (!exec(u"PRAGMA wal_autocheckpoint=0"_s, error))
        return false;
    m_autoCheckpoint = false;
    return true;
}

bool Database::disableMemoryMap(QString *error)
{
    return exec(u"PRAGMA mmap_size=0"_s, error);
}

std::optional<Database::WalState> Database::checkpoint(CheckpointMode mode, QString *error)
{
    QSqlQuery query(m_db);
    const QString sql = mode == CheckpointMode::Passive ? u"PRAGMA wal_checkpoint(PASSIVE)"_s
                                                        : u"PRAGMA wal_checkpoint(RESTART)"_s;
    if (!query.exec(sql) || !query.next()) {
        if (error)
            *error = describe(query.lastError());
        return std::nullopt;
    }
    WalState state;
    state.busy = query.value(0).toInt() != 0;
    state.walFrames = query.value(1).toInt();
    state.checkpointed = query.value(2).toInt();
    return state;
}

bool Database::setBusyTimeout(int milliseconds, QString *error)
{
    // Straight on the connection: the call log writer changes it twice per commit, and the pragma
    // would be compiled each time (SQLite applies it when compiling, so it cannot be kept).
    sqlite3 *handle = nativeHandle();
    const int status = handle ? sqlite3_busy_timeout(handle, milliseconds) : SQLITE_MISUSE;
    if (status != SQLITE_OK && error)
        *error = tr("Cannot set the lock wait of %1: %2").arg(m_filePath, QString::fromUtf8(sqlite3_errstr(status)));
    return status == SQLITE_OK;
}

bool Database::lastFailureWasStorage() const
{
    switch (m_lastFailureCode) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_NOMEM:
        return true;
    default:
        return false;
    }
}

sqlite3 *Database::nativeHandle() const
{
    const QVariant handle = m_db.isOpen() ? m_db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

QString Database::describe(const QSqlError &error) const
{
    // The driver leaves the code out of some errors (a failed COMMIT): SQLite still has it then.
    bool coded = false;
    int code = error.nativeErrorCode().toInt(&coded);
    if (!coded)
        code = nativeHandle() ? sqlite3_errcode(nativeHandle()) : 0;
    return describeFailure(code, error.text().trimmed());
}

QString Database::describe(const SqlStatement &failed) const
{
    return describeFailure(failed.errorCode(), failed.errorText().trimmed());
}

QString Database::describeFailure(int code, const QString &text) const
{
    // Kept for lastFailureWasStorage(): the driver's later calls (a rollback) reset SQLite's own.
    m_lastFailureCode = code & 0xff;
    // SQLITE_NOTADB: the driver's "file is not a database Unable to execute statement" reads like a bug.
    if ((code & 0xff) == SQLITE_NOTADB)
        return tr("%1 is not a Switchboard database (SQLite cannot read it); move it away or choose another "
                  "data folder.")
            .arg(m_filePath);
    if (text.contains(u"locked"_s, Qt::CaseInsensitive) || text.contains(u"busy"_s, Qt::CaseInsensitive))
        return tr("The database %1 is locked by another program; try again in a moment.").arg(m_filePath);
    return tr("Database error in %1: %2").arg(m_filePath, text);
}
