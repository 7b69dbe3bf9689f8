// Reads and writes call recordings and their transcriptions; all recording SQL lives here.
#pragma once

#include "recordingrecord.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

class Database;

// Twilio repeats its callbacks and sends the recording, its file and its transcription separately,
// so saving only ever fills in: a value that a repeat leaves empty keeps what was saved before.
class RecordingStore
{
    Q_DECLARE_TR_FUNCTIONS(RecordingStore)

public:
    explicit RecordingStore(Database &db);

    // Inserts the recording, or updates the one with the same recording sid: its url, duration, file
    // and transcription where `recording` has them (its call and creation time stay as first saved).
    bool save(const RecordingRecord &recording, QString *error);
    // Where the downloaded copy was saved. False with *error set when the recording is not saved.
    bool setFile(const QString &recordingSid, const QString &file, QString *error);
    // The recording must be saved first: false with *error set when it is not, and the caller keeps
    // the text (Twilio's transcription callback names the call and the recording url, so the caller
    // can save() the recording and then set the text).
    bool setTranscription(const QString &recordingSid, const QString &text, QString *error);

    std::optional<RecordingRecord> find(const QString &recordingSid);
    // The call's recordings, oldest first.
    QList<RecordingRecord> forCall(const QString &callSid);
    // Removes the call's recordings; returns the files they had (relative to the data folder), which the
    // caller deletes once the removal is committed. nullopt on failure, with *error set.
    std::optional<QStringList> removeForCall(const QString &callSid, QString *error);

private:
    bool setText(const QString &sql, const QString &recordingSid, const QString &value, QString *error);

    Database &m_db;
};
