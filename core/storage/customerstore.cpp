// Reads and writes customers; all customer SQL lives here.
#include "customerstore.h"

#include "database.h"
#include "phone/numbersearch.h"
#include "sqlrow.h"
#include "storagelog.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {

const QString s_columns = u"id, external_id, name, phone_raw, phone_e164, email, notes, assigned_staff"_s;

// NOT NULL text columns: a null QString would be bound as SQL NULL.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QString(u""_s)) : QVariant(value);
}

// Empty ids and numbers are stored as NULL so that they never match each other: UNIQUE allows any number of
// NULL external ids, and the phone index never pairs two customers without a number.
QVariant textOrNull(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(value);
}

// A WHERE condition on customers (as `c`) and the values of its placeholders, in order.
struct SearchFilter
{
    QString where;
    QVariantList values;
};

QString likeEscaped(QString text)
{
    return text.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
}

SearchFilter searchFilter(const CustomerQuery &query)
{
    const QString text = query.text.simplified();
    SearchFilter filter;
    if (text.isEmpty()) {
        filter.where = u"1"_s;
        return filter;
    }
    if (const NumberSearch number(text, query.defaultRegion); number.isNumber()) {
        // The digits find "123-4567" inside +15551234567; the national start finds the UK's "020 79" in
        // +442079…, whose trunk 0 the E.164 form lacks; the whole number finds any written form of it.
        QStringList alternatives;
        if (!number.e164Prefix().isEmpty()) {
            alternatives.append(u"c.phone_e164 LIKE ?"_s);
            filter.values.append(QString(number.e164Prefix() + u'%'));
        } else {
            alternatives.append(u"c.phone_e164 LIKE ?"_s);
            filter.values.append(QString(u'%' + number.digits() + u'%'));
        }
        if (!number.nationalStart().isEmpty()) {
            alternatives.append(u"c.phone_e164 LIKE ?"_s);
            filter.values.append(QString(number.nationalStart() + u'%'));
        }
        if (!number.e164().isEmpty()) {
            alternatives.append(u"c.phone_e164 = ?"_s);
            filter.values.append(number.e164());
        }
        filter.where = u'(' + alternatives.join(u" OR "_s) + u')';
        return filter;
    }
    // Every word somewhere in the name, so "lopez maria" finds Maria Lopez. SQLite's LIKE ignores the case
    // of ASCII letters only. A few words are plenty, and keep the number of cached statements small.
    QStringList words = text.split(u' ', Qt::SkipEmptyParts).mid(0, 6);
    QStringList conditions;
    for (const QString &word : std::as_const(words)) {
        conditions.append(u"c.name LIKE ? ESCAPE '\\'"_s);
        filter.values.append(QString(u'%' + likeEscaped(word) + u'%'));
    }
    filter.where = u'(' + conditions.join(u" AND "_s) + u')';
    return filter;
}

// The ORDER BY terms: customers without a name, number or booking come last in either direction, and the
// id breaks ties so that pages never overlap.
QString searchOrder(const CustomerQuery &query)
{
    const QString direction = query.descending ? u" DESC"_s : QString();
    switch (query.sort) {
    case CustomerQuery::Sort::Name:
        break;
    case CustomerQuery::Sort::Phone:
        return u"c.phone_e164 IS NULL, c.phone_e164"_s + direction + u", c.id"_s;
    case CustomerQuery::Sort::NextBooking:
        return u"next_start IS NULL, next_start"_s + direction + u", c.name COLLATE NOCASE, c.id"_s;
    }
    return u"c.name = '', c.name COLLATE NOCASE"_s + direction + u", c.id"_s;
}

// The start of the customer's earliest active booking; the same test as Booking::isActiveAt, on the
// (customer_id, ends_at) index.
const QString s_nextStart = u"(SELECT min(b.starts_at) FROM bookings b WHERE b.customer_id = c.id AND "
                            u"b.ends_at > ? AND b.status IN ('confirmed', 'pending')) AS next_start"_s;

} // namespace

CustomerStore::CustomerStore(Database &db)
    : m_db(db)
{
}

