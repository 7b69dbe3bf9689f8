// Reads and writes bookings; all booking SQL lives here.
#include "bookingstore.h"

#include "database.h"
#include "sqlrow.h"
#include "storagelog.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {

const QString s_columns = u"id, external_id, customer_id, starts_at, ends_at, status, service, staff"_s;

// Binds the fields in the order "customer_id, starts_at, ends_at, status, service, staff, external_id".
void bindFields(QSqlQuery &query, const Booking &booking)
{
    query.bindValue(0, booking.customerId);
    query.bindValue(1, booking.startsAt.toMSecsSinceEpoch());
    query.bindValue(2, booking.endsAt.toMSecsSinceEpoch());
    query.bindValue(3, bookingStatusName(booking.status));
    query.bindValue(4, booking.service);
    query.bindValue(5, booking.staff);
    query.bindValue(6, booking.externalId);
}

} // namespace

BookingStore::BookingStore(Database &db)
    : m_db(db)
{
}

Booking BookingStore::fromRow(const SqlRow &row, int first)
{
    Booking booking;
    booking.id = row.integer(first + 0);
    booking.externalId = row.text(first + 1);
    booking.customerId = row.integer(first + 2);
    booking.startsAt = QDateTime::fromMSecsSinceEpoch(row.integer(first + 3), Qt::UTC);
    booking.endsAt = QDateTime::fromMSecsSinceEpoch(row.integer(first + 4), Qt::UTC);
    const QString status = row.text(first + 5);
    if (const auto parsed = bookingStatusFromName(status)) {
        booking.status = *parsed;
    } else {
        // Only this store writes the column, so this means someone edited the file by hand. Such a
        // booking must not send callers to the agent.
        qCWarning(lcStorage) << "Booking" << booking.id << "has an unknown status" << status;
        booking.status = BookingStatus::Canceled;
    }
    booking.service = row.text(first + 6);
    booking.staff = row.text(first + 7);
    return booking;
}

std::optional<Booking> BookingStore::findById(qint64 id)
{
    QSqlQuery &query = m_db.prepared(u"SELECT "_s + s_columns + u" FROM bookings WHERE id = ?"_s);
    query.bindValue(0, id);
    std::optional<Booking> found;
    if (!query.exec())
        qCWarning(lcStorage) << "Cannot read a booking:" << query.lastError().text();
    else if (query.next())
        found = fromRow(QueryRow(query));
    query.finish();
    return found;
}

std::optional<Booking> BookingStore::findByExternalId(const QString &externalId)
{
    if (externalId.isEmpty())
        return std::nullopt;
    QSqlQuery &query = m_db.prepared(u"SELECT "_s + s_columns + u" FROM bookings WHERE external_id = ?"_s);
    query.bindValue(0, externalId);
    std::optional<Booking> found;
    if (!query.exec())
        qCWarning(lcStorage) << "Cannot read a booking:" << query.lastError().text();
    else if (query.next())
        found = fromRow(QueryRow(query));
    query.finish();
    return found;
}

QList<Booking> BookingStore::forCustomer(qint64 customerId)
{
    QSqlQuery &query = m_db.prepared(u"SELECT "_s + s_columns
                                     + u" FROM bookings WHERE customer_id = ? ORDER BY starts_at, id"_s);
    query.bindValue(0, customerId);
    QList<Booking> bookings;
    if (!query.exec())
        qCWarning(lcStorage) << "Cannot read the bookings of customer" << customerId
                             << query.lastError().text();
    while (query.next())
        bookings.append(fromRow(QueryRow(query)));
    query.finish();
    return bookings;
}

QString BookingStore::appBookingId(qint64 id)
{
    return u"app-%1"_s.arg(id);
}

Result<qint64> BookingStore::insert(const Booking &booking)
{
    qint64 id = 0;
    QString error;
    const bool saved = m_db.transaction(
        [&] {
            QSqlQuery &insert = m_db.prepared(
                u"INSERT INTO bookings(customer_id, starts_at, ends_at, status, service, staff, external_id) "
                u"VALUES(?, ?, ?, ?, ?, ?, ?)"_s);
            bindFields(insert, booking);
            // NULL until the row id is known: the external id is UNIQUE.
            if (booking.externalId.isEmpty())
                insert.bindValue(6, QVariant(QMetaType(QMetaType::QString)));
            if (!insert.exec()) {
                error = m_db.describe(insert.lastError());
                insert.finish();
                return false;
            }
            id = insert.lastInsertId().toLongLong();
            insert.finish();
            return !booking.externalId.isEmpty() || nameMadeInTheApp(id, &error);
        },
        &error);
    if (!saved) {
        qCWarning(lcStorage) << "Cannot insert a booking:" << error;
        return Result<qint64>::failure(error);
    }
    return id;
}

