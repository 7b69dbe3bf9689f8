// The stored routing plan document.
#include "routingplanstore.h"

#include "storagelog.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

RoutingPlanStore::RoutingPlanStore(Database &db)
    : m_db(db)
{
}

std::optional<RoutingPlanStore::StoredPlan> RoutingPlanStore::load(QString *error)
{
    if (error)
        error->clear();
    QSqlQuery &query = m_db.prepared(u"SELECT document, imported_at FROM routing_plan WHERE id = 1"_s);
    std::optional<StoredPlan> plan;
    if (query.exec() && query.next()) {
        plan = StoredPlan { query.value(0).toString().toUtf8(),
            QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), Qt::UTC) };
    } else if (query.lastError().isValid()) {
        qCWarning(lcStorage) << "Cannot read the routing plan:" << query.lastError().text();
        if (error)
            *error = m_db.describe(query.lastError());
    }
    query.finish();
    return plan;
}

bool RoutingPlanStore::save(const QByteArray &document, QString *error)
{
    QSqlQuery &query = m_db.prepared(
        u"INSERT OR REPLACE INTO routing_plan(id, document, imported_at) VALUES(1, ?, ?)"_s);
    query.addBindValue(QString::fromUtf8(document));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    const bool saved = query.exec();
    if (!saved && error)
        *error = m_db.describe(query.lastError());
    query.finish();
    return saved;
}

bool RoutingPlanStore::remove(QString *error)
{
    QSqlQuery &query = m_db.prepared(u"DELETE FROM routing_plan"_s);
    const bool removed = query.exec();
    if (!removed && error)
        *error = m_db.describe(query.lastError());
    query.finish();
    return removed;
}
