// Downloads a Twilio recording (e.g. a voicemail) into a file, following Twilio's redirect to its storage.
#include "twilio/recordingdownloader.h"
#include "files/owneronly.h"
#include "net/remoteapi.h"
#include "net/secretscrubber.h"

#include "twilio/twiliolog.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>
#include <QTimer>

#include <QCoroNetworkReply>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

struct RecordingDownloader::Job
{
    QPointer<QNetworkAccessManager> network;
    // The first URL requested; its origin is the only one the credentials are sent to.
    QUrl url;
    // "Basic base64(sid:token)", for requests to that origin.
    QByteArray authorization;
    // Only kept to scrub it from error texts.
    QByteArray authToken;
    QString targetPath;
    std::chrono::milliseconds timeout;
};

namespace {

// What the handlers on the replies of one download decided. Shared because their lambdas live as long
// as each reply, which is deleted later than the coroutine may finish.
struct TransferState
{
    QString targetPath;
    QString shownUrl;
    // Opened on the first byte of the final answer, so a failed download never touches the target.
    std::unique_ptr<QSaveFile> file;
    qint64 written = 0;
    bool timedOut = false;
    bool tooLarge = false;
    QString saveError;

    bool stopped() const { return timedOut || tooLarge || !saveError.isEmpty(); }
};

int defaultPort(const QUrl &url)
{
    if (url.scheme() == u"https"_s)
        return 443;
    if (url.scheme() == u"http"_s)
        return 80;
    return -1;
}

// QUrl already lower-cases scheme and host, so only the implicit default port needs spelling out.
bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host() == b.host()
        && a.port(defaultPort(a)) == b.port(defaultPort(b));
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool isSuccess(int status)
{
    return status >= 200 && status <= 299;
}

// The query of a signed storage URL is itself a credential, and user info may be one.
QString shown(const QUrl &url)
{
    return url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

QString hostAndPort(const QUrl &url)
{
    return url.port() < 0 ? url.host() : u"%1:%2"_s.arg(url.host()).arg(url.port());
}

bool openTarget(TransferState &state)
{
    const QString folder = QFileInfo(state.targetPath).absolutePath();
    if (!QDir().mkpath(folder)) {
        state.saveError = RecordingDownloader::tr("Could not create the folder %1 for the recording %2.")
                              .arg(QDir::toNativeSeparators(folder), state.shownUrl);
        return false;
    }
    // A caller's message is for the business alone: the folder and the file are the user's, from the
    // first byte on, whatever the folder allowed before. If the file system will not have it, the
    // recording is still kept.
    QString notPrivate;
    if (!OwnerOnly::restrictFolder(folder, &notPrivate))
        qCWarning(lcTwilio).noquote() << notPrivate;
    state.file = std::make_unique<QSaveFile>(state.targetPath);
    if (!state.file->open(QIODevice::WriteOnly)) {
        state.saveError = RecordingDownloader::tr("Could not save the recording %1 to %2: %3.")
                              .arg(state.shownUrl, QDir::toNativeSeparators(state.targetPath),
                                  RemoteApi::quotable(state.file->errorString()));
        state.file.reset();
        return false;
    }
    if (!OwnerOnly::restrictFile(*state.file, &notPrivate))
        qCWarning(lcTwilio).noquote() << notPrivate;
    return true;
}

// Streams the final answer into the file as it arrives, so a large recording never sits in memory.
// Every branch that aborts returns at once: abort() may resume the coroutine, which then drops the file.
void takeBody(QNetworkReply *reply, TransferState &state)
{
    if (state.stopped())
        return;
    const QByteArray chunk = reply->readAll();
    // The body of a redirect or an error page is of no use, and keeping it would only cost memory.
    if (chunk.isEmpty() || !isSuccess(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()))
        return;
    if (state.written + chunk.size() > RecordingDownloader::MaxRecordingBytes) {
        state.tooLarge = true;
        reply->abort();
        return;
    }
    if (!state.file && !openTarget(state)) {
        reply->abort();
        return;
    }
    if (state.file->write(chunk) != chunk.size()) {
        state.saveError = RecordingDownloader::tr("Could not save the recording %1 to %2: %3.")
                              .arg(state.shownUrl, QDir::toNativeSeparators(state.targetPath),
                                  RemoteApi::quotable(state.file->errorString()));
        reply->abort();
        return;
    }
    state.written += chunk.size();
}

void watch(
    QNetworkReply *reply, const std::shared_ptr<TransferState> &state, std::chrono::milliseconds budget)
{
    // One deadline for the whole download, handed down from reply to reply across redirects.
    // QNetworkRequest::setTransferTimeout() only catches silence, so a trickling server would get past it.
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    // A coarse timer may fire 5% early, which would cut off a download that was still in budget.
    deadline->setTimerType(Qt::PreciseTimer);
    QObject::connect(deadline, &QTimer::timeout, reply, [reply, state] {
        if (reply->isRunning()) {
            state->timedOut = true;
            reply->abort();
        }
    });
    // Content-Length tells early that a body is too large, before a byte of it is written; takeBody()
    // counts what actually arrives, for answers without one.
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply, [reply, state] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (isSuccess(status) && announced > RecordingDownloader::MaxRecordingBytes && reply->isRunning()
            && !state->stopped()) {
            state->tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QIODevice::readyRead, reply, [reply, state] { takeBody(reply, *state); });
    deadline->start(budget);
}

QString httpError(int status, const QUrl &answeredBy, const QUrl &origin, const QString &shownUrl)
{
    if (!sameOrigin(answeredBy, origin)) {
        return RecordingDownloader::tr("The storage server %1 answered %2 for the recording %3.")
            .arg(hostAndPort(answeredBy), QString::number(status), shownUrl);
    }
    if (status == 401 || status == 403) {
        return RecordingDownloader::tr(
            "Twilio refused the account SID and auth token (HTTP %1) for the recording %2.")
            .arg(QString::number(status), shownUrl);
    }
    return RecordingDownloader::tr("Twilio answered %1 for the recording %2.")
        .arg(QString::number(status), shownUrl);
}

QString networkError(QNetworkReply *reply, const QUrl &requested, const QString &shownUrl)
{
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return RecordingDownloader::tr(
            "Could not download the recording %1: the connection to %2 was refused.")
            .arg(shownUrl, hostAndPort(requested));
    case QNetworkReply::HostNotFoundError:
        return RecordingDownloader::tr("Could not download the recording %1: the host %2 was not found.")
            .arg(shownUrl, requested.host());
    case QNetworkReply::RemoteHostClosedError:
        return RecordingDownloader::tr(
            "Could not download the recording %1: %2 closed the connection before the download was complete.")
            .arg(shownUrl, hostAndPort(requested));
    default: {
        // Qt quotes the full URL in some of its messages, and a signed storage URL's query is a credential.
        QString message = reply->errorString();
        for (const QString &query :
            { requested.query(QUrl::FullyEncoded), requested.query(QUrl::FullyDecoded) }) {
            if (!query.isEmpty())
                message.replace(query, u"[redacted]"_s);
        }
        return RecordingDownloader::tr("Could not download the recording %1: %2.")
            .arg(shownUrl, RemoteApi::quotable(message));
    }
    }
}

} // namespace

