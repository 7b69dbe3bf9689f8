// The Schedules tab of "Staff & schedules": the plan's time zone, and the on-call schedules with their
// weekly hours and closed days. A schedule is shown by its name everywhere it is used. Every change goes to the
// shared working copy at once.
#pragma once

#include <QWidget>

class ClosedDatesEditor;
class PlanDraft;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;
class TimeZonePicker;
class WeeklyHoursEditor;

class SchedulesTab : public QWidget
{
    Q_OBJECT

public:
    explicit SchedulesTab(PlanDraft &draft, QWidget *parent = nullptr);

    // The row of the schedule shown in the form; -1 when there is none.
    int currentRow() const { return m_row; }
    void selectRow(int row);
    WeeklyHoursEditor *weeklyHours() const { return m_weekly; }
    ClosedDatesEditor *closedDates() const { return m_closed; }
    // Adds a schedule with no hours yet, selects it and selects its name for typing over.
    void addSchedule();
    // Asks, then removes the selected schedule; refuses, listing where, while staff or rules use it.
    void removeSchedule();

private:
    void refresh();
    void refreshList();
    void refreshForm();
    // Renames the selected schedule and every use of it; a name that is empty or taken is only shown
    // as a fault until it is changed or the field is left.
    void rename(const QString &name);
    // `wanted`, or "wanted 2", "wanted 3"… when a schedule is called that already.
    QString uniqueName(const QString &wanted) const;
    void setZone(const QByteArray &id);

    PlanDraft &m_draft;
    int m_row = -1;
    bool m_refreshing = false;
    QString m_nameProblem;

    TimeZonePicker *m_zone;
    QLabel *m_zoneFault;
    QStackedWidget *m_listPages;
    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_remove;
    QStackedWidget *m_formPages;
    QLineEdit *m_name;
    QLabel *m_nameFault;
    WeeklyHoursEditor *m_weekly;
    ClosedDatesEditor *m_closed;
};
