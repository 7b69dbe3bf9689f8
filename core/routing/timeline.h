// The contract names of outcomes and timeline steps, actions and results (see DESIGN.md).
#pragma once

#include <QString>

enum class CallOutcome { Ongoing, AiAgent, Answered, Voicemail, Missed, Blocked, Failed };

enum class Step {
    CallReceived,
    CallerBlocked,
    BookingLookup,
    AgentRegistration,
    DialAgent,
    DialAgentResult,
    DialFallback,
    DialFallbackResult,
    Welcome,
    GatherDtmf,
    MenuChoice,
    DialChainResolved,
    DialTarget,
    DialTargetResult,
    ConfirmTarget,
    ConfirmTargetResult,
    Voicemail,
    RecordingSaved,
    Hangup,
    StatusChanged,
};

enum class EventAction { WebhookReceived, CommandSent, Internal };
enum class EventResult { Processed, Failed, Ignored };

namespace Timeline {
QString name(CallOutcome outcome);
QString name(Step step);
QString name(EventAction action);
QString name(EventResult result);
bool isKnownOutcome(const QString &outcome);
}
