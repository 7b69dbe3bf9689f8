// Edits the rules of each routing plan: their order, their conditions and their actions.
#include "ruleseditor.h"

#include "actioneditor.h"
#include "actionlocation.h"
#include "actiontext.h"
#include "fielderror.h"
#include "look/statuscolours.h"
#include "plandraft.h"
#include "planediting.h"
#include "phone/phonenormalizer.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QShortcut>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

enum RuleColumn
{
    RuleName,
    RuleWhen,
    RuleThen,
    RuleColumnCount
};
enum Booking
{
    AnyCaller,
    WithBooking,
    WithoutBooking
};

QString planTitle(const RoutingPlan &plan, qsizetype planCount, const QString &region)
{
    if (plan.numbers.contains(RoutingModel::DefaultPlanNumber))
        return planCount > 1 ? RulesEditor::tr("All other numbers") : RulesEditor::tr("All numbers");
    if (plan.numbers.isEmpty())
        return RulesEditor::tr("New plan (no number yet)");
    return RulesEditor::tr("Calls to %1").arg(PlanEditing::shownNumbers(plan.numbers, region).join(u", "_s));
}

QStringList splitNumbers(const QString &text)
{
    QStringList numbers;
    for (const QString &part : text.split(QRegularExpression(u"[,;]"_s), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            numbers.append(part.trimmed());
    }
    return numbers;
}

// A choice of names with "—" (none) first; a name that is gone stays shown so its fault can be seen.
// `names` are (shown, id) pairs.
void setNames(QComboBox *box, const QList<std::pair<QString, QString>> &names, const QString &current)
{
    const QSignalBlocker blocker(box);
    box->clear();
    box->addItem(RulesEditor::tr("—"), QString());
    for (const auto &[shown, id] : names)
        box->addItem(shown, id);
    if (!current.isEmpty() && box->findData(current) < 0)
        box->addItem(RulesEditor::tr("%1 (missing)").arg(current), current);
    box->setCurrentIndex(box->findData(current));
}

QPushButton *button(const QString &text, QWidget *parent)
{
    auto *result = new QPushButton(text, parent);
    result->setAutoDefault(false);
    return result;
}

} // namespace

