// Tests RequestFramer: where requests begin and end, whatever way their bytes are split, and which
// requests are refused from their head, before their body is read.
#include "server/requestframer.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QByteArray Webhook = "POST /twilio/voice/tok?x=%7e&y={a}|b HTTP/1.1\r\n"
                           "Host: example.com\r\n"
                           "Content-Type: application/x-www-form-urlencoded\r\n"
                           "Content-Length: 11\r\n"
                           "\r\n"
                           "CallSid=CA1";

RequestFramer::Limits smallLimits()
{
    RequestFramer::Limits limits;
    limits.maxHeadBytes = 256;
    limits.maxBodyBytes = 64;
    return limits;
}

} // namespace

class TestRequestFramer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wholeRequestGivesItsRawTarget();
    void anySplitOfTheBytesFramesTheSame();
    void pipelinedRequestsComeOutInOrder();
    void requestWithoutBodyEndsWithItsHead();
    void bareLineFeedsAndLeadingBlankLinesAreAccepted();
    void refusals_data();
    void refusals();
    void oversizeBodyIsRefusedFromItsHeadAlone();
    void endlessBlankLinesAreRefused();
    void nothingIsTakenAfterARefusal();
    void pendingBytesCountTheUnfinishedRequest();
};

void TestRequestFramer::wholeRequestGivesItsRawTarget()
{
    RequestFramer framer({});
    QVERIFY(framer.feed(Webhook));
    QVERIFY(!framer.inRequest());
    QCOMPARE(framer.takeCompleted(), QList<QByteArray> { "/twilio/voice/tok?x=%7e&y={a}|b"_ba });
    QVERIFY(framer.takeCompleted().isEmpty());
}

void TestRequestFramer::anySplitOfTheBytesFramesTheSame()
{
    const QByteArray twoRequests = Webhook + Webhook;
    for (qsizetype split = 0; split <= twoRequests.size(); ++split) {
        RequestFramer framer({});
        QVERIFY(framer.feed(QByteArrayView(twoRequests).first(split)));
        QVERIFY(framer.feed(QByteArrayView(twoRequests).sliced(split)));
        QCOMPARE(framer.takeCompleted().size(), 2);
        QVERIFY2(!framer.inRequest(), qPrintable(QString::number(split)));
    }
    // One byte at a time.
    RequestFramer framer({});
    for (char c : twoRequests) {
        QVERIFY(framer.feed(QByteArrayView(&c, 1)));
    }
    QCOMPARE(framer.takeCompleted().size(), 2);
}

void TestRequestFramer::pipelinedRequestsComeOutInOrder()
{
    RequestFramer framer({});
    QVERIFY(framer.feed("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b?c=d HTTP/1.1\r\nHost: x\r\n\r\nGET /c"));
    QCOMPARE(framer.takeCompleted(), (QList<QByteArray> { "/a"_ba, "/b?c=d"_ba }));
    QVERIFY(framer.inRequest());
    QVERIFY(framer.feed(" HTTP/1.1\r\n\r\n"));
    QCOMPARE(framer.takeCompleted(), QList<QByteArray> { "/c"_ba });
}

