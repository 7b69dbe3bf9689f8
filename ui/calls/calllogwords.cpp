// What a person reads for the call log's words.
#include "calllogwords.h"

QString CallLogWords::outcome(CallOutcome outcome)
{
    switch (outcome) {
    case CallOutcome::Ongoing: return tr("In progress");
    case CallOutcome::AiAgent: return tr("AI agent");
    case CallOutcome::Answered: return tr("Answered");
    case CallOutcome::Voicemail: return tr("Voicemail");
    case CallOutcome::Missed: return tr("Missed");
    case CallOutcome::Blocked: return tr("Blocked");
    case CallOutcome::Failed: return tr("Failed");
    }
    return {};
}

QString CallLogWords::step(Step step)
{
    switch (step) {
    case Step::CallReceived: return tr("Call received");
    case Step::CallerBlocked: return tr("Caller blocked");
    case Step::BookingLookup: return tr("Booking lookup");
    case Step::AgentRegistration: return tr("AI agent registration");
    case Step::DialAgent: return tr("Dial AI agent");
    case Step::DialAgentResult: return tr("AI agent dial result");
    case Step::DialFallback: return tr("Dial fallback");
    case Step::DialFallbackResult: return tr("Fallback dial result");
    case Step::Welcome: return tr("Welcome");
    case Step::GatherDtmf: return tr("Keypad menu");
    case Step::MenuChoice: return tr("Menu choice");
    case Step::DialChainResolved: return tr("Who to ring");
    case Step::DialTarget: return tr("Ring");
    case Step::DialTargetResult: return tr("Ring result");
    case Step::ConfirmTarget: return tr("Press 1 to accept");
    case Step::ConfirmTargetResult: return tr("Accept result");
    case Step::Voicemail: return tr("Voicemail");
    case Step::RecordingSaved: return tr("Recording saved");
    case Step::Hangup: return tr("Hang up");
    case Step::StatusChanged: return tr("Call status");
    }
    return {};
}

QString CallLogWords::action(EventAction action, Step step)
{
    // The recording is downloaded from Twilio, not sent there.
    if (action == EventAction::CommandSent && step == Step::RecordingSaved)
        return tr("Fetched from Twilio");
    switch (action) {
    case EventAction::WebhookReceived: return tr("Twilio asked");
    case EventAction::CommandSent: return tr("Sent to Twilio");
    case EventAction::Internal: return tr("Internal");
    }
    return {};
}

QString CallLogWords::result(EventResult result)
{
    switch (result) {
    case EventResult::Processed: return tr("Done");
    case EventResult::Failed: return tr("Failed");
    case EventResult::Ignored: return tr("Ignored");
    }
    return {};
}