bool BookingStore::nameMadeInTheApp(qint64 id, QString *error)
{
    // An imported booking may already hold the name (a booking system with ids like ours): then the next
    // free "app-17-2", "app-17-3"…
    QSqlQuery &name = m_db.prepared(u"UPDATE bookings SET external_id = ? WHERE id = ? AND NOT EXISTS "
                                    u"(SELECT 1 FROM bookings WHERE external_id = ?)"_s);
    for (int attempt = 1; attempt <= 100; ++attempt) {
        const QString candidate
            = attempt == 1 ? appBookingId(id) : appBookingId(id) + u'-' + QString::number(attempt);
        name.bindValue(0, candidate);
        name.bindValue(1, id);
        name.bindValue(2, candidate);
        if (!name.exec()) {
            *error = m_db.describe(name.lastError());
            name.finish();
            return false;
        }
        const bool named = name.numRowsAffected() > 0;
        name.finish();
        if (named)
            return true;
    }
    *error = tr("No free id was found for the new booking %1.").arg(appBookingId(id));
    return false;
}

bool BookingStore::update(const Booking &booking, QString *error)
{
    QSqlQuery &query = m_db.prepared(
        u"UPDATE bookings SET starts_at = ?, ends_at = ?, status = ?, service = ?, staff = ? WHERE id = ?"_s);
    query.bindValue(0, booking.startsAt.toMSecsSinceEpoch());
    query.bindValue(1, booking.endsAt.toMSecsSinceEpoch());
    query.bindValue(2, bookingStatusName(booking.status));
    query.bindValue(3, booking.service);
    query.bindValue(4, booking.staff);
    query.bindValue(5, booking.id);
    if (!query.exec()) {
        if (error)
            *error = m_db.describe(query.lastError());
        qCWarning(lcStorage) << "Cannot update booking" << booking.id << query.lastError().text();
        query.finish();
        return false;
    }
    const bool found = query.numRowsAffected() > 0;
    query.finish();
    if (!found && error)
        *error = tr("There is no booking with id %1.").arg(booking.id);
    return found;
}

bool BookingStore::cancel(qint64 bookingId, QString *error)
{
    QSqlQuery &query = m_db.prepared(u"UPDATE bookings SET status = ? WHERE id = ?"_s);
    query.bindValue(0, bookingStatusName(BookingStatus::Canceled));
    query.bindValue(1, bookingId);
    if (!query.exec()) {
        if (error)
            *error = m_db.describe(query.lastError());
        qCWarning(lcStorage) << "Cannot cancel booking" << bookingId << query.lastError().text();
        query.finish();
        return false;
    }
    const bool found = query.numRowsAffected() > 0;
    query.finish();
    if (!found && error)
        *error = tr("There is no booking with id %1.").arg(bookingId);
    return found;
}

Result<UpsertResult> BookingStore::upsert(const Booking &booking)
{
    if (booking.externalId.isEmpty())
        return Result<UpsertResult>::failure(tr("A booking needs an id to be inserted or updated by id."));

    // Insert first: on a first import every row is new and this is the only statement. No RETURNING: it
    // makes every insert several microseconds slower, and the row count and rowid say the same.
    QSqlQuery &insert = m_db.prepared(
        u"INSERT INTO bookings(customer_id, starts_at, ends_at, status, service, staff, external_id) "
        u"VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(external_id) DO NOTHING"_s);
    bindFields(insert, booking);
    if (!insert.exec()) {
        const QString error = m_db.describe(insert.lastError());
        insert.finish();
        return Result<UpsertResult>::failure(error);
    }
    if (insert.numRowsAffected() > 0) {
        const UpsertResult result{insert.lastInsertId().toLongLong(), true};
        insert.finish();
        return result;
    }
    insert.finish();

    QSqlQuery &find = m_db.prepared(u"SELECT id FROM bookings WHERE external_id = ?"_s);
    find.bindValue(0, booking.externalId);
    std::optional<qint64> id;
    if (find.exec() && find.next())
        id = find.value(0).toLongLong();
    const QSqlError findError = find.lastError();
    find.finish();
    if (!id) {
        return Result<UpsertResult>::failure(
            findError.isValid() ? m_db.describe(findError)
                                : tr("The booking %1 could not be read back for updating.").arg(booking.externalId));
    }

    QSqlQuery &update = m_db.prepared(u"UPDATE bookings SET customer_id = ?, starts_at = ?, ends_at = ?, status = ?, "
                                      u"service = ?, staff = ? WHERE id = ?"_s);
    bindFields(update, booking);
    update.bindValue(6, *id);
    if (!update.exec()) {
        const QString error = m_db.describe(update.lastError());
        update.finish();
        return Result<UpsertResult>::failure(error);
    }
    update.finish();
    return UpsertResult{*id, false};
}

qint64 BookingStore::countForCustomer(qint64 customerId)
{
    QSqlQuery &query = m_db.prepared(u"SELECT count(*) FROM bookings WHERE customer_id = ?"_s);
    query.bindValue(0, customerId);
    qint64 count = 0;
    if (query.exec() && query.next())
        count = query.value(0).toLongLong();
    else
        qCWarning(lcStorage) << "Cannot count the bookings of customer" << customerId
                             << query.lastError().text();
    query.finish();
    return count;
}

qint64 BookingStore::count()
{
    QSqlQuery &query = m_db.prepared(u"SELECT count(*) FROM bookings"_s);
    qint64 count = 0;
    if (query.exec() && query.next())
        count = query.value(0).toLongLong();
    else
        qCWarning(lcStorage) << "Cannot count bookings:" << query.lastError().text();
    query.finish();
    return count;
}
