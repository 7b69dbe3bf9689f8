// The webhook port's TCP listener: guards the HTTP server against what any client may send.
#include "webhooklistener.h"

#include "serverlog.h"

#include <QAbstractHttpServer>
#include <QTcpSocket>
#include <QUrl>

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;

namespace {

QByteArray statusText(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

// Read and written ahead of the HTTP server's own buffering: a whole request at its largest, so
// that the socket stops reading from the network rather than growing without end.
qint64 readBufferFor(const RequestFramer::Limits &limits)
{
    return limits.maxHeadBytes + limits.maxBodyBytes + 16 * 1024;
}

} // namespace

struct WebhookListener::Connection
{
    explicit Connection(QTcpSocket *socket, const RequestFramer::Limits &limits)
        : socket(socket)
        , framer(limits)
    { }

    QTcpSocket *socket;
    RequestFramer framer;
    qint64 seenUnread = 0; // bytes at the front of the socket's buffer already framed
    quint64 order = 0; // the how-manieth connection accepted
    qint64 since = 0; // when the present wait began (the listener's clock, ms)
    qint64 deadline = 0; // when the present wait ends the connection
    bool served = false; // has sent a whole request before
    bool answering = false; // a request is complete and its answer not yet sent
    bool closing = false; // refused: our answer is going out, anything more is dropped
    qint64 dropped = 0; // bytes read and dropped since the refusal
    QList<QByteArray> targets; // raw targets of complete requests not yet handled
};

int ConnectionLimits::connectionCapFor(int openFileLimit)
{
    // The rest is for the database and its journals, outgoing requests and, in the app, the display.
    const int reserve = qMax(64, openFileLimit / 8);
    return std::clamp(openFileLimit - reserve, 16, 4096);
}

WebhookListener::WebhookListener(ConnectionLimits limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{
    m_clock.start();
    // A burst of connections (Twilio's retries, or someone hostile) waits in the kernel's queue
    // rather than being refused while the router is busy.
    setListenBacklogSize(1024);
    const auto shortest = std::min(m_limits.requestTimeout, m_limits.lingerTime);
    m_sweepTimer.setInterval(
        std::clamp(shortest / 4, std::chrono::milliseconds(10), std::chrono::milliseconds(1000)));
    connect(&m_sweepTimer, &QTimer::timeout, this, &WebhookListener::sweep);
}

WebhookListener::~WebhookListener()
{
    // The sockets are our children and go with us; their destroyed() must not reach a half-gone listener.
    for (const auto &connection : std::as_const(m_connections))
        disconnect(connection->socket, nullptr, this, nullptr);
}

void WebhookListener::serve(QAbstractHttpServer &http)
{
    m_http = &http;
    http.bind(this);
    // Connected after the HTTP server's own handler, so that the sockets it has just taken are
    // read by it first and looked at by us afterwards.
    connect(this, &QTcpServer::newConnection, this, [this] {
        for (QTcpSocket *socket : std::exchange(m_adopted, {})) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                if (const auto connection = m_connections.value(socket))
                    afterHttpRead(*connection);
            });
        }
    });
}

void WebhookListener::incomingConnection(qintptr descriptor)
{
    if (m_connections.size() >= m_limits.maxConnections && !makeRoom()) {
        qCWarning(lcServer) << "Refused a connection: all" << m_connections.size()
                            << "connections are waiting for an answer.";
        ::close(int(descriptor));
        return;
    }
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    adopt(socket);
    addPendingConnection(socket);
}

void WebhookListener::adopt(QTcpSocket *socket)
{
    socket->setReadBufferSize(readBufferFor(m_limits.request));
    auto connection = std::make_shared<Connection>(socket, m_limits.request);
    connection->order = ++m_accepted;
    connection->since = now();
    connection->deadline = connection->since + m_limits.requestTimeout.count();
    m_connections.insert(socket, connection);
    m_adopted.append(socket);
    // Connected before the HTTP server's own readyRead handler, so it sees the bytes first.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
        if (const auto connection = m_connections.value(socket))
            inspect(*connection);
    });
    connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] {
        if (const auto connection = m_connections.value(socket))
            onAnswerSent(*connection);
    });
    connect(socket, &QObject::destroyed, this, [this, socket] { forget(socket); });
    if (!m_sweepTimer.isActive())
        m_sweepTimer.start();
}

void WebhookListener::inspect(Connection &connection)
{
    QTcpSocket *socket = connection.socket;
    if (connection.closing) {
        // A little is read and dropped so that the client can still read our answer; a client
        // that goes on sending past a request's worth is cut off rather than read for nothing.
        connection.dropped += socket->skip(socket->bytesAvailable());
        if (connection.dropped > m_limits.request.maxBodyBytes) {
            forget(socket);
            socket->abort();
        }
        return;
    }
    if (socket->bytesToWrite() > m_limits.maxUnsentBytes) {
        qCWarning(lcServer) << "Closed a connection that does not read its answers.";
        socket->abort();
        return;
    }
    const qint64 available = socket->bytesAvailable();
    if (available <= connection.seenUnread)
        return;
    const QByteArray fresh = socket->peek(available).sliced(connection.seenUnread);
    connection.seenUnread = available;

    const bool wasInRequest = connection.framer.inRequest();
    m_pendingBytes -= connection.framer.pendingBytes();
    const bool ok = connection.framer.feed(fresh);
    m_pendingBytes += connection.framer.pendingBytes();
    const QList<QByteArray> completed = connection.framer.takeCompleted();
    connection.targets.append(completed);
    if (!ok) {
        const RequestFramer::Refusal &refusal = connection.framer.refusal();
        refuse(connection, refusal.status, refusal.reason);
        return;
    }

    const qint64 at = now();
    if (!completed.isEmpty()) {
        connection.served = true;
        connection.answering = true;
    }
    if (connection.framer.inRequest()) {
        // The clock of a request runs from its first byte and is not reset by later bytes: a
        // client that trickles its request in is closed all the same. A new connection's first
        // request runs from the connection's start.
        if (!completed.isEmpty() || (!wasInRequest && connection.served)) {
            connection.since = at;
            connection.deadline = at + m_limits.requestTimeout.count();
        }
    } else if (!completed.isEmpty()) {
        connection.since = at;
        connection.deadline = at + m_limits.idleTimeout.count();
    }
    if (m_pendingBytes > m_limits.maxPendingBytes)
        enforcePendingBudget();
}

