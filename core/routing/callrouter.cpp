// Keeps each inbound call's session and timeline and runs the routing engine on its webhooks.
#include "callrouter.h"

#include "datadir/datafolderpath.h"
#include "net/httpclient.h"
#include "pendinganswer.h"
#include "phone/phonenormalizer.h"
#include "plandocument.h"
#include "retell/retellclient.h"
#include "routinglog.h"
#include "routingplanloader.h"
#include "timelinebatch.h"
#include "twilio/recordingdownloader.h"
#include "twilio/twimlwriter.h"

#include <QCoroSignal>
#include <QCoroTimer>
#include <QDir>
#include <QJsonObject>
#include <QPointer>

#include <chrono>

using namespace Qt::StringLiterals;

namespace {

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

QString localStart(const QDateTime &startsAt, const QTimeZone &zone)
{
    return startsAt.toTimeZone(zone).toString(u"dddd, MMMM d, yyyy 'at' h:mm AP"_s);
}

// Routing switched off: no plan, no voicemail, just the fallback number or the closing message.
const RoutingModel &passThroughModel()
{
    static const RoutingModel model;
    return model;
}

QByteArray fallbackTwiml(const RouterSettings &settings, const CallbackUrls &urls)
{
    DialOptions options;
    options.action = urls.dialResult(DialLeg::Fallback);
    options.timeoutSeconds = settings.fallbackTimeoutSeconds;
    options.answerOnBridge = true;
    return TwimlWriter().dialNumber(settings.fallbackNumber, options).toXml();
}

QByteArray closingTwiml()
{
    return TwimlWriter().say(CallFlow::closingSentence(), {}, CallFlow::closingLanguage()).hangup().toXml();
}

} // namespace

