// The URLs of our own webhooks as Twilio must call them (public base + path + token).
#pragma once

#include <QString>
#include <QUrl>

enum class DialLeg { Agent, Fallback };

class CallbackUrls
{
public:
    // `base` is server.public_url, or the origin the request arrived on when none is set.
    CallbackUrls(QUrl base, QString token);

    QUrl voice() const;
    QUrl status() const;
    QUrl dialResult(DialLeg leg) const;

    static QString legName(DialLeg leg);
    static bool parseLeg(const QString &name, DialLeg *leg);

private:
    QUrl withPath(const QString &path, const QString &query = {}) const;

    QUrl m_base;
    QString m_token;
};
