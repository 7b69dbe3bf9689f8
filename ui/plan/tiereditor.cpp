// The tiers of a team: who is rung first, who next, and the buttons that change it.
#include "tiereditor.h"

#include "look/icons.h"
#include "plandraft.h"
#include "planediting.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr int TierRole = Qt::UserRole + 1;
constexpr int MemberRole = Qt::UserRole + 2;

QString tiersPath(int team)
{
    return u"teams[%1].tiers"_s.arg(team);
}

} // namespace

TierEditor::TierEditor(PlanDraft &draft, QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_tree(new QTreeWidget(this))
    , m_fault(PlanEditing::faultLabel(this))
    , m_addTier(new QPushButton(Icons::named(u"list-add"_s), tr("Add t&ier"), this))
    , m_removeTier(new QPushButton(Icons::named(u"edit-delete"_s), tr("Remo&ve tier"), this))
    , m_up(new QPushButton(tr("Move &up"), this))
    , m_down(new QPushButton(tr("Move d&own"), this))
    , m_people(new QComboBox(this))
    , m_addPerson(new QPushButton(Icons::named(u"list-add"_s), tr("A&dd to tier"), this))
    , m_removePerson(new QPushButton(tr("Ta&ke out of tier"), this))
{
    m_tree->setObjectName(u"tiers"_s);
    m_fault->setObjectName(u"tiersFault"_s);
    m_addTier->setObjectName(u"addTier"_s);
    m_removeTier->setObjectName(u"removeTier"_s);
    m_up->setObjectName(u"moveTierUp"_s);
    m_down->setObjectName(u"moveTierDown"_s);
    m_addPerson->setObjectName(u"addToTier"_s);
    m_removePerson->setObjectName(u"takeOutOfTier"_s);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setItemsExpandable(false);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setAccessibleName(tr("Tiers"));
    m_tree->setMinimumHeight(m_tree->fontMetrics().height() * 8);
    m_people->setObjectName(u"tierPeople"_s);
    m_people->setAccessibleName(tr("Person to add"));
    m_people->setMinimumContentsLength(14);
    m_people->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);

    auto *tierButtons = new QVBoxLayout;
    tierButtons->addWidget(m_addTier);
    tierButtons->addWidget(m_removeTier);
    tierButtons->addSpacing(8);
    tierButtons->addWidget(m_up);
    tierButtons->addWidget(m_down);
    tierButtons->addStretch(1);
    auto *personRow = new QHBoxLayout;
    personRow->addWidget(m_people, 1);
    personRow->addWidget(m_addPerson);
    personRow->addWidget(m_removePerson);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree, 0, 0);
    layout->addLayout(tierButtons, 0, 1);
    layout->addWidget(m_fault, 1, 0, 1, 2);
    layout->addLayout(personRow, 2, 0, 1, 2);
    layout->setRowStretch(0, 1);

    setTabOrder(m_tree, m_addTier);
    setTabOrder(m_addTier, m_removeTier);
    setTabOrder(m_removeTier, m_up);
    setTabOrder(m_up, m_down);
    setTabOrder(m_down, m_people);
    setTabOrder(m_people, m_addPerson);
    setTabOrder(m_addPerson, m_removePerson);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (m_refreshing || !item)
            return;
        m_tier = item->data(0, TierRole).toInt();
        m_member = item->data(0, MemberRole).toInt();
        refreshButtons();
    });
    connect(m_addTier, &QPushButton::clicked, this, &TierEditor::addTier);
    connect(m_removeTier, &QPushButton::clicked, this, &TierEditor::removeTier);
    connect(m_up, &QPushButton::clicked, this, [this] { moveTier(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveTier(1); });
    connect(m_addPerson, &QPushButton::clicked, this, &TierEditor::addPerson);
    connect(m_removePerson, &QPushButton::clicked, this, &TierEditor::removePerson);
    connect(&m_draft, &PlanDraft::changed, this, &TierEditor::refresh);
    refresh();
}

void TierEditor::setTeam(int index)
{
    if (index == m_team)
        return;
    m_team = index;
    m_tier = -1;
    m_member = -1;
    refresh();
}

