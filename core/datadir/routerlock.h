// One router per data folder: two would answer webhooks into one database behind each other's backs,
// and a restore must not replace the database under a running one.
#pragma once

#include <QCoreApplication>
#include <QLockFile>
#include <QString>

#include <optional>

class RouterLock
{
    Q_DECLARE_TR_FUNCTIONS(RouterLock)

public:
    static constexpr char FileName[] = "router.lock";

    explicit RouterLock(const QString &dataDir);

    // True once this process holds the folder; false, with one sentence in *error, while another
    // running Switchboard (serve, the desktop app or a restore) does. A lock left by a process that
    // has died is taken over.
    bool acquire(QString *error);

    // The process id of the router that holds `dataDir` now (0 when it cannot be told); nullopt when none does.
    static std::optional<qint64> runningRouter(const QString &dataDir);

private:
    QString m_dataDir;
    QLockFile m_lock;
};
