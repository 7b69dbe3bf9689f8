// Tests the Setup panel's Backups box: it says when the last backup was made, and Back up now makes
// today's copy off the window's thread, checked and whole, or says plainly why it could not.
#include "datadir/dailybackup.h"
#include "datadir/datadirectory.h"
#include "setup/backupbox.h"
#include "setup/setuppanel.h"
#include "storage/customerstore.h"
#include "storage/databasebackup.h"
#include "tempdatadir.h"

#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestBackupBox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void backUpNowMakesTodaysCopy();
    void aFailedBackupSaysWhy();
    void theSetupPanelHasIt();

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_data;
};

void TestBackupBox::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    m_dir = std::make_unique<TempDataDir>();
    m_data = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_data->open(&error), qPrintable(error));
    Customer ada;
    ada.externalId = u"C1"_s;
    ada.name = u"Ada Lovelace"_s;
    ada.phoneRaw = ada.phoneE164 = u"+15551234567"_s;
    QVERIFY(CustomerStore(m_data->database()).insert(ada).ok());
}

void TestBackupBox::backUpNowMakesTodaysCopy()
{
    BackupBox box(m_dir->path(), 14);
    box.show();
    QVERIFY2(box.lastBackupText().startsWith(u"No backup yet. A copy of the database is made every day in "_s),
        qPrintable(box.lastBackupText()));
    QVERIFY2(box.lastBackupText().contains(u"the last 14 day"_s), qPrintable(box.lastBackupText()));

    QSignalSpy done(&box, &BackupBox::backedUp);
    box.findChild<QPushButton *>(u"backUpNow"_s)->click();
    QVERIFY(box.isBackingUp());
    QVERIFY(!box.findChild<QPushButton *>(u"backUpNow"_s)->isEnabled());
    QVERIFY(done.wait(20000));
    QCOMPARE(done.first().first().toString(), QString());
    const QString todays = DailyBackup::fileFor(m_dir->path(), QDate::currentDate());
    QCOMPARE(DatabaseBackup::problemWith(todays), QString());
    QVERIFY2(box.lastBackupText().startsWith(u"Last backup: "_s), qPrintable(box.lastBackupText()));
    QVERIFY(box.findChild<QLabel *>(u"backupResult"_s)->text().contains(QDir::toNativeSeparators(todays)));
    QVERIFY(box.findChild<QPushButton *>(u"backUpNow"_s)->isEnabled());
}

void TestBackupBox::aFailedBackupSaysWhy()
{
    // A file stands where the backups folder would be.
    m_dir->writeFile(u"backups"_s, "not a folder");
    BackupBox box(m_dir->path(), 14);
    QSignalSpy done(&box, &BackupBox::backedUp);
    box.backUpNow();
    QVERIFY(done.wait(20000));
    const QString error = done.first().first().toString();
    QVERIFY2(error.startsWith(u"Cannot create the backup folder "_s), qPrintable(error));
    QCOMPARE(box.findChild<QLabel *>(u"backupResult"_s)->text(), error);
}

void TestBackupBox::theSetupPanelHasIt()
{
    QNetworkAccessManager network;
    SetupPanel panel(*m_data, &network);
    QVERIFY(panel.findChild<BackupBox *>(u"backups"_s));
    QVERIFY(panel.findChild<QPushButton *>(u"backUpNow"_s));
}

QTEST_MAIN(TestBackupBox)
#include "tst_backupbox.moc"
