// The Schedules tab: the time zone, the list of schedules and the selected schedule's name, weekly
// hours and closed days.
#include "schedulestab.h"

#include "closeddateseditor.h"
#include "look/icons.h"
#include "plandraft.h"
#include "planediting.h"
#include "routing/planreferences.h"
#include "timezonepicker.h"
#include "weeklyhourseditor.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QTimeZone>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QString schedulePath(int row)
{
    return u"schedules[%1]"_s.arg(row);
}

} // namespace

SchedulesTab::SchedulesTab(PlanDraft &draft, QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_zone(new TimeZonePicker(this))
    , m_zoneFault(PlanEditing::faultLabel(this))
    , m_listPages(new QStackedWidget(this))
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(Icons::named(u"list-add"_s), tr("&Add schedule"), this))
    , m_remove(new QPushButton(Icons::named(u"edit-delete"_s), tr("&Remove schedule…"), this))
    , m_formPages(new QStackedWidget(this))
    , m_name(new QLineEdit(this))
    , m_nameFault(PlanEditing::faultLabel(this))
    , m_weekly(new WeeklyHoursEditor(draft, this))
    , m_closed(new ClosedDatesEditor(draft, this))
{
    m_zone->setObjectName(u"timeZone"_s);
    auto *zoneForm = new QFormLayout;
    zoneForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    zoneForm->addRow(tr("Time &zone:"),
        PlanEditing::withFault(m_zone, m_zoneFault,
            PlanEditing::hintLabel(tr("The practice's time zone: every schedule's hours and closed days "
                                      "are read in it, and once the plan is saved the window shows every "
                                      "time in it."),
                this)));

    m_list->setObjectName(u"scheduleList"_s);
    m_add->setObjectName(u"addSchedule"_s);
    m_remove->setObjectName(u"removeSchedule"_s);
    m_list->setAccessibleName(tr("Schedules"));
    m_listPages->addWidget(m_list);
    m_listPages->addWidget(PlanEditing::emptyState(tr("No schedules yet. Add one to say when people may be "
                                                      "rung; staff without a schedule are always on call."),
        this));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *list = new QWidget(this);
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_listPages, 1);
    listLayout->addLayout(buttons);

    m_name->setObjectName(u"scheduleName"_s);
    m_name->setPlaceholderText(tr("e.g. Office hours"));
    m_name->setMaxLength(64);
    auto *form = new QWidget(this);
    auto *fields = new QFormLayout;
    fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    fields->addRow(tr("&Name:"),
        PlanEditing::withFault(m_name, m_nameFault,
            PlanEditing::hintLabel(tr("As staff and rules show it; renaming it changes it there too."),
                form)));
    auto *formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(12, 0, 0, 0);
    formLayout->addLayout(fields);
    formLayout->addSpacing(8);
    formLayout->addWidget(PlanEditing::heading(tr("Weekly hours"), form));
    formLayout->addWidget(m_weekly);
    formLayout->addSpacing(8);
    formLayout->addWidget(PlanEditing::heading(tr("Closed days"), form));
    formLayout->addWidget(m_closed);
    formLayout->addStretch(1);

    m_formPages->addWidget(
        PlanEditing::emptyState(tr("Select a schedule to see and change its hours."), this));
    m_formPages->addWidget(PlanEditing::scrolling(form, this));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(zoneForm);
    layout->addWidget(PlanEditing::besideEachOther(list, m_formPages, 1, 3, this), 1);

    setTabOrder(m_zone, m_list);
    setTabOrder(m_list, m_add);
    setTabOrder(m_add, m_remove);
    setTabOrder(m_remove, m_name);

    connect(m_zone, &TimeZonePicker::zoneChosen, this, &SchedulesTab::setZone);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_refreshing || row < 0 || row == m_row)
            return;
        m_row = row;
        m_nameProblem.clear();
        refreshForm();
    });
    connect(m_add, &QPushButton::clicked, this, &SchedulesTab::addSchedule);
    connect(m_remove, &QPushButton::clicked, this, &SchedulesTab::removeSchedule);
    connect(m_name, &QLineEdit::textChanged, this, &SchedulesTab::rename);
    connect(m_name, &QLineEdit::editingFinished, this, [this] {
        // Left empty or with a taken name: the schedule keeps the name it has.
        if (m_nameProblem.isEmpty())
            return;
        m_nameProblem.clear();
        refreshForm();
    });
    connect(&m_draft, &PlanDraft::changed, this, &SchedulesTab::refresh);

    m_row = m_draft.model().schedules.isEmpty() ? -1 : 0;
    refresh();
}

void SchedulesTab::selectRow(int row)
{
    if (row < 0 || row >= m_draft.model().schedules.size())
        return;
    m_row = row;
    m_nameProblem.clear();
    refresh();
}

void SchedulesTab::addSchedule()
{
    QStringList taken;
    for (const Schedule &schedule : m_draft.model().schedules)
        taken.append(schedule.id);
    // The id is made once from the first name and never shown; renaming changes only the name, so
    // nothing that uses the schedule has to follow.
    const QString name = uniqueName(tr("Opening hours"));
    const QString id = PlanEditing::idFromName(name, taken, u"hours"_s);
    m_row = int(m_draft.model().schedules.size());
    m_nameProblem.clear();
    m_draft.edit([&](RoutingModel &model) {
        Schedule schedule;
        schedule.id = id;
        schedule.name = name;
        model.schedules.append(schedule);
    });
    m_name->setFocus();
    m_name->selectAll();
}

