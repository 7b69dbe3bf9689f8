#include "feedmessage.h"

#include "calljson.h"
#include "storage/calllognames.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

std::optional<FeedParty> readParty(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    return FeedParty { object.value(u"staff"_s).toString(), object.value(u"name"_s).toString(),
                       object.value(u"phone"_s).toString() };
}

QString typeName(FeedMessage::Type type)
{
    switch (type) {
    case FeedMessage::Type::Snapshot: return u"snapshot"_s;
    case FeedMessage::Type::Session: return u"session"_s;
    case FeedMessage::Type::Event: return u"event"_s;
    case FeedMessage::Type::Result: return u"result"_s;
    case FeedMessage::Type::Command: return u"command"_s;
    }
    return {};
}

std::optional<FeedMessage::Type> typeFromName(QStringView name)
{
    for (FeedMessage::Type type : { FeedMessage::Type::Snapshot, FeedMessage::Type::Session, FeedMessage::Type::Event,
                                    FeedMessage::Type::Result, FeedMessage::Type::Command }) {
        if (typeName(type) == name)
            return type;
    }
    return std::nullopt;
}

QString targetKindName(FeedCommand::TargetKind kind)
{
    switch (kind) {
    case FeedCommand::TargetKind::None: return {};
    case FeedCommand::TargetKind::Staff: return u"staff"_s;
    case FeedCommand::TargetKind::Team: return u"team"_s;
    case FeedCommand::TargetKind::Number: return u"number"_s;
    }
    return {};
}

bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

// The reasons a message is refused reach people (a seat's status line, a refused command's result).
// lupdate finds tr() only on a class.
struct FeedMessageReasons
{
    Q_DECLARE_TR_FUNCTIONS(FeedMessageReasons)
};

bool isE164(const QString &number)
{
    static const QRegularExpression e164(u"^\\+[1-9][0-9]{1,14}$"_s);
    return e164.match(number).hasMatch();
}

// The contract's stage, for a router that sends only the contract's fields (no `router_stage`): the
// router stage it stands for, so that stageName() reads the same word back.
CallStage stageOfContractName(QStringView name, const CallListEntry &call)
{
    if (name == u"ringing")
        return CallStage::Ringing;
    if (name == u"talking")
        return CallStage::Answered;
    if (name == u"ai_agent")
        return CallStage::Agent;
    if (name == u"menu")
        return CallStage::Menu;
    if (name == u"voicemail")
        return CallStage::Voicemail;
    if (name == u"closing")
        return CallStage::Closing;
    // An ended call normally carries its end time; without one it ended before it was routed.
    if (name == u"ended" && !call.session.endedAt.isValid())
        return call.session.outcome == CallOutcome::Blocked ? CallStage::Blocked : CallStage::Failed;
    return CallStage::None;
}

// `to` names exactly one of staff, team or number, and a number is E.164.
bool readTarget(const QJsonValue &to, FeedCommand *command, QString *error)
{
    const QString shape = FeedMessageReasons::tr("\"to\" must be {\"staff\": ID}, {\"team\": ID} or {\"number\": E164}");
    if (!to.isObject() || to.toObject().size() != 1)
        return fail(error, shape);
    const QJsonObject target = to.toObject();
    for (FeedCommand::TargetKind kind :
         { FeedCommand::TargetKind::Staff, FeedCommand::TargetKind::Team, FeedCommand::TargetKind::Number }) {
        const QJsonValue value = target.value(targetKindName(kind));
        if (value.isUndefined())
            continue;
        if (!value.isString() || value.toString().isEmpty())
            return fail(error, shape);
        if (kind == FeedCommand::TargetKind::Number && !isE164(value.toString()))
            return fail(error, FeedMessageReasons::tr("\"to\": \"%1\" is not an E.164 number (+ and up to 15 digits)")
                                   .arg(value.toString()));
        command->targetKind = kind;
        command->target = value.toString();
        return true;
    }
    return fail(error, shape);
}

