// The contract names of the call log's words.
#include "calllognames.h"

using namespace Qt::StringLiterals;

namespace {
// The enum whose contract name is `name`, trying every value from the first to `last`.
template<typename Enum>
std::optional<Enum> named(QStringView name, Enum last)
{
    for (int i = 0; i <= int(last); ++i) {
        if (CallLogNames::name(Enum(i)) == name)
            return Enum(i);
    }
    return std::nullopt;
}
}

QString CallLogNames::name(CallOutcome outcome)
{
    switch (outcome) {
    case CallOutcome::Ongoing: return u"ongoing"_s;
    case CallOutcome::AiAgent: return u"ai_agent"_s;
    case CallOutcome::Answered: return u"answered"_s;
    case CallOutcome::Voicemail: return u"voicemail"_s;
    case CallOutcome::Missed: return u"missed"_s;
    case CallOutcome::Blocked: return u"blocked"_s;
    case CallOutcome::Failed: return u"failed"_s;
    }
    return {};
}

QString CallLogNames::name(CallStage stage)
{
    switch (stage) {
    case CallStage::None: return QString();
    case CallStage::Registering: return u"registering"_s;
    case CallStage::Agent: return u"agent"_s;
    case CallStage::AgentConnected: return u"agent_connected"_s;
    case CallStage::Fallback: return u"fallback"_s;
    case CallStage::Menu: return u"menu"_s;
    case CallStage::Ringing: return u"ringing"_s;
    case CallStage::Answered: return u"answered"_s;
    case CallStage::Voicemail: return u"voicemail"_s;
    case CallStage::VoicemailLeft: return u"voicemail_left"_s;
    case CallStage::Blocked: return u"blocked"_s;
    case CallStage::Closing: return u"closing"_s;
    case CallStage::Failed: return u"failed"_s;
    }
    return {};
}

QString CallLogNames::name(Step step)
{
    switch (step) {
    case Step::CallReceived: return u"CallReceived"_s;
    case Step::CallerBlocked: return u"CallerBlocked"_s;
    case Step::BookingLookup: return u"BookingLookup"_s;
    case Step::AgentRegistration: return u"AgentRegistration"_s;
    case Step::DialAgent: return u"DialAgent"_s;
    case Step::DialAgentResult: return u"DialAgentResult"_s;
    case Step::DialFallback: return u"DialFallback"_s;
    case Step::DialFallbackResult: return u"DialFallbackResult"_s;
    case Step::Welcome: return u"Welcome"_s;
    case Step::GatherDtmf: return u"GatherDtmf"_s;
    case Step::MenuChoice: return u"MenuChoice"_s;
    case Step::DialChainResolved: return u"DialChainResolved"_s;
    case Step::DialTarget: return u"DialTarget"_s;
    case Step::DialTargetResult: return u"DialTargetResult"_s;
    case Step::ConfirmTarget: return u"ConfirmTarget"_s;
    case Step::ConfirmTargetResult: return u"ConfirmTargetResult"_s;
    case Step::Voicemail: return u"Voicemail"_s;
    case Step::RecordingSaved: return u"RecordingSaved"_s;
    case Step::Hangup: return u"Hangup"_s;
    case Step::StatusChanged: return u"StatusChanged"_s;
    }
    return {};
}

QString CallLogNames::name(EventAction action)
{
    switch (action) {
    case EventAction::WebhookReceived: return u"webhook_received"_s;
    case EventAction::CommandSent: return u"command_sent"_s;
    case EventAction::Internal: return u"internal"_s;
    }
    return {};
}

QString CallLogNames::name(EventResult result)
{
    switch (result) {
    case EventResult::Processed: return u"processed"_s;
    case EventResult::Failed: return u"failed"_s;
    case EventResult::Ignored: return u"ignored"_s;
    }
    return {};
}

std::optional<CallOutcome> CallLogNames::outcome(QStringView name)
{
    return named(name, CallOutcome::Failed);
}

std::optional<CallStage> CallLogNames::stage(QStringView name)
{
    return named(name, CallStage::Failed);
}

std::optional<Step> CallLogNames::step(QStringView name)
{
    return named(name, Step::StatusChanged);
}

std::optional<EventAction> CallLogNames::action(QStringView name)
{
    return named(name, EventAction::Internal);
}

std::optional<EventResult> CallLogNames::result(QStringView name)
{
    return named(name, EventResult::Ignored);
}

CallOutcome CallLogNames::storedOutcome(QStringView name)
{
    return outcome(name).value_or(CallOutcome::Failed);
}

CallStage CallLogNames::storedStage(QStringView name)
{
    return stage(name).value_or(CallStage::None);
}

Step CallLogNames::storedStep(QStringView name)
{
    return step(name).value_or(Step::StatusChanged);
}

EventAction CallLogNames::storedAction(QStringView name)
{
    return action(name).value_or(EventAction::Internal);
}

EventResult CallLogNames::storedResult(QStringView name)
{
    return result(name).value_or(EventResult::Processed);
}

QString CallLogNames::name(CallDirection direction)
{
    switch (direction) {
    case CallDirection::Incoming: return u"incoming"_s;
    case CallDirection::Outgoing: return u"outgoing"_s;
    }
    return {};
}

CallDirection CallLogNames::storedDirection(QStringView name)
{
    return name == u"outgoing"_s ? CallDirection::Outgoing : CallDirection::Incoming;
}
