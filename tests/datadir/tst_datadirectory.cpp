// Tests DataDirectory: which folder a command uses, and what opening it for the first time creates.
#include "datadir/datadirectory.h"
#include "secrets/masterkey.h"
#include "settings/settings.h"
#include "storage/database.h"
#include "storage/settingsstore.h"
#include "tempdatadir.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestDataDirectory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void resolve_data();
    void resolve();
    void firstOpenCreatesEverything();
    void reopenKeepsTheWebhookToken();
    void folderThatCannotBeCreatedIsReported();
    void openingMakesTheDataPrivate_data();
    void openingMakesTheDataPrivate();
};

void TestDataDirectory::initTestCase()
{
    // The key goes in the file; no test may wait on a desktop keychain.
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    QCoreApplication::setOrganizationName(u"SwitchboardTest"_s);
    QCoreApplication::setApplicationName(u"SwitchboardTest"_s);
}

void TestDataDirectory::cleanup()
{
    qunsetenv("SWITCHBOARD_DATA_DIR");
}

void TestDataDirectory::resolve_data()
{
    QTest::addColumn<QString>("explicitDir");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("expected");

    const QString platform = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QTest::newRow("nothing given: the platform folder") << QString() << QString() << platform;
    QTest::newRow("environment") << QString() << u"/srv/switchboard"_s << u"/srv/switchboard"_s;
    QTest::newRow("--data-dir wins over the environment")
        << u"/var/lib/frontdesk"_s << u"/srv/switchboard"_s << u"/var/lib/frontdesk"_s;
    QTest::newRow("relative --data-dir is made absolute")
        << u"data"_s << QString() << QDir::current().absoluteFilePath(u"data"_s);
    QTest::newRow("relative environment is made absolute")
        << QString() << u"envdata"_s << QDir::current().absoluteFilePath(u"envdata"_s);
    QTest::newRow("dot segments are resolved") << u"/srv/a/../b"_s << QString() << u"/srv/b"_s;
}

void TestDataDirectory::resolve()
{
    QFETCH(QString, explicitDir);
    QFETCH(QString, environment);
    QFETCH(QString, expected);

    if (!environment.isEmpty())
        qputenv("SWITCHBOARD_DATA_DIR", environment.toUtf8());
    QCOMPARE(DataDirectory::resolve(explicitDir), expected);
}

// What the contract promises for the first command run against a data folder, whichever it is.
void TestDataDirectory::firstOpenCreatesEverything()
{
    TempDataDir parent;
    const QString path = parent.filePath(u"new/folder"_s);
    DataDirectory data(path);
    QString error;
    QVERIFY2(data.open(&error), qPrintable(error));

    QVERIFY(QFileInfo(path).isDir());
    // Customers and call logs are nobody else's business on a shared machine.
    QCOMPARE(
        QFile::permissions(path) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser),
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QVERIFY(QFile::exists(Database::fileNameIn(path)));
    QVERIFY(QFile::exists(MasterKey::fileNameIn(path)));
    QCOMPARE(data.database().schemaVersion(), Database::SchemaVersion);

    const std::optional<QString> token = data.settings().value(u"server.webhook_token"_s);
    QVERIFY(token);
    QVERIFY2(token->size() >= 22, qPrintable(*token)); // at least 128 bits
    QVERIFY2(QRegularExpression(u"^[A-Za-z0-9_-]+$"_s).match(*token).hasMatch(), qPrintable(*token));
}

void TestDataDirectory::reopenKeepsTheWebhookToken()
{
    TempDataDir folder;
    QString first;
    {
        DataDirectory data(folder.path());
        QString error;
        QVERIFY2(data.open(&error), qPrintable(error));
        first = data.settings().value(u"server.webhook_token"_s).value_or(QString());
    }
    QVERIFY(!first.isEmpty());

    DataDirectory again(folder.path());
    QString error;
    QVERIFY2(again.open(&error), qPrintable(error));
    QCOMPARE(again.settings().value(u"server.webhook_token"_s).value_or(QString()), first);
    // Stored as plain text: it is part of the webhook URL, not a secret.
    const std::optional<StoredSetting> row = SettingsStore(again.database()).find(u"server.webhook_token"_s);
    QVERIFY(row);
    QVERIFY(!row->secret);
    QCOMPARE(row->value, first);
}

void TestDataDirectory::folderThatCannotBeCreatedIsReported()
{
    TempDataDir parent;
    const QString file = parent.writeFile(u"not-a-folder"_s, "x");
    const QString path = file + u"/data"_s;
    DataDirectory data(path);
    QString error;
    QVERIFY(!data.open(&error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.endsWith(u'.'), qPrintable(error));
}

void TestDataDirectory::openingMakesTheDataPrivate_data()
{
    QTest::addColumn<bool>("leftOpen");
    QTest::newRow("a new data folder") << false;
    QTest::newRow("a data folder an older version left open") << true;
}

// Customers, bookings and call logs are nobody else's business on a shared machine: the folder is
// 0700 and the database with its WAL and shared-memory files 0600, whatever they were before.
void TestDataDirectory::openingMakesTheDataPrivate()
{
    QFETCH(bool, leftOpen);
    TempDataDir parent;
    const QString path = parent.filePath(u"data"_s);
    const QString database = Database::fileNameIn(path);
    const QStringList files { database, database + u"-wal"_s, database + u"-shm"_s };
    QString error;
    // An older version still running keeps the WAL and shared-memory files in place.
    std::unique_ptr<Database> olderVersion;
    if (leftOpen) {
        {
            DataDirectory first(path);
            QVERIFY2(first.open(&error), qPrintable(error));
        }
        olderVersion = std::make_unique<Database>(database);
        QVERIFY2(olderVersion->open(&error), qPrintable(error));
        QVERIFY(TempDataDir::setMode(path, 0755));
        for (const QString &file : files) {
            QVERIFY2(QFile::exists(file), qPrintable(file));
            QVERIFY(TempDataDir::setMode(file, 0644));
        }
    }

    DataDirectory data(path);
    QVERIFY2(data.open(&error), qPrintable(error));
    QCOMPARE(TempDataDir::modeOf(path), 0700);
    for (const QString &file : files) {
        QVERIFY2(QFile::exists(file), qPrintable(file));
        QCOMPARE(TempDataDir::modeOf(file), 0600);
    }
}

QTEST_GUILESS_MAIN(TestDataDirectory)
#include "tst_datadirectory.moc"
