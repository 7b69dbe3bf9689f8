// The routing engine's decisions for one webhook of a call.
#include "callflow.h"

#include "dialchain.h"
#include "routinglog.h"

using namespace Qt::StringLiterals;

namespace {

// A nesting of `otherwise` and menus deeper than the plan document allows cannot loop, but a
// hand-built model could; the never-drop order takes over past this many actions in one answer.
constexpr int MaxActionsPerAnswer = 16;

TwimlMessage toTwiml(const Message &message)
{
    return { message.say, message.voice, message.language, message.play };
}

// A number read out digit by digit ("+1 5 5 5 ...") rather than as one huge number.
QString spokenNumber(const QString &number)
{
    QStringList digits;
    for (const QChar c : number) {
        if (c.isDigit())
            digits.append(QString(c));
    }
    return digits.join(u' ');
}

bool isCompleted(const CallEvent &event)
{
    return event.dialCallStatus == u"completed"_s;
}

// Whether the caller was connected on this <Dial>. Twilio's DialBridged says so where it is sent: a
// callee who hangs up during screening leaves DialCallStatus "completed" without being bridged.
// Only without it does `judged` decide (the status, and our own record of who pressed 1).
bool wasBridged(const CallEvent &event, bool judged)
{
    return event.dialBridged.value_or(judged);
}

// A callee leg that answered but was never connected to the caller.
bool answeredUnbridged(const CallEvent &event)
{
    return isCompleted(event) && event.dialBridged == false;
}

QString durationText(const CallEvent &event)
{
    return event.dialCallDurationSeconds >= 0
        ? CallFlow::tr(" for %n second(s)", nullptr, event.dialCallDurationSeconds)
        : QString();
}

} // namespace

CallFlow::CallFlow(const CallContext &context, CallSessionRecord &session, CallState &state, TimelineBatch &batch)
    : m_context(context)
    , m_session(session)
    , m_state(state)
    , m_batch(batch)
    , m_firstAnswer(session.stage == CallStage::None)
{ }

// Both keep the context they were first translated in.
QString CallFlow::closingLanguage()
{
    //: The language Twilio's voice reads the closing sentence in, as a BCP 47 tag (de-DE, es-ES):
    //: it must match the language of the translated sentence.
    return QCoreApplication::translate("CallRouter", "en-US");
}

QString CallFlow::closingSentence()
{
    return QCoreApplication::translate(
        "CallRouter", "We're sorry, nobody can take your call right now. Please try again later. Goodbye.");
}

QString CallFlow::voicemailPrompt()
{
    return tr("Please leave a message after the tone. Press the pound key when you are done.");
}

QString CallFlow::prefixed(const QString &why, const QString &sentence)
{
    return why.isEmpty() ? sentence : why + u' ' + sentence;
}

void CallFlow::appendRoute(const QString &route)
{
    m_session.route = m_session.route.isEmpty() ? route : m_session.route + u',' + route;
}

bool CallFlow::screen(TwimlWriter &out)
{
    const std::optional<QString> refusal = RuleEvaluator::refusal(m_context.model, m_state.callerE164);
    if (refusal)
        runReject(*refusal, out);
    return refusal.has_value();
}

CallFlow::Next CallFlow::begin(TwimlWriter &out)
{
    const RoutingModel &model = m_context.model;

    const CallFacts facts { m_state.callerE164, m_session.to, m_state.hasBooking, m_context.now };
    m_ruleMatch = RuleEvaluator::evaluate(model, facts);
    const std::optional<RuleMatch> &match = m_ruleMatch;
    // <Reject/> must be the first verb (the caller is then not billed), so it has no welcome.
    if (!model.messages.welcome.isEmpty() && !(match && match->rule->then.kind == ActionKind::Reject)) {
        out.message(toTwiml(model.messages.welcome));
        m_batch.add(Step::Welcome, EventAction::CommandSent, EventResult::Processed,
            tr("Played the welcome message."));
    }
    if (!match) {
        return neverDrop(
            model.planFor(m_session.to) ? tr("No rule of the plan applies to this call.")
                                        : tr("No plan applies to %1.").arg(m_session.to),
            out);
    }
    return run(ActionPath(match->planIndex, match->ruleIndex),
        tr("Rule \"%1\" applies (%2).").arg(match->rule->name, match->why), out);
}

CallFlow::Next CallFlow::run(const ActionPath &path, const QString &why, TwimlWriter &out)
{
    const Action *action = path.resolve(m_context.model);
    if (++m_actionsRun > MaxActionsPerAnswer) {
        m_state.node.clear();
        return neverDrop(why, out);
    }
    if (!action) {
        // The plan was replaced during the call and no longer has this action.
        m_state.node.clear();
        return neverDrop(prefixed(why, tr("The routing plan changed during the call.")), out);
    }
    return runAction(path, *action, why, out);
}

