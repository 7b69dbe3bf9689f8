// Actions and conditions of routing rules as short plain sentences, for the rule list, menu options
// and "otherwise" summaries: "Ring team Front desk; if nobody answers: take a voicemail".
#pragma once

#include "routing/routingmodel.h"

#include <QCoreApplication>
#include <QString>

class PhoneNormalizer;

class ActionText
{
    Q_DECLARE_TR_FUNCTIONS(ActionText)

public:
    // The action's kind as the editor's choice list shows it ("Ring a team").
    static QString kindName(ActionKind kind);
    // What the action does, names looked up in `model`, numbers written the way `phone`'s region writes
    // them, with its "otherwise" when it has one.
    static QString describe(const Action &action, const RoutingModel &model, const PhoneNormalizer &phone);
    // When the rule applies ("Always" for an empty condition).
    // Schedules by their names, as read from `model`; numbers written as for the action.
    static QString describe(const Condition &condition, const RoutingModel &model, const PhoneNormalizer &phone);
    // The first words of what a message says, or the file it plays.
    static QString describe(const Message &message);
};
