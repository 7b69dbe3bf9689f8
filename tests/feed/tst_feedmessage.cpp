// Tests of FeedMessage: every message the live feed carries is written with the contract's field names
// and shapes (DESIGN.md, "Live feed") and read back field by field; anything else is refused with a reason.
#include "calllogtestnames.h"
#include "feed/feedmessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QDateTime utc(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODateWithMs).toUTC();
}

// A call being rung: Tom Becker, a customer with a booking, ringing Alice of the front desk.
FeedSession ringingCall()
{
    FeedSession session;
    CallSessionRecord &s = session.call.session;
    s.callSid = u"CA0123456789abcdef0123456789abcdef"_s;
    s.from = u"+15551234567"_s;
    s.to = u"+15557654321"_s;
    s.startedAt = utc(u"2026-03-02T14:05:09.250Z"_s);
    s.stage = CallStage::Ringing;
    session.call.customerName = u"Tom Becker"_s;
    session.call.bookingExternalId = u"B-17"_s;
    session.ringing
        = { { u"alice"_s, u"Alice Ng"_s, u"+15551110001"_s }, { u"bob"_s, u"Bob Li"_s, u"+15551110002"_s } };
    session.with = FeedParty { u"alice"_s, u"Alice Ng"_s, u"+15551110001"_s };
    return session;
}

// A call that ended in voicemail after 42 s, nobody with it.
FeedSession endedCall()
{
    FeedSession session;
    CallSessionRecord &s = session.call.session;
    s.callSid = u"CAffffffffffffffffffffffffffffffff"_s;
    s.from = u"+442079460018"_s;
    s.to = u"+15557654321"_s;
    s.startedAt = utc(u"2026-03-02T14:00:00.000Z"_s);
    s.endedAt = utc(u"2026-03-02T14:00:42.000Z"_s);
    s.durationSeconds = 42;
    s.outcome = CallOutcome::Voicemail;
    s.stage = CallStage::VoicemailLeft;
    return session;
}

CallEventRecord dialEvent()
{
    CallEventRecord event;
    event.callSid = u"CA0123456789abcdef0123456789abcdef"_s;
    event.at = utc(u"2026-03-02T14:05:10.125Z"_s);
    event.step = Step::DialTarget;
    event.action = EventAction::CommandSent;
    event.result = EventResult::Processed;
    event.detail = u"Ringing Alice Ng (+15551110001)"_s;
    return event;
}

QJsonObject jsonOf(const FeedMessage &message)
{
    return QJsonDocument::fromJson(message.toJson()).object();
}

FeedMessage readBack(const FeedMessage &message)
{
    QString error;
    const std::optional<FeedMessage> read = FeedMessage::parse(message.toJson(), &error);
    if (!read)
        qWarning("refused: %s", qPrintable(error));
    return read.value_or(FeedMessage {});
}

} // namespace

class tst_FeedMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aRefusedCommandKeepsItsIdForTheAnswer();
    void snapshotWithTheContractsFields();
    void snapshotReadBack();
    void sessionWithStageAndWith();
    void sessionReadBack();
    void sessionWithNobodyHasWithNull();
    void stageNames_data();
    void stageNames();
    void aRouterSendingOnlyTheContractsStageIsReadSo_data();
    void aRouterSendingOnlyTheContractsStageIsReadSo();
    void eventWithCallSid();
    void eventReadBack();
    void resultWithIdOkAndError();
    void resultReadBack();
    void commandWithTo_data();
    void commandWithTo();
    void commandWithoutToOrSeat();
    void commandMayLeaveOutTheVersion();
    void callBackOfACustomersNumber();
    void writtenAsOneCompactLine();
    void badInputIsRefusedWithAReason_data();
    void badInputIsRefusedWithAReason();
};