RecordingDownloader::RecordingDownloader(QNetworkAccessManager *network, QString accountSid,
    QByteArray authToken, QUrl apiBase, std::chrono::milliseconds timeout)
    : m_network(network)
    , m_accountSid(std::move(accountSid))
    , m_authToken(std::move(authToken))
    , m_apiBase(std::move(apiBase))
    , m_timeout(timeout)
{ }

bool RecordingDownloader::isTwilioOrigin(const QUrl &url, const QUrl &apiBase)
{
    if (RemoteApi::isHttpUrl(apiBase) && sameOrigin(url, apiBase))
        return true;
    const QString host = url.host();
    return url.scheme() == u"https"_s && url.port(443) == 443
        && (host == u"twilio.com"_s || host.endsWith(u".twilio.com"_s));
}

QUrl RecordingDownloader::mediaUrl(const QUrl &recordingUrl)
{
    QUrl url = recordingUrl;
    url.setUserInfo({});
    // Encoded on both sides, so an escaped character in the path survives the round trip unchanged.
    const QString path = url.path(QUrl::FullyEncoded);
    const QString lastSegment = path.mid(path.lastIndexOf(u'/') + 1);
    // Twilio's RecordingUrl names the resource; without an extension it would be served as WAV, about
    // ten times the size of MP3.
    if (!lastSegment.isEmpty() && !lastSegment.contains(u'.'))
        url.setPath(path + u".mp3"_s, QUrl::TolerantMode);
    return url;
}

QCoro::Task<Result<qint64>> RecordingDownloader::download(QUrl url, QString targetPath)
{
    const QUrl first = mediaUrl(url);
    if (QString error = configurationError(first, targetPath); !error.isEmpty()) {
        error = SecretScrubber::scrub(std::move(error), { m_authToken });
        qCWarning(lcTwilio).noquote() << error;
        return RemoteApi::failedTask<qint64>(error);
    }

    Job job {
        m_network,
        first,
        RemoteApi::basicAuthorization(m_accountSid, m_authToken),
        m_authToken,
        std::move(targetPath),
        m_timeout,
    };
    // Everything the download needs is handed over by value, so the task never touches this object again.
    return transfer(std::move(job));
}

QString RecordingDownloader::configurationError(const QUrl &url, const QString &targetPath) const
{
    if (!m_network)
        return tr("The recording cannot be downloaded because the network access has been shut down.");
    if (!RemoteApi::isHttpUrl(url))
        return tr("The recording URL %1 is not a valid http or https URL.").arg(shown(url));
    if (!RemoteApi::isSendableUser(m_accountSid.toUtf8()) || !RemoteApi::isSendableSecret(m_authToken))
        return tr(
            "The Twilio account SID or auth token is missing or contains characters that cannot be sent.");
    if (targetPath.isEmpty())
        return tr("No file was given to save the recording %1 to.").arg(shown(url));
    if (!isTwilioOrigin(url, m_apiBase))
        return tr("The recording URL %1 is not at Twilio, so it is not fetched.").arg(shown(url));
    return {};
}

