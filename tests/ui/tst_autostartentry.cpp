// The start-at-login entry in a real, temporary XDG_CONFIG_HOME: where it goes, the command it starts
// (quoted as the Desktop Entry Specification asks, checked by desktop-file-validate where installed),
// whose data folder it starts, and that removing it leaves another folder's entry alone.
#include "desktop/autostartentry.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAutostartEntry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void startsTheDefaultDataFolderHiddenInTheTray();
    void namesAnyOtherDataFolderQuoted_data();
    void namesAnyOtherDataFolderQuoted();
    void removingLeavesAnotherFoldersEntryAlone();
    void anEntrySwitchedOffByTheDesktopIsNotInstalled();
    void anUnwritableConfigFolderIsReported();

private:
    QString entryPath() const;
    QString readEntry() const;
    void expectValidEntry() const;

    std::unique_ptr<QTemporaryDir> m_config;
    QByteArray m_savedConfigHome;
};

void TestAutostartEntry::init()
{
    m_config = std::make_unique<QTemporaryDir>();
    QVERIFY(m_config->isValid());
    m_savedConfigHome = qgetenv("XDG_CONFIG_HOME");
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_config->path()));
}

void TestAutostartEntry::cleanup()
{
    if (m_savedConfigHome.isEmpty())
        qunsetenv("XDG_CONFIG_HOME");
    else
        qputenv("XDG_CONFIG_HOME", m_savedConfigHome);
    m_config.reset();
}

QString TestAutostartEntry::entryPath() const
{
    return m_config->path() + u"/autostart/io.switchboard.Switchboard.desktop"_s;
}

