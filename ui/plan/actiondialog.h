// A nested action of the routing plan (a menu key, or what happens when nobody answers) in a dialog
// of its own. Changes apply to the plan as they are made; Cancel puts the action back as it was.
#pragma once

#include "actionlocation.h"

#include <QDialog>

class ActionEditor;
class PlanDraft;

class ActionDialog : public QDialog
{
    Q_OBJECT

public:
    ActionDialog(
        PlanDraft &draft, const ActionLocation &location, const QString &title, QWidget *parent = nullptr);

    ActionEditor *editor() const { return m_editor; }

    void reject() override;

private:
    PlanDraft &m_draft;
    ActionLocation m_location;
    Action m_before;
    ActionEditor *m_editor;
};
