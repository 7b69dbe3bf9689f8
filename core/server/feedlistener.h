// The live feed's TCP listener (feed.listen): reads each request's head under limits, with TLS when a
// certificate is configured, checks the token before anything else, and then either answers a read-only
// API request or hands the connection over for the WebSocket upgrade. A seat on the network is a stranger
// until its token checks out: a request head is bounded in size and time, the connections in number, and
// a wrong token is refused with 401 before the upgrade.
#pragma once

#include "feedtokens.h"
#include "feed/seatinfo.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>
#include <QUrlQuery>

#include <chrono>
#include <functional>
#include <optional>

class QTcpSocket;

// An answer to a request of the read-only API.
struct FeedHttpAnswer
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QByteArray allow; // for 405: the methods the path takes
};

class FeedListener : public QTcpServer
{
    Q_OBJECT

public:
    struct Limits
    {
        qsizetype maxHeadBytes = 16 * 1024;
        // From the connection's start (TLS handshake included) to the head's last byte.
        std::chrono::milliseconds headTimeout { 10'000 };
        // Seats and API requests together; a practice has a handful of seats.
        int maxConnections = 256;
    };

    using TokenCheck = std::function<FeedTokens()>;
    // Answers GET /api/…: the path, its query, and what the token allows.
    using ApiHandler = std::function<FeedHttpAnswer(const QByteArray &method, const QString &path,
                                                    const QUrlQuery &query, FeedRole role)>;
    // The staff and teams a seat with the control token may name (GET /api/seat); the router's routing model.
    using SeatChoices = std::function<SeatInfo()>;
    // Takes over a connection whose WebSocket handshake is still unread in it, with the token it presented
    // and what that token allows.
    using UpgradeHandler = std::function<void(
        QTcpSocket *socket, FeedRole role, const QByteArray &token, std::optional<qint64> since)>;

    FeedListener(TokenCheck tokens, Limits limits, QObject *parent = nullptr);

    // With a configuration, every connection speaks TLS first.
    void setTls(const QSslConfiguration &configuration) { m_tls = configuration; }
    bool usesTls() const { return !m_tls.isNull(); }
    void setApiHandler(ApiHandler handler) { m_api = std::move(handler); }
    void setUpgradeHandler(UpgradeHandler handler) { m_upgrade = std::move(handler); }
    void setSeatChoices(SeatChoices choices) { m_seatChoices = std::move(choices); }

    // Connections still being read (not yet handed over or answered).
    int pendingCount() const { return int(m_pending.size()); }
    // Counts the upgraded connections against the cap (the owner says when one ends).
    void setUpgradedCount(int count) { m_upgraded = count; }

    // Reads the certificate chain and key of feed.tls_cert and feed.tls_key; on failure `error` names the
    // file at fault.
    static std::optional<QSslConfiguration> tlsConfiguration(
        const QString &certificateFile, const QString &keyFile, QString *error);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Pending
    {
        QTcpSocket *socket = nullptr;
        QByteArray head;
        qint64 since = 0; // when it connected, on m_clock
    };

    void startReading(QTcpSocket *socket);
    void onReadyRead(QTcpSocket *socket);
    void handle(QTcpSocket *socket, const QByteArray &head);
    void answer(QTcpSocket *socket, int status, const QByteArray &body, const QList<QByteArray> &headers = {},
                const QByteArray &contentType = "application/json");
    void forget(QTcpSocket *socket);
    void sweep();

    TokenCheck m_tokens;
    Limits m_limits;
    QSslConfiguration m_tls;
    ApiHandler m_api;
    SeatChoices m_seatChoices;
    UpgradeHandler m_upgrade;
    QHash<QTcpSocket *, Pending> m_pending;
    int m_upgraded = 0;
    quint64 m_refusedConnections = 0; // over the cap; logged once in a hundred
    QElapsedTimer m_clock;
    QTimer m_sweepTimer;
};
