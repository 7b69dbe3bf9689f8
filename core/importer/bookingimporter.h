// Imports bookings from CSV: booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff.
#pragma once

#include "csvtableimporter.h"
#include "phone/phonenormalizer.h"
#include "storage/bookingstore.h"
#include "storage/customerstore.h"

#include <QHash>
#include <QTimeZone>

#include <optional>

// A booking names its customer by customer_id, which must be a customer already saved; without a
// customer_id, by phone: the customer saved with that number (the first saved, when several share it), or
// a new one created with customer_name and that phone. starts_at and ends_at are ISO 8601 with an offset
// (Z or ±hh:mm), or local time without one, read in `localZone`; ends_at defaults to one hour after the
// start and may not be before it; through a column mapping, the dates of its DateOrder are read too (see
// WrittenDateTime). An empty status means confirmed. A booking_id used twice in one file is
// a bad row. Re-importing a booking overwrites all of its fields.
class BookingImporter : public CsvTableImporter
{
    Q_DECLARE_TR_FUNCTIONS(BookingImporter)

public:
    explicit BookingImporter(Database &db, const QString &defaultRegion = QStringLiteral("US"),
                             const QTimeZone &localZone = QTimeZone::systemTimeZone());

    QStringList columns() const override;

protected:
    QString startImport(const CsvHeader &header, const QString &sourceName) override;
    RowResult importRow(const CsvRecord &record, QList<ImportRowError> *problems, ImportReport *report,
        QString *failure) override;

private:
    qint64 customerWithId(const QString &externalId);
    qint64 customerWithPhone(const QString &e164);
    std::optional<QString> normalizedPhone(const QString &written);

    BookingStore m_bookings;
    CustomerStore m_customers;
    PhoneNormalizer m_phone;
    QTimeZone m_localZone;
    int m_idColumn = -1;
    int m_customerIdColumn = -1;
    int m_customerNameColumn = -1;
    int m_phoneColumn = -1;
    int m_startsColumn = -1;
    int m_endsColumn = -1;
    int m_statusColumn = -1;
    int m_serviceColumn = -1;
    int m_staffColumn = -1;
    // Per import, so that a file with 1M bookings of 100k customers asks the database once per customer.
    // 0 means "no such customer".
    QHash<QString, qint64> m_customerByExternalId;
    QHash<QString, qint64> m_customerByPhone;
    // Normalising a number takes libphonenumber ~25 µs; a bookings file repeats each customer's number.
    QHash<QString, std::optional<QString>> m_e164ByWritten;
    QHash<QString, int> m_lineOfId; // booking_id → the line it was first seen on in this file
};
