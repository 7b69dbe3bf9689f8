// Talks to Twilio's REST API: set-up (the account, its numbers, pointing a number at us) and live calls.
#include "twilio/twiliorestclient.h"
#include "net/remoteapi.h"
#include "net/replylimits.h"
#include "net/secretscrubber.h"

#include "twilio/twilioform.h"
#include "twilio/twiliolog.h"
#include "twilio/twiliosid.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>
#include <QXmlStreamReader>

#include <QCoroNetworkReply>

#include <memory>

using namespace Qt::StringLiterals;

struct TwilioRestClient::Exchange
{
    QPointer<QNetworkAccessManager> network;
    QUrl apiBase;
    QByteArray verb;
    // Relative to apiBase, already percent-encoded: "/2010-04-01/Accounts/AC….json".
    QString pathAndQuery;
    // application/x-www-form-urlencoded body of a POST.
    QByteArray form;
    // "Basic base64(sid:secret)".
    QByteArray authorization;
    // Only kept to scrub it from error texts.
    QByteArray secret;
    std::chrono::milliseconds timeout;
    // What a 404 is about, in a sentence: "the account AC…".
    QString subject;
    // Whose words Twilio's refusals are put in: set-up's, which quote Twilio for whoever sets the app up,
    // or a call's, which a receptionist reads while the caller waits.
    enum class Topic
    {
        Setup,
        LiveCall,
        NewCall,
    };
    Topic topic = Topic::Setup;
    // A new call's numbers, which its errors name.
    QString callee;
    QString callerId;
};

namespace {

// A page of 50 numbers is about 100 KiB; an answer this large is not Twilio's, so stop reading early.
constexpr qint64 MaxAnswerBytes = 4 * 1024 * 1024;
const QString ApiVersion = u"/2010-04-01"_s;

bool isAccountSid(const QString &sid)
{
    static const QRegularExpression pattern(u"^AC[0-9a-fA-F]{32}$"_s);
    return pattern.match(sid).hasMatch();
}

// A number SID goes into the URL path as it is, so only letters and digits may pass.
bool isSafeSid(const QString &sid)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9]{2,64}$"_s);
    return pattern.match(sid).hasMatch();
}

// `pathAndQuery` is already percent-encoded, so it is taken as it is; a path prefix of `base` is kept.
QUrl joined(const QUrl &base, const QString &pathAndQuery)
{
    QUrl url = RemoteApi::withoutTrailingSlash(base);
    const qsizetype question = pathAndQuery.indexOf(u'?');
    url.setPath(url.path() + pathAndQuery.left(question), QUrl::TolerantMode);
    url.setQuery(question < 0 ? QString() : pathAndQuery.mid(question + 1), QUrl::TolerantMode);
    url.setFragment({});
    return url;
}

// next_page_uri is a path on the same API; anything that names another host or leaves the API is refused
// rather than followed, so the credentials and the paging stay where they belong.
std::optional<QString> nextPage(const QJsonObject &page)
{
    const QString next = page.value(u"next_page_uri"_s).toString();
    if (next.isEmpty() || !next.startsWith(ApiVersion + u'/'))
        return std::nullopt;
    return next;
}

} // namespace

TwilioRestClient::TwilioRestClient(QNetworkAccessManager *network, QUrl apiBase, QString accountSid,
    QString authSid, QByteArray secret, std::chrono::milliseconds timeout)
    : m_network(network)
    , m_apiBase(std::move(apiBase))
    , m_accountSid(std::move(accountSid))
    , m_authSid(std::move(authSid))
    , m_secret(std::move(secret))
    , m_timeout(timeout)
{ }

bool TwilioRestClient::isApiKeySid(const QString &sid)
{
    static const QRegularExpression pattern(u"^SK[0-9a-fA-F]{32}$"_s);
    return pattern.match(sid).hasMatch();
}

