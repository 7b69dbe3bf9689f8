// Tests of CallLogModel: pages of 200 fetched as the view asks, the filters, the texts of each column.
#include "calllogtestnames.h"
#include "calls/calllogmodel.h"

#include "storage/callstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QPalette>
#include <QLocale>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_CallLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void readsNothingUntilAsked();
    void fetchesPagesOf200();
    void passesTheModelTester();
    void filters_data();
    void filters();
    void columnTexts();
    void withheldCallerAndOngoingCall();
    void aCallBackNamesTheCustomerItCalled();
    void missedCallsStandOut();
    void durationTexts_data();
    void durationTexts();
    void refreshReadsTheFirstPageAgain();
    void rowsOutOfRange();

private:
    // `count` calls from +1555000xxxx to +15550000001, one minute apart going back from s_now.
    void seedCalls(int count);
    CallSessionRecord call(const QString &sid, const QString &from, const QString &to, const QDateTime &at,
                           const QString &outcome = u"answered"_s);
    void create(const CallSessionRecord &session);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
};

namespace {

const QDateTime s_now = QDateTime::currentDateTimeUtc();

QStringList sids(const CallLogModel &model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.sessionAt(row).callSid);
    return list;
}

} // namespace

Q_DECLARE_METATYPE(CallListFilter)

void tst_CallLogModel::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_db = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
}

void tst_CallLogModel::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

CallSessionRecord tst_CallLogModel::call(const QString &sid, const QString &from, const QString &to,
                                         const QDateTime &at, const QString &outcome)
{
    CallSessionRecord s;
    s.callSid = sid;
    s.from = from;
    s.to = to;
    s.startedAt = at;
    s.outcome = CallLogTestNames::outcome(outcome);
    return s;
}

void tst_CallLogModel::create(const CallSessionRecord &session)
{
    QString error;
    QVERIFY2(CallStore(*m_db).createSession(session, &error), qPrintable(error));
}

void tst_CallLogModel::seedCalls(int count)
{
    QString error;
    const bool ok = m_db->transaction(
        [&] {
            CallStore store(*m_db);
            for (int i = 0; i < count; ++i) {
                if (!store.createSession(call(u"CA%1"_s.arg(i, 6, 10, QLatin1Char('0')),
                                              u"+1555000%1"_s.arg(i, 4, 10, QLatin1Char('0')), u"+15550000001"_s,
                                              s_now.addSecs(-60 * i)),
                                         &error))
                    return false;
            }
            return true;
        },
        &error);
    QVERIFY2(ok, qPrintable(error));
}

void tst_CallLogModel::readsNothingUntilAsked()
{
    seedCalls(3);
    CallLogModel model(*m_db);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(!model.canFetchMore({}));
}

void tst_CallLogModel::fetchesPagesOf200()
{
    seedCalls(450);
    CallLogModel model(*m_db);
    model.setFilter({});
    QCOMPARE(model.rowCount(), CallLogModel::PageSize);
    QVERIFY(model.canFetchMore({}));
    QCOMPARE(model.sessionAt(0).callSid, u"CA000000"_s);

    model.fetchMore({});
    QCOMPARE(model.rowCount(), 400);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 450);
    QVERIFY(!model.canFetchMore({}));
    model.fetchMore({}); // nothing more: no change
    QCOMPARE(model.rowCount(), 450);

    // Newest first, every call once, across the pages.
    const QStringList loaded = sids(model);
    QCOMPARE(QSet<QString>(loaded.begin(), loaded.end()).size(), 450);
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(model.sessionAt(row - 1).startedAt > model.sessionAt(row).startedAt);

    // A new filter starts over at the first page.
    CallListFilter filter;
    filter.caller = u"+155500001"_s;
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), 100);
    QVERIFY(!model.canFetchMore({}));
}

void tst_CallLogModel::passesTheModelTester()
{
    seedCalls(250);
    CallLogModel model(*m_db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter({});
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 250);
    model.refresh();
    QCOMPARE(model.rowCount(), 200);
}

