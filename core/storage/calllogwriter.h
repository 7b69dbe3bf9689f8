// Writes the call log (sessions and their timeline events). Each change goes first into the
// call-log journal, at once, so that no crash can lose an answered call's log; then into the
// database in batches, committed on a thread of their own (CallLogCommitter). A database held by
// another program, or a full disk, delays the writes instead of losing them or holding up the
// webhooks.
#pragma once

#include "calllogchange.h"
#include "calllogjournal.h"

#include <QCoroTask>
#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <coroutine>
#include <memory>

class CallLogCommitter;
class Database;

class CallLogWriter : public QObject
{
    Q_OBJECT

public:
    // Twilio gives a webhook 15 s; an answer waits this long at most for its call log.
    static constexpr std::chrono::milliseconds DefaultAnswerBudget { 2000 };

    // Writes into the database of `db` through a connection of its own, on its own thread (with
    // `db`'s checkpoint setting); `db` itself is read only when the journal is opened.
    explicit CallLogWriter(Database &db, std::chrono::milliseconds answerBudget = DefaultAnswerBudget,
        QObject *parent = nullptr);
    // Writes whatever is still queued (waiting a little for a busy database); what is still not
    // written stays in the journal for the next start.
    ~CallLogWriter() override;

    // Opens the journal at `filePath` (before the first write). What it holds that the database
    // lacks (the log of calls answered just before a crash) is queued for the next commit and
    // given in `replayed`, with each change's sequence number.
    bool openJournal(const QString &filePath, QList<JournalRecord> *replayed, QString *error);

    // Puts the change in the journal and queues it for a commit within milliseconds. Returns the
    // change's sequence number.
    quint64 write(CallLogChange change);
    // Resolves once every change queued so far is safe (in the journal; without one, committed),
    // or when the answer budget (or `latest`, if sooner) runs out first, or at once while the log
    // cannot be written at all: a caller is never kept waiting on the disk.
    QCoro::Task<> stored(QDeadlineTimer latest = QDeadlineTimer(QDeadlineTimer::Forever));
    quint64 lastWritten() const { return m_written; }
    // Every change written so far is in the database (or lost for good, and logged as such).
    bool isCaughtUp() const { return m_written >= m_queued; }
    // The longest commit so far, and the longest another connection's lock held a commit up (the
    // answers wait for neither).
    std::chrono::microseconds longestCommit() const;
    std::chrono::milliseconds longestLockWait() const;
    // The longest a change took to go into the journal: what an answer waits for at most (a
    // checkpoint's fsync can hold the file system's writes up).
    std::chrono::microseconds longestJournalAppend() const { return m_longestJournalAppend; }
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

    // The commit thread, started with the first change (after the journal is opened).
    CallLogCommitter &committer();
    // Appends what the journal could not take yet, in order.
    void catchUpJournal();
    quint64 safeUpTo() const;
    void setProblem(QString *field, const QString &problem);
    void acknowledge(const QList<CallLogChange> &changes, quint64 upTo);
    void addWaiter(Waiter waiter);
    // Resumes the waiters whose changes are safe or whose budget is spent.
    void resumeWaiters();

    Database &m_db;
    std::unique_ptr<CallLogCommitter> m_committer;
    std::unique_ptr<CallLogJournal> m_journal;
    QList<std::pair<quint64, CallLogChange>> m_unjournaled; // waiting for the journal to take them
    quint64 m_journaled = 0;
    std::chrono::microseconds m_longestJournalAppend { 0 };
    quint64 m_queued = 0;
    quint64 m_written = 0;
    QTimer m_journalRetryTimer;
    QString m_journalProblem;
    QString m_databaseProblem;
    std::chrono::milliseconds m_answerBudget;
    QList<Waiter> m_waiters;
    QTimer m_budgetTimer;
};
