// CallState: what the routing engine remembers about a call between webhooks, stored as JSON.
#include "routing/callstate.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const DialTarget Alice { u"alice"_s, u"Alice Ng"_s, u"+15551110001"_s, 0 };
const DialTarget Bob { u"bob"_s, u"Bob Ray"_s, u"+15551110002"_s, 1 };
const DialTarget Carol { u"carol"_s, u"Carol Díaz"_s, u"+15551110003"_s, 1 };
// A `number` action's target is nobody on the staff.
const DialTarget Office { QString(), u"+15550009999"_s, u"+15550009999"_s, 0 };

// A state with no field at its default value, so that the round trip shows every one.
CallState busyState()
{
    CallState state;
    state.callerE164 = u"+15552220001"_s;
    state.callerName = u"Jane \"JJ\" Doe"_s;
    state.assignedStaff = u"bob"_s;
    state.hasBooking = true;
    state.node = u"0.3/2/x"_s;
    state.menuAttempt = 2;
    state.rounds = { { Alice }, { Bob, Carol }, { Office } };
    state.round = 1;
    state.ringSeconds = 35;
    state.confirm = true;
    state.acceptedBy = u"carol"_s;
    state.refusedBy = { u"bob"_s };
    state.legConnected = true;
    state.dialed = { u"+15551110001"_s, u"+15551110002"_s, u"+15551110003"_s };
    state.voicemailTried = true;
    state.personTried = true;
    return state;
}

void compareStates(const CallState &actual, const CallState &expected)
{
    QCOMPARE(actual.callerE164, expected.callerE164);
    QCOMPARE(actual.callerName, expected.callerName);
    QCOMPARE(actual.assignedStaff, expected.assignedStaff);
    QCOMPARE(actual.hasBooking, expected.hasBooking);
    QCOMPARE(actual.node, expected.node);
    QCOMPARE(actual.menuAttempt, expected.menuAttempt);
    QCOMPARE(actual.rounds, expected.rounds);
    QCOMPARE(actual.round, expected.round);
    QCOMPARE(actual.ringSeconds, expected.ringSeconds);
    QCOMPARE(actual.confirm, expected.confirm);
    QCOMPARE(actual.acceptedBy, expected.acceptedBy);
    QCOMPARE(actual.refusedBy, expected.refusedBy);
    QCOMPARE(actual.legConnected, expected.legConnected);
    QCOMPARE(actual.dialed, expected.dialed);
    QCOMPARE(actual.voicemailTried, expected.voicemailTried);
    QCOMPARE(actual.personTried, expected.personTried);
}

} // namespace

class TestCallState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyFieldSurvivesTheRoundTrip()
    {
        const CallState state = busyState();
        const QString json = state.toJson();
        compareStates(CallState::fromJson(json), state);
        // Stored compactly: one line in the session row.
        QVERIFY(!json.contains(u'\n'));
        QCOMPARE(CallState::fromJson(json).toJson(), json);
    }

    void aFreshStateSurvivesTheRoundTrip()
    {
        const CallState state;
        compareStates(CallState::fromJson(state.toJson()), state);
    }

    void defaults()
    {
        const CallState state;
        QCOMPARE(state.round, -1);
        QCOMPARE(state.ringSeconds, 20);
        QVERIFY(!state.confirm);
        QVERIFY(state.rounds.isEmpty());
        QCOMPARE(state.ringingRound(), nullptr);
    }

    void unreadableTextGivesAFreshState_data()
    {
        QTest::addColumn<QString>("json");

        QTest::newRow("empty") << QString();
        QTest::newRow("not JSON") << u"rounds: alice, bob"_s;
        QTest::newRow("cut short") << busyState().toJson().chopped(10);
        QTest::newRow("an array") << u"[1, 2, 3]"_s;
        QTest::newRow("a string") << u"\"0.3\""_s;
        QTest::newRow("an empty object") << u"{}"_s;
        QTest::newRow("unknown keys") << u"{\"nodes\": \"0.1\", \"turn\": 4}"_s;
    }

    void unreadableTextGivesAFreshState()
    {
        QFETCH(QString, json);
        compareStates(CallState::fromJson(json), CallState());
    }

    void missingFieldsKeepTheirDefaults()
    {
        // A state written before a field existed reads that field as a fresh call would.
        const CallState state = CallState::fromJson(u"{\"caller\": \"+15552220001\", \"node\": \"0.1\"}"_s);
        CallState expected;
        expected.callerE164 = u"+15552220001"_s;
        expected.node = u"0.1"_s;
        compareStates(state, expected);
    }

    void ringingRound()
    {
        CallState state = busyState();
        QCOMPARE(state.ringingRound(), &state.rounds.at(1));
        state.round = 0;
        QCOMPARE(*state.ringingRound(), QList<DialTarget> { Alice });
        state.round = 2;
        QCOMPARE(*state.ringingRound(), QList<DialTarget> { Office });
        state.round = -1;
        QCOMPARE(state.ringingRound(), nullptr);
        state.round = 3;
        QCOMPARE(state.ringingRound(), nullptr);
        state.rounds.clear();
        state.round = 0;
        QCOMPARE(state.ringingRound(), nullptr);
    }

    void ringingTarget()
    {
        CallState state = busyState(); // Bob and Carol ring now
        QCOMPARE(state.ringingTarget(u"carol"_s), &state.rounds.at(1).at(1));
        QCOMPARE(*state.ringingTarget(u"bob"_s), Bob);
        // Alice is in the chain, but not in the round that rings now.
        QCOMPARE(state.ringingTarget(u"alice"_s), nullptr);
        QCOMPARE(state.ringingTarget(u"zed"_s), nullptr);
        QCOMPARE(state.ringingTarget(QString()), nullptr);

        // A number is nobody's: an empty staff id never finds it.
        state.round = 2;
        QCOMPARE(state.ringingTarget(QString()), nullptr);
        state.round = -1;
        QCOMPARE(state.ringingTarget(u"bob"_s), nullptr);
    }

    void answeringTarget()
    {
        CallState state = busyState(); // Bob and Carol ring now
        QCOMPARE(*state.answeringTarget(u"carol"_s), Carol);
        // Two ring at once: without an id, nobody in particular took the call.
        QCOMPARE(state.answeringTarget(QString()), nullptr);
        // A number rings alone, with no staff id: it is the one who answered.
        state.round = 2;
        QCOMPARE(*state.answeringTarget(QString()), Office);
        state.round = 0;
        QCOMPARE(*state.answeringTarget(QString()), Alice);
        // Someone who is not in the round did not take the call, even from a round of one.
        QCOMPARE(state.answeringTarget(u"bob"_s), nullptr);
        state.round = -1;
        QCOMPARE(state.answeringTarget(u"bob"_s), nullptr);
    }
};

QTEST_GUILESS_MAIN(TestCallState)
#include "tst_callstate.moc"