RulesEditor::RulesEditor(PlanDraft &draft, QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_plan(new QComboBox(this))
    , m_numbers(new QLineEdit(this))
    , m_numbersError(new FieldError(m_numbers, this))
    , m_addPlan(button(tr("New plan for other numbers"), this))
    , m_removePlan(button(tr("Remove this plan"), this))
    , m_rules(new QTableWidget(0, RuleColumnCount, this))
    , m_addRule(button(tr("&Add rule"), this))
    , m_removeRule(button(tr("Remo&ve rule"), this))
    , m_up(button(tr("Move &up"), this))
    , m_down(button(tr("Move do&wn"), this))
    , m_ruleForm(new QWidget(this))
    , m_name(new QLineEdit(this))
    , m_nameError(new FieldError(m_name, this))
    , m_booking(new QComboBox(this))
    , m_callerIn(new QComboBox(this))
    , m_callerNotIn(new QComboBox(this))
    , m_inside(new QComboBox(this))
    , m_outside(new QComboBox(this))
    , m_called(new QLineEdit(this))
    , m_conditionError(new FieldError(nullptr, this))
    , m_action(new ActionEditor(draft, this))
{
    m_plan->setAccessibleName(tr("Plan"));
    m_plan->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_plan->setMinimumContentsLength(24);
    for (QComboBox *box : { m_booking, m_callerIn, m_callerNotIn, m_inside, m_outside }) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(16);
    }
    m_numbers->setPlaceholderText(tr("The numbers this plan answers, separated by commas"));
    auto *planRow = new QHBoxLayout;
    planRow->addWidget(new QLabel(tr("Rules for"), this));
    planRow->addWidget(m_plan);
    planRow->addWidget(m_numbers, 3);
    planRow->addStretch(1);
    planRow->addWidget(m_addPlan);
    planRow->addWidget(m_removePlan);

    m_rules->setHorizontalHeaderLabels({ tr("Rule"), tr("When"), tr("Then") });
    m_rules->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rules->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rules->setSelectionMode(QAbstractItemView::SingleSelection);
    m_rules->setWordWrap(true);
    m_rules->verticalHeader()->hide();
    m_rules->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_rules->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_rules->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_rules->setAccessibleName(tr("Rules, tried from the top"));
    auto *ruleButtons = new QHBoxLayout;
    ruleButtons->addWidget(m_addRule);
    ruleButtons->addWidget(m_removeRule);
    ruleButtons->addStretch(1);
    ruleButtons->addWidget(m_up);
    ruleButtons->addWidget(m_down);
    auto *hint
        = new QLabel(tr("Rules are tried from the top; the first that applies decides where the call goes. "
                        "When no rule applies, the call rings the fallback number."),
            this);
    hint->setWordWrap(true);
    auto *listSide = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(hint);
    listLayout->addWidget(m_rules, 1);
    listLayout->addLayout(ruleButtons);

    m_booking->addItem(tr("Any caller"), AnyCaller);
    m_booking->addItem(tr("Callers with an active booking"), WithBooking);
    m_booking->addItem(tr("Callers without an active booking"), WithoutBooking);
    m_called->setPlaceholderText(tr("Any number of ours"));
    auto *when = new QGroupBox(tr("When"), this);
    auto *whenForm = new QFormLayout(when);
    whenForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    whenForm->addRow(tr("&Booking"), m_booking);
    whenForm->addRow(tr("Caller on l&ist"), m_callerIn);
    whenForm->addRow(tr("Caller n&ot on list"), m_callerNotIn);
    whenForm->addRow(tr("During the &hours of"), m_inside);
    whenForm->addRow(tr("Outside the hours o&f"), m_outside);
    whenForm->addRow(tr("&Calls to"), m_called);
    whenForm->addRow(QString(), m_conditionError);
    auto *then = new QGroupBox(tr("Then"), this);
    auto *thenLayout = new QVBoxLayout(then);
    thenLayout->addWidget(m_action);

    auto *nameRow = new QFormLayout;
    nameRow->setContentsMargins(0, 0, 0, 0);
    nameRow->addRow(tr("&Name"), m_name);
    nameRow->addRow(QString(), m_nameError);
    auto *formLayout = new QVBoxLayout(m_ruleForm);
    formLayout->setContentsMargins(0, 0, 8, 0);
    formLayout->addLayout(nameRow);
    formLayout->addWidget(when);
    formLayout->addWidget(then);
    formLayout->addStretch(1);
    // The form narrows with the panel rather than scrolling sideways.
    auto *scroll = static_cast<QScrollArea *>(PlanEditing::scrolling(m_ruleForm, this));
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(planRow);
    layout->addWidget(m_numbersError);
    layout->addWidget(PlanEditing::besideEachOther(listSide, scroll, 1, 1, this), 1);

    connect(m_plan, &QComboBox::activated, this, [this](int index) {
        m_planIndex = index;
        m_rule = m_draft.model().plans.value(index).rules.isEmpty() ? -1 : 0;
        refresh();
    });
    connect(m_numbers, &QLineEdit::textEdited, this, [this](const QString &text) {
        const int plan = m_planIndex;
        m_draft.edit([&](RoutingModel &model) { model.plans[plan].numbers = splitNumbers(text); });
    });
    connect(m_addPlan, &QPushButton::clicked, this, &RulesEditor::addPlan);
    connect(m_removePlan, &QPushButton::clicked, this, &RulesEditor::removePlan);
    connect(m_rules, &QTableWidget::itemSelectionChanged, this, [this] {
        const QList<QTableWidgetItem *> selected = m_rules->selectedItems();
        if (!selected.isEmpty() && selected.first()->row() != m_rule) {
            m_rule = selected.first()->row();
            refreshRule();
        }
    });
    connect(m_addRule, &QPushButton::clicked, this, &RulesEditor::addRule);
    connect(m_removeRule, &QPushButton::clicked, this, &RulesEditor::removeRule);
    connect(m_up, &QPushButton::clicked, this, &RulesEditor::moveRuleUp);
    connect(m_down, &QPushButton::clicked, this, &RulesEditor::moveRuleDown);
    connect(m_name, &QLineEdit::textEdited, this,
        [this](const QString &text) { changeRule([&](Rule &rule) { rule.name = text; }); });
    for (QComboBox *box : { m_booking, m_callerIn, m_callerNotIn, m_inside, m_outside })
        connect(box, &QComboBox::activated, this, &RulesEditor::changeCondition);
    connect(m_called, &QLineEdit::textEdited, this, &RulesEditor::changeCondition);
    connect(&m_draft, &PlanDraft::changed, this, &RulesEditor::refresh);
    refresh();
}

void RulesEditor::selectRule(int rule)
{
    m_rule = rule;
    refresh();
}

void RulesEditor::changeRule(const std::function<void(Rule &)> &edit)
{
    const int plan = m_planIndex;
    const int rule = m_rule;
    m_draft.edit([&](RoutingModel &model) {
        if (plan < model.plans.size() && rule >= 0 && rule < model.plans.at(plan).rules.size())
            edit(model.plans[plan].rules[rule]);
    });
}

