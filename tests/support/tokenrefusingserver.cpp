// A loopback router that refuses every token with 401 before any upgrade.
#include "tokenrefusingserver.h"

#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

TokenRefusingServer::TokenRefusingServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                // Answer once the whole request head is in.
                if (!socket->peek(64 * 1024).contains("\r\n\r\n") || socket->property("answered").toBool())
                    return;
                socket->setProperty("answered", true);
                socket->readAll();
                ++m_requests;
                socket->write(
                    "HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nContent-Length: 14\r\n"
                    "Connection: close\r\n\r\nWrong token.\r\n");
                socket->disconnectFromHost();
            });
        }
    });
}

bool TokenRefusingServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

QString TokenRefusingServer::address() const
{
    return u"ws://127.0.0.1:"_s + QString::number(m_server->serverPort());
}