Customer CustomerStore::fromRow(const SqlRow &row, int first)
{
    Customer customer;
    customer.id = row.integer(first + 0);
    customer.externalId = row.text(first + 1);
    customer.name = row.text(first + 2);
    customer.phoneRaw = row.text(first + 3);
    customer.phoneE164 = row.text(first + 4);
    customer.email = row.text(first + 5);
    customer.notes = row.text(first + 6);
    customer.assignedStaff = row.text(first + 7);
    return customer;
}

std::optional<Customer> CustomerStore::findOne(const QString &sql, const QVariant &key)
{
    QSqlQuery &query = m_db.prepared(sql);
    query.bindValue(0, key);
    std::optional<Customer> found;
    if (!query.exec())
        qCWarning(lcStorage) << "Cannot read a customer:" << query.lastError().text();
    else if (query.next())
        found = fromRow(QueryRow(query));
    query.finish();
    return found;
}

std::optional<Customer> CustomerStore::findById(qint64 id)
{
    return findOne(u"SELECT "_s + s_columns + u" FROM customers WHERE id = ?"_s, id);
}

std::optional<Customer> CustomerStore::findByExternalId(const QString &externalId)
{
    if (externalId.isEmpty())
        return std::nullopt;
    return findOne(u"SELECT "_s + s_columns + u" FROM customers WHERE external_id = ?"_s, externalId);
}

QList<Customer> CustomerStore::findByPhone(const QString &e164)
{
    QList<Customer> customers;
    if (e164.isEmpty())
        return customers;
    QSqlQuery &query =
        m_db.prepared(u"SELECT "_s + s_columns + u" FROM customers WHERE phone_e164 = ? ORDER BY id"_s);
    query.bindValue(0, e164);
    if (!query.exec())
        qCWarning(lcStorage) << "Cannot look up customers by phone:" << query.lastError().text();
    while (query.next())
        customers.append(fromRow(QueryRow(query)));
    query.finish();
    return customers;
}

Result<qint64> CustomerStore::insert(const Customer &customer)
{
    QSqlQuery &query = m_db.prepared(u"INSERT INTO customers(external_id, name, phone_raw, phone_e164, "
                                     u"email, notes, assigned_staff) VALUES(?, ?, ?, ?, ?, ?, ?)"_s);
    query.bindValue(0, textOrNull(customer.externalId));
    query.bindValue(1, text(customer.name));
    query.bindValue(2, text(customer.phoneRaw));
    query.bindValue(3, textOrNull(customer.phoneE164));
    query.bindValue(4, customer.email);
    query.bindValue(5, customer.notes);
    query.bindValue(6, textOrNull(customer.assignedStaff));
    if (!query.exec()) {
        const QString error = m_db.describe(query.lastError());
        query.finish();
        qCWarning(lcStorage) << "Cannot insert a customer:" << error;
        return Result<qint64>::failure(error);
    }
    const qint64 id = query.lastInsertId().toLongLong();
    query.finish();
    return id;
}

bool CustomerStore::update(const Customer &customer, QString *error)
{
    QSqlQuery &query = m_db.prepared(u"UPDATE customers SET external_id = ?, name = ?, phone_raw = ?, "
                                     u"phone_e164 = ?, email = ?, notes = ?, assigned_staff = ? "
                                     u"WHERE id = ?"_s);
    query.bindValue(0, textOrNull(customer.externalId));
    query.bindValue(1, text(customer.name));
    query.bindValue(2, text(customer.phoneRaw));
    query.bindValue(3, textOrNull(customer.phoneE164));
    query.bindValue(4, customer.email);
    query.bindValue(5, customer.notes);
    query.bindValue(6, textOrNull(customer.assignedStaff));
    query.bindValue(7, customer.id);
    if (!query.exec()) {
        if (error)
            *error = m_db.describe(query.lastError());
        qCWarning(lcStorage) << "Cannot update customer" << customer.id << query.lastError().text();
        query.finish();
        return false;
    }
    const bool found = query.numRowsAffected() > 0;
    query.finish();
    if (!found && error)
        *error = tr("There is no customer with id %1.").arg(customer.id);
    return found;
}

bool CustomerStore::run(const QString &sql, const QVariantList &values, QString *error)
{
    QSqlQuery &query = m_db.prepared(sql);
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    const bool ok = query.exec();
    if (!ok) {
        *error = m_db.describe(query.lastError());
        qCWarning(lcStorage) << "SQL failed:" << sql << query.lastError().text();
    }
    query.finish();
    return ok;
}

