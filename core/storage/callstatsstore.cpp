// Computes the call statistics of a range of calls with a few SQL aggregates over the call log's
// indexes; all statistics SQL lives here.
#include "callstatsstore.h"

#include "database.h"
#include "phone/phonenormalizer.h"
#include "storagelog.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 s_hourMs = 3600 * 1000;
constexpr qint64 s_dayMs = 24 * s_hourMs;

// Calls per outcome and local day, with their durations packed as [calls, with a duration, seconds]
// (a scalar subquery has one value): each (outcome, day) is one range of call_sessions_outcome,
// counted without sorting anything. The outcomes are found by skipping through the same index,
// so that any outcome in the log is counted, not only the ones this file knows.
const QString s_daysSql = uR"(WITH RECURSIVE outcomes(outcome) AS (
    SELECT min(outcome) FROM call_sessions
    UNION ALL
    SELECT (SELECT min(outcome) FROM call_sessions WHERE outcome > outcomes.outcome) FROM outcomes
    WHERE outcomes.outcome IS NOT NULL)
SELECT o.outcome, d.key, (SELECT json_array(count(*), count(s.duration_s), total(s.duration_s))
    FROM call_sessions s
    WHERE s.outcome = o.outcome AND s.started_at >= json_extract(d.value, '$[0]')
        AND s.started_at < json_extract(d.value, '$[1]') AND s.direction = 'incoming'%1)
FROM outcomes o, json_each(:days) d
WHERE o.outcome IS NOT NULL)"_s;

// Calls per local hour: one range of call_sessions_started each. Hours without calls stay out;
// materialised, since SQLite would otherwise count each hour twice, for the condition and the value.
const QString s_hoursSql = uR"(WITH hours(key, calls) AS MATERIALIZED (
    SELECT h.key, (SELECT count(*) FROM call_sessions s
        WHERE s.started_at >= json_extract(h.value, '$[0]')
            AND s.started_at < json_extract(h.value, '$[1]') AND s.direction = 'incoming'%1)
    FROM json_each(:hours) h)
SELECT key, calls FROM hours WHERE calls > 0)"_s;

// The duration at a given rank counted from the longest call down. The index holds the durations in
// order, so for the 90th percentile this reads from the top until a tenth of the range's calls have
// gone by: about a tenth of the index, whatever the range. Left to itself SQLite would take the
// started_at range and sort it, which costs more for any range of weeks.
const QString s_durationRankSql = uR"(SELECT duration_s FROM call_sessions INDEXED BY call_sessions_duration
WHERE duration_s IS NOT NULL AND started_at >= :since AND started_at < :until AND outcome <> 'ongoing'
    AND direction = 'incoming'%1
ORDER BY duration_s DESC
LIMIT 1 OFFSET :rank)"_s;

// The statistics are of incoming calls: a call-back the business placed (an outgoing call) is nobody's
// call to the business, and every statement leaves it out, on the indexes, which carry the direction.

// Callers with missed or voicemail calls in the range that nobody took afterwards: those the
// triggers of the schema have not marked reached_later, read from their own small index (grouped
// by caller without sorting), with the customer saved with the number (the oldest, when several
// share it).
const QString s_callBackSql = uR"(SELECT w."from", count(*), max(w.started_at),
    (SELECT c.name FROM customers c WHERE c.phone_e164 = w."from" ORDER BY c.id LIMIT 1)
FROM call_sessions w INDEXED BY call_sessions_waiting
WHERE w.outcome IN ('missed', 'voicemail') AND w.reached_later = 0 AND w.direction = 'incoming'
    AND w.started_at >= :since AND w.started_at < :until%1
GROUP BY w."from"
ORDER BY 3 DESC, 1)"_s;

// The statements with or without the called number's condition.
struct Statements
{
    QString days;
    QString hours;
    QString durationRank;
    QString callBack;
};

const Statements &statements(bool byNumber)
{
    static const Statements all {s_daysSql.arg(QString()), s_hoursSql.arg(QString()),
                                 s_durationRankSql.arg(QString()), s_callBackSql.arg(QString())};
    static const Statements oneNumber {s_daysSql.arg(uR"( AND s."to" = :number)"_s),
                                       s_hoursSql.arg(uR"( AND s."to" = :number)"_s),
                                       s_durationRankSql.arg(uR"( AND "to" = :number)"_s),
                                       s_callBackSql.arg(uR"( AND w."to" = :number)"_s)};
    return byNumber ? oneNumber : all;
}

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// A stretch of the range in which the zone keeps one offset from UTC.
struct OffsetSpan
{
    qint64 start;
    qint64 end;
    qint64 offsetMs;
};

