// The "Staff & schedules" panel: title, save bar and one tab per part of the plan it edits.
#include "staffpanel.h"

#include "look/paneltitle.h"
#include "plandraft.h"

#include "plansavebar.h"
#include "schedulestab.h"
#include "stafftab.h"
#include "teamstab.h"

#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

StaffPanel::StaffPanel(PlanDraft &draft, QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_saveBar(new PlanSaveBar(draft, this))
    , m_tabs(new QTabWidget(this))
    , m_staff(new StaffTab(draft, this))
    , m_teams(new TeamsTab(draft, this))
    , m_schedules(new SchedulesTab(draft, this))
{
    QLabel *title = PanelTitle::create(tr("Staff & schedules"), this);

    m_tabs->setObjectName(u"staffTabs"_s);
    m_staff->setObjectName(u"staff"_s);
    m_teams->setObjectName(u"teams"_s);
    m_schedules->setObjectName(u"schedules"_s);
    m_tabs->addTab(m_staff, tr("Staff"));
    m_tabs->addTab(m_teams, tr("Teams"));
    m_tabs->addTab(m_schedules, tr("Schedules"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_saveBar);
    layout->addWidget(m_tabs, 1);
}

void StaffPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // A plan imported from the command line meanwhile shows here, unless there are changes to keep.
    m_draft.reloadIfUnchanged();
}
