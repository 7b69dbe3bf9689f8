// Tests FeedApi, the read-only JSON API of the live feed, on a real data folder in a temp dir: the calls,
// timelines and statistics it answers field by field against what was written, its filters and pages,
// every error, and that it answers exactly what the CLI prints for the same question.
#include "calllogtestnames.h"
#include "datadir/datadirectory.h"
#include "routing/routingplanloader.h"
#include "server/feedapi.h"
#include "storage/bookingstore.h"
#include "storage/callstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "storage/recordingstore.h"
#include "tempdatadir.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// A call as the test writes it; the times are the plan's (New York), with their offset.
struct WrittenCall
{
    int number; // the SID is CA followed by this number in 32 hex digits
    QString from;
    QString to;
    QString startedAt;
    QString outcome;
    std::optional<int> durationSeconds; // the call ended this long after it started; none: still going
    bool customer = false; // from Bea Smith, the customer
    bool booking = false; // about her booking B-77
};

QString sidOf(int number)
{
    return u"CA%1"_s.arg(number, 32, 16, QLatin1Char('0'));
}

// In the order they are written; calls 6 and 8 start in the same millisecond.
const QList<WrittenCall> Calls {
    { 1, u"+15551230001"_s, u"+15557654321"_s, u"2026-10-31T23:59:00-04:00"_s, u"answered"_s, 60 },
    { 2, u"+15551230002"_s, u"+15557654321"_s, u"2026-11-01T09:30:00-05:00"_s, u"answered"_s, 120, true,
        true },
    { 3, u"+15551230003"_s, u"+15557654321"_s, u"2026-11-01T10:15:00-05:00"_s, u"missed"_s, 20 },
    { 4, u"+15551230002"_s, u"+15550001111"_s, u"2026-11-02T09:05:00-05:00"_s, u"voicemail"_s, 45, true },
    { 5, u"+19005550100"_s, u"+15557654321"_s, u"2026-11-02T12:00:00-05:00"_s, u"blocked"_s, 0 },
    { 6, u"+15551230004"_s, u"+15557654321"_s, u"2026-11-02T23:59:00-05:00"_s, u"ai_agent"_s, 300 },
    { 7, u"anonymous"_s, u"+15557654321"_s, u"2026-11-03T08:00:00-05:00"_s, u"ongoing"_s, std::nullopt },
    { 8, u"+15551230005"_s, u"+15550001111"_s, u"2026-11-02T23:59:00-05:00"_s, u"answered"_s, 30 },
};

QDateTime startOf(const WrittenCall &call)
{
    return QDateTime::fromString(call.startedAt, Qt::ISODate).toUTC();
}

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QStringList sids(std::initializer_list<int> numbers)
{
    QStringList list;
    for (const int number : numbers)
        list.append(sidOf(number));
    return list;
}

QStringList sidsIn(const QJsonArray &calls)
{
    QStringList list;
    for (const QJsonValue &call : calls)
        list.append(call.toObject().value(u"call_sid"_s).toString());
    return list;
}

const QString BeaName = u"Bea Smith"_s;
const QString BookingId = u"B-77"_s;

} // namespace

class TestFeedApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void listsTheCallsNewestFirstAsWritten();
    void filtersAsTheCliDoes_data();
    void filtersAsTheCliDoes();
    void pagesReadEveryCallOnce();
    void limitsThePageSize();
    void showsACallWithItsTimelineAndVoicemail();
    void refusesAnUnknownOrMalformedCall();
    void countsTheCallsOfARange();
    void statsCoverTheLastThirtyDaysByDefault();
    void refusesBadParameters_data();
    void refusesBadParameters();
    void unknownPathIsNotFound_data();
    void unknownPathIsNotFound();
    void onlyReads_data();
    void onlyReads();
    void headAnswersWithoutABody();
    void answersWhatTheCliPrints();

private:
    FeedApi::Answer get(const QString &pathAndQuery, const QByteArray &method = "GET"_ba);
    QJsonArray getCalls(const QString &pathAndQuery);
    void verifyError(const FeedApi::Answer &answer, int status, const QString &named);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_data;
    std::unique_ptr<FeedApi> m_api;
};