QString TestAutostartEntry::readEntry() const
{
    QFile file(entryPath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

void TestAutostartEntry::expectValidEntry() const
{
    const QString validator = QStandardPaths::findExecutable(u"desktop-file-validate"_s);
    if (validator.isEmpty())
        return;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(validator, { entryPath() });
    QVERIFY(process.waitForFinished(30000));
    const QByteArray output = process.readAll();
    QVERIFY2(process.exitCode() == 0 && output.trimmed().isEmpty(), output.constData());
}

void TestAutostartEntry::startsTheDefaultDataFolderHiddenInTheTray()
{
    AutostartEntry entry(u"/usr/bin/switchboard"_s, u"/home/desk/.local/share/Switchboard"_s,
        u"/home/desk/.local/share/Switchboard"_s);
    QVERIFY(AutostartEntry::isSupported());
    QCOMPARE(entry.filePath(), entryPath());
    QVERIFY(!entry.isInstalled());

    QString error;
    QVERIFY2(entry.install(&error), qPrintable(error));
    QVERIFY(entry.isInstalled());
    const QString text = readEntry();
    QVERIFY2(text.startsWith(u"[Desktop Entry]\n"_s), qPrintable(text));
    // The default folder is found by the app itself, so the command names none.
    QVERIFY2(text.contains(u"\nExec=/usr/bin/switchboard gui --hidden\n"_s), qPrintable(text));
    QVERIFY2(text.contains(u"\nType=Application\n"_s), qPrintable(text));
    QVERIFY2(text.contains(u"\nIcon=io.switchboard.Switchboard\n"_s), qPrintable(text));
    expectValidEntry();

    QVERIFY2(entry.remove(&error), qPrintable(error));
    QVERIFY(!QFile::exists(entryPath()));
    QVERIFY(!entry.isInstalled());
    // Removing what is not there is no failure.
    QVERIFY2(entry.remove(&error), qPrintable(error));
}

void TestAutostartEntry::namesAnyOtherDataFolderQuoted_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("dataDir");
    QTest::addColumn<QString>("exec");

    QTest::newRow("plain folder") << u"/usr/bin/switchboard"_s << u"/srv/clinic"_s
                                  << u"/usr/bin/switchboard --data-dir /srv/clinic gui --hidden"_s;
    QTest::newRow("space in the program's path")
        << u"/opt/Switch Board/switchboard"_s << u"/srv/clinic"_s
        << u"\"/opt/Switch Board/switchboard\" --data-dir /srv/clinic gui --hidden"_s;
    // Inside quotes ", `, $ and \ take a backslash, which the file's string escaping doubles again.
    QTest::newRow("quotes, dollar and backslash")
        << u"/usr/bin/switchboard"_s << u"/srv/Dr \"Lee\" $HOME \\ `x`"_s
        << u"/usr/bin/switchboard --data-dir \"/srv/Dr \\\\\"Lee\\\\\" \\\\$HOME \\\\\\\\ \\\\`x\\\\`\" gui --hidden"_s;
    // A percent sign would start a field code.
    QTest::newRow("percent") << u"/usr/bin/switchboard"_s << u"/srv/100%"_s
                             << u"/usr/bin/switchboard --data-dir /srv/100%% gui --hidden"_s;
}

void TestAutostartEntry::namesAnyOtherDataFolderQuoted()
{
    QFETCH(QString, program);
    QFETCH(QString, dataDir);
    QFETCH(QString, exec);

    AutostartEntry entry(program, dataDir, u"/home/desk/.local/share/Switchboard"_s);
    QString error;
    QVERIFY2(entry.install(&error), qPrintable(error));
    const QString text = readEntry();
    QVERIFY2(text.contains(u"\nExec="_s + exec + u'\n'), qPrintable(text));
    // Read back, the folder it starts is this one, whatever its characters.
    QVERIFY(entry.isInstalled());
    expectValidEntry();
}

void TestAutostartEntry::removingLeavesAnotherFoldersEntryAlone()
{
    const QString defaultDir = u"/home/desk/.local/share/Switchboard"_s;
    AutostartEntry clinic(u"/usr/bin/switchboard"_s, u"/srv/clinic"_s, defaultDir);
    AutostartEntry salon(u"/usr/bin/switchboard"_s, u"/srv/salon"_s, defaultDir);
    QString error;
    QVERIFY2(clinic.install(&error), qPrintable(error));
    QVERIFY(clinic.isInstalled());
    QVERIFY(!salon.isInstalled());

    QVERIFY2(salon.remove(&error), qPrintable(error));
    QVERIFY(clinic.isInstalled());

    // There is one entry per user: ticking it for another folder moves it there.
    QVERIFY2(salon.install(&error), qPrintable(error));
    QVERIFY(salon.isInstalled());
    QVERIFY(!clinic.isInstalled());
    QVERIFY(readEntry().contains(u"--data-dir /srv/salon gui --hidden"_s));
}

void TestAutostartEntry::anEntrySwitchedOffByTheDesktopIsNotInstalled()
{
    AutostartEntry entry(u"/usr/bin/switchboard"_s, u"/srv/clinic"_s, u"/srv/default"_s);
    QString error;
    QVERIFY2(entry.install(&error), qPrintable(error));
    for (const QString &off : { u"Hidden=true"_s, u"X-GNOME-Autostart-enabled=false"_s }) {
        QString text = readEntry();
        text.replace(u"X-GNOME-Autostart-enabled=true\n"_s, off + u'\n');
        QFile file(entryPath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text.toUtf8());
        file.close();
        QVERIFY2(!entry.isInstalled(), qPrintable(off));
        // Ticking the box again switches it back on.
        QVERIFY2(entry.install(&error), qPrintable(error));
        QVERIFY(entry.isInstalled());
    }
}

void TestAutostartEntry::anUnwritableConfigFolderIsReported()
{
    // A file where the autostart folder should be cannot be written into, not even by root.
    QFile blocker(m_config->path() + u"/autostart"_s);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    AutostartEntry entry(u"/usr/bin/switchboard"_s, u"/srv/clinic"_s, u"/srv/default"_s);
    QString error;
    QVERIFY(!entry.install(&error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(m_config->path() + u"/autostart"_s)), qPrintable(error));
    QVERIFY(!entry.isInstalled());
}

QTEST_GUILESS_MAIN(TestAutostartEntry)
#include "tst_autostartentry.moc"
