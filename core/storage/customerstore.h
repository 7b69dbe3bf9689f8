// Reads and writes customers; all customer SQL lives here.
#pragma once

#include "common/result.h"
#include "customer.h"
#include "customerquery.h"
#include "customerrow.h"
#include "upsertresult.h"

#include <QCoreApplication>
#include <QFlags>
#include <QList>

#include <optional>

class Database;
class SqlRow;
class QSqlQuery;

class CustomerStore
{
    Q_DECLARE_TR_FUNCTIONS(CustomerStore)

public:
    // The fields an upsert overwrites on an existing customer; a CSV without an email column must not
    // wipe the emails saved by an earlier import.
    enum class Field {
        Name = 0x1,
        Phone = 0x2, // phone_raw and phone_e164 together
        Email = 0x4,
        Notes = 0x8,
        AssignedStaff = 0x10,
    };
    Q_DECLARE_FLAGS(Fields, Field)
    static constexpr Fields AllFields = Fields(0x1f);

    explicit CustomerStore(Database &db);

    std::optional<Customer> findById(qint64 id);
    std::optional<Customer> findByExternalId(const QString &externalId);
    // Just the id, for importers that only need to point at the customer.
    std::optional<qint64> idForExternalId(const QString &externalId);
    // Every customer saved with this E.164 number, oldest first.
    QList<Customer> findByPhone(const QString &e164);

    // Saves a new customer (its id is ignored) and returns the new id.
    Result<qint64> insert(const Customer &customer);
    // Overwrites every field of the customer with customer.id.
    bool update(const Customer &customer, QString *error = nullptr);
    // Deletes the customer and their bookings, in one transaction. Their calls stay in the call log with
    // the caller's number and timeline; the calls' links to the customer and the deleted bookings are
    // cleared, so that a customer or booking saved later under a reused row id never claims them. False
    // and *error (nothing changed) when there is no such customer or the database fails.
    bool remove(qint64 customerId, QString *error = nullptr);
    // Merges the duplicate into the kept customer, in one transaction: the duplicate's bookings and calls
    // move to the kept one, which takes mergedCustomer()'s details, and the duplicate is deleted. False and
    // *error (nothing changed) when either is missing, they are the same, or the database fails.
    bool merge(qint64 keptId, qint64 duplicateId, QString *error = nullptr);
    // Inserts the customer, or updates `fields` of the one with the same (non-empty) external id.
    Result<UpsertResult> upsert(const Customer &customer, Fields fields = AllFields);

    qint64 count();

    // One page of the customers matching q.text, in q's order: the customer list of the desktop app, which
    // pages through tens of thousands of customers. A text that looks like a phone number (digits and
    // + ( ) - . / spaces) matches the customers with that number, read in any written form, or whose
    // number contains its digits; any other text matches the names containing each of its words.
    QList<CustomerRow> search(const CustomerQuery &q);
    // How many customers match q.text (q's order and page do not matter).
    qint64 count(const CustomerQuery &q);

    // Reads the columns "id, external_id, name, phone_raw, phone_e164, email, notes, assigned_staff" from
    // `first` on;
    // lets other storage queries that join customers build the same value.
    static Customer fromRow(const SqlRow &row, int first = 0);

private:
    std::optional<Customer> findOne(const QString &sql, const QVariant &key);
    // Runs one statement whose placeholders take `values` in order; *error on failure.
    bool run(const QString &sql, const QVariantList &values, QString *error);

    Database &m_db;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(CustomerStore::Fields)
