// Tests of CallStore: who answered a call and its routing state are kept; a caller's last answerer is
// found; the call list pages, filters and counts on its indexes; sessions are saved many at once.
#include "calllogtestnames.h"
#include "storage/callstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_CallStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void createKeepsAnsweredByAndState();
    void updateWritesOnlyTheColumnsThatChanged();
    void newFieldsDefaultToEmpty();
    void createSessionsManyAtOnce();
    void unfinishedSessionsAreTheOldOngoingOnes();
    void updateWritesAnsweredByAndState();
    void listAndEntryReadAnsweredByAndState();
    void lastAnsweredBy_data();
    void lastAnsweredBy();
    void lastAnsweredBySeesUpdates();
    void lastAnsweredByUsesItsIndex();
    void pagesRunAcrossEqualStartTimes();
    void pageFilters_data();
    void pageFilters();
    void callerInAnyWrittenForm_data();
    void callerInAnyWrittenForm();
    void callerByCustomerName();
    void listWithoutLimitReadsEveryPage();
    void commonAndRarePrefixesFindTheSameCalls();
    void count();
    void countStopsAtItsLimit();
    void calledNumbers();
    void pagesUseAnIndex_data();
    void pagesUseAnIndex();
    void timelinesFollowTheirCalls();

private:
    void seedFilterCalls();
    // Inserts `count` calls from "+1555<7 digits>" to +15550000001 with one SQL statement, one minute
    // apart going back from s_now; much faster than a createSession() each.
    void seedMany(int count, int everyNthFromPrefix = 0, const QString &prefix = {});

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
};

Q_DECLARE_METATYPE(CallListFilter)

namespace {

const QDateTime s_now(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
const QString s_state = uR"({"team":"front-desk","rung":["alice","bob"],"attempt":2})"_s;

CallSessionRecord session(const QString &callSid, const QString &from, const QDateTime &startedAt,
                          const QString &answeredBy = {})
{
    CallSessionRecord s;
    s.callSid = callSid;
    s.from = from;
    s.to = u"+15557654321"_s;
    s.startedAt = startedAt;
    s.answeredBy = answeredBy;
    return s;
}

// Every call of the list, page after page.
QStringList allPages(CallStore &store, const CallListFilter &filter, int pageSize)
{
    QStringList sids;
    std::optional<CallPageCursor> after;
    for (int pages = 0; pages < 10000; ++pages) {
        const QList<CallListEntry> page = store.page(filter, after, pageSize);
        for (const CallListEntry &entry : page)
            sids.append(entry.session.callSid);
        if (page.size() < pageSize)
            break;
        after = page.last().cursor();
    }
    return sids;
}

} // namespace

void tst_CallStore::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_db = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
}

void tst_CallStore::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

// Events are keyed by their call's start (see schema version 7): each call still gets its own, in
// order, also two calls that started in the same millisecond and events kept without a session.
void tst_CallStore::timelinesFollowTheirCalls()
{
    CallStore calls(*m_db);
    QString error;
    QVERIFY2(calls.createSession(session(u"CA01"_s, u"+15551230000"_s, s_now), &error), qPrintable(error));
    QVERIFY2(calls.createSession(session(u"CA02"_s, u"+15551230001"_s, s_now), &error), qPrintable(error));
    for (const auto &[sid, step] : { std::pair { u"CA01"_s, Step::CallReceived }, { u"CA02"_s, Step::CallReceived },
             { u"CA01"_s, Step::BookingLookup }, { u"CA03"_s, Step::StatusChanged } }) {
        QVERIFY2(calls.appendEvent({ sid, s_now, step, EventAction::Internal, EventResult::Processed, {} }, &error),
            qPrintable(error));
    }
    const QList<CallEventRecord> first = calls.events(u"CA01"_s);
    QCOMPARE(first.size(), 2);
    QCOMPARE(first.at(0).step, Step::CallReceived);
    QCOMPARE(first.at(1).step, Step::BookingLookup);
    QCOMPARE(calls.events(u"CA02"_s).size(), 1);
    QCOMPARE(calls.events(u"CA03"_s).size(), 1); // no session
    QVERIFY(calls.events(u"CA04"_s).isEmpty());
}

