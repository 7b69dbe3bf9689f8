// SessionCache: which sessions the router keeps in memory, and when it lets them go.
#include "routing/sessioncache.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

CallSessionRecord session(const QString &sid, bool ended = false)
{
    CallSessionRecord s;
    s.callSid = sid;
    s.startedAt = QDateTime::currentDateTimeUtc();
    if (ended)
        s.endedAt = s.startedAt.addSecs(30);
    return s;
}

CallLogChange change(const CallSessionRecord &s)
{
    return { s, {}, false };
}

} // namespace

class TestSessionCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsTheLatestStateOfACall()
    {
        SessionCache cache;
        QVERIFY(!cache.find(u"CA1"_s));
        CallSessionRecord s = session(u"CA1"_s);
        s.stage = CallStage::Registering;
        cache.put(s, 1);
        s.stage = CallStage::Agent;
        cache.put(s, 2);
        QVERIFY(cache.find(u"CA1"_s));
        QCOMPARE(cache.find(u"CA1"_s)->stage, CallStage::Agent);
        QCOMPARE(cache.size(), 1);
    }

    void callsInProgressStayAfterTheirCommit()
    {
        SessionCache cache;
        const CallSessionRecord s = session(u"CA1"_s);
        cache.put(s, 1);
        cache.committed({ change(s) }, 1);
        QVERIFY(cache.find(u"CA1"_s));
    }

    void endedCallsGoOnceTheirLastChangeIsCommitted()
    {
        SessionCache cache;
        const CallSessionRecord ended = session(u"CA1"_s, true);
        cache.put(ended, 1);
        cache.committed({}, 0);
        QVERIFY2(cache.find(u"CA1"_s), "not committed yet: the database does not have it");
        cache.committed({ change(ended) }, 1);
        QVERIFY(!cache.find(u"CA1"_s));
        QCOMPARE(cache.size(), 0);
    }

    void aLaterQueuedChangeKeepsTheSession()
    {
        // The ending is committed while a repeat of the status callback is still queued.
        SessionCache cache;
        const CallSessionRecord ended = session(u"CA1"_s, true);
        cache.put(ended, 1);
        cache.put(ended, 2);
        cache.committed({ change(ended) }, 1);
        QVERIFY(cache.find(u"CA1"_s));
        cache.committed({ change(ended) }, 2);
        QVERIFY(!cache.find(u"CA1"_s));
    }

    void overCapacityTheOldestCommittedSessionsGo()
    {
        SessionCache cache(3);
        for (int i = 1; i <= 3; ++i)
            cache.put(session(u"CA%1"_s.arg(i)), quint64(i));
        cache.committed({}, 2); // CA1 and CA2 are in the database, CA3 is not yet
        cache.put(session(u"CA4"_s), 4);
        QCOMPARE(cache.size(), 3);
        QVERIFY2(!cache.find(u"CA1"_s), "the oldest committed session makes room");
        QVERIFY(cache.find(u"CA2"_s));
        cache.put(session(u"CA5"_s), 5);
        QVERIFY(!cache.find(u"CA2"_s));
        // Nothing uncommitted is ever let go, even past the capacity.
        cache.put(session(u"CA6"_s), 6);
        QCOMPARE(cache.size(), 4);
        QVERIFY(cache.find(u"CA3"_s) && cache.find(u"CA5"_s) && cache.find(u"CA6"_s));
        cache.committed({}, 6);
        QCOMPARE(cache.size(), 3);
        QVERIFY(!cache.find(u"CA3"_s));
    }

    void aRecentWriteProtectsAnOldCall()
    {
        // CA1 was created first but written again last: CA2 is the one to go.
        SessionCache cache(2);
        cache.put(session(u"CA1"_s), 1);
        cache.put(session(u"CA2"_s), 2);
        cache.put(session(u"CA1"_s), 3);
        cache.committed({}, 3);
        cache.put(session(u"CA3"_s), 4);
        QVERIFY(cache.find(u"CA1"_s));
        QVERIFY(!cache.find(u"CA2"_s));
        QVERIFY(cache.find(u"CA3"_s));
    }

    void manyWebhooksOfFewCallsStayBounded()
    {
        SessionCache cache;
        quint64 sequence = 0;
        for (int round = 0; round < 10000; ++round) {
            for (int call = 0; call < 5; ++call)
                cache.put(session(u"CA%1"_s.arg(call)), ++sequence);
            cache.committed({}, sequence);
        }
        QCOMPARE(cache.size(), 5);
        QVERIFY2(cache.orderLength() <= 2 * cache.size() + 64 + 1,
            qPrintable(u"order list holds %1 writes"_s.arg(cache.orderLength())));
    }
};

QTEST_GUILESS_MAIN(TestSessionCache)
#include "tst_sessioncache.moc"
