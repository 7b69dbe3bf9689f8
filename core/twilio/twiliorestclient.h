// Talks to Twilio's REST API: for set-up, the account's name, its phone numbers, and pointing a number at us;
// for live calls, sending a call elsewhere, hanging it up, and placing a new one.
#pragma once

#include "common/result.h"
#include "twilio/incomingnumber.h"
#include "twilio/numberwebhooks.h"
#include "twilio/outboundcall.h"
#include "twilio/studioflow.h"
#include "twilio/twiliocall.h"

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
class TwilioForm;

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

    // What Twilio knows of one call (GET …/Calls/{CallSid}.json).
    QCoro::Task<Result<TwilioCall>> fetchCall(QString callSid) const;

    // Live calls (POST …/Calls/{CallSid}.json), each answering the call as Twilio now has it. Twilio's
    // refusals come back as one sentence a receptionist can act on: "The call has already ended.",
    // "Twilio does not know this call.", a number it cannot call, a caller ID it will not show.
    // Sends the call to the TwiML at `url` (Twilio fetches it with POST), ending what it does now.
    QCoro::Task<Result<TwilioCall>> redirectCall(QString callSid, QUrl url) const;
    // Replaces what the call does with `twiml`, a whole <Response> document.
    QCoro::Task<Result<TwilioCall>> updateCallTwiml(QString callSid, QString twiml) const;
    // Ends the call (Status=completed), whoever is on it.
    QCoro::Task<Result<TwilioCall>> hangUpCall(QString callSid) const;
    // Places a call (POST …/Calls.json) whose status changes (initiated, ringing, answered, completed) go
    // to call.statusCallback; answers the new call's SID and status ("queued" at first).
    QCoro::Task<Result<TwilioCall>> createCall(OutboundCall call) const;
    // Twilio's limits: the TwiML given with a call, and how long a new call may ring.
    static constexpr int MaxTwimlLength = 4000;
    static constexpr int MaxRingSeconds = 600;

    // Studio flows (on Studio's host: studioBase()). A failure to reach Twilio at all is a result whose
    // unreachable() is true, for every request of this client.
    QCoro::Task<Result<QList<StudioFlow>>> listFlows() const;
    QCoro::Task<Result<StudioFlow>> fetchFlow(QString flowSid) const;
    // Creates a flow, published at once, from `definition` (Studio's flow definition JSON).
    QCoro::Task<Result<StudioFlow>> createFlow(QString friendlyName, QJsonObject definition, QString commitMessage) const;
    // Publishes a new revision of the flow.
    QCoro::Task<Result<StudioFlow>> updateFlow(QString flowSid, QJsonObject definition, QString commitMessage) const;
    // Studio's API lives on its own host beside the REST API's: https://api.twilio.com goes with
    // https://studio.twilio.com, and a regional api.<edge>.<region>.twilio.com with studio.<edge>.<region>.…;
    // any other base (a loopback fake) serves both.
    static QUrl studioBaseFor(const QUrl &apiBase);
    static StudioFlow flowFromJson(const QJsonObject &json);

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
    static QCoro::Task<Result<StudioFlow>> flow(Exchange exchange);
    static QCoro::Task<Result<TwilioCall>> call(Exchange exchange);
    static QCoro::Task<Result<TwilioCall>> controlCall(Exchange exchange, QString done);
    Exchange callUpdate(const QString &callSid, const TwilioForm &form) const;
    static QString twimlProblem(const QString &twiml);
    static QCoro::Task<Result<QList<StudioFlow>>> flowPages(Exchange first);
    Exchange studioExchange(QByteArray verb, QString pathAndQuery, QByteArray form = {}) const;
    static Result<QJsonObject> parseAnswer(QNetworkReply *reply, const Exchange &exchange);
    static QString networkError(QNetworkReply *reply);
    static bool isUnreachable(QNetworkReply *reply);
    static QString httpError(int status, const QByteArray &body, const Exchange &exchange);
    static QString callError(int status, int code, const Exchange &exchange);

    QPointer<QNetworkAccessManager> m_network;
    QUrl m_apiBase;
    QString m_accountSid;
    QString m_authSid;
    QByteArray m_secret;
    std::chrono::milliseconds m_timeout;
};