QString TwilioRestClient::configurationError() const
{
    if (!m_network)
        return tr("Twilio cannot be reached because the network access has been shut down.");
    if (!RemoteApi::isHttpUrl(m_apiBase))
        return tr("The Twilio API address is not a valid http or https URL.");
    if (!isAccountSid(m_accountSid))
        return tr("The Twilio account SID is missing or is not AC followed by 32 hexadecimal digits.");
    if (!RemoteApi::isSendableUser(m_authSid.toUtf8()))
        return tr("The Twilio API key SID is missing or contains characters that cannot be sent.");
    if (!RemoteApi::isSendableSecret(m_secret)) {
        return isApiKeySid(m_authSid)
            ? tr("The Twilio API key secret is missing or contains characters that cannot be sent.")
            : tr("The Twilio auth token is missing or contains characters that cannot be sent.");
    }
    return {};
}

QString TwilioRestClient::accountPath() const
{
    return ApiVersion + u"/Accounts/"_s + m_accountSid;
}

TwilioRestClient::Exchange TwilioRestClient::exchange(
    QByteArray verb, QString pathAndQuery, QByteArray form) const
{
    return Exchange {
        m_network,
        m_apiBase,
        std::move(verb),
        std::move(pathAndQuery),
        std::move(form),
        RemoteApi::basicAuthorization(m_authSid, m_secret),
        m_secret,
        m_timeout,
        tr("the account %1").arg(m_accountSid),
    };
}

QCoro::Task<Result<QList<IncomingNumber>>> TwilioRestClient::listIncomingNumbers() const
{
    if (const QString error = configurationError(); !error.isEmpty()) {
        qCWarning(lcTwilio).noquote() << error;
        return RemoteApi::failedTask<QList<IncomingNumber>>(error);
    }
    return listPages(
        exchange("GET"_ba, accountPath() + u"/IncomingPhoneNumbers.json?PageSize=%1"_s.arg(PageSize)));
}

QCoro::Task<Result<IncomingNumber>> TwilioRestClient::updateNumber(
    QString numberSid, NumberWebhooks webhooks) const
{
    QString error = configurationError();
    if (error.isEmpty() && !isSafeSid(numberSid))
        error = tr("\"%1\" is not a Twilio phone number SID.").arg(numberSid);
    if (error.isEmpty()
        && (!RemoteApi::isHttpUrl(webhooks.voiceUrl) || !RemoteApi::isHttpUrl(webhooks.statusCallback)))
        error = tr("The webhook URLs are not valid http or https URLs; set the public URL first.");
    if (error.isEmpty() && !webhooks.voiceFallbackUrl.isEmpty()
        && !RemoteApi::isHttpUrl(webhooks.voiceFallbackUrl))
        error = tr("The voice fallback URL is not a valid http or https URL.");
    if (!error.isEmpty()) {
        qCWarning(lcTwilio).noquote() << error;
        return RemoteApi::failedTask<IncomingNumber>(error);
    }

    TwilioForm form;
    form.append(u"VoiceUrl"_s, webhooks.voiceUrl.toString(QUrl::FullyEncoded));
    form.append(u"VoiceMethod"_s, u"POST"_s);
    if (!webhooks.voiceFallbackUrl.isEmpty()) {
        form.append(u"VoiceFallbackUrl"_s, webhooks.voiceFallbackUrl.toString(QUrl::FullyEncoded));
        form.append(u"VoiceFallbackMethod"_s, u"POST"_s);
    }
    form.append(u"StatusCallback"_s, webhooks.statusCallback.toString(QUrl::FullyEncoded));
    form.append(u"StatusCallbackMethod"_s, u"POST"_s);

    Exchange request = exchange(
        "POST"_ba, accountPath() + u"/IncomingPhoneNumbers/%1.json"_s.arg(numberSid), form.toUrlEncoded());
    request.subject = tr("the number %1").arg(numberSid);
    return update(std::move(request));
}

QCoro::Task<Result<QString>> TwilioRestClient::fetchAccountName() const
{
    if (const QString error = configurationError(); !error.isEmpty()) {
        qCWarning(lcTwilio).noquote() << error;
        return RemoteApi::failedTask<QString>(error);
    }
    return accountName(exchange("GET"_ba, accountPath() + u".json"_s));
}

