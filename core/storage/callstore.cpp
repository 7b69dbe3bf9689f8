// Reads and writes call sessions and their timelines; all call-log SQL lives here.
#include "callstore.h"

#include "database.h"
#include "phone/numbersearch.h"
#include "phone/phonenormalizer.h"
#include "sqlstatement.h"
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
    s.last_status, s.answered_by, s.state, s.direction)"_s;
// Where the columns a list entry adds after s_sessionColumns start.
constexpr int s_sessionColumnCount = 17;

// The person who answered the caller's newest answered call: the partial index on ("from", started_at)
// of the answered calls goes straight to it, without sorting the caller's calls. answered_by is written
// NULL when empty, so the comparison with '' only keeps out what another writer may have left.
const QString s_lastAnsweredBySql = uR"(SELECT answered_by FROM call_sessions
WHERE "from" = ? AND started_at >= ? AND answered_by IS NOT NULL AND answered_by <> ''
ORDER BY started_at DESC, rowid DESC
LIMIT 1)"_s;

QDateTime utcFromMs(const SqlRow &row, int column)
{
    if (row.isNull(column))
        return {};
    return QDateTime::fromMSecsSinceEpoch(row.integer(column), Qt::UTC);
}

std::optional<qint64> optionalId(const SqlRow &row, int column)
{
    if (row.isNull(column))
        return std::nullopt;
    return row.integer(column);
}

const QString s_insertSessionsSql = uR"(INSERT OR IGNORE INTO call_sessions(call_sid, "from", "to", started_at,
    ended_at, duration_s, outcome, customer_id, booking_id, route, stage, agent_call_id, fallback_dialed,
    last_status, answered_by, state, direction) VALUES)"_s;
const QString s_sessionValues = u"(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"_s;

// Binds one row of s_sessionValues, its first value at `first`.
void bindInsert(SqlStatement &query, const CallSessionRecord &session, int first = 0)
{
    query.bindText(first + 0, session.callSid);
    query.bindText(first + 1, session.from);
    query.bindText(first + 2, session.to);
    query.bindInteger(first + 3, session.startedAt.toMSecsSinceEpoch());
    query.bindOptional(first + 4, session.endedAt.isValid() ? std::optional(session.endedAt.toMSecsSinceEpoch()) : std::nullopt);
    query.bindOptional(first + 5, session.durationSeconds ? std::optional<qint64>(*session.durationSeconds) : std::nullopt);
    query.bindText(first + 6, CallLogNames::name(session.outcome));
    query.bindOptional(first + 7, session.customerId);
    query.bindOptional(first + 8, session.bookingId);
    query.bindText(first + 9, session.route);
    query.bindText(first + 10, CallLogNames::name(session.stage));
    query.bindTextOrNull(first + 11, session.agentCallId);
    query.bindInteger(first + 12, session.fallbackDialed ? 1 : 0);
    query.bindText(first + 13, session.lastStatus);
    query.bindTextOrNull(first + 14, session.answeredBy);
    query.bindText(first + 15, session.state);
    query.bindText(first + 16, CallLogNames::name(session.direction));
}

// Reads the columns of s_sessionColumns starting at `first`.
CallSessionRecord readSession(const SqlRow &row, int first = 0)
{
    CallSessionRecord s;
    s.callSid = row.text(first + 0);
    s.from = row.text(first + 1);
    s.to = row.text(first + 2);
    s.startedAt = utcFromMs(row, first + 3);
    s.endedAt = utcFromMs(row, first + 4);
    if (!row.isNull(first + 5))
        s.durationSeconds = int(row.integer(first + 5));
    s.outcome = CallLogNames::storedOutcome(row.text(first + 6));
    s.customerId = optionalId(row, first + 7);
    s.bookingId = optionalId(row, first + 8);
    s.route = row.text(first + 9);
    s.stage = CallLogNames::storedStage(row.text(first + 10));
    s.agentCallId = row.text(first + 11);
    s.fallbackDialed = row.integer(first + 12) != 0;
    s.lastStatus = row.text(first + 13);
    s.answeredBy = row.text(first + 14);
    s.state = row.text(first + 15);
    s.direction = CallLogNames::storedDirection(row.text(first + 16));
    return s;
}

