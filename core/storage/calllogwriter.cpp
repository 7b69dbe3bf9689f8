// Writes the call log: into the journal at once, into the database in batches.
#include "calllogwriter.h"

#include "database.h"
#include "storagelog.h"

namespace {

// The writer runs on the webhooks' thread, so it never sits in SQLite's busy handler: a lock held
// by another program costs a failed attempt and a retry, not a stalled router.
constexpr std::chrono::milliseconds NoWait { 0 };
constexpr std::chrono::milliseconds RetryInterval { 5 };
constexpr std::chrono::milliseconds BusyWorthReporting { 1000 };
// A full or failing disk is not freed in milliseconds.
constexpr std::chrono::milliseconds DiskRetryInterval { 1000 };
// On shutdown, a last chance for changes held up by another program, without hanging the exit.
constexpr std::chrono::milliseconds ShutdownWait { 2000 };
// Changes per commit at most. A commit runs on the webhooks' thread, which answers nothing
// meanwhile: after the database was held up (a restart checkpoint holds it for tens of
// milliseconds under load), the changes that piled up are committed in several turns of the event
// loop, with answers in between, rather than in one long stall.
constexpr qsizetype MaxBatch = 64;
// Emptied once everything in it is in the database and it has grown past this: not on every
// commit, which would cost a system call each time for nothing.
constexpr qint64 JournalClearAbove = 64 * 1024;

} // namespace

CallLogWriter::CallLogWriter(Database &db, std::chrono::milliseconds answerBudget, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_calls(db)
    , m_answerBudget(answerBudget)
{
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { flush(NoWait); });
    m_journalRetryTimer.setInterval(DiskRetryInterval);
    connect(&m_journalRetryTimer, &QTimer::timeout, this, &CallLogWriter::catchUpJournal);
    m_budgetTimer.setInterval(std::max(answerBudget / 10, std::chrono::milliseconds(10)));
    connect(&m_budgetTimer, &QTimer::timeout, this, &CallLogWriter::resumeWaiters);
}

CallLogWriter::~CallLogWriter()
{
    while (flush(ShutdownWait)) { }
    if (!m_queue.isEmpty()) {
        if (m_journal && m_unjournaled.isEmpty())
            qCWarning(lcStorage) << m_queue.size()
                                 << "call-log changes wait in the journal: the database stayed busy until shutdown. They are"
                                    " written at the next start.";
        else
            qCCritical(lcStorage) << "Lost" << m_queue.size()
                                  << "call-log changes: neither the database nor the journal could take them.";
    }
}

bool CallLogWriter::openJournal(const QString &filePath, QList<JournalRecord> *replayed, QString *error)
{
    auto journal = std::make_unique<CallLogJournal>(filePath);
    QList<JournalRecord> records;
    if (!journal->open(&records, error))
        return false;
    const quint64 applied = m_calls.journalApplied();
    replayed->clear();
    // Numbering goes on from the last change ever journaled, so that no new change is taken for
    // one the database has already.
    m_queued = std::max(m_queued, applied);
    for (JournalRecord &record : records) {
        m_queued = std::max(m_queued, record.sequence);
        if (record.sequence > applied)
            replayed->append(record);
    }
    for (const JournalRecord &record : std::as_const(*replayed)) {
        m_queue.append(record.change);
        m_queueSequences.append(record.sequence);
    }
    m_written = applied;
    m_journaled = m_queued;
    m_journal = std::move(journal);
    if (!replayed->isEmpty()) {
        qCInfo(lcStorage) << "Writing" << replayed->size()
                          << "call-log changes from the journal that did not reach the database before the last stop.";
        m_flushTimer.start(0);
    }
    return true;
}

QString CallLogWriter::problem() const
{
    return m_journalProblem.isEmpty() ? m_databaseProblem : m_journalProblem;
}

