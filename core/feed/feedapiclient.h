// A seat's reads of another Switchboard's read-only API (DESIGN.md, "Live feed"): who this seat's token
// lets it be, a page of the call log, one call with its timeline, and the statistics of a range. The same
// address, token and pinned certificate as the seat's FeedClient; every answer comes back as a value or one
// sentence a person can act on.
#pragma once

#include "common/result.h"
#include "feedaddress.h"
#include "seatinfo.h"
#include "statsjson.h"
#include "storage/callrecords.h"
#include "storage/recordingrecord.h"

#include <QCoroTask>
#include <QJsonDocument>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <chrono>
#include <optional>

class QNetworkAccessManager;

class FeedApiClient : public QObject
{
    Q_OBJECT

public:
    // What the token lets this seat do (GET /api/seat).
    enum class Role
    {
        View, // watch only
        Control, // watch, and act on calls
    };

    // The calls of one page: the API's filters and where the page starts.
    struct CallQuery
    {
        QString caller; // a number (any written form) or part of a name
        std::optional<CallOutcome> outcome;
        QString before; // the SID of the last call of the previous page; empty for the first page
        int limit = 50;
    };

    struct CallPage
    {
        QList<CallListEntry> calls; // newest first
        // A full page: there may be more after it.
        bool mayHaveMore = false;
    };

    struct CallDetails
    {
        CallListEntry entry;
        QList<CallEventRecord> events; // oldest first
        // Their duration and transcription; the files stay on the other computer.
        QList<RecordingRecord> recordings;
    };

    // A busy day's page of 500 calls is about 150 KiB; anything far larger is not an answer of the API.
    static constexpr qint64 MaxAnswerBytes = 8 * 1024 * 1024;

    // `network` must outlive the requests; the client never deletes it.
    explicit FeedApiClient(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setAddress(const FeedAddress &address) { m_address = address; }
    // Sent as "Authorization: Bearer TOKEN": a token FeedClient::setToken() took, which checks it.
    void setToken(const QByteArray &token) { m_token = token; }
    void setPinnedCertificateDigest(const QByteArray &sha256) { m_pinnedDigest = sha256; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // The client may be destroyed while a task runs: the task still ends, with what the reply brought.
    QCoro::Task<Result<Role>> role();
    // What the token allows and, for a seat that may act, the staff and teams it can name.
    QCoro::Task<Result<SeatInfo>> seat();
    QCoro::Task<Result<CallPage>> calls(CallQuery query);
    QCoro::Task<Result<CallDetails>> call(QString callSid);
    // The figures of the calls that started in [since, until), of one called number or all (empty).
    QCoro::Task<Result<StatsJson::Answer>> stats(QDateTime since, QDateTime until, QString number);

private:
    // GETs /api`path` and reads its JSON; a failure is one sentence, naming `what` was being read.
    QCoro::Task<Result<QJsonDocument>> get(QString path, QUrlQuery query, QString what);

    QPointer<QNetworkAccessManager> m_network;
    FeedAddress m_address;
    QByteArray m_token;
    QByteArray m_pinnedDigest;
    std::chrono::milliseconds m_timeout { std::chrono::seconds(20) };
};
