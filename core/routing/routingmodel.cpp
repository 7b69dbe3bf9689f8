// Lookups over the routing model.
#include "routingmodel.h"

#include <algorithm>

namespace {

template<typename T>
const T *findById(const QList<T> &items, const QString &id)
{
    const auto it = std::find_if(items.cbegin(), items.cend(), [&](const T &item) { return item.id == id; });
    return it == items.cend() ? nullptr : &*it;
}

bool sameAction(const std::shared_ptr<const Action> &a, const std::shared_ptr<const Action> &b)
{
    return a == b || (a && b && *a == *b);
}

} // namespace

bool Action::reachesSomeone() const
{
    switch (kind) {
    case ActionKind::AiAgent:
    case ActionKind::Team:
    case ActionKind::Staff:
    case ActionKind::Number:
    case ActionKind::AssignedStaff:
    case ActionKind::NumberOwner:
    case ActionKind::Menu:
        return true;
    case ActionKind::Voicemail:
    case ActionKind::Message:
    case ActionKind::Reject:
        return false;
    }
    return false;
}

bool Action::operator==(const Action &other) const
{
    if (kind != other.kind || team != other.team || staff != other.staff || number != other.number
        || ringSeconds != other.ringSeconds || message != other.message || timeoutSeconds != other.timeoutSeconds
        || attempts != other.attempts || options.size() != other.options.size()
        || !sameAction(otherwise, other.otherwise))
        return false;
    for (qsizetype i = 0; i < options.size(); ++i) {
        if (options.at(i).digit != other.options.at(i).digit
            || !sameAction(options.at(i).action, other.options.at(i).action))
            return false;
    }
    return true;
}

const StaffMember *RoutingModel::findStaff(const QString &id) const
{
    return findById(staff, id);
}

const Schedule *RoutingModel::findSchedule(const QString &id) const
{
    return findById(schedules, id);
}

QString RoutingModel::scheduleName(const QString &id) const
{
    const Schedule *schedule = findSchedule(id);
    return schedule ? schedule->displayName() : id;
}

const Team *RoutingModel::findTeam(const QString &id) const
{
    return findById(teams, id);
}

const RoutingPlan *RoutingModel::planFor(const QString &calledE164) const
{
    const RoutingPlan *fallback = nullptr;
    for (const RoutingPlan &plan : plans) {
        if (!calledE164.isEmpty() && plan.numbers.contains(calledE164))
            return &plan;
        if (!fallback && plan.numbers.contains(DefaultPlanNumber))
            fallback = &plan;
    }
    return fallback;
}
