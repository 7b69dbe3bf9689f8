// Tests of BookingImporter: the bookings CSV rules of DESIGN.md, on real files in a temp data dir.
#include "importer/bookingimporter.h"
#include "importer/columnmapping.h"
#include "importer/customerimporter.h"
#include "storage/bookinglookup.h"
#include "storage/bookingstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(DateOrder)

class tst_BookingImporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void importsBookingsOfKnownCustomers();
    void readsTimes_data();
    void readsTimes();
    void refusesBadTimes_data();
    void refusesBadTimes();
    void endsAtDefaultsToOneHourAfterStart();
    void readsStatuses_data();
    void readsStatuses();
    void createsCustomerFromPhone();
    void writtenFormsEndAsOneCustomer();
    void findsExistingCustomerByPhone();
    void onlyActiveBookingsRouteToTheAgent_data();
    void onlyActiveBookingsRouteToTheAgent();
    void badRowsImportNothingAndAreAllListed();
    void skipInvalidImportsTheGoodRows();
    void reimportUpdatesById();
    void refusesMissingColumns_data();
    void refusesMissingColumns();
    void importsFromADevice();
    void readsWrittenDatesThroughAMapping_data();
    void readsWrittenDatesThroughAMapping();
    void namesTheFormItReadsInErrors();

private:
    ImportReport importBookings(const QByteArray &contents, bool skipInvalid = false);
    void importCustomers(const QByteArray &contents);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
};

namespace {

const QTimeZone s_newYork("America/New_York");
const QDateTime s_now(QDate(2026, 3, 2), QTime(15, 0), Qt::UTC); // 10:00 in New York

QString describe(const ImportReport &report)
{
    QStringList lines{report.fileError};
    for (const ImportRowError &error : report.errors)
        lines.append(u"line %1: %2"_s.arg(error.line).arg(error.reason));
    return lines.join(u'\n');
}

QDateTime utc(int year, int month, int day, int hour, int minute, int second = 0, int msec = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, msec), Qt::UTC);
}

} // namespace

void tst_BookingImporter::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_db = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
}

void tst_BookingImporter::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

ImportReport tst_BookingImporter::importBookings(const QByteArray &contents, bool skipInvalid)
{
    const QString path = m_dir->writeFile(u"bookings.csv"_s, contents);
    BookingImporter importer(*m_db, u"US"_s, s_newYork);
    return importer.importFile(path, skipInvalid);
}

void tst_BookingImporter::importCustomers(const QByteArray &contents)
{
    const QString path = m_dir->writeFile(u"customers.csv"_s, contents);
    const ImportReport report = CustomerImporter(*m_db).importFile(path, false);
    QVERIFY2(report.committed, qPrintable(describe(report)));
}

