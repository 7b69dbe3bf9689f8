// The Staff tab: the list of people who answer calls and the form of the selected one.
#include "stafftab.h"

#include "look/icons.h"
#include "settings/settings.h"

#include "phone/phonenormalizer.h"
#include "plandraft.h"
#include "planediting.h"
#include "routing/planreferences.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

enum Column
{
    NameColumn,
    PhoneColumn,
    HoursColumn,
    ActiveColumn,
    ColumnCount
};

QString staffPath(int row)
{
    return u"staff[%1]"_s.arg(row);
}

// "Answers calls to" as typed: numbers separated by commas (or semicolons, as some people write lists).
QStringList numbersIn(const QString &text)
{
    QStringList numbers;
    for (const QString &part : text.split(QRegularExpression(u"[,;]"_s))) {
        if (!part.trimmed().isEmpty())
            numbers.append(part.trimmed());
    }
    return numbers;
}

} // namespace

StaffTab::StaffTab(PlanDraft &draft, QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_listPages(new QStackedWidget(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_add(new QPushButton(Icons::named(u"list-add"_s), tr("&Add person"), this))
    , m_remove(new QPushButton(Icons::named(u"edit-delete"_s), tr("&Remove person…"), this))
    , m_formPages(new QStackedWidget(this))
    , m_name(new QLineEdit(this))
    , m_nameFault(PlanEditing::faultLabel(this))
    , m_phone(new QLineEdit(this))
    , m_phoneFault(PlanEditing::faultLabel(this))
    , m_active(new QCheckBox(tr("Ac&tive: calls may ring this person"), this))
    , m_schedule(new QComboBox(this))
    , m_scheduleFault(PlanEditing::faultLabel(this))
    , m_owns(new QLineEdit(this))
    , m_ownsFault(PlanEditing::faultLabel(this))
{
    m_table->setObjectName(u"staffTable"_s);
    m_table->setHorizontalHeaderLabels({ tr("Name"), tr("Phone"), tr("On-call hours"), tr("Active") });
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTabKeyNavigation(false); // Tab leaves the list for the buttons and the form
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_listPages->addWidget(m_table);
    m_listPages->addWidget(
        PlanEditing::emptyState(tr("No staff yet. Add the people who answer calls."), this));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *list = new QWidget(this);
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_listPages, 1);
    listLayout->addLayout(buttons);

    m_add->setObjectName(u"addPerson"_s);
    m_remove->setObjectName(u"removePerson"_s);
    m_name->setObjectName(u"name"_s);
    m_name->setPlaceholderText(tr("e.g. Alice Ng"));
    m_phone->setObjectName(u"phone"_s);
    m_phone->setPlaceholderText(tr("e.g. (555) 111-0001"));
    m_active->setObjectName(u"active"_s);
    m_schedule->setObjectName(u"schedule"_s);
    m_owns->setObjectName(u"ownsNumbers"_s);
    m_owns->setPlaceholderText(tr("None"));

    auto *form = new QWidget(this);
    auto *formLayout = new QFormLayout(form);
    formLayout->setContentsMargins(12, 0, 0, 0);
    formLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    formLayout->addRow(tr("&Name:"), PlanEditing::withFault(m_name, m_nameFault));
    formLayout->addRow(tr("&Phone:"),
        PlanEditing::withFault(m_phone, m_phoneFault,
            PlanEditing::hintLabel(
                tr("The number calls are put through to, as you would dial it. It is saved with its "
                   "country code."),
                form)));
    formLayout->addRow(QString(),
        PlanEditing::withFault(m_active, nullptr,
            PlanEditing::hintLabel(
                tr("Untick while someone is away: they keep their place in teams but are not rung."), form)));
    formLayout->addRow(tr("On-call &hours:"),
        PlanEditing::withFault(m_schedule, m_scheduleFault,
            PlanEditing::hintLabel(
                tr("Calls ring this person only within these hours. Set the hours in the Schedules tab."),
                form)));
    formLayout->addRow(tr("Answers calls &to:"),
        PlanEditing::withFault(m_owns, m_ownsFault,
            PlanEditing::hintLabel(tr("Your practice's numbers that this person answers, separated by "
                                      "commas. A rule can ring a number's owner first."),
                form)));
    m_formPages->addWidget(
        PlanEditing::emptyState(tr("Select a person to see and change their details."), this));
    m_formPages->addWidget(form);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(PlanEditing::besideEachOther(list, m_formPages, 3, 2, this), 1);

    setTabOrder(m_table, m_add);
    setTabOrder(m_add, m_remove);
    setTabOrder(m_remove, m_name);
    setTabOrder(m_name, m_phone);
    setTabOrder(m_phone, m_active);
    setTabOrder(m_active, m_schedule);
    setTabOrder(m_schedule, m_owns);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (!current.isValid() || current.row() == m_row)
                return;
            m_row = current.row();
            refreshForm();
        });
    connect(m_add, &QPushButton::clicked, this, &StaffTab::addPerson);
    connect(m_remove, &QPushButton::clicked, this, &StaffTab::removePerson);
    connect(m_name, &QLineEdit::textChanged, this, &StaffTab::rename);
    connect(m_phone, &QLineEdit::textChanged, this,
        [this](const QString &text) { editMember([&](StaffMember &member) { member.phone = text; }); });
    connect(m_active, &QCheckBox::toggled, this,
        [this](bool on) { editMember([&](StaffMember &member) { member.active = on; }); });
    connect(m_schedule, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QString id = m_schedule->itemData(index).toString();
        editMember([&](StaffMember &member) { member.schedule = id; });
    });
    connect(m_owns, &QLineEdit::textChanged, this, [this](const QString &text) {
        editMember([&](StaffMember &member) { member.ownsNumbers = numbersIn(text); });
    });
    connect(&m_draft, &PlanDraft::changed, this, &StaffTab::refresh);
    connect(&m_draft, &PlanDraft::saved, this, [this] { m_newIds.clear(); });

    m_row = m_draft.model().staff.isEmpty() ? -1 : 0;
    refresh();
}

