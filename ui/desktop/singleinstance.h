// One desktop app per data folder: a second start hands over to the first (which comes to the
// front) instead of running a second router on the same database.
#pragma once

#include <QLocalServer>
#include <QLockFile>
#include <QObject>

class SingleInstance : public QObject
{
    Q_OBJECT

public:
    explicit SingleInstance(const QString &dataDir, QObject *parent = nullptr);

    // True when this process is the one; false after asking the running one to show itself.
    bool claim();

Q_SIGNALS:
    void activationRequested();

private:
    QLockFile m_lock;
    QString m_serverName;
    QLocalServer m_server;
};