QString likeEscaped(QString text)
{
    return text.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
}

// The caller filter's part of a WHERE, with the values to bind to its placeholders.
struct CallerCondition
{
    QString where;
    QList<std::pair<QString, QVariant>> values;
    bool onNumber = false; // on the caller's number, which the "from" index holds
};

// `from` is how the caller's number column is written in the query.
CallerCondition callerCondition(const CallListFilter &filter, const QString &from)
{
    CallerCondition condition;
    const QString text = filter.caller.simplified();
    if (text.isEmpty())
        return condition;
    const NumberSearch search(text, filter.region);
    if (!search.e164Prefix().isEmpty()) {
        // A range on the "from" index rather than LIKE, whose escaping and case rules would get in
        // the way of '+'.
        condition.where = u" AND "_s + from + u" >= :prefix AND "_s + from + u" < :prefixEnd"_s;
        condition.values.append({u":prefix"_s, search.e164Prefix()});
        condition.values.append({u":prefixEnd"_s, QString(search.e164Prefix() + QChar(0xFFFF))});
        condition.onNumber = true;
    } else if (!search.wholeNumber().isEmpty()) {
        // A whole number, however written: its caller's calls, straight from the "from" index (a search
        // for its digits anywhere reads every call).
        condition.where = u" AND "_s + from + u" = :whole"_s;
        condition.values.append({u":whole"_s, search.wholeNumber()});
        condition.onNumber = true;
    } else if (search.isNumber()) {
        // The digits anywhere in the E.164 form find "555-08" and "(415) 555-0888" in +14155550888; the
        // national start finds the UK's "020 79" in +442079…, whose trunk 0 the E.164 form lacks.
        QStringList alternatives {from + u" LIKE :digits"_s};
        condition.values.append({u":digits"_s, QString(u'%' + search.digits() + u'%')});
        if (!search.nationalStart().isEmpty()) {
            alternatives.append(from + u" LIKE :national"_s);
            condition.values.append({u":national"_s, QString(search.nationalStart() + u'%')});
        }
        if (!search.e164().isEmpty()) {
            alternatives.append(from + u" = :whole"_s);
            condition.values.append({u":whole"_s, search.e164()});
        }
        condition.where = u" AND ("_s + alternatives.join(u" OR "_s) + u')';
        condition.onNumber = true;
    } else {
        // Every word somewhere in the customer's name, so "lopez maria" finds Maria Lopez's calls, as the
        // customer search does. A few words are plenty.
        const QStringList words = text.split(u' ', Qt::SkipEmptyParts).mid(0, 6);
        QStringList conditions;
        for (qsizetype i = 0; i < words.size(); ++i) {
            const QString name = u":name"_s + QString::number(i);
            conditions.append(u"name LIKE "_s + name + uR"( ESCAPE '\')"_s);
            condition.values.append({name, QString(u'%' + likeEscaped(words.at(i)) + u'%')});
        }
        condition.where = u" AND s.customer_id IN (SELECT id FROM customers WHERE "_s
            + conditions.join(u" AND "_s) + u')';
    }
    return condition;
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
    static const QByteArray sql = (s_insertSessionsSql + s_sessionValues).toUtf8();
    SqlStatement &query = m_db.statement(sql);
    const SqlStatement::Use use(query);
    bindInsert(query, session);
    if (!query.run()) {
        if (error)
            *error = m_db.describe(query);
        return false;
    }
    if (error)
        error->clear();
    return query.changes() > 0;
}

