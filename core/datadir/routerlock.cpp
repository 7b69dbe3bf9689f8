#include "routerlock.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

RouterLock::RouterLock(const QString &dataDir)
    : m_dataDir(dataDir)
    , m_lock(QDir(dataDir).filePath(QLatin1StringView(FileName)))
{ }

bool RouterLock::acquire(QString *error)
{
    if (!QDir().mkpath(m_dataDir)) {
        *error = tr("Cannot create the data folder %1.").arg(QDir::toNativeSeparators(m_dataDir));
        return false;
    }
    if (m_lock.tryLock(0))
        return true;
    qint64 pid = 0;
    QString host;
    QString application;
    if (m_lock.error() == QLockFile::LockFailedError && m_lock.getLockInfo(&pid, &host, &application)) {
        *error = tr("Another Switchboard (process %1) is already routing calls for the data folder %2; stop it first.")
                     .arg(pid)
                     .arg(QDir::toNativeSeparators(m_dataDir));
    } else {
        *error = tr("Cannot lock the data folder %1 for the router.").arg(QDir::toNativeSeparators(m_dataDir));
    }
    return false;
}

std::optional<qint64> RouterLock::runningRouter(const QString &dataDir)
{
    // Taken and let go at once: only a running router holds it.
    QLockFile lock(QDir(dataDir).filePath(QLatin1StringView(FileName)));
    if (!QFileInfo::exists(dataDir) || lock.tryLock(0))
        return std::nullopt;
    qint64 pid = 0;
    QString host;
    QString application;
    if (!lock.getLockInfo(&pid, &host, &application))
        pid = 0;
    return pid;
}
