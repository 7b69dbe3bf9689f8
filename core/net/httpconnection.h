// One kept-alive HTTP/1.1 connection to one origin (TLS through QSslSocket for https), carrying one
// exchange at a time for HttpClient.
#pragma once

#include "net/httpanswer.h"
#include "net/httpresponseparser.h"

#include <QAbstractSocket>
#include <QByteArray>
#include <QDeadlineTimer>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QTimer>

#include <functional>
#include <optional>

class HttpConnection : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(HttpAnswer)>;

    HttpConnection(QString host, quint16 port, std::optional<QSslConfiguration> tls);
    ~HttpConnection() override;

    // Sends `request` (head and body, ready to go) and calls `done` once with the answer, by the
    // deadline at the latest and never before start() returns. `done` is the last thing this object
    // does for the exchange, so it may start the next one or deleteLater() the connection.
    void start(
        QByteArray request, bool answersHead, QDeadlineTimer deadline, qint64 maxAnswerBytes, Done done);

    // Can carry another request: the last answer was complete and said nothing against it, and the
    // server has not closed the connection or sent anything since.
    bool isReusable() const;
    // Has completed an exchange before, so a failure before any answer byte may just be the server
    // having closed it while idle.
    bool hasServedBefore() const { return m_served; }

    // Kept open for the next request until `idleFor` passes; then, or when the server closes it,
    // emits expired().
    void keepIdle(std::chrono::milliseconds idleFor);

Q_SIGNALS:
    void expired();

private:
    enum class State
    {
        Unconnected,
        Connecting,
        Busy,
        Idle,
        Closed
    };

    void openSocket();
    void sendRequest();
    void readAnswer();
    // Finishes the exchange once the parser has a complete answer or a reason to give up.
    void concludeAnswer();
    void socketFailed(QAbstractSocket::SocketError error);
    void socketClosed();
    void deadlinePassed();
    void finish(HttpAnswer answer);
    void finishLater(HttpAnswer::Failure failure, QString networkError = {});
    void close();

    QString m_host;
    quint16 m_port;
    std::optional<QSslConfiguration> m_tls;
    QAbstractSocket *m_socket = nullptr;
    QTimer m_timer; // the exchange's deadline while busy, the idle time while idle
    State m_state = State::Unconnected;
    bool m_served = false;

    QByteArray m_request;
    std::optional<HttpResponseParser> m_parser;
    Done m_done;
};
