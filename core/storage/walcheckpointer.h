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
    // Starts a thread that opens its own connection to `filePath` and checkpoints every `intervalMs`.
    explicit WalCheckpointer(QString filePath, int intervalMs = 500);
    ~WalCheckpointer() override; // one last checkpoint, then the thread stops

private:
    class Worker;
    QThread m_thread;
    Worker *m_worker = nullptr;
};