CallFlow::Next CallFlow::runAction(
    const ActionPath &path, const Action &action, const QString &why, TwimlWriter &out)
{
    m_state.node = path.toString();
    m_state.rounds.clear();
    m_state.round = -1;
    const RoutingModel &model = m_context.model;

    switch (action.kind) {
    case ActionKind::AiAgent:
        return runAgent(why, out);
    case ActionKind::Team:
        if (const Team *team = model.findTeam(action.team))
            return runPeople(*team, tr("Team %1").arg(team->name.isEmpty() ? team->id : team->name), why, out);
        return fallThrough(prefixed(why, tr("The plan names a team \"%1\" it does not have.").arg(action.team)), out);
    case ActionKind::Staff:
    case ActionKind::AssignedStaff:
    case ActionKind::NumberOwner: {
        QString staffId = action.staff;
        if (action.kind == ActionKind::AssignedStaff) {
            staffId = m_state.assignedStaff;
            if (staffId.isEmpty())
                return fallThrough(prefixed(why, tr("The caller has no assigned staff member.")), out);
        } else if (action.kind == ActionKind::NumberOwner) {
            for (const StaffMember &member : model.staff) {
                if (member.ownsNumbers.contains(m_session.to))
                    staffId = member.id;
            }
            if (staffId.isEmpty())
                return fallThrough(prefixed(why, tr("Nobody owns the number %1.").arg(m_session.to)), out);
        }
        const StaffMember *member = model.findStaff(staffId);
        if (!member)
            return fallThrough(prefixed(why, tr("There is no staff member \"%1\".").arg(staffId)), out);
        // One person is a team of one: the same checks (active, on call, busy, already rung).
        Team single;
        single.id = member->id;
        single.name = member->name;
        single.tiers = { { member->id } };
        single.maxPeople = 1;
        single.ringSeconds = action.ringSeconds.value_or(single.ringSeconds);
        return runPeople(single, member->name, why, out);
    }
    case ActionKind::Number:
        return runNumber(action, why, out);
    case ActionKind::Menu:
        runMenu(action, why, out);
        return Next::Answer;
    case ActionKind::Voicemail:
        runVoicemail(action.message.isEmpty() ? model.messages.voicemailGreeting : action.message, why, out);
        return Next::Answer;
    case ActionKind::Message:
        runMessage(action.message, why, out);
        return Next::Answer;
    case ActionKind::Reject:
        runReject(prefixed(why, tr("The rule rejects the call.")), out);
        return Next::Answer;
    }
    return neverDrop(why, out);
}

CallFlow::Next CallFlow::runAgent(const QString &why, TwimlWriter &out)
{
    const RouterSettings &settings = m_context.settings;
    if (settings.retellApiKey.isEmpty() || settings.retellAgentId.isEmpty()) {
        m_batch.add(Step::AgentRegistration, EventAction::Internal, EventResult::Failed,
            prefixed(why, tr("The AI agent is not set up (retell.api_key and retell.agent_id are needed).")));
        return fallThrough({}, out);
    }
    m_session.stage = CallStage::Registering;
    m_state.personTried = true;
    appendRoute(u"ai_agent"_s);
    m_agentReason = why;
    return Next::RegisterAgent;
}

void CallFlow::agentRegistered(const QString &agentCallId, const QString &why, TwimlWriter &out)
{
    const QString sipUri = agentSipUri(agentCallId);
    m_batch.add(Step::AgentRegistration, EventAction::CommandSent, EventResult::Processed,
        prefixed(why, tr("Registered the call with the AI agent (Retell call %1).").arg(agentCallId)));
    m_session.agentCallId = agentCallId;
    m_session.stage = CallStage::Agent;
    m_batch.add(Step::DialAgent, EventAction::CommandSent, EventResult::Processed,
        tr("Connecting the caller to the AI agent at %1.").arg(sipUri));
    writeAgentDial(out);
}

void CallFlow::writeAgentDial(TwimlWriter &out) const
{
    DialOptions options;
    options.action = stamped(m_context.urls.dialResult(DialLeg::Agent));
    options.answerOnBridge = true;
    out.dial(options,
        { DialNoun { DialNoun::Kind::Sip, agentSipUri(m_session.agentCallId), {},
            stamped(m_context.urls.legAnswered(m_session.callSid, DialLeg::Agent)) } });
}

QString CallFlow::agentSipUri(const QString &agentCallId) const
{
    // Retell asks for TCP; Twilio would otherwise dial SIP over UDP.
    return u"sip:"_s + agentCallId + u'@' + m_context.settings.retellSipDomain + u";transport=tcp"_s;
}

CallFlow::Next CallFlow::agentFailed(const QString &error, const QString &why, TwimlWriter &out)
{
    m_batch.add(Step::AgentRegistration, EventAction::CommandSent, EventResult::Failed, prefixed(why, error));
    return fallThrough(tr("The AI agent could not take the call."), out);
}