void CallLogWriter::setProblem(QString *field, const QString &problem)
{
    if (*field == problem)
        return;
    const QString before = this->problem();
    *field = problem;
    if (!problem.isEmpty())
        qCCritical(lcStorage).noquote() << problem;
    if (this->problem() != before) {
        if (this->problem().isEmpty())
            qCInfo(lcStorage) << "The call log is being written again.";
        Q_EMIT problemChanged(this->problem());
    }
}

quint64 CallLogWriter::write(CallLogChange change)
{
    const quint64 sequence = ++m_queued;
    if (m_journal) {
        QString error;
        if (m_unjournaled.isEmpty() && m_journal->append(sequence, change, &error)) {
            m_journaled = sequence;
        } else {
            m_unjournaled.append({ sequence, change });
            if (!error.isEmpty()) {
                setProblem(&m_journalProblem,
                    tr("The call log cannot be saved (%1). Calls are still answered; their log is kept in memory and"
                       " saved as soon as the disk takes it.")
                        .arg(error));
            }
            if (!m_journalRetryTimer.isActive())
                m_journalRetryTimer.start();
        }
    }
    m_queue.append(std::move(change));
    m_queueSequences.append(sequence);
    // A retry already pending after a busy database keeps its own, later time.
    if (!m_flushTimer.isActive())
        m_flushTimer.start(0);
    return sequence;
}

void CallLogWriter::catchUpJournal()
{
    QString error;
    while (!m_unjournaled.isEmpty()) {
        const auto &[sequence, change] = m_unjournaled.front();
        // Already committed (the database had room when the journal had none): nothing to keep.
        if (sequence > m_written && !m_journal->append(sequence, change, &error))
            return;
        m_journaled = sequence;
        m_unjournaled.pop_front();
    }
    m_journalRetryTimer.stop();
    setProblem(&m_journalProblem, {});
    resumeWaiters();
}

quint64 CallLogWriter::safeUpTo() const
{
    return m_journal ? std::max(m_journaled, m_written) : m_written;
}

bool CallLogWriter::storageFailed() const
{
    return m_db.lastFailureWasStorage();
}

bool CallLogWriter::flush(std::chrono::milliseconds lockWait)
{
    if (m_queue.isEmpty())
        return false;
    QString error;
    bool busy = false;
    bool retry = false;
    QList<CallLogChange> done;
    const qsizetype count = std::min(m_queue.size(), MaxBatch);
    const QList<CallLogChange> batch = count == m_queue.size() ? m_queue : m_queue.first(count);
    const quint64 upTo = m_queueSequences.at(count - 1);
    QElapsedTimer clock;
    clock.start();
    if (m_db.beginWrite(&error, &busy, lockWait)) {
        done = writeBatch(batch, upTo, &busy, &retry, &error);
        m_longestCommit = std::max(m_longestCommit, std::chrono::microseconds(clock.nsecsElapsed() / 1000));
    }
    else if (!busy && storageFailed())
        retry = true;
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
        return false;
    }
    if (retry) {
        setProblem(&m_databaseProblem,
            tr("The call log cannot be written to the database (%1). Calls are still answered; their log is kept"
               " and written as soon as the disk takes it.")
                .arg(error.isEmpty() ? tr("the disk refused the write") : error));
        m_flushTimer.start(DiskRetryInterval);
        resumeWaiters(); // nobody waits on a disk that cannot be written
        return false;
    }
    if (!error.isEmpty())
        qCWarning(lcStorage).noquote() << "Lost" << batch.size() << "call-log changes:" << error;
    if (m_busyReported) {
        qCInfo(lcStorage) << "The database is free again after" << m_busySince.elapsed()
                          << "ms; the waiting call-log changes are written.";
        m_busyReported = false;
    }
    if (m_busySince.isValid())
        m_longestLockWait = std::max(m_longestLockWait, std::chrono::milliseconds(m_busySince.elapsed()));
    m_busySince.invalidate();
    setProblem(&m_databaseProblem, {});
    m_queue.remove(0, count);
    m_queueSequences.remove(0, count);
    // The rest in the next turn, once the answers waiting meanwhile have gone out.
    if (!m_queue.isEmpty() && !m_flushTimer.isActive())
        m_flushTimer.start(0);
    acknowledge(done, upTo);
    if (m_journal && m_unjournaled.isEmpty() && m_written >= m_journaled && m_journal->size() > JournalClearAbove) {
        QString clearError;
        if (!m_journal->clear(&clearError))
            qCWarning(lcStorage).noquote() << clearError;
    }
    return true;
}

