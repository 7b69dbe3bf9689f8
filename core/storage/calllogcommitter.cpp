// Commits the call log on a thread of its own: gathers changes for a few milliseconds, writes them in
// one transaction, and retries what a busy database or a full disk held up.
#include "calllogcommitter.h"

#include "callstore.h"
#include "database.h"
#include "storagelog.h"
#include "threadpriority.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

namespace {

// How long a commit waits for another program's write lock before it tries again; on this thread
// the wait holds up nothing but the commit itself.
constexpr std::chrono::milliseconds LockWait { 100 };
constexpr std::chrono::milliseconds BusyWorthReporting { 1000 };
// A full or failing disk is not freed in milliseconds.
constexpr std::chrono::milliseconds DiskRetryInterval { 1000 };

} // namespace

class CallLogCommitter::Worker
{
public:
    Worker(CallLogCommitter *owner, QString filePath, Options options)
        : m_owner(owner)
        , m_filePath(std::move(filePath))
        , m_options(options)
    {
        m_thread.reset(QThread::create([this] { run(); }));
        m_thread->setObjectName(QStringLiteral("Call log"));
        m_thread->start();
    }

    void submit(CallLogChange change, quint64 sequence)
    {
        QMutexLocker lock(&m_mutex);
        if (m_inbox.isEmpty())
            m_gatherDeadline = QDeadlineTimer(m_options.gatherTime);
        m_inbox.append(std::move(change));
        m_inboxSequences.append(sequence);
        // Woken to start the gathering clock and for a full batch, not for each change in between:
        // a wake costs both threads a system call.
        if ((m_inbox.size() == 1 && !m_gathering) || m_inbox.size() == MaxBatch)
            m_wake.wakeOne();
    }

    qsizetype finish(std::chrono::milliseconds lockWait)
    {
        {
            QMutexLocker lock(&m_mutex);
            m_stopping = true;
            m_stopWait = lockWait;
            m_wake.wakeOne();
        }
        m_thread->wait();
        return m_left;
    }

private:
    void run()
    {
        ThreadPriority::makeCurrentThreadBackground();
        for (;;) {
            bool stopping = false;
            {
                QMutexLocker lock(&m_mutex);
                for (;;) {
                    takeInbox();
                    stopping = m_stopping;
                    if (stopping || (!m_queue.isEmpty() && (m_due.hasExpired() || readyForFullBatch())))
                        break;
                    m_gathering = !m_queue.isEmpty();
                    if (m_queue.isEmpty())
                        m_wake.wait(&m_mutex);
                    else
                        m_wake.wait(&m_mutex, m_due);
                }
                m_gathering = false;
            }
            if (stopping)
                break;
            attempt(LockWait);
        }
        // Last chances for what is queued, each waiting a little for a busy database.
        while (!m_queue.isEmpty() && attempt(m_stopWait)) { }
        m_left = m_queue.size();
        m_calls.reset();
        m_db.reset(); // the connection belongs to this thread: closed here
    }

    // With the mutex held.
    void takeInbox()
    {
        if (m_inbox.isEmpty())
            return;
        if (m_queue.isEmpty())
            m_due = m_gatherDeadline;
        m_queue.append(std::move(m_inbox));
        m_queueSequences.append(std::move(m_inboxSequences));
        m_inbox.clear();
        m_inboxSequences.clear();
    }

    bool readyForFullBatch() const { return m_queue.size() >= MaxBatch && !m_retrying; }

    bool open(QString *error)
    {
        if (m_db)
            return true;
        auto db = std::make_unique<Database>(m_filePath);
        if (!db->open(error) || (!m_options.autoCheckpoint && !db->disableAutoCheckpoint(error)))
            return false;
        m_db = std::move(db);
        m_calls = std::make_unique<CallStore>(*m_db);
        return true;
    }

