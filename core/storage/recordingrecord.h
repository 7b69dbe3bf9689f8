// A recording Twilio made of a call: where to fetch it, where it was saved, and what was said.
#pragma once

#include <QDateTime>
#include <QString>
#include <QUrl>

#include <optional>

struct RecordingRecord
{
    QString callSid;
    QString recordingSid; // Twilio's RecordingSid; one row per recording
    QUrl url;             // Twilio's RecordingUrl
    std::optional<int> durationSeconds;
    QString file;          // the downloaded copy in the data folder; empty until it is downloaded
    QString transcription; // empty until a transcription arrives
    QDateTime createdAt;   // UTC; an invalid time is saved as the time of saving
};