CallFlow::Next CallFlow::runPeople(const Team &team, const QString &who, const QString &why, TwimlWriter &out)
{
    DialChainRequest request;
    request.at = m_context.now;
    request.dialedNumbers = QSet<QString>(m_state.dialed.cbegin(), m_state.dialed.cend());
    request.busyStaff = m_context.busyStaff;
    if (team.stickyDays > 0 && m_context.stickyStaff && !m_state.callerE164.isEmpty())
        request.stickyStaff = m_context.stickyStaff(m_state.callerE164, team.stickyDays);
    const DialChainResult chain = DialChain::resolve(m_context.model, team, request, *m_context.random);
    m_chains.append(chain);

    m_batch.add(Step::DialChainResolved, EventAction::Internal,
        chain.isEmpty() ? EventResult::Failed : EventResult::Processed,
        prefixed(why, who + u": "_s + chain.describe()));
    if (chain.isEmpty())
        return fallThrough({}, out);

    m_state.rounds = chain.rounds;
    m_state.ringSeconds = team.ringSeconds;
    m_state.confirm = m_context.model.accept.required;
    appendRoute(u"people"_s);
    ringRound(0, {}, out);
    return Next::Answer;
}

CallFlow::Next CallFlow::runNumber(const Action &action, const QString &why, TwimlWriter &out)
{
    const QString &number = action.number;
    if (number == m_context.settings.fallbackNumber) {
        if (m_session.fallbackDialed)
            return fallThrough(prefixed(why, tr("The fallback number has already rung.")), out);
        ringFallback(action.ringSeconds.value_or(m_context.settings.fallbackTimeoutSeconds), why, out);
        return Next::Answer;
    }
    if (m_state.dialed.contains(number))
        return fallThrough(prefixed(why, tr("%1 has already rung in this call.").arg(number)), out);
    // A number is not a staff member: it may be another office or an answering service that
    // cannot press 1, so it is bridged as soon as it answers.
    m_state.rounds = { { DialTarget { {}, number, number, 0 } } };
    m_state.ringSeconds = action.ringSeconds.value_or(m_context.settings.fallbackTimeoutSeconds);
    m_state.confirm = false;
    appendRoute(u"number"_s);
    ringRound(0, why, out);
    return Next::Answer;
}

void CallFlow::ringRound(int round, const QString &why, TwimlWriter &out)
{
    m_state.round = round;
    m_state.acceptedBy.clear();
    m_state.refusedBy.clear();
    m_state.personTried = true;
    for (const DialTarget &target : m_state.rounds.at(round)) {
        if (!m_state.dialed.contains(target.phone))
            m_state.dialed.append(target.phone);
    }
    m_session.stage = CallStage::Ringing;
    const QString sentence = m_state.confirm
        ? tr("Ringing %1 for up to %n second(s); they must press 1 to take the call.", nullptr, m_state.ringSeconds)
        : tr("Ringing %1 for up to %n second(s).", nullptr, m_state.ringSeconds);
    m_batch.add(Step::DialTarget, EventAction::CommandSent, EventResult::Processed,
        prefixed(why, sentence.arg(roundNames())));
    writeRoundDial(out);
}

QString CallFlow::roundNames() const
{
    QStringList names;
    if (const QList<DialTarget> *targets = m_state.ringingRound()) {
        for (const DialTarget &target : *targets)
            names.append(target.name == target.phone ? target.phone : tr("%1 (%2)").arg(target.name, target.phone));
    }
    return names.join(tr(" and "));
}

void CallFlow::writeRoundDial(TwimlWriter &out) const
{
    DialOptions options;
    options.action = stamped(m_context.urls.dialResult(DialLeg::Target));
    options.timeoutSeconds = m_state.ringSeconds;
    options.answerOnBridge = true;
    QList<DialNoun> nouns;
    for (const DialTarget &target : *m_state.ringingRound()) {
        DialNoun noun { DialNoun::Kind::Number, target.phone, {} };
        // A screened person is connected by pressing 1; anyone else as soon as they answer.
        if (isScreened(target))
            noun.url = stamped(m_context.urls.confirm(m_session.callSid, target.staffId, 1));
        else
            noun.answeredCallback
                = stamped(m_context.urls.legAnswered(m_session.callSid, DialLeg::Target, target.staffId));
        nouns.append(noun);
    }
    out.dial(options, nouns);
}

bool CallFlow::isScreened(const DialTarget &target) const
{
    return m_state.confirm && !target.staffId.isEmpty();
}

void CallFlow::ringFallback(int ringSeconds, const QString &why, TwimlWriter &out)
{
    const RouterSettings &settings = m_context.settings;
    m_session.fallbackDialed = true;
    m_session.stage = CallStage::Fallback;
    m_state.personTried = true;
    m_state.ringSeconds = ringSeconds;
    if (!m_state.dialed.contains(settings.fallbackNumber))
        m_state.dialed.append(settings.fallbackNumber);
    appendRoute(u"fallback"_s);
    m_batch.add(Step::DialFallback, EventAction::CommandSent, EventResult::Processed,
        prefixed(why,
            tr("Ringing the fallback number %1 for up to %n second(s).", nullptr, ringSeconds)
                .arg(settings.fallbackNumber)));
    writeFallbackDial(out);
}