void tst_FeedMessage::snapshotWithTheContractsFields()
{
    const QJsonObject json = jsonOf(FeedMessage::snapshot(41, { ringingCall(), endedCall() }));
    QCOMPARE(json.value(u"v"_s).toInt(), 1);
    QCOMPARE(json.value(u"type"_s).toString(), u"snapshot"_s);
    QCOMPARE(json.value(u"seq"_s).toInteger(), 41);
    const QJsonArray calls = json.value(u"calls"_s).toArray();
    QCOMPARE(calls.size(), 2);
    const QJsonObject first = calls.at(0).toObject();
    // The `calls --json` object, plus stage and with.
    for (const QString &key : { u"call_sid"_s, u"from"_s, u"to"_s, u"started_at"_s, u"ended_at"_s,
             u"duration_s"_s, u"outcome"_s, u"customer_name"_s, u"booking_id"_s, u"stage"_s, u"with"_s })
        QVERIFY2(first.contains(key), qPrintable(key));
    QCOMPARE(first.value(u"call_sid"_s).toString(), u"CA0123456789abcdef0123456789abcdef"_s);
    QCOMPARE(first.value(u"from"_s).toString(), u"+15551234567"_s);
    QCOMPARE(first.value(u"started_at"_s).toString(), u"2026-03-02T14:05:09.250Z"_s);
    QVERIFY(first.value(u"ended_at"_s).isNull());
    QVERIFY(first.value(u"duration_s"_s).isNull());
    QCOMPARE(first.value(u"outcome"_s).toString(), u"ongoing"_s);
    QCOMPARE(first.value(u"booking_id"_s).toString(), u"B-17"_s);
    QCOMPARE(first.value(u"stage"_s).toString(), u"ringing"_s);
    const QJsonObject second = calls.at(1).toObject();
    QCOMPARE(second.value(u"stage"_s).toString(), u"ended"_s);
    QCOMPARE(second.value(u"duration_s"_s).toInt(), 42);
    QCOMPARE(second.value(u"outcome"_s).toString(), u"voicemail"_s);
    QVERIFY(second.value(u"customer_name"_s).isNull());
    QVERIFY(second.value(u"booking_id"_s).isNull());
}

void tst_FeedMessage::snapshotReadBack()
{
    const FeedMessage read = readBack(FeedMessage::snapshot(41, { ringingCall(), endedCall() }));
    QCOMPARE(read.type, FeedMessage::Type::Snapshot);
    QCOMPARE(read.seq, 41);
    QCOMPARE(read.calls.size(), 2);
    QCOMPARE(read.calls.at(0).call.session.callSid, ringingCall().call.session.callSid);
    const CallSessionRecord &ended = read.calls.at(1).call.session;
    QCOMPARE(ended.callSid, u"CAffffffffffffffffffffffffffffffff"_s);
    QCOMPARE(ended.from, u"+442079460018"_s);
    QCOMPARE(ended.startedAt, utc(u"2026-03-02T14:00:00.000Z"_s));
    QCOMPARE(ended.endedAt, utc(u"2026-03-02T14:00:42.000Z"_s));
    QCOMPARE(ended.durationSeconds.value_or(-1), 42);
    QCOMPARE(ended.outcome, CallOutcome::Voicemail);
    QCOMPARE(ended.stage, CallStage::VoicemailLeft);
    QCOMPARE(read.calls.at(1).stageName(), u"ended"_s);

    // An idle router's snapshot is an empty list, not a missing one.
    const QJsonObject empty = jsonOf(FeedMessage::snapshot(0, {}));
    QVERIFY(empty.value(u"calls"_s).isArray());
    QCOMPARE(readBack(FeedMessage::snapshot(0, {})).calls.size(), 0);
}

