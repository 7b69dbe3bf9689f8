// A seat's connection to another Switchboard's live feed.
#include "feedclient.h"

#include "certificatefingerprint.h"
#include "feedclientlog.h"
#include "pendingfeedcommand.h"

#include <QCoroSignal>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUuid>
#include <QWebSocket>

#include <cmath>

using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

namespace {

// Qt's own error texts come without a full stop; ours are sentences.
QString sentence(QString text)
{
    text = text.trimmed();
    if (!text.isEmpty() && !text.endsWith(u'.'))
        text += u'.';
    return text;
}

int wholeSecondsUp(milliseconds wait)
{
    return std::max(1, int(std::ceil(double(wait.count()) / 1000.0)));
}

// QtWebSockets 6.4 reports an HTTP answer other than 101 to the opening handshake as a refused connection
// whose text carries the status: "…Unhandled http status code: 401 (Unauthorized)."
std::optional<std::pair<int, QString>> handshakeStatus(
    QAbstractSocket::SocketError error, const QWebSocket &socket)
{
    if (error != QAbstractSocket::ConnectionRefusedError)
        return std::nullopt;
    static const QRegularExpression status(u"\\b([1-5][0-9][0-9])\\b(?: \\(([^)]*)\\))?"_s);
    const QRegularExpressionMatch match = status.match(socket.errorString());
    if (!match.hasMatch())
        return std::nullopt;
    return std::pair { match.captured(1).toInt(), match.captured(2) };
}

} // namespace

QString FeedClient::closedByRouter(const QWebSocket &socket)
{
    // Closed on this side: the router sent more than a message may weigh.
    if (socket.closeCode() == QWebSocketProtocol::CloseCodeTooMuchData)
        return tr("The router sent a message larger than %n MiB; the connection was closed.", nullptr,
            int(MaxMessageBytes / (1024 * 1024)));
    return socket.closeReason().isEmpty()
        ? tr("The router closed the connection.")
        : tr("The router closed the connection: %1").arg(sentence(socket.closeReason()));
}

FeedClient::FeedClient(QObject *parent)
    : QObject(parent)
{
    m_retryTimer.setSingleShot(true);
    m_patienceTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &FeedClient::connectNow);
    connect(&m_patienceTimer, &QTimer::timeout, this, &FeedClient::onPatienceRunOut);
}

FeedClient::~FeedClient()
{
    failPendingCommands(tr("The connection was closed before the router answered; the command may or may not "
                           "have been carried out."));
    discardSocket();
}

void FeedClient::setAddress(const FeedAddress &address)
{
    m_address = address;
}

bool FeedClient::setToken(const QString &token, QString *error)
{
    const std::optional<QByteArray> read = readToken(token, error);
    if (!read)
        return false;
    m_token = *read;
    return true;
}

std::optional<QByteArray> FeedClient::readToken(const QString &typed, QString *error)
{
    const QString trimmed = typed.trimmed();
    // A header value ends at a line break: anything outside visible ASCII would change the request.
    static const QRegularExpression visibleAscii(u"^[!-~]+$"_s);
    if (!visibleAscii.match(trimmed).hasMatch()) {
        if (error)
            *error = trimmed.isEmpty()
                ? tr("The token is empty.")
                : tr("The token has spaces or characters no token has; copy it again.");
        return std::nullopt;
    }
    return trimmed.toLatin1();
}

void FeedClient::setPinnedCertificateDigest(const QByteArray &sha256)
{
    m_pinnedDigest = sha256;
}

void FeedClient::setReconnectSchedule(const ReconnectDelay::Schedule &schedule)
{
    m_delay = ReconnectDelay(schedule);
}

void FeedClient::setPatience(milliseconds opening, milliseconds silence)
{
    m_openingPatience = opening;
    m_silencePatience = silence;
}

void FeedClient::start()
{
    if (m_address.isEmpty()) {
        qCWarning(lcFeedClient) << "started without an address";
        return;
    }
    m_delay.reset();
    m_problem.clear();
    connectNow();
}

void FeedClient::stop()
{
    m_retryTimer.stop();
    failPendingCommands(tr("The connection was closed before the router answered; the command may or may not "
                           "have been carried out."));
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->close(QWebSocketProtocol::CloseCodeNormal);
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    m_patienceTimer.stop();
    setState(State::Stopped);
}

void FeedClient::resynchronise()
{
    m_lastSeq.reset();
    if (m_state == State::Stopped || m_state == State::TokenRefused)
        return;
    // Not a failure: the next connection comes at once, and the waits do not grow.
    m_retryTimer.stop();
    failPendingCommands(
        tr("The connection was renewed before the router answered; the command may or may not "
           "have been carried out."));
    discardSocket();
    connectNow();
}

