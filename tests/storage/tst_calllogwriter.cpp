// Tests of CallLogWriter: queued call-log changes are committed in order, batched under load, held
// (not lost) while another program has the database, and a failure never leaves an answer hanging.
#include "storage/calllogcommitter.h"
#include "storage/calllogwriter.h"
#include "storage/callstore.h"
#include "storage/database.h"
#include "tempdatadir.h"
#include "threadniceness.h"

#include <QCoroTask>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

class tst_CallLogWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void changesAreStoredOnceStoredResolves();
    void commitsGiveWayToTheRouter();
    void updatesFollowTheCreate();
    void aBurstSharesCommits();
    void failureIsReportedAndNothingHangs();
    void queuedChangesAreWrittenOnDestruction();
    void aBusyDatabaseDelaysTheWriteButLosesNothing();
    void journaledChangesAreSafeAtOnceAndSurviveAStopWhileTheDatabaseIsBusy();
    void aReplayWritesEachChangeOnce();
    void numberingGoesOnAfterTheJournalIsEmptied();

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db; // another program's connection: checks, locks
    std::unique_ptr<Database> m_routerDb; // the connection the writer writes through
};

namespace {

QString sid(int n)
{
    return u"CA%1"_s.arg(n, 32, 10, QLatin1Char('0'));
}

CallLogChange newCall(int n)
{
    CallLogChange change;
    change.create = true;
    change.session.callSid = sid(n);
    change.session.from = u"+15551230000"_s;
    change.session.to = u"+15557654321"_s;
    change.session.startedAt = QDateTime::currentDateTimeUtc();
    change.events.append({ sid(n), QDateTime::currentDateTimeUtc(), Step::CallReceived, EventAction::WebhookReceived,
        EventResult::Processed, u"Incoming call."_s });
    return change;
}

} // namespace

void tst_CallLogWriter::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_db = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
    m_routerDb = std::make_unique<Database>(m_db->filePath());
    QVERIFY2(m_routerDb->open(&error), qPrintable(error));
}

void tst_CallLogWriter::cleanup()
{
    m_routerDb.reset();
    m_db.reset();
    m_dir.reset();
}

void tst_CallLogWriter::changesAreStoredOnceStoredResolves()
{
    CallLogWriter writer(*m_routerDb);
    QSignalSpy written(&writer, &CallLogWriter::written);
    const quint64 sequence = writer.write(newCall(1));
    QCoro::waitFor(writer.stored());
    QCOMPARE(writer.lastWritten(), sequence);

    CallStore calls(*m_db);
    const std::optional<CallSessionRecord> session = calls.findSession(sid(1));
    QVERIFY(session);
    QCOMPARE(session->from, u"+15551230000"_s);
    QCOMPARE(calls.events(sid(1)).size(), 1);
    QCOMPARE(written.size(), 1);
    QCOMPARE(written.at(0).at(0).value<QList<CallLogChange>>().size(), 1);
}

void tst_CallLogWriter::commitsGiveWayToTheRouter()
{
#ifndef Q_OS_LINUX
    QSKIP("A thread's priority is read from Linux's /proc.");
#endif
    CallLogWriter writer(*m_routerDb);
    writer.write(newCall(1));
    QCoro::waitFor(writer.stored());
    // The committing thread has run (it stored the change), so it has lowered itself by now.
    QCOMPARE(niceOfThreadNamed(u"Call log"_s), std::optional<int>(19));
}

void tst_CallLogWriter::updatesFollowTheCreate()
{
    CallLogWriter writer(*m_routerDb);
    CallLogChange change = newCall(2);
    writer.write(change);
    change.create = false;
    change.session.outcome = CallOutcome::Answered;
    change.events = { { sid(2), QDateTime::currentDateTimeUtc(), Step::StatusChanged, EventAction::WebhookReceived,
        EventResult::Processed, u"The call ended."_s } };
    writer.write(change);
    QCoro::waitFor(writer.stored());

    CallStore calls(*m_db);
    QCOMPARE(calls.findSession(sid(2))->outcome, CallOutcome::Answered);
    const QList<CallEventRecord> events = calls.events(sid(2));
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).step, Step::CallReceived);
    QCOMPARE(events.at(1).step, Step::StatusChanged);
}

void tst_CallLogWriter::aBurstSharesCommits()
{
    CallLogWriter writer(*m_routerDb);
    QSignalSpy written(&writer, &CallLogWriter::written);
    constexpr int Calls = 500;
    for (int n = 0; n < Calls; ++n)
        writer.write(newCall(100 + n));
    QCoro::waitFor(writer.stored());

    int reported = 0;
    int largest = 0;
    for (const QList<QVariant> &signal : written) {
        const qsizetype size = signal.at(0).value<QList<CallLogChange>>().size();
        reported += int(size);
        largest = std::max(largest, int(size));
    }
    QCOMPARE(reported, Calls);
    // Nor one commit for all: a long commit would hold off other programs waiting to write.
    QVERIFY2(largest <= CallLogCommitter::MaxBatch, qPrintable(QString::number(largest)));
    QVERIFY(writer.longestCommit().count() > 0);
    QCOMPARE(CallStore(*m_db).sessionCount(), Calls);
    // Queued in one go from this thread, the burst cannot need a commit per call.
    QVERIFY2(written.size() < Calls / 2, qPrintable(QString::number(written.size())));
}

