// Timeline events of one webhook, collected so that they are written in the session's transaction.
#pragma once

#include "storage/callrecords.h"

#include <QList>

class TimelineBatch
{
public:
    explicit TimelineBatch(QString callSid);

    void add(Step step, EventAction action, EventResult result, const QString &detail);
    const QList<CallEventRecord> &events() const { return m_events; }
    void clear() { m_events.clear(); }

private:
    QString m_callSid;
    QList<CallEventRecord> m_events;
};
