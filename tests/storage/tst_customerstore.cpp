// Tests of CustomerStore: finding customers by id, external id and phone; insert, update and upsert; the
// customer list's search, order and pages; deleting a customer and merging a duplicate, with their
// bookings and calls.
#include "storage/bookingstore.h"
#include "storage/callstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Customer)

class tst_CustomerStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void insertsAndFinds();
    void findsEveryCustomerWithAPhone();
    void customersWithoutPhoneNeverMatch();
    void updatesById();
    void upsertInsertsThenUpdates();
    void upsertKeepsFieldsNotGiven();
    void assignedStaff_data();
    void assignedStaff();
    void upsertNeedsAnExternalId();
    void customersWithoutExternalIdCoexist();
    void searchesByName_data();
    void searchesByName();
    void searchesByPhone_data();
    void searchesByPhone();
    void searchSortsByNamePhoneAndNextBooking();
    void searchPages();
    void searchTakesTextLiterally();
    void removeDeletesTheBookingsAndKeepsTheCalls();
    void removeOfAnUnknownCustomerChangesNothing();
    void removeWaitsForALockedDatabaseThenChangesNothing();
    void mergedCustomerKeepsItsOwnDetails_data();
    void mergedCustomerKeepsItsOwnDetails();
    void mergeMovesBookingsAndCallsInOneTransaction();
    void mergeTakesTheDuplicatesImportId();
    void mergeRefusesTheSameOrAnUnknownCustomer();

private:
    // A customer with two bookings and a call that found one of them; returns the call's CallSid.
    QString addCall(const QString &callSid, const QString &from, std::optional<qint64> customerId,
        std::optional<qint64> bookingId);
    qint64 addBooking(qint64 customerId, const QString &externalId);
    void addSearchCustomers();
    QStringList names(const CustomerQuery &query);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
};

namespace {

Customer customer(const QString &externalId, const QString &name, const QString &e164)
{
    Customer c;
    c.externalId = externalId;
    c.name = name;
    c.phoneRaw = e164;
    c.phoneE164 = e164;
    return c;
}

} // namespace

void tst_CustomerStore::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_db = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
}

QString tst_CustomerStore::addCall(const QString &callSid, const QString &from,
    std::optional<qint64> customerId, std::optional<qint64> bookingId)
{
    CallSessionRecord call;
    call.callSid = callSid;
    call.from = from;
    call.to = u"+15557654321"_s;
    call.startedAt = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
    call.outcome = CallOutcome::AiAgent;
    call.customerId = customerId;
    call.bookingId = bookingId;
    CallStore calls(*m_db);
    QString error;
    if (!calls.createSession(call, &error))
        qWarning() << error;
    CallEventRecord event;
    event.callSid = callSid;
    event.at = call.startedAt;
    event.step = Step::BookingLookup;
    event.detail = u"A booking was found."_s;
    if (!calls.appendEvent(event, &error))
        qWarning() << error;
    return callSid;
}

qint64 tst_CustomerStore::addBooking(qint64 customerId, const QString &externalId)
{
    Booking booking;
    booking.externalId = externalId;
    booking.customerId = customerId;
    booking.startsAt = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
    booking.endsAt = booking.startsAt.addSecs(1800);
    return BookingStore(*m_db).insert(booking).value();
}

