// Tests of BookingStore: finding bookings, a customer's bookings, and upsert by external id.
#include "storage/bookingstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

class tst_BookingStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void upsertInsertsThenUpdates();
    void keepsTimesInUtcToTheMillisecond();
    void findsByExternalId();
    void listsACustomersBookingsByStart();
    void refusesUnknownCustomer();
    void upsertNeedsAnExternalId();
    void insertsBookingsMadeInTheApp();
    void appBookingIdsNeverTakeAnImportedOne();
    void cancelSetsTheStatus();
    void updateSavesAnEditedBooking();
    void countsACustomersBookings();

private:
    qint64 addCustomer(const QString &externalId);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
};

namespace {

const QDateTime s_base(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);

Booking booking(const QString &externalId, qint64 customerId, int startHours)
{
    Booking b;
    b.externalId = externalId;
    b.customerId = customerId;
    b.startsAt = s_base.addSecs(startHours * 3600);
    b.endsAt = b.startsAt.addSecs(3600);
    b.status = BookingStatus::Confirmed;
    b.service = u"Cleaning"_s;
    b.staff = u"alice"_s;
    return b;
}

} // namespace

void tst_BookingStore::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_db = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
}

void tst_BookingStore::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

qint64 tst_BookingStore::addCustomer(const QString &externalId)
{
    Customer customer;
    customer.externalId = externalId;
    customer.name = externalId;
    return CustomerStore(*m_db).insert(customer).value();
}

void tst_BookingStore::upsertInsertsThenUpdates()
{
    BookingStore store(*m_db);
    const qint64 ada = addCustomer(u"C1"_s);
    const qint64 bob = addCustomer(u"C2"_s);

    const Result<UpsertResult> first = store.upsert(booking(u"B1"_s, ada, 0));
    QVERIFY2(first.ok(), qPrintable(first.error()));
    QVERIFY(first->inserted);

    Booking moved = booking(u"B1"_s, bob, 24);
    moved.status = BookingStatus::Canceled;
    moved.service = u"Whitening"_s;
    moved.staff = QString();
    const Result<UpsertResult> second = store.upsert(moved);
    QVERIFY2(second.ok(), qPrintable(second.error()));
    QVERIFY(!second->inserted);
    QCOMPARE(second->id, first->id);
    QCOMPARE(store.count(), 1);

    const std::optional<Booking> saved = store.findById(first->id);
    QVERIFY(saved);
    QCOMPARE(saved->customerId, bob);
    QCOMPARE(saved->startsAt, s_base.addSecs(24 * 3600));
    QCOMPARE(saved->status, BookingStatus::Canceled);
    QCOMPARE(saved->service, u"Whitening"_s);
    QCOMPARE(saved->staff, QString());
}

void tst_BookingStore::keepsTimesInUtcToTheMillisecond()
{
    BookingStore store(*m_db);
    Booking b = booking(u"B1"_s, addCustomer(u"C1"_s), 0);
    b.startsAt = QDateTime(QDate(2026, 7, 4), QTime(9, 30, 15, 250), QTimeZone("America/New_York"));
    b.endsAt = b.startsAt.addSecs(5400);
    const Result<UpsertResult> saved = store.upsert(b);
    QVERIFY(saved.ok());
    const std::optional<Booking> read = store.findById(saved->id);
    QCOMPARE(read->startsAt.timeSpec(), Qt::UTC);
    QCOMPARE(read->startsAt, QDateTime(QDate(2026, 7, 4), QTime(13, 30, 15, 250), Qt::UTC));
    QCOMPARE(read->endsAt, QDateTime(QDate(2026, 7, 4), QTime(15, 0, 15, 250), Qt::UTC));
}

void tst_BookingStore::findsByExternalId()
{
    BookingStore store(*m_db);
    const qint64 ada = addCustomer(u"C1"_s);
    QVERIFY(store.upsert(booking(u"B1"_s, ada, 0)).ok());
    QVERIFY(store.upsert(booking(u"B2"_s, ada, 2)).ok());
    const std::optional<Booking> b2 = store.findByExternalId(u"B2"_s);
    QVERIFY(b2);
    QCOMPARE(b2->externalId, u"B2"_s);
    QCOMPARE(b2->customerId, ada);
    QCOMPARE(b2->service, u"Cleaning"_s);
    QCOMPARE(b2->staff, u"alice"_s);
    QVERIFY(!store.findByExternalId(u"B3"_s));
    QVERIFY(!store.findByExternalId(QString()));
}

void tst_BookingStore::listsACustomersBookingsByStart()
{
    BookingStore store(*m_db);
    const qint64 ada = addCustomer(u"C1"_s);
    const qint64 bob = addCustomer(u"C2"_s);
    QVERIFY(store.upsert(booking(u"late"_s, ada, 48)).ok());
    QVERIFY(store.upsert(booking(u"bob"_s, bob, 1)).ok());
    QVERIFY(store.upsert(booking(u"early"_s, ada, -48)).ok());
    QVERIFY(store.upsert(booking(u"middle"_s, ada, 0)).ok());

    const QList<Booking> bookings = store.forCustomer(ada);
    QStringList ids;
    for (const Booking &b : bookings)
        ids.append(b.externalId);
    QCOMPARE(ids, QStringList({u"early"_s, u"middle"_s, u"late"_s}));
    QVERIFY(store.forCustomer(ada + bob + 1).isEmpty());
}

void tst_BookingStore::refusesUnknownCustomer()
{
    BookingStore store(*m_db);
    const Result<UpsertResult> result = store.upsert(booking(u"B1"_s, 42, 0));
    QVERIFY(!result.ok());
    QVERIFY(!result.error().isEmpty());
    QCOMPARE(store.count(), 0);
}