QList<OffsetSpan> offsetSpans(const QTimeZone &zone, qint64 since, qint64 until)
{
    const QDateTime first = QDateTime::fromMSecsSinceEpoch(since, Qt::UTC);
    QList<OffsetSpan> spans;
    qint64 start = since;
    qint64 offset = qint64(zone.offsetFromUtc(first)) * 1000;
    if (zone.hasTransitions()) {
        const QTimeZone::OffsetDataList transitions
            = zone.transitions(first, QDateTime::fromMSecsSinceEpoch(until, Qt::UTC));
        for (const QTimeZone::OffsetData &transition : transitions) {
            const qint64 at = transition.atUtc.toMSecsSinceEpoch();
            if (at <= start || at >= until)
                continue;
            spans.append({start, at, offset});
            start = at;
            offset = qint64(transition.offsetFromUtc) * 1000;
        }
    }
    spans.append({start, until, offset});
    return spans;
}

// A piece of the range within one local day or hour, numbered in local time from 1970-01-01 00:00.
// A change of offset cuts its day (and an hour that repeats when clocks go back) in two pieces with
// the same number; an hour skipped when clocks go forward has none.
struct Piece
{
    qint64 start;
    qint64 end;
    qint64 local;
};

QList<Piece> pieces(const QList<OffsetSpan> &spans, qint64 length)
{
    QList<Piece> result;
    for (const OffsetSpan &span : spans) {
        for (qint64 k = floorDiv(span.start + span.offsetMs, length); k * length - span.offsetMs < span.end; ++k) {
            const qint64 start = std::max(span.start, k * length - span.offsetMs);
            const qint64 end = std::min(span.end, (k + 1) * length - span.offsetMs);
            if (start < end)
                result.append({start, end, k});
        }
    }
    return result;
}

// [[start, end], ...]: the pieces as one bound parameter, read by json_each().
QString toJson(const QList<Piece> &list)
{
    QString json;
    json.reserve(list.size() * 32 + 2);
    json += u'[';
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i > 0)
            json += u',';
        json += u'[' + QString::number(list.at(i).start) + u',' + QString::number(list.at(i).end) + u']';
    }
    json += u']';
    return json;
}

QDate localDate(qint64 localDay)
{
    return QDate(1970, 1, 1).addDays(localDay);
}

double share(qint64 part, qint64 whole)
{
    return whole > 0 ? double(part) / double(whole) : 0.0;
}

void bindRange(QSqlQuery &query, qint64 since, qint64 until, const QString &number)
{
    query.bindValue(u":since"_s, since);
    query.bindValue(u":until"_s, until);
    if (!number.isEmpty())
        query.bindValue(u":number"_s, number);
}

} // namespace

CallStatsStore::CallStatsStore(Database &db)
    : m_db(db)
{
}

bool CallStatsStore::prepare(QSqlQuery &query, const QString &sql, QString *error)
{
    query.setForwardOnly(true);
    if (query.prepare(sql))
        return true;
    *error = m_db.describe(query.lastError());
    return false;
}

