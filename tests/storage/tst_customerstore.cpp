// Tests of CustomerStore: finding customers by id, external id and phone; insert, update and upsert.
#include "storage/customerstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QTest>

using namespace Qt::StringLiterals;

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

private:
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

QTEST_GUILESS_MAIN(tst_CustomerStore)
#include "tst_customerstore.moc"
