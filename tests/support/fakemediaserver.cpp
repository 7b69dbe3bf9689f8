// A loopback fake of a server a Twilio recording is fetched from (Twilio's API or its media storage) for
// tests.
#include "fakemediaserver.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpSocket>

using namespace Qt::StringLiterals;
using StatusCode = QHttpServerResponder::StatusCode;

// QHttpServer routes by patterns that stop at a slash; a media fake answers whole paths of any depth,
// so it takes every request itself.
class FakeMediaServer::Http : public QAbstractHttpServer
{
public:
    explicit Http(FakeMediaServer *owner)
        : QAbstractHttpServer(owner)
        , m_owner(owner)
    { }

    using QAbstractHttpServer::makeResponder;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        m_owner->handle(request, socket);
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override { }

private:
    FakeMediaServer *m_owner;
};

FakeMediaServer::FakeMediaServer(QObject *parent)
    : QObject(parent)
    , m_http(new Http(this))
{ }

FakeMediaServer::~FakeMediaServer()
{
    // Held-back responders point at sockets owned by the server: drop them before the server goes.
    for (auto &[id, parked] : m_parked)
        disconnect(parked.socketGone);
    m_parked.clear();
}

void FakeMediaServer::useTls(const QSslCertificate &certificate, const QSslKey &key)
{
    m_http->sslSetup(certificate, key);
    m_scheme = u"https"_s;
}

bool FakeMediaServer::listen()
{
    if (m_port == 0)
        m_port = m_http->listen(QHostAddress::LocalHost, 0);
    return m_port != 0;
}

QUrl FakeMediaServer::url(const QString &pathAndQuery) const
{
    return m_port == 0 ? QUrl() : QUrl(u"%1://127.0.0.1:%2%3"_s.arg(m_scheme).arg(m_port).arg(pathAndQuery));
}

void FakeMediaServer::setExpectedAuthorization(QByteArray authorization)
{
    m_expectedAuthorization = std::move(authorization);
}

void FakeMediaServer::serve(const QString &path, QByteArray body)
{
    m_answers[path] = Answer { Answer::Kind::Body, std::move(body), 200 };
}

void FakeMediaServer::redirect(const QString &path, QByteArray location, int status)
{
    m_answers[path] = Answer { Answer::Kind::Redirect, std::move(location), status };
}

void FakeMediaServer::hang(const QString &path)
{
    m_answers[path] = Answer { Answer::Kind::Hang, {}, 0 };
}

void FakeMediaServer::handle(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QUrl url = request.url();
    const QByteArray authorization = request.value("Authorization"_ba);
    m_requests.append(Request { url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority), authorization });

    QHttpServerResponder responder = Http::makeResponder(request, socket);
    if (!m_expectedAuthorization.isEmpty() && authorization != m_expectedAuthorization) {
        return responder.write(R"({"code":20003,"message":"Authenticate","status":401})"_ba,
            { { "Content-Type"_ba, "application/json"_ba },
                { "WWW-Authenticate"_ba, R"(Basic realm="Twilio API")"_ba } },
            StatusCode::Unauthorized);
    }
    const auto it = m_answers.find(url.path());
    if (it == m_answers.end()) {
        return responder.write(
            R"({"code":20404,"message":"The requested resource was not found","status":404})"_ba,
            "application/json"_ba, StatusCode::NotFound);
    }
    const Answer &answer = it->second;
    switch (answer.kind) {
    case Answer::Kind::Body:
        return responder.write(answer.data, "audio/mpeg"_ba, StatusCode::Ok);
    case Answer::Kind::Redirect:
        return responder.write({ { "Location"_ba, answer.data } }, StatusCode(answer.status));
    case Answer::Kind::Hang: {
        const quint64 id = m_nextParkedId++;
        ParkedResponder &parked = m_parked[id];
        parked.responder = std::make_unique<QHttpServerResponder>(std::move(responder));
        parked.socketGone = connect(socket, &QObject::destroyed, this, [this, id] { m_parked.erase(id); });
        return;
    }
    }
}
