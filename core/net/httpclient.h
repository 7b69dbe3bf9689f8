// A light HTTP/1.1 client for the call path: keeps connections alive per origin, so that registering a
// call with Retell costs one write and one read on an open socket instead of QNetworkAccessManager's
// per-request machinery and its thread hops.
#pragma once

#include "net/httpanswer.h"
#include "net/httprequest.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSslConfiguration>

#include <QCoroTask>

#include <optional>

class HttpConnection;

// Lives on one thread and is used from it. A request whose kept-alive connection turns out to have been
// closed by the server before any answer byte came back is sent once more on a new connection, within
// the same timeout. No redirects are followed, no cookies kept, no compression asked for, no proxy used.
class HttpClient : public QObject
{
    Q_OBJECT

public:
    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    // The TLS settings of https connections (the system's CAs unless set; tests add their own).
    void setTlsConfiguration(const QSslConfiguration &configuration);

    // Resolves within request.timeout. The client may be destroyed while the task runs: the exchange
    // still ends by its deadline, and its connection is then closed rather than kept.
    QCoro::Task<HttpAnswer> send(HttpRequest request);

    // Connections carrying a request now, and those kept open for the next one.
    int busyConnections() const { return m_busy; }
    int idleConnections() const;

private:
    struct Target
    {
        QString host;
        quint16 port = 0;
        bool tls = false;
        QString origin; // the key of the kept connections
    };

    static std::optional<Target> targetOf(const QUrl &url);
    static QByteArray serialize(const HttpRequest &request);
    HttpConnection *connectionTo(const Target &target);
    void keep(const QString &origin, HttpConnection *connection);
    void forget(HttpConnection *connection);

    QSslConfiguration m_tls;
    QHash<QString, QList<HttpConnection *>> m_idle;
    int m_busy = 0;
};
