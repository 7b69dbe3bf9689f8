// Keeps a dialog tall enough for what it shows: a problem line that appears under a field, or a wrapped
// sentence that got longer, makes the window grow instead of pushing its buttons over the fields.
// (Qt sizes a window to its layout's minimum, which leaves out the extra lines of wrapped text.)
#pragma once

#include <QObject>

class QWidget;

class GrowToFit : public QObject
{
    Q_OBJECT

public:
    // Watches `window` for as long as it exists; the window never shrinks by it.
    static void keep(QWidget *window);
    // Grows `window` at once to the height its contents need at its width; false when it was tall enough.
    static bool grow(QWidget *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    explicit GrowToFit(QWidget *window);

    QWidget *m_window;
    bool m_pending = false;
};
