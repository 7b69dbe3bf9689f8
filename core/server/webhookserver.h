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
    // Listens on another address from now on, without dropping a request: the old listener stops
    // taking connections but keeps those it has until they are done. When the new address cannot be
    // had, the old one is kept and `error` says why.
    bool moveTo(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    QHostAddress address() const;
    int connectionCount() const;

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
    WebhookListener *newListener(const QHostAddress &address, quint16 port, QString *error);
    void retire(WebhookListener *listener);
    static void answer(PendingWebhook &pending, const WebhookResponse &response);
    void answerOverdue();
    void dispatch(WebhookKind kind, std::optional<QString> token, const QHttpServerRequest &request,
                  QHttpServerResponder &&responder);

    TwilioWebhookHandler &m_handler;
    ConnectionLimits m_limits;
    QHttpServer m_http;
    WebhookListener *m_listener = nullptr;
    // Listeners of earlier addresses, closed, until their last connection ends.
    QList<QPointer<WebhookListener>> m_retired;
    std::deque<std::shared_ptr<PendingWebhook>> m_overdueWatch;
    QTimer m_overdueTimer;
};
