// Runs SQLite's WAL checkpoints on a thread of their own, so their fsyncs never delay a webhook.
#include "walcheckpointer.h"

#include "database.h"
#include "storagelog.h"
#include "threadpriority.h"

#include <QElapsedTimer>
#include <QTimer>

class WalCheckpointer::Worker : public QObject
{
public:
    Worker(WalCheckpointer *owner, QString filePath, int intervalMs, int restartAfterFrames)
        : m_owner(owner)
        , m_filePath(std::move(filePath))
        , m_intervalMs(intervalMs)
        , m_restartAfterFrames(restartAfterFrames)
    { }

    void start()
    {
        m_db = std::make_unique<Database>(m_filePath);
        QString error;
        // A restart checkpoint that cannot get the locks soon gives up and tries again next time,
        // rather than holding the router's writes off while it waits for a slow reader.
        if (!m_db->open(&error) || !m_db->setBusyTimeout(BusyTimeoutMs, &error)) {
            qCWarning(lcStorage).noquote() << "The checkpoint thread cannot open the database:" << error;
            m_db.reset();
            return;
        }
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &Worker::checkpoint);
        m_timer->start(m_intervalMs);
    }

    void checkpoint()
    {
        if (!m_db)
            return;
        QString error;
        const std::optional<Database::WalState> state
            = m_db->checkpoint(Database::CheckpointMode::Passive, &error);
        if (!state) {
            qCWarning(lcStorage).noquote() << "Checkpoint failed:" << error;
            return;
        }
        const bool restarted = state->walFrames >= m_restartAfterFrames && restart();
        Q_EMIT m_owner->checkpointed(restarted);
    }

    // Under sustained load the writer never leaves a gap for a passive checkpoint to catch up in, and
    // the WAL would grow without end (gigabytes in a minute of a call burst). A restart checkpoint
    // holds the writer off for the last few pages and two fsyncs, after which the next write starts
    // the WAL over, reusing the file instead of growing it. True when it did.
    bool restart()
    {
        QString error;
        QElapsedTimer clock;
        clock.start();
        const std::optional<Database::WalState> restarted
            = m_db->checkpoint(Database::CheckpointMode::Restart, &error);
        const qint64 tookUs = clock.nsecsElapsed() / 1000;
        ++m_owner->m_restarts;
        if (tookUs > m_owner->m_longestRestartUs)
            m_owner->m_longestRestartUs = tookUs;
        if (!restarted)
            qCWarning(lcStorage).noquote() << "Restart checkpoint failed:" << error;
        else if (restarted->busy)
            qCDebug(lcStorage) << "Restart checkpoint was kept busy; the WAL has" << restarted->walFrames
                               << "pages";
        return restarted && !restarted->busy;
    }

    void stop()
    {
        checkpoint();
        delete m_timer;
        m_timer = nullptr;
        m_db.reset(); // the connection belongs to this thread: close it here
    }

private:
    static constexpr int BusyTimeoutMs = 50;

    // Outlives the worker's last checkpoint: its destructor waits for stop().
    WalCheckpointer *m_owner;
    QString m_filePath;
    int m_intervalMs;
    int m_restartAfterFrames;
    std::unique_ptr<Database> m_db;
    QTimer *m_timer = nullptr;
};

WalCheckpointer::WalCheckpointer(QString filePath, int intervalMs, int restartAfterFrames)
    : m_worker(new Worker(this, std::move(filePath), intervalMs, restartAfterFrames))
{
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("WAL checkpoints"));
    connect(&m_thread, &QThread::started, m_worker, &ThreadPriority::makeCurrentThreadBackground, Qt::DirectConnection);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->start(); });
}

WalCheckpointer::~WalCheckpointer()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->stop(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}
