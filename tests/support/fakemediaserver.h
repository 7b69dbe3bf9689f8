// A loopback fake of a server a Twilio recording is fetched from (Twilio's API or its media storage) for
// tests.
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <map>
#include <memory>

class QHttpServerRequest;
class QHttpServerResponder;
class QSslCertificate;
class QSslKey;
class QTcpSocket;

// Answers by path (the query is ignored), so a test sets up exactly the answers it needs and every other
// path gets 404. Two instances listen on two ports, which are two origins to a client.
// Lives on the thread that uses it.
class FakeMediaServer : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QString pathAndQuery;
        // Empty when the request had no Authorization header.
        QByteArray authorization;
    };

    explicit FakeMediaServer(QObject *parent = nullptr);
    ~FakeMediaServer() override;

    // Serves https with this certificate instead of plain http; call before listen().
    void useTls(const QSslCertificate &certificate, const QSslKey &key);
    // Binds 127.0.0.1 on a free port.
    bool listen();
    // http(s)://127.0.0.1:<port> followed by pathAndQuery, empty before listen().
    QUrl url(const QString &pathAndQuery = {}) const;

    // Requests without exactly this Authorization header are answered 401 with a Basic challenge, the
    // way Twilio does; an empty value (the default) accepts any request.
    void setExpectedAuthorization(QByteArray authorization);
    // GET path is answered 200 with body as audio/mpeg (an empty body too).
    void serve(const QString &path, QByteArray body);
    // GET path is answered with status and a Location header of exactly location (which may be relative).
    void redirect(const QString &path, QByteArray location, int status = 302);
    // GET path is never answered, until the client gives up or the server is destroyed.
    void hang(const QString &path);

    // Every request in arrival order, refused ones included.
    QList<Request> requests() const { return m_requests; }

private:
    class Http;
    struct Answer
    {
        enum class Kind
        {
            Body,
            Redirect,
            Hang
        } kind
            = Kind::Body;
        QByteArray data;
        int status = 200;
    };
    struct ParkedResponder
    {
        std::unique_ptr<QHttpServerResponder> responder;
        QMetaObject::Connection socketGone;
    };

    void handle(const QHttpServerRequest &request, QTcpSocket *socket);

    Http *m_http;
    QString m_scheme = QStringLiteral("http");
    quint16 m_port = 0;
    QByteArray m_expectedAuthorization;
    std::map<QString, Answer> m_answers;
    QList<Request> m_requests;
    // Responders held back by hang(), by id; a client that gives up closes the socket and they go.
    std::map<quint64, ParkedResponder> m_parked;
    quint64 m_nextParkedId = 0;
};
