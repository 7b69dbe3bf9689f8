// Tests of TimeZonePicker: each zone read as city, country and offset, found by any part of a city or a
// country, and chosen as its IANA id.
#include "plan/timezonepicker.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {
// This computer's time zone in the tests, set before anything reads it.
const bool s_computerZoneSet = qputenv("TZ", "Asia/Kolkata");
}

class tst_TimeZonePicker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void entriesReadAsCityCountryAndOffset();
    void typingFiltersByCityOrCountry_data();
    void typingFiltersByCityOrCountry();
    void aZonePickedFromTheListIsItsId();
    void thisComputersZoneComesFirst();

private:
    // The entries the completer lists for what was typed, after typing it.
    QStringList listedFor(TimeZonePicker &picker, const QString &typed);
};

void tst_TimeZonePicker::initTestCase()
{
    QVERIFY(s_computerZoneSet);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_TimeZonePicker::entriesReadAsCityCountryAndOffset()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(QTimeZone("America/New_York").standardTimeOffset(now), -5 * 3600);
    QCOMPARE(TimeZonePicker::entryText("America/New_York"), u"New York — United States (UTC−05:00)"_s);
    QCOMPARE(TimeZonePicker::entryText("Europe/Berlin"), u"Berlin — Germany (UTC+01:00)"_s);
    QCOMPARE(TimeZonePicker::entryText("Asia/Kolkata"), u"Kolkata — India (UTC+05:30)"_s);
    QCOMPARE(TimeZonePicker::entryText("America/Argentina/Buenos_Aires"), u"Buenos Aires — Argentina (UTC−03:00)"_s);
    QCOMPARE(TimeZonePicker::entryText("UTC"), u"UTC (UTC)"_s);
}

QStringList tst_TimeZonePicker::listedFor(TimeZonePicker &picker, const QString &typed)
{
    picker.lineEdit()->selectAll();
    QTest::keyClicks(picker.lineEdit(), typed);
    QCompleter *completer = picker.completer();
    QStringList listed;
    for (int row = 0; completer->setCurrentRow(row); ++row)
        listed.append(completer->currentCompletion());
    return listed;
}

void tst_TimeZonePicker::typingFiltersByCityOrCountry_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("listed");
    QTest::newRow("part of a city") << u"york"_s << u"New York — United States"_s;
    QTest::newRow("a country") << u"germany"_s << u"Berlin — Germany"_s;
    QTest::newRow("any case") << u"BERLIN"_s << u"Berlin — Germany"_s;
    QTest::newRow("the start of a city") << u"auck"_s << u"Auckland — New Zealand"_s;
}

void tst_TimeZonePicker::typingFiltersByCityOrCountry()
{
    QFETCH(QString, typed);
    QFETCH(QString, listed);
    TimeZonePicker picker;
    picker.show();
    QVERIFY(QTest::qWaitForWindowExposed(&picker));
    const QStringList entries = listedFor(picker, typed);
    QVERIFY2(!entries.isEmpty(), qPrintable(typed));
    QVERIFY2(entries.size() < 10, qPrintable(entries.join(u", "_s)));
    for (const QString &entry : entries)
        QVERIFY2(entry.contains(typed, Qt::CaseInsensitive), qPrintable(entry));
    QVERIFY2(std::any_of(entries.cbegin(), entries.cend(), [&](const QString &entry) { return entry.startsWith(listed); }),
        qPrintable(entries.join(u", "_s)));
}

void tst_TimeZonePicker::aZonePickedFromTheListIsItsId()
{
    TimeZonePicker picker;
    picker.setZoneId("America/New_York");
    QCOMPARE(picker.zoneId(), QByteArrayLiteral("America/New_York"));
    picker.show();
    QVERIFY(QTest::qWaitForWindowExposed(&picker));
    QSignalSpy chosen(&picker, &TimeZonePicker::zoneChosen);

    // Germany has more than one zone: the list is there to pick from.
    const QStringList entries = listedFor(picker, u"germany"_s);
    QVERIFY2(entries.size() > 1, qPrintable(entries.join(u", "_s)));
    QTest::keyClick(picker.lineEdit(), Qt::Key_Return);
    QCOMPARE(chosen.count(), 0);
    QCOMPARE(picker.zoneId(), QByteArrayLiteral("America/New_York"));

    listedFor(picker, u"germany"_s);
    QAbstractItemView *popup = picker.completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    const int berlin = int(entries.indexOf(TimeZonePicker::entryText("Europe/Berlin")));
    QVERIFY(berlin >= 0);
    popup->setCurrentIndex(popup->model()->index(berlin, 0));
    QTest::keyClick(popup, Qt::Key_Return);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.first().first().toByteArray(), QByteArrayLiteral("Europe/Berlin"));
    QCOMPARE(picker.zoneId(), QByteArrayLiteral("Europe/Berlin"));
    QCOMPARE(picker.currentText(), TimeZonePicker::entryText("Europe/Berlin"));

    // An IANA id typed whole is taken as it is.
    picker.lineEdit()->selectAll();
    QTest::keyClicks(picker.lineEdit(), u"Asia/Tokyo"_s);
    QTest::keyClick(picker.lineEdit(), Qt::Key_Return);
    QCOMPARE(picker.zoneId(), QByteArrayLiteral("Asia/Tokyo"));
    QCOMPARE(chosen.last().first().toByteArray(), QByteArrayLiteral("Asia/Tokyo"));
}

void tst_TimeZonePicker::thisComputersZoneComesFirst()
{
    TimeZonePicker picker;
    QCOMPARE(picker.itemData(0, TimeZonePicker::ZoneIdRole).toByteArray(), QByteArrayLiteral("Asia/Kolkata"));
    QVERIFY2(picker.itemText(0).startsWith(u"Kolkata — India (UTC+05:30)"_s), qPrintable(picker.itemText(0)));
    // And once more among the places, between its neighbours.
    QVERIFY(picker.findText(u"Kolkata — India (UTC+05:30)"_s) > 0);
}

QTEST_MAIN(tst_TimeZonePicker)
#include "tst_timezonepicker.moc"