void CallFlow::writeFallbackDial(TwimlWriter &out) const
{
    DialOptions options;
    options.action = stamped(m_context.urls.dialResult(DialLeg::Fallback));
    options.timeoutSeconds = m_state.ringSeconds;
    options.answerOnBridge = true;
    out.dial(options,
        { DialNoun { DialNoun::Kind::Number, m_context.settings.fallbackNumber, {},
            stamped(m_context.urls.legAnswered(m_session.callSid, DialLeg::Fallback)) } });
}

void CallFlow::runMenu(const Action &action, const QString &why, TwimlWriter &out)
{
    m_state.menuAttempt = 1;
    m_session.stage = CallStage::Menu;
    appendRoute(u"menu"_s);
    m_batch.add(Step::GatherDtmf, EventAction::CommandSent, EventResult::Processed,
        prefixed(why,
            tr("Played the menu (attempt 1 of %1) and waited %n second(s) for a key.", nullptr, action.timeoutSeconds)
                .arg(action.attempts)));
    promptMenu(action, out);
}

void CallFlow::promptMenu(const Action &action, TwimlWriter &out) const
{
    GatherOptions options;
    options.action = m_context.urls.menu();
    options.numDigits = 1;
    options.timeoutSeconds = action.timeoutSeconds;
    options.actionOnEmptyResult = true;
    out.gather(options, { toTwiml(action.message) });
}

CallFlow::Next CallFlow::menuKey(const CallEvent &event, TwimlWriter &out)
{
    if (m_session.stage != CallStage::Menu) {
        m_batch.add(Step::MenuChoice, EventAction::WebhookReceived, EventResult::Ignored,
            tr("Twilio repeated a menu answer; answered as before."));
        repeat(out);
        return Next::Answer;
    }
    const ActionPath path = ActionPath::parse(m_state.node);
    const Action *menu = path.resolve(m_context.model);
    if (!menu || menu->kind != ActionKind::Menu) {
        m_state.node.clear();
        return neverDrop(tr("The routing plan changed during the call."), out);
    }
    const QString key = event.digits.left(1);
    const auto option = std::find_if(menu->options.cbegin(), menu->options.cend(),
        [&key](const MenuOption &candidate) { return !key.isEmpty() && candidate.digit == key.front(); });
    if (option != menu->options.cend()) {
        m_batch.add(Step::MenuChoice, EventAction::WebhookReceived, EventResult::Processed,
            tr("The caller pressed %1.").arg(key));
        return run(path.option(key.front()), {}, out);
    }

    m_batch.add(Step::MenuChoice, EventAction::WebhookReceived, EventResult::Failed,
        key.isEmpty() ? tr("No key was pressed.") : tr("The caller pressed %1, which the menu does not offer.").arg(key));
    if (m_state.menuAttempt < menu->attempts) {
        ++m_state.menuAttempt;
        m_batch.add(Step::GatherDtmf, EventAction::CommandSent, EventResult::Processed,
            tr("Played the menu again (attempt %1 of %2).").arg(m_state.menuAttempt).arg(menu->attempts));
        promptMenu(*menu, out);
        return Next::Answer;
    }
    return fallThrough(tr("The menu got no usable key in %n attempt(s).", nullptr, menu->attempts), out);
}

CallFlow::Next CallFlow::move(const CallMove &move, TwimlWriter &out)
{
    const QString seat = move.seat.trimmed().isEmpty() ? tr("A seat") : move.seat.trimmed();
    if (m_session.endedAt.isValid()) {
        m_batch.add(move.kind == CallMove::Kind::Voicemail ? Step::Voicemail : Step::DialChainResolved,
            EventAction::WebhookReceived, EventResult::Ignored,
            tr("%1 moved the call, but it had already ended.").arg(seat));
        out.hangup();
        return Next::Answer;
    }
    // Whatever rang or talked before is left: Twilio hung up that line when it moved the call.
    ++m_state.moves;
    m_state.legConnected = false;
    m_state.acceptedBy.clear();
    m_state.refusedBy.clear();
    m_session.answeredBy.clear(); // who takes the call now is told by the new line
    m_state.node.clear(); // no plan action: a transfer nobody takes falls to the never-drop order
    m_state.rounds.clear();
    m_state.round = -1;
    m_state.menuAttempt = 0;

    Action action;
    switch (move.kind) {
    case CallMove::Kind::Voicemail:
        runVoicemail(m_context.model.messages.voicemailGreeting, tr("Moved by %1.").arg(seat), out);
        return Next::Answer;
    case CallMove::Kind::Staff:
        action.kind = ActionKind::Staff;
        action.staff = move.target;
        break;
    case CallMove::Kind::Team:
        action.kind = ActionKind::Team;
        action.team = move.target;
        break;
    case CallMove::Kind::Number:
        action.kind = ActionKind::Number;
        action.number = move.target;
        break;
    }
    // The seat chose these people: they ring even if they rang before in this call, and so may the
    // fallback number afterwards (often the very desk that transferred the call).
    m_state.dialed.clear();
    m_session.fallbackDialed = false;
    return runAction(ActionPath(), action, tr("Moved by %1.").arg(seat), out);
}

