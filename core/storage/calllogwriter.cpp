// Writes the call log on a thread of its own.
#include "calllogwriter.h"

#include "callstore.h"
#include "database.h"
#include "storagelog.h"

#include <QElapsedTimer>
#include <QMutex>

struct CallLogWriter::Queue
{
    QMutex mutex;
    QList<CallLogChange> changes;
    quint64 lastQueued = 0;
    bool drainScheduled = false;
};

class CallLogWriter::Worker : public QObject
{
public:
    Worker(QString filePath, std::shared_ptr<Queue> queue, CallLogWriter *owner)
        : m_filePath(std::move(filePath))
        , m_queue(std::move(queue))
        , m_owner(owner)
    { }

    void start()
    {
        m_db = std::make_unique<Database>(m_filePath);
        QString error;
        // Checkpoints (and their fsyncs) belong to the WalCheckpointer thread, not to the commits
        // that answers wait for. A lock held briefly (by that thread's restart checkpoint) is
        // waited out; one held longer (by an import) is retried on a timer.
        if (!m_db->open(&error) || !m_db->disableAutoCheckpoint(&error)
            || !m_db->setBusyTimeout(int(BusyWait.count()), &error)) {
            qCCritical(lcStorage).noquote() << "The call log cannot be written:" << error;
            m_db.reset();
            return;
        }
        m_calls = std::make_unique<CallStore>(*m_db);
        m_retry = new QTimer(this);
        m_retry->setSingleShot(true);
        m_retry->setInterval(RetryInterval);
        connect(m_retry, &QTimer::timeout, this, &Worker::drain);
    }

    void drain()
    {
        QList<CallLogChange> batch;
        quint64 upTo = 0;
        {
            QMutexLocker lock(&m_queue->mutex);
            batch.swap(m_queue->changes);
            upTo = m_queue->lastQueued;
            m_queue->drainScheduled = false;
        }
        if (batch.isEmpty())
            return;
        bool busy = false;
        QList<CallLogChange> done = writeAll(batch, &busy);
        if (busy) {
            requeue(std::move(batch));
            return;
        }
        if (m_busySince.isValid()) {
            qCInfo(lcStorage) << "The database is free again; the waiting call-log changes are written.";
            m_busySince.invalidate();
        }
        if (m_stopping)
            return;
        CallLogWriter *owner = m_owner;
        QMetaObject::invokeMethod(
            owner, [owner, done = std::move(done), upTo] { owner->acknowledge(done, upTo); },
            Qt::QueuedConnection);
    }

    void stop()
    {
        m_stopping = true;
        // A last chance for changes held up by another program, without hanging the shutdown.
        for (int attempt = 0; attempt < StopAttempts && m_db; ++attempt) {
            drain();
            QMutexLocker lock(&m_queue->mutex);
            if (m_queue->changes.isEmpty())
                break;
        }
        if (const qsizetype left = m_queue->changes.size(); left > 0)
            qCWarning(lcStorage) << "Lost" << left
                                 << "call-log changes: the database stayed busy until shutdown.";
        delete m_retry;
        m_retry = nullptr;
        m_calls.reset();
        m_db.reset(); // the connection belongs to this thread: close it here
    }

private:
    static constexpr std::chrono::milliseconds BusyWait { 1000 };
    static constexpr std::chrono::milliseconds RetryInterval { 50 };
    static constexpr int StopAttempts = 3;

    // Puts a batch that met a busy database back at the head of the queue, ahead of anything
    // queued since, and tries again shortly.
    void requeue(QList<CallLogChange> batch)
    {
        {
            QMutexLocker lock(&m_queue->mutex);
            batch.append(std::move(m_queue->changes));
            m_queue->changes = std::move(batch);
            m_queue->drainScheduled = true; // the retry timer drains
        }
        if (!m_busySince.isValid()) {
            m_busySince.start();
            qCWarning(lcStorage)
                << "The database is busy with another program; call-log changes wait until it"
                   " is free.";
        }
        if (m_retry && !m_stopping)
            m_retry->start();
    }

