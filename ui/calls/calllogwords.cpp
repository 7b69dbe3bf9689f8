// What a person reads for the call log's words.
#include "calllogwords.h"

QList<CallOutcome> CallLogWords::filterOrder()
{
    return { CallOutcome::Answered, CallOutcome::AiAgent, CallOutcome::Voicemail, CallOutcome::Missed,
        CallOutcome::Blocked, CallOutcome::Failed, CallOutcome::Ongoing };
}

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

QString CallLogWords::stage(CallStage stage, const QString &who)
{
    switch (stage) {
    case CallStage::None: return tr("Arriving");
    case CallStage::Registering: return tr("Handing over to the AI agent");
    case CallStage::Agent: return tr("Connecting to the AI agent");
    case CallStage::AgentConnected: return tr("With the AI agent");
    case CallStage::Fallback: return tr("Ringing the fallback number");
    case CallStage::Menu: return tr("In the menu");
    case CallStage::Ringing:
        if (who.isEmpty())
            return tr("Ringing staff");
        //: %1: who rings, a name or a list of names
        return tr("Ringing %1").arg(who);
    case CallStage::Answered:
        if (who.isEmpty())
            return tr("Talking with staff");
        //: %1: the staff member (or number) the caller is talking with
        return tr("Talking with %1").arg(who);
    case CallStage::Voicemail: return tr("Leaving a voicemail");
    case CallStage::VoicemailLeft: return tr("Left a voicemail");
    case CallStage::Blocked: return tr("Rejected");
    case CallStage::Closing:
    case CallStage::Failed: return tr("Hearing the closing message");
    }
    return {};
}

QString CallLogWords::talkingWithFallback()
{
    return tr("Talking with the fallback number");
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
