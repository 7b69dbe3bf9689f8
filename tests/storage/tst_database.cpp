// Tests of Database: opening, WAL, schema versions, refusing files it cannot use, and two connections.
#include "storage/callstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_Database : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensFreshFile();
    void usesWriteAheadLog();
    void setsSchemaVersion();
    void reopenKeepsData();
    void refusesNewerSchema();
    void upgradesVersionOneKeepingData();
    void upgradesVersionThreeKeepingData();
    void upgradedSchemaMatchesAFreshOne();
    void refusesFileThatIsNotADatabase();
    void twoConnectionsSeeEachOthersCommits();
};

namespace {

QString pragma(Database &db, const QString &name)
{
    QSqlQuery query(db.connection());
    if (!query.exec(u"PRAGMA "_s + name) || !query.next())
        return {};
    return query.value(0).toString();
}

Customer customer(const QString &externalId, const QString &name)
{
    Customer c;
    c.externalId = externalId;
    c.name = name;
    c.phoneRaw = u"+15551234567"_s;
    c.phoneE164 = u"+15551234567"_s;
    return c;
}

// Takes a current file back to what a version-3 file holds: no assigned staff, answered_by or call
// state, no recordings, no call log filter indexes.
bool rollBackToVersionThree(Database &db)
{
    QSqlQuery query(db.connection());
    for (const QString &sql : { u"DROP INDEX call_sessions_outcome"_s, u"DROP INDEX call_sessions_to"_s,
             u"DROP INDEX call_sessions_from"_s, u"CREATE INDEX call_sessions_from ON call_sessions(\"from\")"_s,
             u"DROP INDEX call_sessions_answered"_s, u"DROP TABLE recordings"_s,
             u"ALTER TABLE call_sessions DROP COLUMN state"_s,
             u"ALTER TABLE call_sessions DROP COLUMN answered_by"_s,
             u"ALTER TABLE customers DROP COLUMN assigned_staff"_s, u"PRAGMA user_version = 3"_s }) {
        if (!query.exec(sql)) {
            qWarning() << sql << query.lastError().text();
            return false;
        }
    }
    return true;
}

// One line per table column and per index, to compare two files' schemas.
QStringList schemaOf(Database &db)
{
    QStringList lines;
    QSqlQuery tables(db.connection());
    if (!tables.exec(u"SELECT type, name, tbl_name FROM sqlite_master "
                     u"WHERE name NOT LIKE 'sqlite_%' ORDER BY name"_s))
        return { tables.lastError().text() };
    while (tables.next()) {
        const QString type = tables.value(0).toString();
        const QString name = tables.value(1).toString();
        lines.append(u"%1 %2 on %3"_s.arg(type, name, tables.value(2).toString()));
        if (type == u"index"_s) {
            QSqlQuery columns(db.connection());
            if (!columns.exec(u"PRAGMA index_info(%1)"_s.arg(name)))
                return { columns.lastError().text() };
            // Columns: seqno, cid, name.
            QStringList names;
            while (columns.next())
                names.append(columns.value(2).toString());
            lines.append(u"  (%1)"_s.arg(names.join(u", "_s)));
        }
        if (type != u"table"_s)
            continue;
        QSqlQuery columns(db.connection());
        if (!columns.exec(u"PRAGMA table_info(%1)"_s.arg(name)))
            return { columns.lastError().text() };
        // Columns: cid, name, type, notnull, dflt_value, pk.
        while (columns.next())
            lines.append(u"  %1 %2 notnull=%3 default=%4 pk=%5"_s.arg(columns.value(1).toString(),
                columns.value(2).toString(), columns.value(3).toString(), columns.value(4).toString(),
                columns.value(5).toString()));
    }
    return lines;
}

} // namespace

void tst_Database::opensFreshFile()
{
    TempDataDir dir;
    const QString path = Database::fileNameIn(dir.filePath(u"nested/data"_s));
    Database db(path);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QVERIFY(db.isOpen());
    QVERIFY(QFile::exists(path));
}

