// The routing model a business shapes its calls with: staff, schedules, teams, caller lists,
// messages and the rules of each routed number. Plain values, filled from the plan document.
#pragma once

#include "phone/callerlist.h"
#include "schedule.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <QUrl>

#include <memory>
#include <optional>

// What the caller hears: text read by Twilio's voice, or an audio file played.
struct Message
{
    QString say;
    QString voice;    // empty: Twilio's default voice
    QString language; // empty: Twilio's default language
    QUrl play;

    bool isEmpty() const { return say.isEmpty() && play.isEmpty(); }
    bool operator==(const Message &other) const = default;
};

struct StaffMember
{
    QString id;
    QString name;
    QString phone; // E.164
    bool active = true;
    QString schedule;        // empty: always on call
    QStringList ownsNumbers; // E.164 numbers this person answers for ("ring the number's owner")
    bool operator==(const StaffMember &other) const = default;
};

enum class RingMode { OneByOne, AllAtOnce };

struct Team
{
    QString id;
    QString name;
    QList<QStringList> tiers; // staff ids, tier by tier
    RingMode ring = RingMode::OneByOne;
    int maxPeople = 3;
    int ringSeconds = 20;
    bool skipDialed = true;
    int stickyDays = 0; // 0: no sticky routing
    bool operator==(const Team &other) const = default;
};

// Every part must hold for the rule to match; an empty condition always holds.
struct Condition
{
    std::optional<bool> hasBooking;
    QString callerIn;    // a list name
    QString callerNotIn; // a list name
    QString inside;      // a schedule id
    QString outside;     // a schedule id
    QStringList called;  // E.164 numbers the call was made to

    bool operator==(const Condition &other) const = default;
};

enum class ActionKind {
    AiAgent,
    Team,
    Staff,
    Number,
    AssignedStaff,
    NumberOwner,
    Menu,
    Voicemail,
    Message,
    Reject,
};

struct Action;

struct MenuOption
{
    QChar digit;
    std::shared_ptr<const Action> action;
};

struct Action
{
    ActionKind kind = ActionKind::Reject;
    QString team;                   // Team
    QString staff;                  // Staff
    QString number;                 // Number, E.164
    std::optional<int> ringSeconds; // Number, Staff, AssignedStaff, NumberOwner
    Message message;                // Message: what is said; Menu: the prompt; Voicemail: the greeting
    int timeoutSeconds = 5;         // Menu: how long to wait for a key
    int attempts = 3;               // Menu: prompts before `otherwise`
    QList<MenuOption> options;      // Menu, in key order
    std::shared_ptr<const Action> otherwise; // when nobody connects, it fails, or no key is pressed

    // Whether the action tries to reach someone, so that `otherwise` means something for it.
    bool reachesSomeone() const;
    bool operator==(const Action &other) const;
};

struct Rule
{
    QString name;
    Condition when;
    Action then;
    bool operator==(const Rule &other) const = default;
};

struct RoutingPlan
{
    QStringList numbers; // E.164 numbers, or "default" for every number no other plan names
    QList<Rule> rules;   // first match wins
    bool operator==(const RoutingPlan &other) const = default;
};

struct RoutingMessages
{
    Message welcome;
    Message closing;
    Message voicemailGreeting;
    Message acceptPrompt;
    bool operator==(const RoutingMessages &other) const = default;
};

struct AcceptOptions
{
    bool required = true;
    int attempts = 2;
    int timeoutSeconds = 5;
    bool operator==(const AcceptOptions &other) const = default;
};

struct VoicemailOptions
{
    bool onNoAnswer = false;
    int maxSeconds = 120;
    bool transcribe = false;
    bool operator==(const VoicemailOptions &other) const = default;
};

struct RoutingModel
{
    static constexpr int DocumentVersion = 1;
    static inline const QString DefaultPlanNumber = QStringLiteral("default");

    QTimeZone timeZone;
    QList<StaffMember> staff;
    QList<Schedule> schedules;
    QList<Team> teams;
    QMap<QString, CallerList> lists;
    CallerList allow; // empty: everyone may call
    CallerList block; // wins over allow
    RoutingMessages messages;
    AcceptOptions accept;
    VoicemailOptions voicemail;
    QList<RoutingPlan> plans;

    const StaffMember *findStaff(const QString &id) const;
    const Schedule *findSchedule(const QString &id) const;
    // The schedule's name as people read it; the id itself when there is no such schedule.
    QString scheduleName(const QString &id) const;
    const Team *findTeam(const QString &id) const;
    // The plan for a called number: the one naming it, else the default plan; nullptr when neither.
    const RoutingPlan *planFor(const QString &calledE164) const;
};
