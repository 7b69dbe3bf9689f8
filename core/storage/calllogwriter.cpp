// Writes the call log: into the journal at once, into the database in batches.
#include "calllogwriter.h"

#include "calllogcommitter.h"
#include "callstore.h"
#include "database.h"
#include "storagelog.h"

#include <QElapsedTimer>

namespace {

// On shutdown, a last chance for changes held up by another program, without hanging the exit.
constexpr std::chrono::milliseconds ShutdownWait { 2000 };
// A full or failing disk is not freed in milliseconds.
constexpr std::chrono::milliseconds DiskRetryInterval { 1000 };
// Emptied once everything in it is in the database and it has grown past this: not on every
// commit, which would cost a system call each time for nothing.
constexpr qint64 JournalClearAbove = 64 * 1024;

} // namespace

CallLogWriter::CallLogWriter(Database &db, std::chrono::milliseconds answerBudget, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_answerBudget(answerBudget)
{
    m_journalRetryTimer.setInterval(DiskRetryInterval);
    connect(&m_journalRetryTimer, &QTimer::timeout, this, &CallLogWriter::catchUpJournal);
    m_budgetTimer.setInterval(std::max(answerBudget / 10, std::chrono::milliseconds(10)));
    connect(&m_budgetTimer, &QTimer::timeout, this, &CallLogWriter::resumeWaiters);
}

CallLogWriter::~CallLogWriter()
{
    if (!m_committer)
        return;
    const qsizetype left = m_committer->finish(ShutdownWait);
    if (left > 0) {
        if (m_journal && m_unjournaled.isEmpty())
            qCWarning(lcStorage) << left
                                 << "call-log changes wait in the journal: the database stayed busy until shutdown. They are"
                                    " written at the next start.";
        else
            qCCritical(lcStorage) << "Lost" << left
                                  << "call-log changes: neither the database nor the journal could take them.";
    }
}

CallLogCommitter &CallLogWriter::committer()
{
    if (!m_committer) {
        CallLogCommitter::Options options;
        options.autoCheckpoint = m_db.autoCheckpointEnabled();
        options.trackJournal = m_journal != nullptr;
        m_committer = std::make_unique<CallLogCommitter>(m_db.filePath(), options);
        connect(m_committer.get(), &CallLogCommitter::committed, this, &CallLogWriter::acknowledge);
        connect(m_committer.get(), &CallLogCommitter::problemChanged, this, [this](const QString &problem) {
            setProblem(&m_databaseProblem, problem);
            resumeWaiters(); // nobody waits on a disk that cannot be written
        });
    }
    return *m_committer;
}

bool CallLogWriter::openJournal(const QString &filePath, QList<JournalRecord> *replayed, QString *error)
{
    auto journal = std::make_unique<CallLogJournal>(filePath);
    QList<JournalRecord> records;
    if (!journal->open(&records, error))
        return false;
    const quint64 applied = CallStore(m_db).journalApplied();
    replayed->clear();
    // Numbering goes on from the last change ever journaled, so that no new change is taken for
    // one the database has already.
    m_queued = std::max(m_queued, applied);
    for (JournalRecord &record : records) {
        m_queued = std::max(m_queued, record.sequence);
        if (record.sequence > applied)
            replayed->append(record);
    }
    m_written = applied;
    m_journaled = m_queued;
    m_journal = std::move(journal);
    if (!replayed->isEmpty()) {
        qCInfo(lcStorage) << "Writing" << replayed->size()
                          << "call-log changes from the journal that did not reach the database before the last stop.";
    }
    for (const JournalRecord &record : std::as_const(*replayed))
        committer().submit(record.change, record.sequence);
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
        QElapsedTimer clock;
        clock.start();
        const bool appended = m_unjournaled.isEmpty() && m_journal->append(sequence, change, &error);
        m_longestJournalAppend = std::max(m_longestJournalAppend, std::chrono::microseconds(clock.nsecsElapsed() / 1000));
        if (appended) {
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
    committer().submit(std::move(change), sequence);
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
    if (m_journal && m_unjournaled.isEmpty() && m_written >= m_journaled && m_journal->size() > JournalClearAbove) {
        QString clearError;
        if (!m_journal->clear(&clearError))
            qCWarning(lcStorage).noquote() << clearError;
    }
}

std::chrono::microseconds CallLogWriter::longestCommit() const
{
    return m_committer ? m_committer->longestCommit() : std::chrono::microseconds(0);
}

std::chrono::milliseconds CallLogWriter::longestLockWait() const
{
    return m_committer ? m_committer->longestLockWait() : std::chrono::milliseconds(0);
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