void CallFlow::runVoicemail(const Message &greeting, const QString &why, TwimlWriter &out)
{
    const VoicemailOptions &options = m_context.model.voicemail;
    m_state.voicemailTried = true;
    m_session.stage = CallStage::Voicemail;
    appendRoute(u"voicemail"_s);
    m_batch.add(Step::Voicemail, EventAction::CommandSent, EventResult::Processed,
        prefixed(why, tr("Asked the caller to leave a message of up to %n second(s).", nullptr, options.maxSeconds)));
    if (greeting.isEmpty())
        out.say(voicemailPrompt(), {}, closingLanguage());
    else
        out.message(toTwiml(greeting));
    RecordOptions record;
    record.action = m_context.urls.recorded();
    record.maxLengthSeconds = options.maxSeconds;
    record.recordingStatusCallback = m_context.urls.recordingStatus();
    record.transcribe = options.transcribe;
    if (options.transcribe)
        record.transcribeCallback = m_context.urls.transcription();
    out.record(record);
}

void CallFlow::recorded(const CallEvent &event, TwimlWriter &out)
{
    if (m_session.stage != CallStage::Voicemail) {
        m_batch.add(Step::Voicemail, EventAction::WebhookReceived, EventResult::Ignored,
            tr("Twilio repeated the end of the recording; answered as before."));
        out.hangup();
        return;
    }
    if (!event.recordingUrl.isEmpty() && event.recordingDurationSeconds > 0) {
        m_session.stage = CallStage::VoicemailLeft;
        m_session.outcome = CallOutcome::Voicemail;
        m_batch.add(Step::Voicemail, EventAction::WebhookReceived, EventResult::Processed,
            tr("The caller left a message of %n second(s).", nullptr, event.recordingDurationSeconds));
        out.say(tr("Thank you. Goodbye."), {}, closingLanguage());
    } else {
        m_session.stage = CallStage::Closing;
        m_session.outcome = CallOutcome::Missed;
        m_batch.add(Step::Voicemail, EventAction::WebhookReceived, EventResult::Failed,
            tr("The caller left no message."));
    }
    out.hangup();
}

void CallFlow::runMessage(const Message &message, const QString &why, TwimlWriter &out)
{
    m_session.stage = CallStage::Closing;
    m_session.outcome = CallOutcome::Missed;
    appendRoute(u"message"_s);
    m_batch.add(Step::Hangup, EventAction::CommandSent, EventResult::Processed,
        prefixed(why, tr("Played the rule's message and hung up.")));
    out.message(toTwiml(message)).hangup();
}

void CallFlow::runReject(const QString &why, TwimlWriter &out)
{
    m_session.stage = CallStage::Blocked;
    m_session.outcome = CallOutcome::Blocked;
    appendRoute(u"blocked"_s);
    m_batch.add(Step::CallerBlocked, EventAction::CommandSent, EventResult::Processed,
        prefixed(why, tr("Rejected the call.")));
    // Only a first verb rejects without answering; after a welcome or a menu the call is
    // already answered and can only be hung up.
    if (out.isEmpty() && m_firstAnswer)
        out.reject(u"rejected"_s);
    else
        out.hangup();
}

CallFlow::Next CallFlow::fallThrough(const QString &why, TwimlWriter &out)
{
    const ActionPath path = ActionPath::parse(m_state.node);
    const Action *action = path.resolve(m_context.model);
    if (action && action->otherwise) {
        return run(path.otherwise(), prefixed(why, tr("Trying the rule's next option.")), out);
    }
    return neverDrop(why, out);
}

CallFlow::Next CallFlow::neverDrop(const QString &why, TwimlWriter &out)
{
    m_state.node.clear();
    m_state.rounds.clear();
    m_state.round = -1;
    const RouterSettings &settings = m_context.settings;
    // The fallback may also be someone's own phone that already rang in this call.
    if (!settings.fallbackNumber.isEmpty() && !m_session.fallbackDialed
        && !m_state.dialed.contains(settings.fallbackNumber)) {
        ringFallback(settings.fallbackTimeoutSeconds, why, out);
        return Next::Answer;
    }
    if (m_context.model.voicemail.onNoAnswer && !m_state.voicemailTried) {
        runVoicemail(m_context.model.messages.voicemailGreeting, why, out);
        return Next::Answer;
    }
    close(why, out);
    return Next::Answer;
}

