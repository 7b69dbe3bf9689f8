// Writes the call log (sessions and their timeline events) on a thread of its own, so that the
// router's thread spends its time answering webhooks while the disk work runs on the other core.
#pragma once

#include "callrecords.h"

#include <QCoroTask>
#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <chrono>

#include <coroutine>
#include <memory>

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

    // Starts the writer thread with its own connection to the database at `filePath`. Lives on
    // (and must be used from) the thread that creates it.
    explicit CallLogWriter(QString filePath, std::chrono::milliseconds answerBudget = DefaultAnswerBudget,
        QObject *parent = nullptr);
    // Writes whatever is still queued, then stops the thread.
    ~CallLogWriter() override;

    // Queues the change; everything queued while a commit runs goes into the next one, so a burst
    // of calls costs a few commits rather than one each. While another program holds the database
    // (an import, say), changes stay queued and are written when it lets go: nothing is lost.
    // Returns the change's sequence number.
    quint64 write(CallLogChange change);
    // Resolves once every change queued so far is committed (or has failed and been logged), or
    // when the answer budget runs out first: a caller is never kept waiting on the disk.
    QCoro::Task<> stored();
    quint64 lastWritten() const { return m_written; }

Q_SIGNALS:
    // On this object's thread, in queue order, once the changes are committed. Changes that could
    // not be written are logged and left out.
    void written(const QList<CallLogChange> &changes, quint64 upTo);

private:
    class Worker;
    struct Queue;
    class StoredAwaiter;
    struct Waiter
    {
        quint64 target;
        QDeadlineTimer deadline;
        std::coroutine_handle<> coroutine;
    };
    void acknowledge(const QList<CallLogChange> &changes, quint64 upTo);
    void addWaiter(Waiter waiter);
    // Resumes the waiters whose changes are written or whose budget is spent.
    void resumeWaiters();

    QThread m_thread;
    std::shared_ptr<Queue> m_queue;
    Worker *m_worker = nullptr;
    quint64 m_queued = 0;
    quint64 m_written = 0;
    std::chrono::milliseconds m_answerBudget;
    QList<Waiter> m_waiters;
    QTimer m_budgetTimer;
};
