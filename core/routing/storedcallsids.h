// Which CallSids may already have a stored session, so that a new call's first webhook (nearly every
// voice webhook) is answered without asking the database for a session it cannot have.
#pragma once

#include <QElapsedTimer>
#include <QSet>
#include <QString>

#include <chrono>

class CallStore;

class StoredCallSids
{
public:
    // Twilio ends a call after 24 hours at most, so a session started longer ago gets no more
    // webhooks. A CallSid is remembered for one to two of these periods.
    static constexpr std::chrono::hours Horizon { 24 };

    // Reads the recent sessions from `calls` on first use.
    explicit StoredCallSids(CallStore &calls);

    // False only when no session with this CallSid is stored: then the database need not be asked.
    // True when it may be (a hash matched, or the recent sessions could not be read).
    bool mayHave(const QString &callSid);
    // A session with this CallSid is being stored.
    void add(const QString &callSid);

    qsizetype size() const { return m_current.size() + m_previous.size(); }

private:
    // Only a hash of each CallSid is kept: a collision costs one query, never a wrong answer.
    static size_t key(const QString &callSid);
    bool load();
    void forgetOldest();

    CallStore &m_calls;
    bool m_loaded = false;
    QSet<size_t> m_current;
    QSet<size_t> m_previous;
    QElapsedTimer m_currentAge;
};
