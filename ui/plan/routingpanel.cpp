// The Routing panel: a save bar over four tabs.
#include "routingpanel.h"

#include "callerlistseditor.h"
#include "look/paneltitle.h"
#include "plandraft.h"
#include "plansavebar.h"
#include "routingoptionseditor.h"
#include "ruleseditor.h"
#include "testcallpanel.h"

#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

RoutingPanel::RoutingPanel(PlanDraft &draft, Database &db, Settings &settings, QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_saveBar(new PlanSaveBar(draft, this))
    , m_tabs(new QTabWidget(this))
    , m_rules(new RulesEditor(draft, this))
    , m_lists(new CallerListsEditor(draft, this))
    , m_options(new RoutingOptionsEditor(draft, this))
    , m_testCall(new TestCallPanel(draft, db, settings, this))
{
    QLabel *title = PanelTitle::create(tr("Routing"), this);

    // The names name the screenshots of the tabs.
    m_rules->setObjectName(QStringLiteral("rules"));
    m_lists->setObjectName(QStringLiteral("lists"));
    m_options->setObjectName(QStringLiteral("messages"));
    m_testCall->setObjectName(QStringLiteral("test-a-call"));
    m_tabs->addTab(m_rules, tr("&Rules"));
    m_tabs->addTab(m_lists, tr("Caller &lists"));
    m_tabs->addTab(m_options, tr("&Messages && options"));
    m_tabs->addTab(m_testCall, tr("&Test a call"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_saveBar);
    layout->addWidget(m_tabs, 1);
}

void RoutingPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_draft.reloadIfUnchanged();
}
