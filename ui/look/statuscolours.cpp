// Status colours chosen against the palette's window colour, so that they read on light and dark alike.
#include "statuscolours.h"

#include <QGuiApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace StatusColours {

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

} // namespace

QColor colour(Status status, const QPalette &palette)
{
    // Shades with enough contrast against white (light) or near-black (dark) windows for small text.
    const bool dark = isDark(palette);
    switch (status) {
    case Status::Good:
        return dark ? QColor(0x81, 0xc9, 0x95) : QColor(0x1b, 0x6e, 0x20);
    case Status::Bad:
        return dark ? QColor(0xf2, 0x8b, 0x82) : QColor(0xa8, 0x20, 0x1a);
    case Status::Warning:
        return dark ? QColor(0xfd, 0xd6, 0x63) : QColor(0xa1, 0x5c, 0x00);
    case Status::Muted:
        return dark ? QColor(0x9a, 0xa0, 0xa6) : QColor(0x5f, 0x63, 0x68);
    }
    return palette.color(QPalette::WindowText);
}

QColor colour(Status status)
{
    return colour(status, QGuiApplication::palette());
}

QString name(Status status)
{
    return colour(status).name();
}

QString textStyle(Status status)
{
    return u"color: %1;"_s.arg(name(status));
}

QString frameStyle(Status status, const QString &widgetClass)
{
    return u"%1 { border: 2px solid %2; border-radius: 3px; padding: 1px; }"_s.arg(widgetClass, name(status));
}

QColor background(Status status, const QPalette &palette)
{
    // The status colour mixed into the base colour: a tint that keeps the text readable.
    return blend(palette.color(QPalette::Base), colour(status, palette), isDark(palette) ? 0.25 : 0.12);
}

QColor blend(const QColor &from, const QColor &to, qreal share)
{
    return QColor::fromRgbF(from.redF() + (to.redF() - from.redF()) * share,
        from.greenF() + (to.greenF() - from.greenF()) * share, from.blueF() + (to.blueF() - from.blueF()) * share);
}

} // namespace StatusColours