void tst_FeedMessage::sessionWithStageAndWith()
{
    const QJsonObject json = jsonOf(FeedMessage::sessionChanged(42, ringingCall()));
    QCOMPARE(json.value(u"v"_s).toInt(), 1);
    QCOMPARE(json.value(u"type"_s).toString(), u"session"_s);
    QCOMPARE(json.value(u"seq"_s).toInteger(), 42);
    const QJsonObject session = json.value(u"session"_s).toObject();
    QCOMPARE(session.value(u"call_sid"_s).toString(), u"CA0123456789abcdef0123456789abcdef"_s);
    QCOMPARE(session.value(u"customer_name"_s).toString(), u"Tom Becker"_s);
    QCOMPARE(session.value(u"stage"_s).toString(), u"ringing"_s);
    const QJsonObject with = session.value(u"with"_s).toObject();
    QCOMPARE(with.keys(), QStringList({ u"name"_s, u"phone"_s, u"staff"_s }));
    QCOMPARE(with.value(u"staff"_s).toString(), u"alice"_s);
    QCOMPARE(with.value(u"name"_s).toString(), u"Alice Ng"_s);
    QCOMPARE(with.value(u"phone"_s).toString(), u"+15551110001"_s);
}

void tst_FeedMessage::sessionReadBack()
{
    const FeedMessage read = readBack(FeedMessage::sessionChanged(42, ringingCall()));
    QCOMPARE(read.type, FeedMessage::Type::Session);
    QCOMPARE(read.seq, 42);
    const FeedSession expected = ringingCall();
    const CallSessionRecord &s = read.session.call.session;
    QCOMPARE(s.callSid, expected.call.session.callSid);
    QCOMPARE(s.from, expected.call.session.from);
    QCOMPARE(s.to, expected.call.session.to);
    QCOMPARE(s.startedAt, expected.call.session.startedAt);
    QVERIFY(!s.endedAt.isValid());
    QVERIFY(!s.durationSeconds);
    QCOMPARE(s.outcome, CallOutcome::Ongoing);
    QCOMPARE(s.stage, CallStage::Ringing);
    QCOMPARE(read.session.call.customerName, u"Tom Becker"_s);
    QCOMPARE(read.session.call.bookingExternalId, u"B-17"_s);
    QVERIFY(read.session.with.has_value());
    QCOMPARE(*read.session.with, *expected.with);
    QCOMPARE(read.session.ringing, expected.ringing);
    QCOMPARE(read.session.withFallback, false);
    QCOMPARE(read.session.stageName(), u"ringing"_s);
}

void tst_FeedMessage::sessionWithNobodyHasWithNull()
{
    FeedSession fallback = endedCall();
    fallback.call.session.endedAt = {};
    fallback.call.session.stage = CallStage::Answered;
    fallback.withFallback = true;
    const FeedMessage message = FeedMessage::sessionChanged(7, fallback);
    const QJsonObject session = jsonOf(message).value(u"session"_s).toObject();
    QVERIFY(session.contains(u"with"_s));
    QVERIFY(session.value(u"with"_s).isNull());
    QCOMPARE(session.value(u"stage"_s).toString(), u"talking"_s);
    const FeedMessage read = readBack(message);
    QVERIFY(!read.session.with.has_value());
    QCOMPARE(read.session.withFallback, true);
}

void tst_FeedMessage::stageNames_data()
{
    QTest::addColumn<QString>("routerStage");
    QTest::addColumn<bool>("ended");
    QTest::addColumn<QString>("contractStage");

    QTest::newRow("just received") << u""_s << false << u"starting"_s;
    QTest::newRow("registering with Retell") << u"registering"_s << false << u"ai_agent"_s;
    QTest::newRow("agent ringing") << u"agent"_s << false << u"ai_agent"_s;
    QTest::newRow("with the agent") << u"agent_connected"_s << false << u"ai_agent"_s;
    QTest::newRow("fallback ringing") << u"fallback"_s << false << u"ringing"_s;
    QTest::newRow("chain ringing") << u"ringing"_s << false << u"ringing"_s;
    QTest::newRow("menu") << u"menu"_s << false << u"menu"_s;
    QTest::newRow("answered") << u"answered"_s << false << u"talking"_s;
    QTest::newRow("recording") << u"voicemail"_s << false << u"voicemail"_s;
    QTest::newRow("recorded") << u"voicemail_left"_s << false << u"voicemail"_s;
    QTest::newRow("closing message") << u"closing"_s << false << u"closing"_s;
    QTest::newRow("blocked") << u"blocked"_s << false << u"ended"_s;
    QTest::newRow("failed") << u"failed"_s << false << u"ended"_s;
    QTest::newRow("talking, then ended") << u"answered"_s << true << u"ended"_s;
}

