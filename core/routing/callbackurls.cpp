// The URLs of our own webhooks as Twilio must call them (public base + path + token).
#include "callbackurls.h"

using namespace Qt::StringLiterals;

CallbackUrls::CallbackUrls(QUrl base, QString token)
    : m_base(std::move(base))
    , m_token(std::move(token))
{
}

QUrl CallbackUrls::withPath(const QString &path, const QString &query) const
{
    QUrl url = m_base;
    QString prefix = url.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    QString full = prefix + path;
    if (!m_token.isEmpty())
        full += u'/' + m_token;
    url.setPath(full);
    url.setQuery(query.isEmpty() ? QString() : query);
    url.setFragment({});
    return url;
}

QUrl CallbackUrls::voice() const
{
    return withPath(u"/twilio/voice"_s);
}

QUrl CallbackUrls::status() const
{
    return withPath(u"/twilio/status"_s);
}

QUrl CallbackUrls::dialResult(DialLeg leg) const
{
    return withPath(u"/twilio/dial"_s, u"leg="_s + legName(leg));
}

QString CallbackUrls::legName(DialLeg leg)
{
    switch (leg) {
    case DialLeg::Agent: return u"agent"_s;
    case DialLeg::Fallback: return u"fallback"_s;
    }
    return {};
}

bool CallbackUrls::parseLeg(const QString &name, DialLeg *leg)
{
    if (name == u"agent"_s) {
        *leg = DialLeg::Agent;
        return true;
    }
    if (name == u"fallback"_s) {
        *leg = DialLeg::Fallback;
        return true;
    }
    return false;
}
