// A keep-alive HTTP/1.1 load generator over raw sockets: N connections, each sending its next
// request as soon as the previous answer is complete, recording every latency.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTcpSocket>

#include <functional>
#include <memory>

struct HttpAnswer
{
    int status = 0;
    QByteArray body;
};

// Produces the next request of a connection, given the previous answer on it (empty at the start).
// Returns an empty array when the connection has nothing more to send.
using RequestSource = std::function<QByteArray(int connection, const HttpAnswer *previous)>;

class LoadConnection;

class LoadClient : public QObject
{
    Q_OBJECT

public:
    LoadClient(quint16 port, int connections, RequestSource source);
    ~LoadClient() override;

    // Runs until every connection has nothing more to send; returns the wall time in ms.
    double run();

    const QList<double> &latenciesMs() const { return m_latencies; }
    int errors() const { return m_errors; }
    int non2xx() const { return m_non2xx; }

private:
    friend class LoadConnection;
    void finished(LoadConnection *connection);

    quint16 m_port;
    RequestSource m_source;
    QList<std::shared_ptr<LoadConnection>> m_connections;
    QList<double> m_latencies;
    int m_errors = 0;
    int m_non2xx = 0;
    int m_running = 0;
};

class LoadConnection : public QObject
{
    Q_OBJECT

public:
    LoadConnection(LoadClient &client, int index);
    void start(quint16 port);

private:
    void sendNext(const HttpAnswer *previous);
    void onReadyRead();

    LoadClient &m_client;
    int m_index;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    QElapsedTimer m_timer;
    bool m_done = false;
};
