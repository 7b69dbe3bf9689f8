// Decides where each inbound call goes and keeps the call's session and timeline.
#include "callrouter.h"

#include "pendinganswer.h"
#include "phone/phonenormalizer.h"
#include "retell/retellclient.h"
#include "routinglog.h"
#include "timelinebatch.h"
#include "twilio/twimlwriter.h"

#include <QCoroSignal>
#include <QJsonObject>
#include <QPointer>

#include <chrono>

using namespace Qt::StringLiterals;

namespace {

// Where a session is in its life. Stored as text so the call log stays readable.
namespace Stage {
const QString Registering = u"registering"_s; // waiting for Retell
const QString Agent = u"agent"_s; // the AI agent's SIP leg is ringing
const QString AgentConnected = u"agent_connected"_s;
const QString Fallback = u"fallback"_s; // the fallback number is ringing
const QString Answered = u"answered"_s; // a person took it
const QString Closing = u"closing"_s; // closing message played, hanging up
const QString Failed = u"failed"_s; // nobody could be reached at all
} // namespace Stage

bool isTerminalStatus(const QString &status)
{
    return status == u"completed"_s || status == u"busy"_s || status == u"failed"_s
        || status == u"no-answer"_s || status == u"canceled"_s;
}

// Twilio's call statuses only move forward; a lower rank arriving later is out of order.
int statusRank(const QString &status)
{
    if (status == u"queued"_s)
        return 1;
    if (status == u"initiated"_s)
        return 2;
    if (status == u"ringing"_s)
        return 3;
    if (status == u"in-progress"_s)
        return 4;
    if (isTerminalStatus(status))
        return 5;
    return 0;
}

QString readableCaller(const QString &from)
{
    return from.isEmpty() ? CallRouter::tr("an unknown number") : from;
}

void appendRoute(CallSessionRecord &session, const QString &route)
{
    session.route = session.route.isEmpty() ? route : session.route + u',' + route;
}

QString localStart(const QDateTime &startsAt)
{
    return startsAt.toLocalTime().toString(u"dddd, MMMM d, yyyy 'at' h:mm AP"_s);
}

} // namespace

