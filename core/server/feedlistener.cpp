#include "feedlistener.h"

#include "serverlog.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslKey>
#include <QSslSocket>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

struct RequestHead
{
    QByteArray method;
    QByteArray target;
    QHash<QByteArray, QByteArray> headers; // names in lower case
};

std::optional<RequestHead> parseHead(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return std::nullopt;
    RequestHead request { requestLine.at(0), requestLine.at(1), {} };
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return std::nullopt;
        request.headers.insert(line.first(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    return request;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 426: return "Upgrade Required";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    }
    return "Error";
}

QByteArray errorBody(const QString &sentence)
{
    return QJsonDocument(QJsonObject { { u"error"_s, sentence } }).toJson(QJsonDocument::Compact);
}

bool headerHasToken(const QByteArray &value, QByteArrayView token)
{
    for (const QByteArray &part : value.split(','))
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

} // namespace

FeedListener::FeedListener(TokenCheck tokens, Limits limits, QObject *parent)
    : QTcpServer(parent)
    , m_tokens(std::move(tokens))
    , m_limits(limits)
{
    m_clock.start();
    m_sweepTimer.setInterval(std::chrono::milliseconds(500));
    connect(&m_sweepTimer, &QTimer::timeout, this, &FeedListener::sweep);
    m_sweepTimer.start();
}

void FeedListener::incomingConnection(qintptr descriptor)
{
    QTcpSocket *socket = usesTls() ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (int(m_pending.size()) + m_upgraded >= m_limits.maxConnections) {
        if (m_refusedConnections++ % 100 == 0)
            qCWarning(lcServer) << "Live feed: refusing a connection; already" << m_limits.maxConnections << "open";
        socket->abort();
        socket->deleteLater();
        return;
    }
    m_pending.insert(socket, Pending { socket, {}, m_clock.elapsed() });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] { forget(socket); });
    if (auto *tls = qobject_cast<QSslSocket *>(socket)) {
        tls->setSslConfiguration(m_tls);
        connect(tls, &QSslSocket::encrypted, this, [this, tls] { startReading(tls); });
        // A client that does not trust the certificate, or speaks no TLS at all, ends here.
        connect(tls, &QSslSocket::errorOccurred, this, [this, tls] {
            if (m_pending.contains(tls) && !tls->isEncrypted())
                forget(tls);
        });
        tls->startServerEncryption();
        return;
    }
    startReading(socket);
}

void FeedListener::startReading(QTcpSocket *socket)
{
    // The WebSocket server reads the handshake again from the start: what this listener reads is put back.
    socket->startTransaction();
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    if (socket->bytesAvailable() > 0)
        onReadyRead(socket);
}

void FeedListener::onReadyRead(QTcpSocket *socket)
{
    auto it = m_pending.find(socket);
    if (it == m_pending.end())
        return;
    it->head += socket->read(m_limits.maxHeadBytes + 1 - it->head.size());
    const qsizetype end = it->head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (it->head.size() > m_limits.maxHeadBytes)
            answer(socket, 431, errorBody(tr("The request's head is larger than %1 bytes.").arg(m_limits.maxHeadBytes)));
        return;
    }
    const QByteArray head = it->head.first(end + 2);
    handle(socket, head);
}

