// A loopback stand-in for another Switchboard's live feed (DESIGN.md, "Live feed") for the tests of its
// clients: it sends the contract's messages a test scripts, records what each connection asked for and
// sent, and can cut connections the way a crashed router or a pulled cable does.
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QWebSocketProtocol>

#include <optional>

class QSslCertificate;
class QSslKey;
class QWebSocket;
class QWebSocketServer;

// Lives on the thread that uses it. Accepts any token: the refused one is TokenRefusingServer's part.
class FakeFeedServer : public QObject
{
    Q_OBJECT

public:
    // What one connection's opening handshake carried.
    struct Handshake
    {
        QUrl url; // path and query as requested
        QByteArray authorization; // empty without the header
        std::optional<qint64> since() const;
    };

    explicit FakeFeedServer(QObject *parent = nullptr);
    ~FakeFeedServer() override;

    // Binds 127.0.0.1 on a free port (the same port again after pause()).
    bool listen();
    // wss:// with this certificate instead of ws://; call before listen().
    void useTls(const QSslCertificate &certificate, const QSslKey &key);
    // The address as a person would type it: ws://127.0.0.1:PORT (wss:// with TLS).
    QString address() const;
    quint16 port() const { return m_port; }

    // Sent on every connection as soon as it opens, in this order (a snapshot, say).
    void setGreeting(QList<QByteArray> messages);
    // Sent on every open connection now.
    void send(const QByteArray &text);
    // Closes every connection without a closing handshake: what a crashed router looks like.
    void cutAll();
    // Closes every connection with a close frame.
    void closeAll(QWebSocketProtocol::CloseCode code, const QString &reason);
    // Stops listening (connections in progress are cut): the router is down. listen() brings it back.
    void pause();

    QList<Handshake> handshakes() const { return m_handshakes; }
    int openConnections() const;
    // Every text frame the clients sent, in arrival order.
    QList<QByteArray> received() const { return m_received; }

Q_SIGNALS:
    void connectionOpened();
    void textReceived(const QByteArray &text);

private:
    void accept();

    QWebSocketServer *m_server;
    quint16 m_port = 0;
    bool m_secure = false;
    QList<QByteArray> m_greeting;
    QList<QPointer<QWebSocket>> m_connections;
    QList<Handshake> m_handshakes;
    QList<QByteArray> m_received;
};