void TestFeedApi::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    m_dir = std::make_unique<TempDataDir>();
    m_data = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_data->open(&error), qPrintable(error));
    Database &db = m_data->database();

    // Days are New York's: 2026-11-01, when summer time ends, is 25 hours long.
    const PlanDocument::ParseResult plan
        = RoutingPlanLoader(db, u"US"_s, QString())
              .import(
                  R"({ "version": 1, "time_zone": "America/New_York", "plans": [ { "numbers": ["default"], "rules": [] } ] })"_ba);
    QVERIFY2(plan.errors.isEmpty(), qPrintable(plan.errors.join(u'\n')));

    Customer bea;
    bea.externalId = u"C1"_s;
    bea.name = BeaName;
    bea.phoneRaw = u"(555) 123-0002"_s;
    bea.phoneE164 = u"+15551230002"_s;
    const Result<qint64> customerId = CustomerStore(db).insert(bea);
    QVERIFY2(customerId.ok(), qPrintable(customerId.error()));
    Booking booking;
    booking.externalId = BookingId;
    booking.customerId = *customerId;
    booking.startsAt = QDateTime(QDate(2026, 11, 5), QTime(15, 0), Qt::UTC);
    booking.endsAt = booking.startsAt.addSecs(3600);
    const Result<qint64> bookingId = BookingStore(db).insert(booking);
    QVERIFY2(bookingId.ok(), qPrintable(bookingId.error()));

    CallStore calls(db);
    for (const WrittenCall &call : Calls) {
        CallSessionRecord session;
        session.callSid = sidOf(call.number);
        session.from = call.from;
        session.to = call.to;
        session.startedAt = startOf(call);
        QVERIFY2(calls.createSession(session, &error), qPrintable(error));
        session.outcome = CallLogTestNames::outcome(call.outcome);
        session.durationSeconds = call.durationSeconds;
        if (call.durationSeconds)
            session.endedAt = session.startedAt.addSecs(*call.durationSeconds);
        if (call.customer)
            session.customerId = *customerId;
        if (call.booking)
            session.bookingId = *bookingId;
        QVERIFY2(calls.updateSession(session, &error), qPrintable(error));
    }

    m_api = std::make_unique<FeedApi>(*m_data);
}

void TestFeedApi::cleanup()
{
    m_api.reset();
    m_data.reset();
    m_dir.reset();
}

FeedApi::Answer TestFeedApi::get(const QString &pathAndQuery, const QByteArray &method)
{
    const QUrl url(pathAndQuery);
    return m_api->answer(method, url.path(QUrl::FullyDecoded), QUrlQuery(url));
}

QJsonArray TestFeedApi::getCalls(const QString &pathAndQuery)
{
    const FeedApi::Answer answer = get(pathAndQuery);
    [&] {
        QVERIFY2(answer.status == 200, answer.body.constData());
        QCOMPARE(answer.contentType, "application/json"_ba);
        QVERIFY(QJsonDocument::fromJson(answer.body).isArray());
    }();
    return QJsonDocument::fromJson(answer.body).array();
}

// An error is JSON holding one sentence that names what is at fault.
void TestFeedApi::verifyError(const FeedApi::Answer &answer, int status, const QString &named)
{
    QVERIFY2(answer.status == status,
        qPrintable(u"%1: %2"_s.arg(answer.status).arg(QString::fromUtf8(answer.body))));
    QCOMPARE(answer.contentType, "application/json"_ba);
    const QJsonObject body = QJsonDocument::fromJson(answer.body).object();
    QCOMPARE(body.keys(), QStringList { u"error"_s });
    const QString sentence = body.value(u"error"_s).toString();
    QVERIFY2(sentence.endsWith(u'.') && !sentence.contains(u'\n'), qPrintable(sentence));
    QVERIFY2(sentence.contains(named), qPrintable(sentence));
}