    // Commits the queue's first changes. True when it took changes off the queue (written, or lost
    // for good); otherwise the queue waits for the next attempt, which `m_due` says when.
    bool attempt(std::chrono::milliseconds lockWait)
    {
        QString error;
        bool busy = false;
        bool retry = false;
        QList<CallLogChange> done;
        const qsizetype count = std::min(m_queue.size(), MaxBatch);
        const QList<CallLogChange> batch = count == m_queue.size() ? m_queue : m_queue.first(count);
        const quint64 upTo = m_queueSequences.at(count - 1);
        QElapsedTimer clock;
        clock.start();
        if (!open(&error)) {
            retry = true;
        } else if (m_db->beginWrite(&error, &busy, lockWait)) {
            done = writeBatch(batch, upTo, &busy, &retry, &error);
            const qint64 tookUs = clock.nsecsElapsed() / 1000;
            if (tookUs > m_owner->m_longestCommitUs)
                m_owner->m_longestCommitUs = tookUs;
        } else if (!busy && m_db->lastFailureWasStorage()) {
            retry = true;
        }
        if (busy) {
            if (!m_busySince.isValid())
                m_busySince.start();
            // Our own restart checkpoint holds the lock for a few milliseconds under heavy load;
            // only a longer hold (another program) is worth a line in the log.
            if (!m_busyReported && m_busySince.elapsed() >= BusyWorthReporting.count()) {
                m_busyReported = true;
                qCWarning(lcStorage) << "The database is busy with another program; call-log changes wait until"
                                        " it is free.";
            }
            m_due = QDeadlineTimer(0);
            return false;
        }
        if (retry) {
            setProblem(CallLogCommitter::tr("The call log cannot be written to the database (%1). Calls are still"
                                            " answered; their log is kept and written as soon as the disk takes it.")
                           .arg(error.isEmpty() ? CallLogCommitter::tr("the disk refused the write") : error));
            m_retrying = true;
            m_due = QDeadlineTimer(DiskRetryInterval);
            return false;
        }
        m_retrying = false;
        if (m_busyReported) {
            qCInfo(lcStorage) << "The database is free again after" << m_busySince.elapsed()
                              << "ms; the waiting call-log changes are written.";
            m_busyReported = false;
        }
        if (m_busySince.isValid() && m_busySince.elapsed() > m_owner->m_longestLockWaitMs)
            m_owner->m_longestLockWaitMs = m_busySince.elapsed();
        m_busySince.invalidate();
        setProblem({});
        m_queue.remove(0, count);
        m_queueSequences.remove(0, count);
        m_due = QDeadlineTimer(0); // the rest, if any, at once
        Q_EMIT m_owner->committed(done, upTo);
        return true;
    }

    // Writes the batch in the write transaction `attempt` opened; when one change fails, the
    // others are written again each in a savepoint of their own, so that only the bad one is lost.
    // `busy`: the database was taken by another program in between, and nothing was written.
    // `retry`: the disk failed (full, say): nothing was written and all should be tried again.
    QList<CallLogChange> writeBatch(
        const QList<CallLogChange> &batch, quint64 upTo, bool *busy, bool *retry, QString *failure)
    {
        QString error;
        bool applied = true;
        QHash<QString, CallSessionRecord> written;
        for (const CallLogChange &change : batch) {
            if (!apply(change, &written, &error)) {
                applied = false;
                break;
            }
        }
        // How far the journal has reached the database, in the same transaction as the changes.
        if (applied && m_options.trackJournal && !m_calls->setJournalApplied(upTo, &error))
            applied = false;
        if (applied && m_db->commit(&error)) {
            remember(written);
            return batch;
        }
        if (m_db->lastFailureWasStorage()) {
            m_db->rollback();
            *retry = true;
            *failure = error;
            return {};
        }
        if (applied) {
            qCWarning(lcStorage).noquote() << "Lost" << batch.size() << "call-log changes:" << error;
            return {};
        }
        m_db->rollback();

        QList<CallLogChange> done;
        if (!m_db->beginWrite(&error, busy, LockWait)) {
            if (!*busy)
                qCWarning(lcStorage).noquote() << "Lost" << batch.size() << "call-log changes:" << error;
            return {};
        }
        written.clear();
        for (const CallLogChange &change : batch) {
            QHash<QString, CallSessionRecord> one = written;
            if (m_db->transaction([&] { return apply(change, &one, &error); }, &error)) {
                done.append(change);
                written = std::move(one);
            } else
                qCWarning(lcStorage).noquote() << "Could not store call" << change.session.callSid << ":" << error;
        }
        if (m_options.trackJournal)
            m_calls->setJournalApplied(upTo, &error);
        if (!m_db->commit(&error)) {
            if (m_db->lastFailureWasStorage()) {
                m_db->rollback();
                *retry = true;
                *failure = error;
                return {};
            }
            qCWarning(lcStorage).noquote() << "Lost" << batch.size() << "call-log changes:" << error;
            return {};
        }
        remember(written);
        return done;
    }