void StaffTab::selectRow(int row)
{
    if (row < 0 || row >= m_draft.model().staff.size())
        return;
    m_row = row;
    refresh();
}

void StaffTab::addPerson()
{
    QStringList taken;
    for (const StaffMember &member : m_draft.model().staff)
        taken.append(member.id);
    const QString id = PlanEditing::idFromName(QString(), taken, u"person"_s);
    m_newIds.insert(id);
    m_row = int(m_draft.model().staff.size());
    m_draft.edit([&](RoutingModel &model) {
        StaffMember member;
        member.id = id;
        model.staff.append(member);
    });
    m_name->setFocus();
}

void StaffTab::removePerson()
{
    const RoutingModel &model = m_draft.model();
    if (m_row < 0 || m_row >= model.staff.size())
        return;
    const StaffMember &member = model.staff.at(m_row);
    const QString who = member.name.trimmed().isEmpty() ? tr("this person") : member.name.trimmed();
    if (PlanEditing::refuseWhileUsed(this, who, PlanReferences::ofStaff(model, member.id)))
        return;
    PlanEditing::askToRemove(this, who,
        tr("Calls will no longer ring them. Callers notice once the plan is saved."), [this, id = member.id] {
            const RoutingModel &current = m_draft.model();
            const auto found = std::find_if(current.staff.cbegin(), current.staff.cend(),
                [&](const StaffMember &member) { return member.id == id; });
            if (found == current.staff.cend())
                return;
            const qsizetype index = found - current.staff.cbegin();
            m_newIds.remove(id);
            m_draft.edit([index](RoutingModel &model) { model.staff.removeAt(index); });
        });
}

void StaffTab::refresh()
{
    // A discard drops the people added since the last save.
    QSet<QString> ids;
    for (const StaffMember &member : m_draft.model().staff)
        ids.insert(member.id);
    m_newIds.intersect(ids);
    refreshTable();
    refreshForm();
}

void StaffTab::refreshTable()
{
    const RoutingModel &model = m_draft.model();
    const int count = int(model.staff.size());
    m_listPages->setCurrentIndex(count > 0 ? 0 : 1);
    m_row = count == 0 ? -1 : std::clamp(m_row, 0, count - 1);

    // Only the texts change: the selection and the scroll position stay.
    const QSignalBlocker blocker(m_table->selectionModel());
    m_table->setRowCount(count);
    const QBrush inactive = palette().brush(QPalette::Disabled, QPalette::Text);
    // Numbers as the practice writes them.
    const PhoneNormalizer phones(m_draft.region());
    for (int row = 0; row < count; ++row) {
        const StaffMember &member = model.staff.at(row);
        const QStringList faults = m_draft.errorsAt(staffPath(row));
        const QStringList cells { member.name.trimmed().isEmpty() ? tr("(no name yet)") : member.name,
            m_draft.errorsAt(staffPath(row) + u".phone"_s).isEmpty() ? phones.toDisplay(member.phone)
                                                                     : member.phone,
            member.schedule.isEmpty() ? tr("Always") : model.scheduleName(member.schedule),
            member.active ? tr("Yes") : tr("No") };
        for (int column = 0; column < ColumnCount; ++column) {
            QTableWidgetItem *item = m_table->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(row, column, item);
            }
            item->setText(cells.at(column));
            item->setForeground(member.active ? palette().brush(QPalette::Text) : inactive);
        }
        QTableWidgetItem *name = m_table->item(row, NameColumn);
        name->setIcon(faults.isEmpty() ? QIcon() : PlanEditing::faultIcon());
        name->setToolTip(faults.join(u'\n'));
    }
    if (m_row >= 0 && m_table->currentRow() != m_row) {
        m_table->selectionModel()->setCurrentIndex(m_table->model()->index(m_row, 0),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(m_table->model()->index(m_row, 0));
    }
    m_table->viewport()->update();
}