void tst_CustomerStore::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void tst_CustomerStore::insertsAndFinds()
{
    CustomerStore store(*m_db);
    Customer ada = customer(u"C1"_s, u"Ada Lovelace"_s, u"+15551234567"_s);
    ada.phoneRaw = u"(555) 123-4567"_s;
    ada.email = u"ada@example.com"_s;
    ada.notes = u"Prefers mornings,\nsecond line"_s;
    ada.assignedStaff = u"alice"_s;
    const Result<qint64> id = store.insert(ada);
    QVERIFY2(id.ok(), qPrintable(id.error()));
    QVERIFY(id.value() > 0);

    const std::optional<Customer> byId = store.findById(id.value());
    QVERIFY(byId);
    QCOMPARE(byId->id, id.value());
    QCOMPARE(byId->externalId, u"C1"_s);
    QCOMPARE(byId->name, u"Ada Lovelace"_s);
    QCOMPARE(byId->phoneRaw, u"(555) 123-4567"_s);
    QCOMPARE(byId->phoneE164, u"+15551234567"_s);
    QCOMPARE(byId->email, u"ada@example.com"_s);
    QCOMPARE(byId->notes, u"Prefers mornings,\nsecond line"_s);
    QCOMPARE(byId->assignedStaff, u"alice"_s);

    const std::optional<Customer> byExternalId = store.findByExternalId(u"C1"_s);
    QVERIFY(byExternalId);
    QCOMPARE(byExternalId->id, id.value());
    QVERIFY(!store.findByExternalId(u"C2"_s));
    QVERIFY(!store.findById(id.value() + 1));
    QCOMPARE(store.count(), 1);
}

void tst_CustomerStore::findsEveryCustomerWithAPhone()
{
    CustomerStore store(*m_db);
    QVERIFY(store.insert(customer(u"C1"_s, u"Ada"_s, u"+15551234567"_s)).ok());
    QVERIFY(store.insert(customer(u"C2"_s, u"Bob"_s, u"+15559999999"_s)).ok());
    QVERIFY(store.insert(customer(u"C3"_s, u"Ada's son"_s, u"+15551234567"_s)).ok());

    const QList<Customer> found = store.findByPhone(u"+15551234567"_s);
    QCOMPARE(found.size(), 2);
    QCOMPARE(found.at(0).externalId, u"C1"_s);
    QCOMPARE(found.at(1).externalId, u"C3"_s);
    QVERIFY(store.findByPhone(u"+15550000000"_s).isEmpty());
}

void tst_CustomerStore::customersWithoutPhoneNeverMatch()
{
    CustomerStore store(*m_db);
    QVERIFY(store.insert(customer(u"C1"_s, u"No phone"_s, QString())).ok());
    QVERIFY(store.insert(customer(u"C2"_s, u"No phone either"_s, QString())).ok());
    QVERIFY(store.findByPhone(QString()).isEmpty());
    QVERIFY(store.findByPhone(u""_s).isEmpty());
}

void tst_CustomerStore::updatesById()
{
    CustomerStore store(*m_db);
    const Result<qint64> id = store.insert(customer(u"C1"_s, u"Ada"_s, u"+15551234567"_s));
    QVERIFY(id.ok());
    Customer changed = customer(u"C1"_s, u"Ada King"_s, u"+15557654321"_s);
    changed.id = id.value();
    QString error;
    QVERIFY2(store.update(changed, &error), qPrintable(error));
    QCOMPARE(store.findById(id.value())->name, u"Ada King"_s);
    QVERIFY(store.findById(id.value())->assignedStaff.isEmpty());
    changed.assignedStaff = u"bob"_s;
    QVERIFY2(store.update(changed, &error), qPrintable(error));
    QCOMPARE(store.findById(id.value())->assignedStaff, u"bob"_s);
    QVERIFY(store.findByPhone(u"+15551234567"_s).isEmpty());
    QCOMPARE(store.findByPhone(u"+15557654321"_s).size(), 1);

    changed.id = id.value() + 100;
    QVERIFY(!store.update(changed, &error));
    QVERIFY(!error.isEmpty());
}

void tst_CustomerStore::upsertInsertsThenUpdates()
{
    CustomerStore store(*m_db);
    const Result<UpsertResult> first = store.upsert(customer(u"C1"_s, u"Ada"_s, u"+15551234567"_s));
    QVERIFY2(first.ok(), qPrintable(first.error()));
    QVERIFY(first->inserted);

    const Result<UpsertResult> second = store.upsert(customer(u"C1"_s, u"Ada King"_s, u"+15557654321"_s));
    QVERIFY2(second.ok(), qPrintable(second.error()));
    QVERIFY(!second->inserted);
    QCOMPARE(second->id, first->id);
    QCOMPARE(store.count(), 1);
    const std::optional<Customer> saved = store.findById(first->id);
    QCOMPARE(saved->name, u"Ada King"_s);
    QCOMPARE(saved->phoneE164, u"+15557654321"_s);
}

