// The live monitor's model: what each call is doing in plain words, who is being rung by name
// (read from the routing engine's state, not from a translated sentence), and the step's clock.
#include "calls/livecallsmodel.h"
#include "routing/callstate.h"
#include "storage/callstore.h"

#include <QLocale>
#include <QTest>

using namespace Qt::StringLiterals;

class TestLiveCallsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesWhoIsRinging();
    void theNextPersonStartsTheStepClockAgain();
    void aRoundRungAllAtOnceNamesEveryone();

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
    // A staff member without a name is shown by number.
    model.updateSession(ringing(0, { { Carol } }));
    QCOMPARE(step(model), u"Ringing +15551110003"_s);
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

QTEST_MAIN(TestLiveCallsModel)
#include "tst_livecallsmodel.moc"
