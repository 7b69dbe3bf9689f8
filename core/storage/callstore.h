// Reads and writes call sessions and their timelines; all call-log SQL lives here.
#pragma once

#include "callrecords.h"

#include <QCoreApplication>
#include <QList>

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
    std::optional<CallSessionRecord> findSession(const QString &callSid);
    // Cheaper than findSession() for the usual answer, "no": a new call's CallSid is checked on
    // every incoming webhook.
    bool hasSession(const QString &callSid);
    // Everything but the caller and called numbers, which a session keeps from its creation.
    bool updateSession(const CallSessionRecord &session, QString *error);

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