void tst_FeedMessage::stageNames()
{
    QFETCH(QString, routerStage);
    QFETCH(bool, ended);
    QFETCH(QString, contractStage);

    FeedSession session = ringingCall();
    session.call.session.stage
        = routerStage.isEmpty() ? CallStage::None : CallLogTestNames::stage(routerStage);
    if (ended)
        session.call.session.endedAt = session.call.session.startedAt.addSecs(30);
    QCOMPARE(session.stageName(), contractStage);
    QCOMPARE(jsonOf(FeedMessage::sessionChanged(1, session))
                 .value(u"session"_s)
                 .toObject()
                 .value(u"stage"_s)
                 .toString(),
        contractStage);
    QCOMPARE(readBack(FeedMessage::sessionChanged(1, session)).session.stageName(), contractStage);
}

void tst_FeedMessage::aRouterSendingOnlyTheContractsStageIsReadSo_data()
{
    QTest::addColumn<QString>("stage");
    QTest::addColumn<QString>("endedAt");

    for (const QString &stage :
        { u"starting"_s, u"ringing"_s, u"talking"_s, u"ai_agent"_s, u"menu"_s, u"voicemail"_s, u"closing"_s })
        QTest::newRow(qPrintable(stage)) << stage << QString();
    QTest::newRow("ended") << u"ended"_s << u"2026-03-02T14:06:00.000Z"_s;
    QTest::newRow("ended before it was routed") << u"ended"_s << QString();
}

// Another router (or an older one) need not send the router_stage extension: the contract's stage is
// what a seat reads then.
void tst_FeedMessage::aRouterSendingOnlyTheContractsStageIsReadSo()
{
    QFETCH(QString, stage);
    QFETCH(QString, endedAt);

    const QJsonObject session { { u"call_sid"_s, u"CA1"_s }, { u"from"_s, u"+15551234567"_s },
        { u"to"_s, u"+15557654321"_s }, { u"started_at"_s, u"2026-03-02T14:05:09.250Z"_s },
        { u"ended_at"_s, endedAt.isEmpty() ? QJsonValue() : QJsonValue(endedAt) },
        { u"duration_s"_s, QJsonValue() }, { u"outcome"_s, u"ongoing"_s },
        { u"customer_name"_s, QJsonValue() }, { u"booking_id"_s, QJsonValue() }, { u"stage"_s, stage },
        { u"with"_s, QJsonValue() } };
    const QJsonObject message { { u"v"_s, 1 }, { u"type"_s, u"session"_s }, { u"seq"_s, 3 },
        { u"session"_s, session } };
    QString error;
    const std::optional<FeedMessage> read = FeedMessage::parse(QJsonDocument(message).toJson(), &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->session.stageName(), stage);
}

void tst_FeedMessage::eventWithCallSid()
{
    const QJsonObject json = jsonOf(FeedMessage::eventRecorded(43, dialEvent()));
    QCOMPARE(json.value(u"v"_s).toInt(), 1);
    QCOMPARE(json.value(u"type"_s).toString(), u"event"_s);
    QCOMPARE(json.value(u"seq"_s).toInteger(), 43);
    QCOMPARE(json.value(u"call_sid"_s).toString(), u"CA0123456789abcdef0123456789abcdef"_s);
    // The `calls show --json` event object.
    const QJsonObject event = json.value(u"event"_s).toObject();
    QCOMPARE(event.keys(), QStringList({ u"action"_s, u"at"_s, u"detail"_s, u"result"_s, u"step"_s }));
    QCOMPARE(event.value(u"at"_s).toString(), u"2026-03-02T14:05:10.125Z"_s);
    QCOMPARE(event.value(u"step"_s).toString(), u"DialTarget"_s);
    QCOMPARE(event.value(u"action"_s).toString(), u"command_sent"_s);
    QCOMPARE(event.value(u"result"_s).toString(), u"processed"_s);
    QCOMPARE(event.value(u"detail"_s).toString(), u"Ringing Alice Ng (+15551110001)"_s);
}

