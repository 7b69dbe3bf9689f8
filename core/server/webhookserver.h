// The embedded HTTP server: binds the webhook routes to the handler and writes the answers.
#pragma once

#include "webhookrequest.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QObject>

#include <optional>

class TwilioWebhookHandler;
class QTcpServer;

class WebhookServer : public QObject
{
    Q_OBJECT

public:
    WebhookServer(TwilioWebhookHandler &handler, QObject *parent = nullptr);

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;

private:
    void registerRoutes();
    void dispatch(WebhookKind kind, std::optional<QString> token, const QHttpServerRequest &request,
                  QHttpServerResponder &&responder);

    TwilioWebhookHandler &m_handler;
    QHttpServer m_http;
    QTcpServer *m_tcp = nullptr;
};
