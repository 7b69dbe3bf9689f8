// Rows of the call log: one session per call (a caller's, or a call-back the business placed) and the
// timeline of events within it.
#pragma once

#include "calllognames.h"

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
    CallOutcome outcome = CallOutcome::Ongoing;
    std::optional<qint64> customerId;
    std::optional<qint64> bookingId;
    QString route;        // what the router decided: ai_agent, fallback, closing
    CallStage stage = CallStage::None; // where the call is now
    QString agentCallId;  // Retell's call id once registered
    bool fallbackDialed = false;
    QString lastStatus;   // the furthest Twilio CallStatus seen
    QString answeredBy;   // staff id of the person who accepted the call; empty when nobody did
    QString state;        // the routing engine's state of the call (JSON, stored as given); empty for none
    // An outgoing call (a call-back) goes from the business number (`from`) to the customer (`to`); it is
    // no caller's call, so it stays out of the incoming statistics and the "To call back" list.
    CallDirection direction = CallDirection::Incoming;
};

// A session whose end Twilio never reported to us, with the last time we heard of the call.
struct UnfinishedSession
{
    CallSessionRecord session;
    QDateTime lastHeard; // the newest event of its timeline; invalid when it has none
};

// A stored call as its rows are keyed: the timeline's index starts with the call's start.
struct StoredCallKey
{
    QString callSid;
    qint64 startedAtMs = 0;
};

struct CallEventRecord
{
    QString callSid;
    QDateTime at;
    Step step = Step::CallReceived;
    EventAction action = EventAction::Internal;
    EventResult result = EventResult::Processed;
    QString detail;
};

// Where a page of the call list ends: the last call of the previous page. The list runs newest first,
// and the row id breaks ties between calls that started in the same millisecond.
struct CallPageCursor
{
    qint64 startedAtMs = 0;
    qint64 rowid = 0;
};

// One line of the call list, with the names a person reads instead of ids.
struct CallListEntry
{
    CallSessionRecord session;
    QString customerName;      // empty when the caller is not a customer
    QString bookingExternalId; // the id the booking was imported with
    qint64 rowid = 0;          // the session's row, for the cursor of the next page

    CallPageCursor cursor() const { return {session.startedAt.toMSecsSinceEpoch(), rowid}; }
};

// Which calls to list; an empty or invalid field does not filter.
struct CallListFilter
{
    // The caller: their number in any written form or some of its digits ("(415) 555-0888", "555-08"),
    // the start of an E.164 number ("+1415"), or words of a customer's name.
    QString caller;
    std::optional<CallOutcome> outcome;
    int limit = 50;        // list() only; page() takes its own size
    QString calledNumber;  // the number called, exactly as stored
    QDateTime since;       // calls that started at this time or later
    QDateTime until;       // calls that started before this time
    // Reads a caller's number typed without a country code; see PhoneNormalizer.
    QString region = QStringLiteral("US");
};
