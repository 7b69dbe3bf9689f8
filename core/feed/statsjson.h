// The contract's JSON for the call statistics: the object `switchboard stats --json` prints and
// GET /api/stats answers, written in this one place so that both always agree.
#pragma once

#include "storage/callstats.h"

#include <QJsonObject>

#include <array>
#include <optional>

namespace StatsJson {

// The outcomes in the order the statistics list them: how calls were taken, then how they were not.
inline constexpr std::array OutcomeOrder { CallOutcome::AiAgent, CallOutcome::Answered,
    CallOutcome::Voicemail, CallOutcome::Missed, CallOutcome::Blocked, CallOutcome::Failed,
    CallOutcome::Ongoing };

// `{since, until, time_zone, number, total, by_outcome, answered_rate, ai_rate, missed_rate, voicemail_rate,
// average_duration_s, p90_duration_s, per_day, week_hours, call_back}`; times ISO 8601 UTC with milliseconds,
// rates rounded to four decimals, the average duration to one.
QJsonObject stats(const CallStats &stats, const CallStatsQuery &query);

// The figures and the range they cover, read back from what stats() wrote (another Switchboard's /api/stats).
struct Answer
{
    CallStats stats;
    CallStatsQuery query;
};
// Nothing, with one sentence in `error`, when a field is missing or not what the contract says. What the
// JSON leaves out comes back as it can: the rates' base from the outcomes; the count of calls with a
// duration is unknown (0).
std::optional<Answer> read(const QJsonObject &object, QString *error = nullptr);

} // namespace StatsJson
