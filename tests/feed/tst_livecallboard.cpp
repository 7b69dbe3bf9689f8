// Tests of LiveCallBoard: a snapshot replaces the calls, sessions add and update them, events join their
// call (a bounded few), ended calls stay a minute, and repeated or missing numbers are noticed.
#include "feed/livecallboard.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime s_now(QDate(2026, 3, 2), QTime(14, 5, 0), Qt::UTC);

FeedSession call(const QString &callSid, CallStage stage = CallStage::Ringing)
{
    FeedSession session;
    session.call.session.callSid = callSid;
    session.call.session.from = u"+15551234567"_s;
    session.call.session.to = u"+15557654321"_s;
    session.call.session.startedAt = s_now.addSecs(-30);
    session.call.session.stage = stage;
    return session;
}

FeedSession ended(const QString &callSid)
{
    FeedSession session = call(callSid, CallStage::Answered);
    session.call.session.endedAt = s_now;
    session.call.session.durationSeconds = 30;
    session.call.session.outcome = CallOutcome::Answered;
    return session;
}

FeedMessage eventOf(qint64 seq, const QString &callSid, const QString &detail)
{
    CallEventRecord event;
    event.callSid = callSid;
    event.at = s_now;
    event.step = Step::StatusChanged;
    event.detail = detail;
    return FeedMessage::eventRecorded(seq, event);
}

QStringList callSids(const LiveCallBoard &board)
{
    QStringList sids;
    for (const LiveCall &call : board.calls())
        sids.append(call.session.call.session.callSid);
    return sids;
}

QStringList firstArguments(const QSignalSpy &spy)
{
    QStringList values;
    for (const QList<QVariant> &arguments : spy)
        values.append(arguments.at(0).toString());
    return values;
}

} // namespace

class tst_LiveCallBoard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aSnapshotReplacesEverything();
    void aSessionAddsOrUpdatesItsCall();
    void aSessionThatChangesNothingShownIsNoChange();
    void eventsJoinTheirCallBoundedPerCall();
    void anEventOfAnUnknownCallIsSkipped();
    void endedCallsStayAMinute();
    void aCallEndedInTheSnapshotStaysAMinuteToo();
    void repeatedNumbersAreIgnored();
    void aGapIsNoticed();
    void numbersNeedNotFollowOnAcrossASnapshot();
    void resultsAndCommandsChangeNothing();
    void clearForgetsTheNumbering();
};

void tst_LiveCallBoard::aSnapshotReplacesEverything()
{
    LiveCallBoard board;
    QSignalSpy added(&board, &LiveCallBoard::callAdded);
    QSignalSpy changed(&board, &LiveCallBoard::callChanged);
    QSignalSpy removed(&board, &LiveCallBoard::callRemoved);
    QVERIFY(board.apply(FeedMessage::snapshot(10, { call(u"CA1"_s), call(u"CA2"_s) }), s_now));
    QCOMPARE(callSids(board), QStringList({ u"CA1"_s, u"CA2"_s }));
    QCOMPARE(firstArguments(added), QStringList({ u"CA1"_s, u"CA2"_s }));
    QCOMPARE(board.lastSeq(), std::optional<qint64>(10));

    // The next snapshot (after a reconnection): CA1 is gone, CA2 moved on, CA3 is new.
    added.clear();
    QVERIFY(board.apply(
        FeedMessage::snapshot(20, { call(u"CA2"_s, CallStage::Answered), call(u"CA3"_s) }), s_now));
    QCOMPARE(callSids(board), QStringList({ u"CA2"_s, u"CA3"_s }));
    QCOMPARE(firstArguments(removed), QStringList({ u"CA1"_s }));
    QCOMPARE(firstArguments(changed), QStringList({ u"CA2"_s }));
    QCOMPARE(firstArguments(added), QStringList({ u"CA3"_s }));
    QCOMPARE(board.call(u"CA2"_s)->session.stageName(), u"talking"_s);
    QCOMPARE(board.call(u"CA1"_s), nullptr);

    QVERIFY(board.apply(FeedMessage::snapshot(21, {}), s_now));
    QVERIFY(board.calls().isEmpty());
}

void tst_LiveCallBoard::aSessionAddsOrUpdatesItsCall()
{
    LiveCallBoard board;
    QSignalSpy added(&board, &LiveCallBoard::callAdded);
    QSignalSpy changed(&board, &LiveCallBoard::callChanged);
    board.apply(FeedMessage::snapshot(1, {}), s_now);
    QVERIFY(board.apply(FeedMessage::sessionChanged(2, call(u"CA1"_s)), s_now));
    QCOMPARE(firstArguments(added), QStringList({ u"CA1"_s }));
    QVERIFY(changed.isEmpty());

    FeedSession talking = call(u"CA1"_s, CallStage::Answered);
    talking.with = FeedParty { u"alice"_s, u"Alice Ng"_s, u"+15551110001"_s };
    QVERIFY(board.apply(FeedMessage::sessionChanged(3, talking), s_now));
    QCOMPARE(firstArguments(changed), QStringList({ u"CA1"_s }));
    QCOMPARE(board.calls().size(), 1);
    QCOMPARE(board.call(u"CA1"_s)->session.stageName(), u"talking"_s);
    QCOMPARE(board.call(u"CA1"_s)->session.with->name, u"Alice Ng"_s);
    QVERIFY(!board.call(u"CA1"_s)->endedSeenAt.isValid());
}