QCoro::Task<Result<TwilioCall>> TwilioRestClient::fetchCall(QString callSid) const
{
    QString error = configurationError();
    if (error.isEmpty() && !isSafeSid(callSid))
        error = tr("\"%1\" is not a Twilio call SID.").arg(callSid);
    if (!error.isEmpty())
        return RemoteApi::failedTask<TwilioCall>(error);
    Exchange request = exchange("GET"_ba, accountPath() + u"/Calls/%1.json"_s.arg(callSid));
    request.subject = tr("the call %1").arg(callSid);
    return call(std::move(request));
}

QCoro::Task<Result<TwilioCall>> TwilioRestClient::call(Exchange exchange)
{
    const Result<QJsonObject> answer = co_await send(std::move(exchange));
    if (!answer.ok())
        co_return Result<TwilioCall>::failedAs(answer);
    TwilioCall call;
    call.sid = answer->value(u"sid"_s).toString();
    call.status = answer->value(u"status"_s).toString();
    // Twilio gives the duration as a string of seconds, and times in RFC 2822.
    bool isNumber = false;
    const int duration = answer->value(u"duration"_s).toString().toInt(&isNumber);
    if (isNumber)
        call.durationSeconds = duration;
    call.endTime = QDateTime::fromString(answer->value(u"end_time"_s).toString(), Qt::RFC2822Date).toUTC();
    if (call.sid.isEmpty() || call.status.isEmpty())
        co_return Result<TwilioCall>::failure(tr("Twilio's answer about a call does not describe the call."));
    co_return call;
}

TwilioRestClient::Exchange TwilioRestClient::callUpdate(const QString &callSid, const TwilioForm &form) const
{
    Exchange request
        = exchange("POST"_ba, accountPath() + u"/Calls/%1.json"_s.arg(callSid), form.toUrlEncoded());
    request.subject = tr("the call %1").arg(callSid);
    request.topic = Exchange::Topic::LiveCall;
    return request;
}

// Why Twilio would not run `twiml`, or an empty string: it must be one well-formed <Response> document
// within Twilio's length limit.
QString TwilioRestClient::twimlProblem(const QString &twiml)
{
    if (twiml.size() > MaxTwimlLength)
        return tr("The instructions for the call are longer than Twilio's limit of %1 characters.")
            .arg(MaxTwimlLength);
    QXmlStreamReader reader(twiml);
    bool rootSeen = false;
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && !rootSeen) {
            rootSeen = true;
            if (reader.name() != u"Response"_s)
                return tr("The instructions for the call are not a TwiML <Response> document.");
        }
    }
    if (reader.hasError() || !rootSeen)
        return tr("The instructions for the call are not a TwiML <Response> document.");
    return {};
}

QCoro::Task<Result<TwilioCall>> TwilioRestClient::redirectCall(QString callSid, QUrl url) const
{
    QString error = configurationError();
    if (error.isEmpty() && !TwilioSid::isValid(callSid, u"CA"))
        error = tr("\"%1\" is not a Twilio call SID.").arg(callSid);
    if (error.isEmpty() && !RemoteApi::isHttpUrl(url))
        error = tr("The address the call should be sent to is not a valid http or https URL.");
    if (!error.isEmpty()) {
        qCWarning(lcTwilio).noquote() << error;
        return RemoteApi::failedTask<TwilioCall>(error);
    }
    TwilioForm form;
    form.append(u"Url"_s, url.toString(QUrl::FullyEncoded));
    form.append(u"Method"_s, u"POST"_s);
    return controlCall(callUpdate(callSid, form), u"Redirected the call %1"_s.arg(callSid));
}

QCoro::Task<Result<TwilioCall>> TwilioRestClient::updateCallTwiml(QString callSid, QString twiml) const
{
    QString error = configurationError();
    if (error.isEmpty() && !TwilioSid::isValid(callSid, u"CA"))
        error = tr("\"%1\" is not a Twilio call SID.").arg(callSid);
    if (error.isEmpty())
        error = twimlProblem(twiml);
    if (!error.isEmpty()) {
        qCWarning(lcTwilio).noquote() << error;
        return RemoteApi::failedTask<TwilioCall>(error);
    }
    TwilioForm form;
    form.append(u"Twiml"_s, twiml);
    return controlCall(callUpdate(callSid, form), u"Gave the call %1 new TwiML"_s.arg(callSid));
}

