// The embedded HTTP server: binds the webhook routes to the handler and writes the answers.
#include "webhookserver.h"

#include "serverlog.h"
#include "twiliowebhookhandler.h"
#include "twilio/twilioform.h"

#include <QCoroTask>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
// Past the handler's deadline, still well inside Twilio's 15 seconds.
constexpr std::chrono::milliseconds OverdueMargin { 1'500 };
} // namespace

WebhookServer::WebhookServer(TwilioWebhookHandler &handler, ConnectionLimits limits, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
    , m_limits(limits)
{
    registerRoutes();
    m_overdueTimer.setInterval(std::chrono::milliseconds(250));
    connect(&m_overdueTimer, &QTimer::timeout, this, &WebhookServer::answerOverdue);
}

void WebhookServer::registerRoutes()
{
    using Method = QHttpServerRequest::Method;
    struct Route
    {
        QString path;
        WebhookKind kind;
    };
    // The contract's paths, each with and without the token segment.
    const Route routes[] = {
        {u"/twilio/voice"_s, WebhookKind::Voice},
        {u"/twilio/dial"_s, WebhookKind::DialResult},
        {u"/twilio/status"_s, WebhookKind::Status},
        // Our own callbacks, named in the TwiML we answer with.
        {u"/twilio/menu"_s, WebhookKind::Menu},
        {u"/twilio/confirm"_s, WebhookKind::Confirm},
        {u"/twilio/leg"_s, WebhookKind::LegStatus},
        {u"/twilio/recorded"_s, WebhookKind::Recorded},
        {u"/twilio/recording"_s, WebhookKind::RecordingStatus},
        {u"/twilio/transcription"_s, WebhookKind::Transcription},
        {u"/twilio/control"_s, WebhookKind::Control},
        {u"/twilio/callback"_s, WebhookKind::CallBack},
    };
    for (const Route &route : routes) {
        const WebhookKind kind = route.kind;
        m_http.route(route.path + u"/<arg>"_s, Method::Post,
                     [this, kind](const QString &token, const QHttpServerRequest &request,
                                  QHttpServerResponder &&responder) {
                         dispatch(kind, token, request, std::move(responder));
                     });
        m_http.route(route.path, Method::Post,
                     [this, kind](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                         dispatch(kind, std::nullopt, request, std::move(responder));
                     });
    }
    m_http.route(u"/"_s, Method::Get, [] {
        return QHttpServerResponse("text/plain"_ba, "Switchboard is running.\n"_ba);
    });
}

void WebhookServer::dispatch(WebhookKind kind, std::optional<QString> token, const QHttpServerRequest &request,
                             QHttpServerResponder &&responder)
{
    WebhookRequest webhook;
    webhook.kind = kind;
    webhook.token = std::move(token);
    webhook.url = request.url();
    webhook.body = request.body();
    webhook.signature = request.value("X-Twilio-Signature"_ba);
    webhook.host = request.value("Host"_ba);
    webhook.signedWithOwnKey = !request.value("X-Twilio-Webhooks-Signature-Settings"_ba).isEmpty();

    // The answer may come later (the AI agent's registration is awaited); the caller may hang up
    // first, so the socket is watched rather than trusted.
    auto pending = std::make_shared<PendingWebhook>();
    pending->responder = std::make_unique<QHttpServerResponder>(std::move(responder));
    pending->socket = pending->responder->socket();
    pending->kind = kind;
    pending->url = webhook.url;
    pending->due = QDeadlineTimer(TwilioWebhookHandler::AnswerDeadline + OverdueMargin);
    // The listener that accepted this connection: after a move it may be a retired one.
    if (auto *listener = pending->socket ? qobject_cast<WebhookListener *>(pending->socket->parent()) : nullptr)
        webhook.rawTarget = listener->takeRawTarget(pending->socket, webhook.url);
    if (lcRequests().isDebugEnabled()) {
        pending->received.start();
        pending->callSid = TwilioForm::fromUrlEncoded(webhook.body).value(u"CallSid"_s);
    }

    QCoro::Task<WebhookResponse> handling = m_handler.handle(std::move(webhook));
    if (!handling.isReady()) {
        // The last line of defence for Twilio's 15 seconds: the handler's own budgets end sooner.
        m_overdueWatch.push_back(pending);
        if (!m_overdueTimer.isActive())
            m_overdueTimer.start();
    }
    QCoro::connect(std::move(handling), this,
        [pending](const WebhookResponse &response) { answer(*pending, response); });
}

void WebhookServer::answer(PendingWebhook &pending, const WebhookResponse &response)
{
    if (std::exchange(pending.answered, true) || !pending.socket)
        return;
    pending.responder->write(
        response.body, response.contentType, static_cast<QHttpServerResponder::StatusCode>(response.status));
    // Sent now, in one write, rather than once the event loop comes round to the socket again.
    if (pending.socket)
        pending.socket->flush();
    // The path's token is redacted by the log's writer.
    if (pending.received.isValid())
        qCDebug(lcRequests).noquote() << "POST" << pending.url.path() << pending.callSid << "->" << response.status
                                      << u"in %1 ms"_s.arg(pending.received.nsecsElapsed() / 1e6, 0, 'f', 2);
}

void WebhookServer::answerOverdue()
{
    // All wait the same time, so the queue is in order of their deadlines.
    while (!m_overdueWatch.empty()) {
        PendingWebhook &front = *m_overdueWatch.front();
        if (!front.answered && !front.due.hasExpired())
            break;
        if (!front.answered)
            answer(front, m_handler.overdueAnswer(front.kind, front.url));
        m_overdueWatch.pop_front();
    }
    if (m_overdueWatch.empty())
        m_overdueTimer.stop();
}

WebhookListener *WebhookServer::newListener(const QHostAddress &address, quint16 port, QString *error)
{
    auto *listener = new WebhookListener(m_limits, this);
    if (!listener->listen(address, port)) {
        if (error)
            *error = tr("Cannot listen on %1:%2: %3")
                         .arg(address.toString())
                         .arg(port)
                         .arg(listener->errorString());
        delete listener;
        return nullptr;
    }
    listener->serve(m_http);
    qCInfo(lcServer).noquote() << "Listening on"
                               << address.toString() + u':' + QString::number(listener->serverPort());
    return listener;
}

bool WebhookServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    WebhookListener *listener = newListener(address, port, error);
    if (!listener)
        return false;
    if (m_listener)
        retire(m_listener);
    m_listener = listener;
    return true;
}