void TestFeedApi::listsTheCallsNewestFirstAsWritten()
{
    const QJsonArray listed = getCalls(u"/api/calls"_s);

    // Newest first; of two calls that started together, the one written last.
    QList<WrittenCall> expected = Calls;
    std::sort(expected.begin(), expected.end(), [](const WrittenCall &a, const WrittenCall &b) {
        return startOf(a) == startOf(b) ? a.number > b.number : startOf(a) > startOf(b);
    });
    QCOMPARE(listed.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const WrittenCall &call = expected.at(i);
        const QJsonObject json = listed.at(i).toObject();
        QCOMPARE(json.keys(),
            (QStringList { u"booking_id"_s, u"call_sid"_s, u"customer_name"_s, u"direction"_s, u"duration_s"_s,
                u"ended_at"_s, u"from"_s, u"outcome"_s, u"started_at"_s, u"to"_s }));
        QCOMPARE(json.value(u"direction"_s).toString(), u"incoming"_s);
        QCOMPARE(json.value(u"call_sid"_s).toString(), sidOf(call.number));
        QCOMPARE(json.value(u"from"_s).toString(), call.from);
        QCOMPARE(json.value(u"to"_s).toString(), call.to);
        QCOMPARE(json.value(u"started_at"_s).toString(), iso(startOf(call)));
        QCOMPARE(json.value(u"outcome"_s).toString(), call.outcome);
        if (call.durationSeconds) {
            QCOMPARE(json.value(u"duration_s"_s).toInt(-1), *call.durationSeconds);
            QCOMPARE(json.value(u"ended_at"_s).toString(), iso(startOf(call).addSecs(*call.durationSeconds)));
        } else {
            QVERIFY(json.value(u"duration_s"_s).isNull());
            QVERIFY(json.value(u"ended_at"_s).isNull());
        }
        QCOMPARE(json.value(u"customer_name"_s).toString(), call.customer ? BeaName : QString());
        QCOMPARE(json.value(u"customer_name"_s).isNull(), !call.customer);
        QCOMPARE(json.value(u"booking_id"_s).toString(), call.booking ? BookingId : QString());
        QCOMPARE(json.value(u"booking_id"_s).isNull(), !call.booking);
    }
    // The times are UTC, as the contract says.
    QCOMPARE(listed.at(0).toObject().value(u"started_at"_s).toString(), u"2026-11-03T13:00:00.000Z"_s);
}

void TestFeedApi::filtersAsTheCliDoes_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("no filter") << QString() << sids({ 7, 8, 6, 5, 4, 3, 2, 1 });
    QTest::newRow("empty caller and outcome filter nothing")
        << u"caller=&outcome="_s << sids({ 7, 8, 6, 5, 4, 3, 2, 1 });
    QTest::newRow("caller's number as written") << u"caller=(555) 123-0002"_s << sids({ 4, 2 });
    QTest::newRow("caller's number starting so") << u"caller=%2B1555123"_s << sids({ 8, 6, 4, 3, 2, 1 });
    QTest::newRow("customer's name") << u"caller=bea"_s << sids({ 4, 2 });
    QTest::newRow("nobody matches") << u"caller=%2B44"_s << QStringList();
    QTest::newRow("outcome") << u"outcome=answered"_s << sids({ 8, 2, 1 });
    QTest::newRow("ongoing") << u"outcome=ongoing"_s << sids({ 7 });
    QTest::newRow("number called, as written") << u"number=(555) 000-1111"_s << sids({ 8, 4 });
    QTest::newRow("since a day of the plan") << u"since=2026-11-02"_s << sids({ 7, 8, 6, 5, 4 });
    QTest::newRow("until a day, counted whole") << u"until=2026-11-01"_s << sids({ 3, 2, 1 });
    QTest::newRow("one day, 25 hours long") << u"since=2026-11-01&until=2026-11-01"_s << sids({ 3, 2 });
    QTest::newRow("since a time, included") << u"since=2026-11-02T12:00:00-05:00"_s << sids({ 7, 8, 6, 5 });
    QTest::newRow("until a time, excluded") << u"until=2026-11-02T17:00:00Z"_s << sids({ 4, 3, 2, 1 });
    QTest::newRow("outcome and number") << u"outcome=answered&number=%2B15557654321"_s << sids({ 2, 1 });
    QTest::newRow("limit") << u"limit=3"_s << sids({ 7, 8, 6 });
    QTest::newRow("limit and filter") << u"limit=1&outcome=missed"_s << sids({ 3 });
    // The listener has checked the token of a client that cannot set a header; it filters nothing.
    QTest::newRow("a token in the query") << u"token=abc123&outcome=missed"_s << sids({ 3 });
}

void TestFeedApi::filtersAsTheCliDoes()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    QCOMPARE(sidsIn(getCalls(u"/api/calls?"_s + query)), expected);
}

