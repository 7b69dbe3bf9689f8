// The embedded HTTP server: binds the webhook routes to the handler and writes the answers.
#pragma once

#include "webhooklistener.h"
#include "webhookrequest.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <deque>
#include <memory>

#include <optional>

class TwilioWebhookHandler;

class WebhookServer : public QObject
{
    Q_OBJECT

public:
    explicit WebhookServer(
        TwilioWebhookHandler &handler, ConnectionLimits limits = {}, QObject *parent = nullptr);

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    int connectionCount() const { return m_listener ? m_listener->connectionCount() : 0; }

private:
    // A webhook whose answer is still being worked out.
    struct PendingWebhook
    {
        std::unique_ptr<QHttpServerResponder> responder;
        QPointer<QTcpSocket> socket;
        WebhookKind kind = WebhookKind::Voice;
        QUrl url;
        QDeadlineTimer due;
        bool answered = false;
        // For the request-level log line, filled only while it is enabled.
        QElapsedTimer received;
        QString callSid;
    };

    void registerRoutes();
    static void answer(PendingWebhook &pending, const WebhookResponse &response);
    void answerOverdue();
    void dispatch(WebhookKind kind, std::optional<QString> token, const QHttpServerRequest &request,
                  QHttpServerResponder &&responder);

    TwilioWebhookHandler &m_handler;
    ConnectionLimits m_limits;
    QHttpServer m_http;
    WebhookListener *m_listener = nullptr;
    std::deque<std::shared_ptr<PendingWebhook>> m_overdueWatch;
    QTimer m_overdueTimer;
};
