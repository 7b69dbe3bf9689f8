// Decides where each inbound call goes (booked callers to the AI agent, everyone else to a person)
// and keeps the call's session and timeline.
#pragma once

#include "callbackurls.h"
#include "callevent.h"
#include "sessioncache.h"
#include "settings/routersettings.h"
#include "storage/bookinglookup.h"
#include "storage/calllogwriter.h"
#include "storage/callrecords.h"
#include "storage/callstore.h"
#include "timeline.h"
#include "timelinebatch.h"

#include <QCoroTask>
#include <QHash>
#include <QObject>

#include <memory>

class Database;
class QNetworkAccessManager;
class PendingAnswer;

class CallRouter : public QObject
{
    Q_OBJECT

public:
    // The router reads through `db` and writes the call log through `log`, on the thread it lives
    // on; they and `network` must outlive it.
    CallRouter(Database &db, CallLogWriter &log, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~CallRouter() override;

    // TwiML for the incoming-call webhook. Never fails: every error path still reaches a person
    // or, when nobody can be reached, ends with the closing message.
    QCoro::Task<QByteArray> answerIncoming(CallEvent event, RouterSettings settings, CallbackUrls urls);
    // TwiML for the <Dial action> callback of the agent or fallback leg.
    QByteArray answerDialResult(
        const CallEvent &event, DialLeg leg, const RouterSettings &settings, const CallbackUrls &urls);
    // The status callback: closes the session and fixes its outcome. Repeats and late events
    // never move a session backwards.
    void recordStatus(const CallEvent &event);

    static QString closingSentence();
    // The language of closingSentence(), so that a translated sentence is not read by an English voice.
    static QString closingLanguage();

    // Resolves when everything this router has written is committed; webhook answers wait for it,
    // so that nothing is answered before it is stored.
    QCoro::Task<> stored();

Q_SIGNALS:
    void eventRecorded(const CallEventRecord &event);
    void sessionUpdated(const CallSessionRecord &session);

private:
    QCoro::Task<QByteArray> routeNewCall(
        CallSessionRecord session, RouterSettings settings, CallbackUrls urls);
    QCoro::Task<QByteArray> answerRepeat(
        CallSessionRecord session, RouterSettings settings, CallbackUrls urls);
    QCoro::Task<QByteArray> handToAgent(
        CallSessionRecord session, CallerMatch match, RouterSettings settings, CallbackUrls urls);
    QByteArray ringFallbackOrClose(CallSessionRecord &session, TimelineBatch &batch,
        const RouterSettings &settings, const CallbackUrls &urls, const QString &why);
    QByteArray closeCall(
        CallSessionRecord &session, TimelineBatch &batch, CallOutcome outcome, const QString &why);
    QByteArray twimlForStage(
        const CallSessionRecord &session, const RouterSettings &settings, const CallbackUrls &urls) const;
    QByteArray agentTwiml(
        const QString &agentCallId, const RouterSettings &settings, const CallbackUrls &urls) const;
    QByteArray fallbackTwiml(const RouterSettings &settings, const CallbackUrls &urls) const;
    static QByteArray closingTwiml();
    static QByteArray hangupTwiml();

    // The session as this router last left it: from memory while the call is in progress (or its
    // change not yet committed), else from the database.
    std::optional<CallSessionRecord> findSession(const QString &callSid);
    // Queues the session and the batch's events to be written together. A failure to store is
    // logged and does not change the answer: the caller must still reach someone.
    void persist(const CallSessionRecord &session, TimelineBatch &batch, bool create);
    void onWritten(const QList<CallLogChange> &changes, quint64 upTo);

    CallLogWriter &m_log;
    QNetworkAccessManager *m_network;
    CallStore m_calls;
    BookingLookup m_bookings;
    QHash<QString, std::shared_ptr<PendingAnswer>> m_pending;
    SessionCache m_sessions;
};