QCoro::Task<Result<qint64>> RecordingDownloader::transfer(Job job)
{
    QElapsedTimer elapsed;
    elapsed.start();
    const auto state = std::make_shared<TransferState>();
    state->targetPath = job.targetPath;
    state->shownUrl = shown(job.url);

    QUrl current = job.url;
    int redirects = 0;
    QString error;
    for (;;) {
        const std::chrono::milliseconds remaining
            = job.timeout - std::chrono::milliseconds(elapsed.elapsed());
        if (remaining <= 0ms) {
            state->timedOut = true;
            break;
        }
        if (!job.network) {
            error = tr("The recording cannot be downloaded because the network access has been shut down.");
            break;
        }

        QNetworkRequest request(current);
        // Qt's own redirect handling would decide by itself where the credentials go.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setHeader(QNetworkRequest::UserAgentHeader, RemoteApi::userAgent());
        // Twilio's storage answers a signed URL and rejects extra credentials, and the token is nobody
        // else's business: it goes to the origin it was given for and nowhere else.
        if (sameOrigin(current, job.url))
            request.setRawHeader("Authorization"_ba, job.authorization);

        // deleteLater, not delete: we may be resumed from inside abort(), which still uses the reply after
        // emitting finished().
        const std::unique_ptr<QNetworkReply, QScopedPointerDeleteLater> reply(job.network->get(request));
        watch(reply.get(), state, remaining);
        co_await reply.get();
        if (state->stopped())
            break;

        const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (!statusAttribute.isValid()) {
            error = networkError(reply.get(), current, state->shownUrl);
            break;
        }
        const int status = statusAttribute.toInt();
        if (isRedirect(status)) {
            if (redirects == MaxRedirects) {
                error = tr("The recording %1 was redirected more than %2 times, so it was not downloaded.")
                            .arg(state->shownUrl)
                            .arg(MaxRedirects);
                break;
            }
            const QByteArray location = reply->rawHeader("Location"_ba).trimmed();
            // Relative locations are allowed (RFC 9110) and resolve against the URL that answered.
            QUrl next = current.resolved(QUrl::fromEncoded(location));
            if (location.isEmpty() || !RemoteApi::isHttpUrl(next)) {
                error = tr(
                    "The recording %1 was redirected to an address that is not a valid http or https URL.")
                            .arg(state->shownUrl);
                break;
            }
            if (current.scheme() == u"https"_s && next.scheme() == u"http"_s) {
                error = tr(
                    "The recording %1 was redirected from https to unencrypted http (%2), which is refused.")
                            .arg(state->shownUrl, hostAndPort(next));
                break;
            }
            // Credentials in a Location would be used by Qt on a challenge; they are not ours to send.
            next.setUserInfo({});
            ++redirects;
            qCDebug(lcTwilio).noquote()
                << "recording" << state->shownUrl << "redirected" << status << "to" << shown(next);
            current = next;
            continue;
        }
        if (!isSuccess(status)) {
            error = httpError(status, current, job.url, state->shownUrl);
            break;
        }
        // A 2xx status but a connection that broke before the body was complete.
        if (reply->error() != QNetworkReply::NoError) {
            error = networkError(reply.get(), current, state->shownUrl);
            break;
        }
        takeBody(reply.get(), *state);
        if (state->stopped())
            break;
        if (state->written == 0) {
            error = tr("The recording %1 was answered with an empty file.").arg(state->shownUrl);
            break;
        }
        if (!state->file->commit()) {
            error = tr("Could not save the recording %1 to %2: %3.")
                        .arg(state->shownUrl, QDir::toNativeSeparators(state->targetPath),
                            RemoteApi::quotable(state->file->errorString()));
            state->file.reset();
            break;
        }
        state->file.reset();
        qCInfo(lcTwilio).noquote() << "downloaded recording" << state->shownUrl
                                   << u"(%1 bytes) in %2 ms"_s.arg(state->written).arg(elapsed.elapsed());
        co_return state->written;
    }

    if (error.isEmpty()) {
        if (state->timedOut) {
            error = tr("The recording %1 was not downloaded within %2 ms.")
                        .arg(state->shownUrl)
                        .arg(job.timeout.count());
        } else if (state->tooLarge) {
            error = tr("The recording %1 is larger than %2 MiB, so it was not saved.")
                        .arg(state->shownUrl)
                        .arg(MaxRecordingBytes / (1024 * 1024));
        } else {
            error = state->saveError;
        }
    }
    // Discards the temporary file; whatever was at the target before stays as it was.
    if (state->file)
        state->file->cancelWriting();
    state->file.reset();
    error = SecretScrubber::scrub(
        std::move(error), { job.authToken, SecretScrubber::credentialsOf(job.authorization) });
    qCWarning(lcTwilio).noquote() << error;
    co_return Result<qint64>::failure(error);
}