void tst_CustomerStore::upsertKeepsFieldsNotGiven()
{
    CustomerStore store(*m_db);
    Customer ada = customer(u"C1"_s, u"Ada"_s, u"+15551234567"_s);
    ada.email = u"ada@example.com"_s;
    ada.notes = u"VIP"_s;
    QVERIFY(store.upsert(ada).ok());

    Customer renamed = customer(u"C1"_s, u"Ada King"_s, u"+15551234567"_s);
    QVERIFY(store.upsert(renamed, CustomerStore::Field::Name | CustomerStore::Field::Phone).ok());
    const std::optional<Customer> saved = store.findByExternalId(u"C1"_s);
    QCOMPARE(saved->name, u"Ada King"_s);
    QCOMPARE(saved->email, u"ada@example.com"_s);
    QCOMPARE(saved->notes, u"VIP"_s);

    QVERIFY(store.upsert(renamed).ok());
    QCOMPARE(store.findByExternalId(u"C1"_s)->email, QString());
}

void tst_CustomerStore::assignedStaff_data()
{
    QTest::addColumn<QString>("saved");
    QTest::addColumn<QString>("upserted");
    QTest::addColumn<bool>("given"); // the upsert's fields include AssignedStaff
    QTest::addColumn<QString>("expected");
    QTest::newRow("new staff replaces") << u"alice"_s << u"bob"_s << true << u"bob"_s;
    QTest::newRow("empty clears") << u"alice"_s << QString() << true << QString();
    QTest::newRow("set where there was none") << QString() << u"bob"_s << true << u"bob"_s;
    QTest::newRow("not given keeps") << u"alice"_s << QString() << false << u"alice"_s;
    QTest::newRow("not given keeps, even with a value") << u"alice"_s << u"bob"_s << false << u"alice"_s;
}

void tst_CustomerStore::assignedStaff()
{
    QFETCH(QString, saved);
    QFETCH(QString, upserted);
    QFETCH(bool, given);
    QFETCH(QString, expected);

    CustomerStore store(*m_db);
    Customer first = customer(u"C1"_s, u"Ada"_s, u"+15551234567"_s);
    first.assignedStaff = saved;
    const Result<UpsertResult> inserted = store.upsert(first, CustomerStore::Field::Name);
    QVERIFY2(inserted.ok(), qPrintable(inserted.error()));
    QVERIFY(inserted->inserted);
    // A new customer gets the staff id even when the fields leave it out.
    QCOMPARE(store.findByExternalId(u"C1"_s)->assignedStaff, saved);

    Customer again = first;
    again.assignedStaff = upserted;
    CustomerStore::Fields fields = CustomerStore::Field::Name | CustomerStore::Field::Phone;
    if (given)
        fields |= CustomerStore::Field::AssignedStaff;
    const Result<UpsertResult> updated = store.upsert(again, fields);
    QVERIFY2(updated.ok(), qPrintable(updated.error()));
    QVERIFY(!updated->inserted);
    QCOMPARE(store.findByExternalId(u"C1"_s)->assignedStaff, expected);
    QCOMPARE(store.findByPhone(u"+15551234567"_s).value(0).assignedStaff, expected);
}

void tst_CustomerStore::upsertNeedsAnExternalId()
{
    CustomerStore store(*m_db);
    const Result<UpsertResult> result = store.upsert(customer(QString(), u"Ada"_s, u"+15551234567"_s));
    QVERIFY(!result.ok());
    QVERIFY(!result.error().isEmpty());
    QCOMPARE(store.count(), 0);
}

