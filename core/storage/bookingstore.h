// Reads and writes bookings; all booking SQL lives here.
#pragma once

#include "booking.h"
#include "common/result.h"
#include "upsertresult.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

class Database;
class SqlRow;
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

    // Saves a new booking made in the app (its id is ignored; an empty external id is stored as none) and
    // returns the new id.
    Result<qint64> insert(const Booking &booking);
    // Sets the booking's status to canceled: bookings are never deleted, so that the calls that
    // mention one keep it. False and *error when there is no such booking or the database fails.
    bool cancel(qint64 bookingId, QString *error = nullptr);

    // Inserts the booking, or overwrites every field of the one with the same (non-empty) external id.
    Result<UpsertResult> upsert(const Booking &booking);

    qint64 count();

    // Reads the columns "id, external_id, customer_id, starts_at, ends_at, status, service, staff" from
    // `first` on; lets other storage queries that join bookings build the same value.
    static Booking fromRow(const SqlRow &row, int first = 0);

private:
    Database &m_db;
};
