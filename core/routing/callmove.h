// What a seat asked to do with a call in progress: send it to voicemail, or transfer it to a staff
// member, a team or a number. Twilio is told to fetch our control webhook for the call, whose URL
// carries the move (signed by Twilio like every webhook, so nobody else can make one up).
#pragma once

#include <QString>
#include <QUrlQuery>

#include <optional>

struct CallMove
{
    enum class Kind { Voicemail, Staff, Team, Number };

    Kind kind = Kind::Voicemail;
    QString target; // staff id, team id or E.164 number; empty for voicemail
    QString seat;   // who asked, for the call's timeline

    // The query of the control webhook's URL, and back; nothing for a query that names no move.
    QUrlQuery toQuery() const;
    static std::optional<CallMove> fromQuery(const QUrlQuery &query);
};
