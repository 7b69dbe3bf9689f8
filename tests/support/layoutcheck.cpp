#include "layoutcheck.h"

#include <QFocusFrame>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QRubberBand>
#include <QScrollBar>
#include <QSizeGrip>
#include <QSplitterHandle>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace {

QString describe(const QWidget *widget)
{
    QString text = QString::fromLatin1(widget->metaObject()->className());
    if (!widget->objectName().isEmpty())
        text += u" \"%1\""_s.arg(widget->objectName());
    if (const auto *label = qobject_cast<const QLabel *>(widget); label && !label->text().isEmpty())
        text += u" (\"%1\")"_s.arg(label->text().left(40));
    const QWidget *window = widget->window();
    return text + u" in "_s + QString::fromLatin1(window->metaObject()->className());
}

// Widgets whose size is theirs to choose or that draw over others on purpose.
bool isExempt(const QWidget *widget)
{
    return widget->isWindow() || qobject_cast<const QScrollBar *>(widget) || qobject_cast<const QSizeGrip *>(widget)
        || qobject_cast<const QRubberBand *>(widget) || qobject_cast<const QFocusFrame *>(widget)
        || qobject_cast<const QSplitterHandle *>(widget) || qobject_cast<const QHeaderView *>(widget)
        // Qt's own parts of a widget ("qt_spinbox_lineedit") are the widget's to size.
        || widget->objectName().startsWith(u"qt_"_s)
        || widget->sizePolicy().verticalPolicy() == QSizePolicy::Ignored;
}

int neededHeight(const QWidget *widget)
{
    if (widget->hasHeightForWidth()) {
        const int forWidth = widget->heightForWidth(widget->width());
        if (forWidth > 0)
            return forWidth;
    }
    // Only what the widget says it cannot do without: its minimum size hint, or a minimum it was given.
    return qMax(widget->minimumSizeHint().height(), widget->minimumHeight());
}

void check(const QWidget *widget, const QWidget *root, QStringList &problems)
{
    const QList<QWidget *> children = widget->findChildren<QWidget *>(Qt::FindDirectChildrenOnly);
    QList<const QWidget *> shown;
    for (const QWidget *child : children) {
        if (!child->isVisibleTo(root) || isExempt(child))
            continue;
        shown.append(child);
        const int needed = neededHeight(child);
        // A pixel or two is rounding between the style and the layout.
        if (needed > 0 && child->height() + 2 < needed)
            problems.append(u"%1: %2 px high, needs %3"_s.arg(describe(child)).arg(child->height()).arg(needed));
        check(child, root, problems);
    }
    // Siblings a layout placed may touch but not cover each other.
    if (!widget->layout())
        return;
    for (int i = 0; i < shown.size(); ++i) {
        for (int j = i + 1; j < shown.size(); ++j) {
            const QRect overlap = shown.at(i)->geometry().intersected(shown.at(j)->geometry());
            if (overlap.width() > 2 && overlap.height() > 2)
                problems.append(u"%1 overlaps %2 by %3×%4 px"_s.arg(describe(shown.at(i)), describe(shown.at(j)))
                                    .arg(overlap.width())
                                    .arg(overlap.height()));
        }
    }
}

} // namespace

namespace LayoutCheck {

QStringList problems(const QWidget *root)
{
    QStringList found;
    check(root, root, found);
    return found;
}

} // namespace LayoutCheck
