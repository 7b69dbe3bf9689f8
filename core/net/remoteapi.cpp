// What every client of an outside API does the same way.
#include "net/remoteapi.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype MaxQuotedMessage = 200;

bool isPrintableWithoutSpaces(char c)
{
    return c > 0x20 && c < 0x7f;
}

} // namespace

QByteArray RemoteApi::userAgent()
{
    return QByteArrayLiteral("Switchboard/" SWITCHBOARD_VERSION);
}

bool RemoteApi::isHttpUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty()
        && (url.scheme() == u"https"_s || url.scheme() == u"http"_s);
}

QUrl RemoteApi::withoutTrailingSlash(QUrl base)
{
    QString path = base.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    base.setPath(path);
    return base;
}

QString RemoteApi::serverOf(const QUrl &url)
{
    return url.toString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

bool RemoteApi::isSendableSecret(QByteArrayView secret)
{
    return !secret.isEmpty() && std::all_of(secret.begin(), secret.end(), isPrintableWithoutSpaces);
}

bool RemoteApi::isSendableUser(QByteArrayView user)
{
    return isSendableSecret(user) && !user.contains(':');
}

QByteArray RemoteApi::basicAuthorization(const QString &user, const QByteArray &secret)
{
    return "Basic "_ba + QByteArray(user.toUtf8() + ':' + secret).toBase64();
}

QString RemoteApi::quotable(QString message)
{
    message = message.simplified();
    while (message.endsWith(u'.'))
        message.chop(1);
    if (message.size() > MaxQuotedMessage)
        message = message.left(MaxQuotedMessage) + u"…"_s;
    return message;
}
