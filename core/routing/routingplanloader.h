// Where the routing model of a data folder comes from: the imported plan document, or the built-in
// booking rule when none was imported. Shared by the router, the simulator and `plan export|import`.
#pragma once

#include "common/result.h"
#include "plandocument.h"
#include "routingmodel.h"

#include <QCoreApplication>

class Database;

class RoutingPlanLoader
{
    Q_DECLARE_TR_FUNCTIONS(RoutingPlanLoader)

public:
    // `defaultRegion` reads numbers written without a country code; `fallbackNumber` is the
    // number the built-in plan rings (routing.fallback_number, may be empty).
    RoutingPlanLoader(Database &db, QString defaultRegion, QString fallbackNumber);

    // The model calls are routed by; `imported` says whether it is an imported document rather
    // than the built-in plan. A stored document that no longer reads (it was checked on import,
    // so only a hand-edited database gets here) is an error rather than a silent default.
    Result<RoutingModel> load(bool *imported = nullptr) const;

    // Checks `json` and, only when it has no fault, stores it (written back in full, defaults
    // included) in place of the current plan. The errors name the JSON path at fault; a
    // database failure is one more error.
    PlanDocument::ParseResult import(const QByteArray &json) const;

    // Plan documents without a time zone are read in the computer's.
    static QTimeZone localZone();

private:
    Database &m_db;
    QString m_defaultRegion;
    QString m_fallbackNumber;
};
