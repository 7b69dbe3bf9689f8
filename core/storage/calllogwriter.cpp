// Writes the call log in batches, one commit per turn of the event loop.
#include "calllogwriter.h"

#include "database.h"
#include "storagelog.h"

namespace {

// The writer runs on the webhooks' thread, so it never sits in SQLite's busy handler: a lock held
// by another program costs a failed attempt and a retry, not a stalled router.
constexpr std::chrono::milliseconds NoWait { 0 };
constexpr std::chrono::milliseconds RetryInterval { 5 };
constexpr std::chrono::milliseconds BusyWorthReporting { 1000 };
// On shutdown, a last chance for changes held up by another program, without hanging the exit.
constexpr std::chrono::milliseconds ShutdownWait { 2000 };

} // namespace

CallLogWriter::CallLogWriter(Database &db, std::chrono::milliseconds answerBudget, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_calls(db)
    , m_answerBudget(answerBudget)
{
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { flush(NoWait); });
    m_budgetTimer.setInterval(std::max(answerBudget / 10, std::chrono::milliseconds(10)));
    connect(&m_budgetTimer, &QTimer::timeout, this, &CallLogWriter::resumeWaiters);
}

CallLogWriter::~CallLogWriter()
{
    flush(ShutdownWait);
    if (!m_queue.isEmpty())
        qCWarning(lcStorage) << "Lost" << m_queue.size()
                             << "call-log changes: the database stayed busy until shutdown.";
}

quint64 CallLogWriter::write(CallLogChange change)
{
    m_queue.append(std::move(change));
    // A retry already pending after a busy database keeps its own, later time.
    if (!m_flushTimer.isActive())
        m_flushTimer.start(0);
    return ++m_queued;
}

void CallLogWriter::flush(std::chrono::milliseconds lockWait)
{
    if (m_queue.isEmpty())
        return;
    QString error;
    bool busy = false;
    QList<CallLogChange> done;
    const quint64 upTo = m_queued;
    if (m_db.beginWrite(&error, &busy, lockWait))
        done = writeBatch(m_queue, &busy);
    if (busy) {
        if (!m_busySince.isValid())
            m_busySince.start();
        // Our own restart checkpoint holds the lock for a few milliseconds under heavy load; only
        // a longer hold (another program) is worth a line in the log.
        if (!m_busyReported && m_busySince.elapsed() >= BusyWorthReporting.count()) {
            m_busyReported = true;
            qCWarning(lcStorage) << "The database is busy with another program; call-log changes wait until"
                                    " it is free.";
        }
        m_flushTimer.start(RetryInterval);
        return;
    }
    if (!error.isEmpty())
        qCWarning(lcStorage).noquote() << "Lost" << m_queue.size() << "call-log changes:" << error;
    if (m_busyReported) {
        qCInfo(lcStorage) << "The database is free again after" << m_busySince.elapsed()
                          << "ms; the waiting call-log changes are written.";
        m_busyReported = false;
    }
    m_busySince.invalidate();
    m_queue.clear();
    acknowledge(done, upTo);
}

QList<CallLogChange> CallLogWriter::writeBatch(const QList<CallLogChange> &batch, bool *busy)
{
    QString error;
    bool applied = true;
    for (const CallLogChange &change : batch) {
        if (!apply(change, &error)) {
            applied = false;
            break;
        }
    }
    if (applied && m_db.commit(&error))
        return batch;
    if (applied) {
        qCWarning(lcStorage).noquote() << "Lost" << batch.size() << "call-log changes:" << error;
        return {};
    }
    m_db.rollback();

    QList<CallLogChange> done;
    if (!m_db.beginWrite(&error, busy, NoWait)) {
        if (!*busy)
            qCWarning(lcStorage).noquote() << "Lost" << batch.size() << "call-log changes:" << error;
        return {};
    }
    for (const CallLogChange &change : batch) {
        if (m_db.transaction([&] { return apply(change, &error); }, &error))
            done.append(change);
        else
            qCWarning(lcStorage).noquote()
                << "Could not store call" << change.session.callSid << ":" << error;
    }
    if (!m_db.commit(&error)) {
        qCWarning(lcStorage).noquote() << "Lost" << batch.size() << "call-log changes:" << error;
        return {};
    }
    return done;
}

bool CallLogWriter::apply(const CallLogChange &change, QString *error)
{
    error->clear();
    if (change.create) {
        // false with no error: the session exists already (written by another program); the
        // events still belong to it.
        if (!m_calls.createSession(change.session, error) && !error->isEmpty())
            return false;
    } else if (!m_calls.updateSession(change.session, error)) {
        return false;
    }
    for (const CallEventRecord &event : change.events) {
        if (!m_calls.appendEvent(event, error))
            return false;
    }
    return true;
}

// Resumed straight from acknowledge(), in the order the waits began: no signal connection per
// waiting answer, and nothing queued that could outlive the waiting coroutine.
class CallLogWriter::StoredAwaiter
{
public:
    StoredAwaiter(CallLogWriter &writer, quint64 target, QDeadlineTimer latest)
        : m_writer(writer)
        , m_target(target)
        , m_latest(latest)
    { }
    bool await_ready() const noexcept { return m_writer.m_written >= m_target; }
    void await_suspend(std::coroutine_handle<> coroutine)
    {
        m_writer.addWaiter(
            { m_target, std::min(QDeadlineTimer(m_writer.m_answerBudget), m_latest), coroutine });
    }
    void await_resume() const noexcept { }

private:
    CallLogWriter &m_writer;
    quint64 m_target;
    QDeadlineTimer m_latest;
};

QCoro::Task<> CallLogWriter::stored(QDeadlineTimer latest)
{
    co_await StoredAwaiter(*this, m_queued, latest);
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