QCoro::Task<Result<TwilioCall>> TwilioRestClient::hangUpCall(QString callSid) const
{
    QString error = configurationError();
    if (error.isEmpty() && !TwilioSid::isValid(callSid, u"CA"))
        error = tr("\"%1\" is not a Twilio call SID.").arg(callSid);
    if (!error.isEmpty()) {
        qCWarning(lcTwilio).noquote() << error;
        return RemoteApi::failedTask<TwilioCall>(error);
    }
    TwilioForm form;
    form.append(u"Status"_s, u"completed"_s);
    return controlCall(callUpdate(callSid, form), u"Hung up the call %1"_s.arg(callSid));
}

QCoro::Task<Result<TwilioCall>> TwilioRestClient::createCall(OutboundCall call) const
{
    QString error = configurationError();
    if (error.isEmpty() && call.to.trimmed().isEmpty())
        error = tr("There is no number to call.");
    if (error.isEmpty() && call.from.trimmed().isEmpty())
        error = tr("There is no caller ID to call from.");
    if (error.isEmpty() && call.url.isEmpty() == call.twiml.isEmpty())
        error = tr("A new call needs either the address of its instructions or the instructions themselves.");
    if (error.isEmpty() && !call.url.isEmpty() && !RemoteApi::isHttpUrl(call.url))
        error = tr("The address of the call's instructions is not a valid http or https URL.");
    if (error.isEmpty() && !call.twiml.isEmpty())
        error = twimlProblem(call.twiml);
    if (error.isEmpty() && !RemoteApi::isHttpUrl(call.statusCallback))
        error = tr("The status callback URL of the call is not a valid http or https URL.");
    if (error.isEmpty() && call.timeoutSeconds
        && (*call.timeoutSeconds < 1 || *call.timeoutSeconds > MaxRingSeconds))
        error = tr("A call can ring from 1 to %1 seconds, not %2.")
                    .arg(MaxRingSeconds)
                    .arg(*call.timeoutSeconds);
    if (!error.isEmpty()) {
        qCWarning(lcTwilio).noquote() << error;
        return RemoteApi::failedTask<TwilioCall>(error);
    }

    TwilioForm form;
    form.append(u"To"_s, call.to);
    form.append(u"From"_s, call.from);
    if (!call.url.isEmpty()) {
        form.append(u"Url"_s, call.url.toString(QUrl::FullyEncoded));
        form.append(u"Method"_s, u"POST"_s);
    } else {
        form.append(u"Twiml"_s, call.twiml);
    }
    form.append(u"StatusCallback"_s, call.statusCallback.toString(QUrl::FullyEncoded));
    form.append(u"StatusCallbackMethod"_s, u"POST"_s);
    // Without them Twilio reports only the end of the call; the router follows each step.
    for (const QString &event : { u"initiated"_s, u"ringing"_s, u"answered"_s, u"completed"_s })
        form.append(u"StatusCallbackEvent"_s, event);
    if (call.timeoutSeconds)
        form.append(u"Timeout"_s, QString::number(*call.timeoutSeconds));

    Exchange request = exchange("POST"_ba, accountPath() + u"/Calls.json"_s, form.toUrlEncoded());
    request.subject = tr("the account %1").arg(m_accountSid);
    request.topic = Exchange::Topic::NewCall;
    request.callee = call.to;
    request.callerId = call.from;
    return controlCall(std::move(request), u"Placed a call to %1 from %2"_s.arg(call.to, call.from));
}

QCoro::Task<Result<TwilioCall>> TwilioRestClient::controlCall(Exchange exchange, QString done)
{
    Result<TwilioCall> result = co_await call(std::move(exchange));
    if (result.ok())
        qCInfo(lcTwilio).noquote() << done << u"(%1, %2)"_s.arg(result->sid, result->status);
    co_return result;
}