CallRouter::CallRouter(Database &db, CallLogWriter &log, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_log(log)
    , m_network(network)
    , m_http(new HttpClient(this))
    , m_calls(db)
    , m_bookings(db)
    , m_recordings(db)
    , m_random(QRandomGenerator::securelySeeded())
{
    connect(&m_log, &CallLogWriter::written, this, &CallRouter::onWritten);
}

CallRouter::~CallRouter() = default;

void CallRouter::resume(const QList<JournalRecord> &replayed)
{
    for (const JournalRecord &record : replayed) {
        m_sessions.put(record.change.session, record.sequence);
        m_stored.add(record.change.session.callSid);
    }
}

QCoro::Task<> CallRouter::stored(QDeadlineTimer latest)
{
    return m_log.stored(latest);
}

QByteArray CallRouter::neverDropAnswer(
    const RouterSettings &settings, const CallbackUrls &urls, bool fallbackRang)
{
    return settings.fallbackNumber.isEmpty() || fallbackRang ? closingTwiml() : fallbackTwiml(settings, urls);
}

QString CallRouter::closingLanguage()
{
    return CallFlow::closingLanguage();
}

QString CallRouter::closingSentence()
{
    return CallFlow::closingSentence();
}

const RoutingModel &CallRouter::model(const RouterSettings &settings)
{
    // The plan's rows move the settings revision, so one number says whether either changed.
    if (settings.revision >= 0 && settings.revision == m_modelRevision && settings.fallbackNumber == m_modelFallback)
        return m_model;
    const RoutingPlanLoader loader(m_db, settings.defaultRegion, settings.fallbackNumber);
    Result<RoutingModel> loaded = loader.load();
    if (loaded.ok()) {
        m_model = std::move(loaded).value();
    } else {
        // Calls must still be routed: the built-in booking rule takes over.
        qCCritical(lcRouting).noquote() << "The stored routing plan cannot be used; routing by the booking rule:"
                                        << loaded.error();
        m_model = PlanDocument::defaultModel(settings.fallbackNumber, RoutingPlanLoader::localZone());
    }
    m_modelRevision = settings.revision;
    m_modelFallback = settings.fallbackNumber;
    return m_model;
}

CallContext CallRouter::context(const RouterSettings &settings, const CallbackUrls &urls, const QString &callSid)
{
    CallContext context { settings.routingEnabled ? model(settings) : passThroughModel(), settings, urls,
        QDateTime::currentDateTimeUtc(), busyStaff(callSid), {}, &m_random };
    context.stickyStaff = [this](const QString &caller, int days) {
        return m_calls.lastAnsweredBy(caller, QDateTime::currentDateTimeUtc().addDays(-days));
    };
    return context;
}

QSet<QString> CallRouter::busyStaff(const QString &exceptCallSid) const
{
    QSet<QString> busy;
    for (auto it = m_occupied.cbegin(); it != m_occupied.cend(); ++it) {
        if (it.key() != exceptCallSid) {
            for (const QString &staffId : it.value())
                busy.insert(staffId);
        }
    }
    return busy;
}

QCoro::Task<QByteArray> CallRouter::answerIncoming(CallEvent event, RouterSettings settings, CallbackUrls urls)
{
    if (event.callSid.isEmpty()) {
        // Nothing to keep a session under; still put the caller through to a person.
        qCWarning(lcRouting) << "A voice webhook arrived without a CallSid; ringing the fallback number.";
        co_return settings.fallbackNumber.isEmpty() ? closingTwiml() : fallbackTwiml(settings, urls);
    }
    if (const CallSessionRecord *live = m_sessions.find(event.callSid))
        co_return co_await answerRepeat(*live, settings, urls);
    if (m_stored.mayHave(event.callSid)) {
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

QCoro::Task<QByteArray> CallRouter::routeNewCall(CallSessionRecord session, RouterSettings settings, CallbackUrls urls)
{
    Turn turn { session, {}, TimelineBatch(session.callSid), {}, CallFlow::Next::Answer, {}, true };
    turn.batch.add(Step::CallReceived, EventAction::WebhookReceived, EventResult::Processed,
        tr("Incoming call from %1 to %2.").arg(readableCaller(session.from), session.to));
    const PhoneNormalizer normalizer(settings.defaultRegion);
    // Twilio sends the called number in E.164; anything else is read as a number once, here.
    if (!session.to.startsWith(u'+')) {
        if (const std::optional<QString> called = normalizer.toE164(session.to))
            turn.session.to = *called;
    }
    const CallContext context = this->context(settings, urls, session.callSid);

    if (!settings.routingEnabled) {
        CallFlow flow(context, turn.session, turn.state, turn.batch);
        turn.next = flow.fallThrough(tr("Routing is switched off (routing.enabled is false)."), turn.out);
        co_return co_await finish(std::move(turn), settings, urls);
    }

    const bool withheld = PhoneNormalizer::isWithheldCallerId(session.from);
    if (!withheld)
        turn.state.callerE164 = normalizer.toE164(session.from).value_or(QString());
    CallFlow flow(context, turn.session, turn.state, turn.batch);
    if (flow.screen(turn.out))
        co_return co_await finish(std::move(turn), settings, urls);

    if (withheld) {
        turn.batch.add(Step::BookingLookup, EventAction::Internal, EventResult::Processed,
            tr("The caller's number is withheld, so there is nobody to look up."));
    } else if (const QString &e164 = turn.state.callerE164; !e164.isEmpty()) {
        std::optional<CallerMatch> &match = turn.caller;
        lookUpCaller(turn, &match);
        if (!match) {
            turn.batch.add(Step::BookingLookup, EventAction::Internal, EventResult::Processed,
                tr("No customer is saved with the number %1.").arg(e164));
        } else if (!match->activeBooking) {
            turn.batch.add(Step::BookingLookup, EventAction::Internal, EventResult::Processed,
                tr("%1 is a customer with no active booking.").arg(match->customer.name));
        } else {
            const Booking &booking = *match->activeBooking;
            turn.batch.add(Step::BookingLookup, EventAction::Internal, EventResult::Processed,
                tr("%1 has an active booking %2 (%3) on %4.")
                    .arg(match->customer.name, booking.externalId, bookingStatusName(booking.status),
                        localStart(booking.startsAt, context.model.timeZone)));
        }
    } else {
        turn.batch.add(Step::BookingLookup, EventAction::Internal, EventResult::Processed,
            tr("The caller ID \"%1\" is not a phone number, so there is nobody to look up.").arg(session.from));
    }

    turn.next = flow.begin(turn.out);
    turn.agentReason = flow.agentReason();
    co_return co_await finish(std::move(turn), settings, urls);
}

void CallRouter::lookUpCaller(Turn &turn, std::optional<CallerMatch> *match)
{
    *match = turn.state.callerE164.isEmpty()
        ? std::nullopt
        : m_bookings.findCaller(turn.state.callerE164, QDateTime::currentDateTimeUtc());
    if (!*match)
        return;
    turn.session.customerId = (*match)->customer.id;
    turn.state.callerName = (*match)->customer.name;
    turn.state.assignedStaff = (*match)->customer.assignedStaff;
    turn.state.hasBooking = (*match)->activeBooking.has_value();
    if ((*match)->activeBooking)
        turn.session.bookingId = (*match)->activeBooking->id;
}

QCoro::Task<QByteArray> CallRouter::finish(Turn turn, RouterSettings settings, CallbackUrls urls)
{
    turn.session.state = turn.state.toJson();
    persist(turn.session, turn.batch, turn.create);
    if (turn.next == CallFlow::Next::Answer)
        co_return turn.out.toXml();
    co_return co_await registerAgent(std::move(turn), settings, urls);
}

QCoro::Task<QByteArray> CallRouter::registerAgent(Turn turn, RouterSettings settings, CallbackUrls urls)
{
    const QString callSid = turn.session.callSid;
    auto pending = std::make_shared<PendingAnswer>();
    m_pending.insert(callSid, pending);

    std::optional<CallerMatch> match = std::move(turn.caller);
    if (!match)
        lookUpCaller(turn, &match);
    RetellCallRequest request;
    request.agentId = settings.retellAgentId;
    request.fromNumber = turn.state.callerE164.isEmpty() ? turn.session.from : turn.state.callerE164;
    request.toNumber = turn.session.to;
    request.metadata = QJsonObject { { u"twilio_call_sid"_s, callSid } };
    if (match) {
        const Customer &customer = match->customer;
        request.metadata.insert(
            u"customer_id"_s, customer.externalId.isEmpty() ? QString::number(customer.id) : customer.externalId);
        request.dynamicVariables.insert(u"customer_name"_s, customer.name);
        if (const std::optional<Booking> &booking = match->activeBooking) {
            request.metadata.insert(
                u"booking_id"_s, booking->externalId.isEmpty() ? QString::number(booking->id) : booking->externalId);
            request.dynamicVariables.insert(u"booking_start"_s, localStart(booking->startsAt, model(settings).timeZone));
            request.dynamicVariables.insert(u"booking_service"_s, booking->service);
            request.dynamicVariables.insert(u"booking_staff"_s, booking->staff);
        }
    }

    RetellClient client(m_http, settings.retellApiBase, settings.retellApiKey.toUtf8(),
        std::chrono::milliseconds(settings.retellTimeoutMs));
    QPointer<CallRouter> self(this);
    const Result<RetellRegisteredCall> registered = co_await client.registerPhoneCall(request);
    if (!self) // shutting down while Retell was answering: a person still takes the call
        co_return settings.fallbackNumber.isEmpty() ? closingTwiml() : fallbackTwiml(settings, urls);

    // A status callback may have closed the session while we waited.
    Turn after { findSession(callSid).value_or(turn.session), {}, TimelineBatch(callSid), std::move(turn.out),
        CallFlow::Next::Answer, {}, false };
    after.state = CallState::fromJson(after.session.state);
    QByteArray twiml;
    if (after.session.endedAt.isValid()) {
        after.batch.add(Step::AgentRegistration, EventAction::CommandSent, EventResult::Ignored,
            tr("The caller hung up before the AI agent was ready."));
        twiml = TwimlWriter().hangup().toXml();
        persist(after.session, after.batch, false);
    } else {
        const CallContext context = this->context(settings, urls, callSid);
        CallFlow flow(context, after.session, after.state, after.batch);
        if (registered.ok()) {
            flow.agentRegistered(registered->callId, turn.agentReason, after.out);
        } else {
            after.next = flow.agentFailed(registered.error(), turn.agentReason, after.out);
            after.agentReason = flow.agentReason();
        }
        // A failure may lead to another registration (an `otherwise` that is the agent again).
        m_pending.remove(callSid);
        twiml = co_await finish(std::move(after), settings, urls);
    }
    if (m_pending.value(callSid) == pending)
        m_pending.remove(callSid);
    pending->finish(twiml);
    co_return twiml;
}

QCoro::Task<QByteArray> CallRouter::answerRepeat(CallSessionRecord session, RouterSettings settings, CallbackUrls urls)
{
    if (session.stage == CallStage::Registering) {
        if (std::shared_ptr<PendingAnswer> pending = m_pending.value(session.callSid)) {
            if (!pending->isFinished())
                co_await qCoro(pending.get(), &PendingAnswer::finished);
            co_return pending->twiml();
        }
        // The registration was lost (the router restarted while waiting): a person takes over.
        Turn turn { session, CallState::fromJson(session.state), TimelineBatch(session.callSid), {},
            CallFlow::Next::Answer, {}, false };
        turn.batch.add(Step::AgentRegistration, EventAction::Internal, EventResult::Failed,
            tr("The registration with the AI agent was interrupted."));
        const CallContext context = this->context(settings, urls, session.callSid);
        CallFlow flow(context, turn.session, turn.state, turn.batch);
        turn.next = flow.fallThrough({}, turn.out);
        turn.agentReason = flow.agentReason();
        co_return co_await finish(std::move(turn), settings, urls);
    }
    TimelineBatch batch(session.callSid);
    batch.add(Step::CallReceived, EventAction::WebhookReceived, EventResult::Ignored,
        tr("Twilio sent this call again; answered as before."));
    persist(session, batch, false);
    CallState state = CallState::fromJson(session.state);
    const CallContext context = this->context(settings, urls, session.callSid);
    TimelineBatch unused(session.callSid);
    TwimlWriter out;
    CallFlow(context, session, state, unused).repeat(out);
    co_return out.toXml();
}

CallSessionRecord CallRouter::unknownSession(const CallEvent &event)
{
    CallSessionRecord session;
    session.callSid = event.callSid;
    session.from = event.from;
    session.to = event.to;
    session.startedAt = QDateTime::currentDateTimeUtc();
    session.lastStatus = event.callStatus;
    return session;
}

QCoro::Task<QByteArray> CallRouter::answerDialResult(
    CallEvent event, DialLeg leg, RouterSettings settings, CallbackUrls urls)
{
    if (event.callSid.isEmpty()) {
        qCWarning(lcRouting) << "A dial result arrived without a CallSid.";
        co_return leg != DialLeg::Fallback && !settings.fallbackNumber.isEmpty() ? fallbackTwiml(settings, urls)
                                                                                 : closingTwiml();
    }

    const CallContext context = this->context(settings, urls, event.callSid);
    std::optional<CallSessionRecord> found = findSession(event.callSid);
    if (!found) {
        // No record (another machine answered, or the data was reset): still reach a person.
        Turn turn { unknownSession(event), {}, TimelineBatch(event.callSid), {}, CallFlow::Next::Answer, {}, true };
        turn.batch.add(Step::CallReceived, EventAction::WebhookReceived, EventResult::Processed,
            tr("A dial result arrived for a call with no record here."));
        // The fallback leg itself ended: it has rung.
        turn.session.fallbackDialed = leg == DialLeg::Fallback;
        turn.state.personTried = true;
        CallFlow flow(context, turn.session, turn.state, turn.batch);
        turn.next = flow.fallThrough({}, turn.out);
        co_return co_await finish(std::move(turn), settings, urls);
    }

    Turn turn { *found, CallState::fromJson(found->state), TimelineBatch(event.callSid), {},
        CallFlow::Next::Answer, {}, false };
    CallFlow flow(context, turn.session, turn.state, turn.batch);
    turn.next = flow.dialResult(event, leg, turn.out);
    turn.agentReason = flow.agentReason();
    co_return co_await finish(std::move(turn), settings, urls);
}

QCoro::Task<QByteArray> CallRouter::answerMenu(CallEvent event, RouterSettings settings, CallbackUrls urls)
{
    const CallContext context = this->context(settings, urls, event.callSid);
    std::optional<CallSessionRecord> found = event.callSid.isEmpty() ? std::nullopt : findSession(event.callSid);
    Turn turn { found.value_or(unknownSession(event)), {}, TimelineBatch(event.callSid), {},
        CallFlow::Next::Answer, {}, !found };
    turn.state = CallState::fromJson(turn.session.state);
    CallFlow flow(context, turn.session, turn.state, turn.batch);
    if (!found) {
        turn.batch.add(Step::MenuChoice, EventAction::WebhookReceived, EventResult::Failed,
            tr("A menu key arrived for a call with no record here."));
        turn.next = flow.fallThrough({}, turn.out);
    } else {
        turn.next = flow.menuKey(event, turn.out);
        turn.agentReason = flow.agentReason();
    }
    if (event.callSid.isEmpty()) // nothing to store it under
        co_return turn.out.toXml();
    co_return co_await finish(std::move(turn), settings, urls);
}

QByteArray CallRouter::answerConfirm(
    const ConfirmRequest &request, const RouterSettings &settings, const CallbackUrls &urls)
{
    std::optional<CallSessionRecord> found
        = request.callSid.isEmpty() ? std::nullopt : findSession(request.callSid);
    TwimlWriter out;
    if (!found) {
        // Never bridge a leg of a call we know nothing about.
        qCWarning(lcRouting) << "A callee's screening webhook arrived for an unknown call:" << request.callSid;
        return out.hangup().toXml();
    }
    CallSessionRecord session = *found;
    CallState state = CallState::fromJson(session.state);
    TimelineBatch batch(session.callSid);
    const CallContext context = this->context(settings, urls, session.callSid);
    CallFlow flow(context, session, state, batch);
    if (request.key)
        flow.confirmKey(request.staffId, request.attempt, request.moved, request.digits, out);
    else
        flow.confirmPrompt(request.staffId, request.attempt, request.moved, out);
    session.state = state.toJson();
    persist(session, batch, false);
    return out.toXml();
}

void CallRouter::recordLegStatus(
    const LegStatusRequest &request, const RouterSettings &settings, const CallbackUrls &urls)
{
    // Only "answered" is asked for; any other status of a leg is told by its <Dial action>.
    if (request.status != u"in-progress"_s) {
        qCDebug(lcRouting) << "A dialled leg's status" << request.status << "for" << request.callSid
                           << "ignored.";
        return;
    }
    std::optional<CallSessionRecord> found
        = request.callSid.isEmpty() ? std::nullopt : findSession(request.callSid);
    if (!found) {
        qCWarning(lcRouting) << "A dialled leg answered for an unknown call:" << request.callSid;
        return;
    }
    CallSessionRecord session = *found;
    CallState state = CallState::fromJson(session.state);
    TimelineBatch batch(session.callSid);
    const CallContext context = this->context(settings, urls, session.callSid);
    CallFlow(context, session, state, batch).legAnswered(request.leg, request.staffId, request.moved);
    session.state = state.toJson();
    persist(session, batch, false);
}

QByteArray CallRouter::answerControl(
    const CallEvent &event, const CallMove &move, const RouterSettings &settings, const CallbackUrls &urls)
{
    std::optional<CallSessionRecord> found = event.callSid.isEmpty() ? std::nullopt : findSession(event.callSid);
    if (!found) {
        // Twilio moved a call we have no record of: the caller still reaches a person.
        qCWarning(lcRouting) << "A seat's move arrived for an unknown call:" << event.callSid;
        return neverDropAnswer(settings, urls, false);
    }
    CallSessionRecord session = *found;
    CallState state = CallState::fromJson(session.state);
    TimelineBatch batch(session.callSid);
    TwimlWriter out;
    const CallContext context = this->context(settings, urls, session.callSid);
    CallFlow(context, session, state, batch).move(move, out);
    session.state = state.toJson();
    persist(session, batch, false);
    return out.toXml();
}

QString CallRouter::moveTarget(const CallMove &move, const RouterSettings &settings, QString *problem)
{
    const RoutingModel &plan = model(settings);
    switch (move.kind) {
    case CallMove::Kind::Voicemail:
        return tr("voicemail");
    case CallMove::Kind::Staff:
        if (const StaffMember *member = plan.findStaff(move.target))
            return member->name.isEmpty() ? member->id : member->name;
        *problem = tr("There is no staff member \"%1\".").arg(move.target.left(40));
        return {};
    case CallMove::Kind::Team:
        if (const Team *team = plan.findTeam(move.target))
            return tr("team %1").arg(team->name.isEmpty() ? team->id : team->name);
        *problem = tr("There is no team \"%1\".").arg(move.target.left(40));
        return {};
    case CallMove::Kind::Number:
        if (PhoneNormalizer().toE164(move.target) == move.target)
            return move.target;
        *problem = tr("%1 is not a phone number in international form (+ and the country code).")
                       .arg(move.target.left(40));
        return {};
    }
    return {};
}

QByteArray CallRouter::answerRecorded(const CallEvent &event, const RouterSettings &settings, const CallbackUrls &urls)
{
    std::optional<CallSessionRecord> found = event.callSid.isEmpty() ? std::nullopt : findSession(event.callSid);
    TwimlWriter out;
    if (!found) {
        qCWarning(lcRouting) << "A recording ended for an unknown call:" << event.callSid;
        return out.hangup().toXml();
    }
    CallSessionRecord session = *found;
    CallState state = CallState::fromJson(session.state);
    TimelineBatch batch(session.callSid);
    const CallContext context = this->context(settings, urls, session.callSid);
    CallFlow(context, session, state, batch).recorded(event, out);
    session.state = state.toJson();
    persist(session, batch, false);
    return out.toXml();
}

void CallRouter::appendEvent(
    const QString &callSid, Step step, EventAction action, EventResult result, const QString &detail)
{
    std::optional<CallSessionRecord> session = findSession(callSid);
    if (!session) {
        qCWarning(lcRouting).noquote() << "No call" << callSid << "for:" << detail;
        return;
    }
    TimelineBatch batch(callSid);
    batch.add(step, action, result, detail);
    persist(*session, batch, false);
}

void CallRouter::recordRecording(const CallEvent &event, const RouterSettings &settings)
{
    if (event.callSid.isEmpty() || event.recordingSid.isEmpty()) {
        qCWarning(lcRouting) << "A recording callback arrived without a CallSid or RecordingSid; ignored.";
        return;
    }
    RecordingRecord recording;
    recording.callSid = event.callSid;
    recording.recordingSid = event.recordingSid;
    recording.url = QUrl(event.recordingUrl);
    if (event.recordingDurationSeconds >= 0)
        recording.durationSeconds = event.recordingDurationSeconds;
    QString error;
    if (!m_recordings.save(recording, &error))
        qCWarning(lcRouting).noquote() << "Cannot save recording" << recording.recordingSid << error;

    if (event.recordingStatus != u"completed"_s) {
        appendEvent(event.callSid, Step::RecordingSaved, EventAction::WebhookReceived, EventResult::Failed,
            tr("Twilio could not keep the recording %1 (%2).")
                .arg(recording.recordingSid, event.recordingStatus.isEmpty() ? tr("no status") : event.recordingStatus));
        return;
    }
    if (m_dataDir.isEmpty() || recording.url.isEmpty()) {
        appendEvent(event.callSid, Step::RecordingSaved, EventAction::WebhookReceived, EventResult::Processed,
            tr("The recording %1 is kept at Twilio: %2.").arg(recording.recordingSid, recording.url.toString()));
        return;
    }
    // Our credentials and our disk are for Twilio's files only, never for a host a request names.
    if (!RecordingDownloader::isTwilioOrigin(recording.url, settings.twilioApiBase)) {
        appendEvent(event.callSid, Step::RecordingSaved, EventAction::WebhookReceived, EventResult::Failed,
            tr("The recording %1 was not downloaded: its address is not at Twilio (%2).")
                .arg(recording.recordingSid, recording.url.host()));
        return;
    }
    QCoro::connect(downloadRecording(recording, settings), this, [] {});
}

QCoro::Task<> CallRouter::downloadRecording(RecordingRecord recording, RouterSettings settings)
{
    const QString relative = u"recordings/%1-%2.mp3"_s.arg(recording.callSid, recording.recordingSid);
    const Result<QString> inside = DataFolderPath::resolve(m_dataDir, relative);
    if (!inside.ok()) {
        appendEvent(recording.callSid, Step::RecordingSaved, EventAction::Internal, EventResult::Failed,
            tr("The recording %1 was not downloaded: %2 It stays at Twilio.")
                .arg(recording.recordingSid, inside.error()));
        co_return;
    }
    const QString target = *inside;
    RecordingDownloader downloader(m_network, settings.twilioAccountSid, settings.twilioAuthToken.toUtf8(),
        settings.twilioApiBase, std::chrono::seconds(60));
    QPointer<CallRouter> self(this);
    Result<qint64> saved = co_await downloader.download(recording.url, target);
    if (!saved.ok() && self) {
        // The file can lag the callback by a moment: one more try before giving up.
        co_await QCoro::sleepFor(std::chrono::seconds(2));
        if (self)
            saved = co_await downloader.download(recording.url, target);
    }
    if (!self)
        co_return;
    if (!saved.ok()) {
        appendEvent(recording.callSid, Step::RecordingSaved, EventAction::CommandSent, EventResult::Failed,
            tr("Could not download the recording %1: %2 It stays at Twilio.").arg(recording.recordingSid, saved.error()));
        co_return;
    }
    QString error;
    if (!m_recordings.setFile(recording.recordingSid, relative, &error))
        qCWarning(lcRouting).noquote() << "Cannot link recording" << recording.recordingSid << error;
    appendEvent(recording.callSid, Step::RecordingSaved, EventAction::CommandSent, EventResult::Processed,
        tr("Saved the recording (%1 KB) as %2.").arg(QString::number((*saved + 1023) / 1024), relative));
}

void CallRouter::recordTranscription(const CallEvent &event)
{
    if (event.callSid.isEmpty() || event.recordingSid.isEmpty()) {
        qCWarning(lcRouting) << "A transcription arrived without a CallSid or RecordingSid; ignored.";
        return;
    }
    if (event.transcriptionStatus != u"completed"_s || event.transcriptionText.isEmpty()) {
        appendEvent(event.callSid, Step::Voicemail, EventAction::WebhookReceived, EventResult::Failed,
            tr("Twilio could not transcribe the message."));
        return;
    }
    RecordingRecord recording;
    recording.callSid = event.callSid;
    recording.recordingSid = event.recordingSid;
    recording.url = QUrl(event.recordingUrl);
    recording.transcription = event.transcriptionText;
    QString error;
    if (!m_recordings.save(recording, &error))
        qCWarning(lcRouting).noquote() << "Cannot save the transcription of" << recording.recordingSid << error;
    appendEvent(event.callSid, Step::Voicemail, EventAction::WebhookReceived, EventResult::Processed,
        tr("Twilio transcribed the message: \"%1\"").arg(event.transcriptionText));
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
        if (session.outcome == CallOutcome::Ongoing)
            session.outcome = outcomeAtEnd(session, status);
        batch.add(Step::StatusChanged, EventAction::WebhookReceived, EventResult::Processed,
            tr("The call ended (%1) after %n second(s): %2.", nullptr, *session.durationSeconds)
                .arg(status, howItEnded(session.outcome)));
    }
    persist(session, batch, false);
}

QString CallRouter::howItEnded(CallOutcome outcome)
{
    switch (outcome) {
    case CallOutcome::Ongoing: return tr("how it ended is not known");
    case CallOutcome::AiAgent: return tr("the AI agent took it");
    case CallOutcome::Answered: return tr("a person took it");
    case CallOutcome::Voicemail: return tr("the caller left a voicemail");
    case CallOutcome::Missed: return tr("nobody took it");
    case CallOutcome::Blocked: return tr("the caller was turned away");
    case CallOutcome::Failed: return tr("nobody could be reached");
    }
    return {};
}

CallOutcome CallRouter::outcomeAtEnd(const CallSessionRecord &session, const QString &finalStatus)
{
    if (session.stage == CallStage::AgentConnected)
        return CallOutcome::AiAgent;
    if (session.stage == CallStage::Answered)
        return CallOutcome::Answered;
    if (session.stage == CallStage::Failed || finalStatus == u"failed"_s)
        return CallOutcome::Failed;
    return CallOutcome::Missed;
}

int CallRouter::closeCallsNeverReportedEnded(int atMost)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const std::optional<QList<UnfinishedSession>> unfinished
        = m_calls.unfinishedSessions(now - LongestCall, atMost);
    if (!unfinished)
        return 0;
    int closed = 0;
    for (const UnfinishedSession &found : *unfinished) {
        // The router's own copy is the newer one when it holds the call.
        CallSessionRecord session = findSession(found.session.callSid).value_or(found.session);
        if (session.endedAt.isValid() || session.outcome != CallOutcome::Ongoing)
            continue;
        // The last news of the call is the latest it can be known to have lasted; how long it went on
        // after that nobody told us, so the duration stays unknown rather than made up.
        session.endedAt = found.lastHeard.isValid() ? std::max(found.lastHeard, session.startedAt) : session.startedAt;
        session.durationSeconds = std::nullopt;
        session.outcome = outcomeAtEnd(session, session.lastStatus);
        TimelineBatch batch(session.callSid);
        batch.add(Step::StatusChanged, EventAction::Internal, EventResult::Processed,
            tr("Twilio's report of this call's end never arrived (this computer was off, asleep or cut off "
               "when it came), and no call lasts over four hours: closed from what was known: %1.")
                .arg(howItEnded(session.outcome)));
        persist(session, batch, false);
        ++closed;
    }
    if (closed > 0)
        qCInfo(lcRouting) << "Closed" << closed << (closed == 1 ? "call" : "calls") << "whose end was never reported.";
    return closed;
}

QStringList CallRouter::openCallsStartedSince(const QDateTime &since, int atMost)
{
    const std::optional<QList<UnfinishedSession>> unfinished
        = m_calls.unfinishedSessions(QDateTime::currentDateTimeUtc().addSecs(1), atMost, since);
    QStringList sids;
    for (const UnfinishedSession &found : unfinished.value_or(QList<UnfinishedSession> {}))
        sids.append(found.session.callSid);
    return sids;
}

bool CallRouter::closeAsTwilioReports(const TwilioCall &call)
{
    if (!call.hasEnded())
        return false;
    std::optional<CallSessionRecord> found = findSession(call.sid);
    if (!found || found->endedAt.isValid() || found->outcome != CallOutcome::Ongoing)
        return false;
    CallSessionRecord session = *found;
    session.endedAt = call.endTime.isValid() ? std::max(call.endTime, session.startedAt) : QDateTime::currentDateTimeUtc();
    session.durationSeconds = call.durationSeconds;
    session.lastStatus = call.status;
    session.outcome = outcomeAtEnd(session, call.status);
    TimelineBatch batch(session.callSid);
    batch.add(Step::StatusChanged, EventAction::Internal, EventResult::Processed,
        tr("Twilio's report of this call's end came while this computer was not answering; Twilio's own record "
           "of the call, asked at the next start, says it ended (%1) after %2 s: %3.")
            .arg(call.status, call.durationSeconds ? QString::number(*call.durationSeconds) : tr("unknown"),
                howItEnded(session.outcome)));
    persist(session, batch, false);
    return true;
}

std::optional<CallerMatch> CallRouter::findCustomer(const QString &e164)
{
    return m_bookings.findCaller(e164, QDateTime::currentDateTimeUtc());
}

std::optional<CallSessionRecord> CallRouter::findSession(const QString &callSid)
{
    if (const CallSessionRecord *session = m_sessions.find(callSid))
        return *session;
    return m_calls.findSession(callSid);
}

void CallRouter::persist(const CallSessionRecord &session, TimelineBatch &batch, bool create)
{
    CallLogChange change { session, batch.events(), create };
    const quint64 sequence = m_log.write(change);
    Q_EMIT changeJournaled(change);
    m_sessions.put(session, sequence);
    if (create)
        m_stored.add(session.callSid);
    batch.clear();

    // Who this call keeps busy, so that a concurrent call's chain leaves them out.
    QStringList occupied;
    if (!session.endedAt.isValid()) {
        if (session.stage == CallStage::Ringing) {
            const CallState state = CallState::fromJson(session.state);
            if (const QList<DialTarget> *round = state.ringingRound()) {
                for (const DialTarget &target : *round) {
                    if (!target.staffId.isEmpty())
                        occupied.append(target.staffId);
                }
            }
        } else if (session.stage == CallStage::Answered && !session.answeredBy.isEmpty()) {
            occupied.append(session.answeredBy);
        }
    }
    if (occupied.isEmpty())
        m_occupied.remove(session.callSid);
    else
        m_occupied.insert(session.callSid, occupied);
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
