// A seat's reads of another Switchboard's read-only API.
#include "feedapiclient.h"

#include "calljson.h"
#include "certificatefingerprint.h"
#include "feedclientlog.h"
#include "net/remoteapi.h"
#include "net/replylimits.h"

#include <QCoroNetworkReply>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Times the router reads exactly: UTC with milliseconds.
QString iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

int wholeSecondsUp(std::chrono::milliseconds wait)
{
    return int((wait.count() + 999) / 1000);
}

} // namespace

FeedApiClient::FeedApiClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{ }

QCoro::Task<Result<FeedApiClient::Role>> FeedApiClient::role()
{
    const Result<SeatInfo> answer = co_await seat();
    if (!answer)
        co_return Result<Role>::failedAs(answer);
    co_return answer->control ? Role::Control : Role::View;
}

QCoro::Task<Result<SeatInfo>> FeedApiClient::seat()
{
    const Result<QJsonDocument> answer = co_await get(u"/seat"_s, {}, tr("what this seat may do"));
    if (!answer)
        co_return Result<SeatInfo>::failedAs(answer);
    co_return SeatInfo::fromJson(answer->object());
}

QCoro::Task<Result<FeedApiClient::CallPage>> FeedApiClient::calls(CallQuery query)
{
    QUrlQuery parameters;
    if (!query.caller.trimmed().isEmpty())
        parameters.addQueryItem(u"caller"_s, query.caller.trimmed());
    if (query.outcome)
        parameters.addQueryItem(u"outcome"_s, CallLogNames::name(*query.outcome));
    if (!query.before.isEmpty())
        parameters.addQueryItem(u"before"_s, query.before);
    parameters.addQueryItem(u"limit"_s, QString::number(query.limit));
    // Read before the wait, as every member is: this client may be gone when the answer comes.
    const QString server = m_address.hostAndPort();
    const Result<QJsonDocument> answer = co_await get(u"/calls"_s, parameters, tr("the call log"));
    if (!answer)
        co_return Result<CallPage>::failedAs(answer);
    if (!answer->isArray())
        co_return Result<CallPage>::failure(tr("The call log from %1 is not a list of calls.").arg(server));
    CallPage page;
    for (const QJsonValue &value : answer->array()) {
        // A call this version cannot read is left out rather than losing the whole page.
        if (std::optional<CallListEntry> entry = CallJson::readSession(value.toObject()))
            page.calls.append(std::move(*entry));
        else
            qCInfo(lcFeedClient) << "left out a call the API listed that cannot be read";
    }
    page.mayHaveMore = answer->array().size() >= query.limit;
    co_return page;
}

QCoro::Task<Result<FeedApiClient::CallDetails>> FeedApiClient::call(QString callSid)
{
    // The SID goes into the path: only what a SID is made of (letters and digits) is sent.
    if (callSid.isEmpty() || !std::all_of(callSid.cbegin(), callSid.cend(), [](QChar c) {
            return c.isLetterOrNumber() && c.unicode() < 128;
        }))
        co_return Result<CallDetails>::failure(tr("\"%1\" is not a call's id.").arg(callSid));
    const QString server = m_address.hostAndPort();
    const Result<QJsonDocument> answer
        = co_await get(u"/calls/"_s + callSid, {}, tr("the call %1").arg(callSid));
    if (!answer)
        co_return Result<CallDetails>::failedAs(answer);
    const QJsonObject object = answer->object();
    std::optional<CallListEntry> entry = CallJson::readSession(object);
    if (!entry)
        co_return Result<CallDetails>::failure(
            tr("The call %1 from %2 cannot be read.").arg(callSid, server));
    CallDetails details;
    details.entry = std::move(*entry);
    for (const QJsonValue &value : object.value(u"events"_s).toArray()) {
        if (std::optional<CallEventRecord> event = CallJson::readEvent(value.toObject(), callSid))
            details.events.append(std::move(*event));
    }
    for (const QJsonValue &value : object.value(u"recordings"_s).toArray())
        details.recordings.append(CallJson::readRecording(value.toObject(), callSid));
    co_return details;
}

QCoro::Task<Result<StatsJson::Answer>> FeedApiClient::stats(QDateTime since, QDateTime until, QString number)
{
    QUrlQuery parameters;
    parameters.addQueryItem(u"since"_s, iso(since));
    parameters.addQueryItem(u"until"_s, iso(until));
    if (!number.isEmpty())
        parameters.addQueryItem(u"number"_s, number);
    const QString server = m_address.hostAndPort();
    const Result<QJsonDocument> answer = co_await get(u"/stats"_s, parameters, tr("the statistics"));
    if (!answer)
        co_return Result<StatsJson::Answer>::failedAs(answer);
    QString why;
    std::optional<StatsJson::Answer> read = StatsJson::read(answer->object(), &why);
    if (!read)
        co_return Result<StatsJson::Answer>::failure(
            tr("The statistics from %1 cannot be read: %2").arg(server, why));
    co_return std::move(*read);
}

