// A loopback fake of Retell's register-phone-call and get-agent endpoints (PROTOCOL.md section 5) for tests
// and benchmarks.
#include "fakeretellserver.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;
using StatusCode = QHttpServerResponder::StatusCode;

namespace {

void writeJson(QHttpServerResponder &responder, StatusCode status, const QJsonObject &body)
{
    // Compact and serialised once: QHttpServerResponder::write(QJsonDocument) indents and does it twice.
    responder.write(QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json"_ba, status);
}

QJsonObject errorBody(const QString &message)
{
    return QJsonObject { { u"error_message"_s, message } };
}

// What Retell answers for a registered call: the request echoed back plus the call's identity.
QJsonObject registeredCall(const QJsonObject &request, const QString &callId)
{
    QJsonObject call {
        { u"call_id"_s, callId },
        { u"call_type"_s, u"phone_call"_s },
        { u"agent_id"_s, request.value(u"agent_id"_s) },
        { u"call_status"_s, u"registered"_s },
        { u"direction"_s, request.value(u"direction"_s).toString(u"inbound"_s) },
        { u"to_number"_s, request.value(u"to_number"_s) },
        { u"metadata"_s, request.value(u"metadata"_s).toObject() },
        { u"retell_llm_dynamic_variables"_s, request.value(u"retell_llm_dynamic_variables"_s).toObject() },
    };
    if (request.contains(u"from_number"_s))
        call.insert(u"from_number"_s, request.value(u"from_number"_s));
    return call;
}

} // namespace

FakeRetellServer::FakeRetellServer(QObject *parent)
    : QObject(parent)
    , m_http(new QHttpServer(this))
{
    // Anything else (other paths, other methods) gets QHttpServer's default 404.
    m_http->route(u"/v2/register-phone-call"_s, QHttpServerRequest::Method::Post,
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handleRegistration(request, std::move(responder));
        });
    m_http->route(u"/get-agent/<arg>"_s, QHttpServerRequest::Method::Get,
        [this](const QString &agentId, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handleGetAgent(agentId, request, std::move(responder));
        });
}

FakeRetellServer::~FakeRetellServer()
{
    // Held-back answers point at sockets owned by the server: drop them before the server goes.
    for (auto &[id, parked] : m_parked)
        disconnect(parked.socketGone);
    m_parked.clear();
}

bool FakeRetellServer::listen()
{
    if (QThread::currentThread() == thread())
        return listenOnOwnThread();
    // QHttpServer creates its QTcpServer as a child, which only works on the owner's thread.
    bool listening = false;
    QMetaObject::invokeMethod(
        this, [this] { return listenOnOwnThread(); }, Qt::BlockingQueuedConnection, &listening);
    return listening;
}

bool FakeRetellServer::listenOnOwnThread()
{
    if (m_port.load() != 0)
        return true;
    const quint16 port = m_http->listen(QHostAddress::LocalHost, 0);
    m_port.store(port);
    return port != 0;
}

QUrl FakeRetellServer::baseUrl() const
{
    const quint16 port = m_port.load();
    return port == 0 ? QUrl() : QUrl(u"http://127.0.0.1:%1"_s.arg(port));
}

void FakeRetellServer::setMode(Mode mode)
{
    const QMutexLocker locker(&m_mutex);
    m_mode = mode;
}

void FakeRetellServer::setDelay(std::chrono::milliseconds delay)
{
    const QMutexLocker locker(&m_mutex);
    m_delay = delay;
}

void FakeRetellServer::setExpectedApiKey(QByteArray key)
{
    const QMutexLocker locker(&m_mutex);
    m_expectedAuthorization = key.isEmpty() ? QByteArray() : "Bearer "_ba + key;
}

void FakeRetellServer::addAgent(const QString &agentId, const QString &agentName)
{
    const QMutexLocker locker(&m_mutex);
    m_agents.insert(agentId, agentName);
}

QStringList FakeRetellServer::agentRequests() const
{
    const QMutexLocker locker(&m_mutex);
    return m_agentRequests;
}

int FakeRetellServer::requestCount() const
{
    const QMutexLocker locker(&m_mutex);
    return int(m_bodies.size());
}

QList<QJsonObject> FakeRetellServer::requests() const
{
    QList<QByteArray> bodies;
    {
        const QMutexLocker locker(&m_mutex);
        bodies = m_bodies;
    }
    // Parsed on demand so that a benchmark sending thousands of requests only pays for a copy.
    QList<QJsonObject> requests;
    requests.reserve(bodies.size());
    for (const QByteArray &body : std::as_const(bodies))
        requests.append(QJsonDocument::fromJson(body).object());
    return requests;
}

QList<QByteArray> FakeRetellServer::authorizationHeaders() const
{
    const QMutexLocker locker(&m_mutex);
    return m_authorizations;
}

