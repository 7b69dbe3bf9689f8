// The heading at the top of every panel, in one size and weight, and named for accessibility.
#pragma once

class QLabel;
class QString;
class QWidget;

namespace PanelTitle {

// A label with `text` as the panel's heading; objectName "panelTitle" so that tests and tools find it.
QLabel *create(const QString &text, QWidget *parent);

} // namespace PanelTitle