CallRouter::CallRouter(Database &db, CallLogWriter &log, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_log(log)
    , m_network(network)
    , m_calls(db)
    , m_bookings(db)
{
    connect(&m_log, &CallLogWriter::written, this, &CallRouter::onWritten);
}

QCoro::Task<> CallRouter::stored()
{
    return m_log.stored();
}

CallRouter::~CallRouter() = default;

QString CallRouter::closingLanguage()
{
    //: The language Twilio's voice reads the closing sentence in, as a BCP 47 tag (de-DE, es-ES):
    //: it must match the language of the translated sentence.
    return tr("en-US");
}

QString CallRouter::closingSentence()
{
    return tr("We're sorry, nobody can take your call right now. Please try again later. Goodbye.");
}

QCoro::Task<QByteArray> CallRouter::answerIncoming(
    CallEvent event, RouterSettings settings, CallbackUrls urls)
{
    if (event.callSid.isEmpty()) {
        // Nothing to keep a session under; still put the caller through to a person.
        qCWarning(lcRouting) << "A voice webhook arrived without a CallSid; ringing the fallback number.";
        co_return settings.fallbackNumber.isEmpty() ? closingTwiml() : fallbackTwiml(settings, urls);
    }
    if (const CallSessionRecord *live = m_sessions.find(event.callSid))
        co_return co_await answerRepeat(*live, settings, urls);
    if (m_calls.hasSession(event.callSid)) {
        if (std::optional<CallSessionRecord> stored = m_calls.findSession(event.callSid))
            co_return co_await answerRepeat(*stored, settings, urls);
    }

    CallSessionRecord session;
    session.callSid = event.callSid;
    session.from = event.from;
    session.to = event.to;
    session.startedAt = QDateTime::currentDateTimeUtc();
    session.lastStatus = event.callStatus;
    co_return co_await routeNewCall(session, settings, urls);
}

QCoro::Task<QByteArray> CallRouter::routeNewCall(
    CallSessionRecord session, RouterSettings settings, CallbackUrls urls)
{
    TimelineBatch batch(session.callSid);
    batch.add(Step::CallReceived, EventAction::WebhookReceived, EventResult::Processed,
        tr("Incoming call from %1 to %2.").arg(readableCaller(session.from), session.to));

    if (!settings.routingEnabled) {
        const QByteArray twiml = ringFallbackOrClose(
            session, batch, settings, urls, tr("Routing is switched off (routing.enabled is false)."));
        persist(session, batch, true);
        co_return twiml;
    }

    std::optional<CallerMatch> match;
    const PhoneNormalizer normalizer(settings.defaultRegion);
    QString callerE164;
    if (PhoneNormalizer::isWithheldCallerId(session.from)) {
        batch.add(Step::BookingLookup, EventAction::Internal, EventResult::Processed,
            tr("The caller's number is withheld, so there is nobody to look up."));
    } else if (std::optional<QString> e164 = normalizer.toE164(session.from)) {
        callerE164 = *e164;
        match = m_bookings.findCaller(callerE164, QDateTime::currentDateTimeUtc());
        if (!match) {
            batch.add(Step::BookingLookup, EventAction::Internal, EventResult::Processed,
                tr("No customer is saved with the number %1.").arg(callerE164));
        } else if (!match->activeBooking) {
            session.customerId = match->customer.id;
            batch.add(Step::BookingLookup, EventAction::Internal, EventResult::Processed,
                tr("%1 is a customer with no active booking.").arg(match->customer.name));
        } else {
            const Booking &booking = *match->activeBooking;
            session.customerId = match->customer.id;
            session.bookingId = booking.id;
            batch.add(Step::BookingLookup, EventAction::Internal, EventResult::Processed,
                tr("%1 has an active booking %2 (%3) on %4.")
                    .arg(match->customer.name, booking.externalId, bookingStatusName(booking.status),
                        localStart(booking.startsAt)));
        }
    } else {
        batch.add(Step::BookingLookup, EventAction::Internal, EventResult::Processed,
            tr("The caller ID \"%1\" is not a phone number, so there is nobody to look up.")
                .arg(session.from));
    }

    if (!match || !match->activeBooking) {
        const QByteArray twiml = ringFallbackOrClose(session, batch, settings, urls, {});
        persist(session, batch, true);
        co_return twiml;
    }

    if (settings.retellApiKey.isEmpty() || settings.retellAgentId.isEmpty()) {
        batch.add(Step::AgentRegistration, EventAction::Internal, EventResult::Failed,
            tr("The AI agent is not set up (retell.api_key and retell.agent_id are needed)."));
        const QByteArray twiml = ringFallbackOrClose(session, batch, settings, urls, {});
        persist(session, batch, true);
        co_return twiml;
    }

    session.stage = Stage::Registering;
    appendRoute(session, u"ai_agent"_s);
    persist(session, batch, true);
    match->customer.phoneE164 = callerE164;
    co_return co_await handToAgent(session, *match, settings, urls);
}

QCoro::Task<QByteArray> CallRouter::handToAgent(
    CallSessionRecord session, CallerMatch match, RouterSettings settings, CallbackUrls urls)
{
    const QString callSid = session.callSid;
    auto pending = std::make_shared<PendingAnswer>();
    m_pending.insert(callSid, pending);

    const Booking &booking = *match.activeBooking;
    RetellCallRequest request;
    request.agentId = settings.retellAgentId;
    request.fromNumber = match.customer.phoneE164;
    request.toNumber = session.to;
    request.metadata = QJsonObject {
        { u"twilio_call_sid"_s, callSid },
        { u"customer_id"_s,
            match.customer.externalId.isEmpty() ? QString::number(match.customer.id)
                                                : match.customer.externalId },
        { u"booking_id"_s, booking.externalId.isEmpty() ? QString::number(booking.id) : booking.externalId },
    };
    request.dynamicVariables.insert(u"customer_name"_s, match.customer.name);
    request.dynamicVariables.insert(u"booking_start"_s, localStart(booking.startsAt));
    request.dynamicVariables.insert(u"booking_service"_s, booking.service);
    request.dynamicVariables.insert(u"booking_staff"_s, booking.staff);

    RetellClient client(m_network, settings.retellApiBase, settings.retellApiKey.toUtf8(),
        std::chrono::milliseconds(settings.retellTimeoutMs));
    QPointer<CallRouter> self(this);
    const Result<RetellRegisteredCall> registered = co_await client.registerPhoneCall(request);
    if (!self) // shutting down while Retell was answering
        co_return fallbackTwiml(settings, urls);

    // A status callback may have closed the session while we waited.
    CallSessionRecord current = findSession(callSid).value_or(session);
    TimelineBatch batch(callSid);
    QByteArray twiml;
    if (current.endedAt.isValid()) {
        batch.add(Step::AgentRegistration, EventAction::CommandSent, EventResult::Ignored,
            tr("The caller hung up before the AI agent was ready."));
        twiml = hangupTwiml();
    } else if (registered.ok()) {
        const QString sipUri = u"sip:"_s + registered->callId + u'@' + settings.retellSipDomain;
        batch.add(Step::AgentRegistration, EventAction::CommandSent, EventResult::Processed,
            tr("Registered the call with the AI agent (Retell call %1).").arg(registered->callId));
        current.agentCallId = registered->callId;
        current.stage = Stage::Agent;
        batch.add(Step::DialAgent, EventAction::CommandSent, EventResult::Processed,
            tr("Connecting the caller to the AI agent at %1.").arg(sipUri));
        twiml = agentTwiml(registered->callId, settings, urls);
    } else {
        batch.add(Step::AgentRegistration, EventAction::CommandSent, EventResult::Failed, registered.error());
        twiml = ringFallbackOrClose(
            current, batch, settings, urls, tr("The AI agent could not take the call."));
    }
    persist(current, batch, false);
    m_pending.remove(callSid);
    pending->finish(twiml);
    co_return twiml;
}

QCoro::Task<QByteArray> CallRouter::answerRepeat(
    CallSessionRecord session, RouterSettings settings, CallbackUrls urls)
{
    if (session.stage == Stage::Registering) {
        if (std::shared_ptr<PendingAnswer> pending = m_pending.value(session.callSid)) {
            if (!pending->isFinished())
                co_await qCoro(pending.get(), &PendingAnswer::finished);
            co_return pending->twiml();
        }
        // The registration was lost (the router restarted while waiting): a person takes over.
        TimelineBatch batch(session.callSid);
        batch.add(Step::AgentRegistration, EventAction::Internal, EventResult::Failed,
            tr("The registration with the AI agent was interrupted."));
        const QByteArray twiml = ringFallbackOrClose(session, batch, settings, urls, {});
        persist(session, batch, false);
        co_return twiml;
    }
    TimelineBatch batch(session.callSid);
    batch.add(Step::CallReceived, EventAction::WebhookReceived, EventResult::Ignored,
        tr("Twilio sent this call again; answered as before."));
    persist(session, batch, false);
    co_return twimlForStage(session, settings, urls);
}

QByteArray CallRouter::answerDialResult(
    const CallEvent &event, DialLeg leg, const RouterSettings &settings, const CallbackUrls &urls)
{
    if (event.callSid.isEmpty()) {
        qCWarning(lcRouting) << "A dial result arrived without a CallSid.";
        if (leg == DialLeg::Agent && !settings.fallbackNumber.isEmpty())
            return fallbackTwiml(settings, urls);
        return closingTwiml();
    }

    std::optional<CallSessionRecord> found = findSession(event.callSid);
    if (!found) {
        // No record (another machine answered, or the data was reset): still reach a person.
        CallSessionRecord session;
        session.callSid = event.callSid;
        session.from = event.from;
        session.to = event.to;
        session.startedAt = QDateTime::currentDateTimeUtc();
        session.lastStatus = event.callStatus;
        TimelineBatch batch(session.callSid);
        batch.add(Step::CallReceived, EventAction::WebhookReceived, EventResult::Processed,
            tr("A dial result arrived for a call with no record here."));
        const QByteArray twiml = leg == DialLeg::Agent
            ? ringFallbackOrClose(session, batch, settings, urls, {})
            : closeCall(session, batch, CallOutcome::Missed, tr("The fallback number had already rung."));
        persist(session, batch, true);
        return twiml;
    }

    CallSessionRecord session = *found;
    const Step resultStep = leg == DialLeg::Agent ? Step::DialAgentResult : Step::DialFallbackResult;
    const QString expectedStage = leg == DialLeg::Agent ? Stage::Agent : Stage::Fallback;
    TimelineBatch batch(session.callSid);
    if (session.stage != expectedStage) {
        batch.add(resultStep, EventAction::WebhookReceived, EventResult::Ignored,
            tr("Twilio repeated this dial result; answered as before."));
        persist(session, batch, false);
        return twimlForStage(session, settings, urls);
    }

    const bool connected = event.dialCallStatus == u"completed"_s || event.dialBridged;
    QString status = event.dialCallStatus.isEmpty() ? tr("no status") : event.dialCallStatus;
    if (!event.dialSipResponseCode.isEmpty())
        status += u", SIP "_s + event.dialSipResponseCode;
    QByteArray twiml;
    if (connected) {
        const QString duration = event.dialCallDurationSeconds >= 0
            ? tr(" for %n second(s)", nullptr, event.dialCallDurationSeconds)
            : QString();
        session.stage = leg == DialLeg::Agent ? Stage::AgentConnected : Stage::Answered;
        session.outcome
            = Timeline::name(leg == DialLeg::Agent ? CallOutcome::AiAgent : CallOutcome::Answered);
        batch.add(resultStep, EventAction::WebhookReceived, EventResult::Processed,
            leg == DialLeg::Agent ? tr("The AI agent took the call%1.").arg(duration)
                                  : tr("The fallback number answered%1.").arg(duration));
        twiml = hangupTwiml();
    } else if (leg == DialLeg::Agent) {
        batch.add(resultStep, EventAction::WebhookReceived, EventResult::Failed,
            tr("The AI agent's line did not connect (%1).").arg(status));
        twiml = ringFallbackOrClose(session, batch, settings, urls, {});
    } else {
        batch.add(resultStep, EventAction::WebhookReceived, EventResult::Failed,
            tr("The fallback number did not answer (%1).").arg(status));
        twiml = closeCall(session, batch, CallOutcome::Missed, {});
    }
    persist(session, batch, false);
    return twiml;
}

void CallRouter::recordStatus(const CallEvent &event)
{
    if (event.callSid.isEmpty()) {
        qCWarning(lcRouting) << "A status callback arrived without a CallSid; ignored.";
        return;
    }
    std::optional<CallSessionRecord> found = findSession(event.callSid);
    if (!found) {
        qCWarning(lcRouting) << "A status callback arrived for a call with no record here:" << event.callSid;
        return;
    }
    CallSessionRecord session = *found;
    TimelineBatch batch(session.callSid);
    const QString status = event.callStatus;

    if (session.endedAt.isValid()) {
        batch.add(Step::StatusChanged, EventAction::WebhookReceived, EventResult::Ignored,
            tr("Status \"%1\" arrived after the call had ended; ignored.").arg(status));
    } else if (!isTerminalStatus(status)) {
        if (statusRank(status) <= statusRank(session.lastStatus)) {
            batch.add(Step::StatusChanged, EventAction::WebhookReceived, EventResult::Ignored,
                tr("Status \"%1\" arrived after \"%2\"; ignored.").arg(status, session.lastStatus));
        } else {
            session.lastStatus = status;
            batch.add(Step::StatusChanged, EventAction::WebhookReceived, EventResult::Processed,
                tr("The call is %1.").arg(status));
        }
    } else {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        session.endedAt = now;
        session.durationSeconds = event.callDurationSeconds >= 0
            ? event.callDurationSeconds
            : int(qMax<qint64>(0, session.startedAt.secsTo(now)));
        session.lastStatus = status;
        if (session.outcome == Timeline::name(CallOutcome::Ongoing)) {
            if (session.stage == Stage::AgentConnected)
                session.outcome = Timeline::name(CallOutcome::AiAgent);
            else if (session.stage == Stage::Answered)
                session.outcome = Timeline::name(CallOutcome::Answered);
            else if (session.stage == Stage::Failed || status == u"failed"_s)
                session.outcome = Timeline::name(CallOutcome::Failed);
            else
                session.outcome = Timeline::name(CallOutcome::Missed);
        }
        batch.add(Step::StatusChanged, EventAction::WebhookReceived, EventResult::Processed,
            tr("The call ended (%1) after %n second(s); outcome: %2.", nullptr, *session.durationSeconds)
                .arg(status, session.outcome));
    }
    persist(session, batch, false);
}

QByteArray CallRouter::ringFallbackOrClose(CallSessionRecord &session, TimelineBatch &batch,
    const RouterSettings &settings, const CallbackUrls &urls, const QString &why)
{
    const QString prefix = why.isEmpty() ? QString() : why + u' ';
    if (!settings.fallbackNumber.isEmpty() && !session.fallbackDialed) {
        session.fallbackDialed = true;
        session.stage = Stage::Fallback;
        appendRoute(session, u"fallback"_s);
        batch.add(Step::DialFallback, EventAction::CommandSent, EventResult::Processed,
            prefix
                + tr("Ringing the fallback number %1 for up to %n second(s).", nullptr,
                    settings.fallbackTimeoutSeconds)
                      .arg(settings.fallbackNumber));
        return fallbackTwiml(settings, urls);
    }
    if (settings.fallbackNumber.isEmpty()) {
        return closeCall(session, batch, CallOutcome::Failed,
            prefix + tr("No fallback number is set (routing.fallback_number)."));
    }
    return closeCall(
        session, batch, CallOutcome::Missed, prefix + tr("The fallback number has already rung."));
}

QByteArray CallRouter::closeCall(
    CallSessionRecord &session, TimelineBatch &batch, CallOutcome outcome, const QString &why)
{
    session.stage = outcome == CallOutcome::Failed ? Stage::Failed : Stage::Closing;
    session.outcome = Timeline::name(outcome);
    appendRoute(session, u"closing"_s);
    const QString prefix = why.isEmpty() ? QString() : why + u' ';
    batch.add(Step::Hangup, EventAction::CommandSent,
        outcome == CallOutcome::Failed ? EventResult::Failed : EventResult::Processed,
        prefix + tr("Played the closing message and hung up."));
    return closingTwiml();
}

QByteArray CallRouter::twimlForStage(
    const CallSessionRecord &session, const RouterSettings &settings, const CallbackUrls &urls) const
{
    if (session.stage == Stage::Agent && !session.agentCallId.isEmpty())
        return agentTwiml(session.agentCallId, settings, urls);
    if (session.stage == Stage::Fallback && !settings.fallbackNumber.isEmpty())
        return fallbackTwiml(settings, urls);
    if (session.stage == Stage::AgentConnected || session.stage == Stage::Answered)
        return hangupTwiml();
    return closingTwiml();
}

QByteArray CallRouter::agentTwiml(
    const QString &agentCallId, const RouterSettings &settings, const CallbackUrls &urls) const
{
    DialOptions options;
    options.action = urls.dialResult(DialLeg::Agent);
    options.answerOnBridge = true;
    return TwimlWriter().dialSip(u"sip:"_s + agentCallId + u'@' + settings.retellSipDomain, options).toXml();
}

QByteArray CallRouter::fallbackTwiml(const RouterSettings &settings, const CallbackUrls &urls) const
{
    DialOptions options;
    options.action = urls.dialResult(DialLeg::Fallback);
    options.timeoutSeconds = settings.fallbackTimeoutSeconds;
    options.answerOnBridge = true;
    return TwimlWriter().dialNumber(settings.fallbackNumber, options).toXml();
}

QByteArray CallRouter::closingTwiml()
{
    return TwimlWriter().say(closingSentence(), {}, closingLanguage()).hangup().toXml();
}

QByteArray CallRouter::hangupTwiml()
{
    return TwimlWriter().hangup().toXml();
}

std::optional<CallSessionRecord> CallRouter::findSession(const QString &callSid)
{
    if (const CallSessionRecord *session = m_sessions.find(callSid))
        return *session;
    return m_calls.findSession(callSid);
}

void CallRouter::persist(const CallSessionRecord &session, TimelineBatch &batch, bool create)
{
    const quint64 sequence = m_log.write({ session, batch.events(), create });
    m_sessions.put(session, sequence);
    batch.clear();
}

void CallRouter::onWritten(const QList<CallLogChange> &changes, quint64 upTo)
{
    // Published only once committed, so the monitor never shows what was not stored.
    for (const CallLogChange &change : changes) {
        Q_EMIT sessionUpdated(change.session);
        for (const CallEventRecord &event : change.events)
            Q_EMIT eventRecorded(event);
    }
    m_sessions.committed(changes, upTo);
}
