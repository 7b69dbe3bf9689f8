// Where the parts of a routing model are used, so that an editor can say why a staff member, team,
// schedule or caller list cannot be removed yet ("team \"Front desk\", tier 1").
#pragma once

#include "routingmodel.h"

#include <QCoreApplication>
#include <QStringList>

class PlanReferences
{
    Q_DECLARE_TR_FUNCTIONS(PlanReferences)

public:
    // One readable place per use; empty when the part can go.
    static QStringList ofStaff(const RoutingModel &model, const QString &staffId);
    static QStringList ofTeam(const RoutingModel &model, const QString &teamId);
    static QStringList ofSchedule(const RoutingModel &model, const QString &scheduleId);
    static QStringList ofList(const RoutingModel &model, const QString &listName);
};
