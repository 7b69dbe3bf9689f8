// The shared colours read on light and dark palettes alike: small text in a status colour keeps a contrast
// of at least 4.5:1 (WCAG AA) against the window, a tinted row keeps its text readable, and the outcomes
// of the statistics chart stay apart from each other.
#include "look/outcomecolours.h"
#include "look/statuscolours.h"

#include <QApplication>
#include <QPalette>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using StatusColours::Status;

namespace {

double luminance(const QColor &colour)
{
    auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QPalette palette(bool dark)
{
    QPalette palette;
    const QColor window = dark ? QColor(0x2b, 0x2b, 0x2b) : QColor(0xef, 0xef, 0xef);
    const QColor base = dark ? QColor(0x1e, 0x1e, 0x1e) : Qt::white;
    const QColor text = dark ? QColor(0xee, 0xee, 0xee) : QColor(0x20, 0x20, 0x20);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Text, text);
    return palette;
}

const Status s_statuses[] = { Status::Good, Status::Bad, Status::Warning, Status::Muted };

} // namespace

class tst_StatusColours : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textReadsOnTheWindow_data();
    void textReadsOnTheWindow();
    void tintedRowsKeepTheirText_data();
    void tintedRowsKeepTheirText();
    void styleSheetsCarryTheColour();
    void chartOutcomesStayApart_data();
    void chartOutcomesStayApart();
};

void tst_StatusColours::textReadsOnTheWindow_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void tst_StatusColours::textReadsOnTheWindow()
{
    QFETCH(bool, dark);
    const QPalette p = palette(dark);
    for (const Status status : s_statuses) {
        const QColor colour = StatusColours::colour(status, p);
        for (const QPalette::ColorRole role : { QPalette::Window, QPalette::Base }) {
            const double ratio = contrast(colour, p.color(role));
            QVERIFY2(ratio >= 4.5, qPrintable(u"%1 on %2: %3"_s.arg(colour.name(), p.color(role).name())
                                                  .arg(ratio, 0, 'f', 2)));
        }
    }
    // Good and bad differ at a glance.
    QVERIFY(StatusColours::colour(Status::Good, p) != StatusColours::colour(Status::Bad, p));
}

void tst_StatusColours::tintedRowsKeepTheirText_data()
{
    textReadsOnTheWindow_data();
}

void tst_StatusColours::tintedRowsKeepTheirText()
{
    QFETCH(bool, dark);
    const QPalette p = palette(dark);
    for (const Status status : s_statuses) {
        const QColor wash = StatusColours::background(status, p);
        QVERIFY(wash != p.color(QPalette::Base)); // it does stand out
        QVERIFY2(contrast(wash, p.color(QPalette::Text)) >= 7.0, qPrintable(wash.name()));
    }
}

void tst_StatusColours::styleSheetsCarryTheColour()
{
    const QString bad = StatusColours::name(Status::Bad);
    QCOMPARE(StatusColours::textStyle(Status::Bad), u"color: %1;"_s.arg(bad));
    const QString frame = StatusColours::frameStyle(Status::Bad, u"QLineEdit"_s);
    QVERIFY(frame.startsWith(u"QLineEdit {"_s));
    QVERIFY(frame.contains(bad));
}

void tst_StatusColours::chartOutcomesStayApart_data()
{
    textReadsOnTheWindow_data();
}

void tst_StatusColours::chartOutcomesStayApart()
{
    QFETCH(bool, dark);
    const QPalette p = palette(dark);
    const QList<CallOutcome> outcomes = OutcomeColours::chartOrder();
    QCOMPARE(outcomes.size(), 7);
    for (int i = 0; i < outcomes.size(); ++i) {
        const QColor a = OutcomeColours::colour(outcomes.at(i), p);
        // Bars stand out from the chart's background.
        QVERIFY2(contrast(a, p.color(QPalette::Base)) >= 2.0, qPrintable(a.name()));
        for (int j = i + 1; j < outcomes.size(); ++j)
            QVERIFY(a != OutcomeColours::colour(outcomes.at(j), p));
    }
}

QTEST_MAIN(tst_StatusColours)
#include "tst_statuscolours.moc"
