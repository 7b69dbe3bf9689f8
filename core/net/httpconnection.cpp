// One kept-alive HTTP/1.1 connection to one origin, one exchange at a time.
#include "net/httpconnection.h"

#include <QSslSocket>
#include <QTcpSocket>

HttpConnection::HttpConnection(QString host, quint16 port, std::optional<QSslConfiguration> tls)
    : m_host(std::move(host))
    , m_port(port)
    , m_tls(std::move(tls))
{
    m_timer.setSingleShot(true);
    // A coarse timer may fire 5% early, which would cut off an answer that was still in budget.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::deadlinePassed);
}

HttpConnection::~HttpConnection()
{
    if (m_socket) {
        // No signal of a dying socket may reach a half-destroyed connection.
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void HttpConnection::start(
    QByteArray request, bool answersHead, QDeadlineTimer deadline, qint64 maxAnswerBytes, Done done)
{
    Q_ASSERT(m_state == State::Unconnected || m_state == State::Idle);
    m_request = std::move(request);
    m_parser.emplace(maxAnswerBytes, answersHead);
    m_done = std::move(done);
    m_timer.start(std::chrono::milliseconds(std::max<qint64>(0, deadline.remainingTime())));
    if (m_state == State::Idle) {
        m_state = State::Busy;
        sendRequest();
    } else {
        openSocket();
    }
}

bool HttpConnection::isReusable() const
{
    return m_state == State::Idle && m_socket && m_socket->state() == QAbstractSocket::ConnectedState
        && m_socket->bytesAvailable() == 0;
}

void HttpConnection::keepIdle(std::chrono::milliseconds idleFor)
{
    Q_ASSERT(m_state == State::Idle);
    m_timer.start(idleFor);
}

void HttpConnection::openSocket()
{
    m_state = State::Connecting;
    if (m_tls) {
        auto *socket = new QSslSocket(this);
        socket->setSslConfiguration(*m_tls);
        connect(socket, &QSslSocket::encrypted, this, &HttpConnection::sendRequest);
        m_socket = socket;
    } else {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QAbstractSocket::connected, this, &HttpConnection::sendRequest);
    }
    // A Retell registration is one small request: send it at once rather than wait for more.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QIODevice::readyRead, this, &HttpConnection::readAnswer);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &HttpConnection::socketFailed);
    connect(m_socket, &QAbstractSocket::disconnected, this, &HttpConnection::socketClosed);
    if (auto *socket = qobject_cast<QSslSocket *>(m_socket))
        socket->connectToHostEncrypted(m_host, m_port);
    else
        m_socket->connectToHost(m_host, m_port);
}

void HttpConnection::sendRequest()
{
    m_state = State::Busy;
    if (m_socket->write(m_request) != m_request.size())
        finishLater(HttpAnswer::Failure::Network, m_socket->errorString());
    else
        m_socket->flush(); // sent now, not on the next turn of the event loop
    m_request.clear();
}

void HttpConnection::readAnswer()
{
    if (m_state == State::Idle) {
        // Nothing was asked: a server talking out of turn cannot be trusted with the next request.
        close();
        Q_EMIT expired();
        return;
    }
    if (m_state != State::Busy)
        return;
    m_parser->feed(m_socket->readAll());
    concludeAnswer();
}

void HttpConnection::concludeAnswer()
{
    switch (m_parser->outcome()) {
    case HttpResponseParser::Outcome::Incomplete:
        return;
    case HttpResponseParser::Outcome::Complete: {
        HttpAnswer answer;
        answer.status = m_parser->status();
        answer.body = m_parser->body();
        finish(std::move(answer));
        return;
    }
    case HttpResponseParser::Outcome::TooLarge:
        finish({ HttpAnswer::Failure::TooLarge });
        return;
    case HttpResponseParser::Outcome::Malformed:
        finish({ HttpAnswer::Failure::Malformed });
        return;
    }
}

void HttpConnection::socketFailed(QAbstractSocket::SocketError error)
{
    if (m_state == State::Idle) {
        close();
        Q_EMIT expired();
        return;
    }
    if (m_state != State::Busy && m_state != State::Connecting)
        return;
    switch (error) {
    case QAbstractSocket::RemoteHostClosedError:
        socketClosed();
        return;
    case QAbstractSocket::ConnectionRefusedError:
        finish({ HttpAnswer::Failure::ConnectionRefused });
        return;
    case QAbstractSocket::HostNotFoundError:
        finish({ HttpAnswer::Failure::HostNotFound });
        return;
    default:
        finish({ HttpAnswer::Failure::Network, m_socket->errorString() });
        return;
    }
}

void HttpConnection::socketClosed()
{
    if (m_state == State::Idle) {
        close();
        Q_EMIT expired();
        return;
    }
    if (m_state != State::Busy && m_state != State::Connecting)
        return;
    // What arrived with the close still counts: an answer may run to the end of the connection.
    if (m_state == State::Busy && m_socket->bytesAvailable() > 0)
        m_parser->feed(m_socket->readAll());
    if (m_parser->finish() != HttpResponseParser::Outcome::Incomplete)
        concludeAnswer();
    else if (m_parser->receivedAnything()) // the server had the request: it must not be sent again
        finish({ HttpAnswer::Failure::Network, tr("the connection was closed in the middle of the answer") });
    else
        finish({ HttpAnswer::Failure::ClosedBeforeAnswer });
}

void HttpConnection::deadlinePassed()
{
    if (m_state == State::Idle) {
        close();
        Q_EMIT expired();
        return;
    }
    if (m_state == State::Busy || m_state == State::Connecting)
        finish({ HttpAnswer::Failure::TimedOut });
}

void HttpConnection::finish(HttpAnswer answer)
{
    m_timer.stop();
    m_served = true;
    const bool reusable = answer.ok() && m_parser->keepsConnection()
        && m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesAvailable() == 0;
    if (reusable)
        m_state = State::Idle;
    else
        close();
    m_parser.reset();
    // Moved out first: the callback may start the next exchange on this very connection.
    const Done done = std::move(m_done);
    m_done = nullptr;
    done(std::move(answer));
}

void HttpConnection::finishLater(HttpAnswer::Failure failure, QString networkError)
{
    QMetaObject::invokeMethod(
        this,
        [this, failure, networkError] {
            if (m_state == State::Busy || m_state == State::Connecting)
                finish({ failure, networkError });
        },
        Qt::QueuedConnection);
}

void HttpConnection::close()
{
    m_state = State::Closed;
    m_timer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}
