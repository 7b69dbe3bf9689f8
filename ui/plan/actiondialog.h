// A nested action of the routing plan (a menu key, or what happens when nobody answers) in a dialog
// of its own, around the editor given to it. Changes apply to the plan as they are made; Cancel puts the
// action back as it was.
#pragma once

#include "actionlocation.h"

#include <QDialog>

class PlanDraft;

// Knows nothing of the editor it shows: ActionEditor opens this dialog for the levels below it, so the
// dialog must not depend on ActionEditor in turn.
class ActionDialog : public QDialog
{
    Q_OBJECT

public:
    // `editor` edits the action at `location`; the dialog shows it above Done and Cancel, and owns it.
    ActionDialog(PlanDraft &draft, const ActionLocation &location, QWidget *editor, const QString &title,
        QWidget *parent = nullptr);

    void reject() override;

private:
    PlanDraft &m_draft;
    ActionLocation m_location;
    Action m_before;
};
