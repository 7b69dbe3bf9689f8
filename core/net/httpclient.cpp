// A light HTTP/1.1 client that keeps connections alive per origin.
#include "net/httpclient.h"
#include "net/httpconnection.h"
#include "net/remoteapi.h"

#include <QDeadlineTimer>
#include <QPointer>

#include <algorithm>
#include <coroutine>

using namespace Qt::StringLiterals;

namespace {

// Servers commonly drop an idle connection after 5 to 60 s; one that went first is caught by the
// retry, so this only bounds how long we hold sockets nobody uses.
constexpr std::chrono::milliseconds IdleTime { 30'000 };
// More than the calls that arrive at once at a small business, so that a burst does not close and
// reopen connections (and redo TLS handshakes); beyond it, connections close after use.
constexpr qsizetype MaxIdlePerOrigin = 32;

bool isSendableHeaderPart(const QByteArray &part)
{
    return std::none_of(
        part.cbegin(), part.cend(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

// Suspends the sending coroutine until its connection calls back with the answer.
class Exchange
{
public:
    Exchange(HttpConnection *connection, const QByteArray &request, bool answersHead, QDeadlineTimer deadline,
        qint64 maxAnswerBytes)
        : m_connection(connection)
        , m_request(request)
        , m_answersHead(answersHead)
        , m_deadline(deadline)
        , m_maxAnswerBytes(maxAnswerBytes)
    { }

    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> awaiting)
    {
        m_connection->start(
            m_request, m_answersHead, m_deadline, m_maxAnswerBytes, [this, awaiting](HttpAnswer answer) {
                m_answer = std::move(answer);
                awaiting.resume();
            });
    }
    HttpAnswer await_resume() { return std::move(m_answer); }

private:
    HttpConnection *m_connection;
    QByteArray m_request;
    bool m_answersHead;
    QDeadlineTimer m_deadline;
    qint64 m_maxAnswerBytes;
    HttpAnswer m_answer;
};

} // namespace

HttpClient::HttpClient(QObject *parent)
    : QObject(parent)
    , m_tls(QSslConfiguration::defaultConfiguration())
{ }

HttpClient::~HttpClient()
{
    // Connections carrying a request are not ours to delete: their exchange ends by its deadline and
    // then closes them. Kept ones go later, not now: this client may be going away inside the very
    // callback of a connection's last answer.
    for (const QList<HttpConnection *> &connections : std::as_const(m_idle)) {
        for (HttpConnection *connection : connections) {
            connection->disconnect(this);
            connection->deleteLater();
        }
    }
}

void HttpClient::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tls = configuration;
}

int HttpClient::idleConnections() const
{
    qsizetype count = 0;
    for (const QList<HttpConnection *> &connections : m_idle)
        count += connections.size();
    return int(count);
}

QCoro::Task<HttpAnswer> HttpClient::send(HttpRequest request)
{
    const std::optional<Target> target = targetOf(request.url);
    if (!target)
        co_return HttpAnswer { HttpAnswer::Failure::Network, tr("the address is not an http or https URL") };
    for (const auto &[name, value] : std::as_const(request.headers)) {
        if (name.isEmpty() || !isSendableHeaderPart(name) || !isSendableHeaderPart(value))
            co_return HttpAnswer { HttpAnswer::Failure::Network,
                tr("a request header cannot be sent as it is") };
    }
    const QByteArray bytes = serialize(request);
    const bool answersHead = request.method == "HEAD";
    const QDeadlineTimer deadline(request.timeout, Qt::PreciseTimer);
    const QPointer<HttpClient> self(this);

    for (bool firstAttempt = true;; firstAttempt = false) {
        HttpConnection *connection = connectionTo(*target);
        const bool reused = connection->hasServedBefore();
        ++m_busy;
        HttpAnswer answer
            = co_await Exchange(connection, bytes, answersHead, deadline, request.maxAnswerBytes);
        if (!self) {
            connection->deleteLater();
            co_return answer;
        }
        --m_busy;
        if (connection->isReusable())
            keep(target->origin, connection);
        else
            connection->deleteLater();
        // A kept connection the server closed while it sat idle fails before any answer byte; the
        // request never reached the server's application, so sending it again cannot do it twice.
        const bool staleConnection = reused && answer.failure == HttpAnswer::Failure::ClosedBeforeAnswer;
        if (!firstAttempt || !staleConnection || deadline.hasExpired())
            co_return answer;
    }
}

std::optional<HttpClient::Target> HttpClient::targetOf(const QUrl &url)
{
    if (!RemoteApi::isHttpUrl(url))
        return std::nullopt;
    const bool tls = url.scheme() == u"https"_s;
    const QString host = url.host(QUrl::FullyEncoded);
    const quint16 port = quint16(url.port(tls ? 443 : 80));
    return Target { host, port, tls, url.scheme() + u"://"_s + host + u':' + QString::number(port) };
}

QByteArray HttpClient::serialize(const HttpRequest &request)
{
    const QUrl &url = request.url;
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (url.port() != -1 && url.port() != (url.scheme() == u"https"_s ? 443 : 80))
        host += ':' + QByteArray::number(url.port());

    QByteArray bytes;
    bytes.reserve(256 + request.body.size());
    bytes += request.method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    for (const auto &[name, value] : request.headers)
        bytes += name + ": " + value + "\r\n";
    if (!request.body.isEmpty() || request.method == "POST" || request.method == "PUT"
        || request.method == "PATCH")
        bytes += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    bytes += "\r\n" + request.body;
    return bytes;
}

HttpConnection *HttpClient::connectionTo(const Target &target)
{
    const auto kept = m_idle.find(target.origin);
    if (kept != m_idle.end()) {
        // The most recently used first: the one least likely to have been closed by the server.
        while (!kept->isEmpty()) {
            HttpConnection *connection = kept->takeLast();
            if (connection->isReusable())
                return connection;
            connection->deleteLater();
        }
    }
    auto *connection = new HttpConnection(
        target.host, target.port, target.tls ? std::optional<QSslConfiguration>(m_tls) : std::nullopt);
    connect(connection, &HttpConnection::expired, this, [this, connection] {
        forget(connection);
        connection->deleteLater();
    });
    return connection;
}

void HttpClient::keep(const QString &origin, HttpConnection *connection)
{
    QList<HttpConnection *> &connections = m_idle[origin];
    if (connections.size() >= MaxIdlePerOrigin) {
        connection->deleteLater();
        return;
    }
    connection->keepIdle(IdleTime);
    connections.append(connection);
}

void HttpClient::forget(HttpConnection *connection)
{
    for (QList<HttpConnection *> &connections : m_idle)
        connections.removeOne(connection);
}
