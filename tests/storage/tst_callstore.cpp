// Tests of CallStore: who answered a call and its routing state are kept; a caller's last answerer is
// found; sessions are saved many at once.
#include "storage/callstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_CallStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void createKeepsAnsweredByAndState();
    void newFieldsDefaultToEmpty();
    void createSessionsManyAtOnce();
    void updateWritesAnsweredByAndState();
    void listAndEntryReadAnsweredByAndState();
    void lastAnsweredBy_data();
    void lastAnsweredBy();
    void lastAnsweredBySeesUpdates();
    void lastAnsweredByUsesItsIndex();

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
};

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
    s.stage = u"connected"_s;
    QVERIFY2(store.updateSession(s, &error), qPrintable(error));
    std::optional<CallSessionRecord> found = store.findSession(u"CA1"_s);
    QVERIFY(found);
    QCOMPARE(found->answeredBy, u"bob"_s);
    QCOMPARE(found->state, s_state);
    QCOMPARE(found->stage, u"connected"_s);

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

    const QList<CallListEntry> filtered = store.list({u"+1555123000"_s, QString(), 10});
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

QTEST_GUILESS_MAIN(tst_CallStore)
#include "tst_callstore.moc"
