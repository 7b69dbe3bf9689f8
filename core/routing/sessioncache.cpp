// The sessions of calls in progress, kept in memory for the next webhook of the same call.
#include "sessioncache.h"

#include <algorithm>

SessionCache::SessionCache(qsizetype capacity)
    : m_capacity(capacity)
{
}

const CallSessionRecord *SessionCache::find(const QString &callSid) const
{
    const auto it = m_sessions.constFind(callSid);
    return it == m_sessions.cend() ? nullptr : &it->session;
}

void SessionCache::put(const CallSessionRecord &session, quint64 sequence)
{
    m_sessions.insert(session.callSid, { session, sequence });
    m_order.push_back({ session.callSid, sequence });
    trim();
    if (qsizetype(m_order.size()) > 2 * m_sessions.size() + 64)
        compact();
}

void SessionCache::committed(const QList<CallLogChange> &changes, quint64 upTo)
{
    m_committed = std::max(m_committed, upTo);
    for (const CallLogChange &change : changes) {
        if (!change.session.endedAt.isValid())
            continue;
        const auto it = m_sessions.find(change.session.callSid);
        // A later change of the same call may still be queued; it is let go when that one is in.
        if (it != m_sessions.end() && it->sequence <= m_committed && it->session.endedAt.isValid())
            m_sessions.erase(it);
    }
    trim();
}

void SessionCache::trim()
{
    while (m_sessions.size() > m_capacity && !m_order.empty()) {
        const Written &oldest = m_order.front();
        // Sequences only grow, so once the oldest write is uncommitted, so is everything after it.
        if (oldest.sequence > m_committed)
            return;
        const auto it = m_sessions.find(oldest.callSid);
        if (it != m_sessions.end() && it->sequence == oldest.sequence)
            m_sessions.erase(it);
        m_order.pop_front();
    }
}

void SessionCache::compact()
{
    const auto current = [this](const Written &written) {
        const auto it = m_sessions.constFind(written.callSid);
        return it != m_sessions.cend() && it->sequence == written.sequence;
    };
    m_order.erase(std::remove_if(m_order.begin(), m_order.end(), [&](const Written &w) { return !current(w); }),
        m_order.end());
}