QUrl TwilioRestClient::studioBaseFor(const QUrl &apiBase)
{
    QUrl studio = apiBase;
    if (apiBase.host().startsWith(u"api."_s))
        studio.setHost(u"studio."_s + apiBase.host().mid(4));
    return studio;
}

TwilioRestClient::Exchange TwilioRestClient::studioExchange(
    QByteArray verb, QString pathAndQuery, QByteArray form) const
{
    Exchange request = exchange(std::move(verb), std::move(pathAndQuery), std::move(form));
    request.apiBase = studioBaseFor(m_apiBase);
    request.subject = tr("the Studio flow");
    return request;
}

QCoro::Task<Result<QList<StudioFlow>>> TwilioRestClient::listFlows() const
{
    if (const QString error = configurationError(); !error.isEmpty())
        return RemoteApi::failedTask<QList<StudioFlow>>(error);
    return flowPages(studioExchange("GET"_ba, u"/v2/Flows?PageSize=%1"_s.arg(PageSize)));
}

QCoro::Task<Result<StudioFlow>> TwilioRestClient::fetchFlow(QString flowSid) const
{
    QString error = configurationError();
    if (error.isEmpty() && !isSafeSid(flowSid))
        error = tr("\"%1\" is not a Studio flow SID.").arg(flowSid);
    if (!error.isEmpty())
        return RemoteApi::failedTask<StudioFlow>(error);
    Exchange request = studioExchange("GET"_ba, u"/v2/Flows/%1"_s.arg(flowSid));
    request.subject = tr("the Studio flow %1").arg(flowSid);
    return flow(std::move(request));
}

QCoro::Task<Result<StudioFlow>> TwilioRestClient::createFlow(
    QString friendlyName, QJsonObject definition, QString commitMessage) const
{
    if (const QString error = configurationError(); !error.isEmpty())
        return RemoteApi::failedTask<StudioFlow>(error);
    TwilioForm form;
    form.append(u"FriendlyName"_s, friendlyName);
    form.append(u"Status"_s, u"published"_s);
    form.append(u"Definition"_s, QString::fromUtf8(QJsonDocument(definition).toJson(QJsonDocument::Compact)));
    form.append(u"CommitMessage"_s, commitMessage);
    return flow(studioExchange("POST"_ba, u"/v2/Flows"_s, form.toUrlEncoded()));
}

QCoro::Task<Result<StudioFlow>> TwilioRestClient::updateFlow(
    QString flowSid, QJsonObject definition, QString commitMessage) const
{
    QString error = configurationError();
    if (error.isEmpty() && !isSafeSid(flowSid))
        error = tr("\"%1\" is not a Studio flow SID.").arg(flowSid);
    if (!error.isEmpty())
        return RemoteApi::failedTask<StudioFlow>(error);
    TwilioForm form;
    form.append(u"Status"_s, u"published"_s);
    form.append(u"Definition"_s, QString::fromUtf8(QJsonDocument(definition).toJson(QJsonDocument::Compact)));
    form.append(u"CommitMessage"_s, commitMessage);
    Exchange request = studioExchange("POST"_ba, u"/v2/Flows/%1"_s.arg(flowSid), form.toUrlEncoded());
    request.subject = tr("the Studio flow %1").arg(flowSid);
    return flow(std::move(request));
}

StudioFlow TwilioRestClient::flowFromJson(const QJsonObject &json)
{
    // Twilio gives the definition as an object; a string holding the JSON is read as well.
    const QJsonValue definition = json.value(u"definition"_s);
    return StudioFlow {
        json.value(u"sid"_s).toString(),
        json.value(u"friendly_name"_s).toString(),
        json.value(u"status"_s).toString(),
        json.value(u"revision"_s).toInt(),
        QUrl(json.value(u"webhook_url"_s).toString()),
        definition.isObject() ? definition.toObject()
                              : QJsonDocument::fromJson(definition.toString().toUtf8()).object(),
    };
}

