// Reads and writes call sessions and their timelines; all call-log SQL lives here.
#pragma once

#include "callrecords.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <optional>

class Database;

class CallStore
{
    Q_DECLARE_TR_FUNCTIONS(CallStore)

public:
    explicit CallStore(Database &db);

    // Inserts the session unless one with this CallSid exists. Returns true when it was created,
    // false for a repeat (with *error empty) or a failure (with *error set).
    bool createSession(const CallSessionRecord &session, QString *error);
    // Inserts many sessions a few hundred to a statement, skipping repeats as createSession() does:
    // for seeding benchmarks and tests. Wrap it in a transaction for speed.
    bool createSessions(const QList<CallSessionRecord> &sessions, QString *error);
    std::optional<CallSessionRecord> findSession(const QString &callSid);
    // Cheaper than findSession() for the usual answer, "no": a new call's CallSid is checked on
    // every incoming webhook.
    bool hasSession(const QString &callSid);
    // Everything but the caller and called numbers, which a session keeps from its creation.
    bool updateSession(const CallSessionRecord &session, QString *error);

    // Who answered the newest call from `from` that started at `since` or later and that someone
    // answered: the person the caller was talking to, for routing them back to the same one. Empty
    // when nobody did, and for an empty or withheld caller id, which many different callers share.
    QString lastAnsweredBy(const QString &from, const QDateTime &since);
    // SQLite's plan for lastAnsweredBy(), one line per step, to check that it stays on its index.
    QStringList lastAnsweredByQueryPlan();

    bool appendEvent(const CallEventRecord &event, QString *error);
    QList<CallEventRecord> events(const QString &callSid);

    // Newest first.
    QList<CallListEntry> list(const CallListFilter &filter);
    std::optional<CallListEntry> entry(const QString &callSid);

    qint64 sessionCount();
    qint64 eventCount();

private:
    Database &m_db;
};
