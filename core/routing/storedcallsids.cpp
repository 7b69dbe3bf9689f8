// Which CallSids may already have a stored session.
#include "storedcallsids.h"

#include "storage/callstore.h"

#include <QDateTime>
#include <QHashFunctions>

StoredCallSids::StoredCallSids(CallStore &calls)
    : m_calls(calls)
{
}

size_t StoredCallSids::key(const QString &callSid)
{
    return qHash(QStringView(callSid), size_t(0));
}

bool StoredCallSids::mayHave(const QString &callSid)
{
    if (!m_loaded && !load())
        return true;
    forgetOldest();
    const size_t hash = key(callSid);
    return m_current.contains(hash) || m_previous.contains(hash);
}

void StoredCallSids::add(const QString &callSid)
{
    if (m_loaded)
        forgetOldest();
    // Before the first load too: a session stored now may not be committed when the load reads.
    m_current.insert(key(callSid));
}

bool StoredCallSids::load()
{
    // Two periods back, kept for one more: no CallSid that may still get a webhook is left out.
    const QDateTime since = QDateTime::currentDateTimeUtc().addSecs(
        -2 * std::chrono::duration_cast<std::chrono::seconds>(Horizon).count());
    const std::optional<QStringList> recent = m_calls.callSidsStartedSince(since);
    if (!recent)
        return false; // asked again with the next call; until then every CallSid is looked up
    for (const QString &callSid : *recent)
        m_current.insert(key(callSid));
    m_currentAge.start();
    m_loaded = true;
    return true;
}

void StoredCallSids::forgetOldest()
{
    if (m_currentAge.elapsed() < std::chrono::duration_cast<std::chrono::milliseconds>(Horizon).count())
        return;
    m_previous = std::move(m_current);
    m_current = {};
    m_currentAge.start();
}