void SchedulesTab::removeSchedule()
{
    const RoutingModel &model = m_draft.model();
    if (m_row < 0 || m_row >= model.schedules.size())
        return;
    const QString id = model.schedules.at(m_row).id;
    const QString what = tr("the schedule \"%1\"").arg(model.schedules.at(m_row).displayName());
    if (PlanEditing::refuseWhileUsed(this, what, PlanReferences::ofSchedule(model, id)))
        return;
    PlanEditing::askToRemove(this, what, tr("Its weekly hours and closed days go with it."), [this, id] {
        const RoutingModel &current = m_draft.model();
        const auto found = std::find_if(current.schedules.cbegin(), current.schedules.cend(),
            [&](const Schedule &schedule) { return schedule.id == id; });
        if (found == current.schedules.cend())
            return;
        const qsizetype index = found - current.schedules.cbegin();
        m_draft.edit([index](RoutingModel &model) { model.schedules.removeAt(index); });
    });
}

void SchedulesTab::refresh()
{
    refreshList();
    refreshForm();
}

void SchedulesTab::refreshList()
{
    const RoutingModel &model = m_draft.model();
    const int count = int(model.schedules.size());
    m_listPages->setCurrentIndex(count > 0 ? 0 : 1);
    m_row = count == 0 ? -1 : std::clamp(m_row, 0, count - 1);
    m_refreshing = true;
    while (m_list->count() > count)
        delete m_list->takeItem(m_list->count() - 1);
    while (m_list->count() < count)
        m_list->addItem(QString());
    for (int row = 0; row < count; ++row) {
        const QStringList faults = m_draft.errorsAt(schedulePath(row));
        QListWidgetItem *item = m_list->item(row);
        item->setText(model.schedules.at(row).displayName());
        item->setIcon(faults.isEmpty() ? QIcon() : PlanEditing::faultIcon());
        item->setToolTip(faults.join(u'\n'));
    }
    if (m_list->currentRow() != m_row)
        m_list->setCurrentRow(m_row);
    m_refreshing = false;
}

void SchedulesTab::refreshForm()
{
    const RoutingModel &model = m_draft.model();
    if (m_zone->zoneId() != model.timeZone.id())
        m_zone->setZoneId(model.timeZone.id());
    PlanEditing::showFaults(m_zone, m_zoneFault, m_draft.errorsAt(u"time_zone"_s));

    m_remove->setEnabled(m_row >= 0);
    const bool valid = m_row >= 0 && m_row < model.schedules.size();
    m_formPages->setCurrentIndex(valid ? 1 : 0);
    m_weekly->setSchedule(valid ? m_row : -1);
    m_closed->setSchedule(valid ? m_row : -1);
    if (!valid)
        return;
    const QString path = schedulePath(m_row);
    if (m_nameProblem.isEmpty())
        PlanEditing::showText(m_name, model.schedules.at(m_row).displayName());
    PlanEditing::showFaults(m_name, m_nameFault,
        m_nameProblem.isEmpty() ? m_draft.errorsAt(path + u".id"_s) : QStringList { m_nameProblem });
}

QString SchedulesTab::uniqueName(const QString &wanted) const
{
    const RoutingModel &model = m_draft.model();
    const auto taken = [&](const QString &name) {
        return std::any_of(model.schedules.cbegin(), model.schedules.cend(),
            [&](const Schedule &schedule) { return schedule.displayName() == name; });
    };
    QString name = wanted;
    for (int n = 2; taken(name); ++n)
        name = u"%1 %2"_s.arg(wanted).arg(n);
    return name;
}

void SchedulesTab::rename(const QString &text)
{
    const int row = m_row;
    const RoutingModel &model = m_draft.model();
    if (row < 0 || row >= model.schedules.size())
        return;
    const QString name = text.simplified();
    const Schedule &renamed = model.schedules.at(row);
    const bool hadProblem = !m_nameProblem.isEmpty();
    // Two schedules of one name could not be told apart in the rules and staff lists.
    const bool taken = std::any_of(model.schedules.cbegin(), model.schedules.cend(),
        [&](const Schedule &schedule) { return schedule.id != renamed.id && schedule.displayName() == name; });
    if (name.isEmpty())
        m_nameProblem = tr("A schedule needs a name: staff and rules show it by its name.");
    else if (taken)
        m_nameProblem = tr("Another schedule is already called \"%1\".").arg(name);
    else
        m_nameProblem.clear();
    if (!m_nameProblem.isEmpty()) {
        refreshForm();
        return;
    }
    // Only spaces differ (one typed at the end, before the next word): the entry keeps them as typed.
    if (name == renamed.displayName()) {
        if (hadProblem)
            refreshForm();
        return;
    }
    m_draft.edit([&](RoutingModel &edited) { edited.schedules[row].name = name; });
}

void SchedulesTab::setZone(const QByteArray &id)
{
    if (m_draft.model().timeZone.id() == id)
        return;
    m_draft.edit([&](RoutingModel &model) { model.timeZone = QTimeZone(id); });
}