// A call-back names whom it calls (the caller of `call_sid`, or `number`) and whose phone rings first (`to`:
// a staff member or a number; a team cannot pick up as one person).
bool readCallBack(const QJsonObject &object, FeedCommand *command, QString *error)
{
    const QJsonValue number = object.value(u"number"_s);
    if (!number.isUndefined() && !number.isNull()) {
        if (!number.isString() || !isE164(number.toString()))
            return fail(error, FeedMessageReasons::tr("\"number\": \"%1\" is not an E.164 number (+ and up to 15 digits)")
                                   .arg(number.toVariant().toString()));
        command->number = number.toString();
    }
    if (command->callSid.isEmpty() == command->number.isEmpty())
        return fail(error, FeedMessageReasons::tr("a call-back needs either the \"call_sid\" of the call to return or the \"number\" to call"));
    const QJsonValue to = object.value(u"to"_s);
    if (to.isUndefined() || to.isNull())
        return fail(error, FeedMessageReasons::tr("a call-back needs \"to\": whose phone rings first"));
    if (!readTarget(to, command, error))
        return false;
    if (command->targetKind == FeedCommand::TargetKind::Team)
        return fail(error, FeedMessageReasons::tr("a call-back rings one phone first: \"to\" must be {\"staff\": ID} or {\"number\": E164}"));
    return true;
}

bool readCommand(const QJsonObject &object, FeedCommand *command, QString *error)
{
    // The result echoes the id: without one a seat could not tell which of its commands was answered.
    const QJsonValue id = object.value(u"id"_s);
    command->id = id.isString() || id.isDouble() ? id.toVariant().toString() : QString();
    if (command->id.isEmpty())
        return fail(error, FeedMessageReasons::tr("a command needs an \"id\""));
    const std::optional<FeedCommand::Action> action = FeedCommand::actionFromName(object.value(u"action"_s).toString());
    if (!action)
        return fail(error, FeedMessageReasons::tr("\"action\" must be hangup, voicemail, transfer or call_back"));
    command->action = *action;
    command->callSid = object.value(u"call_sid"_s).toString();
    command->seat = object.value(u"seat"_s).toString();
    if (command->action == FeedCommand::Action::CallBack)
        return readCallBack(object, command, error);
    if (command->callSid.isEmpty())
        return fail(error, FeedMessageReasons::tr("a command needs the \"call_sid\" of its call"));
    const QJsonValue to = object.value(u"to"_s);
    if (!to.isUndefined() && !to.isNull())
        return readTarget(to, command, error);
    if (command->action == FeedCommand::Action::Transfer)
        return fail(error, FeedMessageReasons::tr("a transfer needs \"to\""));
    return true;
}

} // namespace

QString FeedSession::stageName() const
{
    const CallSessionRecord &s = call.session;
    if (s.endedAt.isValid())
        return u"ended"_s;
    switch (s.stage) {
    case CallStage::None: return u"starting"_s;
    case CallStage::Registering:
    case CallStage::Agent:
    case CallStage::AgentConnected: return u"ai_agent"_s;
    case CallStage::Fallback:
    case CallStage::Ringing: return u"ringing"_s;
    case CallStage::Menu: return u"menu"_s;
    case CallStage::Answered: return u"talking"_s;
    case CallStage::Voicemail:
    case CallStage::VoicemailLeft: return u"voicemail"_s;
    case CallStage::Closing: return u"closing"_s;
    case CallStage::Blocked:
    case CallStage::Failed: return u"ended"_s;
    }
    return u"starting"_s;
}

FeedCommand FeedCommand::callBack(QString id, QString callSid, QString number, QString staffId, QString deskPhone,
                                  QString seat)
{
    FeedCommand command;
    command.id = std::move(id);
    command.action = Action::CallBack;
    command.callSid = std::move(callSid);
    command.number = std::move(number);
    command.targetKind = staffId.isEmpty() ? TargetKind::Number : TargetKind::Staff;
    command.target = staffId.isEmpty() ? std::move(deskPhone) : std::move(staffId);
    command.seat = std::move(seat);
    return command;
}

QString FeedCommand::actionName(Action action)
{
    switch (action) {
    case Action::Hangup: return u"hangup"_s;
    case Action::Voicemail: return u"voicemail"_s;
    case Action::Transfer: return u"transfer"_s;
    case Action::CallBack: return u"call_back"_s;
    }
    return {};
}

std::optional<FeedCommand::Action> FeedCommand::actionFromName(QStringView name)
{
    for (Action action : { Action::Hangup, Action::Voicemail, Action::Transfer, Action::CallBack }) {
        if (actionName(action) == name)
            return action;
    }
    return std::nullopt;
}