void tst_CallStore::updateWritesOnlyTheColumnsThatChanged()
{
    CallStore calls(*m_db);
    QString error;
    CallSessionRecord stored = session(u"CA01"_s, u"+15551230000"_s, QDateTime::currentDateTimeUtc());
    QVERIFY2(calls.createSession(stored, &error), qPrintable(error));
    // Counts what SQLite does: a row rewritten at all, and the outcome named in an UPDATE.
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(u"CREATE TEMP TABLE counts(what TEXT)"_s));
    QVERIFY(query.exec(u"CREATE TEMP TRIGGER any_update AFTER UPDATE ON call_sessions BEGIN "
                       u"INSERT INTO counts VALUES('row'); END"_s));
    QVERIFY(query.exec(u"CREATE TEMP TRIGGER outcome_update AFTER UPDATE OF outcome ON call_sessions BEGIN "
                       u"INSERT INTO counts VALUES('outcome'); END"_s));
    const auto count = [&](const QString &what) {
        QSqlQuery q(m_db->connection());
        q.exec(u"SELECT count(*) FROM counts WHERE what = '%1'"_s.arg(what));
        return q.next() ? q.value(0).toInt() : -1;
    };

    // Nothing new: nothing written.
    QVERIFY2(calls.updateSession(stored, &error, &stored), qPrintable(error));
    QCOMPARE(count(u"row"_s), 0);
    // A new stage: the row, but not the outcome.
    CallSessionRecord next = stored;
    next.stage = CallStage::Ringing;
    next.state = uR"({"round":1})"_s;
    QVERIFY2(calls.updateSession(next, &error, &stored), qPrintable(error));
    QCOMPARE(count(u"row"_s), 1);
    QCOMPARE(count(u"outcome"_s), 0);
    // The end of the call names the outcome.
    CallSessionRecord ended = next;
    ended.outcome = CallOutcome::Answered;
    ended.endedAt = QDateTime::currentDateTimeUtc();
    ended.durationSeconds = 42;
    QVERIFY2(calls.updateSession(ended, &error, &next), qPrintable(error));
    QCOMPARE(count(u"outcome"_s), 1);
    // Without the stored row every column is written, as before.
    QVERIFY2(calls.updateSession(ended, &error), qPrintable(error));
    QCOMPARE(count(u"outcome"_s), 2);

    const std::optional<CallSessionRecord> read = calls.findSession(u"CA01"_s);
    QVERIFY(read);
    QCOMPARE(read->stage, CallStage::Ringing);
    QCOMPARE(read->state, next.state);
    QCOMPARE(read->outcome, CallOutcome::Answered);
    QCOMPARE(read->durationSeconds.value_or(-1), 42);
}

void tst_CallStore::createKeepsAnsweredByAndState()
{
    CallStore store(*m_db);
    CallSessionRecord created = session(u"CA1"_s, u"+15551230001"_s, s_now, u"alice"_s);
    created.state = s_state;
    QString error;
    QVERIFY2(store.createSession(created, &error), qPrintable(error));

    const std::optional<CallSessionRecord> found = store.findSession(u"CA1"_s);
    QVERIFY(found);
    QCOMPARE(found->answeredBy, u"alice"_s);
    QCOMPARE(found->state, s_state);
    QCOMPARE(found->from, u"+15551230001"_s);
    QCOMPARE(found->startedAt, s_now);
}

void tst_CallStore::newFieldsDefaultToEmpty()
{
    CallStore store(*m_db);
    QString error;
    QVERIFY2(store.createSession(session(u"CA1"_s, u"+15551230001"_s, s_now), &error), qPrintable(error));
    const std::optional<CallSessionRecord> found = store.findSession(u"CA1"_s);
    QVERIFY(found);
    QVERIFY(found->answeredBy.isEmpty());
    QVERIFY(found->state.isEmpty());
}

void tst_CallStore::unfinishedSessionsAreTheOldOngoingOnes()
{
    CallStore store(*m_db);
    QString error;
    CallSessionRecord ended = session(u"CA1"_s, u"+15551230001"_s, s_now.addSecs(-300));
    ended.endedAt = s_now.addSecs(-200);
    ended.outcome = CallOutcome::Answered;
    CallSessionRecord blocked = session(u"CA2"_s, u"+15551230002"_s, s_now.addSecs(-290));
    blocked.outcome = CallOutcome::Blocked;
    const CallSessionRecord heard = session(u"CA3"_s, u"+15551230003"_s, s_now.addSecs(-280));
    const CallSessionRecord silent = session(u"CA4"_s, u"+15551230004"_s, s_now.addSecs(-290));
    const CallSessionRecord tooRecent = session(u"CA5"_s, u"+15551230005"_s, s_now);
    for (const CallSessionRecord &s : { ended, blocked, heard, silent, tooRecent })
        QVERIFY2(store.createSession(s, &error), qPrintable(error));
    for (int seconds : { -270, -250, -260 }) {
        QVERIFY2(store.appendEvent({ u"CA3"_s, s_now.addSecs(seconds), Step::DialTarget, EventAction::CommandSent,
                                       EventResult::Processed, u"Ringing."_s },
                     &error),
            qPrintable(error));
    }

    const std::optional<QList<UnfinishedSession>> found = store.unfinishedSessions(s_now, 10);
    QVERIFY(found);
    QCOMPARE(found->size(), 2); // oldest first
    QCOMPARE(found->at(0).session.callSid, u"CA4"_s);
    QVERIFY(!found->at(0).lastHeard.isValid());
    QCOMPARE(found->at(1).session.callSid, u"CA3"_s);
    QCOMPARE(found->at(1).lastHeard, s_now.addSecs(-250));
    QCOMPARE(store.unfinishedSessions(s_now, 1)->size(), 1);
}

