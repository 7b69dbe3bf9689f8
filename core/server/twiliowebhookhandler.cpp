// Validates Twilio webhooks (size, token, signature) and hands the valid ones to the router.
#include "twiliowebhookhandler.h"

#include "routing/callrouter.h"
#include "serverlog.h"
#include "settings/routersettingscache.h"
#include "twilio/signaturevalidator.h"
#include "twilio/twilioform.h"
#include "twilio/twimlwriter.h"

#include <QUrlQuery>

#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace {

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

// The URL Twilio signed: behind a tunnel it is the public URL, not the one we see locally.
QString signedUrl(const QUrl &received, const QUrl &publicUrl)
{
    if (publicUrl.isEmpty())
        return received.toString(QUrl::FullyEncoded);
    QString base = publicUrl.toString(QUrl::FullyEncoded);
    while (base.endsWith(u'/'))
        base.chop(1);
    QString url = base + received.path(QUrl::FullyEncoded);
    if (received.hasQuery())
        url += u'?' + received.query(QUrl::FullyEncoded);
    return url;
}

// Where Twilio reaches us: the configured public URL, else the origin this request came in on.
QUrl callbackBase(const QUrl &received, const QUrl &publicUrl)
{
    if (!publicUrl.isEmpty())
        return publicUrl;
    QUrl origin;
    origin.setScheme(received.scheme());
    origin.setHost(received.host());
    origin.setPort(received.port());
    return origin;
}

WebhookResponse twiml(QByteArray xml)
{
    return {200, std::move(xml), "text/xml"};
}

} // namespace

TwilioWebhookHandler::TwilioWebhookHandler(RouterSettingsCache &settings, CallRouter &router)
    : m_settings(settings)
    , m_router(router)
{
}

WebhookResponse TwilioWebhookHandler::refuse(int status, const QString &reason)
{
    qCWarning(lcServer).noquote() << "Refused a webhook:" << reason;
    return {status, reason.toUtf8() + '\n', "text/plain; charset=utf-8"};
}

QCoro::Task<WebhookResponse> TwilioWebhookHandler::handle(WebhookRequest request)
{
    if (request.body.size() > MaxBodyBytes)
        co_return refuse(413, tr("The request body is larger than 64 KiB."));

    const RouterSettings settings = m_settings.current();
    if (request.token && !constantTimeEquals(request.token->toUtf8(), settings.webhookToken.toUtf8()))
        co_return refuse(403, tr("The webhook token in the URL is not this app's token."));
    if (settings.twilioAuthToken.isEmpty()) {
        qCCritical(lcServer) << "twilio.auth_token is not set, so no webhook can be verified; every call is refused"
                                " until it is set.";
        co_return refuse(403, tr("Webhooks cannot be verified: twilio.auth_token is not set."));
    }
    if (request.signature.isEmpty())
        co_return refuse(403, tr("The request has no X-Twilio-Signature header."));

    const TwilioForm form = TwilioForm::fromUrlEncoded(request.body);
    const SignatureValidator validator(settings.twilioAuthToken.toUtf8());
    if (!validator.isValid(signedUrl(request.url, settings.publicUrl), form, request.signature))
        co_return refuse(403, tr("The X-Twilio-Signature does not match this request."));

    const CallEvent event = CallEvent::fromForm(form);
    const CallbackUrls urls(callbackBase(request.url, settings.publicUrl), settings.webhookToken);
    QByteArray answer;
    switch (request.kind) {
    case WebhookKind::Voice:
        answer = co_await m_router.answerIncoming(event, settings, urls);
        break;
    case WebhookKind::DialResult: {
        DialLeg leg = DialLeg::Agent; // an unknown leg still ends at a person
        CallbackUrls::parseLeg(QUrlQuery(request.url).queryItemValue(u"leg"_s), &leg);
        answer = co_await m_router.answerDialResult(event, leg, settings, urls);
        break;
    }
    case WebhookKind::Status:
        m_router.recordStatus(event);
        answer = TwimlWriter().toXml();
        break;
    case WebhookKind::Menu:
        answer = co_await m_router.answerMenu(event, settings, urls);
        break;
    case WebhookKind::Confirm: {
        const QUrlQuery query(request.url);
        ConfirmRequest confirm;
        // The URL names the caller's call; Twilio's ParentCallSid says the same for a callee's leg.
        confirm.callSid = query.queryItemValue(u"call"_s);
        if (confirm.callSid.isEmpty())
            confirm.callSid = event.parentCallSid;
        confirm.staffId = query.queryItemValue(u"staff"_s);
        confirm.attempt = qMax(1, query.queryItemValue(u"attempt"_s).toInt());
        confirm.key = query.hasQueryItem(u"key"_s);
        confirm.digits = event.digits;
        answer = m_router.answerConfirm(confirm, settings, urls);
        break;
    }
    case WebhookKind::Recorded:
        answer = m_router.answerRecorded(event, settings, urls);
        break;
    case WebhookKind::RecordingStatus:
        m_router.recordRecording(event, settings);
        answer = TwimlWriter().toXml();
        break;
    case WebhookKind::Transcription:
        m_router.recordTranscription(event);
        answer = TwimlWriter().toXml();
        break;
    }
    // Answer only once the call's log is stored (a burst shares one commit).
    co_await m_router.stored();
    co_return twiml(std::move(answer));
}
