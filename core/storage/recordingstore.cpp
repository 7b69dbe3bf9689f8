// Reads and writes call recordings and their transcriptions; all recording SQL lives here.
#include "recordingstore.h"

#include "database.h"
#include "storagelog.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {

const QString s_columns = u"call_sid, recording_sid, url, duration_s, file, transcription, created_at"_s;

// Empty optional text is stored as NULL, which is what lets a repeat callback's empty value keep the
// saved one (coalesce) below.
QVariant textOrNull(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(value);
}

RecordingRecord fromQuery(const QSqlQuery &query)
{
    RecordingRecord recording;
    recording.callSid = query.value(0).toString();
    recording.recordingSid = query.value(1).toString();
    recording.url = QUrl(query.value(2).toString());
    if (!query.value(3).isNull())
        recording.durationSeconds = query.value(3).toInt();
    recording.file = query.value(4).toString();
    recording.transcription = query.value(5).toString();
    recording.createdAt = QDateTime::fromMSecsSinceEpoch(query.value(6).toLongLong(), Qt::UTC);
    return recording;
}

} // namespace

RecordingStore::RecordingStore(Database &db)
    : m_db(db)
{
}

bool RecordingStore::save(const RecordingRecord &recording, QString *error)
{
    if (recording.callSid.isEmpty() || recording.recordingSid.isEmpty()) {
        if (error)
            *error = tr("A recording needs the sid of its call and its own recording sid.");
        return false;
    }
    // One statement, so that two callbacks of the same recording racing on two connections both land.
    QSqlQuery &query = m_db.prepared(
        uR"(INSERT INTO recordings(call_sid, recording_sid, url, duration_s, file, transcription, created_at)
        VALUES(?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(recording_sid) DO UPDATE SET
            url = CASE WHEN excluded.url <> '' THEN excluded.url ELSE url END,
            duration_s = coalesce(excluded.duration_s, duration_s),
            file = coalesce(excluded.file, file),
            transcription = coalesce(excluded.transcription, transcription))"_s);
    const QDateTime createdAt
        = recording.createdAt.isValid() ? recording.createdAt : QDateTime::currentDateTimeUtc();
    query.addBindValue(recording.callSid);
    query.addBindValue(recording.recordingSid);
    // NOT NULL, and checked before the conflict is: an empty url is '', not NULL.
    query.addBindValue(recording.url.isEmpty() ? u""_s : recording.url.toString(QUrl::FullyEncoded));
    query.addBindValue(recording.durationSeconds ? QVariant(*recording.durationSeconds)
                                                 : QVariant(QMetaType(QMetaType::Int)));
    query.addBindValue(textOrNull(recording.file));
    query.addBindValue(textOrNull(recording.transcription));
    query.addBindValue(createdAt.toMSecsSinceEpoch());
    const bool ok = query.exec();
    if (!ok) {
        if (error)
            *error = m_db.describe(query.lastError());
        qCWarning(lcStorage) << "Cannot save recording" << recording.recordingSid << query.lastError().text();
    }
    query.finish();
    return ok;
}

bool RecordingStore::setFile(const QString &recordingSid, const QString &file, QString *error)
{
    return setText(u"UPDATE recordings SET file = ? WHERE recording_sid = ?"_s, recordingSid, file, error);
}

bool RecordingStore::setTranscription(const QString &recordingSid, const QString &text, QString *error)
{
    // No placeholder row for a transcription that comes first: this call knows neither the call nor the
    // url that a recording row needs, and a row without them would be missing from its call's
    // recordings. The caller has both from Twilio's callback, saves the recording, then the text.
    return setText(u"UPDATE recordings SET transcription = ? WHERE recording_sid = ?"_s, recordingSid, text,
                   error);
}

bool RecordingStore::setText(const QString &sql, const QString &recordingSid, const QString &value,
                             QString *error)
{
    QSqlQuery &query = m_db.prepared(sql);
    query.addBindValue(textOrNull(value));
    query.addBindValue(recordingSid);
    if (!query.exec()) {
        if (error)
            *error = m_db.describe(query.lastError());
        qCWarning(lcStorage) << "Cannot update recording" << recordingSid << query.lastError().text();
        query.finish();
        return false;
    }
    const bool found = query.numRowsAffected() > 0;
    query.finish();
    if (!found && error)
        *error = tr("There is no recording %1 yet; save the recording first.").arg(recordingSid);
    return found;
}

std::optional<RecordingRecord> RecordingStore::find(const QString &recordingSid)
{
    QSqlQuery &query
        = m_db.prepared(u"SELECT "_s + s_columns + u" FROM recordings WHERE recording_sid = ?"_s);
    query.addBindValue(recordingSid);
    std::optional<RecordingRecord> found;
    if (!query.exec())
        qCWarning(lcStorage) << "Cannot read a recording:" << query.lastError().text();
    else if (query.next())
        found = fromQuery(query);
    query.finish();
    return found;
}

QList<RecordingRecord> RecordingStore::forCall(const QString &callSid)
{
    QSqlQuery &query = m_db.prepared(u"SELECT "_s + s_columns
                                     + u" FROM recordings WHERE call_sid = ? ORDER BY created_at, id"_s);
    query.addBindValue(callSid);
    QList<RecordingRecord> recordings;
    if (!query.exec())
        qCWarning(lcStorage) << "Cannot read the recordings of a call:" << query.lastError().text();
    while (query.next())
        recordings.append(fromQuery(query));
    query.finish();
    return recordings;
}

std::optional<QStringList> RecordingStore::removeForCall(const QString &callSid, QString *error)
{
    QStringList files;
    for (const RecordingRecord &recording : forCall(callSid)) {
        if (!recording.file.isEmpty())
            files.append(recording.file);
    }
    QSqlQuery &query = m_db.prepared(u"DELETE FROM recordings WHERE call_sid = ?"_s);
    query.addBindValue(callSid);
    if (!query.exec()) {
        if (error)
            *error = m_db.describe(query.lastError());
        return std::nullopt;
    }
    return files;
}
