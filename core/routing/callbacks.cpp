// Call-backs: the outgoing session, its timeline, and the TwiML of the staff member's leg.
#include "callbacks.h"

#include "callrouter.h"
#include "callstate.h"
#include "phone/phonenormalizer.h"
#include "routinglog.h"
#include "timelinebatch.h"
#include "twilio/twimlwriter.h"

using namespace Qt::StringLiterals;

namespace {

// A number read out digit by digit ("1 5 5 5 ...") rather than as one huge number.
QString spokenNumber(const QString &number)
{
    QStringList digits;
    for (const QChar c : number) {
        if (c.isDigit())
            digits.append(QString(c));
    }
    return digits.join(u' ');
}

// The business numbers this router knows, in the order they are tried as a caller ID: the routed numbers
// (twilio.numbers), then those the routing plan names.
QStringList businessNumbers(const RouterSettings &settings, const RoutingModel &model)
{
    QStringList numbers = settings.twilioNumbers;
    for (const RoutingPlan &plan : model.plans) {
        for (const QString &number : plan.numbers) {
            if (number != RoutingModel::DefaultPlanNumber && !numbers.contains(number))
                numbers.append(number);
        }
    }
    for (const StaffMember &member : model.staff) {
        for (const QString &number : member.ownsNumbers) {
            if (!numbers.contains(number))
                numbers.append(number);
        }
    }
    return numbers;
}

} // namespace

QString CallBackWebhook::stepName(Step step)
{
    switch (step) {
    case Step::Answer: return u"answer"_s;
    case Step::Key: return u"key"_s;
    case Step::Result: return u"result"_s;
    }
    return {};
}

std::optional<CallBackWebhook::Step> CallBackWebhook::stepNamed(QStringView name)
{
    for (Step step : { Step::Answer, Step::Key, Step::Result }) {
        if (stepName(step) == name)
            return step;
    }
    return std::nullopt;
}

CallBacks::CallBacks(CallRouter &router)
    : m_router(router)
{
}

QString CallBacks::named(const QString &name, const QString &number)
{
    return name.isEmpty() || name == number ? number : u"%1 (%2)"_s.arg(name, number);
}

Result<CallBackPlan> CallBacks::plan(const CallBackRequest &request, const RouterSettings &settings)
{
    CallBackPlan plan;
    plan.seat = request.seat.trimmed().isEmpty() ? tr("A seat") : request.seat.trimmed().left(80);
    const PhoneNormalizer normalizer(settings.defaultRegion);

    QString written = request.number;
    if (!request.callSid.isEmpty()) {
        const std::optional<CallSessionRecord> call = m_router.session(request.callSid);
        if (!call)
            return Result<CallBackPlan>::failure(tr("There is no call %1 here to call back.").arg(request.callSid.left(40)));
        plan.originalCallSid = call->callSid;
        // Calling back again after a call-back: the same customer, from the same number.
        const bool outgoing = call->direction == CallDirection::Outgoing;
        written = outgoing ? call->to : call->from;
        plan.businessNumber = outgoing ? call->from : call->to;
    }
    if (PhoneNormalizer::isWithheldCallerId(written))
        return Result<CallBackPlan>::failure(tr("The caller's number was withheld, so there is no number to call back."));
    const std::optional<QString> customer = normalizer.toE164(written);
    if (!customer)
        return Result<CallBackPlan>::failure(tr("\"%1\" is not a phone number that can be called back.").arg(written.left(40)));
    plan.customer = *customer;
    if (const std::optional<CallerMatch> match = m_router.findCustomer(plan.customer)) {
        plan.customerName = match->customer.name;
        plan.customerId = match->customer.id;
    }

    const RoutingModel &model = m_router.routingModel(settings);
    if (plan.businessNumber.isEmpty() || !plan.businessNumber.startsWith(u'+'))
        plan.businessNumber = m_router.lastNumberCalledBy(plan.customer);
    if (plan.businessNumber.isEmpty())
        plan.businessNumber = businessNumbers(settings, model).value(0);
    if (plan.businessNumber.isEmpty()) {
        return Result<CallBackPlan>::failure(tr("This Switchboard knows none of the business's numbers (set "
                                                "twilio.numbers), so there is no number to call back from."));
    }

    if (!request.staffId.isEmpty()) {
        const StaffMember *member = model.findStaff(request.staffId);
        if (!member)
            return Result<CallBackPlan>::failure(tr("There is no staff member \"%1\".").arg(request.staffId.left(40)));
        if (member->phone.isEmpty())
            return Result<CallBackPlan>::failure(tr("%1 has no phone number to ring.").arg(member->name));
        plan.first = DialTarget { member->id, member->name, member->phone, 0 };
    } else {
        const std::optional<QString> phone = normalizer.toE164(request.deskPhone);
        if (!phone)
            return Result<CallBackPlan>::failure(tr("Say whose phone rings first: a staff member or a phone number."));
        plan.first = DialTarget { {}, {}, *phone, 0 };
    }
    if (plan.first.phone == plan.customer)
        return Result<CallBackPlan>::failure(tr("The phone that rings first is the customer's own."));
    return plan;
}

