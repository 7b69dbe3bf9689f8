// Tests of FeedApiClient against a loopback stand-in for another Switchboard's API: what it asks for (path,
// filters, token), what it reads back (calls, a call's timeline and voicemail, statistics, the seat's role),
// the one sentence it gives for each way a request fails, and that it trusts a self-signed certificate only
// when it is the pinned one.
#include "feed/calljson.h"
#include "feed/certificatefingerprint.h"
#include "feed/feedapiclient.h"
#include "feed/statsjson.h"
#include "testcertificate.h"

#include <QCoroTask>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QByteArray Token = "view-token-0123456789";

// Answers every path from a table a test fills in; records each request.
class ApiStandIn
{
public:
    struct Request
    {
        QString path;
        QUrlQuery query;
        QByteArray authorization;
    };

    ApiStandIn()
    {
        m_server.setMissingHandler(
            [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                m_requests.append(
                    { request.url().path(), QUrlQuery(request.url()), request.value("Authorization") });
                if (m_silent) {
                    m_held.push_back(std::make_unique<QHttpServerResponder>(std::move(responder)));
                    return;
                }
                const auto answer = m_answers.find(request.url().path());
                if (answer == m_answers.end()) {
                    responder.write(R"({"error":"There is nothing here."})"_ba, "application/json"_ba,
                        QHttpServerResponder::StatusCode::NotFound);
                    return;
                }
                const auto &[status, body] = answer->second;
                responder.write(body, "application/json"_ba, QHttpServerResponder::StatusCode(status));
            });
    }

    bool listen(const std::optional<TestCertificate> &tls = std::nullopt)
    {
        if (tls)
            m_server.sslSetup(tls->certificate, tls->key);
        m_port = m_server.listen(QHostAddress::LocalHost, 0);
        return m_port != 0;
    }
    QString address(bool secure = false) const
    {
        return (secure ? u"wss://127.0.0.1:%1"_s : u"ws://127.0.0.1:%1"_s).arg(m_port);
    }
    void answer(const QString &path, int status, const QByteArray &body)
    {
        m_answers[path] = { status, body };
    }
    void answer(const QString &path, const QJsonDocument &document) { answer(path, 200, document.toJson()); }
    // Takes requests and never answers them.
    void beSilent() { m_silent = true; }
    QList<Request> requests() const { return m_requests; }

private:
    QHttpServer m_server;
    quint16 m_port = 0;
    std::map<QString, std::pair<int, QByteArray>> m_answers;
    QList<Request> m_requests;
    bool m_silent = false;
    std::vector<std::unique_ptr<QHttpServerResponder>> m_held;
};

template<typename T>
QCoro::Task<> keep(QCoro::Task<Result<T>> task, std::optional<Result<T>> &result)
{
    result.emplace(co_await std::move(task));
}

// QCoro::waitFor() would default-construct the result, which a Result<T> cannot be.
template<typename T>
Result<T> wait(QCoro::Task<Result<T>> task)
{
    std::optional<Result<T>> result;
    QCoro::waitFor(keep(std::move(task), result));
    return std::move(*result);
}

CallListEntry call(int number, const QString &from, CallOutcome outcome)
{
    CallListEntry entry;
    entry.session.callSid = u"CA%1"_s.arg(number, 32, 16, QLatin1Char('0'));
    entry.session.from = from;
    entry.session.to = u"+15557654321"_s;
    entry.session.startedAt = QDateTime(QDate(2026, 11, 2), QTime(14, number), Qt::UTC);
    entry.session.outcome = outcome;
    entry.customerName = u"Bea Smith"_s;
    return entry;
}

} // namespace

class tst_FeedApiClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void readsAPageWithItsFilters();
    void readsACallWithItsTimelineAndVoicemail();
    void readsTheStatisticsOfARange();
    void readsWhatTheSeatMayDo();
    void saysWhatWentWrong_data();
    void saysWhatWentWrong();
    void trustsOnlyThePinnedCertificate();

private:
    void connectTo(const QString &address);

    std::unique_ptr<ApiStandIn> m_api;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FeedApiClient> m_client;
};

void tst_FeedApiClient::init()
{
    m_api = std::make_unique<ApiStandIn>();
    m_network = std::make_unique<QNetworkAccessManager>();
    m_client = std::make_unique<FeedApiClient>(m_network.get());
    m_client->setToken(Token);
}

void tst_FeedApiClient::cleanup()
{
    m_client.reset();
    m_network.reset();
    m_api.reset();
}

void tst_FeedApiClient::connectTo(const QString &address)
{
    const std::optional<FeedAddress> feed = FeedAddress::fromTyped(address);
    QVERIFY(feed);
    m_client->setAddress(*feed);
}

