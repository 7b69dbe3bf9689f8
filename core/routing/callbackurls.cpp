// The URLs of our own webhooks as Twilio must call them (public base + path + token).
#include "callbackurls.h"

#include "callmove.h"

#include <QUrlQuery>

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

QUrl CallbackUrls::menu() const
{
    return withPath(u"/twilio/menu"_s);
}

QUrl CallbackUrls::confirm(const QString &callSid, const QString &staffId, int attempt, bool key) const
{
    QUrlQuery query;
    query.addQueryItem(u"call"_s, callSid);
    query.addQueryItem(u"staff"_s, staffId);
    query.addQueryItem(u"attempt"_s, QString::number(attempt));
    if (key)
        query.addQueryItem(u"key"_s, u"1"_s);
    return withPath(u"/twilio/confirm"_s, query.toString(QUrl::FullyEncoded));
}

QUrl CallbackUrls::legAnswered(const QString &callSid, DialLeg leg, const QString &staffId) const
{
    QUrlQuery query;
    query.addQueryItem(u"call"_s, callSid);
    query.addQueryItem(u"leg"_s, legName(leg));
    if (!staffId.isEmpty())
        query.addQueryItem(u"staff"_s, staffId);
    return withPath(u"/twilio/leg"_s, query.toString(QUrl::FullyEncoded));
}

QUrl CallbackUrls::control(const CallMove &move) const
{
    return withPath(u"/twilio/control"_s, move.toQuery().toString(QUrl::FullyEncoded));
}

QUrl CallbackUrls::stampMoves(QUrl url, int moves)
{
    if (moves <= 0)
        return url;
    QUrlQuery query(url);
    query.addQueryItem(u"moved"_s, QString::number(moves));
    url.setQuery(query.toString(QUrl::FullyEncoded));
    return url;
}

int CallbackUrls::movesIn(const QUrl &url)
{
    return qMax(0, QUrlQuery(url).queryItemValue(u"moved"_s).toInt());
}

QUrl CallbackUrls::recorded() const
{
    return withPath(u"/twilio/recorded"_s);
}

QUrl CallbackUrls::recordingStatus() const
{
    return withPath(u"/twilio/recording"_s);
}

QUrl CallbackUrls::transcription() const
{
    return withPath(u"/twilio/transcription"_s);
}

QUrl CallbackUrls::callBack(const QString &step, int attempt) const
{
    QUrlQuery query;
    query.addQueryItem(u"step"_s, step);
    query.addQueryItem(u"attempt"_s, QString::number(attempt));
    return withPath(u"/twilio/callback"_s, query.toString(QUrl::FullyEncoded));
}

QString CallbackUrls::legName(DialLeg leg)
{
    switch (leg) {
    case DialLeg::Agent: return u"agent"_s;
    case DialLeg::Fallback: return u"fallback"_s;
    case DialLeg::Target: return u"target"_s;
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
    if (name == u"target"_s) {
        *leg = DialLeg::Target;
        return true;
    }
    return false;
}
