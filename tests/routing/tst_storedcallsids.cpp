// StoredCallSids: which CallSids may have a stored session, so that a new call skips the query.
#include "routing/storedcallsids.h"
#include "storage/callstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

CallSessionRecord session(const QString &sid, const QDateTime &startedAt)
{
    CallSessionRecord s;
    s.callSid = sid;
    s.from = u"+15551234567"_s;
    s.to = u"+15557654321"_s;
    s.startedAt = startedAt;
    return s;
}

} // namespace

class TestStoredCallSids : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knowsTheRecentSessionsOfTheDatabase()
    {
        TempDataDir dir;
        Database db(dir.filePath(u"calls.db"_s));
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        CallStore calls(db);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString recent = u"CA00000000000000000000000000000001"_s;
        const QString yesterday = u"CA00000000000000000000000000000002"_s;
        const QString lastWeek = u"CA00000000000000000000000000000003"_s;
        QVERIFY2(calls.createSession(session(recent, now.addSecs(-60)), &error), qPrintable(error));
        QVERIFY2(calls.createSession(session(yesterday, now.addSecs(-30 * 3600)), &error), qPrintable(error));
        QVERIFY2(calls.createSession(session(lastWeek, now.addDays(-7)), &error), qPrintable(error));

        StoredCallSids stored(calls);
        QVERIFY(stored.mayHave(recent));
        QVERIFY(stored.mayHave(yesterday)); // a day and more: still within two horizons
        // A week-old call gets no more webhooks; a new CallSid has no session at all.
        QVERIFY(!stored.mayHave(lastWeek));
        QVERIFY(!stored.mayHave(u"CA00000000000000000000000000000004"_s));
        QCOMPARE(stored.size(), 2);
    }

    void knowsWhatIsStoredFromNowOn()
    {
        TempDataDir dir;
        Database db(dir.filePath(u"calls.db"_s));
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        CallStore calls(db);
        StoredCallSids stored(calls);
        const QString sid = u"CA00000000000000000000000000000005"_s;
        // Added before the first question: the session may not be committed when the load reads.
        stored.add(sid);
        QVERIFY(stored.mayHave(sid));
        const QString later = u"CA00000000000000000000000000000006"_s;
        QVERIFY(!stored.mayHave(later));
        stored.add(later);
        QVERIFY(stored.mayHave(later));
    }

    void asksTheDatabaseWhenItCannotReadIt()
    {
        // A database that cannot be read leaves nothing known: every CallSid is then looked up,
        // never taken for new.
        TempDataDir dir;
        Database db(dir.filePath(u"never-opened.db"_s));
        CallStore calls(db);
        StoredCallSids stored(calls);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Cannot prepare"_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Cannot read the recent calls"_s));
        QVERIFY(stored.mayHave(u"CA00000000000000000000000000000007"_s));
    }
};

QTEST_GUILESS_MAIN(TestStoredCallSids)
#include "tst_storedcallsids.moc"