void tst_CallLogWriter::failureIsReportedAndNothingHangs()
{
    CallLogWriter writer(*m_routerDb);
    QSignalSpy written(&writer, &CallLogWriter::written);
    writer.write(newCall(3));
    QCoro::waitFor(writer.stored());
    {
        QSqlQuery query(m_db->connection());
        QVERIFY(query.exec(u"DROP TABLE call_events"_s));
    }
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Could not store call|Lost"_s));
    const quint64 sequence = writer.write(newCall(4));
    QCoro::waitFor(writer.stored());
    QCOMPARE(writer.lastWritten(), sequence);
    QCOMPARE(written.size(), 2);
    QVERIFY(written.at(1).at(0).value<QList<CallLogChange>>().isEmpty());
    // The failed change left nothing half-written.
    QVERIFY(!CallStore(*m_db).findSession(sid(4)));
}

void tst_CallLogWriter::queuedChangesAreWrittenOnDestruction()
{
    {
        CallLogWriter writer(*m_routerDb);
        for (int n = 0; n < 20; ++n)
            writer.write(newCall(1000 + n));
    }
    QCOMPARE(CallStore(*m_db).sessionCount(), 20);
}

void tst_CallLogWriter::aBusyDatabaseDelaysTheWriteButLosesNothing()
{
    CallLogWriter writer(*m_routerDb, std::chrono::milliseconds(300));
    // Another program holds the write lock.
    bool busy = false;
    QString error;
    QVERIFY2(m_db->beginWrite(&error, &busy, std::chrono::milliseconds(0)), qPrintable(error));

    const quint64 sequence = writer.write(newCall(7));
    QElapsedTimer clock;
    clock.start();
    QCoro::waitFor(writer.stored());
    // The wait ended with the budget, not with the write.
    QVERIFY2(clock.elapsed() >= 250 && clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(writer.lastWritten() < sequence);
    const quint64 later = writer.write(newCall(8));

    m_db->rollback();
    QTRY_COMPARE_WITH_TIMEOUT(writer.lastWritten(), later, 5000);
    CallStore calls(*m_db);
    QVERIFY(calls.findSession(sid(7)));
    QVERIFY(calls.findSession(sid(8)));
    QCOMPARE(calls.events(sid(7)).size(), 1);
}

void tst_CallLogWriter::journaledChangesAreSafeAtOnceAndSurviveAStopWhileTheDatabaseIsBusy()
{
    const QString journalPath = m_dir->filePath(u"calllog.journal"_s);
    // Another program holds the write lock for the whole life of the first writer.
    bool busy = false;
    QString error;
    QVERIFY2(m_db->beginWrite(&error, &busy, std::chrono::milliseconds(0)), qPrintable(error));
    {
        CallLogWriter writer(*m_routerDb, std::chrono::milliseconds(5000));
        QList<JournalRecord> replayed;
        QVERIFY2(writer.openJournal(journalPath, &replayed, &error), qPrintable(error));
        QVERIFY(replayed.isEmpty());
        for (int n = 20; n < 28; ++n)
            writer.write(newCall(n));
        // Safe before any commit: the answer does not wait out its budget.
        QElapsedTimer clock;
        clock.start();
        QCoro::waitFor(writer.stored());
        QVERIFY2(clock.elapsed() < 4000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(writer.lastWritten(), 0u);
    } // stopped (as a crash would) with nothing in the database
    m_db->rollback();
    QCOMPARE(CallStore(*m_db).sessionCount(), 0);

    // The next start writes them.
    CallLogWriter writer(*m_routerDb);
    QList<JournalRecord> replayed;
    QVERIFY2(writer.openJournal(journalPath, &replayed, &error), qPrintable(error));
    QCOMPARE(replayed.size(), 8);
    QCOMPARE(replayed.first().change.session.callSid, sid(20));
    QTRY_COMPARE(CallStore(*m_db).sessionCount(), 8);
    QCOMPARE(CallStore(*m_db).events(sid(27)).size(), 1);
}

void tst_CallLogWriter::aReplayWritesEachChangeOnce()
{
    const QString journalPath = m_dir->filePath(u"calllog.journal"_s);
    QString error;
    {
        CallLogWriter writer(*m_routerDb);
        QList<JournalRecord> replayed;
        QVERIFY2(writer.openJournal(journalPath, &replayed, &error), qPrintable(error));
        writer.write(newCall(30));
        QCoro::waitFor(writer.stored());
        QTRY_COMPARE(writer.lastWritten(), 1u);
    }
    // The journal still holds the change (it is emptied only past a size), but the database says
    // it has it: a restart adds nothing twice.
    CallLogWriter writer(*m_routerDb);
    QList<JournalRecord> replayed;
    QVERIFY2(writer.openJournal(journalPath, &replayed, &error), qPrintable(error));
    QVERIFY(replayed.isEmpty());
    QTest::qWait(50);
    QCOMPARE(CallStore(*m_db).events(sid(30)).size(), 1);
}

void tst_CallLogWriter::numberingGoesOnAfterTheJournalIsEmptied()
{
    const QString journalPath = m_dir->filePath(u"calllog.journal"_s);
    QString error;
    quint64 last = 0;
    {
        CallLogWriter writer(*m_routerDb);
        QList<JournalRecord> replayed;
        QVERIFY2(writer.openJournal(journalPath, &replayed, &error), qPrintable(error));
        // Enough to pass the size at which the journal is emptied.
        for (int n = 0; n < 300; ++n)
            last = writer.write(newCall(100 + n));
        QTRY_COMPARE(writer.lastWritten(), last);
    }
    QVERIFY(QFileInfo(journalPath).size() < 64 * 1024);
    CallLogWriter writer(*m_routerDb);
    QList<JournalRecord> replayed;
    QVERIFY2(writer.openJournal(journalPath, &replayed, &error), qPrintable(error));
    QVERIFY(writer.write(newCall(500)) > last);
}

QTEST_GUILESS_MAIN(tst_CallLogWriter)
#include "tst_calllogwriter.moc"