void tst_FeedMessage::eventReadBack()
{
    const FeedMessage read = readBack(FeedMessage::eventRecorded(43, dialEvent()));
    QCOMPARE(read.type, FeedMessage::Type::Event);
    QCOMPARE(read.seq, 43);
    const CallEventRecord expected = dialEvent();
    QCOMPARE(read.event.callSid, expected.callSid);
    QCOMPARE(read.event.at, expected.at);
    QCOMPARE(read.event.step, expected.step);
    QCOMPARE(read.event.action, expected.action);
    QCOMPARE(read.event.result, expected.result);
    QCOMPARE(read.event.detail, expected.detail);
}

void tst_FeedMessage::resultWithIdOkAndError()
{
    QJsonObject json = jsonOf(FeedMessage::result(u"c-7"_s, false, u"This seat may only watch."_s));
    QCOMPARE(json.value(u"v"_s).toInt(), 1);
    QCOMPARE(json.value(u"type"_s).toString(), u"result"_s);
    QCOMPARE(json.value(u"id"_s).toString(), u"c-7"_s);
    QCOMPARE(json.value(u"ok"_s), QJsonValue(false));
    QCOMPARE(json.value(u"error"_s).toString(), u"This seat may only watch."_s);
    QVERIFY(!json.contains(u"seq"_s));

    json = jsonOf(FeedMessage::result(u"c-8"_s, true));
    QCOMPARE(json.value(u"ok"_s), QJsonValue(true));
    QVERIFY(json.value(u"error"_s).isNull());
}

void tst_FeedMessage::resultReadBack()
{
    FeedMessage read = readBack(FeedMessage::result(u"c-7"_s, false, u"This seat may only watch."_s));
    QCOMPARE(read.type, FeedMessage::Type::Result);
    QCOMPARE(read.resultId, u"c-7"_s);
    QCOMPARE(read.ok, false);
    QCOMPARE(read.error, u"This seat may only watch."_s);

    read = readBack(FeedMessage::result(u"c-8"_s, true));
    QCOMPARE(read.resultId, u"c-8"_s);
    QCOMPARE(read.ok, true);
    QVERIFY(read.error.isEmpty());
}

void tst_FeedMessage::commandWithTo_data()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<QString>("actionName");
    QTest::addColumn<int>("targetKind");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("target");

    QTest::newRow("transfer to staff") << int(FeedCommand::Action::Transfer) << u"transfer"_s
                                       << int(FeedCommand::TargetKind::Staff) << u"staff"_s << u"alice"_s;
    QTest::newRow("transfer to team") << int(FeedCommand::Action::Transfer) << u"transfer"_s
                                      << int(FeedCommand::TargetKind::Team) << u"team"_s << u"front"_s;
    QTest::newRow("transfer to number")
        << int(FeedCommand::Action::Transfer) << u"transfer"_s << int(FeedCommand::TargetKind::Number)
        << u"number"_s << u"+15550009999"_s;
    QTest::newRow("call back from staff") << int(FeedCommand::Action::CallBack) << u"call_back"_s
                                          << int(FeedCommand::TargetKind::Staff) << u"staff"_s << u"bob"_s;
}

