// The fields of one Twilio voice request that the router acts on.
#pragma once

#include <QString>

#include <optional>

class TwilioForm;

struct CallEvent
{
    QString callSid;
    QString from;
    QString to;
    QString callStatus;
    QString callerName;
    QString dialCallStatus;      // on a <Dial action>: completed, busy, no-answer, failed, canceled
    // On a <Dial action>: whether the caller was connected to the callee. Absent from older
    // requests; "false" with DialCallStatus=completed means the callee hung up during screening.
    std::optional<bool> dialBridged;
    QString dialSipResponseCode;
    int callDurationSeconds = -1; // on the status callback
    int dialCallDurationSeconds = -1;
    QString parentCallSid;       // on a callee's leg (<Number url>): the caller's call
    QString digits;              // on a <Gather action>: the keys pressed ("" for none)
    int moved = 0;               // not Twilio's: how often a seat had moved the call when this line rang
    QString recordingSid;        // on a <Record action> and the recording callbacks
    QString recordingUrl;
    QString recordingStatus;     // completed, absent, failed
    int recordingDurationSeconds = -1;
    QString transcriptionText;   // on the transcription callback
    QString transcriptionStatus; // completed, failed

    static CallEvent fromForm(const TwilioForm &form);
};
