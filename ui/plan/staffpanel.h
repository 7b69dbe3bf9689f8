// The "Staff & schedules" panel: who answers calls (Staff), how groups of them are rung (Teams) and
// when they are on call (Schedules), edited in the routing plan's working copy with a save bar on top.
#pragma once

#include <QWidget>

class PlanDraft;
class PlanSaveBar;
class QTabWidget;
class SchedulesTab;
class StaffTab;
class TeamsTab;

class StaffPanel : public QWidget
{
    Q_OBJECT

public:
    // `draft` is shared with the Routing panel and must outlive the panel.
    explicit StaffPanel(PlanDraft &draft, QWidget *parent = nullptr);

    PlanSaveBar *saveBar() const { return m_saveBar; }
    QTabWidget *tabs() const { return m_tabs; }
    StaffTab *staffTab() const { return m_staff; }
    TeamsTab *teamsTab() const { return m_teams; }
    SchedulesTab *schedulesTab() const { return m_schedules; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    PlanDraft &m_draft;
    PlanSaveBar *m_saveBar;
    QTabWidget *m_tabs;
    StaffTab *m_staff;
    TeamsTab *m_teams;
    SchedulesTab *m_schedules;
};
