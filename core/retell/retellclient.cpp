// Registers inbound calls with Retell AI (POST /v2/register-phone-call) so they can be dialled over SIP,
// and checks a voice agent for set-up.
#include "retell/retellclient.h"
#include "net/httpclient.h"
#include "net/remoteapi.h"
#include "net/secretscrubber.h"

#include "retell/retelllog.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Retell's answer is well under a kilobyte; a body this large is not Retell, so stop reading early.
constexpr qint64 MaxAnswerBytes = 256 * 1024;
// Generous for Retell's ids (e.g. call_ + 32 hex) and still a sane SIP user part.
constexpr qsizetype MaxCallIdLength = 128;

QUrl joinPath(QUrl base, const QString &path)
{
    base.setPath(base.path() + path);
    return base;
}

// The call id goes straight into sip:{call_id}@host in our TwiML, so anything that could change the
// meaning of that URI (@, ;, :, spaces, escapes) is a bad answer rather than something to escape.
bool isSafeCallId(const QString &callId)
{
    if (callId.isEmpty() || callId.size() > MaxCallIdLength)
        return false;
    return std::all_of(callId.cbegin(), callId.cend(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_'
            || u == u'-' || u == u'.';
    });
}

// Retell puts a human-readable reason in its error bodies; accept the usual spellings of that field.
QString messageFromErrorBody(const QByteArray &body)
{
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    for (const QString &key : { u"error_message"_s, u"message"_s, u"error"_s }) {
        const QString message = RemoteApi::quotable(answer.value(key).toString());
        if (!message.isEmpty())
            return message;
    }
    return {};
}

} // namespace

RetellClient::RetellClient(
    HttpClient *http, QUrl apiBase, QByteArray apiKey, std::chrono::milliseconds timeout)
    : m_http(http)
    , m_apiBase(RemoteApi::withoutTrailingSlash(std::move(apiBase)))
    , m_registerUrl(joinPath(m_apiBase, u"/v2/register-phone-call"_s))
    , m_apiKey(std::move(apiKey))
    , m_timeout(timeout)
{ }

QCoro::Task<Result<RetellRegisteredCall>> RetellClient::registerPhoneCall(RetellCallRequest request)
{
    if (const QString error = configurationError(request); !error.isEmpty()) {
        qCWarning(lcRetell).noquote() << error;
        return RemoteApi::failedTask<RetellRegisteredCall>(error);
    }

    HttpRequest httpRequest = jsonRequest(m_registerUrl);
    httpRequest.method = "POST"_ba;
    httpRequest.headers.append({ "Content-Type"_ba, "application/json"_ba });
    httpRequest.body = requestBody(request);
    // Everything the wait needs is handed over by value, so the task never touches this client again.
    return awaitRegistration(m_http->send(std::move(httpRequest)), m_registerUrl, m_timeout, m_apiKey);
}

QUrl RetellClient::agentUrl(const QString &agentId) const
{
    QUrl url = m_apiBase;
    // Encoded, so that an id with a slash or a question mark cannot reach another endpoint.
    url.setPath(m_apiBase.path(QUrl::FullyEncoded) + u"/get-agent/"_s
            + QString::fromLatin1(QUrl::toPercentEncoding(agentId)),
        QUrl::StrictMode);
    return url;
}

QCoro::Task<Result<QString>> RetellClient::fetchAgent(QString agentId)
{
    QString error = connectionError();
    if (error.isEmpty() && agentId.trimmed().isEmpty())
        error = tr("No Retell agent ID is set.");
    if (!error.isEmpty()) {
        qCWarning(lcRetell).noquote() << error;
        return RemoteApi::failedTask<QString>(error);
    }
    const QUrl url = agentUrl(agentId);
    return awaitAgent(m_http->send(jsonRequest(url)), url, m_timeout, m_apiKey, std::move(agentId));
}

