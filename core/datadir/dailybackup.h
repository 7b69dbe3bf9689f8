// A copy of the database from each of the last days, kept in the data folder's backups/ folder, made
// while the router runs: the day's first look makes it, then the oldest beyond `backup.keep` go.
#pragma once

#include <QDate>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

class DailyBackup : public QObject
{
    Q_OBJECT

public:
    // `keep` says how many days of copies to keep (the setting backup.keep; 0 makes none); it is asked
    // at each look, so a changed setting applies from the next one. Looks at once, then every hour.
    DailyBackup(QString dataDir, std::function<int()> keep, QObject *parent = nullptr);
    ~DailyBackup() override;

    static QString folderIn(const QString &dataDir);
    // The file of the copy made on `day` (in this computer's time zone).
    static QString fileFor(const QString &dataDir, QDate day);
    // The newest copy in the folder, or an empty string.
    static QString newestIn(const QString &dataDir);

Q_SIGNALS:
    void backedUp(const QString &file);
    void failed(const QString &error);

private:
    void look();
    void copied(const QString &file, const QString &error);
    void prune(int keep);

    QString m_dataDir;
    std::function<int()> m_keep;
    QTimer m_timer;
    class QThread *m_copying = nullptr;
};
