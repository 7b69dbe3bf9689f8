// The contract names of outcomes and timeline steps, actions and results.
#include "timeline.h"

using namespace Qt::StringLiterals;

QString Timeline::name(CallOutcome outcome)
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

QString Timeline::name(Step step)
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

QString Timeline::name(EventAction action)
{
    switch (action) {
    case EventAction::WebhookReceived: return u"webhook_received"_s;
    case EventAction::CommandSent: return u"command_sent"_s;
    case EventAction::Internal: return u"internal"_s;
    }
    return {};
}

QString Timeline::name(EventResult result)
{
    switch (result) {
    case EventResult::Processed: return u"processed"_s;
    case EventResult::Failed: return u"failed"_s;
    case EventResult::Ignored: return u"ignored"_s;
    }
    return {};
}

bool Timeline::isKnownOutcome(const QString &outcome)
{
    for (CallOutcome o : {CallOutcome::Ongoing, CallOutcome::AiAgent, CallOutcome::Answered, CallOutcome::Voicemail,
                          CallOutcome::Missed, CallOutcome::Blocked, CallOutcome::Failed}) {
        if (name(o) == outcome)
            return true;
    }
    return false;
}
