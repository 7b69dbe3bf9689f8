// Timeline events of one webhook, collected so that they are written in the session's transaction.
#include "timelinebatch.h"

TimelineBatch::TimelineBatch(QString callSid)
    : m_callSid(std::move(callSid))
{
}

void TimelineBatch::add(Step step, EventAction action, EventResult result, const QString &detail)
{
    m_events.append({m_callSid, QDateTime::currentDateTimeUtc(), step, action, result, detail});
}