FeedMessage FeedMessage::snapshot(qint64 seq, QList<FeedSession> calls)
{
    FeedMessage message;
    message.type = Type::Snapshot;
    message.seq = seq;
    message.calls = std::move(calls);
    return message;
}

FeedMessage FeedMessage::sessionChanged(qint64 seq, FeedSession session)
{
    FeedMessage message;
    message.type = Type::Session;
    message.seq = seq;
    message.session = std::move(session);
    return message;
}

FeedMessage FeedMessage::eventRecorded(qint64 seq, CallEventRecord event)
{
    FeedMessage message;
    message.type = Type::Event;
    message.seq = seq;
    message.event = std::move(event);
    return message;
}

FeedMessage FeedMessage::result(QString id, bool ok, QString error)
{
    FeedMessage message;
    message.type = Type::Result;
    message.resultId = std::move(id);
    message.ok = ok;
    message.error = std::move(error);
    return message;
}

FeedMessage FeedMessage::commandMessage(FeedCommand command)
{
    FeedMessage message;
    message.type = Type::Command;
    message.command = std::move(command);
    return message;
}

QJsonObject FeedMessage::toJsonObject() const
{
    QJsonObject object { { u"v"_s, Version }, { u"type"_s, typeName(type) } };
    switch (type) {
    case Type::Snapshot: {
        object.insert(u"seq"_s, seq);
        QJsonArray list;
        for (const FeedSession &call : calls)
            list.append(FeedJson::session(call));
        object.insert(u"calls"_s, list);
        break;
    }
    case Type::Session:
        object.insert(u"seq"_s, seq);
        object.insert(u"session"_s, FeedJson::session(session));
        break;
    case Type::Event:
        object.insert(u"seq"_s, seq);
        object.insert(u"call_sid"_s, event.callSid);
        object.insert(u"event"_s, CallJson::event(event));
        break;
    case Type::Result:
        object.insert(u"id"_s, resultId);
        object.insert(u"ok"_s, ok);
        object.insert(u"error"_s, textOrNull(error));
        break;
    case Type::Command: {
        object.insert(u"id"_s, command.id);
        object.insert(u"action"_s, FeedCommand::actionName(command.action));
        object.insert(u"call_sid"_s, textOrNull(command.callSid));
        if (command.targetKind != FeedCommand::TargetKind::None)
            object.insert(u"to"_s, QJsonObject { { targetKindName(command.targetKind), command.target } });
        object.insert(u"seat"_s, textOrNull(command.seat));
        if (!command.number.isEmpty())
            object.insert(u"number"_s, command.number);
        break;
    }
    }
    return object;
}

QByteArray FeedMessage::toJson() const
{
    return QJsonDocument(toJsonObject()).toJson(QJsonDocument::Compact);
}

QString FeedMessage::idOf(QByteArrayView json)
{
    // As readCommand() reads it; a huge id is not echoed.
    const QJsonValue id = QJsonDocument::fromJson(json.toByteArray()).object().value(u"id"_s);
    const QString text = id.isString() || id.isDouble() ? id.toVariant().toString() : QString();
    return text.size() <= 200 ? text : QString();
}