bool CallStore::createSessions(const QList<CallSessionRecord> &sessions, QString *error)
{
    // Rows per statement: SQLite takes at most 32766 bound values in one.
    constexpr qsizetype batch = 500;
    for (qsizetype first = 0; first < sessions.size(); first += batch) {
        const qsizetype rows = std::min(batch, sessions.size() - first);
        QStringList values(rows, s_sessionValues);
        SqlStatement &query = m_db.statement((s_insertSessionsSql + values.join(u',')).toUtf8());
        const SqlStatement::Use use(query);
        for (qsizetype i = first; i < first + rows; ++i)
            bindInsert(query, sessions.at(i), int(i - first) * s_sessionColumnCount);
        if (!query.run()) {
            if (error)
                *error = m_db.describe(query);
            return false;
        }
    }
    return true;
}

std::optional<CallSessionRecord> CallStore::findSession(const QString &callSid)
{
    static const QByteArray sql = (u"SELECT "_s + s_sessionColumns + u" FROM call_sessions s WHERE s.call_sid = ?"_s).toUtf8();
    SqlStatement &query = m_db.statement(sql);
    const SqlStatement::Use use(query);
    query.bindText(0, callSid);
    std::optional<CallSessionRecord> found;
    if (query.step())
        found = readSession(query);
    else if (query.failed())
        qCWarning(lcStorage).noquote() << "Cannot read call session:" << m_db.describe(query);
    return found;
}

std::optional<QList<UnfinishedSession>> CallStore::unfinishedSessions(
    const QDateTime &startedBefore, int limit, const QDateTime &startedFrom)
{
    // On the outcome index, which starts with (outcome, started_at); the timeline's index starts with
    // the call's start and CallSid, so its last event is one lookup.
    static const QByteArray sql = (u"SELECT "_s + s_sessionColumns
        + uR"(, (SELECT max(e.at) FROM call_events e WHERE e.call_started_at = s.started_at AND e.call_sid = s.call_sid)
FROM call_sessions s WHERE s.outcome = 'ongoing' AND s.started_at >= ? AND s.started_at < ? AND s.ended_at IS NULL
ORDER BY s.started_at LIMIT ?)"_s).toUtf8();
    SqlStatement &query = m_db.statement(sql);
    const SqlStatement::Use use(query);
    query.bindInteger(0, startedFrom.isValid() ? startedFrom.toMSecsSinceEpoch() : 0);
    query.bindInteger(1, startedBefore.toMSecsSinceEpoch());
    query.bindInteger(2, limit);
    QList<UnfinishedSession> sessions;
    while (query.step())
        sessions.append({ readSession(query), utcFromMs(query, s_sessionColumnCount) });
    if (query.failed()) {
        qCWarning(lcStorage).noquote() << "Cannot read the unfinished calls:" << m_db.describe(query);
        return std::nullopt;
    }
    return sessions;
}

std::optional<QList<StoredCallKey>> CallStore::sessionsStartedBefore(const QDateTime &cutoff, int limit)
{
    static const QByteArray sql
        = "SELECT call_sid, started_at FROM call_sessions WHERE started_at < ? ORDER BY started_at LIMIT ?"_ba;
    SqlStatement &query = m_db.statement(sql);
    const SqlStatement::Use use(query);
    query.bindInteger(0, cutoff.toMSecsSinceEpoch());
    query.bindInteger(1, limit);
    QList<StoredCallKey> calls;
    while (query.step())
        calls.append({ query.text(0), query.integer(1) });
    if (query.failed()) {
        qCWarning(lcStorage).noquote() << "Cannot read the calls to prune:" << m_db.describe(query);
        return std::nullopt;
    }
    return calls;
}

