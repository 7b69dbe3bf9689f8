// Registers inbound calls with Retell AI (POST /v2/register-phone-call) so they can be dialled over SIP,
// and checks a voice agent for set-up.
#pragma once

#include "common/result.h"
#include "net/httpanswer.h"
#include "net/httprequest.h"
#include "retell/retellcallrequest.h"
#include "retell/retellregisteredcall.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QPointer>
#include <QUrl>

#include <QCoroTask>

#include <chrono>

class HttpClient;

// Used from the thread that owns the HttpClient. Every call resolves within the timeout
// given here, so a caller waiting on Twilio's 15 s webhook budget can always fall back in time.
// The API key never leaves this class except in the Authorization header: it is not logged and is
// scrubbed from every error text.
class RetellClient
{
    Q_DECLARE_TR_FUNCTIONS(RetellClient)

public:
    // apiBase is e.g. https://api.retellai.com, with or without a trailing slash or a path prefix.
    RetellClient(HttpClient *http, QUrl apiBase, QByteArray apiKey, std::chrono::milliseconds timeout);

    // The endpoint registerPhoneCall() posts to, for diagnostics.
    QUrl registerPhoneCallUrl() const { return m_registerUrl; }

    // The returned task does not touch this client once started, so the client may go away first, and
    // so may the HttpClient.
    QCoro::Task<Result<RetellRegisteredCall>> registerPhoneCall(RetellCallRequest request);

    // The endpoint fetchAgent() asks: GET {apiBase}/get-agent/{agentId}. Retell serves it without the /v2
    // that register-phone-call has; should that change, a path prefix in apiBase is kept for both.
    QUrl agentUrl(const QString &agentId) const;
    // The agent's name (its id when it has none), proving that the key works and that the agent exists on
    // that key's account. A chat agent is not found here: only a voice agent can take phone calls.
    // Like registerPhoneCall(), the task does not touch this client once started.
    QCoro::Task<Result<QString>> fetchAgent(QString agentId);

private:
    QString connectionError() const;
    QString configurationError(const RetellCallRequest &request) const;
    HttpRequest jsonRequest(const QUrl &url) const;
    static QByteArray requestBody(const RetellCallRequest &request);
    // The JSON object Retell answered, or one sentence saying why there is none; `notFound` replaces the
    // generic sentence for a 404.
    static QCoro::Task<Result<QJsonObject>> awaitJson(QCoro::Task<HttpAnswer> exchange, QUrl url,
        std::chrono::milliseconds timeout, QByteArray apiKey, QString notFound = {});
    static QCoro::Task<Result<RetellRegisteredCall>> awaitRegistration(
        QCoro::Task<HttpAnswer> exchange, QUrl url, std::chrono::milliseconds timeout, QByteArray apiKey);
    static QCoro::Task<Result<QString>> awaitAgent(QCoro::Task<HttpAnswer> exchange, QUrl url,
        std::chrono::milliseconds timeout, QByteArray apiKey, QString agentId);
    static Result<QJsonObject> parseAnswer(const HttpAnswer &answer, const QString &notFound);
    static Result<RetellRegisteredCall> registeredCall(const QJsonObject &answer);
    static QString exchangeError(
        const HttpAnswer &answer, const QUrl &url, std::chrono::milliseconds timeout);
    static QString httpError(int status, const QByteArray &body);

    QPointer<HttpClient> m_http;
    QUrl m_apiBase;
    QUrl m_registerUrl;
    QByteArray m_apiKey;
    std::chrono::milliseconds m_timeout;
};