void WebhookListener::afterHttpRead(Connection &connection)
{
    connection.seenUnread = connection.closing ? 0 : connection.socket->bytesAvailable();
}

void WebhookListener::onAnswerSent(Connection &connection)
{
    QTcpSocket *socket = connection.socket;
    if (socket->bytesToWrite() > 0)
        return;
    if (connection.closing) {
        // Our refusal is out: no more from us, while the client's remaining bytes are dropped
        // until it closes or the linger time ends (closing at once could reset the connection
        // before the client has read why).
        ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
        return;
    }
    if (connection.answering && !connection.framer.inRequest()) {
        connection.answering = false;
        connection.since = now();
        connection.deadline = connection.since + m_limits.idleTimeout.count();
    }
}

void WebhookListener::refuse(Connection &connection, int status, const QByteArray &reason)
{
    QTcpSocket *socket = connection.socket;
    if (int heldBack = 0; m_refusalLog.allow(&heldBack)) {
        qCWarning(lcServer).noquote() << "Refused a request from" << socket->peerAddress().toString() << "with"
                                      << status << QString::fromUtf8(reason)
                                      << (heldBack ? u"(and %1 more since the last line)"_s.arg(heldBack) : QString());
    }
    m_pendingBytes -= connection.framer.pendingBytes();
    connection.closing = true;
    connection.answering = false;
    connection.since = now();
    connection.deadline = connection.since + m_limits.lingerTime.count();
    // The HTTP server sees nothing more of this connection, and what it kept of it is let go.
    if (m_http)
        disconnect(socket, &QTcpSocket::readyRead, m_http, nullptr);
    if (socket->isTransactionStarted())
        socket->commitTransaction();
    const QByteArray body = reason + '\n';
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + statusText(status)
        + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n\r\n" + body);
    socket->skip(socket->bytesAvailable());
    socket->flush();
    onAnswerSent(connection);
}

void WebhookListener::enforcePendingBudget()
{
    // The connections holding the most unfinished bytes go first, until the rest fits.
    while (m_pendingBytes > m_limits.maxPendingBytes) {
        Connection *largest = nullptr;
        for (const auto &connection : std::as_const(m_connections)) {
            if (!connection->closing
                && (!largest || connection->framer.pendingBytes() > largest->framer.pendingBytes()))
                largest = connection.get();
        }
        if (!largest || largest->framer.pendingBytes() == 0)
            return;
        refuse(*largest, 503, "Too many unfinished requests; try again.");
    }
}

bool WebhookListener::makeRoom()
{
    // Oldest idle connection first, then the oldest unfinished request; never one awaiting its answer.
    Connection *victim = nullptr;
    const auto rank
        = [](const Connection &c) { return std::tuple(c.framer.inRequest() ? 1 : 0, c.since, c.order); };
    for (const auto &connection : std::as_const(m_connections)) {
        if (connection->answering)
            continue;
        if (connection->closing) { // already on its way out
            victim = connection.get();
            break;
        }
        if (!victim || rank(*connection) < rank(*victim))
            victim = connection.get();
    }
    if (!victim)
        return false;
    qCDebug(lcServer) << "At the connection cap: closed the oldest idle connection.";
    QTcpSocket *socket = victim->socket;
    forget(socket);
    socket->abort();
    return true;
}

void WebhookListener::sweep()
{
    const qint64 at = now();
    QList<QTcpSocket *> expired;
    for (const auto &connection : std::as_const(m_connections)) {
        if (connection->deadline <= at)
            expired.append(connection->socket);
    }
    for (QTcpSocket *socket : expired) {
        const auto connection = m_connections.value(socket);
        if (!connection)
            continue;
        if (!connection->closing) {
            qCDebug(lcServer).noquote()
                << "Closed a connection from" << socket->peerAddress().toString()
                << (connection->framer.inRequest() ? "that did not finish its request in time."
                                                   : "that stayed idle.");
        }
        forget(socket);
        socket->abort();
    }
    if (m_connections.isEmpty())
        m_sweepTimer.stop();
}

void WebhookListener::forget(QTcpSocket *socket)
{
    const auto connection = m_connections.take(socket);
    if (!connection)
        return;
    if (!connection->closing)
        m_pendingBytes -= connection->framer.pendingBytes();
    m_adopted.removeOne(socket);
    Q_EMIT connectionClosed();
}

QByteArray WebhookListener::takeRawTarget(QTcpSocket *socket, const QUrl &parsed)
{
    const auto connection = m_connections.value(socket);
    if (!connection)
        return {};
    // Requests the HTTP server answered without us (unknown paths) leave their targets behind.
    while (!connection->targets.isEmpty()) {
        QByteArray target = connection->targets.takeFirst();
        const QUrl url = QUrl::fromEncoded(target);
        if (url.path() == parsed.path() && url.query() == parsed.query())
            return target;
    }
    return {};
}
