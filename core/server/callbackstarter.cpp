#include "callbackstarter.h"

#include "routing/callrouter.h"
#include "serverlog.h"
#include "settings/routersettingscache.h"
#include "setup/twiliosetup.h"
#include "twilio/outboundcall.h"
#include "twilio/twiliorestclient.h"

#include <QPointer>

CallBackStarter::CallBackStarter(CallRouter &router, RouterSettingsCache &settings, QNetworkAccessManager *network,
                                 QObject *parent)
    : QObject(parent)
    , m_router(router)
    , m_settings(settings)
    , m_network(network)
{ }

void CallBackStarter::start(const FeedCommand &command, Done done)
{
    const RouterSettings settings = m_settings.current();
    if (!TwilioSetup(settings).hasCredentials()) {
        done(false, tr("Twilio's account SID and auth token are not set up, so nobody can be called back from here."));
        return;
    }
    if (settings.publicUrl.isEmpty()) {
        done(false, tr("server.public_url is not set, so Twilio could not reach this Switchboard to connect a call-back."));
        return;
    }
    CallBackRequest request;
    request.callSid = command.callSid;
    request.number = command.number;
    if (command.targetKind == FeedCommand::TargetKind::Staff)
        request.staffId = command.target;
    else if (command.targetKind == FeedCommand::TargetKind::Number)
        request.deskPhone = command.target;
    request.seat = command.seat;
    Result<CallBackPlan> plan = CallBacks(m_router).plan(request, settings);
    if (!plan) {
        done(false, plan.error());
        return;
    }
    // Runs on while the REST request is out; the router is not held up.
    QCoro::connect(place(std::move(plan).value(), settings, std::move(done)), this, [] {});
}

QCoro::Task<> CallBackStarter::place(CallBackPlan plan, RouterSettings settings, Done done)
{
    QPointer<CallBackStarter> self(this);
    const CallbackUrls urls(settings.publicUrl, settings.webhookToken);
    OutboundCall call;
    call.to = plan.first.phone;
    call.from = plan.businessNumber;
    call.url = urls.callBack(CallBackWebhook::stepName(CallBackWebhook::Step::Answer));
    call.statusCallback = urls.status();
    call.timeoutSeconds = CallBacks::RingSeconds;
    const TwilioRestClient client = TwilioSetup(settings).client(m_network, RequestTimeout);
    const Result<TwilioCall> placed = co_await client.createCall(call);
    if (!self)
        co_return;
    if (placed && !placed->sid.isEmpty()) {
        CallBacks(m_router).placed(plan, placed->sid);
        done(true, {});
        co_return;
    }
    const QString error = placed ? tr("Twilio did not say which call it placed.") : placed.error();
    qCWarning(lcServer).noquote() << "A call-back could not be placed:" << error;
    CallBacks(m_router).failed(plan, error);
    done(false, error);
}