void TestFeedApi::pagesReadEveryCallOnce()
{
    // Each page starts after the call the previous one ended with, also between calls 8 and 6, which
    // started in the same millisecond.
    for (const auto &[query, pageSize, expected] : {
             std::tuple { QString(), 3, sids({ 7, 8, 6, 5, 4, 3, 2, 1 }) },
             std::tuple { QString(), 2, sids({ 7, 8, 6, 5, 4, 3, 2, 1 }) },
             std::tuple { u"caller=%2B1555123&"_s, 4, sids({ 8, 6, 4, 3, 2, 1 }) },
             std::tuple { u"outcome=answered&"_s, 1, sids({ 8, 2, 1 }) },
         }) {
        QStringList read;
        QString before;
        for (int pages = 0;; ++pages) {
            QVERIFY2(pages <= Calls.size(), "the pages do not end");
            // Joined rather than arg()ed: the query's %2B would be taken for a placeholder.
            const QJsonArray page = getCalls(u"/api/calls?"_s + query + u"limit="_s
                + QString::number(pageSize) + (before.isEmpty() ? QString() : u"&before="_s + before));
            if (QTest::currentTestFailed())
                return;
            QVERIFY(page.size() <= pageSize);
            if (page.isEmpty())
                break;
            read.append(sidsIn(page));
            before = read.last();
        }
        QCOMPARE(read, expected);
    }
    // A call logged after the first page was read does not move the next one.
    const QJsonArray first = getCalls(u"/api/calls?limit=3"_s);
    CallSessionRecord late;
    late.callSid = sidOf(9);
    late.from = u"+15551230009"_s;
    late.startedAt = QDateTime::currentDateTimeUtc();
    QString error;
    QVERIFY2(CallStore(m_data->database()).createSession(late, &error), qPrintable(error));
    QCOMPARE(sidsIn(getCalls(u"/api/calls?limit=3&before="_s + sidsIn(first).last())), sids({ 5, 4, 3 }));
}

void TestFeedApi::limitsThePageSize()
{
    // Enough calls for the default and the largest page, all before the calls of the fixture.
    QList<CallSessionRecord> many;
    const QDateTime first(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC);
    for (int n = 0; n < FeedApi::MaxLimit + 20; ++n) {
        CallSessionRecord s;
        s.callSid = sidOf(1000 + n);
        s.from = u"+1555%1"_s.arg(2000000 + n);
        s.to = u"+15557654321"_s;
        s.startedAt = first.addSecs(60 * n);
        s.outcome = CallOutcome::Missed;
        many.append(s);
    }
    QString error;
    QVERIFY2(m_data->database().transaction(
                 [&] { return CallStore(m_data->database()).createSessions(many, &error); }, &error),
        qPrintable(error));

    QCOMPARE(getCalls(u"/api/calls"_s).size(), 50);
    QCOMPARE(FeedApi::DefaultLimit, 50);
    const QJsonArray largest = getCalls(u"/api/calls?limit=%1"_s.arg(FeedApi::MaxLimit));
    QCOMPARE(largest.size(), FeedApi::MaxLimit);
    // The fixture's calls, then the newest of the many down to the page's end.
    const int newest = FeedApi::MaxLimit + 20 - 1;
    QCOMPARE(largest.last().toObject().value(u"call_sid"_s).toString(),
        sidOf(1000 + newest - (FeedApi::MaxLimit - int(Calls.size()) - 1)));
    verifyError(get(u"/api/calls?limit=%1"_s.arg(FeedApi::MaxLimit + 1)), 400, u"limit"_s);
}