QString FakeRetellServer::lastCallId() const
{
    const QMutexLocker locker(&m_mutex);
    return m_lastCallId;
}

void FakeRetellServer::handleRegistration(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QByteArray body = request.body();
    const QByteArray authorization = request.value("Authorization"_ba);
    Mode mode;
    std::chrono::milliseconds delay;
    bool authorized;
    {
        const QMutexLocker locker(&m_mutex);
        m_bodies.append(body);
        m_authorizations.append(authorization);
        mode = m_mode;
        delay = m_delay;
        authorized = m_expectedAuthorization.isEmpty() || authorization == m_expectedAuthorization;
    }
    Q_EMIT requestReceived();

    if (!authorized)
        return writeJson(responder, StatusCode::Unauthorized, errorBody(u"Invalid API key."_s));
    const QJsonObject call = QJsonDocument::fromJson(body).object();
    if (call.value(u"agent_id"_s).toString().isEmpty())
        return writeJson(responder, StatusCode::BadRequest, errorBody(u"agent_id is required."_s));

    switch (mode) {
    case Mode::Success:
        return writeJson(responder, StatusCode::Created, registeredCall(call, nextCallId()));
    case Mode::ServerError:
        return writeJson(
            responder, StatusCode::InternalServerError, errorBody(u"An unexpected error occurred."_s));
    case Mode::Garbage:
        return responder.write(
            "<html><body><h1>502 Bad Gateway</h1></body></html>"_ba, "text/html"_ba, StatusCode::Ok);
    case Mode::MissingCallId: {
        QJsonObject answer = registeredCall(call, nextCallId());
        answer.remove(u"call_id"_s);
        return writeJson(responder, StatusCode::Ok, answer);
    }
    case Mode::UnsafeCallId:
        // A call_id that would turn sip:{call_id}@sip.retellai.com into a different destination.
        return writeJson(
            responder, StatusCode::Created, registeredCall(call, u"call_1@evil.example;transport=tcp"_s));
    case Mode::Hang:
        park(std::move(responder), {});
        return;
    case Mode::Slow: {
        const quint64 id = park(std::move(responder),
            QJsonDocument(registeredCall(call, nextCallId())).toJson(QJsonDocument::Compact));
        QTimer::singleShot(delay, this, [this, id] { answerParked(id); });
        return;
    }
    }
}

void FakeRetellServer::handleGetAgent(
    const QString &agentId, const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    bool authorized;
    std::optional<QString> name;
    {
        const QMutexLocker locker(&m_mutex);
        m_agentRequests.append(request.url().path(QUrl::FullyEncoded));
        authorized = m_expectedAuthorization.isEmpty()
            || request.value("Authorization"_ba) == m_expectedAuthorization;
        if (m_agents.contains(agentId))
            name = m_agents.value(agentId);
    }
    if (!authorized)
        return writeJson(responder, StatusCode::Unauthorized, errorBody(u"Invalid API key."_s));
    if (!name)
        return writeJson(responder, StatusCode::NotFound, errorBody(u"Not Found"_s));
    writeJson(responder, StatusCode::Ok,
        QJsonObject {
            { u"agent_id"_s, agentId },
            { u"agent_name"_s, *name },
            { u"voice_id"_s, u"11labs-Adrian"_s },
            { u"language"_s, u"en-US"_s },
            { u"response_engine"_s,
                QJsonObject { { u"type"_s, u"retell-llm"_s }, { u"llm_id"_s, u"llm_1"_s } } },
        });
}

quint64 FakeRetellServer::park(QHttpServerResponder &&responder, QByteArray answer)
{
    const quint64 id = m_nextParkedId++;
    QTcpSocket *socket = responder.socket();
    PendingAnswer &parked = m_parked[id];
    parked.responder = std::make_unique<QHttpServerResponder>(std::move(responder));
    parked.socket = socket;
    parked.answer = std::move(answer);
    // A client that gives up closes the socket, and QHttpServer deletes it: forget the answer then.
    parked.socketGone = connect(socket, &QObject::destroyed, this, [this, id] { m_parked.erase(id); });
    return id;
}

void FakeRetellServer::answerParked(quint64 id)
{
    const auto it = m_parked.find(id);
    if (it == m_parked.end())
        return;
    PendingAnswer &parked = it->second;
    disconnect(parked.socketGone);
    if (parked.socket && parked.socket->state() == QAbstractSocket::ConnectedState)
        parked.responder->write(parked.answer, "application/json"_ba, StatusCode::Created);
    m_parked.erase(it);
}

QString FakeRetellServer::nextCallId()
{
    const quint64 random = QRandomGenerator::global()->generate64();
    const QMutexLocker locker(&m_mutex);
    // The counter makes ids unique; the random part makes them look like Retell's opaque ids.
    m_lastCallId = u"call_%1%2"_s.arg(++m_callCounter).arg(qulonglong(random), 16, 16, QChar(u'0'));
    return m_lastCallId;
}