QCoro::Task<Result<StudioFlow>> TwilioRestClient::flow(Exchange exchange)
{
    const Result<QJsonObject> answer = co_await send(std::move(exchange));
    if (!answer.ok())
        co_return Result<StudioFlow>::failedAs(answer);
    StudioFlow flow = flowFromJson(*answer);
    if (flow.sid.isEmpty() || !flow.webhookUrl.isValid()) {
        const QString error = tr("Twilio's answer about a Studio flow does not describe the flow.");
        qCWarning(lcTwilio).noquote() << error;
        co_return Result<StudioFlow>::failure(error);
    }
    co_return flow;
}

QCoro::Task<Result<QList<StudioFlow>>> TwilioRestClient::flowPages(Exchange first)
{
    using Failure = Result<QList<StudioFlow>>;
    QList<StudioFlow> flows;
    Exchange page = std::move(first);
    for (int pages = 1;; ++pages) {
        const Result<QJsonObject> answer = co_await send(page);
        if (!answer.ok())
            co_return Failure::failedAs(answer);
        const QJsonValue list = answer->value(u"flows"_s);
        if (!list.isArray())
            co_return Failure::failure(tr("Twilio's list of Studio flows has no flows."));
        for (const QJsonValue &entry : list.toArray())
            flows.append(flowFromJson(entry.toObject()));
        // Studio names the next page by its full URL: only a page of the same list on the same host is
        // followed, so the credentials go nowhere else.
        const QUrl next(answer->value(u"meta"_s).toObject().value(u"next_page_url"_s).toString());
        if (next.isEmpty() || pages >= MaxPages || next.host() != page.apiBase.host()
            || !next.path().endsWith(u"/v2/Flows"_s))
            break;
        page.pathAndQuery = u"/v2/Flows?"_s + next.query(QUrl::FullyEncoded);
    }
    co_return flows;
}

IncomingNumber TwilioRestClient::numberFromJson(const QJsonObject &json)
{
    const auto text = [&json](const QString &key) { return json.value(key).toString(); };
    return IncomingNumber {
        text(u"sid"_s),
        text(u"phone_number"_s),
        text(u"friendly_name"_s),
        text(u"voice_url"_s),
        text(u"voice_method"_s),
        text(u"voice_fallback_url"_s),
        text(u"status_callback"_s),
        text(u"status_callback_method"_s),
        text(u"voice_application_sid"_s),
        text(u"trunk_sid"_s),
    };
}

QCoro::Task<Result<QList<IncomingNumber>>> TwilioRestClient::listPages(Exchange first)
{
    using Failure = Result<QList<IncomingNumber>>;
    QList<IncomingNumber> numbers;
    QSet<QString> visited;
    Exchange page = std::move(first);
    for (int pages = 1;; ++pages) {
        visited.insert(page.pathAndQuery);
        const Result<QJsonObject> answer = co_await send(page);
        if (!answer.ok())
            co_return Failure::failedAs(answer);
        const QJsonValue list = answer->value(u"incoming_phone_numbers"_s);
        if (!list.isArray()) {
            const QString error = tr("Twilio's list of phone numbers has no incoming_phone_numbers.");
            qCWarning(lcTwilio).noquote() << error;
            co_return Failure::failure(error);
        }
        for (const QJsonValue &entry : list.toArray())
            numbers.append(numberFromJson(entry.toObject()));

        const std::optional<QString> next = nextPage(*answer);
        if (!next)
            break;
        if (visited.contains(*next) || pages >= MaxPages) {
            const QString error
                = tr("Twilio's list of phone numbers did not end after %1 pages; it was not loaded.")
                      .arg(pages);
            qCWarning(lcTwilio).noquote() << error;
            co_return Failure::failure(error);
        }
        page.pathAndQuery = *next;
    }
    qCDebug(lcTwilio) << "Listed" << numbers.size() << "phone numbers";
    co_return numbers;
}

QCoro::Task<Result<IncomingNumber>> TwilioRestClient::update(Exchange exchange)
{
    const Result<QJsonObject> answer = co_await send(std::move(exchange));
    if (!answer.ok())
        co_return Result<IncomingNumber>::failedAs(answer);
    IncomingNumber number = numberFromJson(*answer);
    if (number.sid.isEmpty()) {
        const QString error = tr("Twilio's answer to the change of a number does not describe the number.");
        qCWarning(lcTwilio).noquote() << error;
        co_return Result<IncomingNumber>::failure(error);
    }
    qCInfo(lcTwilio).noquote() << "Pointed" << number.phoneNumber << "at"
                               << number.voiceUrl.section(u'/', 0, 2);
    co_return number;
}

