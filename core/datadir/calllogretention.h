// Retention: the calls that started more than `retention.days` days ago, their timelines and their
// recordings (rows and files) are pruned in the background, a few at a time, so that neither the
// webhooks nor the call log's own writes wait for it.
#pragma once

#include <QAtomicInt>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <functional>

class QThread;

class CallLogRetention : public QObject
{
    Q_OBJECT

public:
    // `days` says how long calls are kept (the setting retention.days; 0 keeps them for ever); it is asked
    // at each look, so a changed setting applies from the next one. Looks at once, then every `interval`.
    CallLogRetention(QString dataDir, std::function<int()> days,
        std::chrono::milliseconds interval = std::chrono::hours(1), QObject *parent = nullptr);
    // Stops a pruning under way after the step it is in.
    ~CallLogRetention() override;

    // Calls removed in one transaction: short enough that the call log's writer, which waits for the
    // write lock, is held up by a few milliseconds at most.
    static constexpr int PerStep = 100;
    // The pause between steps, which leaves the write lock free for the call log's commits.
    static constexpr std::chrono::milliseconds Pause { 5 };

    bool isPruning() const { return m_pruning != nullptr; }

Q_SIGNALS:
    // A look has ended: `calls` calls and `files` recording files were removed.
    void pruned(qint64 calls, qint64 files);
    void failed(const QString &error);

private:
    struct Outcome
    {
        qint64 calls = 0;
        qint64 files = 0;
        QString error;
    };

    void look();
    static Outcome prune(const QString &dataDir, int days, const QAtomicInt &stop);
    static bool removeRecordingFile(const QString &dataDir, const QString &file);

    QString m_dataDir;
    std::function<int()> m_days;
    QTimer m_timer;
    QThread *m_pruning = nullptr;
    QAtomicInt m_stop;
};
