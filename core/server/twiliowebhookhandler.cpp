// Validates Twilio webhooks (size, token, signature) and hands the valid ones to the router.
#include "twiliowebhookhandler.h"

#include "routing/callmove.h"
#include "routing/callbacks.h"
#include "routing/callrouter.h"
#include "serverlog.h"
#include "settings/routersettingscache.h"
#include "signedurls.h"
#include "storage/database.h"
#include "twilio/signaturevalidator.h"
#include "twilio/twilioform.h"
#include "twilio/twiliosid.h"
#include "twilio/twimlwriter.h"

#include <QUrlQuery>

#include <algorithm>

#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace {

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
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

TwilioWebhookHandler::TwilioWebhookHandler(RouterSettingsCache &settings, CallRouter &router, Database &db)
    : m_settings(settings)
    , m_router(router)
    , m_db(db)
{
}

WebhookResponse TwilioWebhookHandler::refuse(int status, const QString &reason)
{
    if (int heldBack = 0; m_refusalLog.allow(&heldBack)) {
        qCWarning(lcServer).noquote() << "Refused a webhook:" << reason
                                      << (heldBack ? u"(and %1 more since the last line)"_s.arg(heldBack) : QString());
    }
    return {status, reason.toUtf8() + '\n', "text/plain; charset=utf-8"};
}

QCoro::Task<WebhookResponse> TwilioWebhookHandler::handle(WebhookRequest request)
{
    if (request.body.size() > MaxBodyBytes)
        co_return refuse(413, tr("The request body is larger than 64 KiB."));

    const QDeadlineTimer deadline(AnswerDeadline);
    // A new call's answer reads the settings' revision, the CallSid and the caller: on one snapshot,
    // ended before anything is awaited.
    std::optional<Database::ReadScope> reads;
    if (request.kind == WebhookKind::Voice)
        reads.emplace(m_db);
    RouterSettings settings = m_settings.current();
    // The AI agent gets what the deadline leaves once the log's share is kept back.
    const qint64 agentBudget = deadline.remainingTime() - qint64(LogReserve.count());
    settings.retellTimeoutMs = int(std::clamp<qint64>(agentBudget, 100, settings.retellTimeoutMs));
    if (request.token && !constantTimeEquals(request.token->toUtf8(), settings.webhookToken.toUtf8()))
        co_return refuse(403, tr("The webhook token in the URL is not this app's token."));
    if (settings.twilioAuthToken.isEmpty()) {
        qCCritical(lcServer) << "twilio.auth_token is not set, so no webhook can be verified; every call is refused"
                                " until it is set.";
        co_return refuse(403, tr("Webhooks cannot be verified: twilio.auth_token is not set."));
    }
    if (request.signature.isEmpty())
        co_return refuse(403, tr("The request has no X-Twilio-Signature header."));
    if (request.signedWithOwnKey) {
        co_return refuse(403,
            tr("The request is signed with a customer-owned key (X-Twilio-Webhooks-Signature-Settings), which"
               " this app does not check; switch the number's webhooks back to auth-token signatures."));
    }

    const TwilioForm form = TwilioForm::fromUrlEncoded(request.body);
    const SignatureValidator validator(settings.twilioAuthToken.toUtf8());
    if (!validator.isValidForAny(
            SignedUrls::candidates(request, settings.publicUrlText), form, request.signature))
        co_return refuse(403, tr("The X-Twilio-Signature does not match this request."));

    // SIDs name our rows, files and URLs: one that is not Twilio's shape is refused before any use.
    if (const QString field = TwilioSid::firstMalformedField(form); !field.isEmpty())
        co_return refuse(400, tr("The field %1 does not hold a Twilio SID.").arg(field));

    CallEvent event = CallEvent::fromForm(form);
    // The lines that rang after a seat moved the call say how often it had been moved.
    event.moved = CallbackUrls::movesIn(request.url);
    const CallbackUrls urls(callbackBase(request.url, settings.publicUrl), settings.webhookToken);
    QByteArray answer;
    switch (request.kind) {
    case WebhookKind::Voice: {
        // The task runs up to its first wait (for Retell, or to its end) before it is returned.
        QCoro::Task<QByteArray> answering = m_router.answerIncoming(event, settings, urls);
        reads.reset();
        answer = co_await std::move(answering);
        break;
    }
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
        if (!confirm.callSid.isEmpty() && !TwilioSid::isValid(confirm.callSid, u"CA"))
            co_return refuse(400, tr("The call named in the URL is not a Twilio call SID."));
        confirm.staffId = query.queryItemValue(u"staff"_s);
        confirm.attempt = qMax(1, query.queryItemValue(u"attempt"_s).toInt());
        confirm.key = query.hasQueryItem(u"key"_s);
        confirm.digits = event.digits;
        confirm.moved = event.moved;
        answer = m_router.answerConfirm(confirm, settings, urls);
        break;
    }
    case WebhookKind::LegStatus: {
        const QUrlQuery query(request.url);
        LegStatusRequest leg;
        // The URL names the caller's call; Twilio's ParentCallSid says the same.
        leg.callSid = query.queryItemValue(u"call"_s);
        if (leg.callSid.isEmpty())
            leg.callSid = event.parentCallSid;
        if (!leg.callSid.isEmpty() && !TwilioSid::isValid(leg.callSid, u"CA"))
            co_return refuse(400, tr("The call named in the URL is not a Twilio call SID."));
        if (!CallbackUrls::parseLeg(query.queryItemValue(u"leg"_s), &leg.leg))
            co_return refuse(400, tr("The URL does not name which leg of the call answered."));
        leg.staffId = query.queryItemValue(u"staff"_s);
        leg.status = event.callStatus;
        leg.moved = event.moved;
        m_router.recordLegStatus(leg, settings, urls);
        answer = TwimlWriter().toXml();
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
    case WebhookKind::Control: {
        const std::optional<CallMove> move = CallMove::fromQuery(QUrlQuery(request.url));
        if (!move)
            co_return refuse(400, tr("The URL does not say where the call is to be moved."));
        answer = m_router.answerControl(event, *move, settings, urls);
        break;
    }
    case WebhookKind::CallBack: {
        const QUrlQuery query(request.url);
        const std::optional<CallBackWebhook::Step> step = CallBackWebhook::stepNamed(query.queryItemValue(u"step"_s));
        if (!step)
            co_return refuse(400, tr("The URL does not name which step of the call-back this is."));
        CallBackWebhook webhook { *step, qMax(1, query.queryItemValue(u"attempt"_s).toInt()) };
        answer = CallBacks(m_router).answer(event, webhook, urls);
        break;
    }
    }
    // Answer only once the call's log is safe: in the journal (or, without one, committed).
    co_await m_router.stored(deadline);
    co_return twiml(std::move(answer));
}

