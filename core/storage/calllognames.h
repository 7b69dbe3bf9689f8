// The call log's words: outcomes, stages, timeline steps, actions and results. The code passes them
// around as enums; their contract names (DESIGN.md, "Outcomes and timeline") appear only where the
// log is stored or written out (the stores, the journal, the JSON and CSV writers), through these
// functions. What a person reads for each is the ui's business (ui/calls/calllogwords).
#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <optional>

enum class CallOutcome { Ongoing, AiAgent, Answered, Voicemail, Missed, Blocked, Failed };

// Where a call session is in its life.
enum class CallStage {
    None,           // just received: nothing decided yet
    Registering,    // waiting for Retell
    Agent,          // the AI agent's SIP leg is ringing
    AgentConnected, // talking with the AI agent
    Fallback,       // the fallback number is ringing
    Menu,           // waiting for the caller's key
    Ringing,        // a round of the dial chain is ringing
    Answered,       // a person took it
    Voicemail,      // recording the caller's message
    VoicemailLeft,  // the message is recorded
    Blocked,        // refused with <Reject/>
    Closing,        // closing message played, hanging up
    Failed,         // nobody could be reached at all
};

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

// Who placed the call: a caller ringing the business, or the business calling someone back.
enum class CallDirection { Incoming, Outgoing };
enum class EventResult { Processed, Failed, Ignored };

namespace CallLogNames {
inline constexpr std::array allOutcomes { CallOutcome::Ongoing, CallOutcome::AiAgent, CallOutcome::Answered,
    CallOutcome::Voicemail, CallOutcome::Missed, CallOutcome::Blocked, CallOutcome::Failed };

QString name(CallOutcome outcome);
QString name(CallStage stage);
QString name(Step step);
QString name(EventAction action);
QString name(EventResult result);
QString name(CallDirection direction);

// The enum a contract name stands for; nothing for a name the contract does not have.
std::optional<CallOutcome> outcome(QStringView name);
std::optional<CallStage> stage(QStringView name);
std::optional<Step> step(QStringView name);
std::optional<EventAction> action(QStringView name);
std::optional<EventResult> result(QStringView name);

// What a stored name reads as. Only Switchboard writes the call log, so a name these do not know was
// written by a newer version: the call or event is kept, read as the nearest word we have.
CallOutcome storedOutcome(QStringView name); // failed
CallStage storedStage(QStringView name);     // none
Step storedStep(QStringView name);           // a change of status
EventAction storedAction(QStringView name);  // internal
EventResult storedResult(QStringView name);  // processed
CallDirection storedDirection(QStringView name); // incoming
}
