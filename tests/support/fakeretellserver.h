// A loopback fake of Retell's register-phone-call and get-agent endpoints (PROTOCOL.md section 5) for tests
// and benchmarks.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;

// Setters and getters may be called from any thread; the server itself runs on the thread that owns
// this object (moveToThread() before listen() to run it on its own thread) and must be destroyed there.
class FakeRetellServer : public QObject
{
    Q_OBJECT

public:
    enum class Mode
    {
        Success, // 201 with the registered call, echoing the request
        ServerError, // 500 with a JSON error_message
        Garbage, // 200 with a body that is not JSON
        MissingCallId, // 200 with the registered call minus call_id
        UnsafeCallId, // 201 with a call_id that would break out of a SIP URI
        Hang, // never answers (until the client gives up or the server is destroyed)
        Slow, // answers like Success after delay()
    };
    Q_ENUM(Mode)

    explicit FakeRetellServer(QObject *parent = nullptr);
    ~FakeRetellServer() override;

    // Binds 127.0.0.1 on a free port. Called from another thread, it runs on the owner thread, whose
    // event loop must be running.
    bool listen();
    // http://127.0.0.1:<port>, empty before listen().
    QUrl baseUrl() const;

    void setMode(Mode mode);
    void setDelay(std::chrono::milliseconds delay);
    // Requests with another bearer key are answered 401; an empty key (the default) accepts any.
    void setExpectedApiKey(QByteArray key);
    // GET /get-agent/{agentId} answers this voice agent; any other id is answered 404.
    void addAgent(const QString &agentId, const QString &agentName);
    // Every get-agent request, as the path was asked for.
    QStringList agentRequests() const;

    // Every request to the register endpoint, including refused ones.
    int requestCount() const;
    // Request bodies in arrival order (an empty object for a body that is not a JSON object).
    QList<QJsonObject> requests() const;
    // Authorization header of each request, in the same order (empty when the header was missing).
    QList<QByteArray> authorizationHeaders() const;
    // The call_id handed out most recently; unique per request.
    QString lastCallId() const;

Q_SIGNALS:
    // Emitted on the server's thread for every request to the register endpoint.
    void requestReceived();

private:
    // An answer held back by Hang (never sent) or Slow (sent by a timer).
    struct PendingAnswer
    {
        std::unique_ptr<QHttpServerResponder> responder;
        QPointer<QTcpSocket> socket;
        QByteArray answer;
        QMetaObject::Connection socketGone;
    };

    bool listenOnOwnThread();
    void handleRegistration(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void handleGetAgent(
        const QString &agentId, const QHttpServerRequest &request, QHttpServerResponder &&responder);
    quint64 park(QHttpServerResponder &&responder, QByteArray answer);
    void answerParked(quint64 id);
    QString nextCallId();

    QHttpServer *m_http;
    std::atomic<quint16> m_port { 0 };

    // Guards everything below: tests and benchmarks read and configure from other threads.
    mutable QMutex m_mutex;
    Mode m_mode = Mode::Success;
    std::chrono::milliseconds m_delay { 500 };
    QByteArray m_expectedAuthorization;
    QList<QByteArray> m_bodies;
    QList<QByteArray> m_authorizations;
    QString m_lastCallId;
    QMap<QString, QString> m_agents;
    QStringList m_agentRequests;
    quint64 m_callCounter = 0;

    // Only touched on the server's thread. Answers held back by Hang and Slow, by id.
    std::map<quint64, PendingAnswer> m_parked;
    quint64 m_nextParkedId = 0;
};
