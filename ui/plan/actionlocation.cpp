// Finds and changes an action nested in rules, menus and "otherwise"s.
#include "actionlocation.h"

#include <memory>
#include <span>

using namespace Qt::StringLiterals;

namespace {

std::shared_ptr<const Action> *slotOf(Action &action, const ActionLocation::Step &step)
{
    if (step.kind == ActionLocation::Step::Otherwise)
        return &action.otherwise;
    for (MenuOption &option : action.options) {
        if (option.digit == step.digit)
            return &option.action;
    }
    return nullptr;
}

bool changeAt(
    Action &action, std::span<const ActionLocation::Step> steps, const std::function<void(Action &)> &edit)
{
    if (steps.empty()) {
        edit(action);
        return true;
    }
    std::shared_ptr<const Action> *slot = slotOf(action, steps.front());
    if (!slot || !*slot)
        return false;
    auto copy = std::make_shared<Action>(**slot);
    if (!changeAt(*copy, steps.subspan(1), edit))
        return false;
    *slot = std::move(copy);
    return true;
}

} // namespace

ActionLocation::ActionLocation(int plan, int rule, QList<Step> steps)
    : m_plan(plan)
    , m_rule(rule)
    , m_steps(std::move(steps))
{ }

ActionLocation ActionLocation::option(QChar digit) const
{
    ActionLocation deeper = *this;
    deeper.m_steps.append({ Step::Option, digit });
    return deeper;
}

ActionLocation ActionLocation::otherwise() const
{
    ActionLocation deeper = *this;
    deeper.m_steps.append({ Step::Otherwise, QChar() });
    return deeper;
}

const Action *ActionLocation::find(const RoutingModel &model) const
{
    if (m_plan < 0 || m_plan >= model.plans.size() || m_rule < 0
        || m_rule >= model.plans.at(m_plan).rules.size())
        return nullptr;
    const Action *action = &model.plans.at(m_plan).rules.at(m_rule).then;
    for (const Step &step : m_steps) {
        const Action *next = nullptr;
        if (step.kind == Step::Otherwise) {
            next = action->otherwise.get();
        } else {
            for (const MenuOption &option : action->options) {
                if (option.digit == step.digit)
                    next = option.action.get();
            }
        }
        if (!next)
            return nullptr;
        action = next;
    }
    return action;
}

bool ActionLocation::change(RoutingModel &model, const std::function<void(Action &)> &edit) const
{
    if (m_plan < 0 || m_plan >= model.plans.size() || m_rule < 0
        || m_rule >= model.plans.at(m_plan).rules.size())
        return false;
    return changeAt(model.plans[m_plan].rules[m_rule].then,
        std::span<const Step>(m_steps.constData(), size_t(m_steps.size())), edit);
}

QString ActionLocation::path() const
{
    QString path = u"plans[%1].rules[%2].then"_s.arg(m_plan).arg(m_rule);
    for (const Step &step : m_steps)
        path += step.kind == Step::Otherwise ? u".otherwise"_s : u".options."_s + step.digit;
    return path;
}
