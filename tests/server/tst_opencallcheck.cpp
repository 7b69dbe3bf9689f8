// Tests OpenCallCheck through a real router start: calls left open by a stop are closed as Twilio's own
// record of them says (status, duration, end), a call still going on at Twilio stays open for its status
// callback, and a call Twilio does not know is left to the four-hour sweep.
#include "calllogtestnames.h"
#include "datadir/datadirectory.h"
#include "faketwiliorest.h"
#include "routing/callrouter.h"
#include "routing/opencallcheck.h"
#include "server/routerservice.h"
#include "settings/settings.h"
#include "storage/callstore.h"
#include "tempdatadir.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString AccountSid = u"AC0123456789abcdef0123456789abcdef"_s;
const QString AuthToken = u"tok9f8e7d6c5b4a39281706f5e4d3c2b1a0"_s;

QString callSid(int n)
{
    return u"CA"_s + QString::number(n).repeated(32).left(32);
}
} // namespace

class TestOpenCallCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void callsThatEndedWhileNobodyListenedCloseAsTwilioSays();
    void withoutTwilioNothingIsAsked();

private:
    void openCall(DataDirectory &data, const QString &sid, int minutesAgo, const QString &stage);
};

void TestOpenCallCheck::openCall(DataDirectory &data, const QString &sid, int minutesAgo, const QString &stage)
{
    CallSessionRecord session;
    session.callSid = sid;
    session.from = u"+15551112222"_s;
    session.to = u"+15557654321"_s;
    session.startedAt = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo);
    session.stage = CallLogTestNames::stage(stage);
    session.lastStatus = u"in-progress"_s;
    QString error;
    QVERIFY2(CallStore(data.database()).createSession(session, &error), qPrintable(error));
}

void TestOpenCallCheck::callsThatEndedWhileNobodyListenedCloseAsTwilioSays()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    TempDataDir dir;
    DataDirectory admin(dir.path());
    QString error;
    QVERIFY2(admin.open(&error), qPrintable(error));
    FakeTwilioRest twilio(AccountSid, AuthToken.toUtf8());
    QVERIFY(twilio.listen());
    for (const auto &[key, value] : { std::pair { u"twilio.account_sid"_s, AccountSid },
             { u"twilio.auth_token"_s, AuthToken }, { u"twilio.api_base"_s, twilio.baseUrl().toString() } })
        QVERIFY2(admin.settings().set(key, value, &error), qPrintable(error));

    // Left open by the stop: talked to a person, then hung up; rang out; still talking; unknown to Twilio.
    openCall(admin, callSid(1), 20, u"answered"_s);
    openCall(admin, callSid(2), 10, u"ringing"_s);
    openCall(admin, callSid(3), 5, u"answered"_s);
    openCall(admin, callSid(4), 3, u"ringing"_s);
    const QDateTime firstEnded = QDateTime::currentDateTimeUtc().addSecs(-18 * 60);
    const QDateTime secondEnded = QDateTime::currentDateTimeUtc().addSecs(-9 * 60);
    twilio.addCall(callSid(1), u"completed"_s, 95, firstEnded);
    twilio.addCall(callSid(2), u"completed"_s, 40, secondEnded);
    twilio.addCall(callSid(3), u"in-progress"_s);

    RouterService service(dir.path());
    QVERIFY2(service.start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    QSignalSpy finished(service.openCallCheck(), &OpenCallCheck::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toInt(), 4);
    QCOMPARE(finished.first().at(1).toInt(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(service.router()->logInDatabase(), 10000);

    CallStore calls(admin.database());
    const std::optional<CallSessionRecord> talked = calls.findSession(callSid(1));
    QVERIFY(talked);
    QCOMPARE(talked->outcome, CallOutcome::Answered);
    QCOMPARE(talked->durationSeconds, 95);
    QCOMPARE(talked->endedAt.toSecsSinceEpoch(), firstEnded.toSecsSinceEpoch());
    QCOMPARE(talked->lastStatus, u"completed"_s);
    const QList<CallEventRecord> events = calls.events(callSid(1));
    QVERIFY(!events.isEmpty());
    QVERIFY2(events.last().detail.contains(u"Twilio's own record of the call"_s), qPrintable(events.last().detail));
    QVERIFY2(events.last().detail.contains(u"ended (completed) after 95 s: a person took it."_s), qPrintable(events.last().detail));

    const std::optional<CallSessionRecord> rang = calls.findSession(callSid(2));
    QVERIFY(rang && rang->outcome != CallOutcome::Ongoing);
    QCOMPARE(rang->durationSeconds, 40);
    QCOMPARE(calls.findSession(callSid(3))->outcome, CallOutcome::Ongoing);
    QCOMPARE(calls.findSession(callSid(4))->outcome, CallOutcome::Ongoing);
}

void TestOpenCallCheck::withoutTwilioNothingIsAsked()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    TempDataDir dir;
    DataDirectory admin(dir.path());
    QString error;
    QVERIFY2(admin.open(&error), qPrintable(error));
    openCall(admin, callSid(1), 20, u"answered"_s);
    RouterService service(dir.path());
    QVERIFY2(service.start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    QSignalSpy finished(service.openCallCheck(), &OpenCallCheck::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toInt(), 0);
    QCOMPARE(CallStore(admin.database()).findSession(callSid(1))->outcome, CallOutcome::Ongoing);
}

QTEST_GUILESS_MAIN(TestOpenCallCheck)
#include "tst_opencallcheck.moc"