void CallFlow::close(const QString &why, TwimlWriter &out)
{
    // "failed": nobody could be tried at all; "missed": people were tried and none answered.
    const bool failed = !m_state.personTried && m_context.settings.fallbackNumber.isEmpty();
    QString reason = why;
    if (m_context.settings.fallbackNumber.isEmpty())
        reason = prefixed(reason, tr("No fallback number is set (routing.fallback_number)."));
    else if (m_session.fallbackDialed)
        reason = prefixed(reason, tr("The fallback number has already rung."));
    m_session.stage = failed ? CallStage::Failed : CallStage::Closing;
    m_session.outcome = failed ? CallOutcome::Failed : CallOutcome::Missed;
    appendRoute(u"closing"_s);
    m_batch.add(Step::Hangup, EventAction::CommandSent, failed ? EventResult::Failed : EventResult::Processed,
        prefixed(reason, tr("Played the closing message and hung up.")));
    const Message &closing = m_context.model.messages.closing;
    if (closing.isEmpty())
        out.say(closingSentence(), {}, closingLanguage());
    else
        out.message(toTwiml(closing));
    out.hangup();
}

QString CallFlow::dialStatusText(const CallEvent &event)
{
    QString status = event.dialCallStatus.isEmpty() ? tr("no status") : event.dialCallStatus;
    if (answeredUnbridged(event))
        status += tr(", not bridged");
    if (!event.dialSipResponseCode.isEmpty())
        status += u", SIP "_s + event.dialSipResponseCode;
    return status;
}

CallFlow::Next CallFlow::dialResult(const CallEvent &event, DialLeg leg, TwimlWriter &out)
{
    // A leg that took the call moved the stage on; its <Dial action> comes when that conversation ends.
    const bool awaited = m_session.stage == diallingStage(leg)
        || (m_state.legConnected && m_session.stage == connectedStage(leg));
    if (event.moved != m_state.moves) {
        m_batch.add(resultStep(leg), EventAction::WebhookReceived, EventResult::Ignored,
            tr("A line the call left when a seat moved it has ended; nothing changed."));
        repeat(out);
        return Next::Answer;
    }
    if (!awaited) {
        m_batch.add(resultStep(leg), EventAction::WebhookReceived, EventResult::Ignored,
            tr("Twilio repeated this dial result; answered as before."));
        repeat(out);
        return Next::Answer;
    }
    switch (leg) {
    case DialLeg::Agent: return agentResult(event, out);
    case DialLeg::Fallback: return fallbackResult(event, out);
    case DialLeg::Target: return targetResult(event, out);
    }
    return Next::Answer;
}

CallFlow::Next CallFlow::agentResult(const CallEvent &event, TwimlWriter &out)
{
    m_state.legConnected = false;
    if (wasBridged(event, isCompleted(event))) {
        m_session.stage = CallStage::AgentConnected;
        m_session.outcome = CallOutcome::AiAgent;
        m_batch.add(Step::DialAgentResult, EventAction::WebhookReceived, EventResult::Processed,
            tr("The AI agent took the call%1.").arg(durationText(event)));
        out.hangup();
        return Next::Answer;
    }
    m_batch.add(Step::DialAgentResult, EventAction::WebhookReceived, EventResult::Failed,
        tr("The AI agent's line did not connect (%1).").arg(dialStatusText(event)));
    return fallThrough({}, out);
}

CallFlow::Next CallFlow::fallbackResult(const CallEvent &event, TwimlWriter &out)
{
    m_state.legConnected = false;
    if (wasBridged(event, isCompleted(event))) {
        m_session.stage = CallStage::Answered;
        m_session.outcome = CallOutcome::Answered;
        m_batch.add(Step::DialFallbackResult, EventAction::WebhookReceived, EventResult::Processed,
            tr("The fallback number answered%1.").arg(durationText(event)));
        out.hangup();
        return Next::Answer;
    }
    m_batch.add(Step::DialFallbackResult, EventAction::WebhookReceived, EventResult::Failed,
        tr("The fallback number did not answer (%1).").arg(dialStatusText(event)));
    return fallThrough({}, out);
}

