#include "livecallcontrol.h"

#include "callbackstarter.h"
#include "feedhub.h"
#include "routing/callrouter.h"
#include "settings/routersettingscache.h"
#include "setup/twiliosetup.h"
#include "twilio/twiliorestclient.h"

#include <QPointer>

LiveCallControl::LiveCallControl(CallRouter &router, FeedHub &hub, RouterSettingsCache &settings,
                                 QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_router(router)
    , m_hub(hub)
    , m_settings(settings)
    , m_network(network)
    , m_callBacks(new CallBackStarter(router, settings, network, this))
{ }

QString LiveCallControl::seatName(const FeedCommand &command)
{
    return command.seat.trimmed().isEmpty() ? tr("A seat") : command.seat.trimmed().left(80);
}

void LiveCallControl::handle(const FeedCommand &command, Done done)
{
    if (command.action == FeedCommand::Action::CallBack) {
        // A call-back returns a call that has usually ended, or calls a number: no call in progress needed.
        m_callBacks->start(command, std::move(done));
        return;
    }
    const std::optional<FeedSession> call = m_hub.session(command.callSid);
    if (!call) {
        done(false, tr("There is no call %1 in progress here.").arg(command.callSid.left(40)));
        return;
    }
    if (call->call.session.endedAt.isValid()) {
        done(false, tr("The call has already ended."));
        return;
    }
    switch (command.action) {
    case FeedCommand::Action::Hangup:
        // Runs on while the REST request is out; the router is not held up.
        QCoro::connect(hangUp(command, std::move(done)), this, [] {});
        return;
    case FeedCommand::Action::Voicemail:
    case FeedCommand::Action::Transfer:
    case FeedCommand::Action::CallBack:
        done(false, tr("This Switchboard cannot do that from a seat yet; only hanging up is possible."));
        return;
    }
}

QCoro::Task<> LiveCallControl::hangUp(FeedCommand command, Done done)
{
    QPointer<LiveCallControl> self(this);
    const TwilioSetup twilio(m_settings.current());
    if (!twilio.hasCredentials()) {
        done(false, tr("Twilio's account SID and auth token are not set up, so calls cannot be hung up from here."));
        co_return;
    }
    const QString seat = seatName(command);
    const TwilioRestClient client = twilio.client(m_network, RequestTimeout);
    const Result<TwilioCall> result = co_await client.hangUpCall(command.callSid);
    if (!self)
        co_return;
    if (result) {
        m_router.recordControl(command.callSid, Step::Hangup, EventResult::Processed,
            tr("%1 hung up the call.").arg(seat));
        done(true, {});
    } else {
        m_router.recordControl(command.callSid, Step::Hangup, EventResult::Failed,
            tr("%1 asked to hang up; Twilio said: %2").arg(seat, result.error()));
        done(false, result.error());
    }
}