std::optional<FeedMessage> FeedMessage::parse(QByteArrayView text, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toByteArray(), &parseError);
    if (!document.isObject()) {
        fail(error, parseError.error != QJsonParseError::NoError
                        ? FeedMessageReasons::tr("not JSON: %1").arg(parseError.errorString())
                        : FeedMessageReasons::tr("not a JSON object"));
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    FeedMessage message;
    const std::optional<Type> type = typeFromName(object.value(u"type"_s).toString());
    if (!type) {
        fail(error, FeedMessageReasons::tr("unknown \"type\" \"%1\"").arg(object.value(u"type"_s).toVariant().toString()));
        return std::nullopt;
    }
    message.type = *type;
    // A command may leave out the version; everything the router sends carries it.
    const QJsonValue version = object.value(u"v"_s);
    if (!(version.isUndefined() && message.type == Type::Command) && version.toInt(-1) != Version) {
        fail(error, FeedMessageReasons::tr("\"v\" must be %1").arg(Version));
        return std::nullopt;
    }
    // Everything the router sends about calls is numbered; a seat resumes from that number.
    if (message.type == Type::Snapshot || message.type == Type::Session || message.type == Type::Event) {
        const QJsonValue seq = object.value(u"seq"_s);
        if (seq.toInteger(-1) < 0) { // also when missing, fractional or not a number
            fail(error, FeedMessageReasons::tr("\"seq\" must be a whole number of 0 or more"));
            return std::nullopt;
        }
        message.seq = seq.toInteger();
    }
    switch (message.type) {
    case Type::Snapshot:
        if (!object.value(u"calls"_s).isArray()) {
            fail(error, FeedMessageReasons::tr("a snapshot needs \"calls\", a list"));
            return std::nullopt;
        }
        for (const QJsonValue &value : object.value(u"calls"_s).toArray()) {
            std::optional<FeedSession> session = FeedJson::readSession(value.toObject());
            if (!session) {
                fail(error, FeedMessageReasons::tr("a call of the snapshot has no \"call_sid\""));
                return std::nullopt;
            }
            message.calls.append(std::move(*session));
        }
        break;
    case Type::Session: {
        std::optional<FeedSession> session = FeedJson::readSession(object.value(u"session"_s).toObject());
        if (!session) {
            fail(error, FeedMessageReasons::tr("\"session\" has no \"call_sid\""));
            return std::nullopt;
        }
        message.session = std::move(*session);
        break;
    }
    case Type::Event: {
        std::optional<CallEventRecord> event
            = CallJson::readEvent(object.value(u"event"_s).toObject(), object.value(u"call_sid"_s).toString());
        if (!event || event->callSid.isEmpty()) {
            fail(error, FeedMessageReasons::tr("an event needs \"call_sid\" and an \"event\" with \"at\" and \"step\""));
            return std::nullopt;
        }
        message.event = std::move(*event);
        break;
    }
    case Type::Result:
        message.resultId = object.value(u"id"_s).toVariant().toString();
        if (!object.value(u"ok"_s).isBool()) {
            fail(error, FeedMessageReasons::tr("a result needs \"ok\", true or false"));
            return std::nullopt;
        }
        message.ok = object.value(u"ok"_s).toBool();
        message.error = object.value(u"error"_s).toString();
        break;
    case Type::Command:
        if (!readCommand(object, &message.command, error))
            return std::nullopt;
        break;
    }
    return message;
}

namespace FeedJson {

QJsonObject party(const FeedParty &party)
{
    return QJsonObject { { u"staff"_s, textOrNull(party.staffId) }, { u"name"_s, textOrNull(party.name) },
                         { u"phone"_s, textOrNull(party.phone) } };
}

QJsonObject session(const FeedSession &session)
{
    QJsonObject object = CallJson::session(session.call);
    object.insert(u"stage"_s, session.stageName());
    object.insert(u"with"_s, session.with ? QJsonValue(party(*session.with)) : QJsonValue());
    // Beyond the contract's fields, for a seat that says what happens in as many words as the
    // front desk: the router's own stage, everyone a round rings, and the fallback number.
    object.insert(u"router_stage"_s, textOrNull(CallLogNames::name(session.call.session.stage)));
    QJsonArray ringing;
    for (const FeedParty &p : session.ringing)
        ringing.append(party(p));
    object.insert(u"ringing"_s, ringing);
    object.insert(u"fallback"_s, session.withFallback);
    return object;
}

std::optional<FeedSession> readSession(const QJsonObject &object)
{
    std::optional<CallListEntry> call = CallJson::readSession(object);
    if (!call)
        return std::nullopt;
    FeedSession session;
    session.call = std::move(*call);
    // An empty name is "none", a stage of its own: only a name that says something is taken.
    const QString routerStageName = object.value(u"router_stage"_s).toString();
    const std::optional<CallStage> routerStage
        = routerStageName.isEmpty() ? std::nullopt : CallLogNames::stage(routerStageName);
    session.call.session.stage = routerStage
        ? *routerStage
        : stageOfContractName(object.value(u"stage"_s).toString(), session.call);
    session.with = readParty(object.value(u"with"_s));
    for (const QJsonValue &value : object.value(u"ringing"_s).toArray()) {
        if (std::optional<FeedParty> p = readParty(value))
            session.ringing.append(*p);
    }
    session.withFallback = object.value(u"fallback"_s).toBool();
    return session;
}

} // namespace FeedJson
