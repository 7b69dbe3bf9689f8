// Runs SQLite's WAL checkpoints on a thread of their own, so their fsyncs never delay a webhook.
#pragma once

#include <QObject>
#include <QThread>

#include <atomic>
#include <chrono>
#include <memory>

class Database;
class QTimer;

class WalCheckpointer : public QObject
{
    Q_OBJECT

public:
    // Small and often. Each checkpoint ends in an fsync, and on a journaling file system the
    // router's own writes (its journal, its commits) can wait behind that fsync: the less each one
    // has to flush, the shorter the wait. Measured under a sustained burst (bench/webhookbench):
    // every 500 ms with a restart at 64 MiB held commits up to 40-60 ms; every 100 ms with a
    // restart at 16 MiB, about 10 ms.
    static constexpr int DefaultIntervalMs = 100;
    // 4096 pages of 4 KiB: 16 MiB of WAL, reached only under a sustained burst of calls.
    static constexpr int DefaultRestartAfterFrames = 4096;

    // Starts a thread that opens its own connection to `filePath` and checkpoints every `intervalMs`;
    // once the WAL holds `restartAfterFrames` pages, it makes the next write start the WAL over.
    explicit WalCheckpointer(QString filePath, int intervalMs = DefaultIntervalMs,
        int restartAfterFrames = DefaultRestartAfterFrames);
    ~WalCheckpointer() override; // one last checkpoint, then the thread stops

    // The restart checkpoints so far, and the longest one: the only checkpoint that holds the
    // database's writers off (for its last pages and two fsyncs). From any thread.
    int restartCount() const { return m_restarts; }
    std::chrono::microseconds longestRestart() const { return std::chrono::microseconds(m_longestRestartUs); }

Q_SIGNALS:
    // After each round of checkpoints, on the checkpoint thread; `walRestarted` when the round copied
    // the whole WAL with a restart checkpoint, so that the next write starts the WAL over. Whoever
    // must know the WAL is kept bounded (a test) waits for rounds rather than for a clock, which a
    // loaded machine would make a lottery.
    void checkpointed(bool walRestarted);

private:
    class Worker;
    QThread m_thread;
    Worker *m_worker = nullptr;
    std::atomic<int> m_restarts = 0;
    std::atomic<qint64> m_longestRestartUs = 0;
};
