// Call-backs: the business calls a customer back. The staff member's own phone (or a desk phone) rings
// first, on a call placed through Twilio's REST API; when they answer and press 1, the customer is dialled
// with the business number as caller ID. The call is an outgoing session with a timeline of its own, kept
// by the router like any other call; one that reaches the customer takes their earlier missed calls off the
// "To call back" list (the database's triggers see to that).
#pragma once

#include "callbackurls.h"
#include "callevent.h"
#include "common/result.h"
#include "dialchain.h"
#include "settings/routersettings.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

class CallRouter;

// What a seat asks: whom to call back and whose phone rings first.
struct CallBackRequest
{
    QString callSid;   // the call whose caller is called back; empty when `number` names them
    QString number;    // the customer's number, when no call names them
    QString staffId;   // the staff member whose own phone rings first, or
    QString deskPhone; // a plain number that rings first (a seat's desk phone), when `staffId` is empty
    QString seat;      // who asks, as the seat names itself; lands on the timelines
};

// A call-back that can be placed: everything checked and looked up.
struct CallBackPlan
{
    QString customer;                 // E.164
    QString customerName;             // empty when nobody is saved with the number
    std::optional<qint64> customerId;
    QString businessNumber;           // the caller ID, one of the business's numbers
    DialTarget first;                 // who rings first
    QString originalCallSid;          // the call returned; empty for a customer called by number
    QString seat;                     // as it reads on the timeline
};

// Which of a call-back's webhooks arrived (CallbackUrls::callBack).
struct CallBackWebhook
{
    enum class Step { Answer, Key, Result };
    Step step = Step::Answer;
    int attempt = 1;

    static QString stepName(Step step);
    static std::optional<Step> stepNamed(QStringView name);
};

class CallBacks
{
    Q_DECLARE_TR_FUNCTIONS(CallBacks)

public:
    // How long the first phone and then the customer's ring.
    static constexpr int RingSeconds = 30;
    // How often the person who picks up is asked to press 1.
    static constexpr int PromptAttempts = 2;

    explicit CallBacks(CallRouter &router);

    // Checks and looks up what a seat asked for; a plain sentence when it cannot be done: a withheld or
    // unusable number, a call not known here, no business number to call from, an unknown staff member or
    // one without a phone.
    Result<CallBackPlan> plan(const CallBackRequest &request, const RouterSettings &settings);
    // Twilio placed the call `callSid`: its outgoing session starts, ringing the first phone, and the call
    // returned says who called back.
    void placed(const CallBackPlan &plan, const QString &callSid);
    // Twilio refused to place it: the call returned says so, in Twilio's words.
    void failed(const CallBackPlan &plan, const QString &error);
    // TwiML for the call-back's webhooks: the prompt when the first phone answers, their key (1 dials the
    // customer), and the customer's <Dial action>.
    QByteArray answer(const CallEvent &event, const CallBackWebhook &webhook, const CallbackUrls &urls);

    // "Jane Doe (+15551234567)", or the number alone.
    static QString named(const QString &name, const QString &number);

private:
    CallRouter &m_router;
};
