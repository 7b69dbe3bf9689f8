// Imports bookings from CSV: booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff.
#include "bookingimporter.h"

#include "writtendatetime.h"

#include <optional>

using namespace Qt::StringLiterals;

namespace {

const QString s_columns = u"booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff"_s;

} // namespace

BookingImporter::BookingImporter(Database &db, const QString &defaultRegion, const QTimeZone &localZone)
    : CsvTableImporter(db)
    , m_bookings(db)
    , m_customers(db)
    , m_phone(defaultRegion)
    , m_localZone(localZone)
{
}

QStringList BookingImporter::columns() const
{
    return s_columns.split(u',');
}

QString BookingImporter::startImport(const CsvHeader &header, const QString &sourceName)
{
    QStringList missing = header.missing({u"booking_id"_s, u"starts_at"_s});
    if (!header.contains(u"customer_id"_s) && !header.contains(u"phone"_s))
        missing.append(tr("customer_id or phone"));
    const QString error = headerError(sourceName, missing, header.repeated(s_columns.split(u',')), s_columns);
    if (!error.isEmpty())
        return error;

    m_idColumn = header.indexOf(u"booking_id"_s);
    m_customerIdColumn = header.indexOf(u"customer_id"_s);
    m_customerNameColumn = header.indexOf(u"customer_name"_s);
    m_phoneColumn = header.indexOf(u"phone"_s);
    m_startsColumn = header.indexOf(u"starts_at"_s);
    m_endsColumn = header.indexOf(u"ends_at"_s);
    m_statusColumn = header.indexOf(u"status"_s);
    m_serviceColumn = header.indexOf(u"service"_s);
    m_staffColumn = header.indexOf(u"staff"_s);
    m_customerByExternalId.clear();
    m_customerByPhone.clear();
    m_e164ByWritten.clear();
    m_lineOfId.clear();
    return {};
}

qint64 BookingImporter::customerWithId(const QString &externalId)
{
    auto it = m_customerByExternalId.constFind(externalId);
    if (it == m_customerByExternalId.cend()) {
        it = m_customerByExternalId.insert(externalId, m_customers.idForExternalId(externalId).value_or(0));
    }
    return *it;
}

qint64 BookingImporter::customerWithPhone(const QString &e164)
{
    auto it = m_customerByPhone.constFind(e164);
    if (it == m_customerByPhone.cend()) {
        const QList<Customer> customers = m_customers.findByPhone(e164);
        it = m_customerByPhone.insert(e164, customers.isEmpty() ? 0 : customers.first().id);
    }
    return *it;
}

std::optional<QString> BookingImporter::normalizedPhone(const QString &written)
{
    auto it = m_e164ByWritten.constFind(written);
    if (it == m_e164ByWritten.cend())
        it = m_e164ByWritten.insert(written, m_phone.toE164(written));
    return *it;
}

CsvTableImporter::RowResult BookingImporter::importRow(
    const CsvRecord &record, QList<ImportRowError> *problems, ImportReport *report, QString *failure)
{
    const auto problem = [&](const QString &column, const QString &reason) {
        problems->append({ record.line, reason, column });
    };
    // ISO 8601 always; through a column mapping, also the dates of the order the owner saw it read in.
    const DateOrder dateOrder = columnMapping() ? columnMapping()->dateOrder() : DateOrder::IsoOnly;
    Booking booking;
    booking.externalId = CsvHeader::value(record, m_idColumn);
    if (booking.externalId.isEmpty()) {
        problem(u"booking_id"_s, tr("booking_id is empty"));
    } else if (const auto seen = m_lineOfId.constFind(booking.externalId); seen != m_lineOfId.cend()) {
        problem(u"booking_id"_s,
            tr("booking_id \"%1\" is already used on line %2").arg(booking.externalId).arg(*seen));
    } else {
        m_lineOfId.insert(booking.externalId, record.line);
    }

    // The customer: by id, else by phone; a customer to create is only created once the row is known good.
    const QString customerId = CsvHeader::value(record, m_customerIdColumn);
    const QString phone = CsvHeader::value(record, m_phoneColumn);
    QString newCustomerE164;
    if (!customerId.isEmpty()) {
        booking.customerId = customerWithId(customerId);
        if (booking.customerId == 0)
            problem(u"customer_id"_s,
                tr("customer_id \"%1\" is not a known customer; import the customers first").arg(customerId));
    } else if (!phone.isEmpty()) {
        if (const std::optional<QString> e164 = normalizedPhone(phone)) {
            booking.customerId = customerWithPhone(*e164);
            if (booking.customerId == 0)
                newCustomerE164 = *e164;
        } else {
            problem(u"phone"_s, tr("phone \"%1\" is not a phone number").arg(phone));
        }
    } else {
        problem(u"customer_id"_s, tr("the booking names no customer: customer_id and phone are both empty"));
    }

    const QString startsText = CsvHeader::value(record, m_startsColumn);
    if (startsText.isEmpty()) {
        problem(u"starts_at"_s, tr("starts_at is empty"));
    } else {
        booking.startsAt = WrittenDateTime::read(startsText, dateOrder, m_localZone);
        if (!booking.startsAt.isValid())
            problem(u"starts_at"_s,
                tr("starts_at \"%1\" is not a date and time like %2")
                    .arg(startsText, WrittenDateTime::example(dateOrder)));
    }
    const QString endsText = CsvHeader::value(record, m_endsColumn);
    if (endsText.isEmpty()) {
        if (booking.startsAt.isValid())
            booking.endsAt = booking.startsAt.addSecs(3600);
    } else {
        booking.endsAt = WrittenDateTime::read(endsText, dateOrder, m_localZone);
        if (!booking.endsAt.isValid())
            problem(u"ends_at"_s,
                tr("ends_at \"%1\" is not a date and time like %2")
                    .arg(endsText, WrittenDateTime::example(dateOrder, true)));
        else if (booking.startsAt.isValid() && booking.endsAt < booking.startsAt)
            problem(u"ends_at"_s, tr("ends_at \"%1\" is before starts_at \"%2\"").arg(endsText, startsText));
    }

    const QString statusText = CsvHeader::value(record, m_statusColumn);
    if (!statusText.isEmpty()) {
        if (const std::optional<BookingStatus> status = bookingStatusFromName(statusText))
            booking.status = *status;
        else
            problem(u"status"_s,
                tr("status \"%1\" is not one of %2").arg(statusText, bookingStatusNames().join(u", "_s)));
    }
    booking.service = CsvHeader::value(record, m_serviceColumn);
    booking.staff = CsvHeader::value(record, m_staffColumn);

    if (!problems->isEmpty())
        return RowResult::Invalid;

    if (!newCustomerE164.isEmpty()) {
        Customer customer;
        customer.name = CsvHeader::value(record, m_customerNameColumn);
        customer.phoneRaw = phone;
        customer.phoneE164 = newCustomerE164;
        const Result<qint64> created = m_customers.insert(customer);
        if (!created) {
            *failure = created.error();
            return RowResult::Failed;
        }
        booking.customerId = created.value();
        m_customerByPhone.insert(newCustomerE164, booking.customerId);
        ++report->customersCreated;
    }

    const Result<UpsertResult> saved = m_bookings.upsert(booking);
    if (!saved) {
        *failure = saved.error();
        return RowResult::Failed;
    }
    return saved->inserted ? RowResult::Inserted : RowResult::Updated;
}
