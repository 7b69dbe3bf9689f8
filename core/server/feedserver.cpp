#include "feedserver.h"

#include "feedhub.h"
#include "serverlog.h"

#include <QTcpSocket>
#include <QWebSocket>

using namespace Qt::StringLiterals;

FeedServer::FeedServer(FeedHub &hub, FeedListener::TokenCheck tokens, Limits limits, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_tokens(tokens)
    , m_limits(limits)
    , m_listener(std::move(tokens), limits.listener)
    , m_websockets(u"Switchboard"_s, QWebSocketServer::NonSecureMode)
{
    m_clock.start();
    m_listener.setUpgradeHandler([this](QTcpSocket *socket, FeedRole role, const QByteArray &token,
                                        std::optional<qint64> since) { upgrade(socket, role, token, since); });
    connect(&m_websockets, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_websockets.nextPendingConnection())
            adopt(socket);
    });
    connect(&m_hub, &FeedHub::published, this, &FeedServer::broadcast);
    m_pingTimer.setInterval(m_limits.pingInterval);
    connect(&m_pingTimer, &QTimer::timeout, this, &FeedServer::ping);
    m_pingTimer.start();
}

FeedServer::~FeedServer()
{
    // Seats are told the router is going away, so they reconnect instead of waiting for a ping.
    for (auto &[socket, subscriber] : m_subscribers) {
        disconnect(socket, nullptr, this, nullptr);
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, tr("The router is stopping."));
        socket->deleteLater();
    }
}

bool FeedServer::listen(const QHostAddress &address, quint16 port, const std::optional<QSslConfiguration> &tls,
                        QString *error)
{
    if (tls)
        m_listener.setTls(*tls);
    if (!m_listener.listen(address, port)) {
        if (error)
            *error = tr("The live feed cannot listen on %1:%2: %3.")
                         .arg(address.toString())
                         .arg(port)
                         .arg(m_listener.errorString());
        return false;
    }
    return true;
}

quint16 FeedServer::port() const
{
    return m_listener.serverPort();
}

QHostAddress FeedServer::address() const
{
    return m_listener.serverAddress();
}

void FeedServer::upgrade(QTcpSocket *socket, FeedRole role, const QByteArray &token, std::optional<qint64> since)
{
    m_handovers[{ socket->peerAddress().toString(), socket->peerPort() }] = Handover { role, token, since };
    m_listener.setUpgradedCount(int(m_subscribers.size() + m_handovers.size()));
    // The handshake is checked by Qt's WebSocket server; one it refuses never comes back as a QWebSocket,
    // and its handover is dropped with the socket.
    connect(socket, &QObject::destroyed, this, [this, key = std::pair { socket->peerAddress().toString(), socket->peerPort() }] {
        m_handovers.erase(key);
        m_listener.setUpgradedCount(int(m_subscribers.size() + m_handovers.size()));
    });
    m_websockets.handleConnection(socket);
}

void FeedServer::adopt(QWebSocket *socket)
{
    const auto handover = m_handovers.find({ socket->peerAddress().toString(), socket->peerPort() });
    if (handover == m_handovers.end()) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    auto subscriber = std::make_unique<Subscriber>();
    subscriber->socket = socket;
    subscriber->role = handover->second.role;
    subscriber->token = handover->second.token;
    subscriber->lastPong = m_clock.elapsed();
    const std::optional<qint64> since = handover->second.since;
    m_handovers.erase(handover);
    Subscriber &added = *subscriber;
    m_subscribers.emplace(socket, std::move(subscriber));
    m_listener.setUpgradedCount(int(m_subscribers.size() + m_handovers.size()));

    socket->setParent(this);
    socket->setMaxAllowedIncomingMessageSize(quint64(m_limits.maxIncomingMessage));
    socket->setMaxAllowedIncomingFrameSize(quint64(m_limits.maxIncomingMessage));
    connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &text) {
        if (const auto it = m_subscribers.find(socket); it != m_subscribers.end())
            onText(*it->second, text);
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this, socket] {
        if (const auto it = m_subscribers.find(socket); it != m_subscribers.end())
            cutOff(*it->second, QWebSocketProtocol::CloseCodeDatatypeNotSupported, tr("Only JSON text messages are read."));
    });
    connect(socket, &QWebSocket::pong, this, [this, socket] {
        if (const auto it = m_subscribers.find(socket); it != m_subscribers.end())
            it->second->lastPong = m_clock.elapsed();
    });
    // Queued: a close or abort can say "disconnected" at once, in the middle of a loop over the subscribers.
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { remove(socket); }, Qt::QueuedConnection);

    // What it missed when it can be had; a snapshot otherwise.
    if (since) {
        if (const std::optional<QList<PublishedMessage>> missed = m_hub.messagesAfter(*since)) {
            added.lastSeq = *since;
            for (const PublishedMessage &message : *missed)
                send(added, message.text, message.seq);
            Q_EMIT subscriberCountChanged(subscriberCount());
            return;
        }
    }
    const FeedMessage snapshot = m_hub.snapshot();
    send(added, QString::fromUtf8(snapshot.toJson()), snapshot.seq);
    Q_EMIT subscriberCountChanged(subscriberCount());
}

