// The routing engine's decisions for one webhook of a call: which action runs, what TwiML Twilio
// gets, which timeline events are written and how the call's state moves. It calls nobody and
// stores nothing, so the router and the simulator run the very same decisions.
#pragma once

#include "actionpath.h"
#include "callbackurls.h"
#include "callevent.h"
#include "callmove.h"
#include "callstate.h"
#include "dialchain.h"
#include "ruleevaluator.h"
#include "routingmodel.h"
#include "settings/routersettings.h"
#include "storage/callrecords.h"
#include "timelinebatch.h"
#include "twilio/twimlwriter.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSet>

#include <functional>

// What the decisions of one webhook may look at besides the call itself.
struct CallContext
{
    const RoutingModel &model;
    const RouterSettings &settings;
    const CallbackUrls &urls;
    QDateTime now;
    QSet<QString> busyStaff; // staff on another live call from this router
    // Who last took a call from this caller within `days`, for sticky teams; may be empty.
    std::function<QString(const QString &callerE164, int days)> stickyStaff;
    QRandomGenerator *random = QRandomGenerator::global();
};

class CallFlow
{
    Q_DECLARE_TR_FUNCTIONS(CallFlow)

public:
    // What the router must do with the answer: send it, or first register the call with the AI
    // agent and then finish it with agentRegistered() or agentFailed().
    enum class Next { Answer, RegisterAgent };

    // The flow changes `session`, `state` and `batch` in place; the router stores them.
    CallFlow(const CallContext &context, CallSessionRecord &session, CallState &state, TimelineBatch &batch);

    // The allow/block lists, before anything else: true when the caller was refused (and `out`
    // holds the <Reject/>). state.callerE164 must be set.
    bool screen(TwimlWriter &out);
    // A new call that passed screen() and whose caller was looked up (state's caller fields are
    // filled): the welcome message, then the first rule that matches.
    Next begin(TwimlWriter &out);
    // The action at `path`; `why` starts its first timeline entry (e.g. the rule that matched).
    Next run(const ActionPath &path, const QString &why, TwimlWriter &out);
    // The current action did not reach anyone: its `otherwise`, else the never-drop order.
    Next fallThrough(const QString &why, TwimlWriter &out);

    // What this flow decided on the way, for the simulator: the rule begin() matched, and every
    // dial chain it resolved.
    const std::optional<RuleMatch> &ruleMatch() const { return m_ruleMatch; }
    const QList<DialChainResult> &chains() const { return m_chains; }

    // After Next::RegisterAgent: the words that began the action, for the registration's entry.
    const QString &agentReason() const { return m_agentReason; }
    // The end of a registration that run() asked for; `why` is agentReason().
    void agentRegistered(const QString &agentCallId, const QString &why, TwimlWriter &out);
    Next agentFailed(const QString &error, const QString &why, TwimlWriter &out);

    // A seat moved the call (Twilio fetched our control webhook): voicemail, or a transfer whose
    // people ring even if they rang before; when they do not answer, the never-drop order follows.
    Next move(const CallMove &move, TwimlWriter &out);

    // The <Dial action> of each leg, the menu's <Gather action>, the voicemail's <Record action>.
    Next dialResult(const CallEvent &event, DialLeg leg, TwimlWriter &out);
    Next menuKey(const CallEvent &event, TwimlWriter &out);
    void recorded(const CallEvent &event, TwimlWriter &out);

    // The callee's leg: the "press 1" prompt when they pick up, and their key. The TwiML is for
    // the callee; an empty document bridges them to the caller, <Hangup/> refuses.
    // `moved` is what the leg's URL says of the seats' moves (CallbackUrls::movesIn).
    void confirmPrompt(const QString &staffId, int attempt, int moved, TwimlWriter &out);
    void confirmKey(const QString &staffId, int attempt, int moved, const QString &digits, TwimlWriter &out);
    // Twilio's word that a leg without screening answered (the AI agent, the fallback number, a person
    // who need not press 1): the caller is talking with them until that <Dial>'s action comes.
    // `staffId` names who of a round answered; empty for a plain number.
    void legAnswered(DialLeg leg, const QString &staffId, int moved);

    // The answer for the stage the call is in, for a webhook Twilio repeated.
    void repeat(TwimlWriter &out) const;

    static QString closingSentence();
    static QString closingLanguage();
    // What is said before a voicemail when the plan has no greeting of its own.
    static QString voicemailPrompt();

private:
    Next runAction(const ActionPath &path, const Action &action, const QString &why, TwimlWriter &out);
    Next runAgent(const QString &why, TwimlWriter &out);
    Next runPeople(const Team &team, const QString &who, const QString &why, TwimlWriter &out);
    Next runNumber(const Action &action, const QString &why, TwimlWriter &out);
    void runMenu(const Action &action, const QString &why, TwimlWriter &out);
    void promptMenu(const Action &action, TwimlWriter &out) const;
    void runVoicemail(const Message &greeting, const QString &why, TwimlWriter &out);
    void runMessage(const Message &message, const QString &why, TwimlWriter &out);
    void runReject(const QString &why, TwimlWriter &out);
    // The never-drop order once no `otherwise` is left: the fallback number (if it has not rung),
    // voicemail (when on for no answer), the closing message.
    Next neverDrop(const QString &why, TwimlWriter &out);
    void ringFallback(int ringSeconds, const QString &why, TwimlWriter &out);
    void ringRound(int round, const QString &why, TwimlWriter &out);
    void close(const QString &why, TwimlWriter &out);

    Next agentResult(const CallEvent &event, TwimlWriter &out);
    Next fallbackResult(const CallEvent &event, TwimlWriter &out);
    Next targetResult(const CallEvent &event, TwimlWriter &out);

    // Where the registered AI agent call is dialled: sip:{call_id}@{retell.sip_domain};transport=tcp.
    QString agentSipUri(const QString &agentCallId) const;
    void writeAgentDial(TwimlWriter &out) const;
    void writeFallbackDial(TwimlWriter &out) const;
    void writeRoundDial(TwimlWriter &out) const;
    // Whether this person of a round must press 1 to be connected.
    bool isScreened(const DialTarget &target) const;
    void writeConfirmGather(const QString &staffId, int attempt, TwimlWriter &out) const;
    static QString prefixed(const QString &why, const QString &sentence);
    static QString dialStatusText(const CallEvent &event);
    static Step resultStep(DialLeg leg);
    // The stage of a call while a leg of this kind rings, and once it took the call.
    static CallStage diallingStage(DialLeg leg);
    static CallStage connectedStage(DialLeg leg);
    QString roundNames() const;
    // A URL of the line about to ring, naming how often the call was moved.
    QUrl stamped(const QUrl &url) const { return CallbackUrls::stampMoves(url, m_state.moves); }
    void appendRoute(const QString &route);

    const CallContext &m_context;
    CallSessionRecord &m_session;
    CallState &m_state;
    TimelineBatch &m_batch;
    QString m_agentReason;
    int m_actionsRun = 0;
    bool m_firstAnswer; // nothing was answered in this call yet: <Reject/> is still possible
    std::optional<RuleMatch> m_ruleMatch;
    QList<DialChainResult> m_chains;
};