QCoro::Task<Result<QString>> TwilioRestClient::accountName(Exchange exchange)
{
    const Result<QJsonObject> answer = co_await send(std::move(exchange));
    if (!answer.ok())
        co_return Result<QString>::failedAs(answer);
    const QString name = answer->value(u"friendly_name"_s).toString();
    const QString status = answer->value(u"status"_s).toString();
    // Twilio still answers for a suspended or closed account, but it will not route that account's calls.
    if (status == u"suspended"_s || status == u"closed"_s) {
        const QString error = tr("Twilio says the account \"%1\" is %2.").arg(name, status);
        qCWarning(lcTwilio).noquote() << error;
        co_return Result<QString>::failure(error);
    }
    co_return name;
}

QCoro::Task<Result<QJsonObject>> TwilioRestClient::send(Exchange exchange)
{
    if (!exchange.network)
        co_return Result<QJsonObject>::failure(
            tr("Twilio cannot be reached because the network access has been shut down."));

    QNetworkRequest request(joined(exchange.apiBase, exchange.pathAndQuery));
    request.setHeader(QNetworkRequest::UserAgentHeader, RemoteApi::userAgent());
    request.setRawHeader("Accept"_ba, "application/json"_ba);
    request.setRawHeader("Authorization"_ba, exchange.authorization);
    // A redirect would carry the credentials to wherever it points, and Twilio's API has no reason to send
    // one.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = nullptr;
    if (exchange.verb == "POST"_ba) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
        reply = exchange.network->post(request, exchange.form);
    } else {
        reply = exchange.network->get(request);
    }

    // deleteLater, not delete: we may be resumed from inside abort(), which still uses the reply after
    // emitting finished().
    const std::unique_ptr<QNetworkReply, QScopedPointerDeleteLater> owner(reply);
    const std::shared_ptr<const ReplyLimits> watch
        = ReplyLimits::watch(reply, exchange.timeout, MaxAnswerBytes);
    QElapsedTimer elapsed;
    elapsed.start();

    co_await reply;

    QString error;
    FailureKind kind = FailureKind::Other;
    if (watch->timedOut) {
        error = tr("Twilio did not answer within %1 ms.").arg(exchange.timeout.count());
        kind = FailureKind::Unreachable;
    } else if (watch->tooLarge) {
        error = tr("Twilio's answer is larger than %1 MiB, so it was not read.")
                    .arg(MaxAnswerBytes / 1024 / 1024);
    } else {
        Result<QJsonObject> answer = parseAnswer(reply, exchange);
        if (answer.ok()) {
            qCDebug(lcTwilio).noquote() << exchange.verb << exchange.pathAndQuery.section(u'?', 0, 0)
                                        << "answered in" << elapsed.elapsed() << "ms";
            co_return answer;
        }
        error = answer.error();
        kind = answer.failureKind();
    }
    error = SecretScrubber::scrub(
        std::move(error), { exchange.secret, SecretScrubber::credentialsOf(exchange.authorization) });
    qCWarning(lcTwilio).noquote() << error;
    co_return Result<QJsonObject>::failure(error, kind);
}

Result<QJsonObject> TwilioRestClient::parseAnswer(QNetworkReply *reply, const Exchange &exchange)
{
    using Failure = Result<QJsonObject>;

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid())
        return Failure::failure(networkError(reply), isUnreachable(reply) ? FailureKind::Unreachable : FailureKind::Other);
    const int status = statusAttribute.toInt();
    const QByteArray body = reply->readAll();
    if (status < 200 || status > 299)
        return Failure::failure(httpError(status, body, exchange));
    // A 2xx status but a connection that broke before the body was complete.
    if (reply->error() != QNetworkReply::NoError)
        return Failure::failure(networkError(reply), isUnreachable(reply) ? FailureKind::Unreachable : FailureKind::Other);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Failure::failure(tr("Twilio answered with something that is not a JSON object."));
    return document.object();
}

