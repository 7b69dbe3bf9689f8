// The live feed (DESIGN.md, "Live feed"): the router's calls as a WebSocket stream on feed.listen. A new
// subscriber gets a snapshot and then every message in order; one that reconnects with `since` gets what
// it missed from the hub's backlog, or a snapshot when the backlog no longer reaches back. A subscriber
// that does not keep up is cut off and told why (it may reconnect with `since`): it never slows the
// router or the others down. Commands from a seat with the control token go to the command handler.
#pragma once

#include "feedlistener.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QWebSocketServer>

#include <chrono>
#include <functional>
#include <map>
#include <memory>

class FeedHub;
class QWebSocket;
struct FeedCommand;
struct PublishedMessage;

class FeedServer : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        FeedListener::Limits listener;
        // Bytes sent to a subscriber that it has not read yet; past this it is cut off.
        qsizetype maxUnsentBytes = 1024 * 1024;
        // The longest message a seat may send (a command is a few hundred bytes).
        qsizetype maxIncomingMessage = 64 * 1024;
        // Commands of one seat waiting for their result.
        int maxOpenCommands = 16;
        // A subscriber told it is too slow gets this long to read the close before it is dropped.
        std::chrono::milliseconds closeGrace { 5'000 };
        // Pings find seats that went away without a word (a laptop closed); two missed pongs end them.
        std::chrono::milliseconds pingInterval { 30'000 };
    };

    // The close code of a subscriber cut off for being too slow (the private-use range of RFC 6455).
    static constexpr int TooSlowCloseCode = 4008;
    // The close code of a subscriber whose token was rotated away.
    static constexpr int TokenChangedCloseCode = 4001;

    // What a command came to: ok, or a plain sentence saying why not.
    using CommandDone = std::function<void(bool ok, const QString &error)>;
    using CommandHandler = std::function<void(const FeedCommand &command, CommandDone done)>;

    FeedServer(FeedHub &hub, FeedListener::TokenCheck tokens, Limits limits, QObject *parent = nullptr);
    FeedServer(FeedHub &hub, FeedListener::TokenCheck tokens, QObject *parent = nullptr)
        : FeedServer(hub, std::move(tokens), Limits {}, parent)
    { }
    ~FeedServer() override;

    // With a TLS configuration the feed is wss:// and the API https://.
    bool listen(const QHostAddress &address, quint16 port, const std::optional<QSslConfiguration> &tls,
                QString *error);
    quint16 port() const;
    QHostAddress address() const;
    bool usesTls() const { return m_listener.usesTls(); }

    void setApiHandler(FeedListener::ApiHandler handler) { m_listener.setApiHandler(std::move(handler)); }
    void setSeatChoices(FeedListener::SeatChoices choices) { m_listener.setSeatChoices(std::move(choices)); }
    void setCommandHandler(CommandHandler handler) { m_commands = std::move(handler); }

    int subscriberCount() const { return int(m_subscribers.size()); }
    // Cuts off the subscribers whose token no longer lets them in (after a rotation).
    void recheckTokens();

Q_SIGNALS:
    void subscriberCountChanged(int count);

private:
    struct Subscriber
    {
        QWebSocket *socket = nullptr;
        FeedRole role = FeedRole::None;
        QByteArray token; // as presented, to check again after a rotation
        qint64 lastSeq = 0;
        int openCommands = 0;
        bool closing = false;
        qint64 lastPong = 0; // ms on m_clock
    };

    void upgrade(QTcpSocket *socket, FeedRole role, const QByteArray &token, std::optional<qint64> since);
    void adopt(QWebSocket *socket);
    void broadcast(const PublishedMessage &message);
    void send(Subscriber &subscriber, const QString &text, qint64 seq);
    void onText(Subscriber &subscriber, const QString &text);
    void reply(Subscriber &subscriber, const QString &id, bool ok, const QString &error);
    void cutOff(Subscriber &subscriber, int code, const QString &reason);
    void remove(QWebSocket *socket);
    void ping();

    FeedHub &m_hub;
    FeedListener::TokenCheck m_tokens;
    Limits m_limits;
    FeedListener m_listener;
    QWebSocketServer m_websockets;
    CommandHandler m_commands;
    // What a connection handed over for its upgrade asked for, by its peer's address and port, until the
    // WebSocket server gives it back as a QWebSocket.
    struct Handover
    {
        FeedRole role;
        QByteArray token;
        std::optional<qint64> since;
    };
    std::map<std::pair<QString, quint16>, Handover> m_handovers;
    std::map<QWebSocket *, std::unique_ptr<Subscriber>> m_subscribers;
    QElapsedTimer m_clock;
    QTimer m_pingTimer;
};
