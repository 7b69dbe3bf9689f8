// The live monitor's model: what each call is doing in plain words, who is being rung by name
// (read from the routing engine's state, not from a translated sentence), and the step's clock.
#include "calls/livecallsmodel.h"
#include "routing/callstate.h"
#include "routing/feedsessionfromcall.h"
#include "storage/callstore.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestLiveCallsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesWhoIsRinging();
    void theNextPersonStartsTheStepClockAgain();
    void aRoundRungAllAtOnceNamesEveryone();
    void namesWhoTheCallerTalksWith();
    void saysWhatElseTheCallIsDoing_data();
    void saysWhatElseTheCallIsDoing();
    void numbersReadThePracticesWay();
    void numbersFollowTheRegion();
    void aCallBackShowsTheCustomerItCalls();
    void feedMessagesKeepTheCalls();
    void whatTheFeedSaysReadsAsFromTheRouter();

private:
    static CallSessionRecord ringing(int round, const QList<QList<DialTarget>> &rounds);
    static QString step(const LiveCallsModel &model);
};

namespace {
const DialTarget Alice { u"alice"_s, u"Alice Ng"_s, u"+15551110001"_s, 0 };
const DialTarget Bob { u"bob"_s, u"Bob Ray"_s, u"+15551110002"_s, 0 };
const DialTarget Carol { u"carol"_s, QString(), u"+15551110003"_s, 1 };
} // namespace

CallSessionRecord TestLiveCallsModel::ringing(int round, const QList<QList<DialTarget>> &rounds)
{
    CallSessionRecord session;
    session.callSid = u"CA1"_s;
    session.from = u"+15551230001"_s;
    session.to = u"+15557654321"_s;
    session.startedAt = QDateTime::currentDateTimeUtc().addSecs(-30);
    session.stage = CallStage::Ringing;
    CallState state;
    state.rounds = rounds;
    state.round = round;
    session.state = state.toJson();
    return session;
}

QString TestLiveCallsModel::step(const LiveCallsModel &model)
{
    return model.data(model.index(0, LiveCallsModel::Step)).toString();
}

void TestLiveCallsModel::namesWhoIsRinging()
{
    LiveCallsModel model;
    CallSessionRecord arriving = ringing(-1, {});
    arriving.stage = CallStage::Menu;
    model.updateSession(arriving);
    QCOMPARE(step(model), u"In the menu"_s);
    model.updateSession(ringing(0, { { Alice }, { Bob } }));
    QCOMPARE(step(model), u"Ringing Alice Ng"_s);
    // A staff member without a name is shown by number, as the practice writes it.
    model.updateSession(ringing(0, { { Carol } }));
    QCOMPARE(step(model), u"Ringing (555) 111-0003"_s);
    // No round ringing (state from an older router): the stage alone.
    model.updateSession(ringing(-1, {}));
    QCOMPARE(step(model), u"Ringing staff"_s);
}

void TestLiveCallsModel::theNextPersonStartsTheStepClockAgain()
{
    LiveCallsModel model;
    const QDateTime start = QDateTime::currentDateTimeUtc();
    model.tick(start);
    model.updateSession(ringing(0, { { Alice }, { Bob } }));
    model.tick(start.addSecs(15));
    const QString before = model.data(model.index(0, LiveCallsModel::InStep)).toString();
    model.updateSession(ringing(1, { { Alice }, { Bob } }));
    QCOMPARE(step(model), u"Ringing Bob Ray"_s);
    model.tick(start.addSecs(15));
    const QString after = model.data(model.index(0, LiveCallsModel::InStep)).toString();
    QVERIFY2(after < before, qPrintable(before + u" → "_s + after));
}

void TestLiveCallsModel::aRoundRungAllAtOnceNamesEveryone()
{
    LiveCallsModel model;
    model.updateSession(ringing(0, { { Alice, Bob } }));
    QCOMPARE(step(model), u"Ringing "_s + QLocale().createSeparatedList({ u"Alice Ng"_s, u"Bob Ray"_s }));
}

