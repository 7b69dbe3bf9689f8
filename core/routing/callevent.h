// The fields of one Twilio voice request that the router acts on.
#pragma once

#include <QString>

class TwilioForm;

struct CallEvent
{
    QString callSid;
    QString from;
    QString to;
    QString callStatus;
    QString callerName;
    QString dialCallStatus;      // on a <Dial action>: completed, busy, no-answer, failed, canceled
    bool dialBridged = false;
    QString dialSipResponseCode;
    int callDurationSeconds = -1; // on the status callback
    int dialCallDurationSeconds = -1;

    static CallEvent fromForm(const TwilioForm &form);
};
