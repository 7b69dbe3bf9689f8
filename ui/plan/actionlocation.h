// Where an action sits in a routing model: a rule's "then", and from there a menu option's action or
// an "otherwise", as deep as menus go. The editors change nested actions through it.
#pragma once

#include "routing/routingmodel.h"

#include <QList>
#include <QString>

#include <functional>

class ActionLocation
{
public:
    struct Step
    {
        enum Kind
        {
            Option,
            Otherwise
        } kind
            = Otherwise;
        QChar digit; // Option: the menu key
        bool operator==(const Step &other) const = default;
    };

    ActionLocation(int plan, int rule, QList<Step> steps = {});

    ActionLocation option(QChar digit) const;
    ActionLocation otherwise() const;

    int plan() const { return m_plan; }
    int rule() const { return m_rule; }
    const QList<Step> &steps() const { return m_steps; }

    // The action there; nullptr when the model has no such action (it was removed meanwhile).
    const Action *find(const RoutingModel &model) const;
    // Applies `edit` to the action there. Nested actions are shared and const in the model, so each
    // one on the way is copied first. False when there is no such action.
    bool change(RoutingModel &model, const std::function<void(Action &)> &edit) const;
    // The action's path in the plan document, as its faults are named: "plans[0].rules[2].then.otherwise".
    QString path() const;

    bool operator==(const ActionLocation &other) const = default;

private:
    int m_plan;
    int m_rule;
    QList<Step> m_steps;
};
