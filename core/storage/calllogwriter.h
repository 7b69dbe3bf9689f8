// Writes the call log (sessions and their timeline events) in batches: everything queued during
// one turn of the event loop shares one commit, and a database held by another program delays the
// writes instead of losing them or stalling the webhooks.
#pragma once

#include "callrecords.h"
#include "callstore.h"

#include <QCoroTask>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <coroutine>

class Database;

// One webhook's worth of call-log writes: the session as it now stands and the events it added.
struct CallLogChange
{
    CallSessionRecord session;
    QList<CallEventRecord> events;
    bool create = false; // a new session (a repeat of an existing CallSid is left alone)
};

class CallLogWriter : public QObject
{
    Q_OBJECT

public:
    // Twilio gives a webhook 15 s; an answer waits this long at most for its call log.
    static constexpr std::chrono::milliseconds DefaultAnswerBudget { 2000 };

    // Writes through `db` on this thread. The router reads through the same connection, so the
    // pages it just wrote stay in that connection's cache for the next webhook's lookups (another
    // connection's commit would empty it).
    explicit CallLogWriter(Database &db, std::chrono::milliseconds answerBudget = DefaultAnswerBudget,
        QObject *parent = nullptr);
    // Writes whatever is still queued (waiting a little for a busy database).
    ~CallLogWriter() override;

    // Queues the change for the commit at the end of this turn of the event loop. While another
    // program holds the database (an import, say), changes stay queued and are written when it
    // lets go: nothing is lost. Returns the change's sequence number.
    quint64 write(CallLogChange change);
    // Resolves once every change queued so far is committed (or has failed and been logged), or
    // when the answer budget (or `latest`, if sooner) runs out first: a caller is never kept
    // waiting on the disk.
    QCoro::Task<> stored(QDeadlineTimer latest = QDeadlineTimer(QDeadlineTimer::Forever));
    quint64 lastWritten() const { return m_written; }

Q_SIGNALS:
    // In queue order, once the changes are committed. Changes that could not be written are
    // logged and left out.
    void written(const QList<CallLogChange> &changes, quint64 upTo);

private:
    class StoredAwaiter;
    struct Waiter
    {
        quint64 target;
        QDeadlineTimer deadline;
        std::coroutine_handle<> coroutine;
    };

    // Commits the queue; `lockWait` is how long to wait for another program's write lock before
    // leaving the queue for the retry timer.
    void flush(std::chrono::milliseconds lockWait);
    // Writes the batch in the write transaction `flush` opened; when one change fails, the others
    // are written again each in a savepoint of their own, so that only the bad one is lost.
    // `busy`: the database was taken by another program in between, and nothing was written.
    QList<CallLogChange> writeBatch(const QList<CallLogChange> &batch, bool *busy);
    bool apply(const CallLogChange &change, QString *error);
    void acknowledge(const QList<CallLogChange> &changes, quint64 upTo);
    void addWaiter(Waiter waiter);
    // Resumes the waiters whose changes are written or whose budget is spent.
    void resumeWaiters();

    Database &m_db;
    CallStore m_calls;
    QList<CallLogChange> m_queue;
    quint64 m_queued = 0;
    quint64 m_written = 0;
    QTimer m_flushTimer;
    QElapsedTimer m_busySince;
    bool m_busyReported = false;
    std::chrono::milliseconds m_answerBudget;
    QList<Waiter> m_waiters;
    QTimer m_budgetTimer;
};