void tst_Database::usesWriteAheadLog()
{
    TempDataDir dir;
    Database db(dir.filePath(u"wal.db"_s));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(pragma(db, u"journal_mode"_s), u"wal"_s);
    QCOMPARE(pragma(db, u"foreign_keys"_s), u"1"_s);
}

void tst_Database::setsSchemaVersion()
{
    TempDataDir dir;
    Database db(dir.filePath(u"version.db"_s));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
    QCOMPARE(pragma(db, u"user_version"_s).toInt(), Database::SchemaVersion);
}

void tst_Database::reopenKeepsData()
{
    TempDataDir dir;
    const QString path = dir.filePath(u"keep.db"_s);
    {
        Database db(path);
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QVERIFY(CustomerStore(db).insert(customer(u"C1"_s, u"Ada"_s)).ok());
    }
    Database db(path);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
    const std::optional<Customer> found = CustomerStore(db).findByExternalId(u"C1"_s);
    QVERIFY(found);
    QCOMPARE(found->name, u"Ada"_s);
}

void tst_Database::refusesNewerSchema()
{
    TempDataDir dir;
    const QString path = dir.filePath(u"newer.db"_s);
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"newer"_s);
        raw.setDatabaseName(path);
        QVERIFY(raw.open());
        QSqlQuery query(raw);
        QVERIFY(query.exec(u"PRAGMA user_version = %1"_s.arg(Database::SchemaVersion + 1)));
        query.finish();
        raw.close();
    }
    QSqlDatabase::removeDatabase(u"newer"_s);

    Database db(path);
    QString error;
    QVERIFY(!db.open(&error));
    QVERIFY2(error.contains(u"newer Switchboard"_s), qPrintable(error));
    QVERIFY2(error.contains(path), qPrintable(error));
    // Refusing must not downgrade the file.
    Database again(path);
    QVERIFY(!again.open(&error));
}

void tst_Database::upgradesVersionOneKeepingData()
{
    TempDataDir dir;
    const QString path = Database::fileNameIn(dir.path());
    {
        Database db(path);
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QVERIFY(CustomerStore(db).upsert(customer(u"C1"_s, u"Ada"_s)).ok());
        QVERIFY(rollBackToVersionThree(db));
        // Back to what a version-1 file holds: no settings revision.
        QSqlQuery query(db.connection());
        for (const QString &sql : { u"DROP TABLE routing_plan"_s, u"DROP TRIGGER settings_inserted"_s,
                 u"DROP TRIGGER settings_updated"_s, u"DROP TRIGGER settings_deleted"_s,
                 u"DROP TABLE settings_revision"_s, u"PRAGMA user_version = 1"_s })
            QVERIFY2(query.exec(sql), qPrintable(sql));
    }
    Database db(path);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
    QCOMPARE(CustomerStore(db).count(), 1);
    QCOMPARE(pragma(db, u"user_version"_s).toInt(), Database::SchemaVersion);
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(u"SELECT revision FROM settings_revision"_s) && query.next());
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM routing_plan"_s) && query.next());
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM recordings"_s) && query.next());
}