void TestLiveCallsModel::namesWhoTheCallerTalksWith()
{
    LiveCallsModel model;
    CallSessionRecord session = ringing(0, { { Alice, Bob } });
    model.updateSession(session);
    // Bob pressed 1: the router says who took the call.
    session.stage = CallStage::Answered;
    session.answeredBy = u"bob"_s;
    model.updateSession(session);
    QCOMPARE(step(model), u"Talking with Bob Ray"_s);
    QCOMPARE(model.data(model.index(0, LiveCallsModel::Outcome)).toString(), u"In progress"_s);

    // A number rung on its own has no staff id: it is the one talking.
    CallSessionRecord number
        = ringing(0, { { DialTarget { QString(), u"+15550001111"_s, u"+15550001111"_s, 0 } } });
    number.stage = CallStage::Answered;
    model.updateSession(number);
    QCOMPARE(step(model), u"Talking with (555) 000-1111"_s);

    // The fallback number took the call: no round rings then.
    CallSessionRecord fallback = ringing(-1, {});
    fallback.stage = CallStage::Answered;
    fallback.fallbackDialed = true;
    model.updateSession(fallback);
    QCOMPARE(step(model), u"Talking with the fallback number"_s);

    // A state from an older router, without names.
    fallback.fallbackDialed = false;
    model.updateSession(fallback);
    QCOMPARE(step(model), u"Talking with staff"_s);
}

void TestLiveCallsModel::saysWhatElseTheCallIsDoing_data()
{
    QTest::addColumn<int>("stage");
    QTest::addColumn<QString>("text");

    QTest::newRow("registering") << int(CallStage::Registering) << u"Handing over to the AI agent"_s;
    QTest::newRow("agent ringing") << int(CallStage::Agent) << u"Connecting to the AI agent"_s;
    QTest::newRow("agent connected") << int(CallStage::AgentConnected) << u"With the AI agent"_s;
    QTest::newRow("fallback ringing") << int(CallStage::Fallback) << u"Ringing the fallback number"_s;
    QTest::newRow("voicemail") << int(CallStage::Voicemail) << u"Leaving a voicemail"_s;
    QTest::newRow("voicemail left") << int(CallStage::VoicemailLeft) << u"Left a voicemail"_s;
    QTest::newRow("closing") << int(CallStage::Closing) << u"Hearing the closing message"_s;
}

void TestLiveCallsModel::saysWhatElseTheCallIsDoing()
{
    QFETCH(int, stage);
    QFETCH(QString, text);

    LiveCallsModel model;
    CallSessionRecord session = ringing(-1, {});
    session.stage = CallStage(stage);
    model.updateSession(session);
    QCOMPARE(step(model), text);
}

void TestLiveCallsModel::numbersReadThePracticesWay()
{
    LiveCallsModel model;
    model.setRegion(u"US"_s);
    CallSessionRecord local = ringing(0, { { Carol } });
    model.updateSession(local);
    CallSessionRecord foreign = ringing(-1, {});
    foreign.callSid = u"CA2"_s;
    foreign.from = u"+442079460018"_s;
    foreign.stage = CallStage::Menu;
    model.updateSession(foreign);
    model.setCallerName(u"CA1"_s, u"Maria Lopez"_s);

    const auto shown = [&model](int row, LiveCallsModel::Column column) {
        return model.data(model.index(row, column)).toString();
    };
    // The newest call first: the caller from London.
    QCOMPARE(shown(0, LiveCallsModel::Caller), u"+44 20 7946 0018"_s);
    QCOMPARE(shown(0, LiveCallsModel::Called), u"(555) 765-4321"_s);
    QCOMPARE(shown(1, LiveCallsModel::Caller), u"Maria Lopez · (555) 123-0001"_s);
    QCOMPARE(shown(1, LiveCallsModel::Called), u"(555) 765-4321"_s);
    QCOMPARE(shown(1, LiveCallsModel::Step), u"Ringing (555) 111-0003"_s);
}

// A call-back is the practice calling a customer: the customer is who the row is about, the practice's
// number the one shown to them, and nobody is announced as calling in.
void TestLiveCallsModel::aCallBackShowsTheCustomerItCalls()
{
    LiveCallsModel model;
    model.setRegion(u"US"_s);
    QSignalSpy started(&model, &LiveCallsModel::callStarted);
    CallSessionRecord callBack = ringing(-1, {});
    callBack.direction = CallDirection::Outgoing;
    callBack.from = u"+15557654321"_s;
    callBack.to = u"+15551230001"_s;
    model.updateSession(callBack);
    model.setCallerName(callBack.callSid, u"Maria Lopez"_s);
    QCOMPARE(model.data(model.index(0, LiveCallsModel::Caller)).toString(),
        u"Call-back to Maria Lopez · (555) 123-0001"_s);
    QCOMPARE(model.data(model.index(0, LiveCallsModel::Called)).toString(), u"(555) 765-4321"_s);
    QVERIFY(!model.isIncoming(0));
    QCOMPARE(started.size(), 0);
}