void tst_CallStore::createSessionsManyAtOnce()
{
    CallStore store(*m_db);
    QString error;
    QVERIFY2(store.createSession(session(u"CA7"_s, u"+15551230001"_s, s_now, u"alice"_s), &error), qPrintable(error));
    // More than one statement's worth, with a repeat of a session already saved.
    QList<CallSessionRecord> sessions;
    for (int i = 0; i < 1203; ++i)
        sessions.append(session(u"CA%1"_s.arg(i), u"+1555999%1"_s.arg(i, 4, 10, QLatin1Char('0')), s_now.addSecs(i)));
    sessions[5].state = s_state;
    QVERIFY2(store.createSessions(sessions, &error), qPrintable(error));
    QCOMPARE(store.sessionCount(), 1203);
    // The repeat kept what the first save wrote.
    QCOMPARE(store.findSession(u"CA7"_s)->answeredBy, u"alice"_s);
    const std::optional<CallSessionRecord> last = store.findSession(u"CA1202"_s);
    QVERIFY(last);
    QCOMPARE(last->from, u"+15559991202"_s);
    QCOMPARE(last->startedAt, s_now.addSecs(1202));
    QCOMPARE(store.findSession(u"CA5"_s)->state, s_state);
    QVERIFY2(store.createSessions({}, &error), qPrintable(error));
}

void tst_CallStore::updateWritesAnsweredByAndState()
{
    CallStore store(*m_db);
    QString error;
    CallSessionRecord s = session(u"CA1"_s, u"+15551230001"_s, s_now);
    QVERIFY2(store.createSession(s, &error), qPrintable(error));

    s.answeredBy = u"bob"_s;
    s.state = s_state;
    s.stage = CallStage::AgentConnected;
    QVERIFY2(store.updateSession(s, &error), qPrintable(error));
    std::optional<CallSessionRecord> found = store.findSession(u"CA1"_s);
    QVERIFY(found);
    QCOMPARE(found->answeredBy, u"bob"_s);
    QCOMPARE(found->state, s_state);
    QCOMPARE(found->stage, CallStage::AgentConnected);

    // Cleared again: the engine may drop its state, and a transfer may leave nobody on the call.
    s.answeredBy.clear();
    s.state.clear();
    QVERIFY2(store.updateSession(s, &error), qPrintable(error));
    found = store.findSession(u"CA1"_s);
    QVERIFY(found);
    QVERIFY(found->answeredBy.isEmpty());
    QVERIFY(found->state.isEmpty());
}

void tst_CallStore::listAndEntryReadAnsweredByAndState()
{
    CallStore store(*m_db);
    QString error;
    CallSessionRecord first = session(u"CA1"_s, u"+15551230001"_s, s_now.addSecs(-60), u"alice"_s);
    first.state = s_state;
    CallSessionRecord second = session(u"CA2"_s, u"+15551230002"_s, s_now);
    second.lastStatus = u"completed"_s;
    QVERIFY2(store.createSession(first, &error), qPrintable(error));
    QVERIFY2(store.createSession(second, &error), qPrintable(error));

    const QList<CallListEntry> entries = store.list({});
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).session.callSid, u"CA2"_s);
    QVERIFY(entries.at(0).session.answeredBy.isEmpty());
    QCOMPARE(entries.at(0).session.lastStatus, u"completed"_s);
    QCOMPARE(entries.at(1).session.callSid, u"CA1"_s);
    QCOMPARE(entries.at(1).session.answeredBy, u"alice"_s);
    QCOMPARE(entries.at(1).session.state, s_state);
    // The columns after the session's are still the customer's name and the booking's id.
    QVERIFY(entries.at(1).customerName.isEmpty());
    QVERIFY(entries.at(1).bookingExternalId.isEmpty());

    const QList<CallListEntry> filtered = store.list({u"+1555123000"_s, std::nullopt, 10});
    QCOMPARE(filtered.size(), 2);

    const std::optional<CallListEntry> entry = store.entry(u"CA1"_s);
    QVERIFY(entry);
    QCOMPARE(entry->session.answeredBy, u"alice"_s);
    QCOMPARE(entry->session.state, s_state);
}