HttpRequest RetellClient::jsonRequest(const QUrl &url) const
{
    // No redirect is ever followed: it would carry the bearer key to wherever it points, and Retell has
    // no reason to send one.
    HttpRequest request;
    request.url = url;
    request.headers = {
        { "User-Agent"_ba, RemoteApi::userAgent() },
        { "Accept"_ba, "application/json"_ba },
        { "Authorization"_ba, "Bearer "_ba + m_apiKey },
    };
    request.timeout = m_timeout;
    request.maxAnswerBytes = MaxAnswerBytes;
    return request;
}

QString RetellClient::connectionError() const
{
    if (!m_http)
        return tr("Retell cannot be reached because the network access has been shut down.");
    if (!RemoteApi::isHttpUrl(m_registerUrl))
        return tr("The Retell API address is not a valid http or https URL.");
    if (!RemoteApi::isSendableSecret(m_apiKey))
        return tr("The Retell API key is missing or contains characters that cannot be sent.");
    return {};
}

QString RetellClient::configurationError(const RetellCallRequest &request) const
{
    if (QString error = connectionError(); !error.isEmpty())
        return error;
    if (request.agentId.isEmpty())
        return tr("No Retell agent is configured for this number.");
    if (request.toNumber.isEmpty())
        return tr("The called number is missing, so the call cannot be registered with Retell.");
    return {};
}

