// The Staff tab of "Staff & schedules": the people who answer calls, and a form for the selected one
// (name, phone, active, on-call hours, the numbers they answer for). Every change goes to the shared
// working copy at once.
#pragma once

#include <QSet>
#include <QWidget>

#include <functional>

class PlanDraft;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableWidget;
struct StaffMember;

class StaffTab : public QWidget
{
    Q_OBJECT

public:
    explicit StaffTab(PlanDraft &draft, QWidget *parent = nullptr);

    // The row of the person shown in the form; -1 when there is none.
    int currentRow() const { return m_row; }
    void selectRow(int row);
    // Adds a person with no name yet, selects them and puts the cursor in their name.
    void addPerson();
    // Asks, then removes the selected person; refuses, listing where, while a team or rule uses them.
    void removePerson();

private:
    void refresh();
    void refreshTable();
    void refreshForm();
    void editMember(const std::function<void(StaffMember &)> &change);
    void rename(const QString &name);

    PlanDraft &m_draft;
    int m_row = -1;
    // People added since the plan was last saved: their id still follows their name, as nothing
    // outside the plan (customers, bookings) can refer to them yet.
    QSet<QString> m_newIds;

    QStackedWidget *m_listPages;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QStackedWidget *m_formPages;
    QLineEdit *m_name;
    QLabel *m_nameFault;
    QLineEdit *m_phone;
    QLabel *m_phoneFault;
    QCheckBox *m_active;
    QComboBox *m_schedule;
    QLabel *m_scheduleFault;
    QLineEdit *m_owns;
    QLabel *m_ownsFault;
};