void tst_CallStore::lastAnsweredBy_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QDateTime>("since");
    QTest::addColumn<QString>("expected");

    const QDateTime month = s_now.addDays(-30);
    QTest::newRow("newest answered call") << u"+15551230001"_s << month << u"bob"_s;
    QTest::newRow("newer unanswered calls are skipped") << u"+15551230001"_s << s_now.addDays(-3) << u"bob"_s;
    QTest::newRow("since is inclusive") << u"+15551230001"_s << s_now.addDays(-2) << u"bob"_s;
    QTest::newRow("answered only before since") << u"+15551230001"_s << s_now.addDays(-2).addMSecs(1)
                                                << QString();
    QTest::newRow("older answer within since") << u"+15551230004"_s << month << u"alice"_s;
    QTest::newRow("invalid since sets no bound") << u"+15551230001"_s << QDateTime() << u"bob"_s;
    QTest::newRow("another caller") << u"+15551230002"_s << month << u"carol"_s;
    QTest::newRow("same start, the later saved") << u"+15551230003"_s << month << u"frank"_s;
    QTest::newRow("unknown caller") << u"+15559999999"_s << month << QString();
    QTest::newRow("caller never answered") << u"+15551230005"_s << month << QString();
    QTest::newRow("prefix of a caller") << u"+1555123000"_s << month << QString();
    QTest::newRow("withheld caller id") << u"+266696687"_s << month << QString();
    QTest::newRow("empty caller id") << QString() << month << QString();
}

void tst_CallStore::lastAnsweredBy()
{
    QFETCH(QString, from);
    QFETCH(QDateTime, since);
    QFETCH(QString, expected);

    CallStore store(*m_db);
    const QList<CallSessionRecord> sessions = {
        session(u"CA1"_s, u"+15551230001"_s, s_now.addDays(-10), u"alice"_s),
        session(u"CA2"_s, u"+15551230001"_s, s_now.addDays(-2), u"bob"_s),
        session(u"CA3"_s, u"+15551230001"_s, s_now.addDays(-1)),
        session(u"CA4"_s, u"+15551230001"_s, s_now.addSecs(-60)),
        session(u"CA5"_s, u"+15551230002"_s, s_now.addSecs(-3600), u"carol"_s),
        session(u"CA6"_s, u"+15551230003"_s, s_now.addDays(-5), u"erin"_s),
        session(u"CA7"_s, u"+15551230003"_s, s_now.addDays(-5), u"frank"_s),
        session(u"CA8"_s, u"+15551230004"_s, s_now.addDays(-20), u"alice"_s),
        session(u"CA9"_s, u"+15551230004"_s, s_now.addDays(-40), u"bob"_s),
        session(u"CA10"_s, u"+15551230005"_s, s_now.addDays(-1)),
        session(u"CA11"_s, u"+266696687"_s, s_now.addSecs(-60), u"dave"_s),
        session(u"CA12"_s, QString(), s_now.addSecs(-60), u"gina"_s),
    };
    QString error;
    for (const CallSessionRecord &s : sessions)
        QVERIFY2(store.createSession(s, &error), qPrintable(error));

    QCOMPARE(store.lastAnsweredBy(from, since), expected);
}

void tst_CallStore::lastAnsweredBySeesUpdates()
{
    CallStore store(*m_db);
    QString error;
    CallSessionRecord older = session(u"CA1"_s, u"+15551230001"_s, s_now.addDays(-1), u"alice"_s);
    CallSessionRecord newer = session(u"CA2"_s, u"+15551230001"_s, s_now);
    QVERIFY2(store.createSession(older, &error), qPrintable(error));
    QVERIFY2(store.createSession(newer, &error), qPrintable(error));
    QCOMPARE(store.lastAnsweredBy(u"+15551230001"_s, s_now.addDays(-7)), u"alice"_s);

    // The call is answered while it goes on: the update is what sets answered_by.
    newer.answeredBy = u"bob"_s;
    QVERIFY2(store.updateSession(newer, &error), qPrintable(error));
    QCOMPARE(store.lastAnsweredBy(u"+15551230001"_s, s_now.addDays(-7)), u"bob"_s);

    newer.answeredBy.clear();
    QVERIFY2(store.updateSession(newer, &error), qPrintable(error));
    QCOMPARE(store.lastAnsweredBy(u"+15551230001"_s, s_now.addDays(-7)), u"alice"_s);
}