void tst_FeedApiClient::readsAPageWithItsFilters()
{
    QVERIFY(m_api->listen());
    connectTo(m_api->address());
    m_api->answer(u"/api/calls"_s,
        QJsonDocument(QJsonArray { CallJson::session(call(3, u"+15552223333"_s, CallOutcome::Missed)),
            CallJson::session(call(2, u"+15552223333"_s, CallOutcome::Missed)) }));

    FeedApiClient::CallQuery query;
    query.caller = u" +1 555 222 3333 "_s;
    query.outcome = CallOutcome::Missed;
    query.before = call(4, {}, CallOutcome::Missed).session.callSid;
    query.limit = 2;
    const Result<FeedApiClient::CallPage> page = wait(m_client->calls(query));
    QVERIFY2(page, qPrintable(page.error()));
    QCOMPARE(page->calls.size(), 2);
    QCOMPARE(page->calls.at(0).session.callSid, call(3, {}, CallOutcome::Missed).session.callSid);
    QCOMPARE(page->calls.at(0).customerName, u"Bea Smith"_s);
    QCOMPARE(page->calls.at(1).session.outcome, CallOutcome::Missed);
    QVERIFY(page->mayHaveMore); // a full page

    QCOMPARE(m_api->requests().size(), 1);
    const ApiStandIn::Request asked = m_api->requests().at(0);
    QCOMPARE(asked.path, u"/api/calls"_s);
    QCOMPARE(asked.authorization, "Bearer "_ba + Token);
    // The "+" of a number arrives as a "+", not as a space.
    QCOMPARE(asked.query.queryItemValue(u"caller"_s, QUrl::FullyDecoded), u"+1 555 222 3333"_s);
    QCOMPARE(asked.query.queryItemValue(u"outcome"_s), u"missed"_s);
    QCOMPARE(asked.query.queryItemValue(u"before"_s), query.before);
    QCOMPARE(asked.query.queryItemValue(u"limit"_s), u"2"_s);
}

void tst_FeedApiClient::readsACallWithItsTimelineAndVoicemail()
{
    QVERIFY(m_api->listen());
    connectTo(m_api->address());
    const CallListEntry entry = call(7, u"+15552223333"_s, CallOutcome::Voicemail);
    const QString sid = entry.session.callSid;
    CallEventRecord received { sid, entry.session.startedAt, Step::CallReceived, EventAction::WebhookReceived,
        EventResult::Processed, u"A call from +15552223333."_s };
    CallEventRecord voicemail { sid, entry.session.startedAt.addSecs(20), Step::Voicemail,
        EventAction::CommandSent, EventResult::Processed, u"Recording a voicemail of up to 2 minutes."_s };
    RecordingRecord recording;
    recording.recordingSid = u"RE%1"_s.arg(1, 32, 16, QLatin1Char('0'));
    recording.durationSeconds = 42;
    recording.transcription = u"Please call me back."_s;
    m_api->answer(u"/api/calls/"_s + sid,
        QJsonDocument(CallJson::details(entry, { received, voicemail }, { recording })));

    const Result<FeedApiClient::CallDetails> details = wait(m_client->call(sid));
    QVERIFY2(details, qPrintable(details.error()));
    QCOMPARE(details->entry.session.callSid, sid);
    QCOMPARE(details->events.size(), 2);
    QCOMPARE(details->events.at(1).step, Step::Voicemail);
    QCOMPARE(details->events.at(1).callSid, sid);
    QCOMPARE(details->recordings.size(), 1);
    QCOMPARE(details->recordings.at(0).durationSeconds, 42);
    QCOMPARE(details->recordings.at(0).transcription, u"Please call me back."_s);

    // Only a SID's letters and digits go into the path.
    const Result<FeedApiClient::CallDetails> odd = wait(m_client->call(u"../stats"_s));
    QVERIFY(!odd);
    QCOMPARE(m_api->requests().size(), 1);
}

void tst_FeedApiClient::readsTheStatisticsOfARange()
{
    QVERIFY(m_api->listen());
    connectTo(m_api->address());
    CallStatsQuery range;
    range.zone = QTimeZone("America/New_York");
    range.since = QDateTime(QDate(2026, 11, 1), QTime(4, 0), Qt::UTC);
    range.until = QDateTime(QDate(2026, 11, 3), QTime(5, 0), Qt::UTC);
    range.number = u"+15557654321"_s;
    CallStats stats;
    stats.total = 3;
    stats.byOutcome = { { CallOutcome::Answered, 3 } };
    stats.answeredRate = 1;
    stats.perDay = { { QDate(2026, 11, 1), { { CallOutcome::Answered, 1 } } },
        { QDate(2026, 11, 2), { { CallOutcome::Answered, 2 } } } };
    m_api->answer(u"/api/stats"_s, QJsonDocument(StatsJson::stats(stats, range)));

    const Result<StatsJson::Answer> answer = wait(m_client->stats(range.since, range.until, range.number));
    QVERIFY2(answer, qPrintable(answer.error()));
    QCOMPARE(answer->stats.total, 3);
    QCOMPARE(answer->stats.perDay.size(), 2);
    QCOMPARE(answer->query.zone.id(), "America/New_York"_ba);

    const QUrlQuery asked = m_api->requests().at(0).query;
    QCOMPARE(asked.queryItemValue(u"since"_s), u"2026-11-01T04:00:00.000Z"_s);
    QCOMPARE(asked.queryItemValue(u"until"_s), u"2026-11-03T05:00:00.000Z"_s);
    QCOMPARE(asked.queryItemValue(u"number"_s, QUrl::FullyDecoded), u"+15557654321"_s);
}

