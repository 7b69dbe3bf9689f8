// Loads and imports the routing plan of a data folder.
#include "routingplanloader.h"

#include "storage/routingplanstore.h"

using namespace Qt::StringLiterals;

RoutingPlanLoader::RoutingPlanLoader(Database &db, QString defaultRegion, QString fallbackNumber)
    : m_db(db)
    , m_defaultRegion(std::move(defaultRegion))
    , m_fallbackNumber(std::move(fallbackNumber))
{
}

QTimeZone RoutingPlanLoader::localZone()
{
    return QTimeZone::systemTimeZone();
}

Result<RoutingModel> RoutingPlanLoader::load(bool *imported) const
{
    QString error;
    const std::optional<RoutingPlanStore::StoredPlan> stored = RoutingPlanStore(m_db).load(&error);
    if (!error.isEmpty())
        return Result<RoutingModel>::failure(error);
    if (imported)
        *imported = stored.has_value();
    if (!stored)
        return PlanDocument::defaultModel(m_fallbackNumber, localZone());
    PlanDocument::ParseResult parsed = PlanDocument::parse(stored->document, m_defaultRegion, localZone());
    if (!parsed.model)
        return Result<RoutingModel>::failure(
            tr("The stored routing plan cannot be read (%1); import it again with `switchboard plan import`.")
                .arg(parsed.errors.value(0)));
    return std::move(*parsed.model);
}

PlanDocument::ParseResult RoutingPlanLoader::import(const QByteArray &json) const
{
    PlanDocument::ParseResult parsed = PlanDocument::parse(json, m_defaultRegion, localZone());
    if (!parsed.model)
        return parsed;
    QString error;
    if (!RoutingPlanStore(m_db).save(PlanDocument::toJson(*parsed.model), &error)) {
        parsed.errors.append(error);
        parsed.model.reset();
    }
    return parsed;
}