void StaffTab::refreshForm()
{
    const RoutingModel &model = m_draft.model();
    m_remove->setEnabled(m_row >= 0);
    if (m_row < 0 || m_row >= model.staff.size()) {
        m_formPages->setCurrentIndex(0);
        return;
    }
    m_formPages->setCurrentIndex(1);
    const StaffMember &member = model.staff.at(m_row);
    const QString path = staffPath(m_row);

    PlanEditing::showText(m_name, member.name);
    // A saved number reads the practice's way; what is being typed stays as typed until it is left.
    const bool typing = m_phone->hasFocus() || !member.phone.startsWith(u'+');
    PlanEditing::showText(m_phone, typing ? member.phone : PhoneNormalizer(m_draft.region()).toDisplay(member.phone));
    {
        const QSignalBlocker blocker(m_active);
        m_active->setChecked(member.active);
    }
    {
        // "Always on call", each schedule, and one that is gone, so that the fault can be seen and fixed.
        QStringList ids { QString() };
        for (const Schedule &schedule : model.schedules)
            ids.append(schedule.id);
        if (!ids.contains(member.schedule))
            ids.append(member.schedule);
        QStringList shown;
        for (int i = 0; i < m_schedule->count(); ++i)
            shown.append(m_schedule->itemData(i).toString());
        const QSignalBlocker blocker(m_schedule);
        if (shown != ids) {
            m_schedule->clear();
            for (const QString &id : std::as_const(ids)) {
                if (id.isEmpty())
                    m_schedule->addItem(tr("Always on call"), id);
                else if (const Schedule *schedule = model.findSchedule(id))
                    m_schedule->addItem(schedule->displayName(), id);
                else
                    m_schedule->addItem(tr("%1 (no such hours)").arg(id), id);
            }
        }
        m_schedule->setCurrentIndex(int(ids.indexOf(member.schedule)));
    }
    // Typed as "a, b" or "a,b": shown again only when it says something else than the field.
    if (numbersIn(m_owns->text()) != member.ownsNumbers)
        PlanEditing::showText(m_owns, member.ownsNumbers.join(u", "_s));

    PlanEditing::showFaults(
        m_name, m_nameFault, m_draft.errorsAt(path + u".name"_s) + m_draft.errorsAt(path + u".id"_s));
    PlanEditing::showFaults(m_phone, m_phoneFault, m_draft.errorsAt(path + u".phone"_s));
    PlanEditing::showFaults(m_schedule, m_scheduleFault, m_draft.errorsAt(path + u".schedule"_s));
    // "… already belongs to staff[0]" names the other person by their name here.
    QStringList ownsFaults = m_draft.errorsAt(path + u".owns_numbers"_s);
    static const QRegularExpression otherStaff(u"\\bstaff\\[(\\d+)\\]"_s);
    for (QString &fault : ownsFaults) {
        const QRegularExpressionMatch match = otherStaff.match(fault);
        const int other = match.hasMatch() ? match.captured(1).toInt() : -1;
        if (other >= 0 && other < model.staff.size())
            fault.replace(match.capturedStart(), match.capturedLength(), model.staff.at(other).name);
    }
    PlanEditing::showFaults(m_owns, m_ownsFault, ownsFaults);
}

void StaffTab::editMember(const std::function<void(StaffMember &)> &change)
{
    const int row = m_row;
    if (row < 0 || row >= m_draft.model().staff.size())
        return;
    m_draft.edit([&](RoutingModel &model) { change(model.staff[row]); });
}

void StaffTab::rename(const QString &name)
{
    const int row = m_row;
    if (row < 0 || row >= m_draft.model().staff.size())
        return;
    m_draft.edit([&](RoutingModel &model) {
        StaffMember &member = model.staff[row];
        member.name = name;
        // Once a team or rule names the person, their id stays: the reference must keep working.
        if (!m_newIds.contains(member.id) || !PlanReferences::ofStaff(model, member.id).isEmpty())
            return;
        QStringList taken;
        for (qsizetype i = 0; i < model.staff.size(); ++i) {
            if (i != row)
                taken.append(model.staff.at(i).id);
        }
        m_newIds.remove(member.id);
        member.id = PlanEditing::idFromName(name, taken, u"person"_s);
        m_newIds.insert(member.id);
    });
}
