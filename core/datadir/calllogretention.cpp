#include "calllogretention.h"

#include "storage/callstore.h"
#include "storage/database.h"
#include "storage/recordingstore.h"
#include "storage/threadpriority.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcRetention, "switchboard.retention")

CallLogRetention::CallLogRetention(
    QString dataDir, std::function<int()> days, std::chrono::milliseconds interval, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
    , m_days(std::move(days))
{
    connect(&m_timer, &QTimer::timeout, this, &CallLogRetention::look);
    m_timer.start(interval);
    QTimer::singleShot(0, this, &CallLogRetention::look);
}

CallLogRetention::~CallLogRetention()
{
    if (m_pruning) {
        m_stop.storeRelaxed(1);
        m_pruning->disconnect(this);
        m_pruning->wait();
        delete m_pruning;
    }
}

void CallLogRetention::look()
{
    const int days = m_days();
    if (days <= 0 || m_pruning)
        return;
    // Its own connection on its own thread, at background priority: the steps are short, but a year's
    // backlog (after the setting is lowered, say) is many of them.
    auto outcome = std::make_shared<Outcome>();
    m_pruning = QThread::create([dataDir = m_dataDir, days, outcome, this] {
        ThreadPriority::makeCurrentThreadBackground();
        *outcome = prune(dataDir, days, m_stop);
    });
    m_pruning->setObjectName(u"Retention"_s);
    connect(m_pruning, &QThread::finished, this, [this, outcome] {
        m_pruning->deleteLater();
        m_pruning = nullptr;
        if (outcome->calls > 0)
            qCInfo(lcRetention).noquote() << "Pruned" << outcome->calls << "calls and" << outcome->files
                                          << "recording files older than the retention period";
        if (!outcome->error.isEmpty()) {
            qCWarning(lcRetention).noquote() << outcome->error;
            Q_EMIT failed(outcome->error);
        }
        Q_EMIT pruned(outcome->calls, outcome->files);
    });
    m_pruning->start();
}

CallLogRetention::Outcome CallLogRetention::prune(const QString &dataDir, int days, const QAtomicInt &stop)
{
    Outcome outcome;
    Database db(Database::fileNameIn(dataDir));
    if (!db.open(&outcome.error))
        return outcome;
    // The cut-off is fixed for the whole look, so that it ends even while calls keep coming.
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addDays(-days);
    CallStore calls(db);
    RecordingStore recordings(db);
    while (!stop.loadRelaxed()) {
        const std::optional<QList<StoredCallKey>> batch = calls.sessionsStartedBefore(cutoff, PerStep);
        if (!batch) {
            outcome.error = tr("Cannot read the calls older than retention.days (%1) to prune them.").arg(days);
            return outcome;
        }
        if (batch->isEmpty())
            break;
        QStringList files;
        QString error;
        const bool removed = db.transaction(
            [&] {
                for (const StoredCallKey &call : *batch) {
                    const std::optional<QStringList> recorded = recordings.removeForCall(call.callSid, &error);
                    if (!recorded || !calls.removeCall(call, &error))
                        return false;
                    files += *recorded;
                }
                return true;
            },
            &error);
        if (!removed) {
            outcome.error = tr("Cannot prune the calls older than retention.days (%1): %2").arg(days).arg(error);
            return outcome;
        }
        outcome.calls += batch->size();
        // Only once the rows are gone: a file whose row stayed would be a recording that cannot be played.
        for (const QString &file : std::as_const(files)) {
            if (removeRecordingFile(dataDir, file))
                ++outcome.files;
        }
        if (batch->size() < PerStep)
            break;
        QThread::msleep(static_cast<unsigned long>(Pause.count()));
    }
    return outcome;
}

bool CallLogRetention::removeRecordingFile(const QString &dataDir, const QString &file)
{
    // The stored name comes from a webhook's SIDs: only a plain name inside recordings/ is ever removed.
    const QString name = file.section(u'/', 1);
    if (!file.startsWith(u"recordings/"_s) || name.isEmpty() || name.contains(u'/') || name.contains(u'\\')
        || name.startsWith(u'.')) {
        qCWarning(lcRetention).noquote() << "Left alone a recording file outside the recordings folder:" << file;
        return false;
    }
    const QString path = QDir(dataDir).filePath(file);
    if (!QFile::exists(path))
        return false;
    if (!QFile::remove(path)) {
        qCWarning(lcRetention).noquote() << "Cannot remove the old recording" << QDir::toNativeSeparators(path);
        return false;
    }
    return true;
}
