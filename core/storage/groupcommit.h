// Group commit: the writes of one turn of the event loop share one transaction, so a burst of
// webhooks costs one commit instead of one each. Answers wait for the commit, so nothing is
// answered before it is stored.
#pragma once

#include <QCoroTask>
#include <QObject>

class Database;

class GroupCommit : public QObject
{
    Q_OBJECT

public:
    explicit GroupCommit(Database &db, QObject *parent = nullptr);
    ~GroupCommit() override;

    // Opens the shared transaction unless it is open, and schedules its commit for the next turn
    // of the event loop. False when the database refused to start one (the caller then writes alone).
    bool join();
    bool isOpen() const { return m_open; }
    // Resolves once everything written so far is committed (at once when nothing is pending).
    QCoro::Task<> stored();

Q_SIGNALS:
    void committed(bool ok);

private:
    void commitNow();

    Database &m_db;
    bool m_open = false;
};