void tst_CustomerStore::customersWithoutExternalIdCoexist()
{
    CustomerStore store(*m_db);
    QVERIFY(store.insert(customer(QString(), u"Walk-in 1"_s, u"+15551234567"_s)).ok());
    QVERIFY(store.insert(customer(QString(), u"Walk-in 2"_s, u"+15557654321"_s)).ok());
    QCOMPARE(store.count(), 2);
    QVERIFY(!store.findByExternalId(QString()));
}

void tst_CustomerStore::addSearchCustomers()
{
    CustomerStore store(*m_db);
    QVERIFY(store.insert(customer(u"C1"_s, u"Maria Lopez"_s, u"+15551234567"_s)).ok());
    QVERIFY(store.insert(customer(u"C2"_s, u"James Carter"_s, u"+15559876543"_s)).ok());
    QVERIFY(store.insert(customer(u"C3"_s, u"aisha khan"_s, u"+442079460018"_s)).ok());
    QVERIFY(store.insert(customer(u"C4"_s, u"Tom Lopez-Becker"_s, QString())).ok());
    QVERIFY(store.insert(customer(u"C5"_s, u"100% Smile_Co"_s, u"+15550001111"_s)).ok());
}

QStringList tst_CustomerStore::names(const CustomerQuery &query)
{
    QStringList names;
    for (const CustomerRow &row : CustomerStore(*m_db).search(query))
        names.append(row.customer.name);
    return names;
}

void tst_CustomerStore::searchesByName_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("empty") << QString() << QStringList{u"100% Smile_Co"_s, u"aisha khan"_s, u"James Carter"_s,
                                                       u"Maria Lopez"_s, u"Tom Lopez-Becker"_s};
    QTest::newRow("part, any case") << u"LOPEZ"_s << QStringList{u"Maria Lopez"_s, u"Tom Lopez-Becker"_s};
    QTest::newRow("words in any order") << u" lopez   maria "_s << QStringList{u"Maria Lopez"_s};
    QTest::newRow("lower-case name") << u"Khan"_s << QStringList{u"aisha khan"_s};
    QTest::newRow("nobody") << u"Zed"_s << QStringList{};
}

void tst_CustomerStore::searchesByName()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    addSearchCustomers();
    CustomerQuery query;
    query.text = text;
    QCOMPARE(names(query), expected);
    QCOMPARE(CustomerStore(*m_db).count(query), expected.size());
}

void tst_CustomerStore::searchesByPhone_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("national form") << u"(555) 123-4567"_s << QStringList{u"Maria Lopez"_s};
    QTest::newRow("E.164") << u"+15551234567"_s << QStringList{u"Maria Lopez"_s};
    QTest::newRow("dots") << u"555.123.4567"_s << QStringList{u"Maria Lopez"_s};
    QTest::newRow("partial digits") << u"123-45"_s << QStringList{u"Maria Lopez"_s};
    QTest::newRow("last four") << u"6543"_s << QStringList{u"James Carter"_s};
    QTest::newRow("area code") << u"555"_s
                               << QStringList{u"100% Smile_Co"_s, u"James Carter"_s, u"Maria Lopez"_s};
    // UK national form: its leading 0 is not in the E.164 digits, so only normalising finds it.
    QTest::newRow("other country, international") << u"+44 20 7946 0018"_s << QStringList{u"aisha khan"_s};
    QTest::newRow("unknown number") << u"(555) 000-0000"_s << QStringList{};
}

void tst_CustomerStore::searchesByPhone()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    addSearchCustomers();
    CustomerQuery query;
    query.text = text;
    QCOMPARE(names(query), expected);
    QCOMPARE(CustomerStore(*m_db).count(query), expected.size());

    // A region whose numbers are written with a leading 0.
    if (QTest::currentDataTag() == QByteArray("other country, international")) {
        query.text = u"020 7946 0018"_s;
        query.defaultRegion = u"GB"_s;
        QCOMPARE(names(query), expected);
        // Its start, as the practice writes it: the trunk 0 stands for +44.
        query.text = u"020 79"_s;
        QCOMPARE(names(query), expected);
    }
}

