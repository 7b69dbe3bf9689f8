// Computes the call statistics of a range of calls with a few SQL aggregates over the call log's
// indexes; all statistics SQL lives here.
#pragma once

#include "callstats.h"
#include "common/result.h"

#include <QCoreApplication>
#include <QStringList>

class Database;
class QSqlQuery;

class CallStatsStore
{
    Q_DECLARE_TR_FUNCTIONS(CallStatsStore)

public:
    explicit CallStatsStore(Database &db);

    // The figures of the calls that started in [since, until), all read in one transaction so that
    // they agree with each other while the router goes on writing. Fails for a range without a
    // valid start before its end, an invalid zone, or a database error. Nothing reads the calls one
    // by one: a year of a busy office (a million calls) takes a fraction of a second (bench/statsbench).
    Result<CallStats> compute(const CallStatsQuery &query);

    // SQLite's plan for each statement of compute(), one line per step after the statement's name
    // ("days: SEARCH ..."), to check that they stay on their indexes.
    QStringList queryPlan(const CallStatsQuery &query);

private:
    bool prepare(QSqlQuery &query, const QString &sql, QString *error);

    Database &m_db;
};
