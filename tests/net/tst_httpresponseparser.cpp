// Tests HttpResponseParser on answers as servers write them, whole and byte by byte.
#include "net/httpresponseparser.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using Outcome = HttpResponseParser::Outcome;

// Feeds `answer` in pieces of `step` bytes and returns the outcome after the last one.
Outcome feedInSteps(HttpResponseParser &parser, const QByteArray &answer, qsizetype step)
{
    Outcome outcome = Outcome::Incomplete;
    for (qsizetype at = 0; at < answer.size(); at += step)
        outcome = parser.feed(QByteArrayView(answer).sliced(at, std::min(step, answer.size() - at)));
    return outcome;
}

} // namespace

class TestHttpResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsFramedAnswers_data();
    void readsFramedAnswers();
    void refusesWhatCannotBeFramed_data();
    void refusesWhatCannotBeFramed();
    void bodyToTheEndCompletesWhenTheServerCloses();
    void answerCutShortStaysIncomplete();
    void bytesAfterTheAnswerSpoilTheConnection();
    void headAnswerHasNoBody();
};

void TestHttpResponseParser::readsFramedAnswers_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keepsConnection");

    QTest::newRow("content-length") << "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
                                       "Content-Length: 13\r\n\r\n{\"call_id\":1}"_ba
                                    << 201 << "{\"call_id\":1}"_ba << true;
    QTest::newRow("empty body") << "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"_ba << 200 << QByteArray()
                                << true;
    QTest::newRow("no reason phrase")
        << "HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok"_ba << 200 << "ok"_ba << true;
    QTest::newRow("chunked with extension and trailer")
        << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=x\r\nhello\r\n7\r\n, world\r\n"
           "0\r\nX-Trailer: 1\r\n\r\n"_ba
        << 200 << "hello, world"_ba << true;
    QTest::newRow("upper-case chunk size") << "HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\n"
                                              "A\r\n0123456789\r\n0\r\n\r\n"_ba
                                           << 200 << "0123456789"_ba << true;
    QTest::newRow("bare line feeds") << "HTTP/1.1 404 Not Found\nContent-Length: 3\n\nnope"_ba.chopped(1)
                                     << 404 << "nop"_ba << true;
    QTest::newRow("interim 100 first") << "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n"
                                          "Content-Length: 2\r\n\r\n{}"_ba
                                       << 201 << "{}"_ba << true;
    QTest::newRow("connection close") << "HTTP/1.1 401 Unauthorized\r\nConnection: keep-alive, Close\r\n"
                                         "Content-Length: 2\r\n\r\n{}"_ba
                                      << 401 << "{}"_ba << false;
    QTest::newRow("http/1.0") << "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}"_ba << 200 << "{}"_ba
                              << false;
    QTest::newRow("http/1.0 keep-alive")
        << "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n"
           "\r\n{}"_ba
        << 200 << "{}"_ba << true;
    QTest::newRow("204 ignores length")
        << "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n"_ba << 204 << QByteArray() << true;
}

void TestHttpResponseParser::readsFramedAnswers()
{
    QFETCH(QByteArray, answer);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, keepsConnection);

    // Whole, and one byte at a time: a server's writes can be split anywhere.
    for (const qsizetype step : { answer.size(), qsizetype(1), qsizetype(7) }) {
        HttpResponseParser parser(1024);
        QCOMPARE(feedInSteps(parser, answer, step), Outcome::Complete);
        QCOMPARE(parser.status(), status);
        QCOMPARE(parser.body(), body);
        QCOMPARE(parser.keepsConnection(), keepsConnection);
        QVERIFY(parser.receivedAnything());
    }
}

