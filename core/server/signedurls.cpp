// The URLs Twilio may have signed for one webhook request.
#include "signedurls.h"

#include "webhookrequest.h"

using namespace Qt::StringLiterals;

namespace {

struct Base
{
    QString scheme; // lower case
    QString authority; // as written
    QString pathPrefix; // without a trailing '/'
};

Base splitBase(const QString &publicUrl)
{
    Base base;
    QString rest = publicUrl.trimmed();
    const qsizetype schemeEnd = rest.indexOf(u"://"_s);
    if (schemeEnd > 0) {
        base.scheme = rest.first(schemeEnd).toLower();
        rest = rest.sliced(schemeEnd + 3);
    }
    qsizetype authorityEnd = 0;
    while (authorityEnd < rest.size() && rest[authorityEnd] != u'/' && rest[authorityEnd] != u'?'
        && rest[authorityEnd] != u'#')
        ++authorityEnd;
    base.authority = rest.first(authorityEnd);
    base.pathPrefix = rest.sliced(authorityEnd);
    while (base.pathPrefix.endsWith(u'/'))
        base.pathPrefix.chop(1);
    return base;
}

} // namespace

QStringList SignedUrls::candidates(const WebhookRequest &request, const QString &publicUrl)
{
    const QString host = QString::fromLatin1(request.host);
    Base base;
    if (!publicUrl.trimmed().isEmpty()) {
        base = splitBase(publicUrl);
    } else {
        base.scheme = request.url.scheme().toLower();
        base.authority = host.isEmpty() ? request.url.authority(QUrl::FullyEncoded) : host;
    }
    if (base.scheme.isEmpty())
        base.scheme = u"https"_s;

    QString target = QString::fromUtf8(request.rawTarget);
    if (target.isEmpty()) { // not received through the guarded listener: the best that is known
        target = request.url.path(QUrl::FullyEncoded);
        if (request.url.hasQuery())
            target += u'?' + request.url.query(QUrl::FullyEncoded);
    }

    QStringList authorities { base.authority, base.authority.toLower() };
    if (!host.isEmpty() && host.compare(base.authority, Qt::CaseInsensitive) == 0)
        authorities.append(host);
    authorities.removeDuplicates();

    QStringList urls;
    for (const QString &authority : std::as_const(authorities))
        urls.append(base.scheme + u"://"_s + authority + base.pathPrefix + target);
    return urls;
}
