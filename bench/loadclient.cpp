// A keep-alive HTTP/1.1 load generator over raw sockets.
#include "loadclient.h"

#include <algorithm>

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

LoadClient::LoadClient(quint16 port, int connections, RequestSource source)
    : m_port(port)
    , m_source(std::move(source))
{
    for (int i = 0; i < connections; ++i)
        m_connections.append(std::make_shared<LoadConnection>(*this, i));
}

LoadClient::~LoadClient() = default;

double LoadClient::run()
{
    QElapsedTimer wall;
    wall.start();
    m_clock.start();
    m_running = int(m_connections.size());
    for (const auto &connection : m_connections)
        connection->start(m_port);
    while (m_running > 0)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return double(wall.nsecsElapsed()) / 1e6;
}

void LoadClient::finished(LoadConnection *)
{
    --m_running;
}

LoadConnection::LoadConnection(LoadClient &client, int index)
    : m_client(client)
    , m_index(index)
{
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(&m_socket, &QTcpSocket::readyRead, this, &LoadConnection::onReadyRead);
    connect(&m_socket, &QTcpSocket::connected, this, [this] { sendNext(nullptr); });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_done)
            return;
        ++m_client.m_errors;
        m_done = true;
        m_client.finished(this);
    });
}

void LoadConnection::start(quint16 port)
{
    m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
}

void LoadConnection::sendNext(const HttpAnswer *previous)
{
    const QByteArray request = m_client.m_source(m_index, previous);
    if (request.isEmpty()) {
        m_done = true;
        m_socket.disconnectFromHost();
        m_client.finished(this);
        return;
    }
    if (m_client.m_rate <= 0) {
        send(request);
        return;
    }
    // Connections start evenly spread over one interval, then keep their own schedule.
    const qint64 intervalNs = qint64(1e9 * double(m_client.m_connections.size()) / m_client.m_rate);
    if (m_dueNs == 0)
        m_dueNs = m_client.m_clock.nsecsElapsed() + intervalNs * m_index / m_client.m_connections.size();
    else
        m_dueNs += intervalNs;
    const qint64 waitNs = m_dueNs - m_client.m_clock.nsecsElapsed();
    if (waitNs <= 0) {
        send(request);
        return;
    }
    QTimer::singleShot(int(waitNs / 1000000), Qt::PreciseTimer, this, [this, request] { send(request); });
}

void LoadConnection::send(const QByteArray &request)
{
    m_sentAtNs = m_client.m_rate > 0 ? m_dueNs : m_client.m_clock.nsecsElapsed();
    m_socket.write(request);
}

void LoadConnection::onReadyRead()
{
    m_buffer += m_socket.readAll();
    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    const QByteArray head = m_buffer.left(headerEnd);
    qsizetype length = 0;
    for (const QByteArray &line : head.split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    }
    if (m_buffer.size() < headerEnd + 4 + length)
        return;
    HttpAnswer answer;
    answer.status = head.mid(9, 3).toInt();
    answer.body = m_buffer.mid(headerEnd + 4, length);
    m_buffer.remove(0, headerEnd + 4 + length);
    const double latencyMs = double(m_client.m_clock.nsecsElapsed() - m_sentAtNs) / 1e6;
    m_client.m_latencies.append(latencyMs);
    if (m_client.m_kindOf)
        m_client.m_latenciesByKind[m_client.m_kindOf(answer)].append(latencyMs);
    if (answer.status < 200 || answer.status >= 300)
        ++m_client.m_non2xx;
    sendNext(&answer);
}

double LoadClient::percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size()))));
}
