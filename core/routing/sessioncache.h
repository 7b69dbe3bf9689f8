// The sessions of calls in progress, kept in memory so that each webhook of a call reads its session
// without a database query, and so that a change not yet committed is never read back stale.
#pragma once

#include "storage/calllogwriter.h"
#include "storage/callrecords.h"

#include <QHash>
#include <QString>

#include <deque>

class SessionCache
{
public:
    // Far more calls than a business has at once. Past it, the sessions last written longest ago
    // are let go (once committed): the database still has them.
    static constexpr qsizetype DefaultCapacity = 4096;

    explicit SessionCache(qsizetype capacity = DefaultCapacity);

    // The session as the router last left it, or nullptr when only the database may know it.
    const CallSessionRecord *find(const QString &callSid) const;
    // The session as it stands after a change queued for the call log under `sequence`.
    void put(const CallSessionRecord &session, quint64 sequence);
    // The call log committed `changes`, and everything queued up to `upTo` is done: ended calls
    // are let go now that the database has their last state; calls in progress stay.
    void committed(const QList<CallLogChange> &changes, quint64 upTo);

    qsizetype size() const { return m_sessions.size(); }
    // Writes remembered for the eviction order, stale ones included; bounded by about twice size().
    qsizetype orderLength() const { return qsizetype(m_order.size()); }

private:
    struct Entry
    {
        CallSessionRecord session;
        quint64 sequence = 0;
    };
    struct Written
    {
        QString callSid;
        quint64 sequence = 0;
    };

    // Lets go of committed sessions, oldest write first, until the cache is back within capacity.
    void trim();
    // Drops the writes that a later write of the same session has replaced, so that a few long
    // calls with many webhooks do not grow the order list without end.
    void compact();

    qsizetype m_capacity;
    quint64 m_committed = 0;
    QHash<QString, Entry> m_sessions;
    // Every put in order; an element is stale once its session has a later write.
    std::deque<Written> m_order;
};