CallFlow::Next CallFlow::targetResult(const CallEvent &event, TwimlWriter &out)
{
    m_state.legConnected = false;
    const QString names = roundNames();
    // With "press 1", a pickup that was not accepted is no answer (a voicemail box picks up too).
    const bool connected
        = wasBridged(event, isCompleted(event) && (!m_state.confirm || !m_state.acceptedBy.isEmpty()));
    if (connected) {
        const DialTarget *who = m_state.answeringTarget(
            m_state.acceptedBy.isEmpty() ? m_session.answeredBy : m_state.acceptedBy);
        m_session.stage = CallStage::Answered;
        m_session.outcome = CallOutcome::Answered;
        m_session.answeredBy = who ? who->staffId : QString();
        m_batch.add(Step::DialTargetResult, EventAction::WebhookReceived, EventResult::Processed,
            tr("%1 took the call%2.").arg(who ? who->name : names, durationText(event)));
        out.hangup();
        return Next::Answer;
    }

    // Whoever pressed 1 or answered was never connected after all (they hung up before the bridge).
    m_session.answeredBy.clear();
    QString why;
    if (!m_state.refusedBy.isEmpty()) {
        QStringList refused;
        for (const QString &staffId : std::as_const(m_state.refusedBy)) {
            if (const DialTarget *target = m_state.ringingTarget(staffId))
                refused.append(target->name);
        }
        why = tr("%1 picked up but did not press 1.").arg(refused.join(tr(" and ")));
    } else if (answeredUnbridged(event)) {
        why = tr("%1 picked up but hung up before being connected.").arg(names);
    } else {
        why = tr("%1 did not answer (%2).").arg(names, dialStatusText(event));
    }
    m_batch.add(Step::DialTargetResult, EventAction::WebhookReceived, EventResult::Failed, why);
    if (m_state.round + 1 < m_state.rounds.size()) {
        ringRound(m_state.round + 1, {}, out);
        return Next::Answer;
    }
    return fallThrough(m_state.rounds.size() > 1 ? tr("Nobody in the chain took the call.") : QString(), out);
}

Step CallFlow::resultStep(DialLeg leg)
{
    switch (leg) {
    case DialLeg::Agent: return Step::DialAgentResult;
    case DialLeg::Fallback: return Step::DialFallbackResult;
    case DialLeg::Target: return Step::DialTargetResult;
    }
    return Step::DialTargetResult;
}

CallStage CallFlow::diallingStage(DialLeg leg)
{
    switch (leg) {
    case DialLeg::Agent: return CallStage::Agent;
    case DialLeg::Fallback: return CallStage::Fallback;
    case DialLeg::Target: return CallStage::Ringing;
    }
    return CallStage::Ringing;
}

CallStage CallFlow::connectedStage(DialLeg leg)
{
    return leg == DialLeg::Agent ? CallStage::AgentConnected : CallStage::Answered;
}

void CallFlow::legAnswered(DialLeg leg, const QString &staffId, int moved)
{
    const DialTarget *target = leg == DialLeg::Target ? m_state.answeringTarget(staffId) : nullptr;
    if (m_state.legConnected && m_session.stage == connectedStage(leg)) {
        m_batch.add(resultStep(leg), EventAction::WebhookReceived, EventResult::Ignored,
            tr("Twilio repeated that the line answered; nothing changed."));
        return;
    }
    // A screened person is connected by pressing 1, not by answering (a voicemail box answers too).
    if (m_session.endedAt.isValid() || m_session.stage != diallingStage(leg) || moved != m_state.moves
        || (leg == DialLeg::Target && (!target || isScreened(*target)))) {
        m_batch.add(resultStep(leg), EventAction::WebhookReceived, EventResult::Ignored,
            tr("A line answered, but the call no longer waits for it."));
        return;
    }
    m_state.legConnected = true;
    m_session.stage = connectedStage(leg);
    switch (leg) {
    case DialLeg::Agent:
        m_batch.add(Step::DialAgentResult, EventAction::WebhookReceived, EventResult::Processed,
            tr("The AI agent answered and is talking with the caller."));
        break;
    case DialLeg::Fallback:
        m_batch.add(Step::DialFallbackResult, EventAction::WebhookReceived, EventResult::Processed,
            tr("The fallback number answered and is talking with the caller."));
        break;
    case DialLeg::Target:
        m_session.answeredBy = target->staffId;
        m_batch.add(Step::DialTargetResult, EventAction::WebhookReceived, EventResult::Processed,
            tr("%1 answered and is talking with the caller.").arg(target->name));
        break;
    }
}

void CallFlow::confirmPrompt(const QString &staffId, int attempt, int moved, TwimlWriter &out)
{
    const DialTarget *target = m_state.ringingTarget(staffId);
    if (m_session.stage != CallStage::Ringing || !target || !m_state.acceptedBy.isEmpty() || moved != m_state.moves) {
        // The caller hung up, the chain moved on, or someone else took the call already.
        m_batch.add(Step::ConfirmTarget, EventAction::WebhookReceived, EventResult::Ignored,
            tr("%1 picked up, but the call no longer waits for them.").arg(target ? target->name : staffId));
        out.hangup();
        return;
    }
    m_batch.add(Step::ConfirmTarget, EventAction::WebhookReceived, EventResult::Processed,
        tr("%1 picked up; asked them to press 1 (attempt %2 of %3).")
            .arg(target->name)
            .arg(attempt)
            .arg(m_context.model.accept.attempts));
    writeConfirmGather(staffId, attempt, out);
}

