// Where another Switchboard's live feed is, from its address as a person types it: "ws://host:port",
// "wss://…", the "http://…"/"https://…" of the same listener, or a bare "host:port".
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <optional>

class FeedAddress
{
    Q_DECLARE_TR_FUNCTIONS(FeedAddress)

public:
    // What feed.listen listens on unless it is changed: a bare host without a port means it.
    static constexpr int DefaultPort = 8081;

    // http and https name the same listener as ws and wss; a bare "host:port" is ws. A path typed in front
    // of /feed is kept (a router behind a reverse proxy). Nothing, with a sentence in `error`, for what
    // cannot be a feed's address.
    static std::optional<FeedAddress> fromTyped(const QString &typed, QString *error = nullptr);

    // ws(s)://host:port/…/feed, with ?since=SEQ when given: the messages after SEQ (or a snapshot when the
    // router no longer has them all).
    QUrl url(std::optional<qint64> since = std::nullopt) const;
    // http(s)://host:port/…/api/PATH: the read-only API on the same listener, in front of the same path.
    // `path` starts with a slash ("/calls", "/seat").
    QUrl apiUrl(const QString &path) const;
    bool isSecure() const;
    QString host() const;
    // "192.168.1.20:8081", "[::1]:8081", "desk.example.org": the router as a sentence names it.
    QString hostAndPort() const;
    bool isEmpty() const { return m_feed.isEmpty(); }

private:
    QUrl m_feed;
};