void tst_CallStore::lastAnsweredByUsesItsIndex()
{
    const QStringList plan = CallStore(*m_db).lastAnsweredByQueryPlan();
    QVERIFY(!plan.isEmpty());
    const QString text = plan.join(u'\n');
    // On every inbound call: no scan of the call log, and no sort of the caller's calls.
    QVERIFY2(text.contains(u"USING INDEX call_sessions_answered"_s), qPrintable(text));
    for (const QString &step : plan) {
        QVERIFY2(!step.startsWith(u"SCAN"_s), qPrintable(text));
        QVERIFY2(!step.contains(u"TEMP B-TREE"_s), qPrintable(text));
    }
}

void tst_CallStore::pagesRunAcrossEqualStartTimes()
{
    CallStore store(*m_db);
    QString error;
    // Five calls in the same millisecond, between two others: a page boundary falls among them.
    QVERIFY2(store.createSession(session(u"CA-old"_s, u"+15551230001"_s, s_now.addSecs(-60)), &error),
             qPrintable(error));
    for (int i = 1; i <= 5; ++i)
        QVERIFY2(store.createSession(session(u"CA-same%1"_s.arg(i), u"+15551230001"_s, s_now), &error),
                 qPrintable(error));
    QVERIFY2(store.createSession(session(u"CA-new"_s, u"+15551230001"_s, s_now.addSecs(60)), &error),
             qPrintable(error));

    const QStringList expected = {u"CA-new"_s, u"CA-same5"_s, u"CA-same4"_s, u"CA-same3"_s,
                                  u"CA-same2"_s, u"CA-same1"_s, u"CA-old"_s};
    for (int pageSize : {1, 2, 3, 7, 50})
        QCOMPARE(allPages(store, {}, pageSize), expected);

    const QList<CallListEntry> first = store.page({}, std::nullopt, 3);
    QCOMPARE(first.size(), 3);
    QCOMPARE(first.last().cursor().startedAtMs, s_now.toMSecsSinceEpoch());
    const QList<CallListEntry> second = store.page({}, first.last().cursor(), 3);
    QCOMPARE(second.size(), 3);
    QCOMPARE(second.first().session.callSid, u"CA-same3"_s);
    QVERIFY(store.page({}, std::nullopt, 0).isEmpty());
    // A call looked up by its SID starts the same page as the one a page ended with.
    const std::optional<CallListEntry> third = store.entry(u"CA-same4"_s);
    QVERIFY(third);
    QCOMPARE(third->rowid, first.last().rowid);
    QCOMPARE(store.page({}, third->cursor(), 3).first().session.callSid, u"CA-same3"_s);

    // list() is the first page.
    CallListFilter limited;
    limited.limit = 4;
    QStringList listed;
    for (const CallListEntry &entry : store.list(limited))
        listed.append(entry.session.callSid);
    QCOMPARE(listed, expected.first(4));
}

void tst_CallStore::seedFilterCalls()
{
    CallStore store(*m_db);
    struct Call
    {
        const char16_t *sid;
        const char16_t *from;
        const char16_t *to;
        int daysAgo;
        const char16_t *outcome;
    };
    const Call calls[] = {
        {u"CA1", u"+15551230001", u"+15550000001", 0, u"answered"},
        {u"CA2", u"+15551230002", u"+15550000002", 1, u"missed"},
        {u"CA3", u"+15551239999", u"+15550000001", 2, u"voicemail"},
        {u"CA4", u"+15551240000", u"+15550000001", 3, u"missed"},
        {u"CA5", u"+4930123456", u"+15550000002", 10, u"ai_agent"},
        {u"CA6", u"+15551230001", u"+15550000001", 40, u"missed"},
        {u"CA7", u"+15551230003", u"+15550000002", 40, u"answered"},
    };
    QString error;
    for (const Call &call : calls) {
        CallSessionRecord s = session(QString::fromUtf16(call.sid), QString::fromUtf16(call.from),
                                      s_now.addDays(-call.daysAgo));
        s.to = QString::fromUtf16(call.to);
        s.outcome = CallLogTestNames::outcome(call.outcome);
        QVERIFY2(store.createSession(s, &error), qPrintable(error));
    }
}

