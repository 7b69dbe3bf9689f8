// Tests of WalCheckpointer and Database's checkpoints: the WAL is copied into the database off the
// writer's thread, and it stays bounded even when the writer never pauses long enough for a passive
// checkpoint to catch up.
#include "storage/customerstore.h"
#include "storage/database.h"
#include "storage/walcheckpointer.h"
#include "tempdatadir.h"
#include "threadniceness.h"

#include <QFileInfo>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;

class tst_WalCheckpointer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void passiveCheckpointCopiesEveryCommittedPage();
    void restartCheckpointMakesTheNextWriteStartTheWalOver();
    void walStaysBoundedUnderSustainedWrites();
    void checkpointsGiveWayToTheRouter();

private:
    // The router's connection (checkpoints left to others) and a second one that checkpoints.
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_writer;
    std::unique_ptr<Database> m_checkpointer;
};

namespace {

// Big enough that every commit adds at least one page to the WAL.
Customer bulkyCustomer(int n)
{
    Customer c;
    c.externalId = u"C%1"_s.arg(n);
    c.name = u"Customer %1"_s.arg(n);
    c.phoneRaw = u"+1555%1"_s.arg(2000000 + n);
    c.phoneE164 = c.phoneRaw;
    c.notes = QString(3000, QLatin1Char('x'));
    return c;
}

bool writeCustomers(Database &db, int from, int count)
{
    CustomerStore store(db);
    for (int n = from; n < from + count; ++n) {
        QString error;
        const bool written = db.transaction(
            [&] {
                const Result<UpsertResult> result = store.upsert(bulkyCustomer(n));
                if (!result.ok())
                    error = result.error();
                return result.ok();
            },
            &error);
        if (!written) {
            qWarning() << error;
            return false;
        }
    }
    return true;
}

qint64 walBytes(const Database &db)
{
    return QFileInfo(db.filePath() + u"-wal"_s).size();
}

} // namespace

void tst_WalCheckpointer::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_writer = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    m_checkpointer = std::make_unique<Database>(m_writer->filePath());
    QString error;
    QVERIFY2(m_writer->open(&error) && m_writer->disableAutoCheckpoint(&error), qPrintable(error));
    QVERIFY2(m_checkpointer->open(&error), qPrintable(error));
}

void tst_WalCheckpointer::cleanup()
{
    m_checkpointer.reset();
    m_writer.reset();
    m_dir.reset();
}

void tst_WalCheckpointer::passiveCheckpointCopiesEveryCommittedPage()
{
    Database &writer = *m_writer;
    Database &checkpointer = *m_checkpointer;
    QString error;
    QVERIFY(writeCustomers(writer, 0, 50));

    const std::optional<Database::WalState> state
        = checkpointer.checkpoint(Database::CheckpointMode::Passive, &error);
    QVERIFY2(state, qPrintable(error));
    QVERIFY(!state->busy);
    QVERIFY(state->walFrames >= 50);
    QCOMPARE(state->checkpointed, state->walFrames);
}

void tst_WalCheckpointer::restartCheckpointMakesTheNextWriteStartTheWalOver()
{
    Database &writer = *m_writer;
    Database &checkpointer = *m_checkpointer;
    QString error;
    QVERIFY(writeCustomers(writer, 0, 200));
    const std::optional<Database::WalState> before
        = checkpointer.checkpoint(Database::CheckpointMode::Restart, &error);
    QVERIFY2(before, qPrintable(error));
    QVERIFY(!before->busy);
    QVERIFY(before->walFrames >= 200);
    const qint64 fileBefore = walBytes(writer);

    QVERIFY(writeCustomers(writer, 200, 1));
    const std::optional<Database::WalState> after
        = checkpointer.checkpoint(Database::CheckpointMode::Passive, &error);
    QVERIFY2(after, qPrintable(error));
    // The one new commit was written at the top of the WAL, over the pages already copied, and the
    // file did not grow.
    QVERIFY2(after->walFrames < 10, qPrintable(QString::number(after->walFrames)));
    QCOMPARE(walBytes(writer), fileBefore);
}

