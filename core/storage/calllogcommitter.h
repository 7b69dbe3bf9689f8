// Commits the call log into the database on a thread of its own, through a connection of its own,
// so that no webhook waits while SQLite writes pages and the WAL.
#pragma once

#include "calllogchange.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <chrono>
#include <memory>

class CallLogCommitter : public QObject
{
    Q_OBJECT

public:
    // Changes per commit at most, so that another program waiting for the write lock (an import,
    // a restart checkpoint) is not held off for long.
    static constexpr qsizetype MaxBatch = 256;
    // How long the first change of a commit waits for others to join it. Each commit empties the
    // page cache of every other connection to the database, the router's among them, which then
    // reads its next pages again: committing a few times a second instead of after every webhook
    // keeps that cost small. The answers do not wait for it (the journal has the changes already).
    static constexpr std::chrono::milliseconds DefaultGatherTime { 10 };

    struct Options
    {
        bool autoCheckpoint = true; // false when a WalCheckpointer runs the checkpoints
        bool trackJournal = false; // record how far the journal has reached, with each commit
        std::chrono::milliseconds gatherTime = DefaultGatherTime;
    };

    // Starts the thread, which opens its own connection to `filePath`.
    CallLogCommitter(QString filePath, Options options, QObject *parent = nullptr);
    // finish() if it has not run.
    ~CallLogCommitter() override;

    // Queues a change, numbered `sequence` (increasing), for a commit soon. From the owner's thread.
    void submit(CallLogChange change, quint64 sequence);
    // Commits what is queued, waiting up to `lockWait` for another program's write lock on each
    // attempt, and stops the thread. Returns how many changes are still not in the database.
    qsizetype finish(std::chrono::milliseconds lockWait);

    // The longest commit so far, and the longest a commit waited for another connection's lock.
    // From any thread.
    std::chrono::microseconds longestCommit() const { return std::chrono::microseconds(m_longestCommitUs); }
    std::chrono::milliseconds longestLockWait() const { return std::chrono::milliseconds(m_longestLockWaitMs); }

Q_SIGNALS:
    // Emitted on the commit thread, so receivers on other threads get them queued. `changes` in
    // queue order (those that could not be written are logged and left out); every change up to
    // `upTo` is done with.
    void committed(const QList<CallLogChange> &changes, quint64 upTo);
    // The call log cannot be written to the database (a plain sentence), or can be again (empty).
    void problemChanged(const QString &problem);

private:
    class Worker;
    std::unique_ptr<Worker> m_worker;
    std::atomic<qint64> m_longestCommitUs = 0;
    std::atomic<qint64> m_longestLockWaitMs = 0;
    bool m_finished = false;
};