bool CallStore::removeCall(const StoredCallKey &call, QString *error)
{
    // Each on its index: the timeline's (call_started_at, call_sid, id) and the sessions' CallSid key.
    SqlStatement &events = m_db.statement("DELETE FROM call_events WHERE call_started_at = ? AND call_sid = ?"_ba);
    {
        const SqlStatement::Use use(events);
        events.bindInteger(0, call.startedAtMs);
        events.bindText(1, call.callSid);
        if (!events.run()) {
            if (error)
                *error = m_db.describe(events);
            return false;
        }
    }
    SqlStatement &session = m_db.statement("DELETE FROM call_sessions WHERE call_sid = ?"_ba);
    const SqlStatement::Use use(session);
    session.bindText(0, call.callSid);
    const bool ok = session.run();
    if (!ok && error)
        *error = m_db.describe(session);
    return ok;
}

std::optional<QStringList> CallStore::callSidsStartedSince(const QDateTime &since)
{
    QSqlQuery &query = m_db.prepared(u"SELECT call_sid FROM call_sessions WHERE started_at >= ?"_s);
    query.bindValue(0, since.toMSecsSinceEpoch());
    if (!query.exec()) {
        qCWarning(lcStorage).noquote() << "Cannot read the recent calls:" << m_db.describe(query.lastError());
        return std::nullopt;
    }
    QStringList sids;
    while (query.next())
        sids.append(query.value(0).toString());
    query.finish();
    return sids;
}

bool CallStore::updateSession(const CallSessionRecord &session, QString *error, const CallSessionRecord *stored)
{
    // "from" and "to" are fixed when the session is created and never in the SET list, which
    // spares their indexes a rewrite on every webhook of the call. SQLite rewrites an index (and
    // runs an UPDATE OF trigger) for every column named in SET, changed or not: so, knowing the
    // stored row, only the columns that differ are named.
    using Bind = void (*)(SqlStatement &, int, const CallSessionRecord &);
    struct Column
    {
        const char *name;
        Bind bind;
        bool changed;
    };
    const CallSessionRecord *was = stored;
    const Column columns[] = {
        { "ended_at",
            [](SqlStatement &q, int i, const CallSessionRecord &s) {
                q.bindOptional(i, s.endedAt.isValid() ? std::optional(s.endedAt.toMSecsSinceEpoch()) : std::nullopt);
            },
            !was || was->endedAt != session.endedAt },
        { "duration_s",
            [](SqlStatement &q, int i, const CallSessionRecord &s) {
                q.bindOptional(i, s.durationSeconds ? std::optional<qint64>(*s.durationSeconds) : std::nullopt);
            },
            !was || was->durationSeconds != session.durationSeconds },
        { "outcome", [](SqlStatement &q, int i, const CallSessionRecord &s) { q.bindText(i, CallLogNames::name(s.outcome)); },
            !was || was->outcome != session.outcome },
        { "customer_id", [](SqlStatement &q, int i, const CallSessionRecord &s) { q.bindOptional(i, s.customerId); },
            !was || was->customerId != session.customerId },
        { "booking_id", [](SqlStatement &q, int i, const CallSessionRecord &s) { q.bindOptional(i, s.bookingId); },
            !was || was->bookingId != session.bookingId },
        { "route", [](SqlStatement &q, int i, const CallSessionRecord &s) { q.bindText(i, s.route); },
            !was || was->route != session.route },
        { "stage", [](SqlStatement &q, int i, const CallSessionRecord &s) { q.bindText(i, CallLogNames::name(s.stage)); },
            !was || was->stage != session.stage },
        { "agent_call_id",
            [](SqlStatement &q, int i, const CallSessionRecord &s) { q.bindTextOrNull(i, s.agentCallId); },
            !was || was->agentCallId != session.agentCallId },
        { "fallback_dialed",
            [](SqlStatement &q, int i, const CallSessionRecord &s) { q.bindInteger(i, s.fallbackDialed ? 1 : 0); },
            !was || was->fallbackDialed != session.fallbackDialed },
        { "last_status", [](SqlStatement &q, int i, const CallSessionRecord &s) { q.bindText(i, s.lastStatus); },
            !was || was->lastStatus != session.lastStatus },
        { "answered_by",
            [](SqlStatement &q, int i, const CallSessionRecord &s) { q.bindTextOrNull(i, s.answeredBy); },
            !was || was->answeredBy != session.answeredBy },
        { "state", [](SqlStatement &q, int i, const CallSessionRecord &s) { q.bindText(i, s.state); },
            !was || was->state != session.state },
    };
    QByteArray sql = "UPDATE call_sessions SET ";
    bool any = false;
    for (const Column &column : columns) {
        if (!column.changed)
            continue;
        if (any)
            sql += ", ";
        sql += column.name;
        sql += " = ?";
        any = true;
    }
    if (!any)
        return true;
    sql += " WHERE call_sid = ?";
    SqlStatement &query = m_db.statement(sql);
    const SqlStatement::Use use(query);
    int index = 0;
    for (const Column &column : columns) {
        if (column.changed)
            column.bind(query, index++, session);
    }
    query.bindText(index, session.callSid);
    const bool ok = query.run();
    if (!ok && error)
        *error = m_db.describe(query);
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

QString CallStore::lastNumberCalledBy(const QString &caller)
{
    if (caller.isEmpty())
        return {};
    // On the "from" index, newest first.
    static const QByteArray sql = R"(SELECT "to" FROM call_sessions WHERE "from" = ? AND direction = 'incoming'
ORDER BY started_at DESC LIMIT 1)"_ba;
    SqlStatement &query = m_db.statement(sql);
    const SqlStatement::Use use(query);
    query.bindText(0, caller);
    QString called;
    if (query.step())
        called = query.text(0);
    else if (query.failed())
        qCWarning(lcStorage).noquote() << "Cannot read the number a caller last called:" << m_db.describe(query);
    return called;
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
    // The call's start, from its session as stored: the index's first key (see schema version 7).
    SqlStatement &query = m_db.statement(QByteArrayLiteral(
        "INSERT INTO call_events(call_sid, call_started_at, at, step, action, result, detail)"
        " VALUES(?1, (SELECT started_at FROM call_sessions WHERE call_sid = ?1), ?2, ?3, ?4, ?5, ?6)"));
    const SqlStatement::Use use(query);
    query.bindText(0, event.callSid);
    query.bindInteger(1, event.at.toMSecsSinceEpoch());
    query.bindText(2, CallLogNames::name(event.step));
    query.bindText(3, CallLogNames::name(event.action));
    query.bindText(4, CallLogNames::name(event.result));
    query.bindText(5, event.detail);
    const bool ok = query.run();
    if (!ok && error)
        *error = m_db.describe(query);
    return ok;
}

