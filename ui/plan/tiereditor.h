// The tiers of one team, in the order they are rung: each tier and its people, with buttons to add,
// remove and move tiers and to add and take out people. Every change goes to the working copy at once.
#pragma once

#include <QWidget>

#include <functional>

class PlanDraft;
class QComboBox;
class QLabel;
class QPushButton;
class QTreeWidget;
struct Team;

class TierEditor : public QWidget
{
    Q_OBJECT

public:
    explicit TierEditor(PlanDraft &draft, QWidget *parent = nullptr);

    // Shows the tiers of the team at `index` in the plan's teams; -1 for none.
    void setTeam(int index);
    // The selected tier, and the selected person in it (-1 when the tier itself is selected).
    int currentTier() const { return m_tier; }
    int currentMember() const { return m_member; }
    void select(int tier, int member = -1);

    void addTier();
    void removeTier();
    void moveTier(int by);
    // Adds the person chosen in the combo to the selected tier (the last one when none is selected).
    void addPerson();
    void removePerson();

private:
    void refresh();
    void refreshTree();
    void refreshButtons();
    void editTeam(const std::function<void(Team &)> &change);

    PlanDraft &m_draft;
    int m_team = -1;
    int m_tier = -1;
    int m_member = -1;
    bool m_refreshing = false;

    QTreeWidget *m_tree;
    QLabel *m_fault;
    QPushButton *m_addTier;
    QPushButton *m_removeTier;
    QPushButton *m_up;
    QPushButton *m_down;
    QComboBox *m_people;
    QPushButton *m_addPerson;
    QPushButton *m_removePerson;
};
