// The icons of the sidebar and the main actions: the desktop theme's own when it has one by that name,
// else Switchboard's bundled drawing in the palette's text colours, so that every desktop shows one.
#pragma once

#include <QIcon>
#include <QStringList>

class QPalette;

namespace Icons {

// `name` is a freedesktop icon name ("list-add", "call-start") with a bundled drawing; see bundledNames().
QIcon named(const QString &name);
// The bundled drawing alone, coloured for `palette` (the theme is not asked). Null for an unknown name.
QIcon bundled(const QString &name, const QPalette &palette);
QStringList bundledNames();

} // namespace Icons
