// A keep-alive HTTP/1.1 load generator over raw sockets: N connections, each sending its next
// request as soon as the previous answer is complete, recording every latency.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
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

    // Paced (open-loop) mode: the connections together send `perSecond` requests a second, each at
    // its scheduled time; latency counts from that time, so a slow answer also charges the
    // requests that queue behind it. 0 (the default) sends each request as soon as the last is done.
    void setRate(double perSecond) { m_rate = perSecond; }
    ~LoadClient() override;

    // Runs until every connection has nothing more to send; returns the wall time in ms.
    double run();

    const QList<double> &latenciesMs() const { return m_latencies; }
    // The `p` quantile of `values` (0.5: the median, 1: the largest); 0 for none.
    static double percentile(QList<double> values, double p);
    // Sorts the answers into kinds (e.g. by what the TwiML does), so that each kind's latencies can be
    // told apart from the rest: a mix's tail may come from one kind only.
    void setKindOf(std::function<QString(const HttpAnswer &)> kindOf) { m_kindOf = std::move(kindOf); }
    const QHash<QString, QList<double>> &latenciesMsByKind() const { return m_latenciesByKind; }
    int errors() const { return m_errors; }
    int non2xx() const { return m_non2xx; }

private:
    friend class LoadConnection;
    void finished(LoadConnection *connection);

    quint16 m_port;
    RequestSource m_source;
    QList<std::shared_ptr<LoadConnection>> m_connections;
    QList<double> m_latencies;
    std::function<QString(const HttpAnswer &)> m_kindOf;
    QHash<QString, QList<double>> m_latenciesByKind;
    int m_errors = 0;
    int m_non2xx = 0;
    int m_running = 0;
    double m_rate = 0;
    QElapsedTimer m_clock;
};

class LoadConnection : public QObject
{
    Q_OBJECT

public:
    LoadConnection(LoadClient &client, int index);
    void start(quint16 port);

private:
    void sendNext(const HttpAnswer *previous);
    void send(const QByteArray &request);
    void onReadyRead();

    LoadClient &m_client;
    int m_index;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    qint64 m_sentAtNs = 0;
    qint64 m_dueNs = 0;
    bool m_done = false;
};
