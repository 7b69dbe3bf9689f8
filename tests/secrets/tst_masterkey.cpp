// Tests of MasterKey on the key-file path: created once, private to the user, the same on every load.
#include "secrets/masterkey.h"
#include "secrets/secretbox.h"
#include "tempdatadir.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

class TestMasterKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstLoadCreatesAnOwnerOnlyKeyFile();
    void secondLoadReturnsTheSameKey();
    void eachDataFolderHasItsOwnKey();
    void missingDataFolderIsCreated();
    void handWrittenKeyFileIsAccepted_data();
    void handWrittenKeyFileIsAccepted();
    void damagedKeyFileIsReportedAndKept_data();
    void damagedKeyFileIsReportedAndKept();
    void keychainReferenceWithoutKeychainIsAnErrorNotANewKey();
};

namespace {
int permissionBits(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

QByteArray contentsOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}
} // namespace

void TestMasterKey::initTestCase()
{
    // Tests never touch the user's real keychain.
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
}

void TestMasterKey::firstLoadCreatesAnOwnerOnlyKeyFile()
{
    TempDataDir dir;
    const auto key = MasterKey::load(dir.path());
    QVERIFY2(key.ok(), qPrintable(key.error()));
    QCOMPARE(key.value().size(), SecretBox::KeySize);

    const QString keyFile = dir.filePath(u"secret.key"_s);
    QCOMPARE(MasterKey::fileNameIn(dir.path()), keyFile);
    QVERIFY(QFile::exists(keyFile));
    QCOMPARE(permissionBits(keyFile), 0600);
    // Nothing else is left behind (no temporary file).
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { u"secret.key"_s });
}

void TestMasterKey::secondLoadReturnsTheSameKey()
{
    TempDataDir dir;
    const auto first = MasterKey::load(dir.path());
    QVERIFY2(first.ok(), qPrintable(first.error()));
    const QByteArray fileAfterFirst = contentsOf(MasterKey::fileNameIn(dir.path()));
    const auto second = MasterKey::load(dir.path());
    QVERIFY2(second.ok(), qPrintable(second.error()));
    QCOMPARE(second.value(), first.value());
    QCOMPARE(contentsOf(MasterKey::fileNameIn(dir.path())), fileAfterFirst);
}

void TestMasterKey::eachDataFolderHasItsOwnKey()
{
    TempDataDir one;
    TempDataDir two;
    const auto first = MasterKey::load(one.path());
    const auto second = MasterKey::load(two.path());
    QVERIFY(first.ok() && second.ok());
    QVERIFY(first.value() != second.value());
}

void TestMasterKey::missingDataFolderIsCreated()
{
    TempDataDir dir;
    const QString nested = dir.filePath(u"not/yet/there"_s);
    const auto key = MasterKey::load(nested);
    QVERIFY2(key.ok(), qPrintable(key.error()));
    QCOMPARE(permissionBits(MasterKey::fileNameIn(nested)), 0600);
}

void TestMasterKey::handWrittenKeyFileIsAccepted_data()
{
    QTest::addColumn<QByteArray>("contents");
    const QByteArray key(SecretBox::KeySize, 'K');

    QTest::newRow("bare record") << QByteArray("file:" + key.toBase64());
    QTest::newRow("comments and blank lines") << QByteArray("# my key\n\nfile:" + key.toBase64() + "\n\n");
    QTest::newRow("windows line ends") << QByteArray("# my key\r\nfile:" + key.toBase64() + "\r\n");
}

void TestMasterKey::handWrittenKeyFileIsAccepted()
{
    QFETCH(QByteArray, contents);
    TempDataDir dir;
    dir.writeFile(u"secret.key"_s, contents);
    const auto key = MasterKey::load(dir.path());
    QVERIFY2(key.ok(), qPrintable(key.error()));
    QCOMPARE(key.value(), QByteArray(SecretBox::KeySize, 'K'));
}

void TestMasterKey::damagedKeyFileIsReportedAndKept_data()
{
    QTest::addColumn<QByteArray>("contents");

    QTest::newRow("empty file") << QByteArray();
    QTest::newRow("only comments") << QByteArray("# nothing here\n");
    QTest::newRow("raw binary key") << QByteArray(SecretBox::KeySize, '\x01');
    QTest::newRow("key too short") << QByteArray("file:" + QByteArray(16, 'k').toBase64());
    QTest::newRow("key too long") << QByteArray("file:" + QByteArray(33, 'k').toBase64());
    QTest::newRow("key not base64") << QByteArray("file:%%%%not-base64%%%%");
    QTest::newRow("two records") << QByteArray(
        "file:" + QByteArray(32, 'k').toBase64() + "\nfile:" + QByteArray(32, 'j').toBase64());
    QTest::newRow("unknown record") << QByteArray("vault:somewhere");
    QTest::newRow("keychain without an entry name") << QByteArray("keychain:");
    QTest::newRow("huge file") << QByteArray(100000, 'x');
}

void TestMasterKey::damagedKeyFileIsReportedAndKept()
{
    QFETCH(QByteArray, contents);
    TempDataDir dir;
    const QString keyFile = dir.writeFile(u"secret.key"_s, contents);
    const auto key = MasterKey::load(dir.path());
    QVERIFY(!key.ok());
    QVERIFY2(key.error().contains(keyFile), qPrintable(key.error()));
    QVERIFY(key.error().endsWith(u'.'));
    // A damaged file is never replaced by a new key: that would orphan every stored secret.
    QCOMPARE(contentsOf(keyFile), contents);
}

void TestMasterKey::keychainReferenceWithoutKeychainIsAnErrorNotANewKey()
{
    TempDataDir dir;
    const QByteArray reference = "keychain:master key of somewhere (1234abcd)\n";
    const QString keyFile = dir.writeFile(u"secret.key"_s, reference);
    const auto key = MasterKey::load(dir.path());
    QVERIFY(!key.ok());
    QVERIFY2(key.error().contains(keyFile), qPrintable(key.error()));
    QVERIFY2(key.error().contains(u"keychain"_s), qPrintable(key.error()));
    QCOMPARE(contentsOf(keyFile), reference);
}

QTEST_GUILESS_MAIN(TestMasterKey)
#include "tst_masterkey.moc"
