// Finds every use of a staff member, team, schedule or caller list in a routing model.
#include "planreferences.h"

#include <functional>

using namespace Qt::StringLiterals;

namespace {

QString ruleName(const RoutingModel &model, qsizetype plan, const Rule &rule)
{
    const bool manyPlans = model.plans.size() > 1;
    return manyPlans ? PlanReferences::tr("rule \"%1\" of plan %2").arg(rule.name).arg(plan + 1)
                     : PlanReferences::tr("rule \"%1\"").arg(rule.name);
}

// Whether `action`, one of its menu options or one of its `otherwise` actions satisfies `uses`.
bool anyAction(const Action &action, const std::function<bool(const Action &)> &uses)
{
    if (uses(action))
        return true;
    for (const MenuOption &option : action.options) {
        if (option.action && anyAction(*option.action, uses))
            return true;
    }
    return action.otherwise && anyAction(*action.otherwise, uses);
}

QStringList rulesWhere(const RoutingModel &model, const std::function<bool(const Rule &)> &uses)
{
    QStringList places;
    for (qsizetype p = 0; p < model.plans.size(); ++p) {
        for (const Rule &rule : model.plans.at(p).rules) {
            if (uses(rule))
                places.append(ruleName(model, p, rule));
        }
    }
    return places;
}

} // namespace

QStringList PlanReferences::ofStaff(const RoutingModel &model, const QString &staffId)
{
    QStringList places;
    for (const Team &team : model.teams) {
        for (qsizetype tier = 0; tier < team.tiers.size(); ++tier) {
            if (team.tiers.at(tier).contains(staffId))
                places.append(
                    tr("team \"%1\", tier %2").arg(team.name.isEmpty() ? team.id : team.name).arg(tier + 1));
        }
    }
    places += rulesWhere(model, [&](const Rule &rule) {
        return anyAction(rule.then, [&](const Action &action) {
            return action.kind == ActionKind::Staff && action.staff == staffId;
        });
    });
    return places;
}

QStringList PlanReferences::ofTeam(const RoutingModel &model, const QString &teamId)
{
    return rulesWhere(model, [&](const Rule &rule) {
        return anyAction(rule.then,
            [&](const Action &action) { return action.kind == ActionKind::Team && action.team == teamId; });
    });
}

QStringList PlanReferences::ofSchedule(const RoutingModel &model, const QString &scheduleId)
{
    QStringList places;
    for (const StaffMember &member : model.staff) {
        if (member.schedule == scheduleId)
            places.append(tr("on-call hours of %1").arg(member.name.isEmpty() ? member.id : member.name));
    }
    places += rulesWhere(model,
        [&](const Rule &rule) { return rule.when.inside == scheduleId || rule.when.outside == scheduleId; });
    return places;
}

QStringList PlanReferences::ofList(const RoutingModel &model, const QString &listName)
{
    return rulesWhere(model, [&](const Rule &rule) {
        return rule.when.callerIn == listName || rule.when.callerNotIn == listName;
    });
}
