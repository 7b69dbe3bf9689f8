// Small pieces shared by the plan editors: ids made from names, showing a fault at its field and in
// a list, showing model values without disturbing someone typing, and refusing to remove a part in use.
#pragma once

#include <QCoreApplication>
#include <QStringList>

#include <functional>

class QIcon;
class QLabel;
class QLineEdit;
class QWidget;

class PlanEditing
{
    Q_DECLARE_TR_FUNCTIONS(PlanEditing)

public:
    // An id for a new part, made from its name: lowercase ASCII letters, digits and "-", at most 64
    // characters, unlike every id in `taken` ("alice", then "alice-2"); `fallback` when the name has
    // nothing usable.
    static QString idFromName(const QString &name, const QStringList &taken, const QString &fallback);

    // Sets `edit`'s text only when it differs, so that the cursor and selection of someone typing stay.
    static void showText(QLineEdit *edit, const QString &text);

    // Numbers of the plan the way the practice's `region` writes them ("(555) 765-4321", "+44 20 7946
    // 0018"); what is no whole number (a prefix such as +1900, a number half typed) stays as it is.
    static QString shownNumber(const QString &number, const QString &region);
    static QStringList shownNumbers(const QStringList &numbers, const QString &region);

    // A red label for the faults of one field, hidden while there are none.
    static QLabel *faultLabel(QWidget *parent);
    // Gives `label` the look of a fault label.
    static void styleAsFault(QLabel *label);
    // `field` over its fault label (if any) and a hint, for a form row; the row's label still focuses
    // the field.
    static QWidget *withFault(QWidget *field, QLabel *fault, QLabel *hint = nullptr);
    // Shows `faults` under `field` and marks the field red; both go when `faults` is empty.
    static void showFaults(QWidget *field, QLabel *label, const QStringList &faults);
    // The marker of a list row with a fault.
    static QIcon faultIcon();
    // A grey explanation under a field or a section.
    static QLabel *hintLabel(const QString &text, QWidget *parent);
    // A bold section heading.
    static QLabel *heading(const QString &text, QWidget *parent);
    // `form` in a frameless area that scrolls when the form is taller than the panel.
    static QWidget *scrolling(QWidget *form, QWidget *parent);
    // A list beside its form, sharing the width `listStretch` to `formStretch`; neither collapses.
    static QWidget *besideEachOther(
        QWidget *list, QWidget *form, int listStretch, int formStretch, QWidget *parent);
    // The sentence an empty list shows instead of itself, saying what to do.
    static QLabel *emptyState(const QString &text, QWidget *parent);

    // When `places` is not empty, says that `what` cannot be removed while used there and returns true.
    static bool refuseWhileUsed(QWidget *parent, const QString &what, const QStringList &places);
    // Asks whether to remove `what`; `remove` runs only when the answer is yes.
    static void askToRemove(QWidget *parent, const QString &what, const QString &consequence,
        const std::function<void()> &remove);
};
