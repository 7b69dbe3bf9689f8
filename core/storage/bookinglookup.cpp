// Finds who is calling and their active booking: the question the router asks on every inbound call.
#include "bookinglookup.h"

#include "bookingstore.h"
#include "customerstore.h"
#include "database.h"
#include "phone/phonenormalizer.h"
#include "sqlstatement.h"
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
const QByteArray s_lookupSql =
    QByteArrayLiteral(R"(SELECT c.id, c.external_id, c.name, c.phone_raw, c.phone_e164, c.email, c.notes, c.assigned_staff,
       b.id, b.external_id, b.customer_id, b.starts_at, b.ends_at, b.status, b.service, b.staff
FROM customers c
LEFT JOIN bookings b ON b.customer_id = c.id AND b.ends_at > ? AND b.status IN ('confirmed', 'pending')
WHERE c.phone_e164 = ?
ORDER BY b.id IS NULL, b.starts_at, c.id
LIMIT 1)");

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

    SqlStatement &query = m_db.statement(s_lookupSql);
    const SqlStatement::Use use(query);
    query.bindInteger(0, now.toMSecsSinceEpoch());
    query.bindText(1, e164);
    std::optional<CallerMatch> match;
    if (query.step()) {
        match = CallerMatch{CustomerStore::fromRow(query), std::nullopt};
        if (!query.isNull(s_bookingColumn))
            match->activeBooking = BookingStore::fromRow(query, s_bookingColumn);
    } else if (query.failed()) {
        qCWarning(lcStorage).noquote() << "Booking lookup failed:" << m_db.describe(query);
    }
    return match;
}

QStringList BookingLookup::queryPlan()
{
    QSqlQuery query(m_db.connection());
    QStringList steps;
    if (!query.prepare(u"EXPLAIN QUERY PLAN "_s + QString::fromLatin1(s_lookupSql))) {
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