void tst_BookingStore::upsertNeedsAnExternalId()
{
    BookingStore store(*m_db);
    const Result<UpsertResult> result = store.upsert(booking(QString(), addCustomer(u"C1"_s), 0));
    QVERIFY(!result.ok());
    QCOMPARE(store.count(), 0);
}

void tst_BookingStore::insertsBookingsMadeInTheApp()
{
    BookingStore store(*m_db);
    const qint64 ada = addCustomer(u"C1"_s);
    // Any number of bookings without an external id.
    const Result<qint64> first = store.insert(booking(QString(), ada, 0));
    const Result<qint64> second = store.insert(booking(QString(), ada, 24));
    QVERIFY2(first.ok(), qPrintable(first.error()));
    QVERIFY2(second.ok(), qPrintable(second.error()));
    QVERIFY(first.value() != second.value());
    const std::optional<Booking> saved = store.findById(second.value());
    QVERIFY(saved);
    QCOMPARE(saved->customerId, ada);
    QCOMPARE(saved->startsAt, s_base.addSecs(24 * 3600));
    QCOMPARE(saved->service, u"Cleaning"_s);
    // Named like an imported booking, so that calls and exports can name it.
    QCOMPARE(saved->externalId, u"app-%1"_s.arg(second.value()));
    QCOMPARE(store.findByExternalId(u"app-%1"_s.arg(first.value()))->id, first.value());
    QVERIFY(!store.insert(booking(QString(), 4242, 0)).ok()); // no such customer
    QCOMPARE(store.count(), 2);
}

void tst_BookingStore::appBookingIdsNeverTakeAnImportedOne()
{
    BookingStore store(*m_db);
    const qint64 ada = addCustomer(u"C1"_s);
    // A booking system whose ids happen to look like the app's: the next row's name is taken.
    const Result<UpsertResult> imported = store.upsert(booking(u"app-2"_s, ada, 0));
    QVERIFY(imported.ok());
    QCOMPARE(imported->id, 1);
    const Result<qint64> made = store.insert(booking(QString(), ada, 2));
    QVERIFY2(made.ok(), qPrintable(made.error()));
    QCOMPARE(made.value(), 2);
    QCOMPARE(store.findById(made.value())->externalId, u"app-2-2"_s);
    QCOMPARE(store.findByExternalId(u"app-2"_s)->id, imported->id); // the imported one keeps its own
}

void tst_BookingStore::cancelSetsTheStatus()
{
    BookingStore store(*m_db);
    const qint64 ada = addCustomer(u"C1"_s);
    QVERIFY(store.upsert(booking(u"B1"_s, ada, 0)).ok());
    const qint64 id = store.findByExternalId(u"B1"_s)->id;
    QVERIFY(store.findById(id)->isActiveAt(s_base));
    QString error;
    QVERIFY2(store.cancel(id, &error), qPrintable(error));
    const std::optional<Booking> canceled = store.findById(id);
    QCOMPARE(canceled->status, BookingStatus::Canceled);
    QVERIFY(!canceled->isActiveAt(s_base));
    QCOMPARE(canceled->startsAt, s_base); // nothing else changes
    QCOMPARE(store.count(), 1);           // and nothing is deleted
    QVERIFY(!store.cancel(id + 100, &error));
    QVERIFY(error.contains(QString::number(id + 100)));
}

void tst_BookingStore::updateSavesAnEditedBooking()
{
    BookingStore store(*m_db);
    const qint64 ada = addCustomer(u"C1"_s);
    const qint64 bob = addCustomer(u"C2"_s);
    QVERIFY(store.upsert(booking(u"B1"_s, ada, 0)).ok());
    Booking edited = *store.findByExternalId(u"B1"_s);
    edited.startsAt = s_base.addSecs(26 * 3600);
    edited.endsAt = edited.startsAt.addSecs(90 * 60);
    edited.status = BookingStatus::Pending;
    edited.service = u"Root canal"_s;
    edited.staff = u"carol"_s;
    edited.customerId = bob; // not something an edit changes
    edited.externalId = u"other"_s; // nor this: the next import must find the booking
    QString error;
    QVERIFY2(store.update(edited, &error), qPrintable(error));

    const Booking saved = *store.findById(edited.id);
    QCOMPARE(saved.startsAt, s_base.addSecs(26 * 3600));
    QCOMPARE(saved.endsAt, s_base.addSecs(26 * 3600 + 90 * 60));
    QCOMPARE(saved.status, BookingStatus::Pending);
    QCOMPARE(saved.service, u"Root canal"_s);
    QCOMPARE(saved.staff, u"carol"_s);
    QCOMPARE(saved.customerId, ada);
    QCOMPARE(saved.externalId, u"B1"_s);

    edited.id += 100;
    QVERIFY(!store.update(edited, &error));
    QVERIFY(error.contains(QString::number(edited.id)));
}

void tst_BookingStore::countsACustomersBookings()
{
    BookingStore store(*m_db);
    const qint64 ada = addCustomer(u"C1"_s);
    const qint64 bob = addCustomer(u"C2"_s);
    QVERIFY(store.upsert(booking(u"B1"_s, ada, 0)).ok());
    QVERIFY(store.insert(booking(QString(), ada, 2)).ok());
    QVERIFY(store.upsert(booking(u"B2"_s, bob, 0)).ok());
    QVERIFY(store.cancel(store.findByExternalId(u"B1"_s)->id));
    QCOMPARE(store.countForCustomer(ada), 2); // canceled ones too: they go with the customer
    QCOMPARE(store.countForCustomer(bob), 1);
    QCOMPARE(store.countForCustomer(ada + bob + 1), 0);
}

QTEST_GUILESS_MAIN(tst_BookingStore)
#include "tst_bookingstore.moc"
