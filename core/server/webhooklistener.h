// The webhook port's TCP listener. Anything can reach that port, so every byte a client sends is
// looked at before the HTTP server buffers it: requests too large are refused from their head,
// slow and idle connections are closed, and the number of connections stays under a cap. What a
// client sends can never make the router run out of memory, descriptors or time.
#pragma once

#include "logthrottle.h"
#include "requestframer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTcpServer>
#include <QTimer>

#include <chrono>
#include <memory>

class QAbstractHttpServer;
class QTcpSocket;
class QUrl;

struct ConnectionLimits
{
    RequestFramer::Limits request;
    // From a connection's start, or a request's first byte, to the request's last byte.
    std::chrono::milliseconds requestTimeout { 10'000 };
    // Between requests on a kept-alive connection (and the longest an answer may take).
    std::chrono::milliseconds idleTimeout { 60'000 };
    int maxConnections = 1024;
    // Bytes of requests not yet complete, all connections together.
    qsizetype maxPendingBytes = 16 * 1024 * 1024;
    // Answers a client has not read yet; a client that never reads is cut off.
    qsizetype maxUnsentBytes = 256 * 1024;
    // How long a refused connection may go on sending (read and dropped) after our answer.
    std::chrono::milliseconds lingerTime { 2'000 };

    // The cap that leaves room below the process's open-file limit for the database, the journal
    // and outgoing requests.
    static int connectionCapFor(int openFileLimit);
};

class WebhookListener : public QTcpServer
{
    Q_OBJECT

public:
    explicit WebhookListener(ConnectionLimits limits, QObject *parent = nullptr);
    ~WebhookListener() override;

    // Hands the guarded connections to `http` (which must outlive this listener's connections).
    void serve(QAbstractHttpServer &http);

    // The request target (path and query) exactly as the client sent it, for the request that
    // `socket` delivered with the URL `parsed`; empty when unknown.
    QByteArray takeRawTarget(QTcpSocket *socket, const QUrl &parsed);

    int connectionCount() const { return int(m_connections.size()); }
    const ConnectionLimits &limits() const { return m_limits; }

Q_SIGNALS:
    // A connection is gone (after a move, the last one lets a retired listener go).
    void connectionClosed();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Connection;

    void adopt(QTcpSocket *socket);
    // Before the HTTP server reads: frames the new bytes and refuses what breaks the limits.
    void inspect(Connection &connection);
    // After the HTTP server has read: what it left unread has been seen already.
    void afterHttpRead(Connection &connection);
    void onAnswerSent(Connection &connection);
    void refuse(Connection &connection, int status, const QByteArray &reason);
    void enforcePendingBudget();
    // Makes room for one more connection; false when every connection is waiting for an answer.
    bool makeRoom();
    void sweep();
    void forget(QTcpSocket *socket);
    qint64 now() const { return m_clock.elapsed(); }

    ConnectionLimits m_limits;
    QAbstractHttpServer *m_http = nullptr;
    QHash<QTcpSocket *, std::shared_ptr<Connection>> m_connections;
    QList<QTcpSocket *> m_adopted; // accepted, not yet taken by the HTTP server
    qsizetype m_pendingBytes = 0;
    quint64 m_accepted = 0;
    QElapsedTimer m_clock;
    QTimer m_sweepTimer;
    LogThrottle m_refusalLog;
};
