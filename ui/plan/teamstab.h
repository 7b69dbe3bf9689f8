// The Teams tab of "Staff & schedules": the teams a call can ring, and for the selected one how its
// people are rung and its tiers. Every change goes to the shared working copy at once.
#pragma once

#include <QSet>
#include <QWidget>

#include <functional>

class PlanDraft;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class TierEditor;
struct Team;

class TeamsTab : public QWidget
{
    Q_OBJECT

public:
    explicit TeamsTab(PlanDraft &draft, QWidget *parent = nullptr);

    // The row of the team shown in the form; -1 when there is none.
    int currentRow() const { return m_row; }
    void selectRow(int row);
    TierEditor *tierEditor() const { return m_tiers; }
    // Adds a team with no name and no people yet, selects it and puts the cursor in its name.
    void addTeam();
    // Asks, then removes the selected team; refuses, listing where, while a rule uses it.
    void removeTeam();

private:
    void refresh();
    void refreshList();
    void refreshForm();
    void editTeam(const std::function<void(Team &)> &change);
    void rename(const QString &name);

    PlanDraft &m_draft;
    int m_row = -1;
    bool m_refreshing = false;
    // Teams added since the plan was last saved: their id still follows their name.
    QSet<QString> m_newIds;

    QStackedWidget *m_listPages;
    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_remove;
    QStackedWidget *m_formPages;
    QLineEdit *m_name;
    QLabel *m_nameFault;
    QComboBox *m_ring;
    QLabel *m_ringFault;
    QSpinBox *m_ringSeconds;
    QLabel *m_ringSecondsFault;
    QSpinBox *m_maxPeople;
    QLabel *m_maxPeopleFault;
    QCheckBox *m_skipDialed;
    QSpinBox *m_stickyDays;
    QLabel *m_stickyDaysFault;
    TierEditor *m_tiers;
};