void TestFeedApi::showsACallWithItsTimelineAndVoicemail()
{
    const QString sid = sidOf(2);
    const QDateTime start = startOf(Calls.at(1));
    const QList<CallEventRecord> events {
        { sid, start, Step::CallReceived, EventAction::WebhookReceived, EventResult::Processed,
            u"Call from +15551230002 to +15557654321"_s },
        { sid, start.addMSecs(35), Step::BookingLookup, EventAction::Internal, EventResult::Processed,
            u"Booking B-77 found"_s },
        { sid, start.addSecs(120), Step::Hangup, EventAction::WebhookReceived, EventResult::Ignored,
            QString() },
    };
    QString error;
    CallStore store(m_data->database());
    for (const CallEventRecord &event : events)
        QVERIFY2(store.appendEvent(event, &error), qPrintable(error));
    // Another call's timeline and voicemail stay with that call.
    QVERIFY2(store.appendEvent({ sidOf(4), startOf(Calls.at(3)), Step::Voicemail, EventAction::CommandSent,
                                   EventResult::Processed, u"Recording a message"_s },
                 &error),
        qPrintable(error));
    RecordingRecord voicemail;
    voicemail.callSid = sidOf(4);
    voicemail.recordingSid = u"RE%1"_s.arg(4, 32, 16, QLatin1Char('0'));
    voicemail.url
        = QUrl(u"https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/"_s + voicemail.recordingSid);
    voicemail.durationSeconds = 12;
    voicemail.transcription = u"Please call me back."_s;
    QVERIFY2(RecordingStore(m_data->database()).save(voicemail, &error), qPrintable(error));

    FeedApi::Answer answer = get(u"/api/calls/"_s + sid);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.contentType, "application/json"_ba);
    QJsonObject call = QJsonDocument::fromJson(answer.body).object();
    QCOMPARE(call.value(u"call_sid"_s).toString(), sid);
    QCOMPARE(call.value(u"from"_s).toString(), u"+15551230002"_s);
    QCOMPARE(call.value(u"customer_name"_s).toString(), BeaName);
    QCOMPARE(call.value(u"booking_id"_s).toString(), BookingId);
    QCOMPARE(call.value(u"outcome"_s).toString(), u"answered"_s);
    QCOMPARE(call.value(u"duration_s"_s).toInt(), 120);
    QCOMPARE(call.value(u"started_at"_s).toString(), u"2026-11-01T14:30:00.000Z"_s);
    QCOMPARE(call.value(u"ended_at"_s).toString(), u"2026-11-01T14:32:00.000Z"_s);
    const QJsonArray timeline = call.value(u"events"_s).toArray();
    QCOMPARE(timeline.size(), events.size());
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject event = timeline.at(i).toObject();
        QCOMPARE(event.keys(), (QStringList { u"action"_s, u"at"_s, u"detail"_s, u"result"_s, u"step"_s }));
        QCOMPARE(event.value(u"at"_s).toString(), iso(events.at(i).at));
        QCOMPARE(event.value(u"step"_s).toString(), CallLogNames::name(events.at(i).step));
        QCOMPARE(event.value(u"action"_s).toString(), CallLogNames::name(events.at(i).action));
        QCOMPARE(event.value(u"result"_s).toString(), CallLogNames::name(events.at(i).result));
        QCOMPARE(event.value(u"detail"_s).toString(), events.at(i).detail);
    }
    QCOMPARE(timeline.at(1).toObject().value(u"at"_s).toString(), u"2026-11-01T14:30:00.035Z"_s);
    QCOMPARE(timeline.at(1).toObject().value(u"step"_s).toString(), u"BookingLookup"_s);
    QVERIFY(call.value(u"recordings"_s).toArray().isEmpty());

    answer = get(u"/api/calls/"_s + sidOf(4));
    QCOMPARE(answer.status, 200);
    call = QJsonDocument::fromJson(answer.body).object();
    QCOMPARE(call.value(u"outcome"_s).toString(), u"voicemail"_s);
    QVERIFY(call.value(u"booking_id"_s).isNull());
    QCOMPARE(call.value(u"events"_s).toArray().size(), 1);
    QCOMPARE(call.value(u"events"_s).toArray().at(0).toObject().value(u"detail"_s).toString(),
        u"Recording a message"_s);
    const QJsonArray recordings = call.value(u"recordings"_s).toArray();
    QCOMPARE(recordings.size(), 1);
    const QJsonObject recording = recordings.at(0).toObject();
    QCOMPARE(recording.value(u"recording_sid"_s).toString(), voicemail.recordingSid);
    QCOMPARE(recording.value(u"url"_s).toString(), voicemail.url.toString());
    QCOMPARE(recording.value(u"duration_s"_s).toInt(), 12);
    QVERIFY(recording.value(u"file"_s).isNull()); // not downloaded yet
    QCOMPARE(recording.value(u"transcription"_s).toString(), voicemail.transcription);
}

void TestFeedApi::refusesAnUnknownOrMalformedCall()
{
    const QString unknown = sidOf(0xabc);
    verifyError(get(u"/api/calls/"_s + unknown), 404, unknown);
    for (const QString &malformed : QStringList { u"CA123"_s, u"RE%1"_s.arg(2, 32, 16, QLatin1Char('0')),
             sidOf(2) + u"0"_s, u"ca"_s + sidOf(2).mid(2), u"CA' OR '1'='1"_s })
        verifyError(get(u"/api/calls/"_s + QString::fromLatin1(QUrl::toPercentEncoding(malformed))), 400,
            u"call SID"_s);
}

