// Twilio's resource identifiers (SIDs): two capital letters naming the kind of resource, then 32
// hex digits. A SID from a webhook names files, rows and URLs of ours, so anything else is refused.
#pragma once

#include <QString>
#include <QStringView>

class TwilioForm;

class TwilioSid
{
public:
    // True for `prefix` (e.g. "CA" for calls, "RE" for recordings) followed by 32 hex digits.
    static bool isValid(QStringView sid, QStringView prefix);
    // The name of the first field of a webhook that should hold a SID and does not (an empty
    // field counts as absent), or an empty string when every one is well formed.
    static QString firstMalformedField(const TwilioForm &form);
};