QList<CallEventRecord> CallStore::events(const QString &callSid)
{
    // IS rather than =: without a session, the events kept with a NULL start.
    QSqlQuery &query = m_db.prepared(u"SELECT call_sid, at, step, action, result, detail FROM call_events"
                                     u" WHERE call_started_at IS (SELECT started_at FROM call_sessions WHERE call_sid = ?)"
                                     u" AND call_sid = ? ORDER BY id"_s);
    query.addBindValue(callSid);
    query.addBindValue(callSid);
    QList<CallEventRecord> events;
    if (query.exec()) {
        while (query.next()) {
            events.append({query.value(0).toString(), utcFromMs(QueryRow(query), 1),
                CallLogNames::storedStep(query.value(2).toString()),
                CallLogNames::storedAction(query.value(3).toString()),
                CallLogNames::storedResult(query.value(4).toString()),
                query.value(5).toString()});
        }
    }
    query.finish();
    return events;
}

// How page() and count() find the calls of a caller's number. No index keeps both the caller's number
// and the newest-first order, so the choice depends on how many calls the number matches.
enum class CallStore::PrefixPlan
{
    None,        // no number to match (no caller filter, or a customer's name)
    CallerIndex, // few calls match: sort them on the "from" index, which holds every filtered column
    TimeOrder,   // many match: walk the calls newest first and keep those that match
};

