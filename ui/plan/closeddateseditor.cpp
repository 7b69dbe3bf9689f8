// The closed dates of a schedule, kept in date order.
#include "closeddateseditor.h"
#include "look/shownclock.h"

#include "look/icons.h"
#include "plandraft.h"
#include "planediting.h"

#include <QDateEdit>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStackedWidget>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr int DateRole = Qt::UserRole + 1;

} // namespace

ClosedDatesEditor::ClosedDatesEditor(PlanDraft &draft, QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_pages(new QStackedWidget(this))
    , m_list(new QListWidget(this))
    , m_date(new QDateEdit(ShownClock(draft.model().timeZone).today(), this))
    , m_add(new QPushButton(Icons::named(u"list-add"_s), tr("Add c&losed day"), this))
    , m_remove(new QPushButton(Icons::named(u"edit-delete"_s), tr("Remove &day"), this))
{
    m_list->setObjectName(u"closedDates"_s);
    m_list->setAccessibleName(tr("Closed days"));
    m_list->setMinimumHeight(m_list->fontMetrics().height() * 5);
    m_pages->addWidget(m_list);
    m_pages->addWidget(PlanEditing::emptyState(tr("No closed days. Add holidays and other days nobody is "
                                                  "on call, whatever the weekly hours say."),
        this));
    m_date->setObjectName(u"closedDate"_s);
    m_add->setObjectName(u"addClosedDate"_s);
    m_remove->setObjectName(u"removeClosedDate"_s);
    m_date->setCalendarPopup(true);
    m_date->setAccessibleName(tr("Closed day to add"));

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages, 0, 0, 3, 1);
    layout->addWidget(m_date, 0, 1);
    layout->addWidget(m_add, 1, 1);
    layout->addWidget(m_remove, 2, 1, Qt::AlignTop);
    layout->setColumnStretch(0, 1);

    setTabOrder(m_list, m_date);
    setTabOrder(m_date, m_add);
    setTabOrder(m_add, m_remove);

    connect(m_add, &QPushButton::clicked, this, &ClosedDatesEditor::addDate);
    connect(m_remove, &QPushButton::clicked, this, &ClosedDatesEditor::removeDate);
    connect(
        m_list, &QListWidget::currentRowChanged, this, [this](int row) { m_remove->setEnabled(row >= 0); });
    connect(&m_draft, &PlanDraft::changed, this, &ClosedDatesEditor::refresh);
    refresh();
}

void ClosedDatesEditor::setSchedule(int index)
{
    if (index == m_schedule)
        return;
    m_schedule = index;
    refresh();
}

void ClosedDatesEditor::addDate()
{
    const int schedule = m_schedule;
    const QDate date = m_date->date();
    if (schedule < 0 || schedule >= m_draft.model().schedules.size() || !date.isValid())
        return;
    if (!m_draft.model().schedules.at(schedule).closed.contains(date)) {
        m_draft.edit([&](RoutingModel &model) {
            QList<QDate> &closed = model.schedules[schedule].closed;
            closed.append(date);
            std::sort(closed.begin(), closed.end());
        });
    }
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(DateRole).toDate() == date)
            m_list->setCurrentRow(row);
    }
}

void ClosedDatesEditor::removeDate()
{
    const int schedule = m_schedule;
    QListWidgetItem *item = m_list->currentItem();
    if (schedule < 0 || schedule >= m_draft.model().schedules.size() || !item)
        return;
    const QDate date = item->data(DateRole).toDate();
    const int row = m_list->currentRow();
    m_draft.edit([&](RoutingModel &model) { model.schedules[schedule].closed.removeAll(date); });
    // The next date takes the removed one's place, so that several can be removed in a row.
    m_list->setCurrentRow(std::min(row, m_list->count() - 1));
}

void ClosedDatesEditor::refresh()
{
    const RoutingModel &model = m_draft.model();
    const bool valid = m_schedule >= 0 && m_schedule < model.schedules.size();
    setEnabled(valid);
    const QList<QDate> closed = valid ? model.schedules.at(m_schedule).closed : QList<QDate>();
    const QDate selected = m_list->currentItem() ? m_list->currentItem()->data(DateRole).toDate() : QDate();
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    const QLocale locale;
    // The days the plan's schedules are read in: its own today, not this computer's.
    const QDate today = ShownClock(model.timeZone).today();
    for (int k = 0; k < closed.size(); ++k) {
        const QDate &date = closed.at(k);
        auto *item = new QListWidgetItem(locale.toString(date, QLocale::LongFormat), m_list);
        item->setData(DateRole, date);
        const QStringList faults = m_draft.errorsAt(u"schedules[%1].closed[%2]"_s.arg(m_schedule).arg(k));
        item->setIcon(faults.isEmpty() ? QIcon() : PlanEditing::faultIcon());
        item->setToolTip(faults.join(u'\n'));
        // Past dates no longer matter to calls; they stay until removed.
        if (date < today)
            item->setForeground(palette().brush(QPalette::PlaceholderText));
        if (date == selected)
            m_list->setCurrentItem(item);
    }
    m_pages->setCurrentIndex(closed.isEmpty() ? 1 : 0);
    m_remove->setEnabled(m_list->currentRow() >= 0);
}