void CallFlow::writeConfirmGather(const QString &staffId, int attempt, TwimlWriter &out) const
{
    Message prompt = m_context.model.messages.acceptPrompt;
    if (prompt.isEmpty()) {
        prompt.say = tr("Call from {caller}. Press 1 to accept.");
        prompt.language = closingLanguage();
    }
    const QString caller = !m_state.callerName.isEmpty() ? m_state.callerName
        : !m_state.callerE164.isEmpty()                   ? spokenNumber(m_state.callerE164)
                                                          : tr("an unknown number");
    prompt.say.replace(u"{caller}"_s, caller);
    GatherOptions options;
    options.action = stamped(m_context.urls.confirm(m_session.callSid, staffId, attempt, true));
    options.numDigits = 1;
    options.timeoutSeconds = m_context.model.accept.timeoutSeconds;
    options.actionOnEmptyResult = true;
    out.gather(options, { toTwiml(prompt) });
}

void CallFlow::confirmKey(const QString &staffId, int attempt, int moved, const QString &digits, TwimlWriter &out)
{
    const DialTarget *target = m_state.ringingTarget(staffId);
    const QString name = target ? target->name : staffId;
    if (moved != m_state.moves) {
        m_batch.add(Step::ConfirmTargetResult, EventAction::WebhookReceived, EventResult::Ignored,
            tr("%1 answered the prompt, but the call no longer waits for them.").arg(name));
        out.hangup();
        return;
    }
    if (m_state.legConnected && m_state.acceptedBy == staffId && m_session.stage == CallStage::Answered) {
        // Twilio asked again (our answer went astray): the same empty document keeps them connected.
        m_batch.add(Step::ConfirmTargetResult, EventAction::WebhookReceived, EventResult::Ignored,
            tr("Twilio repeated the key %1 pressed; answered as before.").arg(name));
        return;
    }
    if (m_session.stage != CallStage::Ringing || !target
        || (!m_state.acceptedBy.isEmpty() && m_state.acceptedBy != staffId)) {
        m_batch.add(Step::ConfirmTargetResult, EventAction::WebhookReceived, EventResult::Ignored,
            tr("%1 answered the prompt, but the call no longer waits for them.").arg(name));
        out.hangup();
        return;
    }
    if (digits.startsWith(u'1')) {
        // The empty document below ends the screening, and Twilio bridges them at once: they talk now.
        m_state.acceptedBy = staffId;
        m_state.legConnected = true;
        m_session.stage = CallStage::Answered;
        m_session.answeredBy = staffId;
        m_batch.add(Step::ConfirmTargetResult, EventAction::WebhookReceived, EventResult::Processed,
            tr("%1 pressed 1 and is connected to the caller.").arg(name));
        return; // an empty document bridges the call
    }
    const QString pressed = digits.isEmpty() ? tr("%1 pressed no key.").arg(name)
                                             : tr("%1 pressed %2.").arg(name, digits.left(1));
    if (attempt < m_context.model.accept.attempts) {
        m_batch.add(Step::ConfirmTargetResult, EventAction::WebhookReceived, EventResult::Ignored,
            pressed + u' ' + tr("Asked again (attempt %1 of %2).").arg(attempt + 1).arg(m_context.model.accept.attempts));
        writeConfirmGather(staffId, attempt + 1, out);
        return;
    }
    if (!m_state.refusedBy.contains(staffId))
        m_state.refusedBy.append(staffId);
    m_batch.add(Step::ConfirmTargetResult, EventAction::WebhookReceived, EventResult::Failed,
        pressed + u' ' + tr("Not accepted; hanging up their line."));
    out.hangup();
}

void CallFlow::repeat(TwimlWriter &out) const
{
    const CallStage stage = m_session.stage;
    if (stage == CallStage::Agent && !m_session.agentCallId.isEmpty()) {
        writeAgentDial(out);
    } else if (stage == CallStage::Fallback && !m_context.settings.fallbackNumber.isEmpty()) {
        writeFallbackDial(out);
    } else if (stage == CallStage::Ringing && m_state.ringingRound()) {
        writeRoundDial(out);
    } else if (stage == CallStage::Menu) {
        if (const Action *menu = ActionPath::parse(m_state.node).resolve(m_context.model))
            promptMenu(*menu, out);
        else
            out.say(closingSentence(), {}, closingLanguage()).hangup();
    } else if (stage == CallStage::Blocked) {
        out.reject(u"rejected"_s);
    } else if (stage == CallStage::AgentConnected || stage == CallStage::Answered
        || stage == CallStage::VoicemailLeft || stage == CallStage::Voicemail) {
        out.hangup();
    } else {
        const Message &closing = m_context.model.messages.closing;
        if (closing.isEmpty())
            out.say(closingSentence(), {}, closingLanguage());
        else
            out.message(toTwiml(closing));
        out.hangup();
    }
}
