#include "growtofit.h"

#include <QEvent>
#include <QLayout>
#include <QTimer>
#include <QWidget>

GrowToFit::GrowToFit(QWidget *window)
    : QObject(window)
    , m_window(window)
{
}

void GrowToFit::keep(QWidget *window)
{
    window->installEventFilter(new GrowToFit(window));
}

bool GrowToFit::grow(QWidget *window)
{
    QLayout *layout = window->layout();
    if (!layout)
        return false;
    layout->activate();
    const int width = window->width();
    const int needed = layout->hasHeightForWidth() ? layout->totalHeightForWidth(width)
                                                   : layout->totalMinimumSize().height();
    if (window->height() >= needed)
        return false;
    window->resize(width, needed);
    return true;
}

bool GrowToFit::eventFilter(QObject *watched, QEvent *event)
{
    // A child shown or hidden asks the window's layout to redo itself; once it has, the height is checked.
    if (watched == m_window && event->type() == QEvent::LayoutRequest && !m_pending) {
        m_pending = true;
        QTimer::singleShot(0, this, [this] {
            m_pending = false;
            if (m_window->isVisible())
                grow(m_window);
        });
    }
    return QObject::eventFilter(watched, event);
}