void FeedListener::handle(QTcpSocket *socket, const QByteArray &head)
{
    const std::optional<RequestHead> request = parseHead(head);
    if (!request) {
        answer(socket, 400, errorBody(tr("That is not an HTTP request.")));
        return;
    }
    const QUrl url(QString::fromLatin1(request->target), QUrl::StrictMode);
    const QUrlQuery query(url);
    const QString path = url.path();
    const bool isFeed = path == u"/feed"_s;
    const bool isApi = path == u"/api"_s || path.startsWith(u"/api/"_s);
    if (!url.isValid() || !request->target.startsWith('/') || (!isFeed && !isApi)) {
        answer(socket, 404, errorBody(tr("There is nothing at %1; the live feed is at /feed and the API under /api/.")
                                          .arg(path.left(200))));
        return;
    }
    const QByteArray presented = FeedTokens::presentedIn(request->headers.value("authorization"),
        query.queryItemValue(u"token"_s, QUrl::FullyDecoded).toUtf8());
    const FeedRole role = m_tokens().roleOf(presented);
    if (role == FeedRole::None) {
        qCInfo(lcServer).noquote() << "Live feed: refused" << (presented.isEmpty() ? "a request without a token" : "a wrong token")
                                   << "from" << socket->peerAddress().toString();
        answer(socket, 401,
            errorBody(presented.isEmpty() ? tr("A token is needed: send \"Authorization: Bearer TOKEN\".")
                                          : tr("The token was refused.")),
            { "WWW-Authenticate: Bearer realm=\"Switchboard\"" });
        return;
    }
    if (request->method != "GET" && !(isApi && request->method == "HEAD")) {
        answer(socket, 405, errorBody(tr("Only GET is answered here.")), { isApi ? "Allow: GET, HEAD" : "Allow: GET" });
        return;
    }
    if (path == u"/api/seat"_s) {
        // What this seat's token allows, so that a seat offers only what it may do; a seat that may act is
        // also told whom it can name (a call-back's staff member, a transfer's staff or team).
        SeatInfo seat;
        seat.control = role == FeedRole::Control;
        if (seat.control && m_seatChoices) {
            const SeatInfo choices = m_seatChoices();
            seat.staff = choices.staff;
            seat.teams = choices.teams;
        }
        const QByteArray body = QJsonDocument(seat.toJson()).toJson(QJsonDocument::Compact);
        answer(socket, 200, request->method == "HEAD" ? QByteArray() : body);
        return;
    }
    if (isApi) {
        FeedHttpAnswer reply = m_api ? m_api(request->method, path, query, role)
                                     : FeedHttpAnswer { 404, errorBody(tr("This Switchboard has no API.")) };
        QList<QByteArray> headers;
        if (!reply.allow.isEmpty())
            headers.append("Allow: " + reply.allow);
        if (request->method == "HEAD")
            reply.body.clear();
        answer(socket, reply.status, reply.body, headers, reply.contentType);
        return;
    }
    if (!headerHasToken(request->headers.value("upgrade"), "websocket")) {
        answer(socket, 426, errorBody(tr("The live feed is a WebSocket: ask for \"Upgrade: websocket\".")),
            { "Upgrade: websocket", "Connection: Upgrade" });
        return;
    }
    std::optional<qint64> since;
    if (query.hasQueryItem(u"since"_s)) {
        bool isNumber = false;
        const qint64 seq = query.queryItemValue(u"since"_s).toLongLong(&isNumber);
        if (!isNumber || seq < 0) {
            answer(socket, 400, errorBody(tr("since must be the seq of the last message received.")));
            return;
        }
        since = seq;
    }
    // From here the connection is the WebSocket server's: it reads the handshake from the start.
    m_pending.remove(socket);
    disconnect(socket, nullptr, this, nullptr);
    socket->rollbackTransaction();
    if (m_upgrade)
        m_upgrade(socket, role, presented, since);
    else
        socket->deleteLater();
}

void FeedListener::answer(QTcpSocket *socket, int status, const QByteArray &body, const QList<QByteArray> &headers,
                          const QByteArray &contentType)
{
    m_pending.remove(socket);
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    socket->commitTransaction();
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const QByteArray &header : headers)
        response += header + "\r\n";
    if (!body.isEmpty() || status != 200)
        response += "Content-Type: " + contentType + "\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n"
                "Cache-Control: no-store\r\n\r\n" + body;
    socket->write(response);
    // Closes once the answer is out; what the client still sends is not read.
    socket->disconnectFromHost();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater, Qt::UniqueConnection);
    // A client that never reads the answer does not keep the connection.
    QTimer::singleShot(m_limits.headTimeout, socket, [socket] { socket->abort(); });
}

void FeedListener::forget(QTcpSocket *socket)
{
    if (m_pending.remove(socket) > 0) {
        socket->abort();
        socket->deleteLater();
    }
}

void FeedListener::sweep()
{
    const qint64 now = m_clock.elapsed();
    QList<QTcpSocket *> late;
    for (const Pending &pending : std::as_const(m_pending)) {
        if (now - pending.since > m_limits.headTimeout.count())
            late.append(pending.socket);
    }
    for (QTcpSocket *socket : late)
        forget(socket);
}

std::optional<QSslConfiguration> FeedListener::tlsConfiguration(
    const QString &certificateFile, const QString &keyFile, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!QSslSocket::supportsSsl())
        return fail(tr("The live feed cannot use TLS: this computer's Qt has no TLS support."));
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificateFile, QSsl::Pem);
    if (chain.isEmpty() || chain.constFirst().isNull())
        return fail(tr("feed.tls_cert: \"%1\" cannot be read as a PEM certificate.").arg(certificateFile));
    QFile file(keyFile);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("feed.tls_key: cannot read \"%1\": %2.").arg(keyFile, file.errorString()));
    const QByteArray pem = file.read(1024 * 1024);
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        return fail(tr("feed.tls_key: \"%1\" holds no RSA or EC private key that can be read (a key protected "
                       "by a pass phrase cannot be used).").arg(keyFile));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    // Seats do not present certificates; the token says who they are.
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}
