// Where an action sits in the routing model, so that a call's later webhooks continue the action
// they were sent for: a rule's action, then menu keys and `otherwise` branches below it.
#pragma once

#include <QString>

struct Action;
struct RoutingModel;

class ActionPath
{
public:
    ActionPath() = default;
    ActionPath(int plan, int rule);

    bool isValid() const { return m_plan >= 0 && m_rule >= 0; }
    // The action of menu key `digit` below this one.
    ActionPath option(QChar digit) const;
    // The action's `otherwise`.
    ActionPath otherwise() const;

    // "plan.rule" followed by "/<digit>" for a menu key and "/x" for an otherwise, e.g. "0.3/2/x";
    // empty for an invalid path.
    QString toString() const;
    // An invalid path when `text` is not one.
    static ActionPath parse(const QString &text);
    // The action, or nullptr when the model has none there (the plan was changed during the call).
    const Action *resolve(const RoutingModel &model) const;

    bool operator==(const ActionPath &other) const = default;

private:
    int m_plan = -1;
    int m_rule = -1;
    QString m_branches; // one character per level: a digit or 'x'
};
