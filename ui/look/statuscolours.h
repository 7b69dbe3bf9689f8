// The colours that say how something stands (fine, wrong, needs attention, by the way), in one place and
// readable on the palette in use: a dark palette gets lighter shades of the same colours.
#pragma once

#include <QColor>
#include <QString>

class QPalette;

namespace StatusColours {

enum class Status
{
    Good,
    Bad,
    Warning,
    Muted,
};

QColor colour(Status status, const QPalette &palette);
// The colour for the application's palette.
QColor colour(Status status);
// The colour for the application's palette, as a style sheet or rich text takes it ("#1b6e20").
QString name(Status status);
// "color: #…;" for a label's style sheet.
QString textStyle(Status status);
// A 2-pixel border in the status colour around widgets of one class only ("QLineEdit"), so that a
// field's children (a combo's list, a tree's header) keep their own look.
QString frameStyle(Status status, const QString &widgetClass);
// A pale wash of the colour behind rows that stand out (a booking still to come), under the palette's
// own text colour; a dark wash on a dark palette.
QColor background(Status status, const QPalette &palette);
// `from` moved `share` (0 to 1) of the way to `to`: a tint of a background that keeps its text readable.
QColor blend(const QColor &from, const QColor &to, qreal share);

} // namespace StatusColours
