// Says when a setting or the routing plan changed, whoever changed it: this program's window, its
// router, or `switchboard config set` in another process. Nothing polls: the database's write-ahead
// log is watched, and only when it moves is the settings' revision read (one indexed row).
#pragma once

#include "storage/settingsstore.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

class Database;

class SettingsWatcher : public QObject
{
    Q_OBJECT

public:
    // `db` is the connection of the thread this object lives on; it must outlive the watcher.
    explicit SettingsWatcher(Database &db, QObject *parent = nullptr);

    // The revision last seen; -1 when it could not be read.
    qint64 revision() const { return m_revision; }

public Q_SLOTS:
    // Reads the revision now and says whether it moved (a change made on this very connection can be
    // announced at once this way, before the file system reports the write).
    void look();

Q_SIGNALS:
    void changed();

private:
    void watchFiles();

    Database &m_db;
    SettingsStore m_store;
    QString m_walPath;
    QFileSystemWatcher m_files;
    // A burst of writes (a busy call log) is one look, a moment after the last.
    QTimer m_settle;
    qint64 m_revision = -1;
};
