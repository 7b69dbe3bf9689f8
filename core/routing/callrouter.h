// Keeps each inbound call's session and timeline and runs the routing engine (CallFlow) on its
// webhooks: the rules of the routing plan, the AI agent, dial chains, menus and voicemail.
#pragma once

#include "callbackurls.h"
#include "callevent.h"
#include "callflow.h"
#include "callstate.h"
#include "routingmodel.h"
#include "sessioncache.h"
#include "settings/routersettings.h"
#include "storage/bookinglookup.h"
#include "storage/calllogwriter.h"
#include "storage/callrecords.h"
#include "storage/callstore.h"
#include "storage/recordingstore.h"
#include "storedcallsids.h"
#include "storage/calllognames.h"
#include "timelinebatch.h"
#include "twilio/twiliocall.h"

#include <QCoroTask>
#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QRandomGenerator>

#include <memory>

class Database;
class HttpClient;
class QNetworkAccessManager;
class PendingAnswer;

// Which screening webhook of a callee's leg arrived: the prompt when they pick up, or their key.
struct ConfirmRequest
{
    QString callSid; // the caller's call
    QString staffId;
    int attempt = 1;
    bool key = false;
    QString digits; // with `key`: what they pressed
    int moved = 0;  // how often a seat had moved the call when this leg rang (CallbackUrls::movesIn)
};

// A dialled leg's status callback: the caller's call, which <Dial> it is and who of the round.
struct LegStatusRequest
{
    QString callSid; // the caller's call
    DialLeg leg = DialLeg::Target;
    QString staffId; // empty for the AI agent, the fallback number or a plain number
    QString status; // the leg's CallStatus: "in-progress" once it answered
    int moved = 0;  // how often a seat had moved the call when this leg rang (CallbackUrls::movesIn)
};

