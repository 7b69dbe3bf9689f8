// The weekly windows of a schedule, one row per window.
#include "weeklyhourseditor.h"

#include "look/icons.h"
#include "look/shownclock.h"
#include "plandraft.h"
#include "planediting.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTimeEdit>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr int FromColumn = 7;
constexpr int ToColumn = 8;
constexpr int RemoveColumn = 9;

void showTime(QTimeEdit *edit, const QTime &time)
{
    if (edit->time() == time)
        return;
    const QSignalBlocker blocker(edit);
    edit->setTime(time);
}

} // namespace

WeeklyHoursEditor::WeeklyHoursEditor(PlanDraft &draft, QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_grid(new QGridLayout)
    , m_empty(PlanEditing::hintLabel(
          tr("No weekly hours yet, so nobody on these hours is ever rung. Add a window."), this))
    , m_add(new QPushButton(Icons::named(u"list-add"_s), tr("Add &window"), this))
{
    m_add->setObjectName(u"addWindow"_s);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(10);
    m_grid->setVerticalSpacing(4);
    const QLocale locale;
    for (int day = 1; day <= 7; ++day) {
        auto *name = new QLabel(locale.dayName(day, QLocale::ShortFormat), this);
        name->setToolTip(locale.dayName(day));
        m_grid->addWidget(name, 0, day - 1, Qt::AlignHCenter);
        m_headers.append(name);
    }
    m_headers.append(new QLabel(tr("From"), this));
    m_headers.append(new QLabel(tr("To"), this));
    m_grid->addWidget(m_headers.at(7), 0, FromColumn);
    m_grid->addWidget(m_headers.at(8), 0, ToColumn);
    m_grid->setColumnStretch(RemoveColumn + 1, 1);

    auto *note = PlanEditing::hintLabel(tr("A window whose To is before its From runs past midnight into the "
                                           "next day; the same time in both means 24 hours."),
        this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_grid);
    layout->addWidget(m_empty);
    layout->addLayout(buttons);
    layout->addWidget(note);

    connect(m_add, &QPushButton::clicked, this, &WeeklyHoursEditor::addWindow);
    connect(&m_draft, &PlanDraft::changed, this, &WeeklyHoursEditor::refresh);
    refresh();
}

void WeeklyHoursEditor::setSchedule(int index)
{
    if (index == m_schedule)
        return;
    m_schedule = index;
    refresh();
}

void WeeklyHoursEditor::addWindow()
{
    const int schedule = m_schedule;
    if (schedule < 0 || schedule >= m_draft.model().schedules.size())
        return;
    m_draft.edit([&](RoutingModel &model) {
        WeeklyWindow window;
        window.days = { Qt::Monday, Qt::Tuesday, Qt::Wednesday, Qt::Thursday, Qt::Friday };
        window.from = QTime(9, 0);
        window.to = QTime(17, 0);
        model.schedules[schedule].weekly.append(window);
    });
    if (!m_rows.isEmpty())
        m_rows.last().from->setFocus();
}

void WeeklyHoursEditor::removeWindow(int window)
{
    const int schedule = m_schedule;
    if (schedule < 0 || schedule >= m_draft.model().schedules.size()
        || window >= m_draft.model().schedules.at(schedule).weekly.size())
        return;
    m_draft.edit([&](RoutingModel &model) { model.schedules[schedule].weekly.removeAt(window); });
    // The row and its button are gone; the keyboard carries on from "Add window".
    m_add->setFocus();
}

void WeeklyHoursEditor::editWindow(int window, const std::function<void(WeeklyWindow &)> &change)
{
    const int schedule = m_schedule;
    if (schedule < 0 || schedule >= m_draft.model().schedules.size()
        || window >= m_draft.model().schedules.at(schedule).weekly.size())
        return;
    m_draft.edit([&](RoutingModel &model) { change(model.schedules[schedule].weekly[window]); });
}

void WeeklyHoursEditor::rebuildRows(int count)
{
    // Later rather than now: the row's own Remove button may be the one being clicked.
    for (const Row &row : std::as_const(m_rows)) {
        QList<QWidget *> widgets { row.from, row.to, row.remove, row.fault };
        for (QCheckBox *day : row.days)
            widgets.append(day);
        for (QWidget *widget : std::as_const(widgets)) {
            m_grid->removeWidget(widget);
            widget->hide();
            widget->deleteLater();
        }
    }
    m_rows.clear();
    const QLocale locale;
    // New widgets join the end of the window's tab order; the rows belong just before "Add window".
    // setTabOrder() skips widgets that take no focus, such as the headings in between.
    QWidget *previous = m_add->previousInFocusChain();
    while (previous != m_add && previous->focusPolicy() == Qt::NoFocus)
        previous = previous->previousInFocusChain();
    const auto chain = [&previous](QWidget *next) {
        setTabOrder(previous, next);
        previous = next;
    };
    for (int window = 0; window < count; ++window) {
        Row row;
        const int gridRow = 1 + 2 * window;
        for (int day = 1; day <= 7; ++day) {
            auto *box = new QCheckBox(this);
            box->setAccessibleName(tr("%1, window %2").arg(locale.dayName(day)).arg(window + 1));
            m_grid->addWidget(box, gridRow, day - 1, Qt::AlignHCenter);
            connect(box, &QCheckBox::toggled, this, [this, window, day](bool on) {
                editWindow(window, [&](WeeklyWindow &edited) {
                    edited.days.removeAll(Qt::DayOfWeek(day));
                    if (on)
                        edited.days.append(Qt::DayOfWeek(day));
                    std::sort(edited.days.begin(), edited.days.end());
                });
            });
            row.days.append(box);
            chain(box);
        }
        row.from = new QTimeEdit(this);
        row.to = new QTimeEdit(this);
        for (QTimeEdit *edit : { row.from, row.to }) {
            // Hours of the plan's clock, in the locale's 12- or 24-hour form like every time the window shows.
            edit->setDisplayFormat(ShownClock().timeFormat());
            edit->setWrapping(true);
            chain(edit);
        }
        row.from->setAccessibleName(tr("From, window %1").arg(window + 1));
        row.to->setAccessibleName(tr("To, window %1").arg(window + 1));
        connect(row.from, &QTimeEdit::timeChanged, this, [this, window](QTime time) {
            editWindow(window, [&](WeeklyWindow &edited) { edited.from = time; });
        });
        connect(row.to, &QTimeEdit::timeChanged, this, [this, window](QTime time) {
            editWindow(window, [&](WeeklyWindow &edited) { edited.to = time; });
        });
        row.remove = new QPushButton(tr("Remove"), this);
        row.remove->setAccessibleName(tr("Remove window %1").arg(window + 1));
        connect(row.remove, &QPushButton::clicked, this, [this, window] { removeWindow(window); });
        chain(row.remove);
        row.fault = PlanEditing::faultLabel(this);
        m_grid->addWidget(row.from, gridRow, FromColumn);
        m_grid->addWidget(row.to, gridRow, ToColumn);
        m_grid->addWidget(row.remove, gridRow, RemoveColumn);
        m_grid->addWidget(row.fault, gridRow + 1, 0, 1, RemoveColumn + 1);
        // At once rather than when the layout gets round to it, so that the keyboard can reach them.
        for (QWidget *widget : row.days)
            widget->show();
        for (QWidget *widget : std::initializer_list<QWidget *> { row.from, row.to, row.remove })
            widget->show();
        m_rows.append(row);
    }
    setTabOrder(previous, m_add);
}

void WeeklyHoursEditor::refresh()
{
    const RoutingModel &model = m_draft.model();
    const bool valid = m_schedule >= 0 && m_schedule < model.schedules.size();
    const QList<WeeklyWindow> windows = valid ? model.schedules.at(m_schedule).weekly : QList<WeeklyWindow>();
    setEnabled(valid);
    // Rows are made again only when their number changes, so that the field being typed in keeps the focus.
    if (m_rows.size() != windows.size())
        rebuildRows(int(windows.size()));
    m_empty->setVisible(valid && windows.isEmpty());
    for (QLabel *header : std::as_const(m_headers))
        header->setVisible(!windows.isEmpty());
    for (int w = 0; w < windows.size(); ++w) {
        const WeeklyWindow &window = windows.at(w);
        const Row &row = m_rows.at(w);
        for (int day = 1; day <= 7; ++day) {
            QCheckBox *box = row.days.at(day - 1);
            const QSignalBlocker blocker(box);
            box->setChecked(window.days.contains(Qt::DayOfWeek(day)));
        }
        showTime(row.from, window.from);
        showTime(row.to, window.to);
        // The document names days "mon … sun"; here they are ticked.
        const QString path = u"schedules[%1].weekly[%2]"_s.arg(m_schedule).arg(w);
        QStringList faults = m_draft.errorsAt(path);
        if (window.days.isEmpty()) {
            faults.removeAll(m_draft.errorsAt(path + u".days"_s).value(0));
            faults.prepend(tr("Tick at least one day."));
        }
        row.fault->setText(faults.join(u'\n'));
        row.fault->setVisible(!faults.isEmpty());
    }
}