void tst_Database::upgradesVersionThreeKeepingData()
{
    TempDataDir dir;
    const QString path = Database::fileNameIn(dir.path());
    const QDateTime started(QDate(2026, 3, 1), QTime(9, 30), Qt::UTC);
    {
        Database db(path);
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QVERIFY(CustomerStore(db).upsert(customer(u"C1"_s, u"Ada"_s)).ok());
        CallSessionRecord session;
        session.callSid = u"CA1"_s;
        session.from = u"+15551234567"_s;
        session.to = u"+15557654321"_s;
        session.startedAt = started;
        session.outcome = u"completed"_s;
        session.route = u"fallback"_s;
        CallStore calls(db);
        QVERIFY(calls.createSession(session, &error));
        QVERIFY2(calls.appendEvent({ u"CA1"_s, started, u"CallReceived"_s, u"webhook_received"_s,
                                      u"processed"_s, u"Incoming call."_s }, &error),
                 qPrintable(error));
        QVERIFY(rollBackToVersionThree(db));
    }
    Database db(path);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), Database::SchemaVersion);

    const std::optional<Customer> ada = CustomerStore(db).findByExternalId(u"C1"_s);
    QVERIFY(ada);
    QCOMPARE(ada->name, u"Ada"_s);
    QCOMPARE(ada->phoneE164, u"+15551234567"_s);
    QVERIFY(ada->assignedStaff.isEmpty());
    CallStore calls(db);
    QCOMPARE(calls.sessionCount(), 1);
    QCOMPARE(calls.eventCount(), 1);
    const std::optional<CallSessionRecord> session = calls.findSession(u"CA1"_s);
    QVERIFY(session);
    QCOMPARE(session->from, u"+15551234567"_s);
    QCOMPARE(session->startedAt, started);
    QCOMPARE(session->outcome, u"completed"_s);
    QCOMPARE(session->route, u"fallback"_s);
    QVERIFY(session->answeredBy.isEmpty());
    QVERIFY(session->state.isEmpty());
    QVERIFY(calls.lastAnsweredBy(u"+15551234567"_s, started.addDays(-1)).isEmpty());

    // The rows that were there get the new columns empty.
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(u"SELECT assigned_staff FROM customers"_s) && query.next());
    QVERIFY(query.value(0).isNull());
    QVERIFY(query.exec(u"SELECT answered_by, state FROM call_sessions"_s) && query.next());
    QVERIFY(query.value(0).isNull());
    QCOMPARE(query.value(1).toString(), QString());
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM recordings"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 0);
}

void tst_Database::upgradedSchemaMatchesAFreshOne()
{
    TempDataDir dir;
    Database fresh(dir.filePath(u"fresh.db"_s));
    QString error;
    QVERIFY2(fresh.open(&error), qPrintable(error));

    const QString path = dir.filePath(u"upgraded.db"_s);
    {
        Database db(path);
        QVERIFY2(db.open(&error), qPrintable(error));
        QVERIFY(rollBackToVersionThree(db));
    }
    Database upgraded(path);
    QVERIFY2(upgraded.open(&error), qPrintable(error));

    const QStringList expected = schemaOf(fresh);
    QVERIFY(expected.contains(u"index call_sessions_answered on call_sessions"_s));
    QVERIFY(expected.contains(u"index recordings_call on recordings"_s));
    QVERIFY(expected.contains(u"index call_sessions_outcome on call_sessions"_s));
    QVERIFY(expected.contains(u"index call_sessions_to on call_sessions"_s));
    QVERIFY(expected.contains(u"  (from, started_at, outcome, to)"_s));
    QCOMPARE(schemaOf(upgraded), expected);
}

void tst_Database::refusesFileThatIsNotADatabase()
{
    TempDataDir dir;
    const QString path
        = dir.writeFile(u"notes.db"_s, QByteArray("These are my notes, not a database.\n").repeated(200));
    Database db(path);
    QString error;
    QVERIFY(!db.open(&error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(u"is not a Switchboard database"_s), qPrintable(error));
}

void tst_Database::twoConnectionsSeeEachOthersCommits()
{
    TempDataDir dir;
    const QString path = dir.filePath(u"shared.db"_s);
    Database writer(path);
    Database reader(path);
    QString error;
    QVERIFY2(writer.open(&error), qPrintable(error));
    QVERIFY2(reader.open(&error), qPrintable(error));

    CustomerStore written(writer);
    CustomerStore read(reader);
    QCOMPARE(read.count(), 0);
    QVERIFY(written.insert(customer(u"C1"_s, u"Ada"_s)).ok());
    QCOMPARE(read.count(), 1);

    QVERIFY(CustomerStore(reader).insert(customer(u"C2"_s, u"Grace"_s)).ok());
    QCOMPARE(written.count(), 2);
    QVERIFY(written.findByExternalId(u"C2"_s));
}

QTEST_GUILESS_MAIN(tst_Database)
#include "tst_database.moc"
