// Reads and writes call sessions and their timelines; all call-log SQL lives here.
#include "callstore.h"

#include "database.h"
#include "phone/phonenormalizer.h"
#include "storagelog.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

const QString s_sessionColumns = uR"(s.call_sid, s."from", s."to", s.started_at, s.ended_at, s.duration_s,
    s.outcome, s.customer_id, s.booking_id, s.route, s.stage, s.agent_call_id, s.fallback_dialed,
    s.last_status, s.answered_by, s.state)"_s;
// Where the columns a list entry adds after s_sessionColumns start.
constexpr int s_sessionColumnCount = 16;

// The person who answered the caller's newest answered call: the partial index on ("from", started_at)
// of the answered calls goes straight to it, without sorting the caller's calls. answered_by is written
// NULL when empty, so the comparison with '' only keeps out what another writer may have left.
const QString s_lastAnsweredBySql = uR"(SELECT answered_by FROM call_sessions
WHERE "from" = ? AND started_at >= ? AND answered_by IS NOT NULL AND answered_by <> ''
ORDER BY started_at DESC, rowid DESC
LIMIT 1)"_s;

// A null QString binds as SQL NULL; text columns that are NOT NULL get an empty string instead.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QString(u""_s)) : QVariant(value);
}

// Optional text (an id) is NULL when empty.
QVariant textOrNull(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(value);
}

QVariant nullable(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::LongLong));
}

QVariant msOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

QDateTime utcFromMs(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

std::optional<qint64> optionalId(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

const QString s_insertSessionsSql = uR"(INSERT OR IGNORE INTO call_sessions(call_sid, "from", "to", started_at,
    ended_at, duration_s, outcome, customer_id, booking_id, route, stage, agent_call_id, fallback_dialed,
    last_status, answered_by, state) VALUES)"_s;
const QString s_sessionValues = u"(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"_s;

// Binds one row of s_sessionValues.
void bindInsert(QSqlQuery &query, const CallSessionRecord &session)
{
    query.addBindValue(text(session.callSid));
    query.addBindValue(text(session.from));
    query.addBindValue(text(session.to));
    query.addBindValue(session.startedAt.toMSecsSinceEpoch());
    query.addBindValue(msOrNull(session.endedAt));
    query.addBindValue(session.durationSeconds ? QVariant(*session.durationSeconds) : QVariant(QMetaType(QMetaType::Int)));
    query.addBindValue(text(session.outcome));
    query.addBindValue(nullable(session.customerId));
    query.addBindValue(nullable(session.bookingId));
    query.addBindValue(text(session.route));
    query.addBindValue(text(session.stage));
    query.addBindValue(textOrNull(session.agentCallId));
    query.addBindValue(session.fallbackDialed ? 1 : 0);
    query.addBindValue(text(session.lastStatus));
    query.addBindValue(textOrNull(session.answeredBy));
    query.addBindValue(text(session.state));
}

// Reads the columns of s_sessionColumns starting at `first`.
CallSessionRecord readSession(const QSqlQuery &query, int first = 0)
{
    CallSessionRecord s;
    s.callSid = query.value(first + 0).toString();
    s.from = query.value(first + 1).toString();
    s.to = query.value(first + 2).toString();
    s.startedAt = utcFromMs(query.value(first + 3));
    s.endedAt = utcFromMs(query.value(first + 4));
    if (!query.value(first + 5).isNull())
        s.durationSeconds = query.value(first + 5).toInt();
    s.outcome = query.value(first + 6).toString();
    s.customerId = optionalId(query.value(first + 7));
    s.bookingId = optionalId(query.value(first + 8));
    s.route = query.value(first + 9).toString();
    s.stage = query.value(first + 10).toString();
    s.agentCallId = query.value(first + 11).toString();
    s.fallbackDialed = query.value(first + 12).toBool();
    s.lastStatus = query.value(first + 13).toString();
    s.answeredBy = query.value(first + 14).toString();
    s.state = query.value(first + 15).toString();
    return s;
}

} // namespace

CallStore::CallStore(Database &db)
    : m_db(db)
{
}

bool CallStore::createSession(const CallSessionRecord &session, QString *error)
{
    // INSERT OR IGNORE makes a repeated webhook for the same CallSid a no-op, even when two
    // connections race for it.
    static const QString sql = s_insertSessionsSql + s_sessionValues;
    QSqlQuery &query = m_db.prepared(sql);
    bindInsert(query, session);
    if (!query.exec()) {
        if (error)
            *error = m_db.describe(query.lastError());
        query.finish();
        return false;
    }
    const bool created = query.numRowsAffected() > 0;
    query.finish();
    if (error)
        error->clear();
    return created;
}

