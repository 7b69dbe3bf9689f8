// Tests of SettingsWatcher: a change of a setting or of the routing plan made on another connection
// (as `config set` in another process makes it) is announced without polling; a call-log write is not.
#include "settings/settingswatcher.h"
#include "storage/callstore.h"
#include "storage/database.h"
#include "storage/routingplanstore.h"
#include "storage/settingsstore.h"
#include "tempdatadir.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSettingsWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void aChangeOnAnotherConnectionIsAnnounced();
    void theLastOfABurstIsAnnounced();
    void callLogWritesAreNotAChange();

private:
    bool put(const QString &key, const QString &value);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;    // the watcher's
    std::unique_ptr<Database> m_other; // another program's
};

void TestSettingsWatcher::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_db = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    m_other = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
    QVERIFY2(m_other->open(&error), qPrintable(error));
}

void TestSettingsWatcher::cleanup()
{
    m_other.reset();
    m_db.reset();
    m_dir.reset();
}

bool TestSettingsWatcher::put(const QString &key, const QString &value)
{
    QString error;
    const bool ok = SettingsStore(*m_other).put({ key, value, false }, &error);
    if (!ok)
        qWarning() << error;
    return ok;
}

void TestSettingsWatcher::aChangeOnAnotherConnectionIsAnnounced()
{
    SettingsWatcher watcher(*m_db);
    QSignalSpy changed(&watcher, &SettingsWatcher::changed);
    const qint64 before = watcher.revision();
    QVERIFY(before >= 0);

    QVERIFY(put(u"server.listen"_s, u"127.0.0.1:8181"_s));
    // Told by the file system: no timer of the test's, only the time a loaded machine may take.
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 10000);
    QVERIFY(watcher.revision() > before);

    // The routing plan counts as a setting too.
    QString error;
    QVERIFY2(RoutingPlanStore(*m_other).save(QByteArrayLiteral("{\"staff\": []}"), &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, 10000);
}

void TestSettingsWatcher::theLastOfABurstIsAnnounced()
{
    SettingsWatcher watcher(*m_db);
    QSignalSpy changed(&watcher, &SettingsWatcher::changed);
    for (int i = 0; i < 20; ++i)
        QVERIFY(put(u"retell.timeout_ms"_s, QString::number(1000 + i)));
    const qint64 last = SettingsStore(*m_other).revision();
    // However the writes fell against the settle time, the watcher ends on the last revision.
    QTRY_COMPARE_WITH_TIMEOUT(watcher.revision(), last, 10000);
    QVERIFY(changed.count() >= 1);
}

void TestSettingsWatcher::callLogWritesAreNotAChange()
{
    SettingsWatcher watcher(*m_db);
    QSignalSpy changed(&watcher, &SettingsWatcher::changed);
    CallSessionRecord session;
    session.callSid = u"CA0001"_s;
    session.from = u"+15551230001"_s;
    session.to = u"+15557654321"_s;
    session.startedAt = QDateTime::currentDateTimeUtc();
    QString error;
    QVERIFY2(CallStore(*m_other).createSession(session, &error), qPrintable(error));
    // Looking at once (rather than waiting for the file system) gives the answer deterministically.
    watcher.look();
    QCOMPARE(changed.count(), 0);
    // And a setting written after it is still seen.
    QVERIFY(put(u"routing.enabled"_s, u"false"_s));
    watcher.look();
    QCOMPARE(changed.count(), 1);
}

QTEST_GUILESS_MAIN(TestSettingsWatcher)
#include "tst_settingswatcher.moc"