void TestLiveCallsModel::numbersFollowTheRegion()
{
    LiveCallsModel model;
    model.tick(QDateTime::currentDateTimeUtc());
    model.updateSession(ringing(0, { { Carol } }));
    model.tick(QDateTime::currentDateTimeUtc().addSecs(20));
    const QString inStep = model.data(model.index(0, LiveCallsModel::InStep)).toString();

    // The practice moves to the UK: its own numbers are the +44 ones now.
    model.setRegion(u"GB"_s);
    QCOMPARE(model.data(model.index(0, LiveCallsModel::Caller)).toString(), u"+1 555-123-0001"_s);
    QCOMPARE(model.data(model.index(0, LiveCallsModel::Called)).toString(), u"+1 555-765-4321"_s);
    QCOMPARE(step(model), u"Ringing +1 555-111-0003"_s);
    // Only the way the numbers read changed: the step's clock runs on.
    QCOMPARE(model.data(model.index(0, LiveCallsModel::InStep)).toString(), inStep);
}


void TestLiveCallsModel::feedMessagesKeepTheCalls()
{
    LiveCallsModel model;
    FeedSession first;
    first.call.session = ringing(0, { { Alice } });
    first.call.session.callSid = u"CA1"_s;
    first.call.customerName = u"Jane Doe"_s;
    first.call.bookingExternalId = u"B1"_s;
    first.ringing = { FeedParty { u"alice"_s, u"Alice Ng"_s, u"+15551110001"_s } };
    FeedSession second = first;
    second.call.session.callSid = u"CA2"_s;
    second.call.customerName.clear();
    second.call.bookingExternalId.clear();
    model.apply(FeedMessage::snapshot(10, { first, second }));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.liveCount(), 2);
    // The customer's name and booking come with the feed.
    QStringList callers;
    for (int row = 0; row < 2; ++row)
        callers.append(model.data(model.index(row, LiveCallsModel::Caller)).toString());
    callers.sort();
    QCOMPARE(callers, (QStringList { u"(555) 123-0001"_s, u"Jane Doe, booking B1 · (555) 123-0001"_s }));
    QCOMPARE(model.data(model.index(0, LiveCallsModel::Step)).toString(), u"Ringing Alice Ng"_s);

    // A later snapshot without a call: it ended while the seat was away.
    model.apply(FeedMessage::snapshot(20, { first }));
    QCOMPARE(model.rowCount(), 1);
    // A session message updates its call; an event changes nothing.
    FeedSession answered = first;
    answered.call.session.stage = CallStage::Answered;
    answered.ringing.clear();
    answered.with = FeedParty { u"alice"_s, u"Alice Ng"_s, u"+15551110001"_s };
    model.apply(FeedMessage::sessionChanged(21, answered));
    model.apply(FeedMessage::eventRecorded(22, CallEventRecord { u"CA1"_s, QDateTime::currentDateTimeUtc() }));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(step(model), u"Talking with Alice Ng"_s);
    FeedSession fallback = first;
    fallback.call.session.stage = CallStage::Answered;
    fallback.withFallback = true;
    fallback.with = FeedParty { {}, {}, u"+15550009999"_s };
    model.apply(FeedMessage::sessionChanged(23, fallback));
    QVERIFY2(step(model).contains(u"fallback"_s), qPrintable(step(model)));
}

void TestLiveCallsModel::whatTheFeedSaysReadsAsFromTheRouter()
{
    // The same call, given as the router stores it and as it went through the feed's JSON, reads the same.
    CallSessionRecord session = ringing(0, { { Alice, Bob } });
    LiveCallsModel direct;
    direct.updateSession(session);
    LiveCallsModel remote;
    const std::optional<FeedMessage> sent
        = FeedMessage::parse(FeedMessage::sessionChanged(1, feedSessionFromCall(session, {})).toJson());
    QVERIFY(sent);
    remote.apply(*sent);
    for (int column = 0; column < LiveCallsModel::ColumnCount; ++column)
        QCOMPARE(remote.data(remote.index(0, column)).toString(), direct.data(direct.index(0, column)).toString());
    QCOMPARE(step(remote), step(direct));
}

QTEST_MAIN(TestLiveCallsModel)
#include "tst_livecallsmodel.moc"