    // One transaction for the whole batch; when one change fails, the others are written one by
    // one so that only the bad one is lost. `busy`: another program holds the database; nothing
    // was written and the batch should wait.
    QList<CallLogChange> writeAll(const QList<CallLogChange> &batch, bool *busy)
    {
        if (!m_db) {
            qCWarning(lcStorage) << "Lost" << batch.size() << "call-log changes: the database is not open.";
            return {};
        }
        QString error;
        if (!m_db->beginWrite(&error, busy)) {
            if (!*busy)
                qCWarning(lcStorage).noquote() << "Lost" << batch.size() << "call-log changes:" << error;
            return {};
        }
        bool applied = true;
        for (const CallLogChange &change : batch) {
            if (!apply(change, &error)) {
                applied = false;
                break;
            }
        }
        if (!applied) {
            m_db->rollback();
        } else if (m_db->commit(&error)) {
            return batch;
        } else {
            qCWarning(lcStorage).noquote() << "Lost" << batch.size() << "call-log changes:" << error;
            return {};
        }

        QList<CallLogChange> done;
        for (const CallLogChange &change : batch) {
            if (m_db->transaction([&] { return apply(change, &error); }, &error))
                done.append(change);
            else
                qCWarning(lcStorage).noquote()
                    << "Could not store call" << change.session.callSid << ":" << error;
        }
        return done;
    }

    bool apply(const CallLogChange &change, QString *error)
    {
        error->clear();
        if (change.create) {
            // false with no error: the session exists already (written by another program); the
            // events still belong to it.
            if (!m_calls->createSession(change.session, error) && !error->isEmpty())
                return false;
        } else if (!m_calls->updateSession(change.session, error)) {
            return false;
        }
        for (const CallEventRecord &event : change.events) {
            if (!m_calls->appendEvent(event, error))
                return false;
        }
        return true;
    }

    QString m_filePath;
    std::shared_ptr<Queue> m_queue;
    CallLogWriter *m_owner;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<CallStore> m_calls;
    QTimer *m_retry = nullptr;
    QElapsedTimer m_busySince;
    bool m_stopping = false;
};

CallLogWriter::CallLogWriter(QString filePath, std::chrono::milliseconds answerBudget, QObject *parent)
    : QObject(parent)
    , m_queue(std::make_shared<Queue>())
    , m_worker(new Worker(std::move(filePath), m_queue, this))
    , m_answerBudget(answerBudget)
{
    m_budgetTimer.setInterval(
        std::max<std::chrono::milliseconds>(answerBudget / 10, std::chrono::milliseconds(10)));
    connect(&m_budgetTimer, &QTimer::timeout, this, &CallLogWriter::resumeWaiters);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("Call log"));
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->start(); });
}

CallLogWriter::~CallLogWriter()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->stop(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

quint64 CallLogWriter::write(CallLogChange change)
{
    const quint64 sequence = ++m_queued;
    bool scheduleDrain = false;
    {
        QMutexLocker lock(&m_queue->mutex);
        m_queue->changes.append(std::move(change));
        m_queue->lastQueued = sequence;
        scheduleDrain = !std::exchange(m_queue->drainScheduled, true);
    }
    if (scheduleDrain)
        QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { worker->drain(); }, Qt::QueuedConnection);
    return sequence;
}

// Resumed straight from acknowledge(), in the order the waits began: no signal connection per
// waiting answer, and nothing queued that could outlive the waiting coroutine.
class CallLogWriter::StoredAwaiter
{
public:
    StoredAwaiter(CallLogWriter &writer, quint64 target)
        : m_writer(writer)
        , m_target(target)
    { }
    bool await_ready() const noexcept { return m_writer.m_written >= m_target; }
    void await_suspend(std::coroutine_handle<> coroutine)
    {
        m_writer.addWaiter({ m_target, QDeadlineTimer(m_writer.m_answerBudget), coroutine });
    }
    void await_resume() const noexcept { }

private:
    CallLogWriter &m_writer;
    quint64 m_target;
};

QCoro::Task<> CallLogWriter::stored()
{
    co_await StoredAwaiter(*this, m_queued);
}

void CallLogWriter::acknowledge(const QList<CallLogChange> &changes, quint64 upTo)
{
    m_written = upTo;
    Q_EMIT written(changes, upTo);
    resumeWaiters();
}

void CallLogWriter::addWaiter(Waiter waiter)
{
    m_waiters.append(waiter);
    if (!m_budgetTimer.isActive())
        m_budgetTimer.start();
}

void CallLogWriter::resumeWaiters()
{
    // Taken out before resuming: a resumed answer may queue more and wait again.
    QList<std::coroutine_handle<>> ready;
    bool late = false;
    m_waiters.removeIf([&](const Waiter &waiter) {
        const bool stored = waiter.target <= m_written;
        if (!stored && !waiter.deadline.hasExpired())
            return false;
        late = late || !stored;
        ready.append(waiter.coroutine);
        return true;
    });
    if (late)
        qCWarning(lcStorage) << "Answering before the call log is stored: the database is busy.";
    if (m_waiters.isEmpty())
        m_budgetTimer.stop();
    for (std::coroutine_handle<> coroutine : ready)
        coroutine.resume();
}
