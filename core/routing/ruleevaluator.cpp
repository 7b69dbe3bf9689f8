// Which rule of the routing plan a call matches, and why, and whether the caller may call at all.
#include "ruleevaluator.h"

using namespace Qt::StringLiterals;

namespace {

bool inList(const RoutingModel &model, const QString &listName, const QString &callerE164)
{
    const auto it = model.lists.constFind(listName);
    return it != model.lists.cend() && !callerE164.isEmpty() && it->matches(callerE164);
}

bool scheduleOpen(const RoutingModel &model, const QString &scheduleId, const QDateTime &at)
{
    const Schedule *schedule = model.findSchedule(scheduleId);
    return schedule && schedule->isOpen(at, model.timeZone);
}

} // namespace

bool RuleEvaluator::holds(
    const Condition &condition, const RoutingModel &model, const CallFacts &facts, QString *why)
{
    QStringList reasons;
    // Cheapest parts first: a rule usually fails on its first part.
    if (condition.hasBooking) {
        if (*condition.hasBooking != facts.hasBooking)
            return false;
        reasons.append(facts.hasBooking ? tr("the caller has an active booking")
                                        : tr("the caller has no active booking"));
    }
    if (!condition.called.isEmpty()) {
        if (!condition.called.contains(facts.calledE164))
            return false;
        reasons.append(tr("the call was made to %1").arg(facts.calledE164));
    }
    if (!condition.callerIn.isEmpty()) {
        if (!inList(model, condition.callerIn, facts.callerE164))
            return false;
        reasons.append(tr("the caller is on the list \"%1\"").arg(condition.callerIn));
    }
    if (!condition.callerNotIn.isEmpty()) {
        if (inList(model, condition.callerNotIn, facts.callerE164))
            return false;
        reasons.append(tr("the caller is not on the list \"%1\"").arg(condition.callerNotIn));
    }
    if (!condition.inside.isEmpty()) {
        if (!scheduleOpen(model, condition.inside, facts.at))
            return false;
        reasons.append(tr("it is inside the hours of \"%1\"").arg(model.scheduleName(condition.inside)));
    }
    if (!condition.outside.isEmpty()) {
        // A schedule the model does not know is never open, so "outside" it always holds; the
        // plan document refuses such references, so only a hand-built model gets here.
        if (scheduleOpen(model, condition.outside, facts.at))
            return false;
        reasons.append(tr("it is outside the hours of \"%1\"").arg(model.scheduleName(condition.outside)));
    }
    if (why)
        *why = reasons.isEmpty() ? tr("it applies to every call") : reasons.join(tr(" and "));
    return true;
}

std::optional<RuleMatch> RuleEvaluator::evaluate(const RoutingModel &model, const CallFacts &facts)
{
    const RoutingPlan *plan = model.planFor(facts.calledE164);
    if (!plan)
        return std::nullopt;
    for (qsizetype i = 0; i < plan->rules.size(); ++i) {
        const Rule &rule = plan->rules.at(i);
        QString why;
        if (holds(rule.when, model, facts, &why))
            return RuleMatch { int(plan - model.plans.constData()), int(i), &rule, why };
    }
    return std::nullopt;
}

std::optional<QString> RuleEvaluator::refusal(const RoutingModel &model, const QString &callerE164)
{
    if (!callerE164.isEmpty() && model.block.matches(callerE164))
        return tr("%1 is on the block list (%2).").arg(callerE164, model.block.matchingEntry(callerE164));
    if (model.allow.isEmpty() || model.allow.matches(callerE164))
        return std::nullopt;
    if (callerE164.isEmpty())
        return tr("The caller's number is withheld and only the numbers on the allow list may call.");
    return tr("%1 is not on the allow list.").arg(callerE164);
}
