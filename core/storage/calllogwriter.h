// Writes the call log (sessions and their timeline events). Each change goes first into the
// call-log journal, at once, so that no crash can lose an answered call's log; then into the
// database in batches: what one turn of the event loop queued shares a commit, up to 64 changes
// each. A database held by another program, or a full disk, delays the writes instead of losing
// them or holding up the webhooks.
#pragma once

#include "calllogchange.h"
#include "calllogjournal.h"
#include "callstore.h"

#include <QCoroTask>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <coroutine>
#include <memory>

class Database;

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
    // Writes whatever is still queued (waiting a little for a busy database); what is still not
    // written stays in the journal for the next start.
    ~CallLogWriter() override;

    // Opens the journal at `filePath` (before the first write). What it holds that the database
    // lacks (the log of calls answered just before a crash) is queued for the next commit and
    // given in `replayed`, with each change's sequence number.
    bool openJournal(const QString &filePath, QList<JournalRecord> *replayed, QString *error);

    // Puts the change in the journal and queues it for the commit at the end of this turn of the
    // event loop. Returns the change's sequence number.
    quint64 write(CallLogChange change);
    // Resolves once every change queued so far is safe (in the journal; without one, committed),
    // or when the answer budget (or `latest`, if sooner) runs out first, or at once while the log
    // cannot be written at all: a caller is never kept waiting on the disk.
    QCoro::Task<> stored(QDeadlineTimer latest = QDeadlineTimer(QDeadlineTimer::Forever));
    quint64 lastWritten() const { return m_written; }
    // The longest commit so far (this thread, and so the webhooks, wait for it), and the longest
    // another connection's lock held a commit up (the answers do not wait for that).
    std::chrono::microseconds longestCommit() const { return m_longestCommit; }
    std::chrono::milliseconds longestLockWait() const { return m_longestLockWait; }
    // Empty while the call log is being written; otherwise a plain sentence saying why it is not.
    QString problem() const;

Q_SIGNALS:
    // In queue order, once the changes are committed. Changes that could not be written are
    // logged and left out.
    void written(const QList<CallLogChange> &changes, quint64 upTo);
    // The call log could not be written, or can be again (an empty problem).
    void problemChanged(const QString &problem);

private:
    class StoredAwaiter;
    struct Waiter
    {
        quint64 target;
        QDeadlineTimer deadline;
        std::coroutine_handle<> coroutine;
    };

    // Commits the queue's first changes (the rest follows in the next turn of the event loop);
    // `lockWait` is how long to wait for another program's write lock before leaving the queue for
    // the retry timer. True when it took changes off the queue (written, or lost for good).
    bool flush(std::chrono::milliseconds lockWait);
    // Writes the batch in the write transaction `flush` opened; when one change fails, the others
    // are written again each in a savepoint of their own, so that only the bad one is lost.
    // `busy`: the database was taken by another program in between, and nothing was written.
    // `retry`: the disk failed (full, say): nothing was written and all should be tried again.
    QList<CallLogChange> writeBatch(
        const QList<CallLogChange> &batch, quint64 upTo, bool *busy, bool *retry, QString *failure);
    // Applies one change; `written` holds the sessions as this transaction has written them so far.
    bool apply(const CallLogChange &change, QHash<QString, CallSessionRecord> *written, QString *error);
    // Once committed, `written` is what the database holds for those calls.
    void remember(const QHash<QString, CallSessionRecord> &written);
    bool storageFailed() const;
    // Appends what the journal could not take yet, in order.
    void catchUpJournal();
    quint64 safeUpTo() const;
    void setProblem(QString *field, const QString &problem);
    void acknowledge(const QList<CallLogChange> &changes, quint64 upTo);
    void addWaiter(Waiter waiter);
    // Resumes the waiters whose changes are safe or whose budget is spent.
    void resumeWaiters();

    Database &m_db;
    CallStore m_calls;
    std::unique_ptr<CallLogJournal> m_journal;
    QList<std::pair<quint64, CallLogChange>> m_unjournaled; // waiting for the journal to take them
    quint64 m_journaled = 0;
    QList<CallLogChange> m_queue;
    QList<quint64> m_queueSequences; // each queued change's sequence number
    // The calls in progress as last committed, so that an update writes only the columns that changed.
    QHash<QString, CallSessionRecord> m_committedSessions;
    quint64 m_queued = 0;
    quint64 m_written = 0;
    QTimer m_flushTimer;
    QTimer m_journalRetryTimer;
    QElapsedTimer m_busySince;
    bool m_busyReported = false;
    std::chrono::microseconds m_longestCommit { 0 };
    std::chrono::milliseconds m_longestLockWait { 0 };
    QString m_journalProblem;
    QString m_databaseProblem;
    std::chrono::milliseconds m_answerBudget;
    QList<Waiter> m_waiters;
    QTimer m_budgetTimer;
};
