// Tests SqlStatement, the hot path's statements on SQLite's own API, on a real database file: values go
// in and come out as QtSql would store them, failures are told in one sentence, and a statement in use
// never leaves a read open that would keep a transaction from committing.
#include "storage/database.h"
#include "storage/sqlstatement.h"
#include "tempdatadir.h"

#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSqlStatement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void valuesRoundTrip();
    void nullAndEmptyAreKeptApart();
    void readsWhatQtSqlWrote();
    void failureIsOneSentence();
    void isCachedPerSql();
    void finishedUseLeavesNoReadOpen();

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
};

void TestSqlStatement::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_db = std::make_unique<Database>(m_dir->filePath(u"switchboard.db"_s));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
    QSqlQuery create(m_db->connection());
    QVERIFY(create.exec(u"CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT, n INTEGER)"_s));
}

void TestSqlStatement::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestSqlStatement::valuesRoundTrip()
{
    const QString name = u"Zoë Ångström 🦷"_s;
    {
        SqlStatement &insert = m_db->statement("INSERT INTO t(name, note, n) VALUES(?, ?, ?)"_ba);
        const SqlStatement::Use use(insert);
        insert.bindText(0, name);
        insert.bindTextOrNull(1, u"x"_s);
        insert.bindInteger(2, 9'007'199'254'740'993LL);
        QVERIFY(insert.run());
        QCOMPARE(insert.changes(), 1);
    }
    SqlStatement &select = m_db->statement("SELECT name, note, n FROM t"_ba);
    const SqlStatement::Use use(select);
    QVERIFY(select.step());
    QCOMPARE(select.text(0), name);
    QCOMPARE(select.text(1), u"x"_s);
    QCOMPARE(select.integer(2), 9'007'199'254'740'993LL);
    QVERIFY(!select.step());
    QVERIFY(!select.failed());
}

void TestSqlStatement::nullAndEmptyAreKeptApart()
{
    {
        SqlStatement &insert = m_db->statement("INSERT INTO t(name, note, n) VALUES(?, ?, ?)"_ba);
        const SqlStatement::Use use(insert);
        insert.bindText(0, QString()); // a NOT NULL column gets '' for a null QString
        insert.bindTextOrNull(1, QString(u""_s));
        insert.bindOptional(2, std::nullopt);
        QVERIFY(insert.run());
    }
    QSqlQuery check(m_db->connection());
    QVERIFY(check.exec(u"SELECT name IS NULL, name = '', note IS NULL, n IS NULL FROM t"_s) && check.next());
    QCOMPARE(check.value(0).toInt(), 0);
    QCOMPARE(check.value(1).toInt(), 1);
    QCOMPARE(check.value(2).toInt(), 1);
    QCOMPARE(check.value(3).toInt(), 1);

    SqlStatement &select = m_db->statement("SELECT note, n FROM t"_ba);
    const SqlStatement::Use use(select);
    QVERIFY(select.step());
    QVERIFY(select.isNull(0));
    QVERIFY(select.text(0).isNull());
    QVERIFY(select.isNull(1));
}

void TestSqlStatement::readsWhatQtSqlWrote()
{
    QSqlQuery insert(m_db->connection());
    QVERIFY(insert.prepare(u"INSERT INTO t(name, n) VALUES(?, ?)"_s));
    insert.addBindValue(u"Łukasz"_s);
    insert.addBindValue(qint64(-42));
    QVERIFY(insert.exec());

    SqlStatement &select = m_db->statement("SELECT name, n FROM t WHERE name = ?"_ba);
    const SqlStatement::Use use(select);
    const QString name = u"Łukasz"_s;
    select.bindText(0, name);
    QVERIFY(select.step());
    QCOMPARE(select.text(0), name);
    QCOMPARE(select.integer(1), -42);
}

void TestSqlStatement::failureIsOneSentence()
{
    SqlStatement &insert = m_db->statement("INSERT INTO t(id, name) VALUES(?, ?)"_ba);
    {
        const SqlStatement::Use use(insert);
        insert.bindInteger(0, 1);
        insert.bindText(1, u"a"_s);
        QVERIFY(insert.run());
    }
    const SqlStatement::Use use(insert);
    insert.bindInteger(0, 1);
    insert.bindText(1, u"b"_s);
    QVERIFY(!insert.run());
    QVERIFY(insert.failed());
    const QString sentence = m_db->describe(insert);
    QVERIFY2(sentence.contains(u"UNIQUE constraint failed"_s), qPrintable(sentence));
    QVERIFY2(sentence.contains(m_db->filePath()), qPrintable(sentence));
    // A statement's own mistake, not the disk's: the work is not worth retrying.
    QVERIFY(!m_db->lastFailureWasStorage());
}

void TestSqlStatement::isCachedPerSql()
{
    SqlStatement &first = m_db->statement("SELECT 1"_ba);
    SqlStatement &again = m_db->statement("SELECT 1"_ba);
    SqlStatement &other = m_db->statement("SELECT 2"_ba);
    QCOMPARE(&first, &again);
    QVERIFY(&first != &other);
    QVERIFY(first.isPrepared());
    QVERIFY(!m_db->statement("SELEKT nonsense"_ba).isPrepared());
}

// A SELECT stepped once and left as it is would hold its read open: SQLite then refuses to let this
// connection's writes be checkpointed past it. The Use guard resets it when the scope ends.
void TestSqlStatement::finishedUseLeavesNoReadOpen()
{
    QSqlQuery fill(m_db->connection());
    QVERIFY(fill.exec(u"INSERT INTO t(name) VALUES('a'), ('b'), ('c')"_s));
    {
        SqlStatement &select = m_db->statement("SELECT name FROM t"_ba);
        const SqlStatement::Use use(select);
        QVERIFY(select.step()); // rows left unread
    }
    QString error;
    QVERIFY2(m_db->begin(&error), qPrintable(error));
    QVERIFY(fill.exec(u"INSERT INTO t(name) VALUES('d')"_s));
    QVERIFY2(m_db->commit(&error), qPrintable(error));
    const std::optional<Database::WalState> wal = m_db->checkpoint(Database::CheckpointMode::Restart, &error);
    QVERIFY2(wal.has_value(), qPrintable(error));
    QVERIFY(!wal->busy);
    QCOMPARE(wal->checkpointed, wal->walFrames);
}

QTEST_GUILESS_MAIN(TestSqlStatement)
#include "tst_sqlstatement.moc"
