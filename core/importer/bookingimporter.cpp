// Imports bookings from CSV: booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff.
#include "bookingimporter.h"

#include <optional>

using namespace Qt::StringLiterals;

namespace {

const QString s_columns = u"booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff"_s;

// Reads `count` ASCII digits at `pos`.
bool readDigits(QStringView text, qsizetype pos, qsizetype count, int *value)
{
    if (pos + count > text.size())
        return false;
    int result = 0;
    for (qsizetype i = pos; i < pos + count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return false;
        result = result * 10 + (c - u'0');
    }
    *value = result;
    return true;
}

// "Z", "+hh:mm", "+hhmm" or "+hh" (or with "-") as seconds east of UTC.
std::optional<int> readOffset(QStringView text)
{
    if (text.compare(u"Z", Qt::CaseInsensitive) == 0)
        return 0;
    if (text.isEmpty() || (text[0] != u'+' && text[0] != u'-'))
        return std::nullopt;
    const int sign = text[0] == u'-' ? -1 : 1;
    int hours = 0;
    int minutes = 0;
    if (!readDigits(text, 1, 2, &hours))
        return std::nullopt;
    if (text.size() == 3) {
    } else if (text.size() == 6 && text[3] == u':') {
        if (!readDigits(text, 4, 2, &minutes))
            return std::nullopt;
    } else if (text.size() == 5) {
        if (!readDigits(text, 3, 2, &minutes))
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (hours > 14 || minutes > 59)
        return std::nullopt;
    return sign * (hours * 3600 + minutes * 60);
}

// ISO 8601 "2026-03-01T09:30", optionally with seconds and a fraction, then an optional offset. A space may
// stand for the T, as spreadsheets write it. Without an offset the time is local to `localZone`. Written by
// hand rather than with Qt::ISODate to read local times in a given zone and to stay fast on 1M rows.
QDateTime parseIsoDateTime(QStringView text, const QTimeZone &localZone)
{
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, msec = 0;
    if (!readDigits(text, 0, 4, &year) || text.size() < 16 || text[4] != u'-' || !readDigits(text, 5, 2, &month)
        || text[7] != u'-' || !readDigits(text, 8, 2, &day)
        || (text[10] != u'T' && text[10] != u't' && text[10] != u' ') || !readDigits(text, 11, 2, &hour)
        || text[13] != u':' || !readDigits(text, 14, 2, &minute))
        return {};
    qsizetype pos = 16;
    if (pos < text.size() && text[pos] == u':') {
        if (!readDigits(text, pos + 1, 2, &second))
            return {};
        pos += 3;
        if (pos < text.size() && (text[pos] == u'.' || text[pos] == u',')) {
            ++pos;
            const qsizetype start = pos;
            int scale = 100;
            while (pos < text.size() && text[pos].isDigit()) {
                msec += scale * (text[pos].unicode() - u'0');
                scale /= 10;
                ++pos;
            }
            if (pos == start)
                return {};
        }
    }
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, msec);
    if (!date.isValid() || !time.isValid())
        return {};
    if (pos == text.size())
        return QDateTime(date, time, localZone).toUTC();
    const std::optional<int> offset = readOffset(text.sliced(pos));
    if (!offset)
        return {};
    return QDateTime(date, time, Qt::OffsetFromUTC, *offset).toUTC();
}

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

CsvTableImporter::RowResult BookingImporter::importRow(const CsvRecord &record, QStringList *reasons,
                                                       ImportReport *report, QString *failure)
{
    Booking booking;
    booking.externalId = CsvHeader::value(record, m_idColumn);
    if (booking.externalId.isEmpty()) {
        reasons->append(tr("booking_id is empty"));
    } else if (const auto seen = m_lineOfId.constFind(booking.externalId); seen != m_lineOfId.cend()) {
        reasons->append(tr("booking_id \"%1\" is already used on line %2").arg(booking.externalId).arg(*seen));
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
            reasons->append(tr("customer_id \"%1\" is not a known customer; import the customers first")
                                .arg(customerId));
    } else if (!phone.isEmpty()) {
        if (const std::optional<QString> e164 = normalizedPhone(phone)) {
            booking.customerId = customerWithPhone(*e164);
            if (booking.customerId == 0)
                newCustomerE164 = *e164;
        } else {
            reasons->append(tr("phone \"%1\" is not a phone number").arg(phone));
        }
    } else {
        reasons->append(tr("the booking names no customer: customer_id and phone are both empty"));
    }

    const QString startsText = CsvHeader::value(record, m_startsColumn);
    if (startsText.isEmpty()) {
        reasons->append(tr("starts_at is empty"));
    } else {
        booking.startsAt = parseIsoDateTime(startsText, m_localZone);
        if (!booking.startsAt.isValid())
            reasons->append(tr("starts_at \"%1\" is not a date and time like 2026-03-01T09:30 or "
                               "2026-03-01T09:30-05:00")
                                .arg(startsText));
    }
    const QString endsText = CsvHeader::value(record, m_endsColumn);
    if (endsText.isEmpty()) {
        if (booking.startsAt.isValid())
            booking.endsAt = booking.startsAt.addSecs(3600);
    } else {
        booking.endsAt = parseIsoDateTime(endsText, m_localZone);
        if (!booking.endsAt.isValid())
            reasons->append(tr("ends_at \"%1\" is not a date and time like 2026-03-01T10:30 or "
                               "2026-03-01T10:30-05:00")
                                .arg(endsText));
        else if (booking.startsAt.isValid() && booking.endsAt < booking.startsAt)
            reasons->append(tr("ends_at \"%1\" is before starts_at \"%2\"").arg(endsText, startsText));
    }

    const QString statusText = CsvHeader::value(record, m_statusColumn);
    if (!statusText.isEmpty()) {
        if (const std::optional<BookingStatus> status = bookingStatusFromName(statusText))
            booking.status = *status;
        else
            reasons->append(tr("status \"%1\" is not one of %2").arg(statusText, bookingStatusNames().join(u", "_s)));
    }
    booking.service = CsvHeader::value(record, m_serviceColumn);
    booking.staff = CsvHeader::value(record, m_staffColumn);

    if (!reasons->isEmpty())
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
