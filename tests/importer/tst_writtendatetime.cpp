// Tests of WrittenDateTime: ISO 8601 and the day-first and month-first forms of practice software, and
// telling a US file from a European one by its dates.
#include "importer/writtendatetime.h"

#include <QLocale>
#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(DateOrder)

class tst_WrittenDateTime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsWrittenForms_data();
    void readsWrittenForms();
    void refusesWhatIsNoDateAndTime_data();
    void refusesWhatIsNoDateAndTime();
    void isoOnlyReadsNothingElse();
    void guessesTheOrder_data();
    void guessesTheOrder();
    void localesOrder();
};

namespace {

const QTimeZone s_berlin("Europe/Berlin");

QDateTime berlin(int year, int month, int day, int hour, int minute, int second = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), s_berlin).toUTC();
}

} // namespace

void tst_WrittenDateTime::readsWrittenForms_data()
{
    QTest::addColumn<QString>("written");
    QTest::addColumn<DateOrder>("order");
    QTest::addColumn<QDateTime>("expected");

    QTest::newRow("US: 12/05/2026 10:00 is 5 December")
        << u"12/05/2026 10:00"_s << DateOrder::MonthFirst << berlin(2026, 12, 5, 10, 0);
    QTest::newRow("UK: 12/05/2026 10:00 is 12 May")
        << u"12/05/2026 10:00"_s << DateOrder::DayFirst << berlin(2026, 5, 12, 10, 0);
    QTest::newRow("German dots, no leading zeros")
        << u"5.12.2026 10:00"_s << DateOrder::DayFirst << berlin(2026, 12, 5, 10, 0);
    QTest::newRow("German with Uhr") << u"05.12.2026 9:30 Uhr"_s << DateOrder::DayFirst
                                     << berlin(2026, 12, 5, 9, 30);
    QTest::newRow("US with PM") << u"3/7/2026 2:15 PM"_s << DateOrder::MonthFirst
                                << berlin(2026, 3, 7, 14, 15);
    QTest::newRow("12 AM is midnight")
        << u"3/7/2026 12:05 am"_s << DateOrder::MonthFirst << berlin(2026, 3, 7, 0, 5);
    QTest::newRow("two-digit year and seconds")
        << u"07-03-26 08:00:30"_s << DateOrder::DayFirst << berlin(2026, 3, 7, 8, 0, 30);
    QTest::newRow("comma between date and time")
        << u"31/12/2026, 18:45"_s << DateOrder::DayFirst << berlin(2026, 12, 31, 18, 45);
    QTest::newRow("ISO still read") << u"2026-12-05T10:00"_s << DateOrder::MonthFirst
                                    << berlin(2026, 12, 5, 10, 0);
    QTest::newRow("ISO with offset") << u"2026-12-05 10:00+01:00"_s << DateOrder::DayFirst
                                     << berlin(2026, 12, 5, 10, 0);
    QTest::newRow("summer time") << u"1.7.2026 10:00"_s << DateOrder::DayFirst << berlin(2026, 7, 1, 10, 0);
}

void tst_WrittenDateTime::readsWrittenForms()
{
    QFETCH(QString, written);
    QFETCH(DateOrder, order);
    QFETCH(QDateTime, expected);
    const QDateTime read = WrittenDateTime::read(written, order, s_berlin);
    QVERIFY2(read.isValid(), qPrintable(written));
    QCOMPARE(read, expected);
    QCOMPARE(read.timeSpec(), Qt::UTC);
}

void tst_WrittenDateTime::refusesWhatIsNoDateAndTime_data()
{
    QTest::addColumn<QString>("written");
    QTest::addColumn<DateOrder>("order");
    QTest::newRow("month 13 read month first") << u"13/05/2026 10:00"_s << DateOrder::MonthFirst;
    QTest::newRow("31 February") << u"31.02.2026 10:00"_s << DateOrder::DayFirst;
    QTest::newRow("date without a time") << u"5.12.2026"_s << DateOrder::DayFirst;
    QTest::newRow("hour 25") << u"5.12.2026 25:00"_s << DateOrder::DayFirst;
    QTest::newRow("13 PM") << u"5/12/2026 13:00 PM"_s << DateOrder::MonthFirst;
    QTest::newRow("mixed separators") << u"5.12/2026 10:00"_s << DateOrder::DayFirst;
    QTest::newRow("three-digit year") << u"5.12.202 10:00"_s << DateOrder::DayFirst;
    QTest::newRow("words") << u"next Tuesday"_s << DateOrder::DayFirst;
    QTest::newRow("trailing words") << u"5.12.2026 10:00 please"_s << DateOrder::DayFirst;
}