bool CustomerStore::remove(qint64 customerId, QString *error)
{
    QString why;
    const bool removed = m_db.transaction(
        [&] {
            if (!findById(customerId)) {
                why = tr("There is no customer with id %1.").arg(customerId);
                return false;
            }
            // The call log's rows reference customers and bookings by row id without a foreign key, and
            // SQLite may give the highest row id again once it is deleted. The calls (read by their number
            // and timeline) are kept; only the links to what is deleted go. Neither column is indexed (an
            // index would cost every webhook's write), so each statement reads the call log once.
            return run(u"UPDATE call_sessions SET booking_id = NULL "
                       u"WHERE booking_id IN (SELECT id FROM bookings WHERE customer_id = ?)"_s,
                       { customerId }, &why)
                && run(u"UPDATE call_sessions SET customer_id = NULL WHERE customer_id = ?"_s, { customerId },
                    &why)
                && run(u"DELETE FROM bookings WHERE customer_id = ?"_s, { customerId }, &why)
                && run(u"DELETE FROM customers WHERE id = ?"_s, { customerId }, &why);
        },
        &why);
    if (!removed && error)
        *error = why;
    return removed;
}

bool CustomerStore::merge(qint64 keptId, qint64 duplicateId, QString *error)
{
    QString why;
    const bool merged = m_db.transaction(
        [&] {
            if (keptId == duplicateId) {
                why = tr("A customer cannot be merged with themselves.");
                return false;
            }
            const std::optional<Customer> kept = findById(keptId);
            const std::optional<Customer> duplicate = findById(duplicateId);
            if (!kept || !duplicate) {
                why = tr("There is no customer with id %1.").arg(kept ? duplicateId : keptId);
                return false;
            }
            Customer combined = mergedCustomer(*kept, *duplicate);
            // The duplicate goes before the kept customer takes its import id, which is UNIQUE.
            if (!run(u"UPDATE bookings SET customer_id = ? WHERE customer_id = ?"_s, { keptId, duplicateId },
                    &why)
                || !run(u"UPDATE call_sessions SET customer_id = ? WHERE customer_id = ?"_s,
                    { keptId, duplicateId }, &why)
                || !run(u"DELETE FROM customers WHERE id = ?"_s, { duplicateId }, &why))
                return false;
            return update(combined, &why);
        },
        &why);
    if (!merged && error)
        *error = why;
    return merged;
}

Result<UpsertResult> CustomerStore::upsert(const Customer &customer, Fields fields)
{
    if (customer.externalId.isEmpty())
        return Result<UpsertResult>::failure(tr("A customer needs an id to be inserted or updated by id."));

    // Insert first: on a first import every row is new and this is the only statement. No RETURNING: it
    // makes every insert several microseconds slower, and the row count and rowid say the same.
    QSqlQuery &insert = m_db.prepared(
        u"INSERT INTO customers(external_id, name, phone_raw, phone_e164, email, notes, assigned_staff) "
        u"VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(external_id) DO NOTHING"_s);
    insert.bindValue(0, customer.externalId);
    insert.bindValue(1, text(customer.name));
    insert.bindValue(2, text(customer.phoneRaw));
    insert.bindValue(3, textOrNull(customer.phoneE164));
    insert.bindValue(4, customer.email);
    insert.bindValue(5, customer.notes);
    // A new customer gets the staff id whatever `fields` says: there is nothing earlier to keep.
    insert.bindValue(6, textOrNull(customer.assignedStaff));
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

    const std::optional<qint64> id = idForExternalId(customer.externalId);
    if (!id)
        return Result<UpsertResult>::failure(
            tr("The customer %1 could not be read back for updating.").arg(customer.externalId));
    QSqlQuery &update = m_db.prepared(u"UPDATE customers SET "
                                      u"name = CASE WHEN ? THEN ? ELSE name END, "
                                      u"phone_raw = CASE WHEN ? THEN ? ELSE phone_raw END, "
                                      u"phone_e164 = CASE WHEN ? THEN ? ELSE phone_e164 END, "
                                      u"email = CASE WHEN ? THEN ? ELSE email END, "
                                      u"notes = CASE WHEN ? THEN ? ELSE notes END, "
                                      u"assigned_staff = CASE WHEN ? THEN ? ELSE assigned_staff END "
                                      u"WHERE id = ?"_s);
    const bool phone = fields.testFlag(Field::Phone);
    update.bindValue(0, fields.testFlag(Field::Name));
    update.bindValue(1, text(customer.name));
    update.bindValue(2, phone);
    update.bindValue(3, text(customer.phoneRaw));
    update.bindValue(4, phone);
    update.bindValue(5, textOrNull(customer.phoneE164));
    update.bindValue(6, fields.testFlag(Field::Email));
    update.bindValue(7, customer.email);
    update.bindValue(8, fields.testFlag(Field::Notes));
    update.bindValue(9, customer.notes);
    update.bindValue(10, fields.testFlag(Field::AssignedStaff));
    update.bindValue(11, textOrNull(customer.assignedStaff));
    update.bindValue(12, *id);
    if (!update.exec()) {
        const QString error = m_db.describe(update.lastError());
        update.finish();
        return Result<UpsertResult>::failure(error);
    }
    update.finish();
    return UpsertResult{*id, false};
}