void tst_BookingImporter::importsBookingsOfKnownCustomers()
{
    importCustomers("customer_id,name,phone\nC1,Ada,555-123-4567\nC2,Bob,555-000-2222\n");
    const ImportReport report = importBookings(
        "\xEF\xBB\xBF"
        "booking_id,customer_id,starts_at,ends_at,status,service,staff,room\r\n"
        "B1,C1,2026-03-02T09:00:00-05:00,2026-03-02T10:30:00-05:00,confirmed,\"Cleaning, full\",alice,3\r\n"
        "B2,C2,2026-03-03T14:00:00Z,,pending,Whitening,,\r\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 2);
    QCOMPARE(report.updated, 0);
    QCOMPARE(report.customersCreated, 0);

    BookingStore bookings(*m_db);
    CustomerStore customers(*m_db);
    const std::optional<Booking> b1 = bookings.findByExternalId(u"B1"_s);
    QVERIFY(b1);
    QCOMPARE(b1->customerId, customers.findByExternalId(u"C1"_s)->id);
    QCOMPARE(b1->startsAt, utc(2026, 3, 2, 14, 0));
    QCOMPARE(b1->endsAt, utc(2026, 3, 2, 15, 30));
    QCOMPARE(b1->status, BookingStatus::Confirmed);
    QCOMPARE(b1->service, u"Cleaning, full"_s);
    QCOMPARE(b1->staff, u"alice"_s);
    const std::optional<Booking> b2 = bookings.findByExternalId(u"B2"_s);
    QCOMPARE(b2->customerId, customers.findByExternalId(u"C2"_s)->id);
    QCOMPARE(b2->status, BookingStatus::Pending);
    QCOMPARE(b2->staff, QString());
    QCOMPARE(customers.count(), 2);
}

void tst_BookingImporter::readsTimes_data()
{
    QTest::addColumn<QString>("written");
    QTest::addColumn<QDateTime>("expected");

    QTest::newRow("Z") << u"2026-03-02T09:00:00Z"_s << utc(2026, 3, 2, 9, 0);
    QTest::newRow("lower-case z") << u"2026-03-02T09:00:00z"_s << utc(2026, 3, 2, 9, 0);
    QTest::newRow("+02:00") << u"2026-03-02T09:00:00+02:00"_s << utc(2026, 3, 2, 7, 0);
    QTest::newRow("-05:30") << u"2026-03-02T09:00-05:30"_s << utc(2026, 3, 2, 14, 30);
    QTest::newRow("+0530 without colon") << u"2026-03-02T09:00:00+0530"_s << utc(2026, 3, 2, 3, 30);
    QTest::newRow("+01 hours only") << u"2026-03-02T09:00:00+01"_s << utc(2026, 3, 2, 8, 0);
    QTest::newRow("fraction of a second") << u"2026-03-02T09:00:00.250Z"_s << utc(2026, 3, 2, 9, 0, 0, 250);
    QTest::newRow("local winter time") << u"2026-03-02T09:00:00"_s << utc(2026, 3, 2, 14, 0);
    QTest::newRow("local summer time") << u"2026-07-02T09:00"_s << utc(2026, 7, 2, 13, 0);
    QTest::newRow("space instead of T") << u"2026-07-02 09:00"_s << utc(2026, 7, 2, 13, 0);
    QTest::newRow("surrounding spaces") << u"  2026-03-02T09:00Z "_s << utc(2026, 3, 2, 9, 0);
}

void tst_BookingImporter::readsTimes()
{
    QFETCH(QString, written);
    QFETCH(QDateTime, expected);
    importCustomers("customer_id,name,phone\nC1,Ada,555-123-4567\n");
    const ImportReport report =
        importBookings("booking_id,customer_id,starts_at\nB1,C1,\"" + written.toUtf8() + "\"\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    const std::optional<Booking> booking = BookingStore(*m_db).findByExternalId(u"B1"_s);
    QCOMPARE(booking->startsAt, expected);
    QCOMPARE(booking->endsAt, expected.addSecs(3600));
}

void tst_BookingImporter::refusesBadTimes_data()
{
    QTest::addColumn<QString>("startsAt");
    QTest::addColumn<QString>("endsAt");
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty start") << QString() << QString() << u"starts_at is empty"_s;
    QTest::newRow("words") << u"tomorrow"_s << QString()
                           << u"starts_at \"tomorrow\" is not a date and time like 2026-03-01T09:30 or "
                              "2026-03-01T09:30-05:00"_s;
    QTest::newRow("US date") << u"3/2/2026 9:00"_s << QString() << u"starts_at \"3/2/2026 9:00\""_s;
    QTest::newRow("date only") << u"2026-03-02"_s << QString() << u"starts_at \"2026-03-02\""_s;
    QTest::newRow("February 30") << u"2026-02-30T09:00"_s << QString() << u"starts_at \"2026-02-30T09:00\""_s;
    QTest::newRow("hour 25") << u"2026-03-02T25:00"_s << QString() << u"starts_at \"2026-03-02T25:00\""_s;
    QTest::newRow("bad offset") << u"2026-03-02T09:00+5"_s << QString() << u"starts_at \"2026-03-02T09:00+5\""_s;
    QTest::newRow("bad end") << u"2026-03-02T09:00"_s << u"later"_s << u"ends_at \"later\" is not a date"_s;
    QTest::newRow("end before start") << u"2026-03-02T09:00"_s << u"2026-03-02T08:59"_s
                                      << u"ends_at \"2026-03-02T08:59\" is before starts_at \"2026-03-02T09:00\""_s;
    QTest::newRow("end before start across zones")
        << u"2026-03-02T09:00-05:00"_s << u"2026-03-02T13:00Z"_s << u"is before starts_at"_s;
}

void tst_BookingImporter::refusesBadTimes()
{
    QFETCH(QString, startsAt);
    QFETCH(QString, endsAt);
    QFETCH(QString, reason);
    importCustomers("customer_id,name,phone\nC1,Ada,555-123-4567\n");
    const ImportReport report = importBookings("booking_id,customer_id,starts_at,ends_at\nB1,C1,\""
                                               + startsAt.toUtf8() + "\",\"" + endsAt.toUtf8() + "\"\n");
    QVERIFY(!report.committed);
    QCOMPARE(report.errors.size(), 1);
    QCOMPARE(report.errors.at(0).line, 2);
    QVERIFY2(report.errors.at(0).reason.contains(reason), qPrintable(report.errors.at(0).reason));
    QCOMPARE(BookingStore(*m_db).count(), 0);
}

void tst_BookingImporter::endsAtDefaultsToOneHourAfterStart()
{
    importCustomers("customer_id,name,phone\nC1,Ada,555-123-4567\n");
    const ImportReport report = importBookings("booking_id,customer_id,starts_at,ends_at\n"
                                               "B1,C1,2026-03-02T09:00:00Z,\n"
                                               "B2,C1,2026-03-02T09:00:00Z,2026-03-02T09:00:00Z\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    BookingStore store(*m_db);
    QCOMPARE(store.findByExternalId(u"B1"_s)->endsAt, utc(2026, 3, 2, 10, 0));
    // An explicit end equal to the start is taken as written.
    QCOMPARE(store.findByExternalId(u"B2"_s)->endsAt, utc(2026, 3, 2, 9, 0));
}

void tst_BookingImporter::readsStatuses_data()
{
    QTest::addColumn<QString>("written");
    QTest::addColumn<BookingStatus>("status");

    QTest::newRow("confirmed") << u"confirmed"_s << BookingStatus::Confirmed;
    QTest::newRow("pending") << u"pending"_s << BookingStatus::Pending;
    QTest::newRow("canceled") << u"canceled"_s << BookingStatus::Canceled;
    QTest::newRow("cancelled") << u"cancelled"_s << BookingStatus::Canceled;
    QTest::newRow("completed") << u"completed"_s << BookingStatus::Completed;
    QTest::newRow("no_show") << u"no_show"_s << BookingStatus::NoShow;
    QTest::newRow("upper case") << u"CANCELLED"_s << BookingStatus::Canceled;
    QTest::newRow("empty means confirmed") << QString() << BookingStatus::Confirmed;
}

void tst_BookingImporter::readsStatuses()
{
    QFETCH(QString, written);
    QFETCH(BookingStatus, status);
    importCustomers("customer_id,name,phone\nC1,Ada,555-123-4567\n");
    const ImportReport report =
        importBookings("booking_id,customer_id,starts_at,status\nB1,C1,2026-03-02T09:00Z," + written.toUtf8() + "\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(BookingStore(*m_db).findByExternalId(u"B1"_s)->status, status);
}

void tst_BookingImporter::createsCustomerFromPhone()
{
    const ImportReport report = importBookings("booking_id,customer_name,phone,starts_at\n"
                                               "B1,Walk-in Wendy,(555) 867-5309,2026-03-02T11:00\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 1);
    QCOMPARE(report.customersCreated, 1);

    const QList<Customer> customers = CustomerStore(*m_db).findByPhone(u"+15558675309"_s);
    QCOMPARE(customers.size(), 1);
    QCOMPARE(customers.at(0).name, u"Walk-in Wendy"_s);
    QCOMPARE(customers.at(0).phoneRaw, u"(555) 867-5309"_s);
    QCOMPARE(customers.at(0).externalId, QString());

    const std::optional<CallerMatch> match = BookingLookup(*m_db).findCaller(u"+15558675309"_s, s_now);
    QVERIFY(match && match->activeBooking);
    QCOMPARE(match->customer.name, u"Walk-in Wendy"_s);
    QCOMPARE(match->activeBooking->externalId, u"B1"_s);
}

void tst_BookingImporter::writtenFormsEndAsOneCustomer()
{
    const ImportReport report = importBookings("booking_id,customer_name,phone,starts_at\n"
                                               "B1,Ada,(555) 123-4567,2026-03-01T09:00\n"
                                               "B2,Ada,555.123.4567,2026-03-09T09:00\n"
                                               "B3,Ada,+1 555 123 4567,2026-03-02T11:00\n"
                                               "B4,Ada,+15551234567,2026-03-16T09:00\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 4);
    QCOMPARE(report.customersCreated, 1);
    QCOMPARE(CustomerStore(*m_db).count(), 1);

    const std::optional<CallerMatch> match = BookingLookup(*m_db).findCaller(u"+15551234567"_s, s_now);
    QVERIFY(match);
    QCOMPARE(BookingStore(*m_db).forCustomer(match->customer.id).size(), 4);
    QVERIFY(match->activeBooking);
    QCOMPARE(match->activeBooking->externalId, u"B3"_s); // today 11:00 New York; B1 has ended
}

void tst_BookingImporter::findsExistingCustomerByPhone()
{
    importCustomers("customer_id,name,phone\nC1,Ada,555-123-4567\n");
    const ImportReport report = importBookings("booking_id,customer_name,phone,starts_at\n"
                                               "B1,Someone else,+1 (555) 123-4567,2026-03-02T11:00\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.customersCreated, 0);
    CustomerStore customers(*m_db);
    QCOMPARE(customers.count(), 1);
    QCOMPARE(BookingStore(*m_db).findByExternalId(u"B1"_s)->customerId, customers.findByExternalId(u"C1"_s)->id);
    QCOMPARE(customers.findByExternalId(u"C1"_s)->name, u"Ada"_s);
}

void tst_BookingImporter::onlyActiveBookingsRouteToTheAgent_data()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<bool>("active");

    // "Now" is 2026-03-02 10:00 in New York.
    QTest::newRow("upcoming confirmed") << QByteArray("2026-03-02T11:00,,confirmed") << true;
    QTest::newRow("upcoming pending") << QByteArray("2026-03-05T09:00,,pending") << true;
    QTest::newRow("in progress") << QByteArray("2026-03-02T09:30,2026-03-02T10:30,confirmed") << true;
    QTest::newRow("in progress by the default hour") << QByteArray("2026-03-02T09:30,,confirmed") << true;
    QTest::newRow("ended") << QByteArray("2026-03-02T08:00,2026-03-02T09:00,confirmed") << false;
    QTest::newRow("ended by the default hour") << QByteArray("2026-03-02T08:59,,confirmed") << false;
    QTest::newRow("canceled") << QByteArray("2026-03-02T11:00,,canceled") << false;
    QTest::newRow("cancelled") << QByteArray("2026-03-02T11:00,,cancelled") << false;
    QTest::newRow("completed in progress") << QByteArray("2026-03-02T09:30,2026-03-02T10:30,completed") << false;
    QTest::newRow("no_show") << QByteArray("2026-03-02T11:00,,no_show") << false;
}

void tst_BookingImporter::onlyActiveBookingsRouteToTheAgent()
{
    QFETCH(QByteArray, row);
    QFETCH(bool, active);
    importCustomers("customer_id,name,phone\nC1,Ada,555-123-4567\n");
    const ImportReport report = importBookings("booking_id,customer_id,starts_at,ends_at,status\nB1,C1," + row + "\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    const std::optional<CallerMatch> match = BookingLookup(*m_db).findCaller(u"+15551234567"_s, s_now);
    QVERIFY(match);
    QCOMPARE(match->activeBooking.has_value(), active);
}

void tst_BookingImporter::badRowsImportNothingAndAreAllListed()
{
    importCustomers("customer_id,name,phone\nC1,Ada,555-123-4567\n");
    const ImportReport report = importBookings(
        "booking_id,customer_id,customer_name,phone,starts_at,ends_at,status\n" // 1
        "B1,C1,,,2026-03-02T11:00,,\n"                                         // 2 good
        "B2,,New Person,555-000-7777,2026-03-02T12:00,,\n"                     // 3 good, creates a customer
        "B3,C404,,,2026-03-02T11:00,,\n"                                       // 4 unknown customer
        "B4,,Nobody,,2026-03-02T11:00,,\n"                                     // 5 no customer
        "\n"                                                                   // 6
        "B5,,Typo,555-CALL,2026-03-02T11:00,,\n"                               // 7 bad phone
        "B6,C1,,,\"2026-03-02\n11:00\",,\n"                                    // 8-9 bad start
        "B7,C1,,,2026-03-02T11:00,,done\n"                                     // 10 bad status
        "B1,C1,,,2026-03-03T11:00,,\n"                                         // 11 repeated id
        ",C1,,,2026-03-02T11:00,2026-03-02T10:00,\n");                         // 12 no id, ends early
    QVERIFY(!report.committed);
    QVERIFY(report.fileError.isEmpty());
    QCOMPARE(report.inserted, 0);
    QCOMPARE(report.customersCreated, 0);
    QCOMPARE(report.skipped, 7);

    QStringList errors;
    for (const ImportRowError &error : report.errors)
        errors.append(u"%1: %2"_s.arg(error.line).arg(error.reason));
    QCOMPARE(errors,
             QStringList({
                 u"4: customer_id \"C404\" is not a known customer; import the customers first"_s,
                 u"5: the booking names no customer: customer_id and phone are both empty"_s,
                 u"7: phone \"555-CALL\" is not a phone number"_s,
                 u"8: starts_at \"2026-03-02\n11:00\" is not a date and time like 2026-03-01T09:30 or "
                 "2026-03-01T09:30-05:00"_s,
                 u"10: status \"done\" is not one of confirmed, pending, canceled, completed, no_show"_s,
                 u"11: booking_id \"B1\" is already used on line 2"_s,
                 u"12: booking_id is empty"_s,
                 u"12: ends_at \"2026-03-02T10:00\" is before starts_at \"2026-03-02T11:00\""_s,
             }));
    // Nothing at all was written, not even the customer the good row 3 would have created.
    QCOMPARE(BookingStore(*m_db).count(), 0);
    QCOMPARE(CustomerStore(*m_db).count(), 1);
}

void tst_BookingImporter::skipInvalidImportsTheGoodRows()
{
    importCustomers("customer_id,name,phone\nC1,Ada,555-123-4567\n");
    const ImportReport report = importBookings("booking_id,customer_id,customer_name,phone,starts_at\n"
                                               "B1,C1,,,2026-03-02T11:00\n"
                                               "B2,C404,,,2026-03-02T11:00\n"
                                               "B3,,New Person,555-000-7777,2026-03-02T12:00\n"
                                               "B4,,Bad Phone,12,2026-03-02T12:00\n",
                                               true);
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 2);
    QCOMPARE(report.skipped, 2);
    QCOMPARE(report.customersCreated, 1);
    QCOMPARE(report.errors.size(), 2);
    QCOMPARE(report.errors.at(0).line, 3);
    QCOMPARE(report.errors.at(1).line, 5);
    BookingStore bookings(*m_db);
    QCOMPARE(bookings.count(), 2);
    QVERIFY(bookings.findByExternalId(u"B1"_s));
    QVERIFY(bookings.findByExternalId(u"B3"_s));
    QCOMPARE(CustomerStore(*m_db).count(), 2);
}

void tst_BookingImporter::reimportUpdatesById()
{
    importCustomers("customer_id,name,phone\nC1,Ada,555-123-4567\nC2,Bob,555-000-2222\n");
    QVERIFY(importBookings("booking_id,customer_id,starts_at,status,service\n"
                           "B1,C1,2026-03-02T11:00,confirmed,Cleaning\n"
                           "B2,C1,2026-03-04T11:00,confirmed,Checkup\n")
                .committed);
    const qint64 b1 = BookingStore(*m_db).findByExternalId(u"B1"_s)->id;
    QVERIFY(BookingLookup(*m_db).findCaller(u"+15551234567"_s, s_now)->activeBooking);

    const ImportReport report = importBookings("booking_id,customer_id,starts_at,status,service\n"
                                               "B1,C2,2026-03-02T13:00,cancelled,Whitening\n"
                                               "B3,C2,2026-03-06T11:00,,\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 1);
    QCOMPARE(report.updated, 1);

    BookingStore bookings(*m_db);
    QCOMPARE(bookings.count(), 3);
    const std::optional<Booking> updated = bookings.findByExternalId(u"B1"_s);
    QCOMPARE(updated->id, b1);
    QCOMPARE(updated->customerId, CustomerStore(*m_db).findByExternalId(u"C2"_s)->id);
    QCOMPARE(updated->startsAt, utc(2026, 3, 2, 18, 0));
    QCOMPARE(updated->status, BookingStatus::Canceled);
    QCOMPARE(updated->service, u"Whitening"_s);

    // Ada's next active booking is now B2; Bob's is B3 (B1 is canceled).
    QCOMPARE(BookingLookup(*m_db).findCaller(u"+15551234567"_s, s_now)->activeBooking->externalId, u"B2"_s);
    QCOMPARE(BookingLookup(*m_db).findCaller(u"+15550002222"_s, s_now)->activeBooking->externalId, u"B3"_s);
}

void tst_BookingImporter::refusesMissingColumns_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QStringList>("named");

    QTest::newRow("no starts_at") << QByteArray("booking_id,customer_id,start\nB1,C1,2026-03-02T11:00\n")
                                  << QStringList{u"starts_at"_s};
    QTest::newRow("no way to find the customer")
        << QByteArray("booking_id,customer_name,starts_at\nB1,Ada,2026-03-02T11:00\n")
        << QStringList{u"customer_id or phone"_s};
    QTest::newRow("no header row") << QByteArray("B1,C1,2026-03-02T11:00\n")
                                   << QStringList{u"booking_id"_s, u"starts_at"_s, u"customer_id or phone"_s};
}

void tst_BookingImporter::refusesMissingColumns()
{
    QFETCH(QByteArray, contents);
    QFETCH(QStringList, named);
    const ImportReport report = importBookings(contents);
    QVERIFY(!report.committed);
    QVERIFY(report.errors.isEmpty());
    QVERIFY2(report.fileError.contains(u"bookings.csv"_s), qPrintable(report.fileError));
    for (const QString &word : named)
        QVERIFY2(report.fileError.contains(word), qPrintable(report.fileError));
}

void tst_BookingImporter::importsFromADevice()
{
    importCustomers("customer_id,name,phone\nC1,Ada,555-123-4567\n");
    QFile file(m_dir->writeFile(u"picked.csv"_s, "booking_id,customer_id,starts_at\nB1,C1,2026-03-02T11:00\n"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    BookingImporter importer(*m_db, u"US"_s, s_newYork);
    const ImportReport report = importer.importDevice(file, u"picked.csv"_s, false);
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 1);
}

void tst_BookingImporter::readsWrittenDatesThroughAMapping_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<DateOrder>("order");
    QTest::addColumn<QDateTime>("start");
    QTest::addColumn<QDateTime>("end");

    // New York is UTC-5 in winter.
    QTest::newRow("US patient list") << QByteArray(
        "Patient ID;First Name;Last Name;Mobile;Next Appointment;Provider\n"
        "C1;Ada;King;555-123-4567;12/05/2026 10:00;alice\n")
                                     << DateOrder::MonthFirst << utc(2026, 12, 5, 15, 0)
                                     << utc(2026, 12, 5, 16, 0);
    QTest::newRow("German, day first")
        << QByteArray("Nr,Vorname,Nachname,Handy,Termin\nB1,Ada,King,555-123-4567,5.12.2026 10:00\n")
        << DateOrder::DayFirst << utc(2026, 12, 5, 15, 0) << utc(2026, 12, 5, 16, 0);
    QTest::newRow("Spanish, date and times apart")
        << QByteArray(
               "ID,Paciente,Teléfono,Fecha,Hora,Hora fin\nB1,Ada King,555-123-4567,05/12/2026,10:00,10:45\n")
        << DateOrder::DayFirst << utc(2026, 12, 5, 15, 0) << utc(2026, 12, 5, 15, 45);
}

void tst_BookingImporter::readsWrittenDatesThroughAMapping()
{
    QFETCH(QByteArray, contents);
    QFETCH(DateOrder, order);
    QFETCH(QDateTime, start);
    QFETCH(QDateTime, end);
    const QStringList header = QString::fromUtf8(contents.left(contents.indexOf('\n')))
                                   .split(contents.contains(';') ? u';' : u',');
    ColumnMapping mapping = ColumnMapping::guess(ImportKind::Bookings, header);
    if (mapping.columns(u"booking_id"_s).isEmpty())
        mapping.setColumns(u"booking_id"_s, { 0 }); // a patient list: one booking per patient
    mapping.setColumns(u"customer_id"_s, {});
    mapping.setDateOrder(order);
    BookingImporter importer(*m_db, u"US"_s, s_newYork);
    importer.setColumnMapping(mapping);
    const ImportReport report = importer.importFile(m_dir->writeFile(u"bookings.csv"_s, contents), false);
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.customersCreated, 1);
    const QList<Booking> bookings
        = BookingStore(*m_db).forCustomer(CustomerStore(*m_db).findByPhone(u"+15551234567"_s).first().id);
    QCOMPARE(bookings.size(), 1);
    QCOMPARE(bookings.first().startsAt, start);
    QCOMPARE(bookings.first().endsAt, end);
    QCOMPARE(CustomerStore(*m_db).findByPhone(u"+15551234567"_s).first().name, u"Ada King"_s);
}

void tst_BookingImporter::namesTheFormItReadsInErrors()
{
    const QByteArray contents = "ID,Phone,Termin\nB1,555-123-4567,13.13.2026 10:00\n";
    ColumnMapping mapping = ColumnMapping::guess(ImportKind::Bookings, { u"ID"_s, u"Phone"_s, u"Termin"_s });
    mapping.setDateOrder(DateOrder::DayFirst);
    BookingImporter importer(*m_db, u"US"_s, s_newYork);
    importer.setColumnMapping(mapping);
    const ImportReport report = importer.importFile(m_dir->writeFile(u"bookings.csv"_s, contents), false);
    QVERIFY(!report.committed);
    QCOMPARE(report.errors.size(), 1);
    QCOMPARE(report.errors.at(0).line, 2);
    QCOMPARE(report.errors.at(0).column, u"starts_at"_s);
    QCOMPARE(report.errors.at(0).reason,
        u"starts_at \"13.13.2026 10:00\" is not a date and time like 2026-03-01T09:30 or 01.03.2026 09:30"_s);
}

QTEST_GUILESS_MAIN(tst_BookingImporter)
#include "tst_bookingimporter.moc"