void TierEditor::select(int tier, int member)
{
    m_tier = tier;
    m_member = member;
    refresh();
}

void TierEditor::addTier()
{
    editTeam([&](Team &team) {
        team.tiers.append(QStringList());
        m_tier = int(team.tiers.size()) - 1;
        m_member = -1;
    });
    // The next step is choosing who goes into the new tier.
    m_people->setFocus();
}

void TierEditor::removeTier()
{
    editTeam([&](Team &team) {
        if (m_tier < 0 || m_tier >= team.tiers.size())
            return;
        team.tiers.removeAt(m_tier);
        m_tier = std::min(m_tier, int(team.tiers.size()) - 1);
        m_member = -1;
    });
}

void TierEditor::moveTier(int by)
{
    editTeam([&](Team &team) {
        const int to = m_tier + by;
        if (m_tier < 0 || m_tier >= team.tiers.size() || to < 0 || to >= team.tiers.size())
            return;
        team.tiers.swapItemsAt(m_tier, to);
        m_tier = to;
    });
}

void TierEditor::addPerson()
{
    const QString id = m_people->currentData().toString();
    if (id.isEmpty())
        return;
    editTeam([&](Team &team) {
        if (m_tier < 0 || m_tier >= team.tiers.size()) {
            if (team.tiers.isEmpty())
                team.tiers.append(QStringList());
            m_tier = int(team.tiers.size()) - 1;
        }
        team.tiers[m_tier].append(id);
        // The tier stays selected, so that several people can be added to it in a row.
        m_member = -1;
    });
}

void TierEditor::removePerson()
{
    editTeam([&](Team &team) {
        if (m_tier < 0 || m_tier >= team.tiers.size() || m_member < 0
            || m_member >= team.tiers.at(m_tier).size())
            return;
        team.tiers[m_tier].removeAt(m_member);
        m_member = -1;
    });
}

void TierEditor::editTeam(const std::function<void(Team &)> &change)
{
    const int team = m_team;
    if (team < 0 || team >= m_draft.model().teams.size())
        return;
    m_draft.edit([&](RoutingModel &model) { change(model.teams[team]); });
}

void TierEditor::refresh()
{
    const RoutingModel &model = m_draft.model();
    const bool valid = m_team >= 0 && m_team < model.teams.size();
    setEnabled(valid);
    if (!valid) {
        m_tree->clear();
        m_people->clear();
        PlanEditing::showFaults(m_tree, m_fault, {});
        return;
    }
    const Team &team = model.teams.at(m_team);
    m_tier = team.tiers.isEmpty() ? -1 : std::clamp(m_tier, 0, int(team.tiers.size()) - 1);
    if (m_tier < 0 || m_member >= team.tiers.at(m_tier).size())
        m_member = -1;
    refreshTree();

    // Everyone on the staff who is in no tier of this team yet.
    QStringList inTeam;
    for (const QStringList &tier : team.tiers)
        inTeam += tier;
    const QString chosen = m_people->currentData().toString();
    m_people->clear();
    for (const StaffMember &member : model.staff) {
        if (!inTeam.contains(member.id))
            m_people->addItem(member.name.trimmed().isEmpty() ? member.id : member.name, member.id);
    }
    m_people->setCurrentIndex(std::max(0, m_people->findData(chosen)));
    m_people->setPlaceholderText(
        model.staff.isEmpty() ? tr("Add staff in the Staff tab first") : tr("Everyone is in this team"));
    if (m_people->count() == 0)
        m_people->setCurrentIndex(-1);

    // The document's words for a team without people are about its file format; these say what to do.
    const QString path = tiersPath(m_team);
    QStringList faults;
    if (team.tiers.isEmpty()) {
        faults.append(tr("Nobody would be rung: add a tier with at least one person."));
    } else {
        QStringList inTiers;
        for (int t = 0; t < team.tiers.size(); ++t)
            inTiers += m_draft.errorsAt(u"%1[%2]"_s.arg(path).arg(t));
        faults = m_draft.errorsAt(path);
        for (const QString &fault : std::as_const(inTiers))
            faults.removeOne(fault);
        for (int t = 0; t < team.tiers.size(); ++t) {
            const QStringList tierFaults = m_draft.errorsAt(u"%1[%2]"_s.arg(path).arg(t));
            if (tierFaults.isEmpty())
                continue;
            if (team.tiers.at(t).isEmpty())
                faults.append(tr("Tier %1 has nobody in it: add a person or remove the tier.").arg(t + 1));
            else
                for (const QString &fault : tierFaults)
                    faults.append(tr("Tier %1: %2").arg(t + 1).arg(fault));
        }
    }
    PlanEditing::showFaults(m_tree, m_fault, faults);
    refreshButtons();
}

