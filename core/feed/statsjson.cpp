#include "statsjson.h"

#include "storage/calllognames.h"

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

} // namespace StatsJson
