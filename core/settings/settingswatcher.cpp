// Turns writes to the database file into a signal when they changed the settings.
#include "settingswatcher.h"

#include "storage/database.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace {
// Long enough to take a burst of call-log writes as one look, short enough that a change typed in
// another program shows before anyone could look across.
constexpr int SettleMs = 50;
}

SettingsWatcher::SettingsWatcher(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_store(db)
    , m_walPath(db.filePath() + u"-wal"_s)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(SettleMs);
    connect(&m_settle, &QTimer::timeout, this, &SettingsWatcher::look);
    // The folder tells when the log file is made again (after the last connection closed it).
    connect(&m_files, &QFileSystemWatcher::directoryChanged, this, [this] {
        watchFiles();
        m_settle.start();
    });
    connect(&m_files, &QFileSystemWatcher::fileChanged, this, [this] {
        watchFiles();
        if (!m_settle.isActive())
            m_settle.start();
    });
    watchFiles();
    m_revision = m_store.revision();
}

void SettingsWatcher::watchFiles()
{
    const QString folder = QFileInfo(m_db.filePath()).absolutePath();
    if (!m_files.directories().contains(folder))
        m_files.addPath(folder);
    if (!m_files.files().contains(m_walPath) && QFileInfo::exists(m_walPath))
        m_files.addPath(m_walPath);
}

void SettingsWatcher::look()
{
    const qint64 now = m_store.revision();
    if (now == m_revision || now < 0)
        return;
    m_revision = now;
    Q_EMIT changed();
}