void tst_FeedMessage::commandWithTo()
{
    QFETCH(int, action);
    QFETCH(QString, actionName);
    QFETCH(int, targetKind);
    QFETCH(QString, key);
    QFETCH(QString, target);

    FeedCommand command;
    command.id = u"c-1"_s;
    command.action = FeedCommand::Action(action);
    command.callSid = u"CA1"_s;
    command.targetKind = FeedCommand::TargetKind(targetKind);
    command.target = target;
    command.seat = u"Front desk 2"_s;
    const FeedMessage message = FeedMessage::commandMessage(command);

    const QJsonObject json = jsonOf(message);
    QCOMPARE(json.value(u"type"_s).toString(), u"command"_s);
    QCOMPARE(json.value(u"id"_s).toString(), u"c-1"_s);
    QCOMPARE(json.value(u"action"_s).toString(), actionName);
    QCOMPARE(json.value(u"call_sid"_s).toString(), u"CA1"_s);
    QCOMPARE(json.value(u"to"_s).toObject(), QJsonObject({ { key, target } }));
    QCOMPARE(json.value(u"seat"_s).toString(), u"Front desk 2"_s);

    const FeedMessage read = readBack(message);
    QCOMPARE(read.type, FeedMessage::Type::Command);
    QCOMPARE(read.command.id, command.id);
    QCOMPARE(int(read.command.action), action);
    QCOMPARE(read.command.callSid, command.callSid);
    QCOMPARE(int(read.command.targetKind), targetKind);
    QCOMPARE(read.command.target, target);
    QCOMPARE(read.command.seat, command.seat);
}

void tst_FeedMessage::commandWithoutToOrSeat()
{
    FeedCommand command;
    command.id = u"c-2"_s;
    command.action = FeedCommand::Action::Hangup;
    command.callSid = u"CA1"_s;
    const FeedMessage message = FeedMessage::commandMessage(command);
    const QJsonObject json = jsonOf(message);
    QVERIFY(!json.contains(u"to"_s));
    QCOMPARE(json.value(u"action"_s).toString(), u"hangup"_s);
    const FeedMessage read = readBack(message);
    QCOMPARE(read.command.action, FeedCommand::Action::Hangup);
    QCOMPARE(read.command.targetKind, FeedCommand::TargetKind::None);
    QVERIFY(read.command.seat.isEmpty());

    command.action = FeedCommand::Action::Voicemail;
    QCOMPARE(readBack(FeedMessage::commandMessage(command)).command.action, FeedCommand::Action::Voicemail);
}

// A seat written by hand (a script with a WebSocket library) need not know the version.
void tst_FeedMessage::commandMayLeaveOutTheVersion()
{
    QString error;
    const std::optional<FeedMessage> read = FeedMessage::parse(
        R"({"type":"command","id":5,"action":"transfer","call_sid":"CA1","to":{"team":"front"}})", &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->command.id, u"5"_s);
    QCOMPARE(read->command.targetKind, FeedCommand::TargetKind::Team);
    QCOMPARE(read->command.target, u"front"_s);
}

// A customer from the customers panel has no call to name: the number is called back instead.
void tst_FeedMessage::callBackOfACustomersNumber()
{
    const FeedCommand command
        = FeedCommand::callBack(u"cb-1"_s, {}, u"+15551234567"_s, {}, u"+15550001111"_s, u"Reception 2"_s);
    const FeedMessage message = FeedMessage::commandMessage(command);
    const QJsonObject json = jsonOf(message);
    QCOMPARE(json.value(u"action"_s).toString(), u"call_back"_s);
    QVERIFY(json.value(u"call_sid"_s).isNull());
    QCOMPARE(json.value(u"number"_s).toString(), u"+15551234567"_s);
    QCOMPARE(json.value(u"to"_s).toObject(), QJsonObject({ { u"number"_s, u"+15550001111"_s } }));

    const FeedMessage read = readBack(message);
    QCOMPARE(read.command.action, FeedCommand::Action::CallBack);
    QVERIFY(read.command.callSid.isEmpty());
    QCOMPARE(read.command.number, u"+15551234567"_s);
    QCOMPARE(read.command.targetKind, FeedCommand::TargetKind::Number);
    QCOMPARE(read.command.target, u"+15550001111"_s);
    QCOMPARE(read.command.seat, u"Reception 2"_s);

    const FeedCommand ofACall = FeedCommand::callBack(u"cb-2"_s, u"CA1"_s, {}, u"alice"_s, {}, {});
    const QJsonObject callJson = jsonOf(FeedMessage::commandMessage(ofACall));
    QVERIFY(!callJson.contains(u"number"_s));
    QCOMPARE(callJson.value(u"to"_s).toObject(), QJsonObject({ { u"staff"_s, u"alice"_s } }));
}

