// Registers inbound calls with Retell AI (POST /v2/register-phone-call) so they can be dialled over SIP.
#pragma once

#include "common/result.h"
#include "retell/retellcallrequest.h"
#include "retell/retellregisteredcall.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QPointer>
#include <QUrl>

#include <QCoroTask>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

// Used from the thread that owns the QNetworkAccessManager. Every call resolves within the timeout
// given here, so a caller waiting on Twilio's 15 s webhook budget can always fall back in time.
// The API key never leaves this class except in the Authorization header: it is not logged and is
// scrubbed from every error text.
class RetellClient
{
    Q_DECLARE_TR_FUNCTIONS(RetellClient)

public:
    // apiBase is e.g. https://api.retellai.com, with or without a trailing slash or a path prefix.
    RetellClient(
        QNetworkAccessManager *network, QUrl apiBase, QByteArray apiKey, std::chrono::milliseconds timeout);

    // The endpoint registerPhoneCall() posts to, for diagnostics.
    QUrl registerPhoneCallUrl() const { return m_registerUrl; }

    // The returned task does not touch this client once started, so the client may go away first;
    // the QNetworkAccessManager must outlive the task.
    QCoro::Task<Result<RetellRegisteredCall>> registerPhoneCall(RetellCallRequest request);

private:
    QString configurationError(const RetellCallRequest &request) const;
    static QByteArray requestBody(const RetellCallRequest &request);
    static QCoro::Task<Result<RetellRegisteredCall>> failed(QString error);
    static QCoro::Task<Result<RetellRegisteredCall>> awaitAnswer(
        QNetworkReply *reply, std::chrono::milliseconds timeout, QByteArray apiKey);
    static Result<RetellRegisteredCall> parseAnswer(QNetworkReply *reply);
    static QString networkError(QNetworkReply *reply);
    static QString httpError(int status, const QByteArray &body);

    QPointer<QNetworkAccessManager> m_network;
    QUrl m_registerUrl;
    QByteArray m_apiKey;
    std::chrono::milliseconds m_timeout;
};