void TestFeedApi::countsTheCallsOfARange()
{
    const FeedApi::Answer answer
        = get(u"/api/stats?since=2026-11-01&until=2026-11-02&number=(555) 765-4321"_s);
    QVERIFY2(answer.status == 200, answer.body.constData());
    QCOMPARE(answer.contentType, "application/json"_ba);
    const QJsonObject stats = QJsonDocument::fromJson(answer.body).object();
    // From New York's midnight (summer time) to the midnight after the 2nd (winter time).
    QCOMPARE(stats.value(u"since"_s).toString(), u"2026-11-01T04:00:00.000Z"_s);
    QCOMPARE(stats.value(u"until"_s).toString(), u"2026-11-03T05:00:00.000Z"_s);
    QCOMPARE(stats.value(u"time_zone"_s).toString(), u"America/New_York"_s);
    QCOMPARE(stats.value(u"number"_s).toString(), u"+15557654321"_s);
    // Calls 2, 3, 5 and 6 went to that number in those two days.
    QCOMPARE(stats.value(u"total"_s).toInt(), 4);
    const QJsonObject byOutcome = stats.value(u"by_outcome"_s).toObject();
    const QMap<QString, int> expected { { u"ai_agent"_s, 1 }, { u"answered"_s, 1 }, { u"voicemail"_s, 0 },
        { u"missed"_s, 1 }, { u"blocked"_s, 1 }, { u"failed"_s, 0 }, { u"ongoing"_s, 0 } };
    QCOMPARE(byOutcome.keys(), QStringList(expected.keys()));
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        QCOMPARE(byOutcome.value(it.key()).toInt(-1), it.value());
    // Three finished calls that were not blocked.
    QCOMPARE(stats.value(u"answered_rate"_s).toDouble(), 0.3333);
    QCOMPARE(stats.value(u"ai_rate"_s).toDouble(), 0.3333);
    QCOMPARE(stats.value(u"missed_rate"_s).toDouble(), 0.3333);
    QCOMPARE(stats.value(u"voicemail_rate"_s).toDouble(), 0.0);
    QCOMPARE(stats.value(u"average_duration_s"_s).toDouble(), 110.0); // (120 + 20 + 0 + 300) / 4
    QCOMPARE(stats.value(u"p90_duration_s"_s).toInt(), 300);
    const QJsonArray days = stats.value(u"per_day"_s).toArray();
    QCOMPARE(days.size(), 2);
    QCOMPARE(days.at(0).toObject().value(u"date"_s).toString(), u"2026-11-01"_s);
    QCOMPARE(days.at(0).toObject().value(u"outcomes"_s).toObject().value(u"answered"_s).toInt(), 1);
    QCOMPARE(days.at(0).toObject().value(u"outcomes"_s).toObject().value(u"missed"_s).toInt(), 1);
    QCOMPARE(days.at(1).toObject().value(u"date"_s).toString(), u"2026-11-02"_s);
    QCOMPARE(days.at(1).toObject().value(u"outcomes"_s).toObject().value(u"blocked"_s).toInt(), 1);
    QCOMPARE(days.at(1).toObject().value(u"outcomes"_s).toObject().value(u"ai_agent"_s).toInt(), 1);
    QCOMPARE(days.at(1).toObject().value(u"outcomes"_s).toObject().value(u"answered"_s).toInt(), 0);
    const QJsonArray week = stats.value(u"week_hours"_s).toArray();
    QCOMPARE(week.size(), 7);
    qint64 counted = 0;
    for (const QJsonValue &day : week) {
        QCOMPARE(day.toArray().size(), 24);
        for (const QJsonValue &hour : day.toArray())
            counted += hour.toInteger();
    }
    QCOMPARE(counted, 4);
    QCOMPARE(week.at(6).toArray().at(9).toInt(), 1); // Sunday 09:30
    QCOMPARE(week.at(6).toArray().at(10).toInt(), 1); // Sunday 10:15
    QCOMPARE(week.at(0).toArray().at(12).toInt(), 1); // Monday 12:00
    QCOMPARE(week.at(0).toArray().at(23).toInt(), 1); // Monday 23:59
    // The caller of call 3 missed us and has not been called back.
    const QJsonArray callBack = stats.value(u"call_back"_s).toArray();
    QCOMPARE(callBack.size(), 1);
    const QJsonObject caller = callBack.at(0).toObject();
    QCOMPARE(caller.value(u"from"_s).toString(), u"+15551230003"_s);
    QVERIFY(caller.value(u"customer_name"_s).isNull());
    QCOMPARE(caller.value(u"missed"_s).toInt(), 1);
    QCOMPARE(caller.value(u"last_missed_at"_s).toString(), u"2026-11-01T15:15:00.000Z"_s);

    // Every number: calls 4 and 8 to the other number are counted too.
    const QJsonObject all
        = QJsonDocument::fromJson(get(u"/api/stats?since=2026-11-01&until=2026-11-02"_s).body).object();
    QCOMPARE(all.value(u"total"_s).toInt(), 6);
    QVERIFY(all.value(u"number"_s).isNull());
    QCOMPARE(all.value(u"by_outcome"_s).toObject().value(u"voicemail"_s).toInt(), 1);
    QCOMPARE(all.value(u"by_outcome"_s).toObject().value(u"answered"_s).toInt(), 2);
}