bool CallStore::createSessions(const QList<CallSessionRecord> &sessions, QString *error)
{
    // Rows per statement: SQLite takes at most 32766 bound values in one.
    constexpr qsizetype batch = 500;
    for (qsizetype first = 0; first < sessions.size(); first += batch) {
        const qsizetype rows = std::min(batch, sessions.size() - first);
        QStringList values(rows, s_sessionValues);
        QSqlQuery &query = m_db.prepared(s_insertSessionsSql + values.join(u','));
        for (qsizetype i = first; i < first + rows; ++i)
            bindInsert(query, sessions.at(i));
        const bool ok = query.exec();
        if (!ok && error)
            *error = m_db.describe(query.lastError());
        query.finish();
        if (!ok)
            return false;
    }
    return true;
}

std::optional<CallSessionRecord> CallStore::findSession(const QString &callSid)
{
    static const QString sql = u"SELECT "_s + s_sessionColumns + u" FROM call_sessions s WHERE s.call_sid = ?"_s;
    QSqlQuery &query = m_db.prepared(sql);
    query.addBindValue(callSid);
    std::optional<CallSessionRecord> found;
    if (query.exec() && query.next())
        found = readSession(query);
    else if (query.lastError().isValid())
        qCWarning(lcStorage) << "Cannot read call session:" << query.lastError().text();
    query.finish();
    return found;
}

bool CallStore::hasSession(const QString &callSid)
{
    // One column, so the driver has one field to describe instead of the whole session.
    QSqlQuery &query = m_db.prepared(u"SELECT 1 FROM call_sessions WHERE call_sid = ?"_s);
    query.addBindValue(callSid);
    const bool found = query.exec() && query.next();
    if (!found && query.lastError().isValid())
        qCWarning(lcStorage) << "Cannot read call session:" << query.lastError().text();
    query.finish();
    return found;
}

bool CallStore::updateSession(const CallSessionRecord &session, QString *error)
{
    // "from" and "to" are fixed when the session is created; leaving them out of the SET list
    // spares the "from" index a rewrite on every webhook of the call.
    QSqlQuery &query = m_db.prepared(uR"(UPDATE call_sessions SET ended_at = ?, duration_s = ?, outcome = ?,
        customer_id = ?, booking_id = ?, route = ?, stage = ?, agent_call_id = ?, fallback_dialed = ?,
        last_status = ?, answered_by = ?, state = ? WHERE call_sid = ?)"_s);
    query.addBindValue(msOrNull(session.endedAt));
    query.addBindValue(session.durationSeconds ? QVariant(*session.durationSeconds) : QVariant(QMetaType(QMetaType::Int)));
    query.addBindValue(text(session.outcome));
    query.addBindValue(nullable(session.customerId));
    query.addBindValue(nullable(session.bookingId));
    query.addBindValue(text(session.route));
    query.addBindValue(text(session.stage));
    query.addBindValue(textOrNull(session.agentCallId));
    query.addBindValue(session.fallbackDialed ? 1 : 0);
    query.addBindValue(text(session.lastStatus));
    query.addBindValue(textOrNull(session.answeredBy));
    query.addBindValue(text(session.state));
    query.addBindValue(text(session.callSid));
    const bool ok = query.exec();
    if (!ok && error)
        *error = m_db.describe(query.lastError());
    query.finish();
    return ok;
}

QString CallStore::lastAnsweredBy(const QString &from, const QDateTime &since)
{
    if (from.isEmpty() || PhoneNormalizer::isWithheldCallerId(from))
        return {};
    QSqlQuery &query = m_db.prepared(s_lastAnsweredBySql);
    query.addBindValue(from);
    // An invalid `since` sets no bound.
    query.addBindValue(since.isValid() ? since.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min());
    QString answeredBy;
    if (query.exec() && query.next())
        answeredBy = query.value(0).toString();
    else if (query.lastError().isValid())
        qCWarning(lcStorage) << "Cannot read who answered the caller:" << query.lastError().text();
    query.finish();
    return answeredBy;
}

QStringList CallStore::lastAnsweredByQueryPlan()
{
    QSqlQuery query(m_db.connection());
    QStringList steps;
    if (!query.prepare(u"EXPLAIN QUERY PLAN "_s + s_lastAnsweredBySql)) {
        qCWarning(lcStorage) << "Cannot explain the answered-by lookup:" << query.lastError().text();
        return steps;
    }
    query.addBindValue(u"+15550000000"_s);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec())
        qCWarning(lcStorage) << "Cannot explain the answered-by lookup:" << query.lastError().text();
    // Columns: id, parent, notused, detail.
    while (query.next())
        steps.append(query.value(3).toString());
    return steps;
}