class CallRouter : public QObject
{
    Q_OBJECT

public:
    // The router reads through `db` and writes the call log through `log`, on the thread it lives
    // on; they and `network` (for recordings) must outlive it. Retell is reached through the router's
    // own keep-alive client.
    CallRouter(Database &db, CallLogWriter &log, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~CallRouter() override;

    // TwiML for the incoming-call webhook. Never fails: every error path still reaches a person
    // or, when nobody can be reached, ends with the closing message.
    QCoro::Task<QByteArray> answerIncoming(CallEvent event, RouterSettings settings, CallbackUrls urls);
    // TwiML for the <Dial action> callback of the agent, the fallback number or a round of people.
    QCoro::Task<QByteArray> answerDialResult(CallEvent event, DialLeg leg, RouterSettings settings, CallbackUrls urls);
    // TwiML for the menu's <Gather action>.
    QCoro::Task<QByteArray> answerMenu(CallEvent event, RouterSettings settings, CallbackUrls urls);
    // TwiML for the callee's leg: the "press 1" prompt and their key.
    QByteArray answerConfirm(const ConfirmRequest &request, const RouterSettings &settings, const CallbackUrls &urls);
    // A dialled leg's status callback: a leg that answered without screening is talking with the caller.
    void recordLegStatus(
        const LegStatusRequest &request, const RouterSettings &settings, const CallbackUrls &urls);
    // TwiML for our control webhook, which Twilio fetches once a seat moved the call (voicemail, transfer).
    QByteArray answerControl(
        const CallEvent &event, const CallMove &move, const RouterSettings &settings, const CallbackUrls &urls);
    // Whom a seat's move sends the call to, as a sentence names them ("Dr. Patel", "team Front desk");
    // empty with `problem` set when the call cannot go there (a staff member or team the routing plan
    // does not have, a number not written in international form).
    QString moveTarget(const CallMove &move, const RouterSettings &settings, QString *problem);
    // TwiML for the voicemail's <Record action>.
    QByteArray answerRecorded(const CallEvent &event, const RouterSettings &settings, const CallbackUrls &urls);
    // Twilio's recordingStatusCallback: the voicemail is saved with the call and, once Twilio has
    // the file, downloaded into the recordings folder (in the background; the answer does not wait).
    void recordRecording(const CallEvent &event, const RouterSettings &settings);
    // Twilio's transcribeCallback: the text is saved with the recording.
    void recordTranscription(const CallEvent &event);
    // Takes up the calls whose log the journal held at start (answered just before the last stop
    // and not yet in the database), so that their next webhooks find them.
    void resume(const QList<JournalRecord> &replayed);
    // Where voicemail recordings are downloaded; `dataDir` is the folder the call log's file names
    // are relative to. Without it, recordings are saved as links only.
    void setDataFolder(const QString &dataDir) { m_dataDir = dataDir; }

    // What a seat did to a live call (hung it up, say), on its timeline as a command we sent.
    void recordControl(const QString &callSid, Step step, EventResult result, const QString &detail)
    {
        appendEvent(callSid, step, EventAction::CommandSent, result, detail);
    }

    // The status callback: closes the session and fixes its outcome. Repeats and late events
    // never move a session backwards.
    void recordStatus(const CallEvent &event);

    // Twilio ends a call after four hours at the latest (a call's default time limit), so a call still
    // open in the log after that missed its status callback: this computer was off, asleep or cut off
    // when it came. Closes up to `atMost` such calls, oldest first, with the outcome their last known
    // stage gives and an event that says so; returns how many it closed. Cheap when there are none.
    static constexpr std::chrono::hours LongestCall { 4 };
    int closeCallsNeverReportedEnded(int atMost);
    // The calls still open in the log that started at or after `since`, oldest first, at most `atMost`: after
    // a stop, the ones whose end Twilio may have reported while nobody was listening.
    QStringList openCallsStartedSince(const QDateTime &since, int atMost);
    // Closes an open call as Twilio's own record of it (the Calls resource) says it ended, with an event
    // that says where that came from; false when the call is not open here or has not ended at Twilio.
    bool closeAsTwilioReports(const TwilioCall &call);
    // Everything this router has written is in the database, not only safe in the journal.
    bool logInDatabase() const { return m_log.isCaughtUp(); }

    static QString closingSentence();
    // The language of closingSentence(), so that a translated sentence is not read by an English voice.
    static QString closingLanguage();

    // Resolves when everything this router has written is safe (in the journal or the database);
    // webhook answers wait for it, so that nothing is answered before it is stored. The database
    // itself may still be behind: see logInDatabase().
    QCoro::Task<> stored(QDeadlineTimer latest = QDeadlineTimer(QDeadlineTimer::Forever));

    // What Twilio is told when no better answer can be given in time: the fallback number (unless
    // it has just rung), else the closing message. Never fails and needs nothing stored.
    static QByteArray neverDropAnswer(
        const RouterSettings &settings, const CallbackUrls &urls, bool fallbackRang);

    // Staff on a live call from this router (ringing for one, or talking), but for `exceptCallSid`.
    QSet<QString> busyStaff(const QString &exceptCallSid = {}) const;
    // How a call ended, in the words of the timeline's last sentence: "the AI agent took it".
    static QString howItEnded(CallOutcome outcome);

    // For call-backs (CallBacks), whose outgoing calls this router keeps like any other: a session as this
    // router last left it, storing one with its new events, the routing model in force, the customer saved
    // with a number, and the business number a caller last called.
    std::optional<CallSessionRecord> session(const QString &callSid) { return findSession(callSid); }
    void store(const CallSessionRecord &session, TimelineBatch &batch, bool create) { persist(session, batch, create); }
    const RoutingModel &routingModel(const RouterSettings &settings) { return model(settings); }
    std::optional<CallerMatch> findCustomer(const QString &e164);
    QString lastNumberCalledBy(const QString &caller) { return m_calls.lastNumberCalledBy(caller); }

Q_SIGNALS:
    // Once committed to the database (for whoever reads the database next: the call log panels).
    void eventRecorded(const CallEventRecord &event);
    void sessionUpdated(const CallSessionRecord &session);
    // As soon as a change is in the call-log journal, where no crash can lose it: for the live feed,
    // which must not wait for the next commit. Listeners on the router's thread should connect queued,
    // so that the webhook is answered first.
    void changeJournaled(const CallLogChange &change);

private:
    // One webhook's work on a call: the session and state as they now stand, the events to add,
    // the answer so far.
    struct Turn
    {
        CallSessionRecord session;
        CallState state;
        TimelineBatch batch;
        TwimlWriter out;
        CallFlow::Next next = CallFlow::Next::Answer;
        QString agentReason;
        bool create = false;
        std::optional<CallerMatch> caller; // when already looked up in this turn
    };

    QCoro::Task<QByteArray> routeNewCall(CallSessionRecord session, RouterSettings settings, CallbackUrls urls);
    QCoro::Task<QByteArray> answerRepeat(CallSessionRecord session, RouterSettings settings, CallbackUrls urls);
    // Stores the turn and answers it, registering with the AI agent first when the flow asked.
    QCoro::Task<QByteArray> finish(Turn turn, RouterSettings settings, CallbackUrls urls);
    QCoro::Task<QByteArray> registerAgent(Turn turn, RouterSettings settings, CallbackUrls urls);
    // The caller, looked up by the number in the call's state.
    void lookUpCaller(Turn &turn, std::optional<CallerMatch> *match);

    const RoutingModel &model(const RouterSettings &settings);
    CallContext context(const RouterSettings &settings, const CallbackUrls &urls, const QString &callSid);

    // The session as this router last left it: from memory while the call is in progress (or its
    // change not yet committed), else from the database.
    std::optional<CallSessionRecord> findSession(const QString &callSid);
    // A session for a callback of a call this router has no record of.
    static CallSessionRecord unknownSession(const CallEvent &event);
    // Queues the session and the batch's events to be written together. A failure to store is
    // logged and does not change the answer: the caller must still reach someone.
    void persist(const CallSessionRecord &session, TimelineBatch &batch, bool create);
    // The outcome of a call that ended still "ongoing", from how far it got.
    static CallOutcome outcomeAtEnd(const CallSessionRecord &session, const QString &finalStatus);
    void onWritten(const QList<CallLogChange> &changes, quint64 upTo);
    QCoro::Task<> downloadRecording(RecordingRecord recording, RouterSettings settings);
    // Adds one event to a call's timeline (a session found from memory or the database).
    void appendEvent(const QString &callSid, Step step, EventAction action, EventResult result, const QString &detail);

    Database &m_db;
    CallLogWriter &m_log;
    QNetworkAccessManager *m_network;
    // Keeps the connection to Retell open between calls.
    HttpClient *m_http;
    CallStore m_calls;
    BookingLookup m_bookings;
    RecordingStore m_recordings;
    QString m_dataDir;
    QHash<QString, std::shared_ptr<PendingAnswer>> m_pending;
    SessionCache m_sessions;
    // Spares a new call's first webhook the query for a stored session it cannot have.
    StoredCallSids m_stored { m_calls };
    // Staff each live call keeps busy (ringing or talking), by CallSid.
    QHash<QString, QStringList> m_occupied;
    RoutingModel m_model;
    qint64 m_modelRevision = -2;
    QString m_modelFallback;
    QRandomGenerator m_random;
};
