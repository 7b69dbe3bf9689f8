// The figures of the call statistics (the Stats panel and `switchboard stats`) for one range of calls.
#pragma once

#include "calllognames.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QTimeZone>

#include <array>

struct CallStatsQuery
{
    QDateTime since;  // the first instant counted
    QDateTime until;  // the first instant no longer counted
    QString number;   // only calls to this number (E.164); empty for every number
    QTimeZone zone;   // the days and the hours of the week are this zone's
};

// Every count is of calls that started in [since, until). Only the outcomes that occur are in the maps.
struct CallStats
{
    struct Day
    {
        QDate date;                      // a day of the query's zone
        QMap<CallOutcome, qint64> outcomes;  // calls that started on it, per outcome
    };

    // A caller still waiting for someone to call them back.
    struct CallBack
    {
        QString from;
        QString customerName;  // of the customer saved with this number; empty when there is none
        int missed = 0;        // their missed and voicemail calls since they were last reached
        QDateTime lastMissedAt;
    };

    qint64 total = 0;                  // every call, ongoing and blocked ones too
    QMap<CallOutcome, qint64> byOutcome;
    // The rates' denominator: the finished calls (not ongoing) less the blocked ones, so that spam
    // the router turned away does not lower the share of calls that were answered.
    qint64 rateBase = 0;
    double answeredRate = 0;   // answered / rateBase, 0 when there is no call to count
    double aiRate = 0;         // ai_agent / rateBase
    double missedRate = 0;     // missed / rateBase (voicemails are not in it)
    double voicemailRate = 0;  // voicemail / rateBase
    // Of the finished calls that have a duration (Twilio's, in whole seconds), blocked ones included.
    qint64 callsWithDuration = 0;
    double averageDurationSeconds = 0;  // 0 when no call has a duration
    int p90DurationSeconds = 0;         // nine in ten of those calls were this long or shorter
    QList<Day> perDay;                  // every day of the range, oldest first, days without calls too
    // Calls per hour of the week in the query's zone: [0] is Monday, [6] Sunday; [d][9] is 09:00-09:59.
    std::array<std::array<qint64, 24>, 7> weekHours {};
    // Callers whose last missed or voicemail call in the range nobody answered since (neither staff
    // nor the AI agent, on any number, in the range or after it), newest missed first. Withheld
    // callers are not in it: there is no number to call.
    QList<CallBack> callBack;
};
