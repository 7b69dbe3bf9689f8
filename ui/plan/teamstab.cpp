// The Teams tab: the list of teams and the form of the selected one, with its tiers.
#include "teamstab.h"

#include "look/icons.h"
#include "plandraft.h"
#include "planediting.h"
#include "routing/planreferences.h"
#include "tiereditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QString teamPath(int row)
{
    return u"teams[%1]"_s.arg(row);
}

void showValue(QSpinBox *spin, int value)
{
    if (spin->value() == value)
        return;
    const QSignalBlocker blocker(spin);
    spin->setValue(value);
}

} // namespace

TeamsTab::TeamsTab(PlanDraft &draft, QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_listPages(new QStackedWidget(this))
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(Icons::named(u"list-add"_s), tr("&Add team"), this))
    , m_remove(new QPushButton(Icons::named(u"edit-delete"_s), tr("&Remove team…"), this))
    , m_formPages(new QStackedWidget(this))
    , m_name(new QLineEdit(this))
    , m_nameFault(PlanEditing::faultLabel(this))
    , m_ring(new QComboBox(this))
    , m_ringFault(PlanEditing::faultLabel(this))
    , m_ringSeconds(new QSpinBox(this))
    , m_ringSecondsFault(PlanEditing::faultLabel(this))
    , m_maxPeople(new QSpinBox(this))
    , m_maxPeopleFault(PlanEditing::faultLabel(this))
    , m_skipDialed(new QCheckBox(tr("&Skip people already rung in this call"), this))
    , m_stickyDays(new QSpinBox(this))
    , m_stickyDaysFault(PlanEditing::faultLabel(this))
    , m_tiers(new TierEditor(draft, this))
{
    m_list->setObjectName(u"teamList"_s);
    m_list->setAccessibleName(tr("Teams"));
    m_listPages->addWidget(m_list);
    m_listPages->addWidget(PlanEditing::emptyState(
        tr("No teams yet. Add a team to ring several people for one call, such as the front desk."), this));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *list = new QWidget(this);
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_listPages, 1);
    listLayout->addLayout(buttons);

    m_add->setObjectName(u"addTeam"_s);
    m_remove->setObjectName(u"removeTeam"_s);
    m_name->setObjectName(u"teamName"_s);
    m_name->setPlaceholderText(tr("e.g. Front desk"));
    m_ring->setObjectName(u"ring"_s);
    m_ring->addItem(tr("One by one"));
    m_ring->addItem(tr("All at once"));
    m_ringSeconds->setObjectName(u"ringSeconds"_s);
    m_ringSeconds->setRange(5, 120);
    m_ringSeconds->setSuffix(tr(" seconds"));
    m_maxPeople->setObjectName(u"maxPeople"_s);
    m_maxPeople->setRange(1, 10);
    m_skipDialed->setObjectName(u"skipDialed"_s);
    m_stickyDays->setObjectName(u"stickyDays"_s);
    m_stickyDays->setRange(0, 365);
    m_stickyDays->setSpecialValueText(tr("Off"));
    for (QSpinBox *spin : { m_ringSeconds, m_maxPeople, m_stickyDays })
        spin->setMinimumWidth(spin->fontMetrics().horizontalAdvance(u"000 seconds"_s) + 40);

    auto *form = new QWidget(this);
    auto *fields = new QFormLayout;
    fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    fields->addRow(tr("&Name:"), PlanEditing::withFault(m_name, m_nameFault));
    fields->addRow(tr("Rin&g:"),
        PlanEditing::withFault(m_ring, m_ringFault,
            PlanEditing::hintLabel(tr("One by one: the people of a tier in turn, in a random order. All at "
                                      "once: a tier's people together; the first to answer takes the call."),
                form)));
    fields->addRow(tr("Ring each person &for:"),
        PlanEditing::withFault(m_ringSeconds, m_ringSecondsFault,
            PlanEditing::hintLabel(tr("Before the call moves on to the next person or tier."), form)));
    fields->addRow(tr("People per call, at &most:"),
        PlanEditing::withFault(m_maxPeople, m_maxPeopleFault,
            PlanEditing::hintLabel(tr("How many people one call rings in all, across the tiers."), form)));
    fields->addRow(QString(),
        PlanEditing::withFault(m_skipDialed, nullptr,
            PlanEditing::hintLabel(
                tr("For when a rule has already rung someone directly before it rings this team."), form)));
    fields->addRow(tr("Returning &callers:"),
        PlanEditing::withFault(m_stickyDays, m_stickyDaysFault,
            PlanEditing::hintLabel(
                tr("Try the person who last answered this caller first, if that was within "
                   "this many days. Off: always start with tier 1."),
                form)));
    auto *formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(12, 0, 0, 0);
    formLayout->addLayout(fields);
    formLayout->addSpacing(8);
    formLayout->addWidget(PlanEditing::heading(tr("Tiers: who is rung, in order"), form));
    formLayout->addWidget(m_tiers);
    formLayout->addStretch(1);

    m_formPages->addWidget(
        PlanEditing::emptyState(tr("Select a team to see and change how it is rung."), this));
    m_formPages->addWidget(PlanEditing::scrolling(form, this));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(PlanEditing::besideEachOther(list, m_formPages, 1, 3, this), 1);

    setTabOrder(m_list, m_add);
    setTabOrder(m_add, m_remove);
    setTabOrder(m_remove, m_name);
    setTabOrder(m_name, m_ring);
    setTabOrder(m_ring, m_ringSeconds);
    setTabOrder(m_ringSeconds, m_maxPeople);
    setTabOrder(m_maxPeople, m_skipDialed);
    setTabOrder(m_skipDialed, m_stickyDays);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_refreshing || row < 0 || row == m_row)
            return;
        m_row = row;
        refreshForm();
    });
    connect(m_add, &QPushButton::clicked, this, &TeamsTab::addTeam);
    connect(m_remove, &QPushButton::clicked, this, &TeamsTab::removeTeam);
    connect(m_name, &QLineEdit::textChanged, this, &TeamsTab::rename);
    connect(m_ring, &QComboBox::currentIndexChanged, this, [this](int index) {
        editTeam([&](Team &team) { team.ring = index == 1 ? RingMode::AllAtOnce : RingMode::OneByOne; });
    });
    connect(m_ringSeconds, &QSpinBox::valueChanged, this,
        [this](int value) { editTeam([&](Team &team) { team.ringSeconds = value; }); });
    connect(m_maxPeople, &QSpinBox::valueChanged, this,
        [this](int value) { editTeam([&](Team &team) { team.maxPeople = value; }); });
    connect(m_skipDialed, &QCheckBox::toggled, this,
        [this](bool on) { editTeam([&](Team &team) { team.skipDialed = on; }); });
    connect(m_stickyDays, &QSpinBox::valueChanged, this, [this](int value) {
        editTeam([&](Team &team) { team.stickyDays = value; });
        m_stickyDays->setSuffix(value == 1 ? tr(" day") : tr(" days"));
    });
    connect(&m_draft, &PlanDraft::changed, this, &TeamsTab::refresh);
    connect(&m_draft, &PlanDraft::saved, this, [this] { m_newIds.clear(); });

    m_row = m_draft.model().teams.isEmpty() ? -1 : 0;
    refresh();
}

