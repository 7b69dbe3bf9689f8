// Where another Switchboard's live feed is, from its address as a person types it.
#include "feedaddress.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

std::optional<FeedAddress> FeedAddress::fromTyped(const QString &typed, QString *error)
{
    const auto refuse = [&](const QString &why) -> std::optional<FeedAddress> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QString text = typed.trimmed();
    if (text.isEmpty())
        return refuse(tr("The router's address is empty; give it as ws://HOST:PORT (for example "
                         "ws://192.168.1.20:8081)."));
    // Without "://" QUrl would read "host:8081" as a scheme "host"; a person means host and port.
    const bool bare = !text.contains(u"://"_s);
    QUrl url(bare ? u"ws://"_s + text : text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return refuse(
            tr("\"%1\" is not an address of a router (for example ws://192.168.1.20:8081).").arg(text));
    const QString scheme = url.scheme().toLower();
    if (scheme == u"http"_s || scheme == u"ws"_s)
        url.setScheme(u"ws"_s);
    else if (scheme == u"https"_s || scheme == u"wss"_s)
        url.setScheme(u"wss"_s);
    else
        return refuse(
            tr("\"%1\": the address must start with ws://, wss://, http:// or https://.").arg(text));
    // The token travels in its own header, never in an address that lands in logs and shell histories.
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return refuse(
            tr("\"%1\": give the address without a user name, \"?…\" or \"#…\"; the token is given on "
               "its own.")
                .arg(text));
    if (bare && url.port() < 0)
        url.setPort(DefaultPort);
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (!path.endsWith(u"/feed"_s))
        path += u"/feed"_s;
    url.setPath(path);
    FeedAddress address;
    address.m_feed = url;
    return address;
}

QUrl FeedAddress::url(std::optional<qint64> since) const
{
    QUrl url = m_feed;
    if (since) {
        QUrlQuery query;
        query.addQueryItem(u"since"_s, QString::number(*since));
        url.setQuery(query);
    }
    return url;
}

QUrl FeedAddress::apiUrl(const QString &path) const
{
    QUrl url = m_feed;
    url.setScheme(isSecure() ? u"https"_s : u"http"_s);
    QString base = url.path();
    base.chop(5); // the "/feed" every address ends with
    url.setPath(base + u"/api"_s + path);
    return url;
}

bool FeedAddress::isSecure() const
{
    return m_feed.scheme() == u"wss"_s;
}

QString FeedAddress::host() const
{
    return m_feed.host();
}

QString FeedAddress::hostAndPort() const
{
    QString host = m_feed.host();
    if (host.contains(u':'))
        host = u'[' + host + u']';
    return m_feed.port() < 0 ? host : host + u':' + QString::number(m_feed.port());
}
