#include "statsjson.h"

#include "storage/calllognames.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

QJsonValue isoUtc(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

// Rounded in the JSON itself, so that a reader never sees 0.30000000000000004.
double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

// Every outcome, with 0 for those that did not occur: a reader finds each key in every object.
QJsonObject outcomes(const QMap<CallOutcome, qint64> &counts)
{
    QJsonObject object;
    for (const CallOutcome outcome : StatsJson::OutcomeOrder)
        object.insert(CallLogNames::name(outcome), counts.value(outcome));
    return object;
}

// The translation context of the reader's sentences: lupdate finds tr() only on a class.
struct StatsJsonReader
{
    Q_DECLARE_TR_FUNCTIONS(StatsJsonReader)
};

QDateTime readTime(const QJsonValue &value)
{
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

bool isCount(const QJsonValue &value)
{
    return value.isDouble() && value.toDouble() >= 0;
}

// The outcomes of an object written by outcomes(): the keys it does not know are left out (a newer router
// may count more), and those that did not occur are not in the map, as CallStats keeps them.
std::optional<QMap<CallOutcome, qint64>> readOutcomes(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    QMap<CallOutcome, qint64> counts;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!isCount(it.value()))
            return std::nullopt;
        const std::optional<CallOutcome> outcome = CallLogNames::outcome(it.key());
        if (outcome && it.value().toInteger() > 0)
            counts.insert(*outcome, it.value().toInteger());
    }
    return counts;
}

} // namespace

namespace StatsJson {

QJsonObject stats(const CallStats &stats, const CallStatsQuery &query)
{
    QJsonArray days;
    for (const CallStats::Day &day : stats.perDay)
        days.append(QJsonObject {
            { u"date"_s, day.date.toString(Qt::ISODate) }, { u"outcomes"_s, outcomes(day.outcomes) } });
    QJsonArray week;
    for (const auto &day : stats.weekHours) {
        QJsonArray hours;
        for (const qint64 calls : day)
            hours.append(calls);
        week.append(hours);
    }
    QJsonArray callBack;
    for (const CallStats::CallBack &caller : stats.callBack)
        callBack.append(QJsonObject {
            { u"from"_s, caller.from },
            { u"customer_name"_s,
                caller.customerName.isEmpty() ? QJsonValue() : QJsonValue(caller.customerName) },
            { u"missed"_s, caller.missed },
            { u"last_missed_at"_s, isoUtc(caller.lastMissedAt) },
        });
    return QJsonObject {
        { u"since"_s, isoUtc(query.since) },
        { u"until"_s, isoUtc(query.until) },
        { u"time_zone"_s, QString::fromUtf8(query.zone.id()) },
        { u"number"_s, query.number.isEmpty() ? QJsonValue() : QJsonValue(query.number) },
        { u"total"_s, stats.total },
        { u"by_outcome"_s, outcomes(stats.byOutcome) },
        { u"answered_rate"_s, rounded(stats.answeredRate, 4) },
        { u"ai_rate"_s, rounded(stats.aiRate, 4) },
        { u"missed_rate"_s, rounded(stats.missedRate, 4) },
        { u"voicemail_rate"_s, rounded(stats.voicemailRate, 4) },
        { u"average_duration_s"_s, rounded(stats.averageDurationSeconds, 1) },
        { u"p90_duration_s"_s, stats.p90DurationSeconds },
        { u"per_day"_s, days },
        { u"week_hours"_s, week },
        { u"call_back"_s, callBack },
    };
}

std::optional<Answer> read(const QJsonObject &object, QString *error)
{
    const auto refuse = [error](const QString &field) -> std::optional<Answer> {
        if (error)
            *error = StatsJsonReader::tr("The statistics' field \"%1\" is missing or not what it should be.")
                         .arg(field);
        return std::nullopt;
    };
    Answer answer;
    CallStatsQuery &query = answer.query;
    query.since = readTime(object.value(u"since"_s));
    query.until = readTime(object.value(u"until"_s));
    if (!query.since.isValid())
        return refuse(u"since"_s);
    if (!query.until.isValid())
        return refuse(u"until"_s);
    query.zone = QTimeZone(object.value(u"time_zone"_s).toString().toUtf8());
    if (!query.zone.isValid())
        return refuse(u"time_zone"_s);
    query.number = object.value(u"number"_s).toString();

    CallStats &stats = answer.stats;
    if (!isCount(object.value(u"total"_s)))
        return refuse(u"total"_s);
    stats.total = object.value(u"total"_s).toInteger();
    const std::optional<QMap<CallOutcome, qint64>> byOutcome = readOutcomes(object.value(u"by_outcome"_s));
    if (!byOutcome)
        return refuse(u"by_outcome"_s);
    stats.byOutcome = *byOutcome;
    // As CallStatsStore counts it: the finished calls less the blocked ones.
    stats.rateBase = stats.total - stats.byOutcome.value(CallOutcome::Ongoing)
        - stats.byOutcome.value(CallOutcome::Blocked);
    const std::pair<const char16_t *, double *> rates[]
        = { { u"answered_rate", &stats.answeredRate }, { u"ai_rate", &stats.aiRate },
              { u"missed_rate", &stats.missedRate }, { u"voicemail_rate", &stats.voicemailRate },
              { u"average_duration_s", &stats.averageDurationSeconds } };
    for (const auto &[name, rate] : rates) {
        const QJsonValue value = object.value(QStringView(name));
        if (!isCount(value))
            return refuse(QString::fromUtf16(name));
        *rate = value.toDouble();
    }
    if (!isCount(object.value(u"p90_duration_s"_s)))
        return refuse(u"p90_duration_s"_s);
    stats.p90DurationSeconds = object.value(u"p90_duration_s"_s).toInt();

    if (!object.value(u"per_day"_s).isArray())
        return refuse(u"per_day"_s);
    for (const QJsonValue &value : object.value(u"per_day"_s).toArray()) {
        CallStats::Day day;
        day.date = QDate::fromString(value.toObject().value(u"date"_s).toString(), Qt::ISODate);
        const std::optional<QMap<CallOutcome, qint64>> outcomes
            = readOutcomes(value.toObject().value(u"outcomes"_s));
        if (!day.date.isValid() || !outcomes)
            return refuse(u"per_day"_s);
        day.outcomes = *outcomes;
        stats.perDay.append(day);
    }

    const QJsonArray week = object.value(u"week_hours"_s).toArray();
    if (week.size() != 7)
        return refuse(u"week_hours"_s);
    for (int day = 0; day < 7; ++day) {
        const QJsonArray hours = week.at(day).toArray();
        if (hours.size() != 24)
            return refuse(u"week_hours"_s);
        for (int hour = 0; hour < 24; ++hour) {
            if (!isCount(hours.at(hour)))
                return refuse(u"week_hours"_s);
            stats.weekHours[day][hour] = hours.at(hour).toInteger();
        }
    }

    if (!object.value(u"call_back"_s).isArray())
        return refuse(u"call_back"_s);
    for (const QJsonValue &value : object.value(u"call_back"_s).toArray()) {
        const QJsonObject caller = value.toObject();
        CallStats::CallBack callBack;
        callBack.from = caller.value(u"from"_s).toString();
        callBack.customerName = caller.value(u"customer_name"_s).toString();
        callBack.missed = caller.value(u"missed"_s).toInt();
        callBack.lastMissedAt = readTime(caller.value(u"last_missed_at"_s));
        if (callBack.from.isEmpty() || !isCount(caller.value(u"missed"_s)))
            return refuse(u"call_back"_s);
        stats.callBack.append(callBack);
    }
    return answer;
}

} // namespace StatsJson