void TeamsTab::selectRow(int row)
{
    if (row < 0 || row >= m_draft.model().teams.size())
        return;
    m_row = row;
    refresh();
}

void TeamsTab::addTeam()
{
    QStringList taken;
    for (const Team &team : m_draft.model().teams)
        taken.append(team.id);
    const QString id = PlanEditing::idFromName(QString(), taken, u"team"_s);
    m_newIds.insert(id);
    m_row = int(m_draft.model().teams.size());
    m_draft.edit([&](RoutingModel &model) {
        Team team;
        team.id = id;
        model.teams.append(team);
    });
    m_name->setFocus();
}

void TeamsTab::removeTeam()
{
    const RoutingModel &model = m_draft.model();
    if (m_row < 0 || m_row >= model.teams.size())
        return;
    const Team &team = model.teams.at(m_row);
    const QString what
        = team.name.trimmed().isEmpty() ? tr("this team") : tr("the team \"%1\"").arg(team.name);
    if (PlanEditing::refuseWhileUsed(this, what, PlanReferences::ofTeam(model, team.id)))
        return;
    PlanEditing::askToRemove(this, what, tr("Its people stay on the staff."), [this, id = team.id] {
        const RoutingModel &current = m_draft.model();
        const auto found = std::find_if(
            current.teams.cbegin(), current.teams.cend(), [&](const Team &team) { return team.id == id; });
        if (found == current.teams.cend())
            return;
        const qsizetype index = found - current.teams.cbegin();
        m_newIds.remove(id);
        m_draft.edit([index](RoutingModel &model) { model.teams.removeAt(index); });
    });
}

