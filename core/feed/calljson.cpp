#include "calljson.h"

#include "storage/calllognames.h"

using namespace Qt::StringLiterals;

namespace {

QJsonValue isoOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QDateTime readTime(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

} // namespace

namespace CallJson {

QJsonObject session(const CallListEntry &entry)
{
    const CallSessionRecord &s = entry.session;
    return QJsonObject {
        { u"call_sid"_s, s.callSid },
        { u"from"_s, textOrNull(s.from) },
        { u"to"_s, textOrNull(s.to) },
        { u"started_at"_s, isoOrNull(s.startedAt) },
        { u"ended_at"_s, isoOrNull(s.endedAt) },
        { u"duration_s"_s, s.durationSeconds ? QJsonValue(*s.durationSeconds) : QJsonValue() },
        { u"outcome"_s, CallLogNames::name(s.outcome) },
        { u"customer_name"_s, textOrNull(entry.customerName) },
        { u"booking_id"_s, textOrNull(entry.bookingExternalId) },
        { u"direction"_s, CallLogNames::name(s.direction) },
    };
}

QJsonObject event(const CallEventRecord &event)
{
    return QJsonObject {
        { u"at"_s, isoOrNull(event.at) },
        { u"step"_s, CallLogNames::name(event.step) },
        { u"action"_s, CallLogNames::name(event.action) },
        { u"result"_s, CallLogNames::name(event.result) },
        { u"detail"_s, event.detail },
    };
}

QJsonObject recording(const RecordingRecord &recording)
{
    return QJsonObject {
        { u"recording_sid"_s, recording.recordingSid },
        { u"url"_s, recording.url.toString() },
        { u"duration_s"_s, recording.durationSeconds ? QJsonValue(*recording.durationSeconds) : QJsonValue() },
        { u"file"_s, textOrNull(recording.file) },
        { u"transcription"_s, textOrNull(recording.transcription) },
    };
}

QJsonObject details(const CallListEntry &entry, const QList<CallEventRecord> &events,
                    const QList<RecordingRecord> &recordings)
{
    QJsonObject object = session(entry);
    QJsonArray eventList;
    for (const CallEventRecord &e : events)
        eventList.append(event(e));
    object.insert(u"events"_s, eventList);
    QJsonArray recordingList;
    for (const RecordingRecord &r : recordings)
        recordingList.append(recording(r));
    object.insert(u"recordings"_s, recordingList);
    return object;
}

std::optional<CallListEntry> readSession(const QJsonObject &object)
{
    CallListEntry entry;
    CallSessionRecord &s = entry.session;
    s.callSid = object.value(u"call_sid"_s).toString();
    if (s.callSid.isEmpty())
        return std::nullopt;
    s.from = object.value(u"from"_s).toString();
    s.to = object.value(u"to"_s).toString();
    s.startedAt = readTime(object.value(u"started_at"_s));
    s.endedAt = readTime(object.value(u"ended_at"_s));
    const QJsonValue duration = object.value(u"duration_s"_s);
    if (duration.isDouble())
        s.durationSeconds = duration.toInt();
    s.outcome = CallLogNames::outcome(object.value(u"outcome"_s).toString()).value_or(CallOutcome::Ongoing);
    entry.customerName = object.value(u"customer_name"_s).toString();
    entry.bookingExternalId = object.value(u"booking_id"_s).toString();
    // Written by a Switchboard before call-backs: every call was incoming.
    s.direction = CallLogNames::storedDirection(object.value(u"direction"_s).toString());
    return entry;
}

std::optional<CallEventRecord> readEvent(const QJsonObject &object, const QString &callSid)
{
    CallEventRecord event;
    event.callSid = callSid;
    event.at = readTime(object.value(u"at"_s));
    const std::optional<Step> step = CallLogNames::step(object.value(u"step"_s).toString());
    if (!event.at.isValid() || !step)
        return std::nullopt;
    event.step = *step;
    event.action = CallLogNames::action(object.value(u"action"_s).toString()).value_or(EventAction::Internal);
    event.result = CallLogNames::result(object.value(u"result"_s).toString()).value_or(EventResult::Processed);
    event.detail = object.value(u"detail"_s).toString();
    return event;
}

RecordingRecord readRecording(const QJsonObject &object, const QString &callSid)
{
    RecordingRecord recording;
    recording.callSid = callSid;
    recording.recordingSid = object.value(u"recording_sid"_s).toString();
    recording.url = QUrl(object.value(u"url"_s).toString());
    const QJsonValue duration = object.value(u"duration_s"_s);
    if (duration.isDouble())
        recording.durationSeconds = duration.toInt();
    recording.file = object.value(u"file"_s).toString();
    recording.transcription = object.value(u"transcription"_s).toString();
    return recording;
}

} // namespace CallJson