void TestHttpResponseParser::refusesWhatCannotBeFramed_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<Outcome>("outcome");

    QTest::newRow("not http") << "SSH-2.0-OpenSSH_9.2\r\n"_ba << Outcome::Malformed;
    QTest::newRow("http/2 preface") << "HTTP/2 200\r\n\r\n"_ba << Outcome::Malformed;
    QTest::newRow("status out of range") << "HTTP/1.1 999 Odd\r\n\r\n"_ba << Outcome::Malformed;
    QTest::newRow("two lengths") << "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n"_ba
                                 << Outcome::Malformed;
    QTest::newRow("length and chunked")
        << "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n"_ba
        << Outcome::Malformed;
    QTest::newRow("gzip coding") << "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"_ba
                                 << Outcome::Malformed;
    QTest::newRow("negative length") << "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"_ba
                                     << Outcome::Malformed;
    QTest::newRow("folded header") << "HTTP/1.1 200 OK\r\nX-A: 1\r\n  2\r\nContent-Length: 0\r\n\r\n"_ba
                                   << Outcome::Malformed;
    QTest::newRow("bad chunk size") << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"_ba
                                    << Outcome::Malformed;
    QTest::newRow("chunk without its line break") << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                     "2\r\nokXX\r\n"_ba
                                                  << Outcome::Malformed;
    QTest::newRow("switching protocols")
        << "HTTP/1.1 101 Switching Protocols\r\n\r\n"_ba << Outcome::Malformed;
    QTest::newRow("length over the limit")
        << "HTTP/1.1 200 OK\r\nContent-Length: 1025\r\n\r\n"_ba << Outcome::TooLarge;
    QTest::newRow("chunks over the limit") << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                              "200\r\n"_ba
            + QByteArray(512, 'a')
            + "\r\n201\r\n"_ba << Outcome::TooLarge;
    QTest::newRow("endless head") << "HTTP/1.1 200 OK\r\n"_ba + QByteArray(40 * 1024, 'h')
                                  << Outcome::TooLarge;
    QTest::newRow("endless headers") << "HTTP/1.1 200 OK\r\n"_ba
            + QByteArray("X-Pad: 0123456789\r\n").repeated(2000)
                                     << Outcome::TooLarge;
}

void TestHttpResponseParser::refusesWhatCannotBeFramed()
{
    QFETCH(QByteArray, answer);
    QFETCH(Outcome, outcome);

    for (const qsizetype step : { answer.size(), qsizetype(1) }) {
        HttpResponseParser parser(1024);
        QCOMPARE(feedInSteps(parser, answer, step), outcome);
        QVERIFY(!parser.keepsConnection());
    }
}

void TestHttpResponseParser::bodyToTheEndCompletesWhenTheServerCloses()
{
    HttpResponseParser parser(1024);
    QCOMPARE(
        parser.feed("HTTP/1.1 500 Internal Server Error\r\n\r\n{\"error_message\":"), Outcome::Incomplete);
    QCOMPARE(parser.feed("\"down\"}"), Outcome::Incomplete);
    QCOMPARE(parser.finish(), Outcome::Complete);
    QCOMPARE(parser.status(), 500);
    QCOMPARE(parser.body(), "{\"error_message\":\"down\"}"_ba);
    QVERIFY(!parser.keepsConnection());
}

void TestHttpResponseParser::answerCutShortStaysIncomplete()
{
    HttpResponseParser silent(1024);
    QCOMPARE(silent.finish(), Outcome::Incomplete);
    QVERIFY(!silent.receivedAnything());

    HttpResponseParser cut(1024);
    cut.feed("HTTP/1.1 201 Created\r\nContent-Length: 10\r\n\r\n{\"a\"");
    QCOMPARE(cut.finish(), Outcome::Incomplete);
    QVERIFY(cut.receivedAnything());
}

void TestHttpResponseParser::bytesAfterTheAnswerSpoilTheConnection()
{
    HttpResponseParser parser(1024);
    QCOMPARE(
        parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}HTTP/1.1 200 OK\r\n"), Outcome::Complete);
    QCOMPARE(parser.body(), "{}"_ba);
    QVERIFY(parser.hasTrailingBytes());
    QVERIFY(!parser.keepsConnection());
}

void TestHttpResponseParser::headAnswerHasNoBody()
{
    HttpResponseParser parser(1024, true);
    QCOMPARE(parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n"), Outcome::Complete);
    QVERIFY(parser.body().isEmpty());
    QVERIFY(parser.keepsConnection());
}

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "tst_httpresponseparser.moc"