void tst_FeedMessage::writtenAsOneCompactLine()
{
    for (const FeedMessage &message : { FeedMessage::snapshot(1, { ringingCall(), endedCall() }),
             FeedMessage::sessionChanged(2, ringingCall()), FeedMessage::eventRecorded(3, dialEvent()),
             FeedMessage::result(u"x"_s, true) }) {
        const QByteArray text = message.toJson();
        QVERIFY(!text.contains('\n'));
        QVERIFY(!text.contains(": "));
    }
}

void tst_FeedMessage::badInputIsRefusedWithAReason_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("reason");

    QTest::newRow("not JSON") << QByteArray("{\"v\":1,") << u"not JSON"_s;
    QTest::newRow("an array") << QByteArray("[1,2]") << u"not a JSON object"_s;
    QTest::newRow("empty") << QByteArray() << u"not JSON"_s;
    QTest::newRow("wrong v") << QByteArray(R"({"v":2,"type":"session","seq":1,"session":{"call_sid":"CA1"}})")
                             << u"\"v\" must be 1"_s;
    QTest::newRow("v missing") << QByteArray(R"({"type":"event","seq":1,"call_sid":"CA1","event":{}})")
                               << u"\"v\" must be 1"_s;
    QTest::newRow("v as text") << QByteArray(R"({"v":"1","type":"result","id":"a","ok":true})")
                               << u"\"v\" must be 1"_s;
    QTest::newRow("unknown type") << QByteArray(R"({"v":1,"type":"hello","seq":1})")
                                  << u"unknown \"type\" \"hello\""_s;
    QTest::newRow("type missing") << QByteArray(R"({"v":1,"seq":1})") << u"unknown \"type\""_s;
    QTest::newRow("seq missing") << QByteArray(R"({"v":1,"type":"session","session":{"call_sid":"CA1"}})")
                                 << u"\"seq\""_s;
    QTest::newRow("seq negative") << QByteArray(R"({"v":1,"type":"snapshot","seq":-1,"calls":[]})")
                                  << u"\"seq\""_s;
    QTest::newRow("seq as text") << QByteArray(R"({"v":1,"type":"snapshot","seq":"4","calls":[]})")
                                 << u"\"seq\""_s;
    QTest::newRow("snapshot without calls")
        << QByteArray(R"({"v":1,"type":"snapshot","seq":4})") << u"\"calls\""_s;
    QTest::newRow("snapshot call without call_sid")
        << QByteArray(R"({"v":1,"type":"snapshot","seq":4,"calls":[{"from":"+15551234567"}]})")
        << u"\"call_sid\""_s;
    QTest::newRow("session without call_sid") << QByteArray(
        R"({"v":1,"type":"session","seq":1,"session":{"from":"+15551234567","stage":"ringing"}})")
                                              << u"\"call_sid\""_s;
    QTest::newRow("session missing") << QByteArray(R"({"v":1,"type":"session","seq":1})")
                                     << u"\"call_sid\""_s;
    QTest::newRow("event without call_sid") << QByteArray(
        R"({"v":1,"type":"event","seq":1,"event":{"at":"2026-03-02T14:05:10.125Z","step":"Hangup"}})")
                                            << u"\"call_sid\""_s;
    QTest::newRow("event with an unknown step") << QByteArray(
        R"({"v":1,"type":"event","seq":1,"call_sid":"CA1","event":{"at":"2026-03-02T14:05:10Z","step":"Dance"}})")
                                                << u"\"step\""_s;
    QTest::newRow("result without ok") << QByteArray(R"({"v":1,"type":"result","id":"c-1"})") << u"\"ok\""_s;
    QTest::newRow("command with an unknown action")
        << QByteArray(R"({"type":"command","id":"c-1","action":"explode","call_sid":"CA1"})")
        << u"\"action\""_s;
    QTest::newRow("command without id")
        << QByteArray(R"({"type":"command","action":"hangup","call_sid":"CA1"})") << u"\"id\""_s;
    QTest::newRow("command without call_sid")
        << QByteArray(R"({"type":"command","id":"c-1","action":"hangup"})") << u"\"call_sid\""_s;
    QTest::newRow("transfer without to")
        << QByteArray(R"({"type":"command","id":"c-1","action":"transfer","call_sid":"CA1"})") << u"\"to\""_s;
    QTest::newRow("to a person") << QByteArray(
        R"({"type":"command","id":"c-1","action":"transfer","call_sid":"CA1","to":{"person":"alice"}})")
                                 << u"\"to\" must be"_s;
    QTest::newRow("to two places") << QByteArray(
        R"({"type":"command","id":"c-1","action":"transfer","call_sid":"CA1","to":{"staff":"alice","team":"front"}})")
                                   << u"\"to\" must be"_s;
    QTest::newRow("to as text") << QByteArray(
        R"({"type":"command","id":"c-1","action":"transfer","call_sid":"CA1","to":"alice"})")
                                << u"\"to\" must be"_s;
    QTest::newRow("to a staff id that is a number") << QByteArray(
        R"({"type":"command","id":"c-1","action":"transfer","call_sid":"CA1","to":{"staff":7}})")
                                                    << u"\"to\" must be"_s;
    QTest::newRow("to an empty team") << QByteArray(
        R"({"type":"command","id":"c-1","action":"transfer","call_sid":"CA1","to":{"team":""}})")
                                      << u"\"to\" must be"_s;
    QTest::newRow("call back of nobody") << QByteArray(
        R"({"type":"command","id":"c-1","action":"call_back","to":{"staff":"alice"}})")
                                         << u"\"call_sid\" of the call to return or the \"number\""_s;
    QTest::newRow("call back of a call and a number") << QByteArray(
        R"({"type":"command","id":"c-1","action":"call_back","call_sid":"CA1","number":"+15551234567","to":{"staff":"alice"}})")
                                                      << u"either"_s;
    QTest::newRow("call back of a number as people write it") << QByteArray(
        R"({"type":"command","id":"c-1","action":"call_back","number":"555-123-4567","to":{"staff":"alice"}})")
                                                              << u"not an E.164 number"_s;
    QTest::newRow("call back without to") << QByteArray(
        R"({"type":"command","id":"c-1","action":"call_back","call_sid":"CA1"})")
                                          << u"whose phone rings first"_s;
    QTest::newRow("call back ringing a team") << QByteArray(
        R"({"type":"command","id":"c-1","action":"call_back","call_sid":"CA1","to":{"team":"front"}})")
                                              << u"one phone first"_s;
    QTest::newRow("to a number as people write it") << QByteArray(
        R"({"type":"command","id":"c-1","action":"transfer","call_sid":"CA1","to":{"number":"(555) 000-9999"}})")
                                                    << u"not an E.164 number"_s;
}