void tst_FeedApiClient::readsWhatTheSeatMayDo()
{
    QVERIFY(m_api->listen());
    connectTo(m_api->address());
    m_api->answer(u"/api/seat"_s, 200, R"({"role":"control"})"_ba);
    Result<FeedApiClient::Role> role = wait(m_client->role());
    QVERIFY2(role, qPrintable(role.error()));
    QCOMPARE(*role, FeedApiClient::Role::Control);
    m_api->answer(u"/api/seat"_s, 200, R"({"role":"view"})"_ba);
    role = wait(m_client->role());
    QCOMPARE(*role, FeedApiClient::Role::View);

    // A seat that may act reads whom it can name.
    m_api->answer(u"/api/seat"_s, 200,
        R"({"role":"control","staff":[{"id":"s1","name":"Jane Doe"},{"name":"no id"}],"teams":[{"id":"front","name":"Front desk"}]})"_ba);
    const Result<SeatInfo> seat = wait(m_client->seat());
    QVERIFY2(seat, qPrintable(seat.error()));
    QVERIFY(seat->control);
    QCOMPARE(seat->staff, (QList<SeatChoice> { { u"s1"_s, u"Jane Doe"_s } }));
    QCOMPARE(seat->teams, (QList<SeatChoice> { { u"front"_s, u"Front desk"_s } }));
}

void tst_FeedApiClient::saysWhatWentWrong_data()
{
    QTest::addColumn<int>("status"); // 0: nobody listens; -1: nobody answers
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("sentence");

    QTest::newRow("token refused") << 401 << R"({"error":"The token was refused."})"_ba
                                   << u"The token was refused: ask for a new one."_s;
    QTest::newRow("the API's own sentence")
        << 400 << R"({"error":"limit must be a whole number from 1 to 500."})"_ba
        << u"Cannot read the call log: 127.0.0.1:%1 answered: limit must be a whole number from 1 to 500"_s;
    QTest::newRow("not JSON") << 200 << "<html>It works!</html>"_ba
                              << u"did not answer with the API's JSON"_s;
    QTest::newRow("nobody listens") << 0 << QByteArray() << u"127.0.0.1:%1 cannot be reached"_s;
    QTest::newRow("nobody answers") << -1 << QByteArray()
                                    << u"127.0.0.1:%1 did not send the call log within 1 s."_s;
}

void tst_FeedApiClient::saysWhatWentWrong()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, sentence);

    QVERIFY(m_api->listen());
    quint16 port = QUrl(m_api->address()).port();
    if (status == 0) {
        m_api.reset(); // the port is free again
    } else if (status < 0) {
        m_api->beSilent();
        m_client->setTimeout(std::chrono::milliseconds(800));
    } else {
        m_api->answer(u"/api/calls"_s, status, body);
    }
    connectTo(u"127.0.0.1:%1"_s.arg(port));
    const Result<FeedApiClient::CallPage> page = wait(m_client->calls({}));
    QVERIFY(!page);
    const QString expected = sentence.contains(u"%1"_s) ? sentence.arg(port) : sentence;
    QVERIFY2(page.error().contains(expected), qPrintable(page.error()));
}

void tst_FeedApiClient::trustsOnlyThePinnedCertificate()
{
    const TestCertificate certificate = TestCertificate::selfSigned();
    QVERIFY(!certificate.certificate.isNull());
    QVERIFY(m_api->listen(certificate));
    connectTo(m_api->address(true));
    m_api->answer(u"/api/seat"_s, 200, R"({"role":"view"})"_ba);

    const Result<FeedApiClient::Role> refused = wait(m_client->role());
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(u"is not trusted"_s), qPrintable(refused.error()));

    m_client->setPinnedCertificateDigest(QByteArray(32, '\x01'));
    QVERIFY(!wait(m_client->role()));

    m_client->setPinnedCertificateDigest(CertificateFingerprint::sha256(certificate.certificate));
    const Result<FeedApiClient::Role> role = wait(m_client->role());
    QVERIFY2(role, qPrintable(role.error()));
}

QTEST_GUILESS_MAIN(tst_FeedApiClient)
#include "tst_feedapiclient.moc"