    // Applies one change; `written` holds the sessions as this transaction has written them so far.
    bool apply(const CallLogChange &change, QHash<QString, CallSessionRecord> *written, QString *error)
    {
        error->clear();
        const QString &callSid = change.session.callSid;
        if (change.create) {
            // false with no error: the session exists already (written by another program); the
            // events still belong to it, and what the row holds is not known here.
            if (m_calls->createSession(change.session, error))
                written->insert(callSid, change.session);
            else if (!error->isEmpty())
                return false;
        } else {
            const auto inBatch = written->constFind(callSid);
            const CallSessionRecord *stored = inBatch != written->cend() ? &*inBatch : nullptr;
            if (!stored) {
                const auto committed = m_committedSessions.constFind(callSid);
                stored = committed != m_committedSessions.cend() ? &*committed : nullptr;
            }
            if (!m_calls->updateSession(change.session, error, stored))
                return false;
            written->insert(callSid, change.session);
        }
        for (const CallEventRecord &event : change.events) {
            if (!m_calls->appendEvent(event, error))
                return false;
        }
        return true;
    }

    // Once committed, `written` is what the database holds for those calls, so that their next
    // update writes only the columns that changed.
    void remember(const QHash<QString, CallSessionRecord> &written)
    {
        // Calls that never hear their end (a lost status callback) must not pile up: past this
        // many, the next update of each writes every column again.
        constexpr qsizetype MaxRemembered = 10'000;
        if (m_committedSessions.size() + written.size() > MaxRemembered)
            m_committedSessions.clear();
        for (auto it = written.cbegin(); it != written.cend(); ++it) {
            if (it->endedAt.isValid())
                m_committedSessions.remove(it.key());
            else
                m_committedSessions.insert(it.key(), it.value());
        }
    }

    void setProblem(const QString &problem)
    {
        if (problem == m_problem)
            return;
        m_problem = problem;
        Q_EMIT m_owner->problemChanged(problem);
    }

    CallLogCommitter *m_owner;
    const QString m_filePath;
    const Options m_options;
    std::unique_ptr<QThread> m_thread;

    // Shared with the owner's thread, under the mutex.
    QMutex m_mutex;
    QWaitCondition m_wake;
    QList<CallLogChange> m_inbox;
    QList<quint64> m_inboxSequences;
    QDeadlineTimer m_gatherDeadline;
    bool m_gathering = false; // the thread waits for the commit's time, and takes the inbox then
    bool m_stopping = false;
    std::chrono::milliseconds m_stopWait { 0 };

    // The commit thread's own.
    std::unique_ptr<Database> m_db;
    std::unique_ptr<CallStore> m_calls;
    QList<CallLogChange> m_queue;
    QList<quint64> m_queueSequences;
    QDeadlineTimer m_due; // when to commit the queue
    bool m_retrying = false; // after a failed disk: wait for m_due, however much is queued
    QHash<QString, CallSessionRecord> m_committedSessions;
    QElapsedTimer m_busySince;
    bool m_busyReported = false;
    QString m_problem;
    qsizetype m_left = 0; // read by finish() once the thread has ended
};

CallLogCommitter::CallLogCommitter(QString filePath, Options options, QObject *parent)
    : QObject(parent)
    , m_worker(std::make_unique<Worker>(this, std::move(filePath), options))
{ }

CallLogCommitter::~CallLogCommitter()
{
    if (!m_finished)
        finish(std::chrono::milliseconds(0));
}

void CallLogCommitter::submit(CallLogChange change, quint64 sequence)
{
    m_worker->submit(std::move(change), sequence);
}

qsizetype CallLogCommitter::finish(std::chrono::milliseconds lockWait)
{
    m_finished = true;
    return m_worker->finish(lockWait);
}
