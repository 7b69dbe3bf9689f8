// Tests DataFolderPath: files are written only inside the data folder, whatever a name or a link says.
#include "datadir/datafolderpath.h"
#include "tempdatadir.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

class TestDataFolderPath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesInsideResolve();
    void namesThatLeaveAreRefused_data();
    void namesThatLeaveAreRefused();
    void aLinkOutOfTheFolderIsRefused();
    void newFoldersAreOwnerOnly();
};

void TestDataFolderPath::namesInsideResolve()
{
    TempDataDir dir;
    const Result<QString> path = DataFolderPath::resolve(dir.path(), u"recordings/CA1-RE1.mp3"_s);
    QVERIFY2(path.ok(), qPrintable(path.error()));
    QCOMPARE(*path, QDir(QDir(dir.path()).canonicalPath()).filePath(u"recordings/CA1-RE1.mp3"_s));
    QVERIFY(QDir(dir.filePath(u"recordings"_s)).exists());
}

void TestDataFolderPath::namesThatLeaveAreRefused_data()
{
    QTest::addColumn<QString>("relative");
    QTest::newRow("parent") << u"../escaped.mp3"_s;
    QTest::newRow("parent through a folder") << u"recordings/../../escaped.mp3"_s;
    QTest::newRow("absolute") << u"/tmp/escaped.mp3"_s;
    QTest::newRow("empty") << QString();
}

void TestDataFolderPath::namesThatLeaveAreRefused()
{
    QFETCH(QString, relative);
    TempDataDir dir;
    const Result<QString> path = DataFolderPath::resolve(dir.path(), relative);
    QVERIFY(!path.ok());
    QVERIFY(!path.error().isEmpty());
}

void TestDataFolderPath::aLinkOutOfTheFolderIsRefused()
{
    TempDataDir dir;
    TempDataDir elsewhere;
    QVERIFY(QFile::link(elsewhere.path(), dir.filePath(u"recordings"_s)));
    const Result<QString> path = DataFolderPath::resolve(dir.path(), u"recordings/CA1-RE1.mp3"_s);
    QVERIFY(!path.ok());
    QVERIFY2(path.error().contains(u"leaves the data folder"_s), qPrintable(path.error()));
}

void TestDataFolderPath::newFoldersAreOwnerOnly()
{
    TempDataDir dir;
    QVERIFY(DataFolderPath::resolve(dir.path(), u"recordings/x.mp3"_s).ok());
    const QFile::Permissions permissions = QFile::permissions(dir.filePath(u"recordings"_s));
    QVERIFY(permissions & QFile::ExeOwner);
    QVERIFY(!(permissions & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeOther | QFile::WriteOther)));
}

QTEST_GUILESS_MAIN(TestDataFolderPath)
#include "tst_datafolderpath.moc"
