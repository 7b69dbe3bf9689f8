// OwnerOnly: folders and files with customers' data end up readable by their owner alone, whatever
// they allowed before.
#include "files/owneronly.h"
#include "tempdatadir.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTest>

using namespace Qt::StringLiterals;

class TestOwnerOnly : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void restrictFolder_data()
    {
        QTest::addColumn<int>("before");
        QTest::newRow("the usual 0755") << 0755;
        QTest::newRow("shared with a group") << 0775;
        QTest::newRow("open to everyone") << 0777;
        QTest::newRow("already private") << 0700;
        QTest::newRow("not even writable by its owner") << 0500;
    }

    void restrictFolder()
    {
        QFETCH(int, before);
        TempDataDir parent;
        const QString path = parent.filePath(u"data"_s);
        QVERIFY(QDir().mkdir(path));
        QVERIFY(TempDataDir::setMode(path, before));
        QCOMPARE(TempDataDir::modeOf(path), before);

        QString error;
        QVERIFY2(OwnerOnly::restrictFolder(path, &error), qPrintable(error));
        QCOMPARE(TempDataDir::modeOf(path), 0700);
    }

    void restrictFile_data()
    {
        QTest::addColumn<int>("before");
        QTest::newRow("the usual 0644") << 0644;
        QTest::newRow("writable by everyone") << 0666;
        QTest::newRow("already private") << 0600;
        QTest::newRow("read-only") << 0400;
        QTest::newRow("executable") << 0755;
    }

    void restrictFile()
    {
        QFETCH(int, before);
        TempDataDir dir;
        const QString path = dir.writeFile(u"switchboard.db"_s, "data");
        QVERIFY(TempDataDir::setMode(path, before));

        QString error;
        QVERIFY2(OwnerOnly::restrictFile(path, &error), qPrintable(error));
        QCOMPARE(TempDataDir::modeOf(path), 0600);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), "data"_ba);
    }

    void missingFileHasNothingToRestrict()
    {
        TempDataDir dir;
        QString error;
        QVERIFY2(OwnerOnly::restrictFile(dir.filePath(u"switchboard.db-wal"_s), &error), qPrintable(error));
        QVERIFY(error.isEmpty());
    }

    void folderIsNeverMadeAFile()
    {
        TempDataDir dir;
        const QString path = dir.filePath(u"switchboard.db"_s);
        QVERIFY(QDir().mkdir(path));
        QVERIFY(TempDataDir::setMode(path, 0755));
        QString error;
        QVERIFY(!OwnerOnly::restrictFile(path, &error));
        QVERIFY2(error.contains(u"folder"_s), qPrintable(error));
        QCOMPARE(TempDataDir::modeOf(path), 0755);
    }

    void missingFolderIsReported()
    {
        TempDataDir dir;
        const QString path = dir.filePath(u"gone"_s);
        QString error;
        QVERIFY(!OwnerOnly::restrictFolder(path, &error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
        QVERIFY2(error.endsWith(u'.'), qPrintable(error));
    }

    // A file saved through a temporary one is private before a byte is written, also when it
    // replaces a file that was not.
    void fileBeingWrittenIsPrivateFromTheStart()
    {
        TempDataDir dir;
        const QString path = dir.writeFile(u"voicemail.mp3"_s, "old");
        QVERIFY(TempDataDir::setMode(path, 0644));

        QSaveFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QString error;
        QVERIFY2(OwnerOnly::restrictFile(file, &error), qPrintable(error));
        QCOMPARE(file.write("ID3 new"), 7);
        QVERIFY(file.commit());
        QCOMPARE(TempDataDir::modeOf(path), 0600);
    }
};

QTEST_GUILESS_MAIN(TestOwnerOnly)
#include "tst_owneronly.moc"
