// The live feed's messages (DESIGN.md, "Live feed"): what the router sends its subscribers and what a
// seat may send back, written and read in this one place so that the router, the desktop app's own Live
// calls panel, a remote seat and `switchboard monitor` read every message the same way.
#pragma once

#include "storage/callrecords.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// Someone a call rings or talks to: a staff member (with their id) or a bare number.
struct FeedParty
{
    QString staffId; // empty for a number that is nobody of the staff
    QString name;    // empty when unknown
    QString phone;   // E.164; empty when unknown
    bool operator==(const FeedParty &other) const = default;
};

// A call as the feed shows it: the `calls --json` fields with the router's stage, who is being rung
// (`ringing`) and who the caller is with.
struct FeedSession
{
    CallListEntry call; // call.session.stage is the router's own stage (finer than the contract's)
    QList<FeedParty> ringing;
    std::optional<FeedParty> with;
    // The fallback number took the call (or rings): "talking with the fallback number".
    bool withFallback = false;

    // The contract's `stage`: ringing, talking, ai_agent, menu, voicemail, closing, starting or ended.
    QString stageName() const;
};

// What a seat asks the router to do with a call (only with the control token).
struct FeedCommand
{
    enum class Action { Hangup, Voicemail, Transfer, CallBack };
    enum class TargetKind { None, Staff, Team, Number };

    QString id;      // echoed in the result
    Action action = Action::Hangup;
    QString callSid;
    TargetKind targetKind = TargetKind::None;
    QString target;  // staff id, team id or E.164 number
    QString seat;    // who asks, as the seat names itself; lands on the call's timeline
    // call_back: the customer's number (E.164) when no call names them (`callSid` empty): a customer called
    // back from the customers panel rather than from one of their calls.
    QString number;

    // Call back the caller of `callSid` (or, with no call, `number`), ringing first the staff member with id
    // `staffId`, or the number `deskPhone` when `staffId` is empty.
    static FeedCommand callBack(QString id, QString callSid, QString number, QString staffId, QString deskPhone,
                                QString seat);

    static QString actionName(Action action);
    static std::optional<Action> actionFromName(QStringView name);
};

struct FeedMessage
{
    enum class Type { Snapshot, Session, Event, Result, Command };

    static constexpr int Version = 1;

    Type type = Type::Session;
    qint64 seq = 0; // not on results and commands
    QList<FeedSession> calls;   // Snapshot
    FeedSession session;        // Session
    CallEventRecord event;      // Event (event.callSid is the call's)
    QString resultId;           // Result
    bool ok = false;            // Result
    QString error;              // Result: a plain sentence when !ok
    FeedCommand command;        // Command

    static FeedMessage snapshot(qint64 seq, QList<FeedSession> calls);
    static FeedMessage sessionChanged(qint64 seq, FeedSession session);
    static FeedMessage eventRecorded(qint64 seq, CallEventRecord event);
    static FeedMessage result(QString id, bool ok, QString error = {});
    static FeedMessage commandMessage(FeedCommand command);

    QJsonObject toJsonObject() const;
    // One compact JSON text, as sent in a text frame.
    QByteArray toJson() const;
    // Reads a text frame; nothing, with `error` saying what is wrong, for anything that is not a message
    // of this version of the contract.
    static std::optional<FeedMessage> parse(QByteArrayView text, QString *error = nullptr);
    // The "id" of a message parse() refused, when it has a readable one: its sender still gets an answer.
    static QString idOf(QByteArrayView json);
};

namespace FeedJson {
QJsonObject party(const FeedParty &party);
QJsonObject session(const FeedSession &session);
std::optional<FeedSession> readSession(const QJsonObject &object);
} // namespace FeedJson
