#include "livecallcontrol.h"

#include "callbackstarter.h"
#include "feedhub.h"
#include "phone/phonenormalizer.h"
#include "routing/callbackurls.h"
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
        // A call-back's line is a staff member's phone, not a caller to pass around.
        if (call->call.session.direction == CallDirection::Outgoing) {
            done(false, tr("A call-back cannot be moved; hang it up, or call back again."));
            return;
        }
        QCoro::connect(move(command, std::move(done)), this, [] {});
        return;
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

std::optional<CallMove> LiveCallControl::moveOf(
    const FeedCommand &command, const QString &defaultRegion, QString *problem)
{
    CallMove move;
    move.seat = seatName(command);
    if (command.action == FeedCommand::Action::Voicemail)
        return move;
    switch (command.targetKind) {
    case FeedCommand::TargetKind::None:
        *problem = tr("Say whom to transfer the call to: a staff member, a team or a number.");
        return std::nullopt;
    case FeedCommand::TargetKind::Staff:
        move.kind = CallMove::Kind::Staff;
        move.target = command.target;
        return move;
    case FeedCommand::TargetKind::Team:
        move.kind = CallMove::Kind::Team;
        move.target = command.target;
        return move;
    case FeedCommand::TargetKind::Number: {
        // A seat may type the number as people write it: "(555) 123-4567".
        QString error;
        const std::optional<QString> e164 = PhoneNormalizer(defaultRegion).toE164(command.target, &error);
        if (!e164) {
            *problem = error.isEmpty() ? tr("%1 is not a phone number.").arg(command.target.left(40)) : error;
            return std::nullopt;
        }
        move.kind = CallMove::Kind::Number;
        move.target = *e164;
        return move;
    }
    }
    return std::nullopt;
}

QCoro::Task<> LiveCallControl::move(FeedCommand command, Done done)
{
    QPointer<LiveCallControl> self(this);
    const RouterSettings settings = m_settings.current();
    const TwilioSetup twilio(settings);
    if (!twilio.hasCredentials()) {
        done(false, tr("Twilio's account SID and auth token are not set up, so calls cannot be moved from here."));
        co_return;
    }
    // Twilio fetches the call's new instructions from us: it must know where to reach this computer.
    if (settings.publicUrl.isEmpty()) {
        done(false, tr("server.public_url is not set, so Twilio could not fetch where the call goes next."));
        co_return;
    }
    QString problem;
    const std::optional<CallMove> wanted = moveOf(command, settings.defaultRegion, &problem);
    const QString target = wanted ? m_router.moveTarget(*wanted, settings, &problem) : QString();
    if (!problem.isEmpty()) {
        done(false, problem);
        co_return;
    }
    const bool toVoicemail = wanted->kind == CallMove::Kind::Voicemail;
    const Step step = toVoicemail ? Step::Voicemail : Step::DialTarget;
    const QUrl url = CallbackUrls(settings.publicUrl, settings.webhookToken).control(*wanted);
    const TwilioRestClient client = twilio.client(m_network, RequestTimeout);
    const Result<TwilioCall> result = co_await client.redirectCall(command.callSid, url);
    if (!self)
        co_return;
    const QString seat = seatName(command);
    if (result) {
        m_router.recordControl(command.callSid, step, EventResult::Processed,
            toVoicemail ? tr("%1 sent the call to voicemail.").arg(seat)
                        : tr("%1 transferred the call to %2.").arg(seat, target));
        done(true, {});
    } else {
        m_router.recordControl(command.callSid, step, EventResult::Failed,
            toVoicemail ? tr("%1 asked to send the call to voicemail; Twilio said: %2").arg(seat, result.error())
                        : tr("%1 asked to transfer the call to %2; Twilio said: %3").arg(seat, target, result.error()));
        done(false, result.error());
    }
}