void TestFeedApi::statsCoverTheLastThirtyDaysByDefault()
{
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const FeedApi::Answer answer = get(u"/api/stats"_s);
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QCOMPARE(answer.status, 200);
    const QJsonObject stats = QJsonDocument::fromJson(answer.body).object();
    const QDateTime until = QDateTime::fromString(stats.value(u"until"_s).toString(), Qt::ISODateWithMs);
    QVERIFY2(until >= before.addMSecs(-1) && until <= after, qPrintable(stats.value(u"until"_s).toString()));
    QCOMPARE(stats.value(u"per_day"_s).toArray().size(), 30);
    const QTimeZone newYork("America/New_York");
    QCOMPARE(QDateTime::fromString(stats.value(u"since"_s).toString(), Qt::ISODateWithMs)
                 .toTimeZone(newYork)
                 .time(),
        QTime(0, 0));
}

void TestFeedApi::refusesBadParameters_data()
{
    QTest::addColumn<QString>("pathAndQuery");
    QTest::addColumn<QString>("named");

    QTest::newRow("an outcome that is none") << u"/api/calls?outcome=lost"_s << u"outcome"_s;
    QTest::newRow("a limit of 0") << u"/api/calls?limit=0"_s << u"limit"_s;
    QTest::newRow("a negative limit") << u"/api/calls?limit=-5"_s << u"limit"_s;
    QTest::newRow("a limit in words") << u"/api/calls?limit=ten"_s << u"limit"_s;
    QTest::newRow("an empty limit") << u"/api/calls?limit="_s << u"limit"_s;
    QTest::newRow("a word for since") << u"/api/calls?since=yesterday"_s << u"since"_s;
    QTest::newRow("no such month") << u"/api/calls?until=2026-13-01"_s << u"until"_s;
    QTest::newRow("since after until") << u"/api/calls?since=2026-11-05&until=2026-11-01"_s << u"since"_s;
    QTest::newRow("a number that is none") << u"/api/calls?number=front desk"_s << u"number"_s;
    QTest::newRow("before, not a call SID") << u"/api/calls?before=CA123"_s << u"before"_s;
    QTest::newRow("before, an unknown call") << u"/api/calls?before=%1"_s.arg(sidOf(0xdead)) << u"before"_s;
    QTest::newRow("a misspelt parameter") << u"/api/calls?outcom=missed"_s << u"outcom"_s;
    QTest::newRow("a parameter twice") << u"/api/calls?caller=bea&caller=lee"_s << u"caller"_s;
    QTest::newRow("a parameter in another case") << u"/api/calls?Outcome=missed"_s << u"Outcome"_s;
    QTest::newRow("a parameter of a call") << u"/api/calls/%1?events=0"_s.arg(sidOf(2)) << u"events"_s;
    QTest::newRow("a calls filter for stats") << u"/api/stats?caller=bea"_s << u"caller"_s;
    QTest::newRow("stats since a word") << u"/api/stats?since=last week"_s << u"since"_s;
    QTest::newRow("stats until a bad day") << u"/api/stats?until=2026-02-30"_s << u"until"_s;
    QTest::newRow("stats since after until")
        << u"/api/stats?since=2026-11-05&until=2026-11-01"_s << u"since"_s;
    QTest::newRow("stats since in the future") << u"/api/stats?since=2999-01-01"_s << u"since"_s;
    QTest::newRow("stats of a number that is none") << u"/api/stats?number=12"_s << u"number"_s;
}

void TestFeedApi::refusesBadParameters()
{
    QFETCH(QString, pathAndQuery);
    QFETCH(QString, named);
    verifyError(get(pathAndQuery), 400, named);
}

void TestFeedApi::unknownPathIsNotFound_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &path : { u"/"_s, u"/api"_s, u"/api/"_s, u"/api/call"_s, u"/api/calls/"_s,
             u"/api/calls/%1/events"_s.arg(sidOf(2)), u"/api/stats/today"_s, u"/API/calls"_s, u"/feed"_s })
        QTest::newRow(qPrintable(path)) << path;
}

void TestFeedApi::unknownPathIsNotFound()
{
    QFETCH(QString, path);
    verifyError(get(path), 404, u"/api/calls"_s);
    // Even to another method: there is nothing there to allow.
    QCOMPARE(get(path, "POST"_ba).status, 404);
}

