// Runs the routing engine on a made-up call without calling anyone or writing to the call log.
#include "callsimulator.h"

#include "callbackurls.h"
#include "callflow.h"
#include "phone/phonenormalizer.h"
#include "routingplanloader.h"
#include "storage/bookinglookup.h"
#include "storage/callstore.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

// Far more answers than any plan document can chain; a guard against a hand-built loop.
constexpr int MaxAnswers = 64;

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

CallSimulator::CallSimulator(Database &db, RouterSettings settings)
    : m_db(db)
    , m_settings(std::move(settings))
{ }

QJsonObject Simulation::toJson() const
{
    QJsonArray dials;
    for (const Dial &dial : dialOrder) {
        dials.append(QJsonObject { { u"staff"_s, orNull(dial.staffId) }, { u"name"_s, dial.name },
            { u"phone"_s, dial.phone },
            { u"tier"_s, dial.tier > 0 ? QJsonValue(dial.tier) : QJsonValue() } });
    }
    QJsonArray skippedJson;
    for (const SkippedStaff &skip : skipped)
        skippedJson.append(QJsonObject { { u"staff"_s, skip.staffId }, { u"reason"_s, skip.reason } });
    QJsonArray stepsJson;
    for (const Step &step : steps) {
        stepsJson.append(QJsonObject {
            { u"step"_s, CallLogNames::name(step.step) }, { u"detail"_s, step.detail }, { u"twiml"_s, orNull(step.twiml) } });
    }
    return QJsonObject {
        { u"from"_s, from },
        { u"to"_s, orNull(to) },
        { u"at"_s, at.toUTC().toString(Qt::ISODate) },
        { u"time_zone"_s, timeZone },
        { u"blocked"_s, blocked },
        { u"matched_rule"_s, orNull(matchedRule) },
        { u"matched_because"_s, orNull(matchedWhy) },
        { u"customer_name"_s, orNull(customerName) },
        { u"booking_id"_s, orNull(bookingId) },
        { u"dial_order"_s, dials },
        { u"skipped"_s, skippedJson },
        { u"steps"_s, stepsJson },
        { u"ending"_s, ending },
    };
}

Result<Simulation> CallSimulator::run(const SimulationRequest &request)
{
    const RoutingPlanLoader loader(m_db, m_settings.defaultRegion, m_settings.fallbackNumber);
    const Result<RoutingModel> loaded = loader.load();
    if (!loaded)
        return Result<Simulation>::failure(loaded.error());
    return run(request, loaded.value());
}

