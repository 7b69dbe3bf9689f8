// One phone number on a Twilio account as the REST API describes it (IncomingPhoneNumbers).
#pragma once

#include <QString>

struct IncomingNumber
{
    QString sid; // PN…
    QString phoneNumber; // E.164
    QString friendlyName;
    QString voiceUrl;
    QString voiceMethod;
    QString voiceFallbackUrl;
    QString statusCallback;
    QString statusCallbackMethod;
    // While either is set, Twilio ignores voiceUrl and hands calls to the app or the SIP trunk.
    QString voiceApplicationSid;
    QString trunkSid;
};
