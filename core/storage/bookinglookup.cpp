// Finds who is calling and their active booking: the question the router asks on every inbound call.
#include "bookinglookup.h"

#include "bookingstore.h"
#include "customerstore.h"
#include "database.h"
#include "phone/phonenormalizer.h"
#include "storagelog.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {

// Customers come from the phone index; each one's bookings that have not ended from the (customer_id,
// ends_at) index. The status filter is what "active" means (see Booking::isActiveAt). Sorting puts customers
// with an active booking first, then the booking that started first, which is the one in progress when
// there is one, else the soonest upcoming. The few rows of one number are sorted in memory.
const QString s_lookupSql =
    uR"(SELECT c.id, c.external_id, c.name, c.phone_raw, c.phone_e164, c.email, c.notes, c.assigned_staff,
       b.id, b.external_id, b.customer_id, b.starts_at, b.ends_at, b.status, b.service, b.staff
FROM customers c
LEFT JOIN bookings b ON b.customer_id = c.id AND b.ends_at > ? AND b.status IN ('confirmed', 'pending')
WHERE c.phone_e164 = ?
ORDER BY b.id IS NULL, b.starts_at, c.id
LIMIT 1)"_s;

constexpr int s_bookingColumn = 8;

} // namespace

BookingLookup::BookingLookup(Database &db)
    : m_db(db)
{
}

std::optional<CallerMatch> BookingLookup::findCaller(const QString &e164, const QDateTime &now)
{
    if (e164.isEmpty() || PhoneNormalizer::isWithheldCallerId(e164))
        return std::nullopt;

    QSqlQuery &query = m_db.prepared(s_lookupSql);
    query.bindValue(0, now.toMSecsSinceEpoch());
    query.bindValue(1, e164);
    std::optional<CallerMatch> match;
    if (!query.exec()) {
        qCWarning(lcStorage) << "Booking lookup failed:" << query.lastError().text();
    } else if (query.next()) {
        match = CallerMatch{CustomerStore::fromQuery(query), std::nullopt};
        if (!query.value(s_bookingColumn).isNull())
            match->activeBooking = BookingStore::fromQuery(query, s_bookingColumn);
    }
    query.finish();
    return match;
}

QStringList BookingLookup::queryPlan()
{
    QSqlQuery query(m_db.connection());
    QStringList steps;
    if (!query.prepare(u"EXPLAIN QUERY PLAN "_s + s_lookupSql)) {
        qCWarning(lcStorage) << "Cannot explain the booking lookup:" << query.lastError().text();
        return steps;
    }
    query.bindValue(0, QDateTime::currentMSecsSinceEpoch());
    query.bindValue(1, u"+15550000000"_s);
    if (!query.exec())
        qCWarning(lcStorage) << "Cannot explain the booking lookup:" << query.lastError().text();
    // Columns: id, parent, notused, detail.
    while (query.next())
        steps.append(query.value(3).toString());
    return steps;
}
