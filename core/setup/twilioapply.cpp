#include "setup/twilioapply.h"

#include "datadir/datadirectory.h"
#include "routing/callflow.h"
#include "routing/routingplanloader.h"
#include "settings/settings.h"
#include "settings/settingslog.h"
#include "setup/twiliosetup.h"
#include "twilio/twiliorestclient.h"

using namespace Qt::StringLiterals;

namespace {

const QString FallbackUrlKey = u"twilio.voice_fallback_url"_s;

struct FlowResult
{
    QUrl url; // the numbers' Voice Fallback URL from now on; empty when none could be set up
    QString line;
    bool ok = false;
};

// Finds the flow this app made before (by the URL it saved, else by its name after a reinstall), brings it in
// line with `plan`, or makes one.
QCoro::Task<FlowResult> provisionFlow(TwilioRestClient client, RouterSettings settings, FallbackPlan plan)
{
    const QString does = FallbackFlow::describe(plan);
    QString flowSid = FallbackFlow::flowSidIn(settings.twilioVoiceFallbackUrl);
    if (flowSid.isEmpty()) {
        const Result<QList<StudioFlow>> flows = co_await client.listFlows();
        if (!flows.ok()) {
            co_return FlowResult { {}, TwilioApply::tr("The fallback for when this computer cannot answer was not set up: %1")
                                          .arg(flows.error()) };
        }
        for (const StudioFlow &flow : *flows) {
            if (flow.friendlyName == FallbackFlow::friendlyName())
                flowSid = flow.sid;
        }
    }
    if (!flowSid.isEmpty()) {
        const Result<StudioFlow> existing = co_await client.fetchFlow(flowSid);
        if (existing.ok() && FallbackFlow::read(existing->definition) == plan && existing->status == u"published"_s) {
            co_return FlowResult { existing->webhookUrl,
                TwilioApply::tr("When this computer cannot answer, Twilio %1 (already set up).").arg(does), true };
        }
        if (existing.ok()) {
            const Result<StudioFlow> updated = co_await client.updateFlow(
                flowSid, FallbackFlow::definition(plan), TwilioApply::tr("Updated by Switchboard"));
            if (!updated.ok()) {
                co_return FlowResult { existing->webhookUrl,
                    TwilioApply::tr("The fallback for when this computer cannot answer was not updated: %1")
                        .arg(updated.error()) };
            }
            co_return FlowResult { updated->webhookUrl,
                TwilioApply::tr("When this computer cannot answer, Twilio now %1.").arg(does), true };
        }
        if (existing.unreachable()) {
            co_return FlowResult { settings.twilioVoiceFallbackUrl,
                TwilioApply::tr("The fallback for when this computer cannot answer was not checked: %1")
                    .arg(existing.error()) };
        }
        // Deleted in the console, say: a new one is made below.
        qCInfo(lcSettings).noquote() << "The fallback flow" << flowSid << "is gone:" << existing.error();
    }
    const Result<StudioFlow> created = co_await client.createFlow(
        FallbackFlow::friendlyName(), FallbackFlow::definition(plan), TwilioApply::tr("Made by Switchboard"));
    if (!created.ok()) {
        co_return FlowResult { {}, TwilioApply::tr("The fallback for when this computer cannot answer was not set up: %1")
                                      .arg(created.error()) };
    }
    co_return FlowResult { created->webhookUrl,
        TwilioApply::tr("When this computer cannot answer, Twilio now %1 (a Studio flow named \"%2\").")
            .arg(does, FallbackFlow::friendlyName()),
        true };
}

} // namespace

QString TwilioApply::missing(const RouterSettings &settings)
{
    if (settings.twilioNumbers.isEmpty())
        return tr("Choose the numbers this app should answer first.");
    if (settings.publicUrl.isEmpty())
        return tr("Enter the public URL first: Twilio needs to know where to send the calls.");
    if (!TwilioSetup(settings).hasCredentials())
        return tr("Enter the Twilio account SID and auth token first.");
    return {};
}