void tst_CallLogModel::filters_data()
{
    QTest::addColumn<CallListFilter>("filter");
    QTest::addColumn<QStringList>("expected");

    CallListFilter f;
    QTest::newRow("none") << f << QStringList {u"CA1"_s, u"CA2"_s, u"CA3"_s, u"CA4"_s, u"CA5"_s};
    f.caller = u"+1555123"_s;
    QTest::newRow("caller prefix") << f << QStringList {u"CA1"_s, u"CA2"_s, u"CA4"_s};
    f = {};
    f.outcome = CallOutcome::Missed;
    QTest::newRow("outcome") << f << QStringList {u"CA2"_s, u"CA5"_s};
    f = {};
    f.calledNumber = u"+15550000002"_s;
    QTest::newRow("called number") << f << QStringList {u"CA3"_s, u"CA4"_s};
    f = {};
    f.since = s_now.addDays(-5);
    f.until = s_now.addDays(-1);
    QTest::newRow("date range") << f << QStringList {u"CA3"_s, u"CA4"_s};
    f.caller = u"+1555123"_s;
    f.calledNumber = u"+15550000002"_s;
    QTest::newRow("all together") << f << QStringList {u"CA4"_s};
}

void tst_CallLogModel::filters()
{
    QFETCH(CallListFilter, filter);
    QFETCH(QStringList, expected);
    create(call(u"CA1"_s, u"+15551230001"_s, u"+15550000001"_s, s_now));
    create(call(u"CA2"_s, u"+15551230002"_s, u"+15550000001"_s, s_now.addSecs(-3600), u"missed"_s));
    create(call(u"CA3"_s, u"+4930123456"_s, u"+15550000002"_s, s_now.addDays(-2)));
    create(call(u"CA4"_s, u"+15551239999"_s, u"+15550000002"_s, s_now.addDays(-4), u"voicemail"_s));
    create(call(u"CA5"_s, u"+15559990000"_s, u"+15550000001"_s, s_now.addDays(-40), u"missed"_s));

    CallLogModel model(*m_db);
    model.setFilter(filter);
    QCOMPARE(sids(model), expected);
    QCOMPARE(model.filter().caller, filter.caller);
}

void tst_CallLogModel::columnTexts()
{
    const Result<qint64> customer = CustomerStore(*m_db).insert({0, u"C1"_s, u"Maria Gonzalez"_s,
                                                                 u"+15551230001"_s, u"+15551230001"_s});
    QVERIFY(customer.ok());
    CallSessionRecord s = call(u"CA1"_s, u"+15551230001"_s, u"+15550000001"_s, s_now, u"ai_agent"_s);
    s.customerId = *customer;
    s.durationSeconds = 185;
    create(s);

    CallLogModel model(*m_db);
    model.setFilter({});
    QCOMPARE(model.columnCount(), 6);
    const auto text = [&](int column) { return model.index(0, column).data().toString(); };
    // On the clock it is given: the locale's short date and time, without seconds, in the plan's zone.
    const QTimeZone newYork(QByteArrayLiteral("America/New_York"));
    const QLocale german(QLocale::German, QLocale::Germany);
    model.setClock(ShownClock(newYork, german));
    const QDateTime there = s_now.toTimeZone(newYork);
    QCOMPARE(text(CallLogModel::StartedColumn),
        german.toString(there.date(), QLocale::ShortFormat) + u' ' + german.toString(there.time(), u"HH:mm"_s));
    // Numbers as the practice writes them.
    QCOMPARE(text(CallLogModel::CallerColumn), u"(555) 123-0001 · Maria Gonzalez"_s);
    QCOMPARE(text(CallLogModel::CalledColumn), u"(555) 000-0001"_s);
    QCOMPARE(text(CallLogModel::OutcomeColumn), u"AI agent"_s);
    QCOMPARE(text(CallLogModel::DurationColumn), u"3:05"_s);
    QCOMPARE(text(CallLogModel::BookingColumn), QString());
    QCOMPARE(model.entryAt(0).customerName, u"Maria Gonzalez"_s);
    CallListFilter abroad;
    abroad.region = u"GB"_s;
    model.setFilter(abroad);
    QCOMPARE(text(CallLogModel::CalledColumn), u"+1 555-000-0001"_s);

    const QStringList headers = {u"Started"_s, u"Caller"_s, u"Called number"_s, u"Outcome"_s, u"Duration"_s,
                                 u"Booking"_s};
    for (int column = 0; column < headers.size(); ++column)
        QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), headers.at(column));
    QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
}

void tst_CallLogModel::withheldCallerAndOngoingCall()
{
    create(call(u"CA1"_s, u"+266696687"_s, u"+15550000001"_s, s_now, u"ongoing"_s));
    CallLogModel model(*m_db);
    model.setFilter({});
    QCOMPARE(model.index(0, CallLogModel::CallerColumn).data().toString(), u"Withheld number"_s);
    QCOMPARE(model.index(0, CallLogModel::OutcomeColumn).data().toString(), u"In progress"_s);
    QCOMPARE(model.index(0, CallLogModel::DurationColumn).data().toString(), QString());
    QVERIFY(!model.index(0, CallLogModel::OutcomeColumn).data(Qt::ForegroundRole).isValid());
}

