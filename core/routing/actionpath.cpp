// Where an action sits in the routing model.
#include "actionpath.h"

#include "routingmodel.h"

using namespace Qt::StringLiterals;

namespace {
constexpr QChar Otherwise = u'x';
}

ActionPath::ActionPath(int plan, int rule)
    : m_plan(plan)
    , m_rule(rule)
{ }

ActionPath ActionPath::option(QChar digit) const
{
    ActionPath path = *this;
    path.m_branches.append(digit);
    return path;
}

ActionPath ActionPath::otherwise() const
{
    return option(Otherwise);
}

QString ActionPath::toString() const
{
    if (!isValid())
        return {};
    QString text = QString::number(m_plan) + u'.' + QString::number(m_rule);
    for (const QChar branch : m_branches)
        text += u'/' + branch;
    return text;
}

ActionPath ActionPath::parse(const QString &text)
{
    const QStringList parts = text.split(u'/');
    const QStringList head = parts.constFirst().split(u'.');
    bool planOk = false;
    bool ruleOk = false;
    ActionPath path;
    if (head.size() != 2)
        return path;
    path.m_plan = head.at(0).toInt(&planOk);
    path.m_rule = head.at(1).toInt(&ruleOk);
    if (!planOk || !ruleOk || path.m_plan < 0 || path.m_rule < 0)
        return {};
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QString &branch = parts.at(i);
        if (branch.size() != 1 || !(branch.front().isDigit() || branch.front() == Otherwise))
            return {};
        path.m_branches.append(branch.front());
    }
    return path;
}

const Action *ActionPath::resolve(const RoutingModel &model) const
{
    if (!isValid() || m_plan >= model.plans.size() || m_rule >= model.plans.at(m_plan).rules.size())
        return nullptr;
    const Action *action = &model.plans.at(m_plan).rules.at(m_rule).then;
    for (const QChar branch : m_branches) {
        if (branch == Otherwise) {
            action = action->otherwise.get();
        } else {
            const auto it = std::find_if(action->options.cbegin(), action->options.cend(),
                [branch](const MenuOption &option) { return option.digit == branch; });
            action = it == action->options.cend() ? nullptr : it->action.get();
        }
        if (!action)
            return nullptr;
    }
    return action;
}