void FeedServer::broadcast(const PublishedMessage &message)
{
    for (auto &[socket, subscriber] : m_subscribers)
        send(*subscriber, message.text, message.seq);
}

void FeedServer::send(Subscriber &subscriber, const QString &text, qint64 seq)
{
    if (subscriber.closing)
        return;
    if (subscriber.socket->bytesToWrite() > m_limits.maxUnsentBytes) {
        cutOff(subscriber, TooSlowCloseCode,
            tr("Too slow: messages after %1 were not sent. Reconnect with since=%1.").arg(subscriber.lastSeq));
        return;
    }
    subscriber.socket->sendTextMessage(text);
    subscriber.lastSeq = seq;
}

void FeedServer::onText(Subscriber &subscriber, const QString &text)
{
    QString error;
    const std::optional<FeedMessage> message = FeedMessage::parse(text.toUtf8(), &error);
    if (!message || message->type != FeedMessage::Type::Command) {
        const QString id = message ? message->resultId : FeedMessage::idOf(text.toUtf8());
        reply(subscriber, id, false,
            message ? tr("Only commands are read here.") : tr("The message was not understood: %1.").arg(error));
        return;
    }
    const FeedCommand &command = message->command;
    if (subscriber.role != FeedRole::Control) {
        reply(subscriber, command.id, false,
            tr("This seat may only watch: its token does not allow acting on calls."));
        return;
    }
    if (!m_commands) {
        reply(subscriber, command.id, false, tr("This Switchboard does not take commands."));
        return;
    }
    if (subscriber.openCommands >= m_limits.maxOpenCommands) {
        reply(subscriber, command.id, false, tr("Too many commands at once; wait for their results."));
        return;
    }
    ++subscriber.openCommands;
    QPointer<QWebSocket> socket = subscriber.socket;
    m_commands(command, [this, socket, id = command.id](bool ok, const QString &why) {
        if (!socket)
            return;
        const auto it = m_subscribers.find(socket.data());
        if (it == m_subscribers.end())
            return;
        --it->second->openCommands;
        reply(*it->second, id, ok, why);
    });
}

void FeedServer::reply(Subscriber &subscriber, const QString &id, bool ok, const QString &error)
{
    if (subscriber.closing)
        return;
    subscriber.socket->sendTextMessage(QString::fromUtf8(FeedMessage::result(id, ok, error).toJson()));
}

void FeedServer::cutOff(Subscriber &subscriber, int code, const QString &reason)
{
    if (subscriber.closing)
        return;
    subscriber.closing = true;
    QWebSocket *socket = subscriber.socket;
    qCInfo(lcServer).noquote() << "Live feed: closing a seat at" << socket->peerAddress().toString() << "-" << reason;
    // One that does not read does not read the close either.
    QTimer::singleShot(m_limits.closeGrace, socket, &QWebSocket::abort);
    // RFC 6455 allows 123 bytes of reason.
    socket->close(QWebSocketProtocol::CloseCode(code), reason.left(120));
}

void FeedServer::remove(QWebSocket *socket)
{
    if (m_subscribers.erase(socket) == 0)
        return;
    socket->deleteLater();
    m_listener.setUpgradedCount(int(m_subscribers.size() + m_handovers.size()));
    Q_EMIT subscriberCountChanged(subscriberCount());
}

void FeedServer::recheckTokens()
{
    const FeedTokens tokens = m_tokens();
    for (auto &[socket, subscriber] : m_subscribers) {
        const FeedRole role = tokens.roleOf(subscriber->token);
        if (role == FeedRole::None)
            cutOff(*subscriber, TokenChangedCloseCode, tr("The token was changed; connect with the new one."));
        else
            subscriber->role = role;
    }
}

void FeedServer::ping()
{
    const qint64 now = m_clock.elapsed();
    for (auto &[socket, subscriber] : m_subscribers) {
        if (now - subscriber->lastPong > 2 * m_limits.pingInterval.count() + m_limits.pingInterval.count() / 2)
            socket->abort();
        else if (!subscriber->closing)
            socket->ping();
    }
}
