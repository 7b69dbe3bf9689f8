// One webhook's worth of call-log writes: the session as it now stands and the events it added.
#pragma once

#include "callrecords.h"

#include <QList>

struct CallLogChange
{
    CallSessionRecord session;
    QList<CallEventRecord> events;
    bool create = false; // a new session (a repeat of an existing CallSid is left alone)
};
