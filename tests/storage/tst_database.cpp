// Tests of Database: opening, WAL, schema versions, refusing files it cannot use, and two connections.
#include "storage/customerstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QFile>
#include <QSqlDatabase>
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
    QCOMPARE(pragma(db, u"user_version"_s).toInt(), 3);
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(u"SELECT revision FROM settings_revision"_s) && query.next());
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM routing_plan"_s) && query.next());
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
