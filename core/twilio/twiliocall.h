// A call as Twilio's Calls resource describes it: what Twilio itself knows of how a call went.
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

struct TwilioCall
{
    QString sid;
    // queued, ringing, in-progress, completed, busy, failed, no-answer or canceled.
    QString status;
    std::optional<int> durationSeconds; // once the call has ended
    QDateTime endTime;                  // UTC; invalid while the call goes on

    bool hasEnded() const
    {
        return status == QLatin1StringView("completed") || status == QLatin1StringView("busy")
            || status == QLatin1StringView("failed") || status == QLatin1StringView("no-answer")
            || status == QLatin1StringView("canceled");
    }
};
