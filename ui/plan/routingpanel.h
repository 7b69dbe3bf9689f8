// The Routing panel: the rules of the routing plan, the caller lists, the messages and options, and
// Test a call. It edits the same working copy of the plan as the Staff & schedules panel.
#pragma once

#include <QWidget>

class CallerListsEditor;
class Database;
class PlanDraft;
class PlanSaveBar;
class QTabWidget;
class RoutingOptionsEditor;
class RulesEditor;
class Settings;
class TestCallPanel;

class RoutingPanel : public QWidget
{
    Q_OBJECT

public:
    RoutingPanel(PlanDraft &draft, Database &db, Settings &settings, QWidget *parent = nullptr);

    PlanSaveBar *saveBar() const { return m_saveBar; }
    QTabWidget *tabs() const { return m_tabs; }
    RulesEditor *rulesEditor() const { return m_rules; }
    CallerListsEditor *listsEditor() const { return m_lists; }
    RoutingOptionsEditor *optionsEditor() const { return m_options; }
    TestCallPanel *testCall() const { return m_testCall; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    PlanDraft &m_draft;
    PlanSaveBar *m_saveBar;
    QTabWidget *m_tabs;
    RulesEditor *m_rules;
    CallerListsEditor *m_lists;
    RoutingOptionsEditor *m_options;
    TestCallPanel *m_testCall;
};
