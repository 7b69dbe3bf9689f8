// The Rules tab of the Routing panel: which numbers a plan is for, its rules in the order they are
// tried, and for the chosen rule when it applies and what it does.
#pragma once

#include <QWidget>

#include <functional>

class ActionEditor;
struct Rule;
class FieldError;
class PlanDraft;
class QComboBox;
class QLineEdit;
class QPushButton;
class QTableWidget;

class RulesEditor : public QWidget
{
    Q_OBJECT

public:
    explicit RulesEditor(PlanDraft &draft, QWidget *parent = nullptr);

    QComboBox *planBox() const { return m_plan; }
    QTableWidget *rulesTable() const { return m_rules; }
    QLineEdit *nameField() const { return m_name; }
    QComboBox *bookingBox() const { return m_booking; }
    QComboBox *callerInBox() const { return m_callerIn; }
    QComboBox *callerNotInBox() const { return m_callerNotIn; }
    QComboBox *insideBox() const { return m_inside; }
    QComboBox *outsideBox() const { return m_outside; }
    QLineEdit *calledField() const { return m_called; }
    ActionEditor *actionEditor() const { return m_action; }
    int currentRule() const { return m_rule; }
    void selectRule(int rule);

public Q_SLOTS:
    void addRule();
    void removeRule();
    void moveRuleUp();
    void moveRuleDown();
    void addPlan();
    void removePlan();

private:
    void refresh();
    void refreshPlans();
    void refreshRules();
    void refreshRule();
    void moveRule(int by);
    void changeRule(const std::function<void(Rule &)> &edit);
    void changeCondition();

    PlanDraft &m_draft;
    int m_planIndex = 0;
    int m_rule = -1;

    QComboBox *m_plan;
    QLineEdit *m_numbers;
    FieldError *m_numbersError;
    QPushButton *m_addPlan;
    QPushButton *m_removePlan;
    QTableWidget *m_rules;
    QPushButton *m_addRule;
    QPushButton *m_removeRule;
    QPushButton *m_up;
    QPushButton *m_down;
    QWidget *m_ruleForm;
    QLineEdit *m_name;
    FieldError *m_nameError;
    QComboBox *m_booking;
    QComboBox *m_callerIn;
    QComboBox *m_callerNotIn;
    QComboBox *m_inside;
    QComboBox *m_outside;
    QLineEdit *m_called;
    FieldError *m_conditionError;
    ActionEditor *m_action;
};
