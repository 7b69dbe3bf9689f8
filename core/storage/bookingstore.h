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

    // Saves a new booking made in the app (its id is ignored) and returns the new id. A booking without an
    // external id is given one (appBookingId()), so that the call log, its exports and the agent name it
    // the way they name an imported booking.
    Result<qint64> insert(const Booking &booking);
    // The external id given to the booking with row id `id` made in the app: "app-17". Imported ids are the
    // booking system's own, which do not look like this.
    static QString appBookingId(qint64 id);
    // Saves an edited booking: its times, status, service and staff. Its customer and external id stay,
    // so that a later import of the same booking still finds it. False and *error when there is no such
    // booking or the database fails.
    bool update(const Booking &booking, QString *error = nullptr);
    // Sets the booking's status to canceled; the booking stays, with the calls that mention it. False
    // and *error when there is no such booking or the database fails.
    bool cancel(qint64 bookingId, QString *error = nullptr);

    // Inserts the booking, or overwrites every field of the one with the same (non-empty) external id.
    Result<UpsertResult> upsert(const Booking &booking);

    qint64 count();
    // How many bookings the customer has, of any status.
    qint64 countForCustomer(qint64 customerId);

    // Reads the columns "id, external_id, customer_id, starts_at, ends_at, status, service, staff" from
    // `first` on; lets other storage queries that join bookings build the same value.
    static Booking fromRow(const SqlRow &row, int first = 0);

private:
    // Gives the new booking `id`, made without an external id, its appBookingId().
    bool nameMadeInTheApp(qint64 id, QString *error);

    Database &m_db;
};
