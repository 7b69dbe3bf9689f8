// Tests of SettingsStore: rows round-trip, the order is by key, and other connections see changes at once.
#include "storage/callstore.h"
#include "storage/database.h"
#include "storage/settingsstore.h"
#include "tempdatadir.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestSettingsStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void freshDatabaseHasNoSettings();
    void storedRowComesBack_data();
    void storedRowComesBack();
    void putReplacesTheRow();
    void allIsOrderedByKey();
    void removeDeletesAndAbsentKeyIsFine();
    void putIfAbsentKeepsTheFirstValue();
    void anotherConnectionSeesChangesAtOnce();
    void revisionMovesOnEveryChangeFromAnyConnection();
    void revisionIgnoresOtherTables();

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
};

void TestSettingsStore::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_db = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
}

void TestSettingsStore::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestSettingsStore::freshDatabaseHasNoSettings()
{
    SettingsStore store(*m_db);
    QVERIFY(!store.find(u"twilio.account_sid"_s));
    QVERIFY(store.all().isEmpty());
}

void TestSettingsStore::storedRowComesBack_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("secret");

    QTest::newRow("plain value") << u"retell.timeout_ms"_s << u"4000"_s << false;
    QTest::newRow("secret flag kept") << u"twilio.auth_token"_s << u"v1:c2VhbGVk"_s << true;
    QTest::newRow("empty value") << u"twilio.numbers"_s << QString() << false;
    QTest::newRow("quotes and sql in the value")
        << u"retell.agent_id"_s << u"x'); DROP TABLE settings;--"_s << false;
    QTest::newRow("unicode") << u"server.public_url"_s << u"https://exämple.com/☎"_s << false;
}

void TestSettingsStore::storedRowComesBack()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(bool, secret);
    SettingsStore store(*m_db);
    QString error;
    QVERIFY2(store.put({ key, value, secret }, &error), qPrintable(error));
    const auto found = store.find(key, &error);
    QVERIFY(found);
    QCOMPARE(found->key, key);
    QCOMPARE(found->value, value);
    QVERIFY(!found->value.isNull());
    QCOMPARE(found->secret, secret);
    QCOMPARE(store.all().size(), 1);
}

void TestSettingsStore::putReplacesTheRow()
{
    SettingsStore store(*m_db);
    QString error;
    QVERIFY(store.put({ u"twilio.auth_token"_s, u"first"_s, false }, &error));
    QVERIFY(store.put({ u"twilio.auth_token"_s, u"second"_s, true }, &error));
    const auto found = store.find(u"twilio.auth_token"_s);
    QVERIFY(found);
    QCOMPARE(found->value, u"second"_s);
    QVERIFY(found->secret);
    QCOMPARE(store.all().size(), 1);
}

void TestSettingsStore::allIsOrderedByKey()
{
    SettingsStore store(*m_db);
    QString error;
    for (const QString &key :
        { u"server.listen"_s, u"retell.api_key"_s, u"twilio.numbers"_s, u"routing.enabled"_s })
        QVERIFY(store.put({ key, u"x"_s, false }, &error));
    QStringList keys;
    for (const StoredSetting &row : store.all())
        keys.append(row.key);
    QCOMPARE(keys,
        (QStringList { u"retell.api_key"_s, u"routing.enabled"_s, u"server.listen"_s, u"twilio.numbers"_s }));
}

void TestSettingsStore::removeDeletesAndAbsentKeyIsFine()
{
    SettingsStore store(*m_db);
    QString error;
    QVERIFY(store.put({ u"routing.enabled"_s, u"true"_s, false }, &error));
    QVERIFY2(store.remove(u"routing.enabled"_s, &error), qPrintable(error));
    QVERIFY(!store.find(u"routing.enabled"_s));
    QVERIFY2(store.remove(u"routing.enabled"_s, &error), qPrintable(error));
    QVERIFY2(store.remove(u"never.stored"_s, &error), qPrintable(error));
}

void TestSettingsStore::putIfAbsentKeepsTheFirstValue()
{
    SettingsStore store(*m_db);
    QString error;
    bool inserted = false;
    QVERIFY(store.putIfAbsent({ u"server.webhook_token"_s, u"first"_s, false }, &inserted, &error));
    QVERIFY(inserted);
    QVERIFY(store.putIfAbsent({ u"server.webhook_token"_s, u"second"_s, false }, &inserted, &error));
    QVERIFY(!inserted);
    QCOMPARE(store.find(u"server.webhook_token"_s)->value, u"first"_s);
}

void TestSettingsStore::anotherConnectionSeesChangesAtOnce()
{
    Database other(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(other.open(&error), qPrintable(error));
    SettingsStore writer(*m_db);
    SettingsStore reader(other);

    // The reader's cached statements have run once before the change: they must not pin an old snapshot.
    QVERIFY(!reader.find(u"retell.timeout_ms"_s));
    QVERIFY(reader.all().isEmpty());

    QVERIFY(writer.put({ u"retell.timeout_ms"_s, u"2500"_s, false }, &error));
    const auto seen = reader.find(u"retell.timeout_ms"_s);
    QVERIFY(seen);
    QCOMPARE(seen->value, u"2500"_s);
    QCOMPARE(reader.all().size(), 1);

    QVERIFY(writer.remove(u"retell.timeout_ms"_s, &error));
    QVERIFY(!reader.find(u"retell.timeout_ms"_s));
}

void TestSettingsStore::revisionMovesOnEveryChangeFromAnyConnection()
{
    SettingsStore store(*m_db);
    Database other(m_db->filePath());
    QString error;
    QVERIFY2(other.open(&error), qPrintable(error));
    SettingsStore otherStore(other);

    qint64 last = store.revision();
    QVERIFY(last >= 0);
    const auto moved = [&] {
        const qint64 now = store.revision();
        const bool changed = now != last;
        last = now;
        return changed;
    };
    QVERIFY(otherStore.put({ u"routing.enabled"_s, u"true"_s, false }, &error));
    QVERIFY(moved());
    QVERIFY(otherStore.put({ u"routing.enabled"_s, u"false"_s, false }, &error));
    QVERIFY(moved());
    QVERIFY(otherStore.remove(u"routing.enabled"_s, &error));
    QVERIFY(moved());
    QVERIFY(!moved());
}

void TestSettingsStore::revisionIgnoresOtherTables()
{
    SettingsStore store(*m_db);
    const qint64 before = store.revision();
    Database other(m_db->filePath());
    QString error;
    QVERIFY2(other.open(&error), qPrintable(error));
    CallSessionRecord session;
    session.callSid = u"CA00000000000000000000000000000001"_s;
    session.startedAt = QDateTime::currentDateTimeUtc();
    QVERIFY2(CallStore(other).createSession(session, &error), qPrintable(error));
    QCOMPARE(store.revision(), before);
}

QTEST_GUILESS_MAIN(TestSettingsStore)
#include "tst_settingsstore.moc"
