// The stored routing plan document: every SQL statement that reads or writes it.
#pragma once

#include "database.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>

#include <optional>

class RoutingPlanStore
{
    Q_DECLARE_TR_FUNCTIONS(RoutingPlanStore)

public:
    struct StoredPlan
    {
        QByteArray document;
        QDateTime importedAt; // UTC
    };

    explicit RoutingPlanStore(Database &db);

    // nullopt when no plan was imported (error left empty) or the database failed (error set).
    std::optional<StoredPlan> load(QString *error = nullptr);
    // Replaces the stored document; the caller has checked it.
    bool save(const QByteArray &document, QString *error);
    // Back to the built-in booking rule. Removing a plan that is not there is not an error.
    bool remove(QString *error);

private:
    Database &m_db;
};