std::optional<qint64> CustomerStore::idForExternalId(const QString &externalId)
{
    QSqlQuery &query = m_db.prepared(u"SELECT id FROM customers WHERE external_id = ?"_s);
    query.bindValue(0, externalId);
    std::optional<qint64> id;
    if (!query.exec())
        qCWarning(lcStorage) << "Cannot look up a customer:" << query.lastError().text();
    else if (query.next())
        id = query.value(0).toLongLong();
    query.finish();
    return id;
}

qint64 CustomerStore::count()
{
    QSqlQuery &query = m_db.prepared(u"SELECT count(*) FROM customers"_s);
    qint64 count = 0;
    if (query.exec() && query.next())
        count = query.value(0).toLongLong();
    else
        qCWarning(lcStorage) << "Cannot count customers:" << query.lastError().text();
    query.finish();
    return count;
}

QList<CustomerRow> CustomerStore::search(const CustomerQuery &q)
{
    const SearchFilter filter = searchFilter(q);
    const QString order = searchOrder(q);
    QString sql;
    if (q.sort == CustomerQuery::Sort::NextBooking) {
        sql = u"SELECT "_s + s_columns + u", "_s + s_nextStart + u" FROM customers c WHERE "_s + filter.where
            + u" ORDER BY "_s + order + u" LIMIT ? OFFSET ?"_s;
    } else {
        // The page first, then the next booking of its customers only: 50k subqueries for one page of
        // names would be most of the time spent.
        sql = u"SELECT "_s + s_columns + u", "_s + s_nextStart + u" FROM (SELECT "_s + s_columns
            + u" FROM customers c WHERE "_s + filter.where + u" ORDER BY "_s + order
            + u" LIMIT ? OFFSET ?) c ORDER BY "_s + order;
    }
    QSqlQuery &query = m_db.prepared(sql);
    const QDateTime now = q.now.isValid() ? q.now : QDateTime::currentDateTimeUtc();
    int position = 0;
    query.bindValue(position++, now.toMSecsSinceEpoch());
    for (const QVariant &value : filter.values)
        query.bindValue(position++, value);
    query.bindValue(position++, q.limit > 0 ? q.limit : -1);
    query.bindValue(position++, qMax(0, q.offset));

    QList<CustomerRow> rows;
    if (!query.exec())
        qCWarning(lcStorage) << "Cannot search customers:" << query.lastError().text();
    while (query.next()) {
        CustomerRow row;
        row.customer = fromRow(QueryRow(query));
        const QVariant next = query.value(8);
        if (!next.isNull())
            row.nextBooking = QDateTime::fromMSecsSinceEpoch(next.toLongLong(), Qt::UTC);
        rows.append(row);
    }
    query.finish();
    return rows;
}

qint64 CustomerStore::count(const CustomerQuery &q)
{
    const SearchFilter filter = searchFilter(q);
    QSqlQuery &query = m_db.prepared(u"SELECT count(*) FROM customers c WHERE "_s + filter.where);
    for (int i = 0; i < filter.values.size(); ++i)
        query.bindValue(i, filter.values.at(i));
    qint64 count = 0;
    if (query.exec() && query.next())
        count = query.value(0).toLongLong();
    else
        qCWarning(lcStorage) << "Cannot count customers:" << query.lastError().text();
    query.finish();
    return count;
}