bool CallStore::appendEvent(const CallEventRecord &event, QString *error)
{
    QSqlQuery &query = m_db.prepared(
        u"INSERT INTO call_events(call_sid, at, step, action, result, detail) VALUES(?,?,?,?,?,?)"_s);
    query.addBindValue(text(event.callSid));
    query.addBindValue(event.at.toMSecsSinceEpoch());
    query.addBindValue(text(event.step));
    query.addBindValue(text(event.action));
    query.addBindValue(text(event.result));
    query.addBindValue(text(event.detail));
    const bool ok = query.exec();
    if (!ok && error)
        *error = m_db.describe(query.lastError());
    query.finish();
    return ok;
}

QList<CallEventRecord> CallStore::events(const QString &callSid)
{
    QSqlQuery &query = m_db.prepared(
        u"SELECT call_sid, at, step, action, result, detail FROM call_events WHERE call_sid = ? ORDER BY id"_s);
    query.addBindValue(callSid);
    QList<CallEventRecord> events;
    if (query.exec()) {
        while (query.next()) {
            events.append({query.value(0).toString(), utcFromMs(query.value(1)), query.value(2).toString(),
                           query.value(3).toString(), query.value(4).toString(), query.value(5).toString()});
        }
    }
    query.finish();
    return events;
}

QList<CallListEntry> CallStore::list(const CallListFilter &filter)
{
    // Prefix match through a range on the "from" index rather than LIKE, whose escaping and
    // case rules would get in the way of '+'.
    QString sql = u"SELECT "_s + s_sessionColumns
        + uR"(, c.name, b.external_id FROM call_sessions s
        LEFT JOIN customers c ON c.id = s.customer_id
        LEFT JOIN bookings b ON b.id = s.booking_id WHERE 1)"_s;
    if (!filter.callerPrefix.isEmpty())
        sql += uR"( AND s."from" >= :prefix AND s."from" < :prefixEnd)"_s;
    if (!filter.outcome.isEmpty())
        sql += u" AND s.outcome = :outcome"_s;
    sql += u" ORDER BY s.started_at DESC, s.rowid DESC LIMIT :limit"_s;

    QSqlQuery &query = m_db.prepared(sql);
    if (!filter.callerPrefix.isEmpty()) {
        query.bindValue(u":prefix"_s, filter.callerPrefix);
        query.bindValue(u":prefixEnd"_s, QString(filter.callerPrefix + QChar(0xFFFF)));
    }
    if (!filter.outcome.isEmpty())
        query.bindValue(u":outcome"_s, filter.outcome);
    query.bindValue(u":limit"_s, filter.limit > 0 ? filter.limit : -1);

    QList<CallListEntry> entries;
    if (query.exec()) {
        while (query.next())
            entries.append({readSession(query), query.value(s_sessionColumnCount).toString(),
                            query.value(s_sessionColumnCount + 1).toString()});
    } else {
        qCWarning(lcStorage) << "Cannot list calls:" << query.lastError().text();
    }
    query.finish();
    return entries;
}

std::optional<CallListEntry> CallStore::entry(const QString &callSid)
{
    QSqlQuery &query = m_db.prepared(u"SELECT "_s + s_sessionColumns
                                     + uR"(, c.name, b.external_id FROM call_sessions s
        LEFT JOIN customers c ON c.id = s.customer_id
        LEFT JOIN bookings b ON b.id = s.booking_id WHERE s.call_sid = ?)"_s);
    query.addBindValue(callSid);
    std::optional<CallListEntry> found;
    if (query.exec() && query.next())
        found = CallListEntry {readSession(query), query.value(s_sessionColumnCount).toString(),
                              query.value(s_sessionColumnCount + 1).toString()};
    query.finish();
    return found;
}

qint64 CallStore::sessionCount()
{
    QSqlQuery &query = m_db.prepared(u"SELECT count(*) FROM call_sessions"_s);
    const qint64 count = query.exec() && query.next() ? query.value(0).toLongLong() : -1;
    query.finish();
    return count;
}

qint64 CallStore::eventCount()
{
    QSqlQuery &query = m_db.prepared(u"SELECT count(*) FROM call_events"_s);
    const qint64 count = query.exec() && query.next() ? query.value(0).toLongLong() : -1;
    query.finish();
    return count;
}