void TierEditor::refreshTree()
{
    const RoutingModel &model = m_draft.model();
    const Team &team = model.teams.at(m_team);
    const QString path = tiersPath(m_team);
    m_refreshing = true;
    m_tree->clear();
    QTreeWidgetItem *current = nullptr;
    QFont bold = m_tree->font();
    bold.setBold(true);
    for (int t = 0; t < team.tiers.size(); ++t) {
        const QString tierPath = u"%1[%2]"_s.arg(path).arg(t);
        auto *tierItem = new QTreeWidgetItem(m_tree);
        tierItem->setText(0,
            t == 0 ? tr("Tier 1: rung first")
                   : tr("Tier %1: rung when nobody in tier %2 answered").arg(t + 1).arg(t));
        tierItem->setFont(0, bold);
        tierItem->setData(0, TierRole, t);
        tierItem->setData(0, MemberRole, -1);
        // The tier's own fault (empty); its people's faults are marked at them.
        QStringList tierFaults = m_draft.errorsAt(tierPath);
        const QStringList &tier = team.tiers.at(t);
        for (int m = 0; m < tier.size(); ++m) {
            const QStringList memberFaults = m_draft.errorsAt(u"%1[%2]"_s.arg(tierPath).arg(m));
            for (const QString &fault : memberFaults)
                tierFaults.removeOne(fault);
            const StaffMember *member = model.findStaff(tier.at(m));
            QString text = member ? (member->name.trimmed().isEmpty() ? member->id : member->name)
                                  : tr("%1 (not on the staff)").arg(tier.at(m));
            if (member && !member->active)
                text = tr("%1 (not active)").arg(text);
            auto *item = new QTreeWidgetItem(tierItem, { text });
            item->setData(0, TierRole, t);
            item->setData(0, MemberRole, m);
            item->setIcon(0, memberFaults.isEmpty() ? QIcon() : PlanEditing::faultIcon());
            item->setToolTip(0, memberFaults.join(u'\n'));
            if (t == m_tier && m == m_member)
                current = item;
        }
        if (tier.isEmpty()) {
            auto *none
                = new QTreeWidgetItem(tierItem, { tr("Nobody yet: choose a person below and add them.") });
            none->setFlags(Qt::ItemIsEnabled);
            none->setForeground(0, palette().brush(QPalette::PlaceholderText));
            none->setData(0, TierRole, t);
            none->setData(0, MemberRole, -1);
        }
        tierItem->setIcon(0, tierFaults.isEmpty() ? QIcon() : PlanEditing::faultIcon());
        tierItem->setToolTip(0, tierFaults.join(u'\n'));
        if (t == m_tier && m_member < 0)
            current = tierItem;
    }
    m_tree->expandAll();
    if (current)
        m_tree->setCurrentItem(current);
    m_refreshing = false;
}

void TierEditor::refreshButtons()
{
    const int tiers = m_team >= 0 && m_team < m_draft.model().teams.size()
        ? int(m_draft.model().teams.at(m_team).tiers.size())
        : 0;
    m_removeTier->setEnabled(m_tier >= 0);
    m_up->setEnabled(m_tier > 0);
    m_down->setEnabled(m_tier >= 0 && m_tier < tiers - 1);
    m_people->setEnabled(m_people->count() > 0);
    m_addPerson->setEnabled(m_people->count() > 0);
    m_removePerson->setEnabled(m_member >= 0);
}
