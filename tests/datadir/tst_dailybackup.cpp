// Tests of DailyBackup: the day's copy is made once, in the data folder's backups/, and only the newest
// `backup.keep` are kept.
#include "datadir/dailybackup.h"
#include "datadir/datadirectory.h"
#include "storage/databasebackup.h"
#include "tempdatadir.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestDailyBackup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void theDaysCopyIsMadeOnceAndOldOnesGo();
    void noneWhenNoneAreKept();

private:
    std::unique_ptr<TempDataDir> m_dir;
};

void TestDailyBackup::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    m_dir = std::make_unique<TempDataDir>();
    DataDirectory data(m_dir->path());
    QString error;
    QVERIFY2(data.open(&error), qPrintable(error));
}

void TestDailyBackup::theDaysCopyIsMadeOnceAndOldOnesGo()
{
    // Three weeks of earlier copies, and a file that is not one of them.
    QVERIFY(QDir().mkpath(DailyBackup::folderIn(m_dir->path())));
    const QDate today = QDate::currentDate();
    for (int day = 1; day <= 21; ++day) {
        QFile old(DailyBackup::fileFor(m_dir->path(), today.addDays(-day)));
        QVERIFY(old.open(QIODevice::WriteOnly));
    }
    const QString notes = QDir(DailyBackup::folderIn(m_dir->path())).filePath(u"notes.txt"_s);
    QVERIFY(QFile(notes).open(QIODevice::WriteOnly));

    int keep = 14;
    {
        DailyBackup backup(m_dir->path(), [&] { return keep; });
        QSignalSpy done(&backup, &DailyBackup::backedUp);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().first().toString(), DailyBackup::fileFor(m_dir->path(), today));
    }
    const QString todays = DailyBackup::fileFor(m_dir->path(), today);
    QCOMPARE(DatabaseBackup::problemWith(todays), QString());
    QCOMPARE(DailyBackup::newestIn(m_dir->path()), todays);
    const QStringList left = QDir(DailyBackup::folderIn(m_dir->path())).entryList({ u"switchboard-*.db"_s }, QDir::Files);
    QCOMPARE(left.size(), 14);
    QVERIFY(QFileInfo::exists(DailyBackup::fileFor(m_dir->path(), today.addDays(-13))));
    QVERIFY(!QFileInfo::exists(DailyBackup::fileFor(m_dir->path(), today.addDays(-14))));
    QVERIFY(QFileInfo::exists(notes));

    // The same day again: nothing new is copied, but a smaller `keep` applies.
    const QDateTime made = QFileInfo(todays).lastModified();
    keep = 3;
    {
        DailyBackup backup(m_dir->path(), [&] { return keep; });
        QSignalSpy done(&backup, &DailyBackup::backedUp);
        QTRY_COMPARE(QDir(DailyBackup::folderIn(m_dir->path())).entryList({ u"switchboard-*.db"_s }, QDir::Files).size(), 3);
        QCOMPARE(done.size(), 0);
    }
    QCOMPARE(QFileInfo(todays).lastModified(), made);
}

void TestDailyBackup::noneWhenNoneAreKept()
{
    {
        DailyBackup backup(m_dir->path(), [] { return 0; });
        QSignalSpy done(&backup, &DailyBackup::backedUp);
        QVERIFY(!done.wait(300));
    }
    QVERIFY(!QFileInfo::exists(DailyBackup::folderIn(m_dir->path())));
}

QTEST_GUILESS_MAIN(TestDailyBackup)
#include "tst_dailybackup.moc"