void tst_CallLogModel::aCallBackNamesTheCustomerItCalled()
{
    CallSessionRecord callBack = call(u"CA1"_s, u"+15550000001"_s, u"+15551230001"_s, s_now);
    callBack.direction = CallDirection::Outgoing;
    create(callBack);
    CallLogModel model(*m_db);
    model.setFilter({});
    QCOMPARE(model.index(0, CallLogModel::CallerColumn).data().toString(), u"Call-back to (555) 123-0001"_s);
    QCOMPARE(model.index(0, CallLogModel::CalledColumn).data().toString(), u"(555) 000-0001"_s);
    QVERIFY(model.summaryText(model.entryAt(0)).startsWith(u"Call-back from (555) 000-0001"_s));
}

void tst_CallLogModel::missedCallsStandOut()
{
    create(call(u"CA1"_s, u"+15551230001"_s, u"+15550000001"_s, s_now, u"missed"_s));
    create(call(u"CA2"_s, u"+15551230002"_s, u"+15550000001"_s, s_now.addSecs(-60), u"answered"_s));
    CallLogModel model(*m_db);
    model.setFilter({});
    const QColor missed = model.index(0, CallLogModel::OutcomeColumn).data(Qt::ForegroundRole).value<QColor>();
    QCOMPARE(missed, CallLogModel::problemColour(QGuiApplication::palette()));
    QVERIFY(!model.index(0, CallLogModel::CallerColumn).data(Qt::ForegroundRole).isValid());
    QVERIFY(!model.index(1, CallLogModel::OutcomeColumn).data(Qt::ForegroundRole).isValid());

    // Dark red on a light background, light red on a dark one.
    QPalette light;
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    QVERIFY(CallLogModel::problemColour(light).lightness() < 100);
    QVERIFY(CallLogModel::problemColour(dark).lightness() > 150);
    QVERIFY(CallLogModel::quietColour(light).lightness() < CallLogModel::quietColour(dark).lightness());
}

void tst_CallLogModel::durationTexts_data()
{
    QTest::addColumn<int>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("none") << -1 << QString();
    QTest::newRow("zero") << 0 << u"0:00"_s;
    QTest::newRow("seconds") << 9 << u"0:09"_s;
    QTest::newRow("minutes") << 185 << u"3:05"_s;
    QTest::newRow("over an hour") << 3725 << u"62:05"_s;
}

void tst_CallLogModel::durationTexts()
{
    QFETCH(int, seconds);
    QFETCH(QString, text);
    QCOMPARE(CallLogModel::durationText(seconds < 0 ? std::nullopt : std::optional(seconds)), text);
}

void tst_CallLogModel::refreshReadsTheFirstPageAgain()
{
    seedCalls(450);
    CallLogModel model(*m_db);
    model.setFilter({});
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 400);

    // The router adds a call and finishes another while the panel is open.
    create(call(u"CA-new"_s, u"+15551230001"_s, u"+15550000001"_s, s_now.addSecs(30), u"ongoing"_s));
    CallSessionRecord finished = CallStore(*m_db).findSession(u"CA000001"_s).value();
    finished.outcome = CallOutcome::Missed;
    QString error;
    QVERIFY2(CallStore(*m_db).updateSession(finished, &error), qPrintable(error));

    model.refresh();
    QCOMPARE(model.rowCount(), CallLogModel::PageSize);
    QCOMPARE(model.sessionAt(0).callSid, u"CA-new"_s);
    QCOMPARE(model.rowOf(u"CA000001"_s), 2);
    QCOMPARE(model.index(2, CallLogModel::OutcomeColumn).data().toString(), u"Missed"_s);
    QVERIFY(model.canFetchMore({}));
}

void tst_CallLogModel::rowsOutOfRange()
{
    seedCalls(2);
    CallLogModel model(*m_db);
    model.setFilter({});
    QVERIFY(model.sessionAt(-1).callSid.isEmpty());
    QVERIFY(model.sessionAt(2).callSid.isEmpty());
    QCOMPARE(model.rowOf(u"CA-none"_s), -1);
    QVERIFY(!model.index(5, 0).data().isValid());
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    QVERIFY(!model.canFetchMore(model.index(0, 0)));
}

QTEST_MAIN(tst_CallLogModel)
#include "tst_calllogmodel.moc"
