// The weekly on-call windows of one schedule as a table: a checkbox per day, From and To, and a
// button to remove each window; "Add window" below. Every change goes to the working copy at once.
#pragma once

#include <QList>
#include <QWidget>

#include <functional>

class PlanDraft;
class QCheckBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QTimeEdit;
struct WeeklyWindow;

class WeeklyHoursEditor : public QWidget
{
    Q_OBJECT

public:
    explicit WeeklyHoursEditor(PlanDraft &draft, QWidget *parent = nullptr);

    // Shows the windows of the schedule at `index` in the plan's schedules; -1 for none.
    void setSchedule(int index);
    // A new window, Monday to Friday 09:00–17:00, to be changed from there.
    void addWindow();
    void removeWindow(int window);

    // The widgets of one window, in table order.
    struct Row
    {
        QList<QCheckBox *> days; // Monday first
        QTimeEdit *from = nullptr;
        QTimeEdit *to = nullptr;
        QPushButton *remove = nullptr;
        QLabel *fault = nullptr;
    };
    const QList<Row> &rows() const { return m_rows; }

private:
    void refresh();
    void rebuildRows(int count);
    void editWindow(int window, const std::function<void(WeeklyWindow &)> &change);

    PlanDraft &m_draft;
    int m_schedule = -1;
    QList<Row> m_rows;
    QList<QLabel *> m_headers; // shown over the rows only

    QGridLayout *m_grid;
    QLabel *m_empty;
    QPushButton *m_add;
};