bool WebhookServer::moveTo(const QHostAddress &address, quint16 port, QString *error)
{
    if (!m_listener)
        return listen(address, port, error);
    if (WebhookListener *listener = newListener(address, port, error)) {
        retire(m_listener);
        m_listener = listener;
        return true;
    }
    // The same port on another address of this computer (127.0.0.1 to 0.0.0.0, say) cannot be had
    // while the old listener holds it: let go of it first, and take it back if the new one fails.
    const QHostAddress oldAddress = m_listener->serverAddress();
    const quint16 oldPort = m_listener->serverPort();
    if (port != oldPort)
        return false;
    m_listener->close();
    if (WebhookListener *listener = newListener(address, port, error)) {
        retire(m_listener);
        m_listener = listener;
        return true;
    }
    if (!m_listener->listen(oldAddress, oldPort))
        qCCritical(lcServer).noquote() << "Cannot listen on" << oldAddress.toString() + u':' + QString::number(oldPort)
                                       << "again:" << m_listener->errorString();
    return false;
}

void WebhookServer::retire(WebhookListener *listener)
{
    listener->close();
    qCInfo(lcServer).noquote() << "No longer listening on"
                               << listener->serverAddress().toString() + u':' + QString::number(listener->serverPort());
    if (listener->connectionCount() == 0) {
        listener->deleteLater();
        return;
    }
    m_retired.append(listener);
    connect(listener, &WebhookListener::connectionClosed, this, [this, listener] {
        if (listener->connectionCount() > 0)
            return;
        m_retired.removeAll(listener);
        listener->deleteLater();
    });
}

quint16 WebhookServer::port() const
{
    return m_listener && m_listener->isListening() ? m_listener->serverPort() : 0;
}

QHostAddress WebhookServer::address() const
{
    return m_listener && m_listener->isListening() ? m_listener->serverAddress() : QHostAddress();
}

int WebhookServer::connectionCount() const
{
    int count = m_listener ? m_listener->connectionCount() : 0;
    for (const QPointer<WebhookListener> &listener : m_retired) {
        if (listener)
            count += listener->connectionCount();
    }
    return count;
}