QString FeedClient::statusText() const
{
    const QString where = m_address.url().toString();
    switch (m_state) {
    case State::Stopped:
        return m_problem.isEmpty() ? tr("Not connected.") : tr("Not connected: %1").arg(m_problem);
    case State::Connecting:
        return tr("Connecting to %1…").arg(where);
    case State::Connected:
        return tr("Connected to %1.").arg(where);
    case State::CutOff:
        return tr("Cut off: %1 Next try in %n s.", nullptr, wholeSecondsUp(m_retryDelay)).arg(m_problem);
    case State::TokenRefused:
        return m_problem;
    }
    return {};
}

QCoro::Task<FeedCommandResult> FeedClient::sendCommand(FeedCommand command, milliseconds timeout)
{
    if (m_state != State::Connected || !m_socket)
        co_return FeedCommandResult { false, tr("Not connected to the router; the command was not sent.") };
    if (command.id.isEmpty())
        command.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (m_pending.value(command.id))
        co_return FeedCommandResult { false,
            tr("A command with the id \"%1\" is still waiting for its answer.").arg(command.id) };
    QPointer<PendingFeedCommand> pending = new PendingFeedCommand(this);
    m_pending.insert(command.id, pending);
    m_socket->sendTextMessage(QString::fromUtf8(FeedMessage::commandMessage(command).toJson()));

    const std::optional<FeedCommandResult> answer
        = co_await qCoro(pending.data(), &PendingFeedCommand::settled, timeout);
    // From here on this client may be gone (its destructor answers what waits): only locals are touched.
    if (answer)
        co_return *answer;
    if (pending)
        pending->deleteLater();
    co_return FeedCommandResult { false,
        tr("The router did not answer within %n s; the command may or may not "
           "have been carried out.",
            nullptr, wholeSecondsUp(timeout)) };
}

void FeedClient::connectNow()
{
    discardSocket();
    m_tlsProblem.clear();
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    socket->setMaxAllowedIncomingMessageSize(MaxMessageBytes);
    socket->setMaxAllowedIncomingFrameSize(MaxMessageBytes);
    connect(socket, &QWebSocket::connected, this, &FeedClient::onConnected);
    connect(socket, &QWebSocket::textMessageReceived, this, &FeedClient::onTextMessage);
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this] {
        Q_EMIT unreadableMessage(tr("The router sent a binary message; the feed's messages are text."));
    });
    connect(socket, &QWebSocket::pong, this, [this] {
        m_pingSent = false;
        m_patienceTimer.start(m_silencePatience);
    });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
        &FeedClient::onSocketError);
    connect(socket, &QWebSocket::sslErrors, this, &FeedClient::onSslErrors);
    // A failed connection says why after it says it is over: decide once the error has had its say.
    connect(
        socket, &QWebSocket::disconnected, this,
        [this, socket = QPointer<QWebSocket>(socket)] {
            if (socket && socket == m_socket)
                cutOff(socket, closedByRouter(*socket));
        },
        Qt::QueuedConnection);

    QNetworkRequest request(m_address.url(m_lastSeq));
    request.setRawHeader("Authorization", "Bearer " + m_token);
    m_pingSent = false;
    setState(State::Connecting);
    m_patienceTimer.start(m_openingPatience);
    qCDebug(lcFeedClient).noquote() << "connecting to" << request.url().toString();
    socket->open(request);
}

void FeedClient::onConnected()
{
    m_connectedFor.start();
    m_patienceTimer.start(m_silencePatience);
    setState(State::Connected);
}

void FeedClient::onTextMessage(const QString &text)
{
    m_pingSent = false;
    m_patienceTimer.start(m_silencePatience);
    const QByteArray utf8 = text.toUtf8();
    QString error;
    const std::optional<FeedMessage> message = FeedMessage::parse(utf8, &error);
    if (!message) {
        qCInfo(lcFeedClient).noquote() << "unreadable message:" << error;
        Q_EMIT unreadableMessage(tr("A message from the router could not be read: %1").arg(sentence(error)));
        return;
    }
    switch (message->type) {
    case FeedMessage::Type::Snapshot:
    case FeedMessage::Type::Session:
    case FeedMessage::Type::Event:
        // A snapshot starts the numbering afresh (a router that restarted may count from anew).
        if (message->type == FeedMessage::Type::Snapshot || !m_lastSeq || message->seq > *m_lastSeq)
            m_lastSeq = message->seq;
        break;
    case FeedMessage::Type::Result:
        if (const QPointer<PendingFeedCommand> pending = m_pending.take(message->resultId)) {
            pending->settle({ message->ok, message->ok ? QString() : message->error });
            pending->deleteLater();
        }
        break;
    case FeedMessage::Type::Command:
        break; // a router never sends one; handed on for whoever prints everything
    }
    Q_EMIT messageReceived(*message, utf8);
}

