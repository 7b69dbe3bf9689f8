// Downloads a Twilio recording (e.g. a voicemail) into a file, following Twilio's redirect to its storage.
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <QCoroTask>

#include <chrono>

class QNetworkAccessManager;

// Used from the thread that owns the QNetworkAccessManager. Every download resolves within the timeout
// given here, redirects included. The auth token never leaves this class except in the Authorization
// header sent to the recording's own origin: it is not logged and is scrubbed from every error text.
class RecordingDownloader
{
    Q_DECLARE_TR_FUNCTIONS(RecordingDownloader)

public:
    static constexpr int MaxRedirects = 5;
    // A voicemail is a few MiB at most; anything this large is not one and would only fill the disk.
    static constexpr qint64 MaxRecordingBytes = 50 * 1024 * 1024;

    // Recordings are fetched only from Twilio: the origin of `apiBase` (twilio.api_base) or an https
    // host under twilio.com. A RecordingUrl elsewhere is refused without a request, so a webhook can
    // never send our credentials, or our download, to a host it names. Credentials go only to the
    // origin (scheme, host and port) of the `url` given to download().
    RecordingDownloader(QNetworkAccessManager *network, QString accountSid, QByteArray authToken,
        QUrl apiBase, std::chrono::milliseconds timeout);

    // True for the origin of `apiBase` and for https hosts under twilio.com.
    static bool isTwilioOrigin(const QUrl &url, const QUrl &apiBase);

    // Fetches `url` (with ".mp3" appended when the URL path has no extension: Twilio's RecordingUrl)
    // and writes it to `targetPath` atomically (QSaveFile; the folder is created if missing). The folder
    // and the file are made readable by their owner alone.
    // Returns the number of bytes written, or a one-sentence error naming the URL (without any
    // credential) and the HTTP status or network error. Never leaves a partial file behind.
    // The returned task does not touch this downloader once started, so the downloader may go away
    // first; the QNetworkAccessManager must outlive the task.
    QCoro::Task<Result<qint64>> download(QUrl url, QString targetPath);

    // The URL actually requested first for a RecordingUrl (".mp3" appended when needed, any user info
    // dropped since credentials travel in the Authorization header only); for logs and tests.
    static QUrl mediaUrl(const QUrl &recordingUrl);

private:
    // Everything one download needs, copied out of the downloader so the task owns it.
    struct Job;

    QString configurationError(const QUrl &url, const QString &targetPath) const;
    static QCoro::Task<Result<qint64>> transfer(Job job);

    QPointer<QNetworkAccessManager> m_network;
    QString m_accountSid;
    QByteArray m_authToken;
    QUrl m_apiBase;
    std::chrono::milliseconds m_timeout;
};