Result<Simulation> CallSimulator::run(const SimulationRequest &request, const RoutingModel &plan)
{
    const PhoneNormalizer normalizer(m_settings.defaultRegion);
    Simulation simulation;
    simulation.at = request.at.isValid() ? request.at.toUTC() : QDateTime::currentDateTimeUtc();
    const bool withheld = PhoneNormalizer::isWithheldCallerId(request.from);
    const std::optional<QString> caller = withheld ? std::nullopt : normalizer.toE164(request.from);
    if (!withheld && !caller)
        return Result<Simulation>::failure(tr("\"%1\" is not a phone number.").arg(request.from));
    simulation.from = caller.value_or(request.from);
    if (request.to.isEmpty()) {
        simulation.to = m_settings.twilioNumbers.value(0);
    } else if (const std::optional<QString> called = normalizer.toE164(request.to)) {
        simulation.to = *called;
    } else {
        return Result<Simulation>::failure(tr("\"%1\" is not a phone number.").arg(request.to));
    }

    // Routing switched off is a plain pass-through: no plan, no voicemail.
    const RoutingModel model = m_settings.routingEnabled ? plan : RoutingModel {};
    const QTimeZone zone = model.timeZone.isValid() ? model.timeZone : RoutingPlanLoader::localZone();
    simulation.timeZone = QString::fromUtf8(zone.id());
    if (request.at.isValid() && request.at.timeSpec() == Qt::LocalTime)
        simulation.at = QDateTime(request.at.date(), request.at.time(), zone).toUTC();

    CallSessionRecord session;
    session.callSid = u"CAsimulated"_s;
    session.from = simulation.from;
    session.to = simulation.to;
    session.startedAt = simulation.at;
    CallState state;
    state.callerE164 = caller.value_or(QString());
    if (caller) {
        if (const std::optional<CallerMatch> match = BookingLookup(m_db).findCaller(*caller, simulation.at)) {
            simulation.customerName = match->customer.name;
            state.callerName = match->customer.name;
            state.assignedStaff = match->customer.assignedStaff;
            state.hasBooking = match->activeBooking.has_value();
            simulation.hasBooking = state.hasBooking;
            if (match->activeBooking)
                simulation.bookingId = match->activeBooking->externalId;
        }
    }

    const QUrl base = m_settings.publicUrl.isEmpty()
        ? QUrl(u"http://%1:%2"_s.arg(m_settings.listenHost).arg(m_settings.listenPort))
        : m_settings.publicUrl;
    const CallbackUrls urls(base, m_settings.webhookToken);
    CallStore calls(m_db);
    CallContext context { model, m_settings, urls, simulation.at, {}, {}, QRandomGenerator::global() };
    context.stickyStaff = [&calls, &simulation](const QString &callerE164, int days) {
        return calls.lastAnsweredBy(callerE164, simulation.at.addDays(-days));
    };

    QString digits = request.digits;
    // One answer: run `decide` on a fresh flow, then note what it said and rang.
    const auto answer
        = [&](const std::function<CallFlow::Next(CallFlow &, TimelineBatch &, TwimlWriter &)> &decide) {
              TimelineBatch batch(session.callSid);
              TwimlWriter out;
              CallFlow flow(context, session, state, batch);
              if (decide(flow, batch, out) == CallFlow::Next::RegisterAgent)
                  flow.agentRegistered(u"call_simulated"_s, flow.agentReason(), out);
              if (flow.ruleMatch()) {
                  simulation.matchedRule = flow.ruleMatch()->rule->name;
                  simulation.matchedWhy = flow.ruleMatch()->why;
              }
              for (const DialChainResult &chain : flow.chains())
                  simulation.skipped.append(chain.skipped);
              const QList<CallEventRecord> &events = batch.events();
              for (qsizetype i = 0; i < events.size(); ++i) {
                  simulation.steps.append({ events.at(i).step, events.at(i).detail,
                      i + 1 == events.size() ? QString::fromUtf8(out.toXml()).trimmed() : QString() });
              }
              if (session.stage == CallStage::Ringing) {
                  for (const DialTarget &target : *state.ringingRound())
                      simulation.dialOrder.append({ target.staffId, target.name, target.phone,
                          target.staffId.isEmpty() ? 0 : target.tier + 1 });
              } else if (session.stage == CallStage::Fallback) {
                  simulation.dialOrder.append({ {}, tr("Fallback number"), m_settings.fallbackNumber, 0 });
              }
          };

    answer([&](CallFlow &flow, TimelineBatch &batch, TwimlWriter &out) {
        batch.add(::Step::CallReceived, EventAction::WebhookReceived, EventResult::Processed,
            tr("Simulated call from %1 to %2.")
                .arg(simulation.from, simulation.to.isEmpty() ? tr("any number") : simulation.to));
        if (!m_settings.routingEnabled)
            return flow.fallThrough(tr("Routing is switched off (routing.enabled is false)."), out);
        if (flow.screen(out)) {
            simulation.blocked = true;
            return CallFlow::Next::Answer;
        }
        return flow.begin(out);
    });

    CallEvent noAnswer;
    noAnswer.callSid = session.callSid;
    noAnswer.dialCallStatus = u"no-answer"_s;
    for (int i = 0; i < MaxAnswers; ++i) {
        const CallStage stage = session.stage;
        if (stage == CallStage::Menu) {
            CallEvent key = noAnswer;
            key.digits = digits.left(1);
            digits.remove(0, 1);
            answer([&](CallFlow &flow, TimelineBatch &, TwimlWriter &out) { return flow.menuKey(key, out); });
        } else if (stage == CallStage::Ringing || stage == CallStage::Fallback) {
            const DialLeg leg = stage == CallStage::Ringing ? DialLeg::Target : DialLeg::Fallback;
            answer([&](CallFlow &flow, TimelineBatch &, TwimlWriter &out) {
                return flow.dialResult(noAnswer, leg, out);
            });
        } else {
            break;
        }
    }

    const CallStage stage = session.stage;
    simulation.blocked = simulation.blocked || stage == CallStage::Blocked;
    if (simulation.blocked)
        simulation.ending = tr("The call is rejected.");
    else if (stage == CallStage::Agent)
        simulation.ending
            = tr("The AI agent takes the call (if its line failed, the rule's next option would follow).");
    else if (stage == CallStage::Voicemail)
        simulation.ending = tr("The caller is asked to leave a voicemail.");
    else if (stage == CallStage::Failed)
        simulation.ending
            = tr("Nobody can be reached: the caller hears the closing message (outcome failed).");
    else
        simulation.ending = tr("The call ends with a message (outcome missed) if nobody answers.");
    return simulation;
}