void tst_WalCheckpointer::walStaysBoundedUnderSustainedWrites()
{
    Database &writer = *m_writer;

    constexpr int RestartAfterFrames = 200;
    constexpr int Commits = 3000;
    constexpr qint64 PageBytes = 4096 + 24; // a WAL frame: its header and one page
    WalCheckpointer walCheckpointer(writer.filePath(), 5, RestartAfterFrames);
    int rounds = 0;
    int restarts = 0;
    // The checkpointer itself is the context: the counts live on this function's stack, so a round
    // still queued when the function returns must go with the checkpointer, not reach them later.
    connect(&walCheckpointer, &WalCheckpointer::checkpointed, &walCheckpointer, [&](bool walRestarted) {
        ++rounds;
        restarts += walRestarted ? 1 : 0;
    });

    // Write like a router under a burst: commit after commit with only short pauses, many times the
    // limit in all. Each restart starts the count of commits over. If `RestartAfterFrames` commits
    // (at least as many pages) go by without one, the checkpoint thread has not had its turn: the
    // writer then waits for two more rounds, the second of which ran wholly while nothing was
    // written, so it restarted the WAL or found it under the limit (SQLite also starts the WAL over
    // by itself once a passive checkpoint has caught up). A loaded machine that starves the
    // checkpoint thread slows the test down instead of letting the WAL grow past what it allows.
    int seenRestarts = 0;
    int sinceRestart = 0;
    for (int written = 0; written < Commits; ++written) {
        QVERIFY(writeCustomers(writer, written, 1));
        QThread::usleep(300);
        QCoreApplication::processEvents();
        if (restarts != seenRestarts) {
            seenRestarts = restarts;
            sinceRestart = 0;
        }
        if (++sinceRestart >= RestartAfterFrames) {
            const int roundsAfterAFullOne = rounds + 2;
            QTRY_VERIFY_WITH_TIMEOUT(rounds >= roundsAfterAFullOne, 60000);
            seenRestarts = restarts;
            sinceRestart = 0;
        }
    }

    // Every commit adds at least one page, so without restarts the WAL would hold at least this much.
    const qint64 unboundedBytes = qint64(Commits) * PageBytes;
    const qint64 limitBytes = RestartAfterFrames * PageBytes;
    const qint64 wal = walBytes(writer);
    QVERIFY2(wal < unboundedBytes / 2,
        qPrintable(u"WAL %1 bytes after %2 commits (%3 restarts)"_s.arg(wal).arg(Commits).arg(restarts)));
    // Beyond the limit, the file only holds what was written while a restart waited for its turn: at
    // worst (a starved checkpoint thread) just under the limit and the pages of `RestartAfterFrames`
    // commits, about 1,300 pages here.
    QVERIFY2(wal < 8 * limitBytes, qPrintable(u"WAL %1 bytes, limit %2"_s.arg(wal).arg(limitBytes)));
    // Every restart attempt is counted and timed, for the benchmark's stall figure.
    QVERIFY(walCheckpointer.restartCount() >= restarts);
    QVERIFY(restarts == 0 || walCheckpointer.longestRestart().count() > 0);
}

void tst_WalCheckpointer::checkpointsGiveWayToTheRouter()
{
#ifndef Q_OS_LINUX
    QSKIP("A thread's priority is read from Linux's /proc.");
#endif
    const WalCheckpointer checkpointer(m_writer->filePath());
    // The thread lowers itself as it starts, which may be just after the constructor returns.
    QTRY_COMPARE(niceOfThreadNamed(u"WAL checkpoints"_s), std::optional<int>(19));
}

QTEST_GUILESS_MAIN(tst_WalCheckpointer)
#include "tst_walcheckpointer.moc"
