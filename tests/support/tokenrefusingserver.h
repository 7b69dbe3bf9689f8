// A loopback router that refuses every token: it answers each opening handshake "401 Unauthorized"
// before any upgrade, as the live feed does for a missing or wrong token.
#pragma once

#include <QObject>
#include <QString>

class QTcpServer;

class TokenRefusingServer : public QObject
{
    Q_OBJECT

public:
    explicit TokenRefusingServer(QObject *parent = nullptr);

    // Binds 127.0.0.1 on a free port.
    bool listen();
    // ws://127.0.0.1:PORT, as a person would type it.
    QString address() const;
    // How many requests were answered: a client that gives up asks once.
    int requestCount() const { return m_requests; }

private:
    QTcpServer *m_server;
    int m_requests = 0;
};
