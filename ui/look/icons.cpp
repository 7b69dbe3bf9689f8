#include "icons.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPalette>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace {

const QString BundledFolder = u":/icons/actions"_s;

// The drawings are strokes in "currentColor", which Qt's SVG renderer does not resolve: each mode gets
// the drawing in the palette colour text has in that mode.
QPixmap drawn(const QByteArray &svg, const QColor &colour, int size)
{
    QByteArray coloured = svg;
    coloured.replace("currentColor", colour.name().toLatin1());
    QImage image;
    if (!image.loadFromData(coloured, "SVG"))
        return {};
    return QPixmap::fromImage(image.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

} // namespace

namespace Icons {

QIcon bundled(const QString &name, const QPalette &palette)
{
    QFile file(BundledFolder + u'/' + name + u".svg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray svg = file.readAll();
    const struct
    {
        QIcon::Mode mode;
        QColor colour;
    } modes[] = {
        { QIcon::Normal, palette.color(QPalette::Active, QPalette::WindowText) },
        { QIcon::Active, palette.color(QPalette::Active, QPalette::WindowText) },
        { QIcon::Selected, palette.color(QPalette::Active, QPalette::HighlightedText) },
        { QIcon::Disabled, palette.color(QPalette::Disabled, QPalette::WindowText) },
    };
    QIcon icon;
    // Rendered once at the sizes menus, buttons and the sidebar ask for, and twice that for HiDPI.
    for (const int size : { 16, 22, 24, 32, 48, 64 }) {
        for (const auto &mode : modes) {
            const QPixmap pixmap = drawn(svg, mode.colour, size);
            if (pixmap.isNull())
                return {};
            icon.addPixmap(pixmap, mode.mode);
        }
    }
    return icon;
}

QIcon named(const QString &name)
{
    if (QIcon::hasThemeIcon(name))
        return QIcon::fromTheme(name);
    return bundled(name, QApplication::palette());
}

QStringList bundledNames()
{
    QStringList names;
    for (const QString &file : QDir(BundledFolder).entryList({ u"*.svg"_s }, QDir::Files, QDir::Name))
        names.append(file.chopped(4));
    return names;
}

} // namespace Icons
