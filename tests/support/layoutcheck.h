// Finds widgets a user would see cut off: squeezed below the height their contents need (a wrapped label
// given one line, a box whose last row is under the buttons), or drawn over a visible sibling.
#pragma once

#include <QStringList>

class QWidget;

namespace LayoutCheck {

// One line per problem, naming the widget ("QLabel \"nameProblem\" in CustomerDialog: 17 px high, needs 34").
// Empty when every visible widget under `root` has the room it needs.
QStringList problems(const QWidget *root);

} // namespace LayoutCheck