void tst_LiveCallBoard::aSessionThatChangesNothingShownIsNoChange()
{
    LiveCallBoard board;
    QSignalSpy changed(&board, &LiveCallBoard::callChanged);
    board.apply(FeedMessage::snapshot(1, { call(u"CA1"_s) }), s_now);
    QVERIFY(board.apply(FeedMessage::sessionChanged(2, call(u"CA1"_s)), s_now));
    QVERIFY(changed.isEmpty());
    QCOMPARE(board.lastSeq(), std::optional<qint64>(2));
}

void tst_LiveCallBoard::eventsJoinTheirCallBoundedPerCall()
{
    LiveCallBoard board;
    QSignalSpy changed(&board, &LiveCallBoard::callChanged);
    board.apply(FeedMessage::snapshot(1, { call(u"CA1"_s), call(u"CA2"_s) }), s_now);
    const int many = LiveCallBoard::KeptEvents + 5;
    for (int i = 1; i <= many; ++i)
        QVERIFY(board.apply(eventOf(1 + i, u"CA1"_s, u"event %1"_s.arg(i)), s_now));
    QVERIFY(board.apply(eventOf(many + 2, u"CA2"_s, u"other"_s), s_now));

    const QList<CallEventRecord> &events = board.call(u"CA1"_s)->recentEvents;
    QCOMPARE(events.size(), LiveCallBoard::KeptEvents);
    QCOMPARE(events.first().detail, u"event 6"_s);
    QCOMPARE(events.last().detail, u"event %1"_s.arg(many));
    QCOMPARE(board.call(u"CA2"_s)->recentEvents.size(), 1);
    QCOMPARE(changed.size(), many + 1);
}

void tst_LiveCallBoard::anEventOfAnUnknownCallIsSkipped()
{
    LiveCallBoard board;
    QSignalSpy added(&board, &LiveCallBoard::callAdded);
    board.apply(FeedMessage::snapshot(1, {}), s_now);
    QVERIFY(board.apply(eventOf(2, u"CA9"_s, u"late"_s), s_now));
    QVERIFY(board.calls().isEmpty());
    QVERIFY(added.isEmpty());
    QCOMPARE(board.lastSeq(), std::optional<qint64>(2));
}

void tst_LiveCallBoard::endedCallsStayAMinute()
{
    LiveCallBoard board;
    QSignalSpy removed(&board, &LiveCallBoard::callRemoved);
    board.apply(FeedMessage::snapshot(1, { call(u"CA1"_s), call(u"CA2"_s) }), s_now);
    const QDateTime endedAt = s_now.addSecs(5);
    QVERIFY(board.apply(FeedMessage::sessionChanged(2, ended(u"CA1"_s)), endedAt));
    QCOMPARE(board.call(u"CA1"_s)->endedSeenAt, endedAt);

    board.expire(endedAt.addSecs(59));
    QCOMPARE(callSids(board), QStringList({ u"CA1"_s, u"CA2"_s }));
    // A later word about it (its recording saved) does not restart its minute.
    QVERIFY(board.apply(eventOf(3, u"CA1"_s, u"Recording saved."_s), endedAt.addSecs(30)));
    QCOMPARE(board.call(u"CA1"_s)->endedSeenAt, endedAt);
    board.expire(endedAt.addSecs(60));
    QCOMPARE(callSids(board), QStringList({ u"CA2"_s }));
    QCOMPARE(firstArguments(removed), QStringList({ u"CA1"_s }));
    // Calls still going on stay however long they take.
    board.expire(endedAt.addSecs(3600));
    QCOMPARE(callSids(board), QStringList({ u"CA2"_s }));
}

// The router's snapshot holds the calls that ended in its last minute; this seat shows them a minute from
// when it learnt of them, whatever the router's clock says.
void tst_LiveCallBoard::aCallEndedInTheSnapshotStaysAMinuteToo()
{
    LiveCallBoard board;
    QVERIFY(board.apply(FeedMessage::snapshot(7, { ended(u"CA1"_s) }), s_now.addSecs(600)));
    board.expire(s_now.addSecs(600 + 59));
    QCOMPARE(board.calls().size(), 1);
    board.expire(s_now.addSecs(600 + 60));
    QCOMPARE(board.calls().size(), 0);
}