void CallBacks::placed(const CallBackPlan &plan, const QString &callSid)
{
    CallSessionRecord session;
    session.callSid = callSid;
    session.direction = CallDirection::Outgoing;
    session.from = plan.businessNumber;
    session.to = plan.customer;
    session.startedAt = QDateTime::currentDateTimeUtc();
    session.customerId = plan.customerId;
    session.route = u"call_back"_s;
    session.stage = CallStage::Ringing;
    session.lastStatus = u"queued"_s;
    CallState state;
    state.callerE164 = plan.customer;
    state.callerName = plan.customerName;
    state.rounds = { { plan.first } };
    state.round = 0;
    state.ringSeconds = RingSeconds;
    session.state = state.toJson();

    const QString customer = named(plan.customerName, plan.customer);
    TimelineBatch batch(callSid);
    batch.add(Step::DialTarget, EventAction::CommandSent, EventResult::Processed,
        tr("%1 is calling back %2 from %3: ringing %4 first.")
            .arg(plan.seat, customer, plan.businessNumber, named(plan.first.name, plan.first.phone)));
    m_router.store(session, batch, true);

    if (plan.originalCallSid.isEmpty())
        return;
    if (const std::optional<CallSessionRecord> original = m_router.session(plan.originalCallSid)) {
        TimelineBatch note(original->callSid);
        note.add(Step::DialTarget, EventAction::CommandSent, EventResult::Processed,
            tr("%1 is calling %2 back, ringing %3 first (call %4).")
                .arg(plan.seat, customer, named(plan.first.name, plan.first.phone), callSid));
        m_router.store(*original, note, false);
    }
}

void CallBacks::failed(const CallBackPlan &plan, const QString &error)
{
    if (plan.originalCallSid.isEmpty())
        return;
    if (const std::optional<CallSessionRecord> original = m_router.session(plan.originalCallSid)) {
        TimelineBatch note(original->callSid);
        note.add(Step::DialTarget, EventAction::CommandSent, EventResult::Failed,
            tr("%1 asked to call %2 back; Twilio said: %3")
                .arg(plan.seat, named(plan.customerName, plan.customer), error));
        m_router.store(*original, note, false);
    }
}