bool TwilioRestClient::isUnreachable(QNetworkReply *reply)
{
    // Not reaching the host at all; a TLS failure or a broken answer is something else.
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

QString TwilioRestClient::networkError(QNetworkReply *reply)
{
    const QUrl url = reply->url();
    const QString server = RemoteApi::serverOf(url);
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return tr("Could not connect to Twilio at %1: the connection was refused.").arg(server);
    case QNetworkReply::HostNotFoundError:
        return tr("Could not connect to Twilio: the host %1 was not found; check the internet connection.")
            .arg(url.host());
    case QNetworkReply::RemoteHostClosedError:
        return tr("Twilio at %1 closed the connection before answering.").arg(server);
    default:
        return tr("Could not reach Twilio at %1: %2.").arg(server, RemoteApi::quotable(reply->errorString()));
    }
}

QString TwilioRestClient::httpError(int status, const QByteArray &body, const Exchange &exchange)
{
    // Twilio's errors are {code, message, more_info, status}; the code is what its documentation lists.
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    const int code = answer.value(u"code"_s).toInt();
    const QString message = RemoteApi::quotable(answer.value(u"message"_s).toString());
    if (exchange.topic != Exchange::Topic::Setup) {
        if (const QString plain = callError(status, code, exchange); !plain.isEmpty()) {
            // The receptionist reads the plain sentence; the log keeps Twilio's own words for whoever
            // looks into it.
            qCInfo(lcTwilio).noquote() << "Twilio answered HTTP" << status << "error" << code << message;
            return plain;
        }
    }
    const QString &subject = exchange.subject;
    const QString reference = code > 0 ? QString::number(code) : tr("HTTP %1").arg(status);
    const QString reason = message.isEmpty() ? QString() : u": "_s + message;

    switch (status) {
    case 401:
        return tr("Twilio refused the credentials (%1)%2.").arg(reference, reason);
    case 403:
        return tr("Twilio does not allow these credentials to do this (%1)%2.").arg(reference, reason);
    case 404:
        return tr("Twilio does not know %1 (%2)%3.").arg(subject, reference, reason);
    case 429:
        return tr("Twilio is limiting requests right now; try again in a minute (%1)%2.")
            .arg(reference, reason);
    default:
        if (code > 0)
            return tr("Twilio answered HTTP %1 (%2)%3.").arg(QString::number(status), reference, reason);
        return tr("Twilio answered HTTP %1%2.").arg(QString::number(status), reason);
    }
}

// The refusals a call meets that a receptionist can act on, from Twilio's error dictionary; empty for the
// rest, which keep the general wording (credentials, rate limits, Twilio's own faults).
QString TwilioRestClient::callError(int status, int code, const Exchange &exchange)
{
    switch (code) {
    case 21220: // Invalid call state: the call is no longer in progress
        return tr("The call has already ended.");
    case 21211: // Invalid 'To' phone number
    case 21214: // 'To' phone number cannot be reached
    case 13223: // Dial: invalid phone number format
    case 13224: // Dial: a number Twilio does not call, or invalid
        return exchange.callee.isEmpty()
            ? tr("Twilio cannot call that number: it is not a valid phone number, or not one it can reach.")
            : tr("Twilio cannot call %1: it is not a valid phone number, or not one it can reach.")
                  .arg(exchange.callee);
    case 21210: // 'From' phone number not verified
    case 21212: // Invalid 'From' phone number
        return tr("Twilio will not call from %1: the caller ID must be one of the account's numbers or a "
                  "verified caller ID.")
            .arg(exchange.callerId.isEmpty() ? tr("that number") : exchange.callerId);
    case 21215: // Geographic permissions do not allow the call
        return tr("The Twilio account is not allowed to call %1: its voice geographic permissions leave that "
                  "country out.")
            .arg(exchange.callee.isEmpty() ? tr("that number") : exchange.callee);
    default:
        break;
    }
    if (status == 404 && exchange.topic == Exchange::Topic::LiveCall)
        return tr("Twilio does not know this call.");
    return {};
}
