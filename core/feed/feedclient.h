// A seat's connection to another Switchboard's live feed (DESIGN.md, "Live feed"): it opens the WebSocket
// with the token, hands on every message, and after any cut comes back by itself from the last message it
// saw (?since=SEQ), waiting longer after each failed try. Only a refused token stops it: trying again
// cannot help until someone gives it a new one.
#pragma once

#include "feedaddress.h"
#include "feedcommandresult.h"
#include "feedmessage.h"
#include "reconnectdelay.h"

#include <QAbstractSocket>
#include <QCoroTask>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QTimer>

#include <chrono>
#include <optional>

class PendingFeedCommand;
class QWebSocket;

class FeedClient : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Stopped, // not started, or stopped
        Connecting, // opening the connection
        Connected, // messages flow
        CutOff, // the connection failed or was cut; the next try is due in retryDelay()
        TokenRefused, // the router refused the token: no more tries until start() again
    };
    Q_ENUM(State)

    // A snapshot of a busy day's calls is a few hundred kilobytes; a larger message comes from a broken or
    // hostile router and closes the connection instead of filling this computer's memory.
    static constexpr qint64 MaxMessageBytes = 16 * 1024 * 1024;

    explicit FeedClient(QObject *parent = nullptr);
    // Commands still waiting are answered "not carried out as far as we know" first.
    ~FeedClient() override;

    void setAddress(const FeedAddress &address);
    FeedAddress address() const { return m_address; }
    // Sent as "Authorization: Bearer TOKEN". False, with the reason, for a token readToken() refuses.
    bool setToken(const QString &token, QString *error = nullptr);
    // The token as it is sent, from what a person pasted (spaces around it left out); nothing, with the
    // reason, for an empty token or one with spaces or control characters (no router makes one; it would
    // break the request's header).
    static std::optional<QByteArray> readToken(const QString &typed, QString *error = nullptr);
    // The SHA-256 digest of the one certificate to accept when the usual checks fail: a router on the
    // practice's own network with a self-signed certificate. Empty (the default) pins nothing.
    void setPinnedCertificateDigest(const QByteArray &sha256);
    void setReconnectSchedule(const ReconnectDelay::Schedule &schedule);
    // How long opening the connection may take, and how long a connection may stay silent before a ping
    // asks whether the router is still there (and as long again for its answer).
    void setPatience(std::chrono::milliseconds opening, std::chrono::milliseconds silence);

    // Connects now, and from then on reconnects by itself until stop().
    void start();
    void stop();
    // Forgets the last message seen and connects again for a fresh snapshot: for a seat that noticed it
    // missed messages.
    void resynchronise();

    State state() const { return m_state; }
    // One sentence for a status line: "Connecting to ws://…/feed…", "Connected to …", "Cut off: Connection
    // refused. Next try in 4 s.", "The token was refused."
    QString statusText() const;
    // Why the connection was last cut or refused; empty while none was.
    QString problem() const { return m_problem; }
    // The wait before the next try while CutOff.
    std::chrono::milliseconds retryDelay() const { return m_retryDelay; }
    // The seq of the last snapshot, session or event received: where the next connection resumes.
    std::optional<qint64> lastSeq() const { return m_lastSeq; }

    // Sends `command` (an id is made when it has none) and comes back with the router's result for that id.
    // A coroutine rather than a signal so that whoever sends (a button, a script) waits for its own answer
    // without matching ids itself. A command that could not be sent, had no answer within `timeout`, or
    // whose connection was cut before the answer comes back not ok, with a sentence saying which.
    QCoro::Task<FeedCommandResult> sendCommand(
        FeedCommand command, std::chrono::milliseconds timeout = std::chrono::seconds(10));

Q_SIGNALS:
    void stateChanged(FeedClient::State state);
    // Every message the router sent and this client could read, in order; `text` is the frame as received.
    void messageReceived(const FeedMessage &message, const QByteArray &text);
    // A frame that is not a message of the contract: said, then skipped.
    void unreadableMessage(const QString &reason);
    // The router's certificate failed the usual checks and is not the pinned one.
    void untrustedCertificate(const QByteArray &sha256, const QString &problem);

private:
    void connectNow();
    void onConnected();
    void onTextMessage(const QString &text);
    void onSocketError(QAbstractSocket::SocketError error);
    void onSslErrors(const QList<QSslError> &errors);
    void onPatienceRunOut();
    // The connection of `socket` is over (failed, cut, or closed by the router): try again after a wait.
    void cutOff(QWebSocket *socket, const QString &reason);
    void refuseToken();
    void discardSocket();
    void failPendingCommands(const QString &why);
    void setState(State state);
    static QString closedByRouter(const QWebSocket &socket);

    FeedAddress m_address;
    QByteArray m_token;
    QByteArray m_pinnedDigest;
    ReconnectDelay m_delay;
    std::chrono::milliseconds m_openingPatience { std::chrono::seconds(15) };
    std::chrono::milliseconds m_silencePatience { std::chrono::seconds(30) };

    QPointer<QWebSocket> m_socket;
    State m_state = State::Stopped;
    QString m_problem;
    QString m_tlsProblem; // set by the TLS checks of the current try
    std::chrono::milliseconds m_retryDelay { 0 };
    std::optional<qint64> m_lastSeq;
    QElapsedTimer m_connectedFor;
    QTimer m_retryTimer;
    QTimer m_patienceTimer; // the opening's time limit, then the silence before a ping
    bool m_pingSent = false;
    QHash<QString, QPointer<PendingFeedCommand>> m_pending;
};