QCoro::Task<Result<QJsonDocument>> FeedApiClient::get(QString path, QUrlQuery query, QString what)
{
    using Failure = Result<QJsonDocument>;
    // Copied before the first wait: this client may be gone when the answer comes.
    const QString server = m_address.hostAndPort();
    const QByteArray pinned = m_pinnedDigest;
    const std::chrono::milliseconds timeout = m_timeout;
    if (!m_network || m_address.isEmpty())
        co_return Failure::failure(tr("Cannot read %1: no router to ask.").arg(what));

    QUrl url = m_address.apiUrl(path);
    // QUrlQuery leaves "+" as it is, which a server reads as a space: a number's "+" is sent encoded.
    QString encoded = query.toString(QUrl::FullyEncoded);
    encoded.replace(u'+', u"%2B"_s);
    url.setQuery(encoded, QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, RemoteApi::userAgent());
    request.setRawHeader("Accept"_ba, "application/json"_ba);
    request.setRawHeader("Authorization"_ba, "Bearer "_ba + m_token);
    // A redirect would carry the token to wherever it points.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network->get(request);
    // deleteLater: we may be resumed from inside abort(), which still uses the reply after finished().
    const std::unique_ptr<QNetworkReply, QScopedPointerDeleteLater> owner(reply);
    const std::shared_ptr<const ReplyLimits> limits = ReplyLimits::watch(reply, timeout, MaxAnswerBytes);
    auto untrusted = std::make_shared<bool>(false);
    // The certificate the person chose to trust (FeedClient pins the same one); no other.
    connect(
        reply, &QNetworkReply::sslErrors, reply, [reply, pinned, untrusted](const QList<QSslError> &errors) {
            for (const QSslError &error : errors) {
                if (!error.certificate().isNull()) {
                    if (!pinned.isEmpty() && CertificateFingerprint::sha256(error.certificate()) == pinned)
                        reply->ignoreSslErrors();
                    else
                        *untrusted = true;
                    return;
                }
            }
            *untrusted = true;
        });

    co_await reply;

    const auto fail = [&what](const QString &why, FailureKind kind = FailureKind::Other) {
        qCInfo(lcFeedClient).noquote() << "reading" << what << "failed:" << why;
        return Failure::failure(why, kind);
    };
    if (limits->timedOut)
        co_return fail(
            tr("%1 did not send %2 within %n s.", nullptr, wholeSecondsUp(timeout)).arg(server, what),
            FailureKind::Unreachable);
    if (limits->tooLarge)
        co_return fail(tr("%1 sent more than %2 MiB for %3, so it was not read.")
                           .arg(server)
                           .arg(MaxAnswerBytes / 1024 / 1024)
                           .arg(what));
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        if (*untrusted)
            co_return fail(tr("Cannot read %1: the certificate of %2 is not trusted.").arg(what, server));
        const bool refused = reply->error() == QNetworkReply::ConnectionRefusedError
            || reply->error() == QNetworkReply::HostNotFoundError
            || reply->error() == QNetworkReply::TimeoutError;
        co_return fail(tr("Cannot read %1: %2 cannot be reached (%3).")
                           .arg(what, server, RemoteApi::quotable(reply->errorString())),
            refused ? FailureKind::Unreachable : FailureKind::Other);
    }
    const QByteArray body = reply->readAll();
    const int code = status.toInt();
    if (code == 401 || code == 403)
        co_return fail(tr("The token was refused: ask for a new one."));
    if (code < 200 || code > 299) {
        // The API says what was wrong in {"error": sentence}.
        const QString sentence = QJsonDocument::fromJson(body).object().value(u"error"_s).toString();
        co_return fail(sentence.isEmpty()
                ? tr("Cannot read %1: %2 answered HTTP %3.").arg(what, server).arg(code)
                : tr("Cannot read %1: %2 answered: %3.").arg(what, server, RemoteApi::quotable(sentence)));
    }
    if (reply->error() != QNetworkReply::NoError)
        co_return fail(tr("Cannot read %1: the connection to %2 broke (%3).")
                           .arg(what, server, RemoteApi::quotable(reply->errorString())));
    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        co_return fail(tr("Cannot read %1: %2 did not answer with the API's JSON; is it a Switchboard?")
                           .arg(what, server));
    co_return document;
}
