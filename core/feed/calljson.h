// The contract's JSON for the call log (DESIGN.md, "Outcomes and timeline"): the object `calls --json`
// prints for a call, the event objects of `calls show --json`, and their reading back. The CLI, the live
// feed and the read-only API all write calls through here, so a field never means two things.
#pragma once

#include "storage/callrecords.h"
#include "storage/recordingrecord.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace CallJson {

// `{call_sid, from, to, started_at, ended_at, duration_s, outcome, customer_name, booking_id, direction}`; times
// ISO 8601 UTC with milliseconds, absent values null; `direction` is `incoming`, or `outgoing` for a call-back
// (from the business number to the customer).
QJsonObject session(const CallListEntry &entry);
// `{at, step, action, result, detail}`.
QJsonObject event(const CallEventRecord &event);
// `{recording_sid, url, duration_s, file, transcription}`; the file is relative to the data folder, as stored.
QJsonObject recording(const RecordingRecord &recording);
// What `calls show --json` prints: the session object with its `events` and `recordings`.
QJsonObject details(const CallListEntry &entry, const QList<CallEventRecord> &events,
                    const QList<RecordingRecord> &recordings);

// Back from JSON written by the functions above (another Switchboard's feed or API); nothing when a
// required field is missing or not what the contract says (`call_sid` for a session; `at` and `step`
// for an event).
std::optional<CallListEntry> readSession(const QJsonObject &object);
std::optional<CallEventRecord> readEvent(const QJsonObject &object, const QString &callSid);
// Every field is optional: a recording whose duration or transcription has not come yet still is one.
RecordingRecord readRecording(const QJsonObject &object, const QString &callSid);

} // namespace CallJson
