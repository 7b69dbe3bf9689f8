// Reads and writes bookings; all booking SQL lives here.
#pragma once

#include "booking.h"
#include "common/result.h"
#include "upsertresult.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

class Database;
class QSqlQuery;

class BookingStore
{
    Q_DECLARE_TR_FUNCTIONS(BookingStore)

public:
    explicit BookingStore(Database &db);

    std::optional<Booking> findById(qint64 id);
    std::optional<Booking> findByExternalId(const QString &externalId);
    // The customer's bookings, earliest start first.
    QList<Booking> forCustomer(qint64 customerId);

    // Inserts the booking, or overwrites every field of the one with the same (non-empty) external id.
    Result<UpsertResult> upsert(const Booking &booking);

    qint64 count();

    // Reads the columns "id, external_id, customer_id, starts_at, ends_at, status, service, staff" from
    // `first` on; lets other storage queries that join bookings build the same value.
    static Booking fromQuery(const QSqlQuery &query, int first = 0);

private:
    Database &m_db;
};
