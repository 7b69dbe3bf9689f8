// The embedded HTTP server: binds the webhook routes to the handler and writes the answers.
#include "webhookserver.h"

#include "serverlog.h"
#include "twiliowebhookhandler.h"

#include <QCoroTask>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <memory>

using namespace Qt::StringLiterals;

WebhookServer::WebhookServer(TwilioWebhookHandler &handler, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
{
    registerRoutes();
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
        {u"/twilio/recorded"_s, WebhookKind::Recorded},
        {u"/twilio/recording"_s, WebhookKind::RecordingStatus},
        {u"/twilio/transcription"_s, WebhookKind::Transcription},
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

    // The answer may come later (the AI agent's registration is awaited); the caller may hang up
    // first, so the socket is watched rather than trusted.
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket = pending->socket();
    QCoro::connect(m_handler.handle(std::move(webhook)), this, [pending, socket](WebhookResponse response) {
        if (!socket)
            return;
        pending->write(response.body, response.contentType,
                       static_cast<QHttpServerResponder::StatusCode>(response.status));
    });
}

bool WebhookServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    auto *tcp = new QTcpServer(this);
    if (!tcp->listen(address, port)) {
        if (error)
            *error = tr("Cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(tcp->errorString());
        delete tcp;
        return false;
    }
    m_http.bind(tcp);
    m_tcp = tcp;
    qCInfo(lcServer).noquote() << "Listening on" << address.toString() + u':' + QString::number(m_tcp->serverPort());
    return true;
}

quint16 WebhookServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}
