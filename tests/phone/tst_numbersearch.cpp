// Tests NumberSearch: a number typed into a filter in any written form, or part of it, finds the
// stored E.164 number it stands for, and nothing else.
#include "phone/numbersearch.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestNumberSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsTheNumber_data();
    void findsTheNumber();
    void missesOtherNumbers_data();
    void missesOtherNumbers();
    void textThatIsNoNumber_data();
    void textThatIsNoNumber();
    void partsOfTheSearch();
    void wholeNumbers_data();
    void wholeNumbers();
};

void TestNumberSearch::findsTheNumber_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("stored");

    const QString us = u"+14155550888"_s;
    QTest::newRow("national with parentheses") << u"US"_s << u"(415) 555-0888"_s << us;
    QTest::newRow("national with spaces") << u"US"_s << u"415 555 0888"_s << us;
    QTest::newRow("international with dashes") << u"US"_s << u"+1 415-555-0888"_s << us;
    QTest::newRow("E.164 itself") << u"US"_s << us << us;
    QTest::newRow("trunk prefix first") << u"US"_s << u"1 415 555 0888"_s << us;
    QTest::newRow("first digits") << u"US"_s << u"415555"_s << us;
    QTest::newRow("digits in the middle") << u"US"_s << u"555-08"_s << us;
    QTest::newRow("last digits") << u"US"_s << u"0888"_s << us;
    QTest::newRow("start of an international form") << u"US"_s << u"+1 415"_s << us;
    QTest::newRow("uk national") << u"GB"_s << u"020 7946 0018"_s << u"+442079460018"_s;
    QTest::newRow("uk national start") << u"GB"_s << u"020 79"_s << u"+442079460018"_s;
    QTest::newRow("uk digits without the trunk prefix") << u"GB"_s << u"7946 0018"_s << u"+442079460018"_s;
    QTest::newRow("foreign number in a us practice") << u"US"_s << u"+44 20 7946"_s << u"+442079460018"_s;
    QTest::newRow("us number in a uk practice") << u"GB"_s << u"(415) 555-0888"_s << us;
}

void TestNumberSearch::findsTheNumber()
{
    QFETCH(QString, region);
    QFETCH(QString, typed);
    QFETCH(QString, stored);
    const NumberSearch search(typed, region);
    QVERIFY(search.isNumber());
    QVERIFY2(search.matches(stored), qPrintable(typed + u" should find "_s + stored));
}

void TestNumberSearch::missesOtherNumbers_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("stored");

    QTest::newRow("another number") << u"US"_s << u"(415) 555-0888"_s << u"+14155550999"_s;
    QTest::newRow("digits it lacks") << u"US"_s << u"415556"_s << u"+14155550888"_s;
    QTest::newRow("another country code") << u"US"_s << u"+44 415"_s << u"+14155550888"_s;
    // Typed the UK way, the trunk prefix stands for +44, not for another country's code.
    QTest::newRow("uk trunk prefix is +44 only") << u"GB"_s << u"020 79"_s << u"+33207900000"_s;
}

void TestNumberSearch::missesOtherNumbers()
{
    QFETCH(QString, region);
    QFETCH(QString, typed);
    QFETCH(QString, stored);
    QVERIFY2(!NumberSearch(typed, region).matches(stored), qPrintable(typed + u" should not find "_s + stored));
}

void TestNumberSearch::textThatIsNoNumber_data()
{
    QTest::addColumn<QString>("typed");
    QTest::newRow("empty") << QString();
    QTest::newRow("a name") << u"Maria Lopez"_s;
    QTest::newRow("letters and digits") << u"Room 12"_s;
    QTest::newRow("punctuation only") << u"( ) -"_s;
}

void TestNumberSearch::textThatIsNoNumber()
{
    QFETCH(QString, typed);
    const NumberSearch search(typed, u"US"_s);
    QVERIFY(!search.isNumber());
    QVERIFY(!search.matches(u"+14155550888"_s));
}

void TestNumberSearch::partsOfTheSearch()
{
    const NumberSearch national(u"(415) 555-0888"_s, u"US"_s);
    QCOMPARE(national.digits(), u"4155550888"_s);
    QCOMPARE(national.e164(), u"+14155550888"_s);
    QVERIFY(national.e164Prefix().isEmpty());

    const NumberSearch international(u"+44 20 79"_s, u"US"_s);
    QCOMPARE(international.e164Prefix(), u"+442079"_s);
    QVERIFY(international.digits().isEmpty());

    const NumberSearch uk(u"020 79"_s, u"gb"_s);
    QCOMPARE(uk.digits(), u"02079"_s);
    QCOMPARE(uk.nationalStart(), u"+442079"_s);
}

void TestNumberSearch::wholeNumbers_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("whole");
    QTest::newRow("national with area code") << u"US"_s << u"(555) 100-0042"_s << u"+15551000042"_s;
    QTest::newRow("digits only") << u"US"_s << u"5551000042"_s << u"+15551000042"_s;
    QTest::newRow("international") << u"US"_s << u"+44 20 7946 0018"_s << u"+442079460018"_s;
    QTest::newRow("uk national") << u"GB"_s << u"020 7946 0018"_s << u"+442079460018"_s;
    // Without the area code the number is local: its digits are sought anywhere.
    QTest::newRow("local only") << u"US"_s << u"100-0042"_s << QString();
    QTest::newRow("start of a number") << u"US"_s << u"415555"_s << QString();
    QTest::newRow("start of a london number") << u"GB"_s << u"020 7946"_s << QString();
    QTest::newRow("a name") << u"US"_s << u"Maria"_s << QString();
}

void TestNumberSearch::wholeNumbers()
{
    QFETCH(QString, region);
    QFETCH(QString, typed);
    QFETCH(QString, whole);
    const NumberSearch search(typed, region);
    QCOMPARE(search.wholeNumber(), whole);
    if (!whole.isEmpty())
        QVERIFY(search.matches(whole));
}

QTEST_GUILESS_MAIN(TestNumberSearch)
#include "tst_numbersearch.moc"