CallStore::PrefixPlan CallStore::prefixPlan(const CallListFilter &filter)
{
    const CallerCondition caller = callerCondition(filter, uR"(s."from")"_s);
    if (!caller.onNumber)
        return PrefixPlan::None;
    // Counts no further than the limit, on the index alone: a fraction of a millisecond for an E.164
    // start, one pass over the index for digits found anywhere. Up to it, sorting the matches on the
    // index costs at most a few milliseconds; past it, matches are common enough that walking the calls
    // in order finds a page of them as quickly. (calllogbench: the two meet near 10,000 matches of a
    // million calls, at about 4 ms.)
    constexpr int sortLimit = 10000;
    QSqlQuery &query = m_db.prepared(
        u"SELECT count(*) FROM (SELECT 1 FROM call_sessions s INDEXED BY call_sessions_from WHERE 1"_s
        + caller.where + u" LIMIT :limit)"_s);
    for (const auto &[name, value] : caller.values)
        query.bindValue(name, value);
    query.bindValue(u":limit"_s, sortLimit);
    const qint64 matches = query.exec() && query.next() ? query.value(0).toLongLong() : 0;
    if (query.lastError().isValid())
        qCWarning(lcStorage) << "Cannot count the calls of a caller's number:" << query.lastError().text();
    query.finish();
    return matches < sortLimit ? PrefixPlan::CallerIndex : PrefixPlan::TimeOrder;
}

namespace {

// The FROM and WHERE of a filtered call list, with the values to bind to its placeholders.
struct FilterSql
{
    QString table;
    QString where;
    QList<std::pair<QString, QVariant>> values;

    void bindTo(QSqlQuery &query) const
    {
        for (const auto &[name, value] : values)
            query.bindValue(name, value);
    }
};

// Every filter but the caller prefix has an index that keeps the newest-first order (started_at,
// (outcome, started_at, ...) and ("to", started_at, ...)), so SQLite reads a page in order and stops.
FilterSql filterSql(const CallListFilter &filter, bool callerIndex, bool timeOrder)
{
    FilterSql sql;
    // Forced: with a cursor or a date range SQLite would rather take an index that keeps the order and
    // check the caller of every call it passes, which for a rare prefix is most of the log.
    sql.table = callerIndex ? u"call_sessions s INDEXED BY call_sessions_from"_s : u"call_sessions s"_s;
    // The unary + keeps SQLite off the "from" index when the calls are walked in order.
    const CallerCondition caller = callerCondition(filter, timeOrder ? uR"(+s."from")"_s : uR"(s."from")"_s);
    sql.where += caller.where;
    sql.values.append(caller.values);
    if (filter.outcome) {
        sql.where += u" AND s.outcome = :outcome"_s;
        sql.values.append({u":outcome"_s, CallLogNames::name(*filter.outcome)});
    }
    if (!filter.calledNumber.isEmpty()) {
        sql.where += uR"( AND s."to" = :to)"_s;
        sql.values.append({u":to"_s, filter.calledNumber});
    }
    if (filter.since.isValid()) {
        sql.where += u" AND s.started_at >= :since"_s;
        sql.values.append({u":since"_s, filter.since.toMSecsSinceEpoch()});
    }
    if (filter.until.isValid()) {
        sql.where += u" AND s.started_at < :until"_s;
        sql.values.append({u":until"_s, filter.until.toMSecsSinceEpoch()});
    }
    return sql;
}

// The page query. The cursor's bound on started_at alone is what an index can range over; the row id
// then only sorts out the calls of the cursor's own millisecond.
QString pageSql(const FilterSql &filter, bool withCursor, bool callerIndex)
{
    QString where = filter.where;
    // Each placeholder name appears once: how QtSql binds a name used twice differs between versions.
    if (withCursor)
        where += u" AND s.started_at <= :afterAt AND (s.started_at < :afterAt2 OR s.rowid < :afterRow)"_s;
    const QString order = u" ORDER BY s.started_at DESC, s.rowid DESC"_s;
    const QString joins = uR"( LEFT JOIN customers c ON c.id = s.customer_id
        LEFT JOIN bookings b ON b.id = s.booking_id)"_s;
    const QString columns = u"SELECT "_s + s_sessionColumns + u", c.name, b.external_id, s.rowid FROM "_s;
    if (!callerIndex)
        return columns + filter.table + joins + u" WHERE 1"_s + where + order + u" LIMIT :limit"_s;
    // The page's row ids are picked and sorted on the "from" index alone (the inner s), and only the
    // calls of the page are read from the table (the outer s).
    return columns + u"(SELECT s.rowid AS id FROM "_s + filter.table + u" WHERE 1"_s + where + order
        + u" LIMIT :limit) p JOIN call_sessions s ON s.rowid = p.id"_s + joins + order;
}