void tst_CallStore::pageFilters_data()
{
    QTest::addColumn<CallListFilter>("filter");
    QTest::addColumn<QStringList>("expected");

    const auto filter = [](const QString &prefix, const QString &outcome, const QString &to,
                           const QDateTime &since = {}, const QDateTime &until = {}) {
        CallListFilter f;
        f.caller = prefix;
        f.outcome = CallLogTestNames::outcomeOrAny(outcome);
        f.calledNumber = to;
        f.since = since;
        f.until = until;
        return f;
    };
    // CA6 and CA7 started together: the one saved later comes first.
    const QStringList all = {u"CA1"_s, u"CA2"_s, u"CA3"_s, u"CA4"_s, u"CA5"_s, u"CA7"_s, u"CA6"_s};
    QTest::newRow("none") << CallListFilter() << all;
    QTest::newRow("prefix") << filter(u"+1555123"_s, {}, {}) << QStringList {u"CA1"_s, u"CA2"_s, u"CA3"_s, u"CA7"_s, u"CA6"_s};
    QTest::newRow("whole number") << filter(u"+15551230001"_s, {}, {}) << QStringList {u"CA1"_s, u"CA6"_s};
    QTest::newRow("prefix of nobody") << filter(u"+44"_s, {}, {}) << QStringList();
    QTest::newRow("outcome") << filter({}, u"missed"_s, {}) << QStringList {u"CA2"_s, u"CA4"_s, u"CA6"_s};
    QTest::newRow("called number") << filter({}, {}, u"+15550000002"_s) << QStringList {u"CA2"_s, u"CA5"_s, u"CA7"_s};
    QTest::newRow("since") << filter({}, {}, {}, s_now.addDays(-3)) << QStringList {u"CA1"_s, u"CA2"_s, u"CA3"_s, u"CA4"_s};
    QTest::newRow("until is exclusive") << filter({}, {}, {}, {}, s_now.addDays(-3))
                                        << QStringList {u"CA5"_s, u"CA7"_s, u"CA6"_s};
    QTest::newRow("date range") << filter({}, {}, {}, s_now.addDays(-10), s_now.addDays(-1))
                                << QStringList {u"CA3"_s, u"CA4"_s, u"CA5"_s};
    QTest::newRow("prefix and outcome") << filter(u"+1555123"_s, u"missed"_s, {}) << QStringList {u"CA2"_s, u"CA6"_s};
    QTest::newRow("outcome and number") << filter({}, u"answered"_s, u"+15550000002"_s) << QStringList {u"CA7"_s};
    QTest::newRow("prefix, number and dates")
        << filter(u"+1555"_s, {}, u"+15550000001"_s, s_now.addDays(-30), s_now.addSecs(1))
        << QStringList {u"CA1"_s, u"CA3"_s, u"CA4"_s};
    QTest::newRow("all four") << filter(u"+1555123"_s, u"missed"_s, u"+15550000001"_s, s_now.addDays(-60), s_now)
                              << QStringList {u"CA6"_s};
    QTest::newRow("empty range") << filter({}, {}, {}, s_now, s_now) << QStringList();
}

void tst_CallStore::pageFilters()
{
    QFETCH(CallListFilter, filter);
    QFETCH(QStringList, expected);
    seedFilterCalls();
    CallStore store(*m_db);
    // Pages of one and two move the cursor through the filtered calls; one big page has them all.
    QCOMPARE(allPages(store, filter, 1), expected);
    QCOMPARE(allPages(store, filter, 2), expected);
    QCOMPARE(allPages(store, filter, 100), expected);
    QCOMPARE(store.count(filter), qint64(expected.size()));
}

void tst_CallStore::callerInAnyWrittenForm_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QStringList>("expected");

    const QStringList sanFrancisco {u"CAsf"_s};
    QTest::newRow("national with parentheses") << u"US"_s << u"(415) 555-0888"_s << sanFrancisco;
    QTest::newRow("national with spaces") << u"US"_s << u"415 555 0888"_s << sanFrancisco;
    QTest::newRow("international with dashes") << u"US"_s << u"+1 415-555-0888"_s << sanFrancisco;
    QTest::newRow("first digits") << u"US"_s << u"415555"_s << sanFrancisco;
    QTest::newRow("digits in the middle") << u"US"_s << u"555-08"_s << sanFrancisco;
    QTest::newRow("digits both have") << u"US"_s << u"555-0"_s << QStringList {u"CAother"_s, u"CAsf"_s};
    QTest::newRow("another number") << u"US"_s << u"(415) 555-0999"_s << QStringList();
    QTest::newRow("uk national") << u"GB"_s << u"020 7946 0018"_s << QStringList {u"CAlondon"_s};
    QTest::newRow("uk national start") << u"GB"_s << u"020 79"_s << QStringList {u"CAlondon"_s};
    QTest::newRow("uk number from a us practice") << u"US"_s << u"+44 20 7946"_s << QStringList {u"CAlondon"_s};
}

