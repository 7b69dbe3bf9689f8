// Talks to Twilio's REST API for set-up: the account's name, its phone numbers, and pointing a number at us.
#pragma once

#include "common/result.h"
#include "twilio/incomingnumber.h"
#include "twilio/numberwebhooks.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <QCoroTask>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

// Used from the thread that owns the QNetworkAccessManager. Each HTTP request resolves within the timeout
// given here (a listing of several pages takes one timeout per page). The secret (auth token or API key
// secret) never leaves this class except in the Authorization header, which is only sent to apiBase's
// origin: it is not logged and is scrubbed from every error text.
class TwilioRestClient
{
    Q_DECLARE_TR_FUNCTIONS(TwilioRestClient)

public:
    static constexpr int PageSize = 50;
    // 5,000 numbers: far beyond a small business, and a stop for a server that pages forever.
    static constexpr int MaxPages = 100;

    // apiBase is e.g. https://api.twilio.com (a path prefix is kept). authSid is the account SID when
    // authenticating with the auth token, or an API key SID (SK…) with its secret; the account SID still
    // names the account in every path.
    TwilioRestClient(QNetworkAccessManager *network, QUrl apiBase, QString accountSid, QString authSid,
        QByteArray secret, std::chrono::milliseconds timeout);

    // Every number on the account, following next_page_uri from page to page.
    QCoro::Task<Result<QList<IncomingNumber>>> listIncomingNumbers() const;
    // Sets VoiceUrl, VoiceMethod=POST, VoiceFallbackUrl (only when given), StatusCallback and
    // StatusCallbackMethod=POST on the number, and returns the number as Twilio now has it.
    QCoro::Task<Result<IncomingNumber>> updateNumber(QString numberSid, NumberWebhooks webhooks) const;
    // The account's friendly name; the cheapest request that proves the credentials work.
    QCoro::Task<Result<QString>> fetchAccountName() const;

    // The tasks above do not touch this client once started, so the client may go away first; the
    // QNetworkAccessManager must outlive them.

    // True for an API key SID ("SK" followed by 32 hexadecimal digits).
    static bool isApiKeySid(const QString &sid);
    static IncomingNumber numberFromJson(const QJsonObject &json);

private:
    // Everything one request needs, copied out of the client so that the task owns it.
    struct Exchange;

    QString configurationError() const;
    Exchange exchange(QByteArray verb, QString pathAndQuery, QByteArray form = {}) const;
    QString accountPath() const;

    static QCoro::Task<Result<QJsonObject>> send(Exchange exchange);
    static QCoro::Task<Result<QList<IncomingNumber>>> listPages(Exchange first);
    static QCoro::Task<Result<IncomingNumber>> update(Exchange exchange);
    static QCoro::Task<Result<QString>> accountName(Exchange exchange);
    static Result<QJsonObject> parseAnswer(QNetworkReply *reply, const QString &subject);
    static QString networkError(QNetworkReply *reply);
    static QString httpError(int status, const QByteArray &body, const QString &subject);

    QPointer<QNetworkAccessManager> m_network;
    QUrl m_apiBase;
    QString m_accountSid;
    QString m_authSid;
    QByteArray m_secret;
    std::chrono::milliseconds m_timeout;
};