void RulesEditor::changeCondition()
{
    Condition condition;
    const int booking = m_booking->currentData().toInt();
    if (booking != AnyCaller)
        condition.hasBooking = booking == WithBooking;
    condition.callerIn = m_callerIn->currentData().toString();
    condition.callerNotIn = m_callerNotIn->currentData().toString();
    condition.inside = m_inside->currentData().toString();
    condition.outside = m_outside->currentData().toString();
    condition.called = splitNumbers(m_called->text());
    changeRule([&](Rule &rule) { rule.when = condition; });
}

void RulesEditor::addRule()
{
    const RoutingModel &model = m_draft.model();
    Rule rule;
    rule.name = tr("New rule");
    rule.then.kind = model.teams.isEmpty() ? ActionKind::Voicemail : ActionKind::Team;
    rule.then.team = model.teams.isEmpty() ? QString() : model.teams.first().id;
    // Before the selected rule's successor: a new rule lands where the person is looking.
    const int plan = m_planIndex;
    const int at = m_rule < 0 ? int(model.plans.value(plan).rules.size()) : m_rule + 1;
    m_rule = at;
    m_draft.edit([&](RoutingModel &changed) { changed.plans[plan].rules.insert(at, rule); });
    m_name->setFocus();
    m_name->selectAll();
}

