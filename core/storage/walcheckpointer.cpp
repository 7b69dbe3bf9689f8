// Runs SQLite's WAL checkpoints on a thread of their own, so their fsyncs never delay a webhook.
#include "walcheckpointer.h"

#include "database.h"
#include "storagelog.h"

#include <QTimer>

class WalCheckpointer::Worker : public QObject
{
public:
    Worker(QString filePath, int intervalMs)
        : m_filePath(std::move(filePath))
        , m_intervalMs(intervalMs)
    {
    }

    void start()
    {
        m_db = std::make_unique<Database>(m_filePath);
        QString error;
        if (!m_db->open(&error)) {
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
        QString error;
        if (m_db && !m_db->checkpoint(&error))
            qCWarning(lcStorage).noquote() << "Checkpoint failed:" << error;
    }

    void stop()
    {
        checkpoint();
        delete m_timer;
        m_timer = nullptr;
        m_db.reset(); // the connection belongs to this thread: close it here
    }

private:
    QString m_filePath;
    int m_intervalMs;
    std::unique_ptr<Database> m_db;
    QTimer *m_timer = nullptr;
};

WalCheckpointer::WalCheckpointer(QString filePath, int intervalMs)
    : m_worker(new Worker(std::move(filePath), intervalMs))
{
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("WAL checkpoints"));
    m_thread.start(QThread::LowPriority);
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->start(); });
}

WalCheckpointer::~WalCheckpointer()
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->stop(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}