void tst_CallStore::callerInAnyWrittenForm()
{
    QFETCH(QString, region);
    QFETCH(QString, typed);
    QFETCH(QStringList, expected);
    CallStore store(*m_db);
    QString error;
    QVERIFY2(store.createSession(session(u"CAsf"_s, u"+14155550888"_s, s_now.addSecs(-60)), &error), qPrintable(error));
    QVERIFY2(store.createSession(session(u"CAother"_s, u"+12125550123"_s, s_now.addSecs(-120)), &error),
             qPrintable(error));
    QVERIFY2(store.createSession(session(u"CAlondon"_s, u"+442079460018"_s, s_now.addSecs(-180)), &error),
             qPrintable(error));
    CallListFilter filter;
    filter.caller = typed;
    filter.region = region;
    QStringList listed;
    for (const CallListEntry &entry : store.list(filter))
        listed.append(entry.session.callSid);
    listed.sort();
    QStringList sorted = expected;
    sorted.sort();
    QCOMPARE(listed, sorted);
    QCOMPARE(store.count(filter), qint64(expected.size()));
}

void tst_CallStore::callerByCustomerName()
{
    Customer maria;
    maria.name = u"Maria Lopez"_s;
    maria.phoneE164 = u"+14155550888"_s;
    const Result<qint64> id = CustomerStore(*m_db).insert(maria);
    QVERIFY(id.ok());
    CallStore store(*m_db);
    QString error;
    CallSessionRecord hers = session(u"CAmaria"_s, maria.phoneE164, s_now.addSecs(-60));
    hers.customerId = id.value();
    QVERIFY2(store.createSession(hers, &error), qPrintable(error));
    QVERIFY2(store.createSession(session(u"CAstranger"_s, u"+12125550123"_s, s_now.addSecs(-120)), &error),
             qPrintable(error));
    CallListFilter filter;
    filter.caller = u"lopez MARIA"_s;
    const QList<CallListEntry> found = store.list(filter);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().session.callSid, u"CAmaria"_s);
    QCOMPARE(store.count(filter), qint64(1));
    filter.caller = u"Zed"_s;
    QVERIFY(store.list(filter).isEmpty());
}