WebhookResponse TwilioWebhookHandler::overdueAnswer(WebhookKind kind, const QUrl &url) const
{
    const RouterSettings settings = m_settings.current();
    const CallbackUrls urls(callbackBase(url, settings.publicUrl), settings.webhookToken);
    qCCritical(lcServer) << "A webhook was not answered within" << AnswerDeadline.count()
                         << "ms; the caller is put through to the fallback number.";
    switch (kind) {
    case WebhookKind::Voice:
    case WebhookKind::Menu:
    case WebhookKind::Control:
        return twiml(CallRouter::neverDropAnswer(settings, urls, false));
    case WebhookKind::DialResult: {
        DialLeg leg = DialLeg::Agent;
        CallbackUrls::parseLeg(QUrlQuery(url).queryItemValue(u"leg"_s), &leg);
        return twiml(CallRouter::neverDropAnswer(settings, urls, leg == DialLeg::Fallback));
    }
    case WebhookKind::Confirm: // the callee's leg: not bridged, so the caller's call moves on
        return twiml(TwimlWriter().hangup().toXml());
    case WebhookKind::Recorded:
        return twiml(CallRouter::neverDropAnswer(settings, urls, true));
    case WebhookKind::Status:
    case WebhookKind::LegStatus:
    case WebhookKind::RecordingStatus:
    case WebhookKind::Transcription:
        break;
    case WebhookKind::CallBack: // the staff member's leg: nobody else is on it yet
        return twiml(TwimlWriter().hangup().toXml());
    }
    return twiml(TwimlWriter().toXml());
}
