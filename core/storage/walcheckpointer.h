// Runs SQLite's WAL checkpoints on a thread of their own, so their fsyncs never delay a webhook.
#pragma once

#include <QObject>
#include <QThread>

#include <memory>

class Database;
class QTimer;

class WalCheckpointer : public QObject
{
    Q_OBJECT

public:
    // 16384 pages of 4 KiB: 64 MiB of WAL, reached only under a sustained burst of calls.
    static constexpr int DefaultRestartAfterFrames = 16384;

    // Starts a thread that opens its own connection to `filePath` and checkpoints every `intervalMs`;
    // once the WAL holds `restartAfterFrames` pages, it makes the next write start the WAL over.
    explicit WalCheckpointer(
        QString filePath, int intervalMs = 500, int restartAfterFrames = DefaultRestartAfterFrames);
    ~WalCheckpointer() override; // one last checkpoint, then the thread stops

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
};