void tst_LiveCallBoard::repeatedNumbersAreIgnored()
{
    LiveCallBoard board;
    QSignalSpy changed(&board, &LiveCallBoard::callChanged);
    board.apply(FeedMessage::snapshot(10, { call(u"CA1"_s) }), s_now);
    QVERIFY(board.apply(FeedMessage::sessionChanged(11, call(u"CA1"_s, CallStage::Answered)), s_now));
    // A repeat of an older state (after a reconnection from an older number) must not turn the call back.
    QVERIFY(!board.apply(FeedMessage::sessionChanged(11, call(u"CA1"_s, CallStage::Menu)), s_now));
    QVERIFY(!board.apply(FeedMessage::sessionChanged(9, call(u"CA1"_s, CallStage::Menu)), s_now));
    QVERIFY(!board.apply(eventOf(10, u"CA1"_s, u"old"_s), s_now));
    QCOMPARE(board.call(u"CA1"_s)->session.stageName(), u"talking"_s);
    QVERIFY(board.call(u"CA1"_s)->recentEvents.isEmpty());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(board.lastSeq(), std::optional<qint64>(11));
}

void tst_LiveCallBoard::aGapIsNoticed()
{
    LiveCallBoard board;
    QSignalSpy gaps(&board, &LiveCallBoard::gapNoticed);
    board.apply(FeedMessage::snapshot(10, { call(u"CA1"_s) }), s_now);
    board.apply(FeedMessage::sessionChanged(11, call(u"CA1"_s, CallStage::Menu)), s_now);
    QVERIFY(gaps.isEmpty());
    // 12 and 13 never came: what they said is missing, yet the newer state is still the best to show.
    QVERIFY(board.apply(FeedMessage::sessionChanged(14, call(u"CA1"_s, CallStage::Answered)), s_now));
    QCOMPARE(gaps.size(), 1);
    QCOMPARE(gaps.first().at(0).toLongLong(), 11);
    QCOMPARE(gaps.first().at(1).toLongLong(), 14);
    QCOMPARE(board.call(u"CA1"_s)->session.stageName(), u"talking"_s);
    QVERIFY(board.apply(eventOf(15, u"CA1"_s, u"next"_s), s_now));
    QCOMPARE(gaps.size(), 1);
}

void tst_LiveCallBoard::numbersNeedNotFollowOnAcrossASnapshot()
{
    LiveCallBoard board;
    QSignalSpy gaps(&board, &LiveCallBoard::gapNoticed);
    board.apply(FeedMessage::snapshot(10, { call(u"CA1"_s) }), s_now);
    board.apply(FeedMessage::sessionChanged(11, call(u"CA1"_s, CallStage::Menu)), s_now);
    // A reconnection whose backlog was gone: a snapshot much later on.
    QVERIFY(board.apply(FeedMessage::snapshot(500, { call(u"CA1"_s, CallStage::Answered) }), s_now));
    QVERIFY(board.apply(FeedMessage::sessionChanged(501, call(u"CA1"_s, CallStage::Answered)), s_now));
    // A router that restarted counts from anew: its snapshot is still the whole picture.
    QVERIFY(board.apply(FeedMessage::snapshot(1, { call(u"CA7"_s) }), s_now));
    QCOMPARE(callSids(board), QStringList({ u"CA7"_s }));
    QVERIFY(board.apply(FeedMessage::sessionChanged(2, call(u"CA7"_s, CallStage::Menu)), s_now));
    QVERIFY(gaps.isEmpty());
}

void tst_LiveCallBoard::resultsAndCommandsChangeNothing()
{
    LiveCallBoard board;
    board.apply(FeedMessage::snapshot(3, { call(u"CA1"_s) }), s_now);
    QVERIFY(!board.apply(FeedMessage::result(u"c-1"_s, true), s_now));
    FeedCommand command;
    command.id = u"c-2"_s;
    command.callSid = u"CA1"_s;
    QVERIFY(!board.apply(FeedMessage::commandMessage(command), s_now));
    QCOMPARE(board.calls().size(), 1);
    QCOMPARE(board.lastSeq(), std::optional<qint64>(3));
}

void tst_LiveCallBoard::clearForgetsTheNumbering()
{
    LiveCallBoard board;
    QSignalSpy removed(&board, &LiveCallBoard::callRemoved);
    board.apply(FeedMessage::snapshot(30, { call(u"CA1"_s), call(u"CA2"_s) }), s_now);
    board.clear();
    QVERIFY(board.calls().isEmpty());
    QCOMPARE(removed.size(), 2);
    QVERIFY(!board.lastSeq());
    QVERIFY(board.apply(FeedMessage::sessionChanged(5, call(u"CA3"_s)), s_now));
}

QTEST_GUILESS_MAIN(tst_LiveCallBoard)
#include "tst_livecallboard.moc"