QByteArray CallBacks::answer(const CallEvent &event, const CallBackWebhook &webhook, const CallbackUrls &urls)
{
    TwimlWriter out;
    const std::optional<CallSessionRecord> found = event.callSid.isEmpty() ? std::nullopt : m_router.session(event.callSid);
    if (!found || found->direction != CallDirection::Outgoing) {
        // Never dial anyone for a call we did not place.
        qCWarning(lcRouting) << "A call-back webhook arrived for a call that is no call-back here:" << event.callSid;
        return out.say(tr("This call-back is not known here. Goodbye."), {}, CallRouter::closingLanguage()).hangup().toXml();
    }
    CallSessionRecord session = *found;
    CallState state = CallState::fromJson(session.state);
    const DialTarget first = state.rounds.value(0).value(0);
    const QString firstName = first.name.isEmpty() ? first.phone : first.name;
    const QString customerName = state.callerName.isEmpty() ? session.to : state.callerName;
    const QString customer = named(state.callerName, session.to);
    TimelineBatch batch(session.callSid);

    const auto prompt = [&](int attempt) {
        const QString spoken = state.callerName.isEmpty() ? spokenNumber(session.to) : state.callerName;
        GatherOptions options;
        options.action = urls.callBack(CallBackWebhook::stepName(CallBackWebhook::Step::Key), attempt);
        options.numDigits = 1;
        options.timeoutSeconds = 5;
        options.actionOnEmptyResult = true;
        out.gather(options,
            { TwimlMessage { tr("Call back %1. Press 1 to connect.").arg(spoken), {}, CallRouter::closingLanguage(), {} } });
    };

    switch (webhook.step) {
    case CallBackWebhook::Step::Answer:
        if (session.endedAt.isValid()) {
            batch.add(Step::ConfirmTarget, EventAction::WebhookReceived, EventResult::Ignored,
                tr("%1 answered after the call-back had ended.").arg(firstName));
            out.hangup();
            break;
        }
        session.stage = CallStage::Menu;
        batch.add(Step::ConfirmTarget, EventAction::WebhookReceived, EventResult::Processed,
            tr("%1 answered; asked them to press 1 to call %2 (attempt 1 of %3).")
                .arg(firstName, customer)
                .arg(PromptAttempts));
        prompt(1);
        break;
    case CallBackWebhook::Step::Key:
        if (session.endedAt.isValid()) {
            batch.add(Step::ConfirmTargetResult, EventAction::WebhookReceived, EventResult::Ignored,
                tr("A key arrived after the call-back had ended."));
            out.hangup();
            break;
        }
        if (event.digits == u"1"_s) {
            session.stage = CallStage::Ringing;
            state.rounds = { { first }, { DialTarget { {}, state.callerName, session.to, 0 } } };
            state.round = 1;
            batch.add(Step::ConfirmTargetResult, EventAction::WebhookReceived, EventResult::Processed,
                tr("%1 pressed 1.").arg(firstName));
            batch.add(Step::DialTarget, EventAction::CommandSent, EventResult::Processed,
                tr("Ringing %1 with %2 as caller ID.").arg(customer, session.from));
            DialOptions options;
            options.action = urls.callBack(CallBackWebhook::stepName(CallBackWebhook::Step::Result));
            options.timeoutSeconds = RingSeconds;
            options.callerId = session.from;
            options.answerOnBridge = true;
            out.dialNumber(session.to, options);
            break;
        }
        if (webhook.attempt < PromptAttempts) {
            batch.add(Step::ConfirmTargetResult, EventAction::WebhookReceived, EventResult::Ignored,
                (event.digits.isEmpty() ? tr("%1 pressed no key; asked again (attempt %2 of %3).").arg(firstName)
                                        : tr("%1 pressed %2, not 1; asked again (attempt %3 of %4).")
                                              .arg(firstName, event.digits.left(8)))
                    .arg(webhook.attempt + 1)
                    .arg(PromptAttempts));
            prompt(webhook.attempt + 1);
            break;
        }
        session.stage = CallStage::Closing;
        batch.add(Step::ConfirmTargetResult, EventAction::WebhookReceived, EventResult::Failed,
            tr("%1 did not press 1, so %2 was not called.").arg(firstName, customer));
        batch.add(Step::Hangup, EventAction::Internal, EventResult::Processed, tr("Hung up the call-back."));
        out.hangup();
        break;
    case CallBackWebhook::Step::Result: {
        // Connected: DialBridged where Twilio sends it, else the dial's status.
        const bool bridged = event.dialBridged.value_or(event.dialCallStatus == u"completed"_s);
        const QString status = event.dialCallStatus.isEmpty() ? tr("no status") : event.dialCallStatus;
        // The last word on how the call-back went, even when its end was reported first.
        if (bridged) {
            session.stage = CallStage::Answered;
            session.outcome = CallOutcome::Answered;
            session.answeredBy = first.staffId;
            state.round = 0; // talking with whoever rang first
            batch.add(Step::DialTargetResult, EventAction::WebhookReceived, EventResult::Processed,
                tr("%1 answered and talked with %2 for %n second(s).", nullptr, qMax(0, event.dialCallDurationSeconds))
                    .arg(customerName, firstName));
            out.hangup();
        } else {
            session.stage = CallStage::Closing;
            session.outcome = CallOutcome::Missed;
            batch.add(Step::DialTargetResult, EventAction::WebhookReceived, EventResult::Processed,
                tr("%1 did not answer (%2).").arg(customer, status));
            out.say(tr("%1 did not answer. Goodbye.").arg(state.callerName.isEmpty() ? spokenNumber(session.to) : state.callerName),
                   {}, CallRouter::closingLanguage())
                .hangup();
        }
        break;
    }
    }
    session.state = state.toJson();
    m_router.store(session, batch, false);
    return out.toXml();
}
