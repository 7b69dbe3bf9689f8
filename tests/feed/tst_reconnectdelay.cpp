// Tests of ReconnectDelay: waits double up to the longest, are shortened a little at random, and start
// again after a connection that held.
#include "feed/reconnectdelay.h"

#include <QTest>

using namespace std::chrono_literals;

class tst_ReconnectDelay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theContractsWaits();
    void jitterOnlyShortens();
    void aLastingConnectionStartsAgain();
    void manyFailuresStayAtTheLongest();
};

void tst_ReconnectDelay::theContractsWaits()
{
    ReconnectDelay::Schedule schedule;
    schedule.jitter = 0;
    ReconnectDelay delay(schedule);
    QList<qint64> waits;
    for (int i = 0; i < 8; ++i)
        waits.append(delay.next().count());
    QCOMPARE(waits, QList<qint64>({ 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000 }));
}

void tst_ReconnectDelay::jitterOnlyShortens()
{
    ReconnectDelay delay; // the default: up to a fifth shorter
    QCOMPARE(delay.schedule().jitter, 0.2);
    bool varied = false;
    std::chrono::milliseconds previous {};
    for (int i = 0; i < 200; ++i) {
        delay.reset();
        const std::chrono::milliseconds wait = delay.next();
        QVERIFY2(wait >= 800ms && wait <= 1000ms, qPrintable(QString::number(wait.count())));
        varied = varied || (i > 0 && wait != previous);
        previous = wait;
    }
    QVERIFY(varied);
    for (int i = 0; i < 20; ++i) {
        const std::chrono::milliseconds wait = delay.next();
        QVERIFY(wait <= 30s);
    }
    QVERIFY(delay.next() >= 24s);
}

void tst_ReconnectDelay::aLastingConnectionStartsAgain()
{
    ReconnectDelay::Schedule schedule;
    schedule.jitter = 0;
    ReconnectDelay delay(schedule);
    delay.next();
    delay.next();
    delay.connectionHeld(3s); // dropped soon after it opened: still backing off
    QCOMPARE(delay.next(), 4000ms);
    delay.connectionHeld(schedule.lasting);
    QCOMPARE(delay.failures(), 0);
    QCOMPARE(delay.next(), 1000ms);
}

void tst_ReconnectDelay::manyFailuresStayAtTheLongest()
{
    ReconnectDelay::Schedule schedule;
    schedule.jitter = 0;
    ReconnectDelay delay(schedule);
    for (int i = 0; i < 5000; ++i)
        delay.next();
    QCOMPARE(delay.next(), 30000ms);
}

QTEST_GUILESS_MAIN(tst_ReconnectDelay)
#include "tst_reconnectdelay.moc"
