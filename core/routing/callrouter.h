// Decides where each inbound call goes (booked callers to the AI agent, everyone else to a person)
// and keeps the call's session and timeline.
#pragma once

#include "callbackurls.h"
#include "callevent.h"
#include "settings/routersettings.h"
#include "storage/bookinglookup.h"
#include "storage/callrecords.h"
#include "storage/callstore.h"
#include "storage/groupcommit.h"
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
    // The router uses `db` and `network` on the thread it lives on; both must outlive it.
    CallRouter(Database &db, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~CallRouter() override;

    // TwiML for the incoming-call webhook. Never fails: every error path still reaches a person
    // or, when nobody can be reached, ends with the closing message.
    QCoro::Task<QByteArray> answerIncoming(CallEvent event, RouterSettings settings, CallbackUrls urls);
    // TwiML for the <Dial action> callback of the agent or fallback leg.
    QByteArray answerDialResult(const CallEvent &event, DialLeg leg, const RouterSettings &settings,
                                const CallbackUrls &urls);
    // The status callback: closes the session and fixes its outcome. Repeats and late events
    // never move a session backwards.
    void recordStatus(const CallEvent &event);

    static QString closingSentence();

    // Resolves when everything this router has written is committed; webhook answers wait for it.
    QCoro::Task<> stored();

Q_SIGNALS:
    void eventRecorded(const CallEventRecord &event);
    void sessionUpdated(const CallSessionRecord &session);

private:


    QCoro::Task<QByteArray> routeNewCall(CallSessionRecord session, RouterSettings settings, CallbackUrls urls);
    QCoro::Task<QByteArray> answerUnlessRepeat(CallSessionRecord session, TimelineBatch batch, QByteArray twiml,
                                               RouterSettings settings, CallbackUrls urls);
    QCoro::Task<QByteArray> answerRepeat(CallSessionRecord session, RouterSettings settings, CallbackUrls urls);
    QCoro::Task<QByteArray> handToAgent(CallSessionRecord session, CallerMatch match, RouterSettings settings,
                                        CallbackUrls urls);
    QByteArray ringFallbackOrClose(CallSessionRecord &session, TimelineBatch &batch, const RouterSettings &settings,
                                   const CallbackUrls &urls, const QString &why);
    QByteArray closeCall(CallSessionRecord &session, TimelineBatch &batch, CallOutcome outcome, const QString &why);
    QByteArray twimlForStage(const CallSessionRecord &session, const RouterSettings &settings,
                             const CallbackUrls &urls) const;
    QByteArray agentTwiml(const QString &agentCallId, const RouterSettings &settings, const CallbackUrls &urls) const;
    QByteArray fallbackTwiml(const RouterSettings &settings, const CallbackUrls &urls) const;
    static QByteArray closingTwiml();
    static QByteArray hangupTwiml();

    enum class PersistResult { Written, AlreadyExists, Failed };
    // Writes the session and the batch's events in one transaction and publishes them. A failure
    // is logged and does not change the answer: the caller must still reach someone.
    PersistResult persist(const CallSessionRecord &session, TimelineBatch &batch, bool create);

    Database &m_db;
    QNetworkAccessManager *m_network;
    CallStore m_calls;
    BookingLookup m_bookings;
    QHash<QString, std::shared_ptr<PendingAnswer>> m_pending;
    GroupCommit m_commit;
    // Published once their batch is committed, so the monitor never shows what was rolled back.
    QList<CallSessionRecord> m_unpublishedSessions;
    QList<CallEventRecord> m_unpublishedEvents;
};
