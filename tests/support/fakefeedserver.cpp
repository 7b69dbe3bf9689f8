// A loopback stand-in for another Switchboard's live feed for the tests of its clients.
#include "fakefeedserver.h"

#include <QHostAddress>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QSslKey>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

std::optional<qint64> FakeFeedServer::Handshake::since() const
{
    const QUrlQuery query(url);
    if (!query.hasQueryItem(u"since"_s))
        return std::nullopt;
    bool ok = false;
    const qint64 seq = query.queryItemValue(u"since"_s).toLongLong(&ok);
    return ok ? std::optional(seq) : std::nullopt;
}

FakeFeedServer::FakeFeedServer(QObject *parent)
    : QObject(parent)
    , m_server(new QWebSocketServer(u"fake-switchboard"_s, QWebSocketServer::NonSecureMode, this))
{ }

FakeFeedServer::~FakeFeedServer()
{
    cutAll();
}

void FakeFeedServer::useTls(const QSslCertificate &certificate, const QSslKey &key)
{
    delete m_server;
    m_server = new QWebSocketServer(u"fake-switchboard"_s, QWebSocketServer::SecureMode, this);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_server->setSslConfiguration(configuration);
    m_secure = true;
}

bool FakeFeedServer::listen()
{
    if (!m_server->listen(QHostAddress::LocalHost, m_port))
        return false;
    m_port = m_server->serverPort();
    connect(m_server, &QWebSocketServer::newConnection, this, &FakeFeedServer::accept, Qt::UniqueConnection);
    return true;
}

QString FakeFeedServer::address() const
{
    return (m_secure ? u"wss://127.0.0.1:"_s : u"ws://127.0.0.1:"_s) + QString::number(m_port);
}

void FakeFeedServer::setGreeting(QList<QByteArray> messages)
{
    m_greeting = std::move(messages);
}

void FakeFeedServer::send(const QByteArray &text)
{
    for (const QPointer<QWebSocket> &socket : std::as_const(m_connections)) {
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            socket->sendTextMessage(QString::fromUtf8(text));
    }
}

void FakeFeedServer::cutAll()
{
    for (const QPointer<QWebSocket> &socket : std::exchange(m_connections, {})) {
        if (socket) {
            socket->abort();
            socket->deleteLater();
        }
    }
}

void FakeFeedServer::closeAll(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    for (const QPointer<QWebSocket> &socket : std::exchange(m_connections, {})) {
        if (socket) {
            socket->close(code, reason);
            socket->deleteLater();
        }
    }
}

void FakeFeedServer::pause()
{
    m_server->close();
    cutAll();
}

int FakeFeedServer::openConnections() const
{
    return int(
        std::count_if(m_connections.cbegin(), m_connections.cend(), [](const QPointer<QWebSocket> &socket) {
            return socket && socket->state() == QAbstractSocket::ConnectedState;
        }));
}

void FakeFeedServer::accept()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        // The server side's request() is the client's opening handshake, headers and all.
        const QNetworkRequest request = socket->request();
        m_handshakes.append({ request.url(), request.rawHeader("Authorization") });
        m_connections.append(socket);
        connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            m_received.append(text.toUtf8());
            Q_EMIT textReceived(text.toUtf8());
        });
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        for (const QByteArray &message : std::as_const(m_greeting))
            socket->sendTextMessage(QString::fromUtf8(message));
        Q_EMIT connectionOpened();
    }
}
