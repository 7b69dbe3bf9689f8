// Which rule of the routing plan a call matches, and why, and whether the caller may call at all.
#pragma once

#include "routingmodel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

// What the rules are evaluated against, gathered once per call.
struct CallFacts
{
    QString callerE164; // empty when the caller id is withheld or not a phone number
    QString calledE164;
    bool hasBooking = false;
    QDateTime at;
};

struct RuleMatch
{
    int planIndex = -1;
    int ruleIndex = -1;
    const Rule *rule = nullptr;
    QString why; // e.g. "the caller has an active booking and it is outside schedule \"office\""
};

class RuleEvaluator
{
    Q_DECLARE_TR_FUNCTIONS(RuleEvaluator)

public:
    // The first rule of the called number's plan whose condition holds; nullopt when none does
    // (or there is no plan for the number), and the never-drop fallthrough takes over.
    static std::optional<RuleMatch> evaluate(const RoutingModel &model, const CallFacts &facts);
    // Whether every part of `condition` holds; `why` gets the reasons as one phrase.
    static bool holds(
        const Condition &condition, const RoutingModel &model, const CallFacts &facts, QString *why = nullptr);
    // Why the caller is refused by the allow/block lists, or nullopt when they may call. The block
    // list wins; an empty allow list lets everyone in, a non-empty one also refuses withheld ids.
    static std::optional<QString> refusal(const RoutingModel &model, const QString &callerE164);
};