void tst_WrittenDateTime::refusesWhatIsNoDateAndTime()
{
    QFETCH(QString, written);
    QFETCH(DateOrder, order);
    QVERIFY(!WrittenDateTime::read(written, order, s_berlin).isValid());
}

void tst_WrittenDateTime::isoOnlyReadsNothingElse()
{
    QVERIFY(WrittenDateTime::read(u"2026-03-02T09:00Z"_s, DateOrder::IsoOnly, s_berlin).isValid());
    QVERIFY(!WrittenDateTime::read(u"3/2/2026 9:00"_s, DateOrder::IsoOnly, s_berlin).isValid());
    QVERIFY(!WrittenDateTime::read(u"2.3.2026 9:00"_s, DateOrder::IsoOnly, s_berlin).isValid());
}

void tst_WrittenDateTime::guessesTheOrder_data()
{
    QTest::addColumn<QStringList>("samples");
    QTest::addColumn<DateOrder>("fallback");
    QTest::addColumn<DateOrder>("expected");
    QTest::addColumn<bool>("decided");

    QTest::newRow("a day over 12 first") << QStringList { u"12/05/2026 10:00"_s, u"25/05/2026 11:00"_s }
                                         << DateOrder::MonthFirst << DateOrder::DayFirst << true;
    QTest::newRow("a day over 12 second") << QStringList { u"12/05/2026 10:00"_s, u"05/25/2026 11:00"_s }
                                          << DateOrder::DayFirst << DateOrder::MonthFirst << true;
    QTest::newRow("dots are day first")
        << QStringList { u"5.12.2026 10:00"_s } << DateOrder::MonthFirst << DateOrder::DayFirst << true;
    QTest::newRow("cannot tell: the computer's way")
        << QStringList { u"12/05/2026 10:00"_s, u"01/02/2026 09:00"_s, QString() } << DateOrder::MonthFirst
        << DateOrder::MonthFirst << false;
    QTest::newRow("ISO tells nothing")
        << QStringList { u"2026-12-31T10:00"_s } << DateOrder::DayFirst << DateOrder::DayFirst << false;
    QTest::newRow("disagreeing samples") << QStringList { u"25/05/2026 10:00"_s, u"05/25/2026 10:00"_s }
                                         << DateOrder::MonthFirst << DateOrder::MonthFirst << false;
}

void tst_WrittenDateTime::guessesTheOrder()
{
    QFETCH(QStringList, samples);
    QFETCH(DateOrder, fallback);
    QFETCH(DateOrder, expected);
    QFETCH(bool, decided);
    bool told = !decided;
    QCOMPARE(WrittenDateTime::guessOrder(samples, fallback, &told), expected);
    QCOMPARE(told, decided);
}

void tst_WrittenDateTime::localesOrder()
{
    QCOMPARE(WrittenDateTime::localeOrder(QLocale(QLocale::English, QLocale::UnitedStates)),
        DateOrder::MonthFirst);
    QCOMPARE(WrittenDateTime::localeOrder(QLocale(QLocale::German, QLocale::Germany)), DateOrder::DayFirst);
    QCOMPARE(WrittenDateTime::localeOrder(QLocale(QLocale::Spanish, QLocale::Spain)), DateOrder::DayFirst);
    QCOMPARE(
        WrittenDateTime::localeOrder(QLocale(QLocale::English, QLocale::UnitedKingdom)), DateOrder::DayFirst);
}

QTEST_GUILESS_MAIN(tst_WrittenDateTime)
#include "tst_writtendatetime.moc"
