// Tests LogFile: messages land in the data folder's log with time, level and category; secrets, webhook
// tokens, credentials and signatures never do; the file rotates at its cap keeping three older ones; and
// under systemd each line on standard error carries the journal's priority prefix.
#include "datadir/logfile.h"
#include "tempdatadir.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QTest>

#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcLogTest, "switchboard.logtest")

class TestLogFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void messagesLandWithTimeLevelAndCategory();
    void secretsAndTokensAreRedacted();
    void theFileRotatesAtItsCap();
    void underSystemdStandardErrorCarriesPriorities();

private:
    QString readLog() const;
    std::unique_ptr<TempDataDir> m_dir;
};

void TestLogFile::init()
{
    m_dir = std::make_unique<TempDataDir>();
    QString error;
    QVERIFY2(LogFile::install(m_dir->path(), &error), qPrintable(error));
}

void TestLogFile::cleanup()
{
    LogFile::uninstall();
}

QString TestLogFile::readLog() const
{
    QFile file(LogFile::fileIn(m_dir->path()));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

void TestLogFile::messagesLandWithTimeLevelAndCategory()
{
    qCWarning(lcLogTest) << "The disk is nearly full";
    qCInfo(lcLogTest) << "Routing calls";
    const QStringList lines = readLog().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).endsWith(u" warning switchboard.logtest: The disk is nearly full"_s), qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).endsWith(u" info switchboard.logtest: Routing calls"_s), qPrintable(lines.at(1)));
    QVERIFY(QDateTime::fromString(lines.at(0).section(u' ', 0, 0), Qt::ISODateWithMs).isValid());
    QCOMPARE(TempDataDir::modeOf(LogFile::fileIn(m_dir->path())), 0600);
    QCOMPARE(TempDataDir::modeOf(QFileInfo(LogFile::fileIn(m_dir->path())).absolutePath()), 0700);
}

void TestLogFile::secretsAndTokensAreRedacted()
{
    LogFile::addSecrets({ u"tok9f8e7d6c5b4a39281706f5e4d3c2b1a0"_s, u"short"_s });
    qCWarning(lcLogTest).noquote() << "Twilio answered with tok9f8e7d6c5b4a39281706f5e4d3c2b1a0 in it";
    qCWarning(lcLogTest).noquote() << "POST /twilio/voice/VKh2LeE7aK_hpmxDeSXZRh6t2VihsjxC?leg=agent -> 200";
    qCWarning(lcLogTest).noquote() << "Authorization: Basic QUMxMjM6c2VjcmV0 and Bearer key_0123456789";
    qCWarning(lcLogTest).noquote() << "X-Twilio-Signature: abcDEF123+/= was wrong; a short word stays";
    const QString text = readLog();
    for (const char *leaked : { "tok9f8e7d6c5b4a39281706f5e4d3c2b1a0", "VKh2LeE7aK_hpmxDeSXZRh6t2VihsjxC",
             "QUMxMjM6c2VjcmV0", "key_0123456789", "abcDEF123" })
        QVERIFY2(!text.contains(QLatin1StringView(leaked)), leaked);
    QVERIFY2(text.contains(u"Twilio answered with [redacted] in it"_s), qPrintable(text));
    QVERIFY2(text.contains(u"POST /twilio/voice/[redacted]?leg=agent -> 200"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Basic [redacted] and Bearer [redacted]"_s), qPrintable(text));
    QVERIFY2(text.contains(u"a short word stays"_s), qPrintable(text));
}

void TestLogFile::theFileRotatesAtItsCap()
{
    // A little over four files' worth.
    const QString kilobyte(1000, u'x');
    const qint64 lines = 4 * LogFile::MaxBytes / 1000 + 100;
    for (qint64 i = 0; i < lines; ++i)
        qCInfo(lcLogTest).noquote() << i << kilobyte;
    const QString log = LogFile::fileIn(m_dir->path());
    for (int n = 1; n <= LogFile::Kept; ++n) {
        QVERIFY2(QFileInfo::exists(log + u".%1"_s.arg(n)), qPrintable(log + u".%1"_s.arg(n)));
        QVERIFY(QFileInfo(log + u".%1"_s.arg(n)).size() <= LogFile::MaxBytes);
        QCOMPARE(TempDataDir::modeOf(log + u".%1"_s.arg(n)), 0600);
    }
    QVERIFY(!QFileInfo::exists(log + u".%1"_s.arg(LogFile::Kept + 1)));
    QVERIFY(QFileInfo(log).size() <= LogFile::MaxBytes);
    // The newest line is in the file being written, the oldest ones are gone.
    QVERIFY(readLog().contains(u" %1 x"_s.arg(lines - 1)));
    QFile oldest(log + u".%1"_s.arg(LogFile::Kept));
    QVERIFY(oldest.open(QIODevice::ReadOnly));
    QVERIFY(!oldest.readLine().contains(": 0 x"));
}

void TestLogFile::underSystemdStandardErrorCarriesPriorities()
{
    // Standard error into a file of ours, which systemd would have named in JOURNAL_STREAM.
    const QString captured = m_dir->filePath(u"stderr.txt"_s);
    std::fflush(stderr);
    const int saved = dup(fileno(stderr));
    QVERIFY(std::freopen(QFile::encodeName(captured).constData(), "w", stderr));
    struct stat info {};
    QCOMPARE(fstat(fileno(stderr), &info), 0);
    qputenv("JOURNAL_STREAM", QByteArray::number(quint64(info.st_dev)) + ':' + QByteArray::number(quint64(info.st_ino)));
    const bool journal = LogFile::stderrIsJournal();
    QString ignored;
    LogFile::install(m_dir->path(), &ignored);
    qCWarning(lcLogTest).noquote() << "Cannot reach Retell";
    qCInfo(lcLogTest).noquote() << "Listening";
    std::fflush(stderr);
    dup2(saved, fileno(stderr));
    close(saved);
    qunsetenv("JOURNAL_STREAM");
    QVERIFY(journal);
    QFile file(captured);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()),
        u"<4>switchboard.logtest: Cannot reach Retell\n<6>switchboard.logtest: Listening\n"_s);
    // Another stream than the journal's: plain lines as before.
    qputenv("JOURNAL_STREAM", "1:2");
    QVERIFY(!LogFile::stderrIsJournal());
    qunsetenv("JOURNAL_STREAM");
}

QTEST_GUILESS_MAIN(TestLogFile)
#include "tst_logfile.moc"