void tst_CustomerStore::searchSortsByNamePhoneAndNextBooking()
{
    addSearchCustomers();
    CustomerStore customers(*m_db);
    BookingStore bookings(*m_db);
    const QDateTime now(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
    const auto book = [&](const QString &externalId, const QString &customerExternalId, int hours,
                          BookingStatus status) {
        Booking b;
        b.externalId = externalId;
        b.customerId = *customers.idForExternalId(customerExternalId);
        b.startsAt = now.addSecs(qint64(hours) * 3600);
        b.endsAt = b.startsAt.addSecs(1800);
        b.status = status;
        QVERIFY(bookings.upsert(b).ok());
    };
    book(u"B1"_s, u"C1"_s, 48, BookingStatus::Confirmed); // Maria: in two days
    book(u"B2"_s, u"C1"_s, -48, BookingStatus::Confirmed); // ended: not next
    book(u"B3"_s, u"C2"_s, 24, BookingStatus::Pending);   // James: tomorrow
    book(u"B4"_s, u"C3"_s, 2, BookingStatus::Canceled);   // aisha: canceled, so none
    book(u"B5"_s, u"C4"_s, 72, BookingStatus::Confirmed); // Tom: in three days

    CustomerQuery query;
    query.now = now;
    query.sort = CustomerQuery::Sort::Name;
    query.descending = true;
    QCOMPARE(names(query), QStringList({u"Tom Lopez-Becker"_s, u"Maria Lopez"_s, u"James Carter"_s,
                                        u"aisha khan"_s, u"100% Smile_Co"_s}));

    // Customers without a number come last either way.
    query.sort = CustomerQuery::Sort::Phone;
    query.descending = false;
    QCOMPARE(names(query), QStringList({u"100% Smile_Co"_s, u"Maria Lopez"_s, u"James Carter"_s,
                                        u"aisha khan"_s, u"Tom Lopez-Becker"_s}));
    query.descending = true;
    QCOMPARE(names(query), QStringList({u"aisha khan"_s, u"James Carter"_s, u"Maria Lopez"_s,
                                        u"100% Smile_Co"_s, u"Tom Lopez-Becker"_s}));

    // Customers without an active booking come last either way, by name.
    query.sort = CustomerQuery::Sort::NextBooking;
    query.descending = false;
    const QList<CustomerRow> rows = customers.search(query);
    QStringList order;
    for (const CustomerRow &row : rows)
        order.append(row.customer.name);
    QCOMPARE(order, QStringList({u"James Carter"_s, u"Maria Lopez"_s, u"Tom Lopez-Becker"_s,
                                 u"100% Smile_Co"_s, u"aisha khan"_s}));
    QCOMPARE(rows.at(0).nextBooking, now.addSecs(24 * 3600));
    QCOMPARE(rows.at(1).nextBooking, now.addSecs(48 * 3600));
    QVERIFY(!rows.at(4).nextBooking.isValid());
    query.descending = true;
    QCOMPARE(names(query), QStringList({u"Tom Lopez-Becker"_s, u"Maria Lopez"_s, u"James Carter"_s,
                                        u"100% Smile_Co"_s, u"aisha khan"_s}));

    // The next booking is shown whatever the order, and with a search.
    query.sort = CustomerQuery::Sort::Name;
    query.text = u"maria"_s;
    QCOMPARE(customers.search(query).value(0).nextBooking, now.addSecs(48 * 3600));
}

void tst_CustomerStore::searchPages()
{
    CustomerStore store(*m_db);
    QString error;
    QVERIFY(m_db->transaction(
        [&] {
            for (int i = 0; i < 250; ++i) {
                if (!store.insert(customer(u"C%1"_s.arg(i), u"Customer %1"_s.arg(i, 3, 10, QChar(u'0')),
                                           u"+1555100%1"_s.arg(i, 4, 10, QChar(u'0'))))
                         .ok())
                    return false;
            }
            return true;
        },
        &error));
    CustomerQuery query;
    query.limit = 100;
    QStringList all;
    for (query.offset = 0; query.offset < 300; query.offset += 100) {
        const QList<CustomerRow> page = store.search(query);
        QCOMPARE(page.size(), query.offset < 200 ? 100 : 50);
        for (const CustomerRow &row : page)
            all.append(row.customer.name);
    }
    QCOMPARE(all.size(), 250);
    QCOMPARE(all.first(), u"Customer 000"_s);
    QCOMPARE(all.last(), u"Customer 249"_s);
    QCOMPARE(all.removeDuplicates(), 0);
    QCOMPARE(store.count(query), 250);
    query.text = u"customer 12"_s; // 012, 112, 120 to 129, 212
    QCOMPARE(store.count(query), 13);
    query.offset = 10;
    QCOMPARE(store.search(query).size(), 3);
}

void tst_CustomerStore::searchTakesTextLiterally()
{
    addSearchCustomers();
    CustomerQuery query;
    query.text = u"100%"_s;
    QCOMPARE(names(query), QStringList{u"100% Smile_Co"_s});
    query.text = u"_"_s;
    QCOMPARE(names(query), QStringList{u"100% Smile_Co"_s});
    query.text = u"%"_s;
    QCOMPARE(names(query), QStringList{u"100% Smile_Co"_s});
    query.text = u"'; DROP TABLE customers; --"_s;
    QCOMPARE(names(query), QStringList{});
    QCOMPARE(CustomerStore(*m_db).count(), 5);
}

void tst_CustomerStore::removeDeletesTheBookingsAndKeepsTheCalls()
{
    CustomerStore store(*m_db);
    const qint64 ada = store.insert(customer(u"C1"_s, u"Ada Lovelace"_s, u"+15551234567"_s)).value();
    const qint64 bob = store.insert(customer(u"C2"_s, u"Bob Stone"_s, u"+15552223333"_s)).value();
    const qint64 adaBooking = addBooking(ada, u"B1"_s);
    addBooking(ada, QString());
    const qint64 bobBooking = addBooking(bob, u"B2"_s);
    addCall(u"CA1"_s, u"+15551234567"_s, ada, adaBooking);
    addCall(u"CA2"_s, u"+15552223333"_s, bob, bobBooking);

    QString error;
    QVERIFY2(store.remove(ada, &error), qPrintable(error));
    QVERIFY(!store.findById(ada));
    QCOMPARE(BookingStore(*m_db).countForCustomer(ada), 0);
    QCOMPARE(BookingStore(*m_db).count(), 1);

    // Her call is still in the log, with its number and timeline, no longer pointing at what is gone.
    CallStore calls(*m_db);
    const std::optional<CallListEntry> call = calls.entry(u"CA1"_s);
    QVERIFY(call);
    QCOMPARE(call->session.from, u"+15551234567"_s);
    QCOMPARE(call->session.outcome, CallOutcome::AiAgent);
    QVERIFY(!call->session.customerId);
    QVERIFY(!call->session.bookingId);
    QCOMPARE(calls.events(u"CA1"_s).size(), 1);
    // A customer saved next, whatever row id SQLite gives them, does not take her calls.
    const qint64 next = store.insert(customer(u"C3"_s, u"Cleo Next"_s, u"+15559998888"_s)).value();
    addBooking(next, u"B3"_s);
    QVERIFY(calls.entry(u"CA1"_s)->customerName.isEmpty());
    QVERIFY(calls.entry(u"CA1"_s)->bookingExternalId.isEmpty());
    // Bob and his call are untouched.
    QCOMPARE(calls.entry(u"CA2"_s)->customerName, u"Bob Stone"_s);
    QCOMPARE(calls.entry(u"CA2"_s)->bookingExternalId, u"B2"_s);
    QCOMPARE(calls.sessionCount(), 2);
}

void tst_CustomerStore::removeOfAnUnknownCustomerChangesNothing()
{
    CustomerStore store(*m_db);
    const qint64 ada = store.insert(customer(u"C1"_s, u"Ada Lovelace"_s, u"+15551234567"_s)).value();
    QString error;
    QVERIFY(!store.remove(ada + 1, &error));
    QVERIFY2(error.contains(QString::number(ada + 1)), qPrintable(error));
    QCOMPARE(store.count(), 1);
}

void tst_CustomerStore::removeWaitsForALockedDatabaseThenChangesNothing()
{
    CustomerStore store(*m_db);
    const qint64 ada = store.insert(customer(u"C1"_s, u"Ada Lovelace"_s, u"+15551234567"_s)).value();
    addBooking(ada, u"B1"_s);
    addCall(u"CA1"_s, u"+15551234567"_s, ada, std::nullopt);

    // Another program (an import, the router's call log) holds the write lock past our wait.
    Database other(m_db->filePath());
    QString error;
    QVERIFY2(other.open(&error), qPrintable(error));
    QVERIFY2(other.begin(&error), qPrintable(error));
    QVERIFY(m_db->setBusyTimeout(200, &error));
    QVERIFY(!store.remove(ada, &error));
    QVERIFY2(error.contains(u"locked"_s, Qt::CaseInsensitive), qPrintable(error));
    QVERIFY(!store.merge(ada, ada + 1, &error));
    other.rollback();

    QVERIFY(store.findById(ada));
    QCOMPARE(BookingStore(*m_db).countForCustomer(ada), 1);
    QCOMPARE(CallStore(*m_db).findSession(u"CA1"_s)->customerId, ada);
    // Once the lock is free it goes through.
    QVERIFY2(store.remove(ada, &error), qPrintable(error));
}

void tst_CustomerStore::mergedCustomerKeepsItsOwnDetails_data()
{
    QTest::addColumn<Customer>("kept");
    QTest::addColumn<Customer>("duplicate");
    QTest::addColumn<Customer>("expected");

    Customer full = customer(u"C1"_s, u"Ada Lovelace"_s, u"+15551234567"_s);
    full.email = u"ada@example.com"_s;
    full.assignedStaff = u"alice"_s;
    full.notes = u"Prefers mornings"_s;
    Customer other = customer(u"C2"_s, u"Ada L."_s, u"+15559990000"_s);
    other.email = u"ada.l@example.com"_s;
    other.assignedStaff = u"bob"_s;
    other.notes = u"Allergic to penicillin"_s;

    Customer both = full;
    both.notes = u"Prefers mornings\nAllergic to penicillin"_s;
    QTest::newRow("own details stay, notes of both") << full << other << both;

    Customer empty;
    empty.id = 7;
    Customer filled = other;
    filled.id = 7;
    QTest::newRow("empty fields filled") << empty << other << filled;

    Customer unreadable = full;
    unreadable.phoneRaw = u"555-12ab"_s;
    unreadable.phoneE164.clear();
    Customer readable = both;
    readable.phoneRaw = other.phoneRaw;
    readable.phoneE164 = other.phoneE164;
    QTest::newRow("a number calls match beats an unreadable one") << unreadable << other << readable;

    Customer sameNotes = other;
    sameNotes.notes = full.notes;
    QTest::newRow("the same notes once") << full << sameNotes << full;
}

void tst_CustomerStore::mergedCustomerKeepsItsOwnDetails()
{
    QFETCH(Customer, kept);
    QFETCH(Customer, duplicate);
    QFETCH(Customer, expected);
    const Customer merged = mergedCustomer(kept, duplicate);
    QCOMPARE(merged.id, kept.id);
    QCOMPARE(merged.externalId, expected.externalId);
    QCOMPARE(merged.name, expected.name);
    QCOMPARE(merged.phoneRaw, expected.phoneRaw);
    QCOMPARE(merged.phoneE164, expected.phoneE164);
    QCOMPARE(merged.email, expected.email);
    QCOMPARE(merged.assignedStaff, expected.assignedStaff);
    QCOMPARE(merged.notes, expected.notes);
}

void tst_CustomerStore::mergeMovesBookingsAndCallsInOneTransaction()
{
    CustomerStore store(*m_db);
    Customer first = customer(QString(), u"Maria Lopez"_s, u"+15551230001"_s);
    const qint64 kept = store.insert(first).value();
    Customer twice = customer(QString(), u"Maria  Lopez"_s, u"+15551230001"_s);
    twice.email = u"maria@example.com"_s;
    twice.notes = u"Nervous about injections"_s;
    const qint64 duplicate = store.insert(twice).value();
    const qint64 keptBooking = addBooking(kept, QString());
    const qint64 movedBooking = addBooking(duplicate, QString());
    addCall(u"CA1"_s, u"+15551230001"_s, duplicate, movedBooking);

    QString error;
    QVERIFY2(store.merge(kept, duplicate, &error), qPrintable(error));
    QVERIFY(!store.findById(duplicate));
    const Customer merged = *store.findById(kept);
    QCOMPARE(merged.name, u"Maria Lopez"_s);
    QCOMPARE(merged.email, u"maria@example.com"_s);
    QCOMPARE(merged.notes, u"Nervous about injections"_s);
    QCOMPARE(store.findByPhone(u"+15551230001"_s).size(), 1);

    const QList<Booking> bookings = BookingStore(*m_db).forCustomer(kept);
    QCOMPARE(bookings.size(), 2);
    QCOMPARE(bookings.at(0).id, keptBooking);
    QCOMPARE(bookings.at(1).id, movedBooking);
    const std::optional<CallListEntry> call = CallStore(*m_db).entry(u"CA1"_s);
    QCOMPARE(call->session.customerId, kept);
    QCOMPARE(call->session.bookingId, movedBooking);
    QCOMPARE(call->customerName, u"Maria Lopez"_s);
}

void tst_CustomerStore::mergeTakesTheDuplicatesImportId()
{
    // Typed in at the desk, then imported from the booking system: the kept one takes the import id,
    // so that the next import updates it instead of bringing the duplicate back.
    CustomerStore store(*m_db);
    const qint64 typed = store.insert(customer(QString(), u"Ada Lovelace"_s, u"+15551234567"_s)).value();
    const qint64 imported = store.insert(customer(u"P-0042"_s, u"Ada Lovelace"_s, u"+15551234567"_s)).value();
    QString error;
    QVERIFY2(store.merge(typed, imported, &error), qPrintable(error));
    QCOMPARE(store.findById(typed)->externalId, u"P-0042"_s);
    const Result<UpsertResult> again = store.upsert(customer(u"P-0042"_s, u"Ada King"_s, u"+15551234567"_s));
    QVERIFY(again.ok());
    QCOMPARE(again->id, typed);
    QCOMPARE(store.count(), 1);
}

void tst_CustomerStore::mergeRefusesTheSameOrAnUnknownCustomer()
{
    CustomerStore store(*m_db);
    const qint64 ada = store.insert(customer(u"C1"_s, u"Ada Lovelace"_s, u"+15551234567"_s)).value();
    addBooking(ada, u"B1"_s);
    QString error;
    QVERIFY(!store.merge(ada, ada, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!store.merge(ada, ada + 1, &error));
    QVERIFY2(error.contains(QString::number(ada + 1)), qPrintable(error));
    QVERIFY(!store.merge(ada + 1, ada, &error));
    QCOMPARE(store.count(), 1);
    QCOMPARE(BookingStore(*m_db).countForCustomer(ada), 1);
}

QTEST_GUILESS_MAIN(tst_CustomerStore)
#include "tst_customerstore.moc"