void tst_CallStore::seedMany(int count, int everyNthFromPrefix, const QString &prefix)
{
    // Call i starts i minutes before s_now; every nth comes from `prefix`, the others from +1555.
    QSqlQuery query(m_db->connection());
    QVERIFY(query.prepare(uR"(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)
        INSERT INTO call_sessions(call_sid, "from", "to", started_at, outcome)
        SELECT printf('CAmany%07d', i),
               CASE WHEN :nth > 0 AND i % :nth2 = 0 THEN :prefix || printf('%07d', i)
                    ELSE printf('+1555%07d', i) END,
               '+15550000001', :now - i * 60000,
               CASE i % 4 WHEN 0 THEN 'missed' ELSE 'answered' END
        FROM n)"_s));
    query.bindValue(u":count"_s, count);
    query.bindValue(u":nth"_s, everyNthFromPrefix);
    query.bindValue(u":nth2"_s, everyNthFromPrefix > 0 ? everyNthFromPrefix : 1);
    query.bindValue(u":prefix"_s, prefix);
    query.bindValue(u":now"_s, s_now.toMSecsSinceEpoch());
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
}

void tst_CallStore::listWithoutLimitReadsEveryPage()
{
    seedMany(2500);
    CallStore store(*m_db);
    CallListFilter filter;
    filter.limit = 0;
    const QList<CallListEntry> entries = store.list(filter);
    QCOMPARE(entries.size(), 2500);
    QCOMPARE(entries.first().session.callSid, u"CAmany0000001"_s);
    QCOMPARE(entries.last().session.callSid, u"CAmany0002500"_s);
}

void tst_CallStore::commonAndRarePrefixesFindTheSameCalls()
{
    // +1555 is common (16,000 calls: walked newest first), +4930 and +15550001 are not (8,000 and 667:
    // sorted on the "from" index); each must list the calls a filter by hand does.
    seedMany(24000, 3, u"+4930"_s);
    CallStore store(*m_db);
    for (const QString &prefix : {u"+1555"_s, u"+4930"_s, u"+15550001"_s}) {
        for (const QString &outcome : {QString(), u"missed"_s}) {
            CallListFilter filter;
            filter.caller = prefix;
            filter.outcome = CallLogTestNames::outcomeOrAny(outcome);
            QStringList expected;
            int prefixMatches = 0;
            for (const CallListEntry &entry : store.page({}, std::nullopt, 30000)) {
                if (!entry.session.from.startsWith(prefix))
                    continue;
                ++prefixMatches;
                if (!filter.outcome || entry.session.outcome == filter.outcome)
                    expected.append(entry.session.callSid);
            }
            QVERIFY(!expected.isEmpty());
            QCOMPARE(allPages(store, filter, 200), expected);
            QCOMPARE(store.count(filter), qint64(expected.size()));
            // The plan: a sort of the few matches, or no sort at all.
            const QString plan = store.pageQueryPlan(filter, CallPageCursor {s_now.toMSecsSinceEpoch(), 5}).join(u'\n');
            // CallStore's limit between the two.
            if (prefixMatches < 10000)
                QVERIFY2(plan.contains(u"COVERING INDEX call_sessions_from"_s), qPrintable(plan));
            else
                QVERIFY2(!plan.contains(u"TEMP B-TREE FOR ORDER BY"_s), qPrintable(plan));
        }
    }
}

void tst_CallStore::count()
{
    CallStore store(*m_db);
    QCOMPARE(store.count({}), qint64(0));
    seedFilterCalls();
    QCOMPARE(store.count({}), qint64(7));
    CallListFilter filter;
    filter.outcome = CallOutcome::Missed;
    QCOMPARE(store.count(filter), qint64(3));
    filter.caller = u"+1555123"_s;
    QCOMPARE(store.count(filter), qint64(2));
    filter.since = s_now.addDays(-7);
    QCOMPARE(store.count(filter), qint64(1));
}

void tst_CallStore::countStopsAtItsLimit()
{
    seedMany(int(CallStore::CountLimit) + 10);
    CallStore store(*m_db);
    QCOMPARE(store.count({}), CallStore::CountLimit);
    CallListFilter filter;
    filter.outcome = CallOutcome::Missed;
    QCOMPARE(store.count(filter), (CallStore::CountLimit + 10) / 4);
    filter.outcome.reset();
    filter.caller = u"+15550"_s;
    QCOMPARE(store.count(filter), CallStore::CountLimit);
}

void tst_CallStore::calledNumbers()
{
    CallStore store(*m_db);
    QVERIFY(store.calledNumbers().isEmpty());
    seedFilterCalls();
    CallSessionRecord noNumber = session(u"CA-none"_s, u"+15551230001"_s, s_now);
    noNumber.to.clear();
    QString error;
    QVERIFY2(store.createSession(noNumber, &error), qPrintable(error));
    QCOMPARE(store.calledNumbers(), (QStringList {u"+15550000001"_s, u"+15550000002"_s}));
    QCOMPARE(store.calledNumbers(1), QStringList {u"+15550000001"_s});
}

void tst_CallStore::pagesUseAnIndex_data()
{
    QTest::addColumn<CallListFilter>("filter");
    QTest::addColumn<QString>("index");

    CallListFilter f;
    QTest::newRow("all calls") << f << u"call_sessions_started"_s;
    f.since = s_now.addDays(-30);
    f.until = s_now;
    QTest::newRow("date range") << f << u"call_sessions_started"_s;
    f.outcome = CallOutcome::Missed;
    QTest::newRow("outcome and dates") << f << u"call_sessions_outcome"_s;
    f = {};
    f.calledNumber = u"+15550000001"_s;
    QTest::newRow("called number") << f << u"call_sessions_to"_s;
    f.since = s_now.addDays(-30);
    QTest::newRow("called number and dates") << f << u"call_sessions_to"_s;
}

void tst_CallStore::pagesUseAnIndex()
{
    QFETCH(CallListFilter, filter);
    QFETCH(QString, index);
    CallStore store(*m_db);
    for (const std::optional<CallPageCursor> &after :
         {std::optional<CallPageCursor>(), std::optional(CallPageCursor {s_now.toMSecsSinceEpoch(), 42})}) {
        const QStringList plan = store.pageQueryPlan(filter, after);
        QVERIFY(!plan.isEmpty());
        const QString text = plan.join(u'\n');
        // Read in the list's order and stopped after a page: the index of the filter and no sort of the
        // calls. The outcome and number indexes hold one more column after started_at, so the calls of
        // one millisecond are put in row order as they come ("RIGHT PART OF ORDER BY"), which still
        // stops after a page.
        QVERIFY2(text.contains(u"INDEX "_s + index), qPrintable(text));
        QVERIFY2(!text.contains(u"TEMP B-TREE FOR ORDER BY"_s), qPrintable(text));
    }
}

QTEST_GUILESS_MAIN(tst_CallStore)
#include "tst_callstore.moc"
