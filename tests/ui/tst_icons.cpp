// The bundled icons: each one is drawn, in the palette's text colour (dark on a light window, light on a
// dark one), in the highlighted text's colour when selected, and stands in for a theme that lacks it.
#include "look/icons.h"

#include <QApplication>
#include <QImage>
#include <QPalette>
#include <QPixmap>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// The average lightness of the drawn pixels, and how many there are.
struct Ink
{
    int pixels = 0;
    int lightness = 0;
};

Ink inkOf(const QIcon &icon, QIcon::Mode mode = QIcon::Normal)
{
    const QImage image = icon.pixmap(QSize(24, 24), mode).toImage().convertToFormat(QImage::Format_ARGB32);
    Ink ink;
    qint64 total = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor colour = image.pixelColor(x, y);
            if (colour.alpha() > 200) {
                ++ink.pixels;
                total += colour.lightness();
            }
        }
    }
    ink.lightness = ink.pixels ? int(total / ink.pixels) : -1;
    return ink;
}

QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xb8));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    return dark;
}

QPalette lightPalette()
{
    QPalette light;
    light.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    light.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    light.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    light.setColor(QPalette::HighlightedText, Qt::white);
    light.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0xa0, 0xa0, 0xa0));
    return light;
}

} // namespace

class tst_Icons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyPanelAndMainActionHasADrawing();
    void drawnInThePalettesTextColour();
    void standsInWhenTheThemeLacksTheIcon();
    void unknownNameIsNull();
};

void tst_Icons::everyPanelAndMainActionHasADrawing()
{
    const QStringList names = Icons::bundledNames();
    // The sidebar's names, as MainWindow asks for them.
    for (const QString &name : { u"call-start"_s, u"preferences-system"_s, u"x-office-address-book"_s,
             u"system-users"_s, u"call-forward"_s, u"view-list-details"_s, u"office-chart-bar"_s,
             u"call-stop"_s, u"list-add"_s, u"edit-delete"_s, u"document-save"_s, u"document-import"_s, u"document-export"_s })
        QVERIFY2(names.contains(name), qPrintable(name));
    for (const QString &name : names) {
        const Ink ink = inkOf(Icons::bundled(name, lightPalette()));
        QVERIFY2(ink.pixels >= 12, qPrintable(u"%1: %2 pixels"_s.arg(name).arg(ink.pixels)));
    }
}

void tst_Icons::drawnInThePalettesTextColour()
{
    for (const QString &name : Icons::bundledNames()) {
        const Ink onLight = inkOf(Icons::bundled(name, lightPalette()));
        const Ink onDark = inkOf(Icons::bundled(name, darkPalette()));
        QVERIFY2(onLight.lightness < 80, qPrintable(u"%1 on light: %2"_s.arg(name).arg(onLight.lightness)));
        QVERIFY2(onDark.lightness > 180, qPrintable(u"%1 on dark: %2"_s.arg(name).arg(onDark.lightness)));
        // A selected sidebar row is white on the highlight colour in both palettes.
        QVERIFY(inkOf(Icons::bundled(name, lightPalette()), QIcon::Selected).lightness > 230);
        const Ink disabled = inkOf(Icons::bundled(name, lightPalette()), QIcon::Disabled);
        QVERIFY2(disabled.lightness > onLight.lightness + 60, qPrintable(name));
    }
}

void tst_Icons::standsInWhenTheThemeLacksTheIcon()
{
    QIcon::setThemeName(u"no-such-theme"_s);
    QIcon::setFallbackThemeName(u"no-such-theme"_s);
    QVERIFY(!QIcon::hasThemeIcon(u"list-add"_s));
    const QIcon icon = Icons::named(u"list-add"_s);
    QVERIFY(!icon.isNull());
    QVERIFY(inkOf(icon).pixels > 0);
}

void tst_Icons::unknownNameIsNull()
{
    QVERIFY(Icons::bundled(u"no-such-icon"_s, lightPalette()).isNull());
}

QTEST_MAIN(tst_Icons)
#include "tst_icons.moc"