void FeedClient::onSocketError(QAbstractSocket::SocketError error)
{
    QWebSocket *socket = m_socket;
    if (!socket || socket != sender())
        return;
    if (const auto status = handshakeStatus(error, *socket)) {
        if (status->first == 401 || status->first == 403) {
            refuseToken();
            return;
        }
        cutOff(socket,
            status->second.isEmpty()
                ? tr("The router answered HTTP %1 instead of opening the feed.").arg(status->first)
                : tr("The router answered HTTP %1 (%2) instead of opening the feed.")
                      .arg(status->first)
                      .arg(status->second));
        return;
    }
    if (!m_tlsProblem.isEmpty())
        cutOff(socket, m_tlsProblem);
    else if (error == QAbstractSocket::RemoteHostClosedError)
        cutOff(socket, closedByRouter(*socket));
    else
        cutOff(socket, sentence(socket->errorString()));
}

void FeedClient::onSslErrors(const QList<QSslError> &errors)
{
    QWebSocket *socket = m_socket;
    if (!socket || socket != sender())
        return;
    // The router's own certificate is the one the first complaint is about.
    QSslCertificate certificate;
    for (const QSslError &error : errors) {
        if (!error.certificate().isNull()) {
            certificate = error.certificate();
            break;
        }
    }
    const QByteArray digest = CertificateFingerprint::sha256(certificate);
    if (!m_pinnedDigest.isEmpty() && digest == m_pinnedDigest) {
        qCDebug(lcFeedClient) << "accepting the pinned certificate";
        socket->ignoreSslErrors();
        return;
    }
    QStringList complaints;
    for (const QSslError &error : errors)
        complaints << error.errorString();
    const QString why = complaints.join(u"; "_s);
    if (digest.isEmpty())
        m_tlsProblem = tr("The router's certificate is not trusted (%1).").arg(why);
    else if (m_pinnedDigest.isEmpty())
        m_tlsProblem
            = tr("The router's certificate is not trusted (%1). Its SHA-256 fingerprint is %2: if it is "
                 "the one the router shows, pin it.")
                  .arg(why, CertificateFingerprint::text(digest));
    else
        m_tlsProblem
            = tr("The router's certificate is not the pinned one (%1). Its SHA-256 fingerprint is %2.")
                  .arg(why, CertificateFingerprint::text(digest));
    qCInfo(lcFeedClient).noquote() << m_tlsProblem;
    Q_EMIT untrustedCertificate(digest, m_tlsProblem);
}

void FeedClient::onPatienceRunOut()
{
    if (!m_socket)
        return;
    if (m_state == State::Connecting) {
        cutOff(m_socket,
            tr("The router did not answer within %n s.", nullptr, wholeSecondsUp(m_openingPatience)));
        return;
    }
    if (m_state != State::Connected)
        return;
    if (!m_pingSent) {
        // Silence is normal on a quiet day; a ping tells a quiet router from a vanished one.
        m_pingSent = true;
        m_socket->ping();
        m_patienceTimer.start(m_silencePatience);
        return;
    }
    cutOff(m_socket, tr("The router stopped answering."));
}

void FeedClient::cutOff(QWebSocket *socket, const QString &reason)
{
    // News from a connection already given up (its late error or disconnection) changes nothing.
    if (!socket || socket != m_socket)
        return;
    if (m_state == State::Connected)
        m_delay.connectionHeld(milliseconds(m_connectedFor.elapsed()));
    discardSocket();
    failPendingCommands(
        tr("The connection was cut before the router answered; the command may or may not have "
           "been carried out."));
    m_problem = reason;
    m_retryDelay = m_delay.next();
    m_retryTimer.start(m_retryDelay);
    setState(State::CutOff);
    qCInfo(lcFeedClient).noquote() << statusText();
}

void FeedClient::refuseToken()
{
    discardSocket();
    m_retryTimer.stop();
    failPendingCommands(tr("The token was refused; the command was not carried out."));
    m_problem = tr("The token was refused.");
    setState(State::TokenRefused);
    qCInfo(lcFeedClient).noquote() << m_problem;
}

void FeedClient::discardSocket()
{
    m_patienceTimer.stop();
    if (!m_socket)
        return;
    QWebSocket *socket = m_socket;
    m_socket = nullptr;
    disconnect(socket, nullptr, this, nullptr);
    socket->abort();
    socket->deleteLater();
}

void FeedClient::failPendingCommands(const QString &why)
{
    const QHash<QString, QPointer<PendingFeedCommand>> pending = std::exchange(m_pending, {});
    for (const QPointer<PendingFeedCommand> &command : pending) {
        if (command) {
            command->settle({ false, why });
            command->deleteLater();
        }
    }
}

void FeedClient::setState(State state)
{
    if (state == m_state && state != State::CutOff)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}