FallbackPlan TwilioApply::fallbackPlan(DataDirectory &data, const RouterSettings &settings)
{
    FallbackPlan plan;
    plan.number = settings.fallbackNumber;
    plan.ringSeconds = settings.fallbackTimeoutSeconds;
    plan.language = CallFlow::closingLanguage();
    plan.closing = CallFlow::closingSentence();
    const Result<RoutingModel> model
        = RoutingPlanLoader(data.database(), settings.defaultRegion, settings.fallbackNumber).load();
    if (!model.ok()) {
        qCWarning(lcSettings).noquote() << "The fallback flow follows the built-in plan:" << model.error();
        return plan;
    }
    plan.voicemail = model->voicemail.onNoAnswer;
    plan.voicemailMaxSeconds = model->voicemail.maxSeconds;
    // Studio reads text aloud; a recorded greeting of the plan (a URL to play) gives way to the spoken prompt.
    const Message &greeting = model->messages.voicemailGreeting;
    plan.greeting = greeting.say.isEmpty() ? CallFlow::voicemailPrompt() : greeting.say;
    if (!model->messages.closing.say.isEmpty())
        plan.closing = model->messages.closing.say;
    const Message &spoken = plan.voicemail ? greeting : model->messages.closing;
    plan.voice = spoken.voice;
    if (!spoken.language.isEmpty())
        plan.language = spoken.language;
    // Only what the flow carries out, so that a plan read back from the flow compares equal to it.
    const FallbackPlan defaults;
    if (plan.number.isEmpty())
        plan.ringSeconds = defaults.ringSeconds;
    if (plan.voicemail) {
        plan.closing.clear();
    } else {
        plan.greeting.clear();
        plan.voicemailMaxSeconds = defaults.voicemailMaxSeconds;
    }
    return plan;
}

QCoro::Task<TwilioApplyOutcome> TwilioApply::run(QNetworkAccessManager *network, DataDirectory &data)
{
    TwilioApplyOutcome outcome;
    const RouterSettings settings = data.settings().routerSettings();
    if (const QString why = missing(settings); !why.isEmpty()) {
        outcome.add(why, false);
        co_return outcome;
    }
    const TwilioSetup twilio(settings);
    const TwilioRestClient client = twilio.client(network, RestTimeout);
    // Listed afresh: the SIDs are needed, and "before" must be what Twilio has now.
    Result<QList<IncomingNumber>> listed = co_await client.listIncomingNumbers();
    if (!listed.ok()) {
        outcome.add(tr("Nothing was changed: %1").arg(listed.error()), false);
        co_return outcome;
    }
    outcome.numbers = std::move(listed).value();

    // A fallback URL of the owner's own (a TwiML Bin, another server) is theirs to keep.
    QUrl fallbackUrl = settings.twilioVoiceFallbackUrl;
    if (!fallbackUrl.isEmpty() && FallbackFlow::flowSidIn(fallbackUrl).isEmpty()) {
        outcome.add(tr("When this computer cannot answer, Twilio calls your own fallback URL %1; it was left as "
                       "it is.")
                        .arg(fallbackUrl.toString()),
            true);
    } else {
        const FlowResult flow = co_await provisionFlow(client, settings, fallbackPlan(data, settings));
        outcome.add(flow.line, flow.ok);
        if (!flow.url.isEmpty() && flow.url != fallbackUrl) {
            QString error;
            if (!data.settings().set(FallbackUrlKey, flow.url.toString(QUrl::FullyEncoded), &error))
                outcome.add(error, false);
        }
        if (!flow.url.isEmpty())
            fallbackUrl = flow.url;
    }

    RouterSettings pointed = settings;
    pointed.twilioVoiceFallbackUrl = fallbackUrl;
    const TwilioSetup target(pointed);
    const NumberWebhooks webhooks = target.webhooks();
    for (const QString &chosen : std::as_const(settings.twilioNumbers)) {
        const auto found = std::find_if(outcome.numbers.begin(), outcome.numbers.end(),
            [&chosen](const IncomingNumber &number) { return number.phoneNumber == chosen; });
        if (found == outcome.numbers.end()) {
            outcome.add(tr("%1: not a number of this Twilio account; nothing changed.").arg(chosen), false);
            continue;
        }
        const Result<IncomingNumber> updated = co_await client.updateNumber(found->sid, webhooks);
        if (!updated.ok()) {
            outcome.add(tr("%1: not changed. %2").arg(chosen, updated.error()), false);
            continue;
        }
        outcome.add(tr("%1: %2.").arg(chosen, target.describeChange(*found, updated.value())),
            updated->voiceApplicationSid.isEmpty() && updated->trunkSid.isEmpty());
        *found = updated.value();
    }
    co_return outcome;
}
