// Rows of the call log: one session per inbound call and the timeline of events within it.
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

struct CallSessionRecord
{
    QString callSid;
    QString from;
    QString to;
    QDateTime startedAt;
    QDateTime endedAt;
    std::optional<int> durationSeconds;
    QString outcome = QStringLiteral("ongoing");
    std::optional<qint64> customerId;
    std::optional<qint64> bookingId;
    QString route;        // what the router decided: ai_agent, fallback, closing
    QString stage;        // where the call is now; see CallStage
    QString agentCallId;  // Retell's call id once registered
    bool fallbackDialed = false;
    QString lastStatus;   // the furthest Twilio CallStatus seen
    QString answeredBy;   // staff id of the person who accepted the call; empty when nobody did
    QString state;        // the routing engine's state of the call (JSON, stored as given); empty for none
};

struct CallEventRecord
{
    QString callSid;
    QDateTime at;
    QString step;
    QString action;
    QString result;
    QString detail;
};

// One line of the call list, with the names a person reads instead of ids.
struct CallListEntry
{
    CallSessionRecord session;
    QString customerName;      // empty when the caller is not a customer
    QString bookingExternalId; // the id the booking was imported with
};

struct CallListFilter
{
    QString callerPrefix;
    QString outcome;
    int limit = 50;
};