QList<CallLogChange> CallLogWriter::writeBatch(
    const QList<CallLogChange> &batch, quint64 upTo, bool *busy, bool *retry, QString *failure)
{
    QString error;
    bool applied = true;
    QHash<QString, CallSessionRecord> written;
    for (const CallLogChange &change : batch) {
        if (!apply(change, &written, &error)) {
            applied = false;
            break;
        }
    }
    // How far the journal has reached the database, in the same transaction as the changes.
    if (applied && m_journal && !m_calls.setJournalApplied(upTo, &error))
        applied = false;
    if (applied && m_db.commit(&error)) {
        remember(written);
        return batch;
    }
    if (storageFailed()) {
        m_db.rollback();
        *retry = true;
        *failure = error;
        return {};
    }
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
    written.clear();
    for (const CallLogChange &change : batch) {
        QHash<QString, CallSessionRecord> one = written;
        if (m_db.transaction([&] { return apply(change, &one, &error); }, &error)) {
            done.append(change);
            written = std::move(one);
        } else
            qCWarning(lcStorage).noquote() << "Could not store call" << change.session.callSid << ":" << error;
    }
    if (m_journal)
        m_calls.setJournalApplied(upTo, &error);
    if (!m_db.commit(&error)) {
        if (storageFailed()) {
            m_db.rollback();
            *retry = true;
            *failure = error;
            return {};
        }
        qCWarning(lcStorage).noquote() << "Lost" << batch.size() << "call-log changes:" << error;
        return {};
    }
    remember(written);
    return done;
}

void CallLogWriter::remember(const QHash<QString, CallSessionRecord> &written)
{
    // Calls that never hear their end (a lost status callback) must not pile up: past this many,
    // the next update of each writes every column again.
    constexpr qsizetype MaxRemembered = 10'000;
    if (m_committedSessions.size() + written.size() > MaxRemembered)
        m_committedSessions.clear();
    for (auto it = written.cbegin(); it != written.cend(); ++it) {
        if (it->endedAt.isValid())
            m_committedSessions.remove(it.key());
        else
            m_committedSessions.insert(it.key(), it.value());
    }
}

bool CallLogWriter::apply(const CallLogChange &change, QHash<QString, CallSessionRecord> *written, QString *error)
{
    error->clear();
    const QString &callSid = change.session.callSid;
    if (change.create) {
        // false with no error: the session exists already (written by another program); the
        // events still belong to it, and what the row holds is not known here.
        if (m_calls.createSession(change.session, error))
            written->insert(callSid, change.session);
        else if (!error->isEmpty())
            return false;
    } else {
        const auto inBatch = written->constFind(callSid);
        const CallSessionRecord *stored = inBatch != written->cend() ? &*inBatch : nullptr;
        if (!stored) {
            const auto committed = m_committedSessions.constFind(callSid);
            stored = committed != m_committedSessions.cend() ? &*committed : nullptr;
        }
        if (!m_calls.updateSession(change.session, error, stored))
            return false;
        written->insert(callSid, change.session);
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
    bool await_ready() const noexcept { return m_writer.safeUpTo() >= m_target || !m_writer.problem().isEmpty(); }
    void await_suspend(std::coroutine_handle<> coroutine)
    {
        m_writer.addWaiter({ m_target, std::min(QDeadlineTimer(m_writer.m_answerBudget), m_latest), coroutine });
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
    const quint64 safe = safeUpTo();
    const bool failing = !problem().isEmpty();
    m_waiters.removeIf([&](const Waiter &waiter) {
        const bool stored = waiter.target <= safe;
        if (!stored && !failing && !waiter.deadline.hasExpired())
            return false;
        late = late || (!stored && !failing);
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
