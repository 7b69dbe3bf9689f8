// The closed dates of one schedule (holidays, training days): a sorted list, a date field with Add,
// and Remove. Every change goes to the working copy at once.
#pragma once

#include <QWidget>

class PlanDraft;
class QDateEdit;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

class ClosedDatesEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ClosedDatesEditor(PlanDraft &draft, QWidget *parent = nullptr);

    // Shows the closed dates of the schedule at `index` in the plan's schedules; -1 for none.
    void setSchedule(int index);
    // Adds the date in the date field, in date order; a date already listed is only selected.
    void addDate();
    // Removes the selected date.
    void removeDate();

private:
    void refresh();

    PlanDraft &m_draft;
    int m_schedule = -1;

    QStackedWidget *m_pages;
    QListWidget *m_list;
    QDateEdit *m_date;
    QPushButton *m_add;
    QPushButton *m_remove;
};