void tst_FeedMessage::badInputIsRefusedWithAReason()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, reason);

    QString error;
    QVERIFY(!FeedMessage::parse(text, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    // No error pointer: still refused, and nothing crashes.
    QVERIFY(!FeedMessage::parse(text));
}

// A command parse() refuses (a number not in E.164, say) is still answered under its own id.
void tst_FeedMessage::aRefusedCommandKeepsItsIdForTheAnswer()
{
    const QByteArray command
        = R"({"type":"command","id":"t5","action":"transfer","call_sid":"CA1","to":{"number":"(555) 111-0002"}})";
    QString error;
    QVERIFY(!FeedMessage::parse(command, &error));
    QVERIFY2(error.contains(u"E.164"_s), qPrintable(error));
    QCOMPARE(FeedMessage::idOf(command), u"t5"_s);
    QCOMPARE(FeedMessage::idOf(R"({"type":"command","id":7})"), u"7"_s);
    QCOMPARE(FeedMessage::idOf("not json"), QString());
    const QByteArray hugeId = R"({"id":")" + QByteArray(300, 'x') + R"("})";
    QCOMPARE(FeedMessage::idOf(hugeId), QString());
}

QTEST_GUILESS_MAIN(tst_FeedMessage)
#include "tst_feedmessage.moc"