void bindCursor(QSqlQuery &query, const std::optional<CallPageCursor> &after)
{
    if (!after)
        return;
    query.bindValue(u":afterAt"_s, after->startedAtMs);
    query.bindValue(u":afterAt2"_s, after->startedAtMs);
    query.bindValue(u":afterRow"_s, after->rowid);
}

} // namespace

QList<CallListEntry> CallStore::list(const CallListFilter &filter)
{
    if (filter.limit > 0)
        return page(filter, std::nullopt, filter.limit);
    QList<CallListEntry> entries;
    for (;;) {
        const QList<CallListEntry> more
            = page(filter, entries.isEmpty() ? std::nullopt : std::optional(entries.last().cursor()), 1000);
        entries.append(more);
        if (more.size() < 1000)
            return entries;
    }
}

QList<CallListEntry> CallStore::page(const CallListFilter &filter, const std::optional<CallPageCursor> &after,
                                     int pageSize)
{
    QList<CallListEntry> entries;
    if (pageSize <= 0)
        return entries;
    const PrefixPlan plan = prefixPlan(filter);
    const FilterSql where = filterSql(filter, plan == PrefixPlan::CallerIndex, plan == PrefixPlan::TimeOrder);
    QSqlQuery &query = m_db.prepared(pageSql(where, after.has_value(), plan == PrefixPlan::CallerIndex));
    where.bindTo(query);
    bindCursor(query, after);
    query.bindValue(u":limit"_s, pageSize);
    if (query.exec()) {
        entries.reserve(pageSize);
        while (query.next())
            entries.append({readSession(QueryRow(query)), query.value(s_sessionColumnCount).toString(),
                            query.value(s_sessionColumnCount + 1).toString(),
                            query.value(s_sessionColumnCount + 2).toLongLong()});
    } else {
        qCWarning(lcStorage) << "Cannot list calls:" << query.lastError().text();
    }
    query.finish();
    return entries;
}

QStringList CallStore::pageQueryPlan(const CallListFilter &filter, const std::optional<CallPageCursor> &after)
{
    const PrefixPlan plan = prefixPlan(filter);
    const FilterSql where = filterSql(filter, plan == PrefixPlan::CallerIndex, plan == PrefixPlan::TimeOrder);
    QSqlQuery query(m_db.connection());
    QStringList steps;
    if (!query.prepare(u"EXPLAIN QUERY PLAN "_s
                       + pageSql(where, after.has_value(), plan == PrefixPlan::CallerIndex))) {
        qCWarning(lcStorage) << "Cannot explain the call list:" << query.lastError().text();
        return steps;
    }
    where.bindTo(query);
    bindCursor(query, after);
    query.bindValue(u":limit"_s, 200);
    if (!query.exec())
        qCWarning(lcStorage) << "Cannot explain the call list:" << query.lastError().text();
    // Columns: id, parent, notused, detail.
    while (query.next())
        steps.append(query.value(3).toString());
    return steps;
}

