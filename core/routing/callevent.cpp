// The fields of one Twilio voice request that the router acts on.
#include "callevent.h"

#include "twilio/twilioform.h"

using namespace Qt::StringLiterals;

namespace {
int secondsOrMinusOne(const QString &text)
{
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    return ok && value >= 0 ? value : -1;
}

// "true" or "false"; anything else (the field missing, empty or garbled) says nothing.
std::optional<bool> trueOrFalse(const QString &text)
{
    const QString value = text.trimmed();
    if (value.compare(u"true"_s, Qt::CaseInsensitive) == 0)
        return true;
    if (value.compare(u"false"_s, Qt::CaseInsensitive) == 0)
        return false;
    return std::nullopt;
}
}

CallEvent CallEvent::fromForm(const TwilioForm &form)
{
    CallEvent event;
    event.callSid = form.value(u"CallSid"_s).trimmed();
    event.from = form.value(u"From"_s).trimmed();
    event.to = form.value(u"To"_s).trimmed();
    event.callStatus = form.value(u"CallStatus"_s).trimmed().toLower();
    event.callerName = form.value(u"CallerName"_s).trimmed();
    event.dialCallStatus = form.value(u"DialCallStatus"_s).trimmed().toLower();
    event.dialBridged = trueOrFalse(form.value(u"DialBridged"_s));
    event.dialSipResponseCode = form.value(u"DialSipResponseCode"_s).trimmed();
    event.callDurationSeconds = secondsOrMinusOne(form.value(u"CallDuration"_s));
    event.dialCallDurationSeconds = secondsOrMinusOne(form.value(u"DialCallDuration"_s));
    event.parentCallSid = form.value(u"ParentCallSid"_s).trimmed();
    event.digits = form.value(u"Digits"_s).trimmed();
    event.recordingSid = form.value(u"RecordingSid"_s).trimmed();
    event.recordingUrl = form.value(u"RecordingUrl"_s).trimmed();
    event.recordingStatus = form.value(u"RecordingStatus"_s).trimmed().toLower();
    event.recordingDurationSeconds = secondsOrMinusOne(form.value(u"RecordingDuration"_s));
    event.transcriptionText = form.value(u"TranscriptionText"_s).trimmed();
    event.transcriptionStatus = form.value(u"TranscriptionStatus"_s).trimmed().toLower();
    return event;
}