Result<CallStats> CallStatsStore::compute(const CallStatsQuery &query)
{
    if (!query.since.isValid() || !query.until.isValid() || query.since >= query.until)
        return Result<CallStats>::failure(tr("The statistics need a start that comes before their end."));
    if (!query.zone.isValid())
        return Result<CallStats>::failure(tr("The statistics need a valid time zone."));

    const qint64 since = query.since.toMSecsSinceEpoch();
    const qint64 until = query.until.toMSecsSinceEpoch();
    const Statements &sql = statements(!query.number.isEmpty());
    const QList<OffsetSpan> spans = offsetSpans(query.zone, since, until);
    const QList<Piece> dayPieces = pieces(spans, s_dayMs);
    const QList<Piece> hourPieces = pieces(spans, s_hourMs);

    CallStats stats;
    const qint64 firstDay = dayPieces.first().local;
    for (qint64 day = firstDay; day <= dayPieces.last().local; ++day)
        stats.perDay.append({localDate(day), {}});

    QString error;
    // Runs one of the cached statements, keeping the driver's words when it fails.
    const auto run = [&](QSqlQuery &statement) {
        if (statement.exec())
            return true;
        error = m_db.describe(statement.lastError());
        statement.finish();
        return false;
    };
    const bool read = m_db.readSnapshot(
        [&] {
            QSqlQuery &days = m_db.prepared(sql.days);
            days.bindValue(u":days"_s, toJson(dayPieces));
            if (!query.number.isEmpty())
                days.bindValue(u":number"_s, query.number);
            if (!run(days))
                return false;
            double secondsTotal = 0;
            while (days.next()) {
                // [calls, calls with a duration, their seconds]
                const QString packed = days.value(2).toString();
                const QList<QStringView> parts = QStringView(packed).mid(1, packed.size() - 2).split(u',');
                const qint64 calls = parts.value(0).toLongLong();
                if (calls == 0 || parts.size() != 3)
                    continue;
                const CallOutcome outcome = CallLogNames::storedOutcome(days.value(0).toString());
                const qint64 piece = days.value(1).toLongLong();
                stats.perDay[dayPieces.at(piece).local - firstDay].outcomes[outcome] += calls;
                stats.byOutcome[outcome] += calls;
                stats.total += calls;
                if (outcome != CallOutcome::Ongoing) {
                    stats.callsWithDuration += parts.at(1).toLongLong();
                    secondsTotal += parts.at(2).toDouble();
                }
            }
            days.finish();

            QSqlQuery &hours = m_db.prepared(sql.hours);
            hours.bindValue(u":hours"_s, toJson(hourPieces));
            if (!query.number.isEmpty())
                hours.bindValue(u":number"_s, query.number);
            if (!run(hours))
                return false;
            while (hours.next()) {
                const qint64 hour = hourPieces.at(hours.value(0).toLongLong()).local;
                const qint64 day = floorDiv(hour, 24);
                stats.weekHours[localDate(day).dayOfWeek() - 1][hour - day * 24] += hours.value(1).toLongLong();
            }
            hours.finish();

            if (stats.callsWithDuration > 0) {
                stats.averageDurationSeconds = secondsTotal / double(stats.callsWithDuration);
                // Nearest rank: the ceil(0.9 n)-th shortest (in whole numbers: 0.9 is no exact
                // double), counted here from the longest down.
                const qint64 rank = (9 * stats.callsWithDuration + 9) / 10;
                QSqlQuery &durations = m_db.prepared(sql.durationRank);
                bindRange(durations, since, until, query.number);
                durations.bindValue(u":rank"_s, stats.callsWithDuration - rank);
                if (!run(durations))
                    return false;
                if (durations.next())
                    stats.p90DurationSeconds = durations.value(0).toInt();
                durations.finish();
            }

            QSqlQuery &callBack = m_db.prepared(sql.callBack);
            bindRange(callBack, since, until, query.number);
            if (!run(callBack))
                return false;
            while (callBack.next()) {
                const QString from = callBack.value(0).toString();
                // No caller id, a word such as "anonymous", or its keypad spelling.
                if (PhoneNormalizer::isWithheldCallerId(from))
                    continue;
                stats.callBack.append({from, callBack.value(3).toString(), callBack.value(1).toInt(),
                                       QDateTime::fromMSecsSinceEpoch(callBack.value(2).toLongLong(), Qt::UTC)});
            }
            callBack.finish();
            return true;
        },
        &error);
    if (!read) {
        qCWarning(lcStorage) << "Cannot compute the call statistics:" << error;
        return Result<CallStats>::failure(error);
    }

    stats.rateBase = stats.total - stats.byOutcome.value(CallOutcome::Ongoing)
        - stats.byOutcome.value(CallOutcome::Blocked);
    stats.answeredRate = share(stats.byOutcome.value(CallOutcome::Answered), stats.rateBase);
    stats.aiRate = share(stats.byOutcome.value(CallOutcome::AiAgent), stats.rateBase);
    stats.missedRate = share(stats.byOutcome.value(CallOutcome::Missed), stats.rateBase);
    stats.voicemailRate = share(stats.byOutcome.value(CallOutcome::Voicemail), stats.rateBase);
    return stats;
}

QStringList CallStatsStore::queryPlan(const CallStatsQuery &query)
{
    const Statements &sql = statements(!query.number.isEmpty());
    const qint64 since = query.since.toMSecsSinceEpoch();
    const qint64 until = query.until.toMSecsSinceEpoch();
    const QString range = u"[[%1,%2]]"_s.arg(since).arg(until);
    QStringList steps;
    const auto explain = [&](const QString &name, const QString &statement, const auto &bind) {
        QSqlQuery plan(m_db.connection());
        QString error;
        if (!prepare(plan, u"EXPLAIN QUERY PLAN "_s + statement, &error)) {
            steps.append(name + u": "_s + error);
            return;
        }
        bind(plan);
        if (!plan.exec())
            steps.append(name + u": "_s + m_db.describe(plan.lastError()));
        // Columns: id, parent, notused, detail.
        while (plan.next())
            steps.append(name + u": "_s + plan.value(3).toString());
    };
    const auto withNumber = [&](QSqlQuery &plan) {
        if (!query.number.isEmpty())
            plan.bindValue(u":number"_s, query.number);
    };
    explain(u"days"_s, sql.days, [&](QSqlQuery &plan) {
        plan.bindValue(u":days"_s, range);
        withNumber(plan);
    });
    explain(u"hours"_s, sql.hours, [&](QSqlQuery &plan) {
        plan.bindValue(u":hours"_s, range);
        withNumber(plan);
    });
    explain(u"duration"_s, sql.durationRank, [&](QSqlQuery &plan) {
        bindRange(plan, since, until, query.number);
        plan.bindValue(u":rank"_s, 0);
    });
    explain(u"call back"_s, sql.callBack, [&](QSqlQuery &plan) { bindRange(plan, since, until, query.number); });
    return steps;
}
