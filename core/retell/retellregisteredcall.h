// A call Retell has accepted for registration; its callId becomes the SIP user we dial.
#pragma once

#include <QString>

struct RetellRegisteredCall
{
    // Only [A-Za-z0-9_.-], so it can go into sip:{callId}@host unescaped.
    QString callId;
    QString callStatus;
    QString agentId;
};
