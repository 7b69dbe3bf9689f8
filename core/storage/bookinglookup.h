// Finds who is calling and their active booking: the question the router asks on every inbound call.
#pragma once

#include "callermatch.h"

#include <QDateTime>
#include <QStringList>

#include <optional>

class Database;

// On the webhook hot path: one indexed query with a cached prepared statement, no matter how many
// customers and bookings are saved.
class BookingLookup
{
public:
    explicit BookingLookup(Database &db);

    // The customer saved with this E.164 number and their active booking (the one in progress or the soonest
    // upcoming); when several customers share the number, prefer one with an active booking, then the
    // customer saved first. nullopt when nobody has this number, and without a query for withheld or empty
    // caller ids. A database error is logged and also gives nullopt: the caller then goes to a person.
    std::optional<CallerMatch> findCaller(const QString &e164, const QDateTime &now);

    // SQLite's plan for the lookup query, one line per step, to check that it stays on the indexes.
    QStringList queryPlan();

private:
    Database &m_db;
};