qint64 CallStore::count(const CallListFilter &filter)
{
    PrefixPlan plan = prefixPlan(filter);
    // Counting needs no order: a prefix that is the only filter is counted on its index alone.
    const bool prefixOnly = !filter.outcome && filter.calledNumber.isEmpty() && !filter.since.isValid()
        && !filter.until.isValid();
    if (plan == PrefixPlan::TimeOrder && prefixOnly)
        plan = PrefixPlan::CallerIndex;
    const FilterSql where = filterSql(filter, plan == PrefixPlan::CallerIndex, plan == PrefixPlan::TimeOrder);
    QSqlQuery &query = m_db.prepared(u"SELECT count(*) FROM (SELECT 1 FROM "_s + where.table + u" WHERE 1"_s
                                     + where.where + u" LIMIT :limit)"_s);
    where.bindTo(query);
    query.bindValue(u":limit"_s, CountLimit);
    qint64 count = -1;
    if (query.exec() && query.next())
        count = query.value(0).toLongLong();
    else
        qCWarning(lcStorage) << "Cannot count calls:" << query.lastError().text();
    query.finish();
    return count;
}

QStringList CallStore::calledNumbers(int limit)
{
    // A loose index scan: each number is the first one after the previous, found on the ("to",
    // started_at) index without reading the calls in between. Empty numbers are left out.
    QSqlQuery &query = m_db.prepared(uR"(SELECT "to" FROM call_sessions WHERE "to" > ? ORDER BY "to" LIMIT 1)"_s);
    QStringList numbers;
    QString previous = u""_s;
    while (numbers.size() < limit) {
        query.addBindValue(previous);
        if (!query.exec()) {
            qCWarning(lcStorage) << "Cannot read the called numbers:" << query.lastError().text();
            break;
        }
        if (!query.next())
            break;
        previous = query.value(0).toString();
        numbers.append(previous);
        query.finish();
    }
    query.finish();
    return numbers;
}

std::optional<CallListEntry> CallStore::entry(const QString &callSid)
{
    // With its row id, so that the call can be the cursor of a page that starts after it.
    QSqlQuery &query = m_db.prepared(
        u"SELECT "_s + s_sessionColumns + uR"(, c.name, b.external_id, s.rowid FROM call_sessions s
        LEFT JOIN customers c ON c.id = s.customer_id
        LEFT JOIN bookings b ON b.id = s.booking_id WHERE s.call_sid = ?)"_s);
    query.addBindValue(callSid);
    std::optional<CallListEntry> found;
    if (query.exec() && query.next())
        found = CallListEntry { readSession(QueryRow(query)), query.value(s_sessionColumnCount).toString(),
            query.value(s_sessionColumnCount + 1).toString(),
            query.value(s_sessionColumnCount + 2).toLongLong() };
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

quint64 CallStore::journalApplied()
{
    QSqlQuery &query = m_db.prepared(u"SELECT applied_seq FROM call_log_journal WHERE id = 1"_s);
    const quint64 applied = query.exec() && query.next() ? query.value(0).toULongLong() : 0;
    query.finish();
    return applied;
}

bool CallStore::setJournalApplied(quint64 sequence, QString *error)
{
    SqlStatement &query = m_db.statement(QByteArrayLiteral("UPDATE call_log_journal SET applied_seq = ? WHERE id = 1"));
    const SqlStatement::Use use(query);
    query.bindInteger(0, qint64(sequence));
    const bool ok = query.run();
    if (!ok && error)
        *error = m_db.describe(query);
    return ok;
}

qint64 CallStore::eventCount()
{
    QSqlQuery &query = m_db.prepared(u"SELECT count(*) FROM call_events"_s);
    const qint64 count = query.exec() && query.next() ? query.value(0).toLongLong() : -1;
    query.finish();
    return count;
}