void TestRequestFramer::requestWithoutBodyEndsWithItsHead()
{
    RequestFramer framer({});
    QVERIFY(framer.feed("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
    QCOMPARE(framer.takeCompleted().size(), 1);
    QVERIFY(!framer.inRequest());
}

void TestRequestFramer::bareLineFeedsAndLeadingBlankLinesAreAccepted()
{
    // As the HTTP server itself reads them: blank lines before a request are skipped, and a line
    // may end with a bare line feed.
    RequestFramer framer({});
    QVERIFY(framer.feed("\r\n\r\nPOST /p HTTP/1.1\nContent-Length: 2\n\nabGET /q HTTP/1.0\n\n"));
    QCOMPARE(framer.takeCompleted(), (QList<QByteArray> { "/p"_ba, "/q"_ba }));
}

void TestRequestFramer::refusals_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    const QByteArray head = "POST /twilio/voice HTTP/1.1\r\nHost: x\r\n";
    QTest::newRow("head too large") << head + "X-Flood: " + QByteArray(300, 'a') + "\r\n" << 431;
    QTest::newRow("request line too large") << "GET /" + QByteArray(300, 'a') << 431;
    QTest::newRow("body too large") << head + "Content-Length: 65\r\n\r\n" << 413;
    QTest::newRow("huge content length") << head + "Content-Length: 1073741824\r\n" << 413;
    QTest::newRow("content length beyond 64 bits") << head + "Content-Length: 99999999999999999999999\r\n"
                                                   << 400;
    QTest::newRow("content length not a number") << head + "Content-Length: 12x\r\n" << 400;
    QTest::newRow("negative content length") << head + "Content-Length: -1\r\n" << 400;
    QTest::newRow("two different content lengths") << head + "Content-Length: 5\r\nContent-Length: 6\r\n"
                                                   << 400;
    QTest::newRow("chunked body") << head + "Transfer-Encoding: chunked\r\n" << 411;
    QTest::newRow("connection upgrade") << head + "Connection: Upgrade\r\nUpgrade: websocket\r\n" << 400;
    QTest::newRow("folded header") << head + "X-A: 1\r\n  continued\r\n" << 400;
    QTest::newRow("space before the colon") << head + "Content-Length : 5\r\n" << 400;
    QTest::newRow("header without colon") << head + "Nonsense\r\n" << 400;
    QTest::newRow("not http") << "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\n"_ba << 400;
    QTest::newRow("absolute target") << "GET http://evil.example/ HTTP/1.1\r\n"_ba << 400;
    QTest::newRow("no version") << "GET /\r\n"_ba << 400;
}

void TestRequestFramer::refusals()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    RequestFramer framer(smallLimits());
    QVERIFY(!framer.feed(bytes));
    QVERIFY(framer.refused());
    QCOMPARE(framer.refusal().status, status);
    QVERIFY(!framer.refusal().reason.isEmpty());
    QVERIFY(framer.takeCompleted().isEmpty());
}

void TestRequestFramer::oversizeBodyIsRefusedFromItsHeadAlone()
{
    RequestFramer framer({});
    QVERIFY(!framer.feed("POST /twilio/voice HTTP/1.1\r\nContent-Length: 65537\r\n"));
    QCOMPARE(framer.refusal().status, 413);
    QCOMPARE(framer.refusal().reason, "The request body is larger than 64 KiB."_ba);
    // Exactly at the limit is fine.
    RequestFramer atLimit({});
    QVERIFY(atLimit.feed("POST /twilio/voice HTTP/1.1\r\nContent-Length: 65536\r\n\r\n"));
    QVERIFY(atLimit.feed(QByteArray(65536, 'a')));
    QCOMPARE(atLimit.takeCompleted().size(), 1);
}

void TestRequestFramer::endlessBlankLinesAreRefused()
{
    RequestFramer framer(smallLimits());
    bool ok = true;
    for (int i = 0; i < 200 && ok; ++i)
        ok = framer.feed("\r\n");
    QVERIFY(!ok);
    QCOMPARE(framer.refusal().status, 431);
}

void TestRequestFramer::nothingIsTakenAfterARefusal()
{
    RequestFramer framer(smallLimits());
    QVERIFY(!framer.feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"));
    QVERIFY(!framer.feed("\r\nGET / HTTP/1.1\r\n\r\n"));
    QVERIFY(framer.takeCompleted().isEmpty());
}

void TestRequestFramer::pendingBytesCountTheUnfinishedRequest()
{
    RequestFramer framer({});
    QCOMPARE(framer.pendingBytes(), 0);
    const QByteArray half = Webhook.first(Webhook.size() - 4);
    QVERIFY(framer.feed(half));
    QCOMPARE(framer.pendingBytes(), half.size());
    QVERIFY(framer.feed(Webhook.sliced(half.size())));
    QCOMPARE(framer.pendingBytes(), 0);
}

QTEST_GUILESS_MAIN(TestRequestFramer)
#include "tst_requestframer.moc"