void TeamsTab::refresh()
{
    QSet<QString> ids;
    for (const Team &team : m_draft.model().teams)
        ids.insert(team.id);
    m_newIds.intersect(ids);
    refreshList();
    refreshForm();
}

void TeamsTab::refreshList()
{
    const RoutingModel &model = m_draft.model();
    const int count = int(model.teams.size());
    m_listPages->setCurrentIndex(count > 0 ? 0 : 1);
    m_row = count == 0 ? -1 : std::clamp(m_row, 0, count - 1);
    m_refreshing = true;
    while (m_list->count() > count)
        delete m_list->takeItem(m_list->count() - 1);
    while (m_list->count() < count)
        m_list->addItem(QString());
    for (int row = 0; row < count; ++row) {
        const Team &team = model.teams.at(row);
        const QStringList faults = m_draft.errorsAt(teamPath(row));
        QListWidgetItem *item = m_list->item(row);
        item->setText(team.name.trimmed().isEmpty() ? tr("(no name yet)") : team.name);
        item->setIcon(faults.isEmpty() ? QIcon() : PlanEditing::faultIcon());
        item->setToolTip(faults.join(u'\n'));
    }
    if (m_list->currentRow() != m_row)
        m_list->setCurrentRow(m_row);
    m_refreshing = false;
}

void TeamsTab::refreshForm()
{
    const RoutingModel &model = m_draft.model();
    m_remove->setEnabled(m_row >= 0);
    if (m_row < 0 || m_row >= model.teams.size()) {
        m_formPages->setCurrentIndex(0);
        m_tiers->setTeam(-1);
        return;
    }
    m_formPages->setCurrentIndex(1);
    const Team &team = model.teams.at(m_row);
    const QString path = teamPath(m_row);
    PlanEditing::showText(m_name, team.name);
    {
        const QSignalBlocker blocker(m_ring);
        m_ring->setCurrentIndex(team.ring == RingMode::AllAtOnce ? 1 : 0);
    }
    showValue(m_ringSeconds, team.ringSeconds);
    showValue(m_maxPeople, team.maxPeople);
    {
        const QSignalBlocker blocker(m_skipDialed);
        m_skipDialed->setChecked(team.skipDialed);
    }
    showValue(m_stickyDays, team.stickyDays);
    m_stickyDays->setSuffix(team.stickyDays == 1 ? tr(" day") : tr(" days"));
    m_tiers->setTeam(m_row);

    PlanEditing::showFaults(
        m_name, m_nameFault, m_draft.errorsAt(path + u".name"_s) + m_draft.errorsAt(path + u".id"_s));
    PlanEditing::showFaults(m_ring, m_ringFault, m_draft.errorsAt(path + u".ring"_s));
    PlanEditing::showFaults(m_ringSeconds, m_ringSecondsFault, m_draft.errorsAt(path + u".ring_seconds"_s));
    PlanEditing::showFaults(m_maxPeople, m_maxPeopleFault, m_draft.errorsAt(path + u".max_people"_s));
    PlanEditing::showFaults(m_stickyDays, m_stickyDaysFault, m_draft.errorsAt(path + u".sticky_days"_s));
}

void TeamsTab::editTeam(const std::function<void(Team &)> &change)
{
    const int row = m_row;
    if (row < 0 || row >= m_draft.model().teams.size())
        return;
    m_draft.edit([&](RoutingModel &model) { change(model.teams[row]); });
}

void TeamsTab::rename(const QString &name)
{
    const int row = m_row;
    if (row < 0 || row >= m_draft.model().teams.size())
        return;
    m_draft.edit([&](RoutingModel &model) {
        Team &team = model.teams[row];
        team.name = name;
        // Once a rule rings the team, its id stays: the rule must keep working.
        if (!m_newIds.contains(team.id) || !PlanReferences::ofTeam(model, team.id).isEmpty())
            return;
        QStringList taken;
        for (qsizetype i = 0; i < model.teams.size(); ++i) {
            if (i != row)
                taken.append(model.teams.at(i).id);
        }
        m_newIds.remove(team.id);
        team.id = PlanEditing::idFromName(name, taken, u"team"_s);
        m_newIds.insert(team.id);
    });
}