void TestFeedApi::onlyReads_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("POST calls") << "POST"_ba << u"/api/calls"_s;
    QTest::newRow("PUT a call") << "PUT"_ba << u"/api/calls/%1"_s.arg(sidOf(2));
    QTest::newRow("DELETE a call") << "DELETE"_ba << u"/api/calls/%1"_s.arg(sidOf(2));
    QTest::newRow("PATCH stats") << "PATCH"_ba << u"/api/stats"_s;
    QTest::newRow("OPTIONS calls") << "OPTIONS"_ba << u"/api/calls"_s;
    QTest::newRow("get in lower case") << "get"_ba << u"/api/calls"_s;
}

void TestFeedApi::onlyReads()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    const qint64 sessions = CallStore(m_data->database()).sessionCount();
    const FeedApi::Answer answer = get(path, method);
    verifyError(answer, 405, QString::fromLatin1(method));
    QCOMPARE(answer.allow, "GET, HEAD"_ba);
    QCOMPARE(CallStore(m_data->database()).sessionCount(), sessions);
    QVERIFY(get(path).allow.isEmpty());
}

void TestFeedApi::headAnswersWithoutABody()
{
    for (const QString &path : { u"/api/calls"_s, u"/api/calls/%1"_s.arg(sidOf(2)), u"/api/stats"_s }) {
        const FeedApi::Answer head = get(path, "HEAD"_ba);
        QCOMPARE(head.status, 200);
        QCOMPARE(head.contentType, "application/json"_ba);
        QVERIFY(head.body.isEmpty());
        QVERIFY(head.allow.isEmpty());
    }
    // And with the status its GET would have.
    QCOMPARE(get(u"/api/calls/%1"_s.arg(sidOf(0xabc)), "HEAD"_ba).status, 404);
    QCOMPARE(get(u"/api/calls?limit=0"_s, "HEAD"_ba).status, 400);
}

void TestFeedApi::answersWhatTheCliPrints()
{
    const QString binary = qEnvironmentVariable("SWITCHBOARD_BINARY");
    QVERIFY2(QFile::exists(binary), "SWITCHBOARD_BINARY must name the built switchboard binary");
    const auto cli = [&](const QStringList &arguments) {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"SWITCHBOARD_KEYCHAIN"_s, u"0"_s);
        environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        process.setProcessEnvironment(environment);
        process.start(binary, QStringList { u"--data-dir"_s, m_dir->path() } + arguments);
        if (!process.waitForFinished(30000) || process.exitCode() != 0)
            qWarning().noquote() << arguments << process.readAllStandardError();
        return process.readAllStandardOutput();
    };
    QString error;
    QVERIFY2(
        CallStore(m_data->database())
            .appendEvent({ sidOf(2), startOf(Calls.at(1)), Step::CallReceived, EventAction::WebhookReceived,
                             EventResult::Processed, u"Call from +15551230002"_s },
                &error),
        qPrintable(error));

    const struct
    {
        QStringList arguments;
        QString pathAndQuery;
    } questions[] = {
        { { u"calls"_s, u"--json"_s }, u"/api/calls"_s },
        { { u"calls"_s, u"--json"_s, u"--caller"_s, u"+1555123"_s, u"--outcome"_s, u"answered"_s,
              u"--limit"_s, u"2"_s },
            u"/api/calls?caller=%2B1555123&outcome=answered&limit=2"_s },
        { { u"calls"_s, u"show"_s, sidOf(2), u"--json"_s }, u"/api/calls/"_s + sidOf(2) },
        { { u"calls"_s, u"show"_s, sidOf(7), u"--json"_s }, u"/api/calls/"_s + sidOf(7) },
        { { u"stats"_s, u"--json"_s, u"--since"_s, u"2026-11-01"_s, u"--until"_s, u"2026-11-02"_s,
              u"--number"_s, u"5557654321"_s },
            u"/api/stats?since=2026-11-01&until=2026-11-02&number=5557654321"_s },
        { { u"stats"_s, u"--json"_s, u"--since"_s, u"2026-10-01T08:00"_s, u"--until"_s,
              u"2026-11-03T05:00:00Z"_s },
            u"/api/stats?since=2026-10-01T08:00&until=2026-11-03T05:00:00Z"_s },
    };
    for (const auto &question : questions) {
        const QByteArray printed = cli(question.arguments);
        QVERIFY2(!printed.isEmpty(), qPrintable(question.arguments.join(u' ')));
        const FeedApi::Answer answer = get(question.pathAndQuery);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.body, printed);
    }
}

QTEST_GUILESS_MAIN(TestFeedApi)
#include "tst_feedapi.moc"