void RulesEditor::removeRule()
{
    const QList<Rule> &rules = m_draft.model().plans.value(m_planIndex).rules;
    if (m_rule < 0 || m_rule >= rules.size())
        return;
    const auto answer = QMessageBox::question(this, tr("Remove rule"),
        tr("Remove the rule \"%1\"? Calls it took go on to the rules below it.").arg(rules.at(m_rule).name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    const int plan = m_planIndex;
    const int rule = m_rule;
    m_rule = std::min(rule, int(rules.size()) - 2);
    m_draft.edit([&](RoutingModel &model) { model.plans[plan].rules.removeAt(rule); });
}

void RulesEditor::moveRuleUp()
{
    moveRule(-1);
}

void RulesEditor::moveRuleDown()
{
    moveRule(1);
}

void RulesEditor::moveRule(int by)
{
    const int count = int(m_draft.model().plans.value(m_planIndex).rules.size());
    const int from = m_rule;
    const int to = from + by;
    if (from < 0 || to < 0 || to >= count)
        return;
    const int plan = m_planIndex;
    m_rule = to;
    m_draft.edit([&](RoutingModel &model) { model.plans[plan].rules.move(from, to); });
}

void RulesEditor::addPlan()
{
    // A second office often routes much like the first: the new plan starts from this one's rules.
    const int from = m_planIndex;
    m_draft.edit([&](RoutingModel &model) {
        RoutingPlan plan;
        plan.rules = model.plans.value(from).rules;
        model.plans.append(plan);
    });
    m_planIndex = int(m_draft.model().plans.size()) - 1;
    m_rule = m_draft.model().plans.value(m_planIndex).rules.isEmpty() ? -1 : 0;
    refresh();
    m_numbers->setFocus();
}

void RulesEditor::removePlan()
{
    const RoutingModel &model = m_draft.model();
    if (m_planIndex >= model.plans.size()
        || model.plans.at(m_planIndex).numbers.contains(RoutingModel::DefaultPlanNumber))
        return;
    const auto answer = QMessageBox::question(this, tr("Remove plan"),
        tr("Remove the plan for %1? Calls to these numbers will follow the plan for all other numbers.")
            .arg(PlanEditing::shownNumbers(model.plans.at(m_planIndex).numbers, m_draft.region()).join(u", "_s)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    const int plan = m_planIndex;
    m_planIndex = 0;
    m_rule = 0;
    m_draft.edit([&](RoutingModel &changed) { changed.plans.removeAt(plan); });
}

void RulesEditor::refresh()
{
    const RoutingModel &model = m_draft.model();
    if (m_planIndex >= model.plans.size())
        m_planIndex = 0;
    const int ruleCount = int(model.plans.value(m_planIndex).rules.size());
    if (m_rule >= ruleCount)
        m_rule = ruleCount - 1;
    if (m_rule < 0 && ruleCount > 0)
        m_rule = 0;
    refreshPlans();
    refreshRules();
    refreshRule();
}

void RulesEditor::refreshPlans()
{
    const RoutingModel &model = m_draft.model();
    {
        const QSignalBlocker blocker(m_plan);
        m_plan->clear();
        const QString region = m_draft.region();
        for (const RoutingPlan &plan : model.plans)
            m_plan->addItem(planTitle(plan, model.plans.size(), region));
        m_plan->setCurrentIndex(m_planIndex);
    }
    const RoutingPlan plan = model.plans.value(m_planIndex);
    const bool isDefault = plan.numbers.contains(RoutingModel::DefaultPlanNumber);
    m_numbers->setVisible(!isDefault && !model.plans.isEmpty());
    // The saved numbers the practice's way; what someone is typing stays as typed.
    const QStringList shownPlanNumbers = PlanEditing::shownNumbers(plan.numbers, m_draft.region());
    if (const QStringList typed = splitNumbers(m_numbers->text()); typed != plan.numbers && typed != shownPlanNumbers)
        m_numbers->setText(shownPlanNumbers.join(u", "_s));
    m_removePlan->setVisible(!isDefault && !model.plans.isEmpty());
    m_numbersError->setErrors(
        isDefault ? QStringList() : m_draft.errorsAt(u"plans[%1].numbers"_s.arg(m_planIndex)));
}

void RulesEditor::refreshRules()
{
    const RoutingModel &model = m_draft.model();
    const QList<Rule> rules = model.plans.value(m_planIndex).rules;
    const PhoneNormalizer phone(m_draft.region());
    const QSignalBlocker blocker(m_rules);
    m_rules->setRowCount(int(rules.size()));
    for (int row = 0; row < rules.size(); ++row) {
        const Rule &rule = rules.at(row);
        const QStringList faults = m_draft.errorsAt(u"plans[%1].rules[%2]"_s.arg(m_planIndex).arg(row));
        const QString texts[] = { tr("%1. %2").arg(row + 1).arg(rule.name), ActionText::describe(rule.when, model, phone),
            ActionText::describe(rule.then, model, phone) };
        for (int column = 0; column < RuleColumnCount; ++column) {
            auto *item = new QTableWidgetItem(texts[column]);
            if (!faults.isEmpty()) {
                item->setForeground(StatusColours::colour(StatusColours::Status::Bad, palette()));
                item->setToolTip(faults.join(u'\n'));
            }
            m_rules->setItem(row, column, item);
        }
    }
    if (m_rule >= 0)
        m_rules->selectRow(m_rule);
    else
        m_rules->clearSelection();
    m_removeRule->setEnabled(m_rule >= 0);
    m_up->setEnabled(m_rule > 0);
    m_down->setEnabled(m_rule >= 0 && m_rule < rules.size() - 1);
}

void RulesEditor::refreshRule()
{
    const RoutingModel &model = m_draft.model();
    const QList<Rule> &rules = model.plans.value(m_planIndex).rules;
    const bool hasRule = m_rule >= 0 && m_rule < rules.size();
    m_ruleForm->setEnabled(hasRule);
    m_removeRule->setEnabled(hasRule);
    m_up->setEnabled(hasRule && m_rule > 0);
    m_down->setEnabled(hasRule && m_rule < rules.size() - 1);
    const Rule rule = hasRule ? rules.at(m_rule) : Rule {};
    if (m_name->text() != rule.name)
        m_name->setText(rule.name);
    {
        const QSignalBlocker blocker(m_booking);
        m_booking->setCurrentIndex(m_booking->findData(!rule.when.hasBooking ? AnyCaller
                : *rule.when.hasBooking                                      ? WithBooking
                                                                             : WithoutBooking));
    }
    QList<std::pair<QString, QString>> lists;
    for (const QString &list : model.lists.keys())
        lists.append({ list, list });
    QList<std::pair<QString, QString>> schedules;
    for (const Schedule &schedule : model.schedules)
        schedules.append({ schedule.displayName(), schedule.id });
    setNames(m_callerIn, lists, rule.when.callerIn);
    setNames(m_callerNotIn, lists, rule.when.callerNotIn);
    setNames(m_inside, schedules, rule.when.inside);
    setNames(m_outside, schedules, rule.when.outside);
    const QStringList shownCalled = PlanEditing::shownNumbers(rule.when.called, m_draft.region());
    if (const QStringList typed = splitNumbers(m_called->text()); typed != rule.when.called && typed != shownCalled)
        m_called->setText(shownCalled.join(u", "_s));
    const QString path = u"plans[%1].rules[%2]"_s.arg(m_planIndex).arg(m_rule);
    m_nameError->setErrors(hasRule ? m_draft.errorsAt(path + u".name"_s) : QStringList());
    m_conditionError->setErrors(hasRule ? m_draft.errorsAt(path + u".if"_s) : QStringList());
    const std::optional<ActionLocation> location
        = hasRule ? std::optional<ActionLocation>(ActionLocation(m_planIndex, m_rule)) : std::nullopt;
    if (m_action->location() != location)
        m_action->setLocation(location);
}