QByteArray RetellClient::requestBody(const RetellCallRequest &request)
{
    QJsonObject variables;
    for (auto it = request.dynamicVariables.cbegin(); it != request.dynamicVariables.cend(); ++it)
        variables.insert(it.key(), it.value());

    QJsonObject body {
        { u"agent_id"_s, request.agentId },
        { u"direction"_s, u"inbound"_s },
        { u"to_number"_s, request.toNumber },
        { u"metadata"_s, request.metadata },
        { u"retell_llm_dynamic_variables"_s, variables },
    };
    // Retell expects E.164 here; a withheld caller has none, and an empty string would be rejected.
    if (!request.fromNumber.isEmpty())
        body.insert(u"from_number"_s, request.fromNumber);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QCoro::Task<Result<QJsonObject>> RetellClient::awaitJson(QCoro::Task<HttpAnswer> exchange, QUrl url,
    std::chrono::milliseconds timeout, QByteArray apiKey, QString notFound)
{
    const HttpAnswer answer = co_await std::move(exchange);
    Result<QJsonObject> json = answer.ok()
        ? parseAnswer(answer, notFound)
        : Result<QJsonObject>::failure(exchangeError(answer, url, timeout));
    if (json.ok())
        co_return json;
    co_return Result<QJsonObject>::failure(SecretScrubber::scrub(json.error(), { apiKey }));
}

QCoro::Task<Result<RetellRegisteredCall>> RetellClient::awaitRegistration(
    QCoro::Task<HttpAnswer> exchange, QUrl url, std::chrono::milliseconds timeout, QByteArray apiKey)
{
    QElapsedTimer elapsed;
    elapsed.start();
    const Result<QJsonObject> answer
        = co_await awaitJson(std::move(exchange), std::move(url), timeout, apiKey);
    Result<RetellRegisteredCall> call
        = answer.ok() ? registeredCall(*answer) : Result<RetellRegisteredCall>::failure(answer.error());
    if (call.ok()) {
        qCDebug(lcRetell).noquote() << "registered call" << call->callId << "in" << elapsed.elapsed() << "ms";
        co_return call;
    }
    qCWarning(lcRetell).noquote() << call.error();
    co_return call;
}

QCoro::Task<Result<QString>> RetellClient::awaitAgent(QCoro::Task<HttpAnswer> exchange, QUrl url,
    std::chrono::milliseconds timeout, QByteArray apiKey, QString agentId)
{
    const Result<QJsonObject> answer = co_await awaitJson(std::move(exchange), std::move(url), timeout,
        apiKey, tr("Retell has no voice agent \"%1\" on the account of this API key").arg(agentId));
    if (!answer.ok()) {
        qCWarning(lcRetell).noquote() << answer.error();
        co_return Result<QString>::failure(answer.error());
    }
    // Retell answers with the agent object; one without an agent_id is not an agent.
    if (answer->value(u"agent_id"_s).toString().isEmpty()) {
        const QString error
            = tr("Retell's answer for the agent \"%1\" does not describe an agent.").arg(agentId);
        qCWarning(lcRetell).noquote() << error;
        co_return Result<QString>::failure(error);
    }
    const QString name = answer->value(u"agent_name"_s).toString();
    co_return name.isEmpty() ? agentId : name;
}

Result<QJsonObject> RetellClient::parseAnswer(const HttpAnswer &answer, const QString &notFound)
{
    using Failure = Result<QJsonObject>;

    const int status = answer.status;
    if (status == 404 && !notFound.isEmpty()) {
        const QString message = messageFromErrorBody(answer.body);
        return Failure::failure(message.isEmpty() ? tr("%1 (HTTP 404).").arg(notFound)
                                                  : tr("%1 (HTTP 404: %2).").arg(notFound, message));
    }
    if (status < 200 || status > 299)
        return Failure::failure(httpError(status, answer.body));

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(answer.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Failure::failure(tr("Retell answered with something that is not JSON."));
    if (!document.isObject())
        return Failure::failure(tr("Retell answered with JSON that is not an object."));
    return document.object();
}

Result<RetellRegisteredCall> RetellClient::registeredCall(const QJsonObject &answer)
{
    using Failure = Result<RetellRegisteredCall>;
    const QString callId = answer.value(u"call_id"_s).toString();
    if (callId.isEmpty())
        return Failure::failure(tr("Retell's answer has no call_id."));
    if (!isSafeCallId(callId))
        return Failure::failure(tr("Retell's answer has a call_id that cannot be put into a SIP address."));

    return RetellRegisteredCall {
        callId,
        answer.value(u"call_status"_s).toString(),
        answer.value(u"agent_id"_s).toString(),
    };
}

QString RetellClient::exchangeError(
    const HttpAnswer &answer, const QUrl &url, std::chrono::milliseconds timeout)
{
    const QString server = RemoteApi::serverOf(url);
    switch (answer.failure) {
    case HttpAnswer::Failure::None:
        break;
    case HttpAnswer::Failure::TimedOut:
        return tr("Retell did not answer within %1 ms.").arg(timeout.count());
    case HttpAnswer::Failure::TooLarge:
        return tr("Retell's answer is larger than %1 KiB, so it was not read.").arg(MaxAnswerBytes / 1024);
    case HttpAnswer::Failure::ConnectionRefused:
        return tr("Could not connect to Retell at %1: the connection was refused.").arg(server);
    case HttpAnswer::Failure::HostNotFound:
        return tr("Could not connect to Retell: the host %1 was not found.").arg(url.host());
    case HttpAnswer::Failure::ClosedBeforeAnswer:
        return tr("Retell at %1 closed the connection before answering.").arg(server);
    case HttpAnswer::Failure::Malformed:
        return tr("Retell at %1 answered with something that is not HTTP.").arg(server);
    case HttpAnswer::Failure::Network:
        break;
    }
    return tr("Could not reach Retell at %1: %2.").arg(server, RemoteApi::quotable(answer.networkError));
}

QString RetellClient::httpError(int status, const QByteArray &body)
{
    const QString message = messageFromErrorBody(body);
    if (status == 401 || status == 403) {
        return message.isEmpty()
            ? tr("Retell refused the API key (HTTP %1).").arg(status)
            : tr("Retell refused the API key (HTTP %1: %2).").arg(QString::number(status), message);
    }
    return message.isEmpty() ? tr("Retell answered HTTP %1.").arg(status)
                             : tr("Retell answered HTTP %1: %2.").arg(QString::number(status), message);
}
