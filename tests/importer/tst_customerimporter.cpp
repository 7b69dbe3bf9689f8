// Tests of CustomerImporter: the customers CSV rules of DESIGN.md, on real files in a temp data dir.
#include "importer/columnmapping.h"
#include "importer/customerimporter.h"
#include "storage/bookinglookup.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_CustomerImporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void importsCustomers();
    void readsHeaderWithoutCaseOrSpaces();
    void writtenFormsMatchTheCaller_data();
    void writtenFormsMatchTheCaller();
    void usesTheDefaultRegion();
    void emptyPhoneIsAllowedButNeverMatches();
    void badRowsImportNothingAndAreAllListed();
    void skipInvalidImportsTheGoodRows();
    void reimportUpdatesById();
    void reimportWithoutEmailKeepsEmails();
    void importsAssignedStaff();
    void reimportAssignedStaff_data();
    void reimportAssignedStaff();
    void refusesMissingColumns_data();
    void refusesMissingColumns();
    void refusesUnusableFiles_data();
    void refusesUnusableFiles();
    void headerOnlyImportsNothing();
    void reportsProgress();
    void progressCanStopTheImport();
    void checksAHeaderBeforeImporting();
    void appliesTheAddDialogsChecks();
    void checksAssignedStaffAgainstThePlan();
    void warnsAboutSharedPhones();
    void importsAPatientListThroughAMapping();
    void withoutIdsKnowsCustomersByNameAndPhone();
    void refusesAMappingMadeForAnotherHeader();

private:
    ImportReport import(const QByteArray &contents, bool skipInvalid = false, const QString &region = u"US"_s);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
};

namespace {

const QDateTime s_now(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);

QString describe(const ImportReport &report)
{
    QStringList lines{report.fileError};
    for (const ImportRowError &error : report.errors)
        lines.append(u"line %1: %2"_s.arg(error.line).arg(error.reason));
    return lines.join(u'\n');
}

} // namespace

void tst_CustomerImporter::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_db = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
}

void tst_CustomerImporter::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

ImportReport tst_CustomerImporter::import(const QByteArray &contents, bool skipInvalid, const QString &region)
{
    const QString path = m_dir->writeFile(u"customers.csv"_s, contents);
    CustomerImporter importer(*m_db, region);
    return importer.importFile(path, skipInvalid);
}

void tst_CustomerImporter::importsCustomers()
{
    const ImportReport report = import("\xEF\xBB\xBF"
                                       "customer_id,name,phone,email,notes,favourite_colour\r\n"
                                       "C1,\"Lovelace, Ada\",(555) 123-4567,ada@example.com,\"Says \"\"hi\"\",\r\n"
                                       "second line\",blue\r\n"
                                       "\r\n"
                                       "C2,Bob,+44 20 7946 0958,,,green\r\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 2);
    QCOMPARE(report.updated, 0);
    QCOMPARE(report.skipped, 0);
    QVERIFY(report.errors.isEmpty());
    QVERIFY(report.fileError.isEmpty());

    CustomerStore store(*m_db);
    QCOMPARE(store.count(), 2);
    const std::optional<Customer> ada = store.findByExternalId(u"C1"_s);
    QVERIFY(ada);
    QCOMPARE(ada->name, u"Lovelace, Ada"_s);
    QCOMPARE(ada->phoneRaw, u"(555) 123-4567"_s);
    QCOMPARE(ada->phoneE164, u"+15551234567"_s);
    QCOMPARE(ada->email, u"ada@example.com"_s);
    QCOMPARE(ada->notes, u"Says \"hi\",\r\nsecond line"_s);
    const std::optional<Customer> bob = store.findByExternalId(u"C2"_s);
    QVERIFY(bob);
    QCOMPARE(bob->phoneE164, u"+442079460958"_s);
    QCOMPARE(bob->email, QString());
}

void tst_CustomerImporter::readsHeaderWithoutCaseOrSpaces()
{
    const ImportReport report = import(" Customer_ID ,NAME,  Phone\nC1,Ada,555-123-4567\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 1);
    QCOMPARE(CustomerStore(*m_db).findByExternalId(u"C1"_s)->phoneE164, u"+15551234567"_s);
}

void tst_CustomerImporter::writtenFormsMatchTheCaller_data()
{
    QTest::addColumn<QString>("written");
    QTest::newRow("(555) 123-4567") << u"(555) 123-4567"_s;
    QTest::newRow("555.123.4567") << u"555.123.4567"_s;
    QTest::newRow("+1 555 123 4567") << u"+1 555 123 4567"_s;
    QTest::newRow("+15551234567") << u"+15551234567"_s;
}

void tst_CustomerImporter::writtenFormsMatchTheCaller()
{
    QFETCH(QString, written);
    const ImportReport report = import("customer_id,name,phone\nC1,Ada,\"" + written.toUtf8() + "\"\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    const std::optional<CallerMatch> match = BookingLookup(*m_db).findCaller(u"+15551234567"_s, s_now);
    QVERIFY(match);
    QCOMPARE(match->customer.externalId, u"C1"_s);
    QCOMPARE(match->customer.phoneRaw, written);
}

void tst_CustomerImporter::usesTheDefaultRegion()
{
    const ImportReport report = import("customer_id,name,phone\nC1,Ada,020 7946 0958\n", false, u"GB"_s);
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(CustomerStore(*m_db).findByExternalId(u"C1"_s)->phoneE164, u"+442079460958"_s);
}

void tst_CustomerImporter::emptyPhoneIsAllowedButNeverMatches()
{
    const ImportReport report = import("customer_id,name,phone,email\nC1,Ada,,ada@example.com\nC2,Bob,  ,\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 2);
    const std::optional<Customer> ada = CustomerStore(*m_db).findByExternalId(u"C1"_s);
    QCOMPARE(ada->phoneE164, QString());
    QVERIFY(!BookingLookup(*m_db).findCaller(QString(), s_now));
}

void tst_CustomerImporter::badRowsImportNothingAndAreAllListed()
{
    const ImportReport report = import("customer_id,name,phone\n"     // line 1
                                       "C1,Ada,555-123-4567\n"        // 2
                                       ",No id,555-000-1111\n"        // 3
                                       "C3,Carol,\"multi\n"           // 4
                                       "line\"\n"                     // 5
                                       "C4,Dan,abc\n"                 // 6
                                       "C5,Eve,555-000-2222\n"        // 7
                                       "C1,Ada again,555-123-4567\n"  // 8
                                       "C9,Unquoted, comma,555\n"     // 9
                                       ",,\n"                         // 10 (blank row)
                                       ",Both bad,12\n");             // 11
    QVERIFY(!report.committed);
    QVERIFY(report.fileError.isEmpty());
    QCOMPARE(report.inserted, 0);
    QCOMPARE(report.updated, 0);
    QCOMPARE(report.skipped, 6);
    QCOMPARE(CustomerStore(*m_db).count(), 0);

    QList<int> lines;
    for (const ImportRowError &error : report.errors)
        lines.append(error.line);
    QCOMPARE(lines, QList<int>({3, 4, 6, 8, 9, 11, 11}));
    QCOMPARE(report.errors.at(0).reason, u"customer_id is empty"_s);
    QCOMPARE(report.errors.at(1).reason, u"phone \"multi\nline\" is not a phone number"_s);
    QCOMPARE(report.errors.at(2).reason, u"phone \"abc\" is not a phone number"_s);
    QCOMPARE(report.errors.at(3).reason, u"customer_id \"C1\" is already used on line 2"_s);
    QVERIFY2(report.errors.at(4).reason.contains(u"quotes"_s), qPrintable(report.errors.at(4).reason));
    QCOMPARE(report.errors.at(5).reason, u"customer_id is empty"_s);
    QCOMPARE(report.errors.at(6).reason, u"phone \"12\" is not a phone number"_s);
}

void tst_CustomerImporter::skipInvalidImportsTheGoodRows()
{
    const ImportReport report = import("customer_id,name,phone\n"
                                       "C1,Ada,555-123-4567\n"
                                       "C2,Bob,not a number\n"
                                       "C3,Carol,555-000-3333\n",
                                       true);
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 2);
    QCOMPARE(report.skipped, 1);
    QCOMPARE(report.errors.size(), 1);
    QCOMPARE(report.errors.at(0).line, 3);
    QCOMPARE(report.errors.at(0).reason, u"phone \"not a number\" is not a phone number"_s);
    CustomerStore store(*m_db);
    QCOMPARE(store.count(), 2);
    QVERIFY(store.findByExternalId(u"C1"_s));
    QVERIFY(!store.findByExternalId(u"C2"_s));
    QVERIFY(store.findByExternalId(u"C3"_s));
}

void tst_CustomerImporter::reimportUpdatesById()
{
    QVERIFY(import("customer_id,name,phone,email\nC1,Ada,555-123-4567,ada@example.com\nC2,Bob,555-000-2222,\n")
                .committed);
    const qint64 adaId = CustomerStore(*m_db).findByExternalId(u"C1"_s)->id;

    const ImportReport report =
        import("customer_id,name,phone,email\nC1,Ada King,+1 555 765 4321,ada@king.example\nC3,Carol,,\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 1);
    QCOMPARE(report.updated, 1);

    CustomerStore store(*m_db);
    QCOMPARE(store.count(), 3);
    const std::optional<Customer> ada = store.findByExternalId(u"C1"_s);
    QCOMPARE(ada->id, adaId);
    QCOMPARE(ada->name, u"Ada King"_s);
    QCOMPARE(ada->phoneRaw, u"+1 555 765 4321"_s);
    QCOMPARE(ada->phoneE164, u"+15557654321"_s);
    QCOMPARE(ada->email, u"ada@king.example"_s);
    QVERIFY(store.findByPhone(u"+15551234567"_s).isEmpty());
}

void tst_CustomerImporter::reimportWithoutEmailKeepsEmails()
{
    QVERIFY(import("customer_id,name,phone,email,notes\nC1,Ada,555-123-4567,ada@example.com,VIP\n").committed);
    const ImportReport report = import("customer_id,name,phone\nC1,Ada King,555-123-4567\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.updated, 1);
    const std::optional<Customer> ada = CustomerStore(*m_db).findByExternalId(u"C1"_s);
    QCOMPARE(ada->name, u"Ada King"_s);
    QCOMPARE(ada->email, u"ada@example.com"_s);
    QCOMPARE(ada->notes, u"VIP"_s);
}

void tst_CustomerImporter::importsAssignedStaff()
{
    const ImportReport report = import("customer_id,name,phone,assigned_staff\n"
                                       "C1,Ada,555-123-4567,  alice \n"
                                       "C2,Bob,555-000-2222,\n"
                                       "C3,Cy,555-000-3333\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 3);
    CustomerStore store(*m_db);
    QCOMPARE(store.findByExternalId(u"C1"_s)->assignedStaff, u"alice"_s);
    QCOMPARE(store.findByExternalId(u"C2"_s)->assignedStaff, QString());
    QCOMPARE(store.findByExternalId(u"C3"_s)->assignedStaff, QString());
    // What the router sees for the caller.
    const std::optional<CallerMatch> match = BookingLookup(*m_db).findCaller(u"+15551234567"_s, s_now);
    QVERIFY(match);
    QCOMPARE(match->customer.assignedStaff, u"alice"_s);
}

void tst_CustomerImporter::reimportAssignedStaff_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("expected");
    QTest::newRow("without the column keeps it")
        << QByteArray("customer_id,name,phone,email\nC1,Ada King,555-123-4567,ada@example.com\n") << u"alice"_s;
    QTest::newRow("an empty cell clears it")
        << QByteArray("customer_id,name,phone,assigned_staff\nC1,Ada King,555-123-4567,\n") << QString();
    QTest::newRow("a short row clears it")
        << QByteArray("customer_id,name,phone,assigned_staff\nC1,Ada King,555-123-4567\n") << QString();
    QTest::newRow("another id replaces it")
        << QByteArray("customer_id,name,phone,assigned_staff\nC1,Ada King,555-123-4567,bob\n") << u"bob"_s;
}

void tst_CustomerImporter::reimportAssignedStaff()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, expected);
    QVERIFY(import("customer_id,name,phone,notes,assigned_staff\nC1,Ada,555-123-4567,VIP,alice\n").committed);

    const ImportReport report = import(contents);
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.updated, 1);
    const std::optional<Customer> ada = CustomerStore(*m_db).findByExternalId(u"C1"_s);
    QVERIFY(ada);
    QCOMPARE(ada->name, u"Ada King"_s);
    QCOMPARE(ada->notes, u"VIP"_s);
    QCOMPARE(ada->assignedStaff, expected);
}

void tst_CustomerImporter::refusesMissingColumns_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QStringList>("named");

    QTest::newRow("no phone column") << QByteArray("customer_id,name,mobile\nC1,Ada,555-123-4567\n")
                                     << QStringList{u"phone"_s};
    QTest::newRow("no header row") << QByteArray("C1,Ada,555-123-4567\nC2,Bob,555-000-2222\n")
                                   << QStringList{u"customer_id"_s, u"name"_s, u"phone"_s};
    QTest::newRow("phone named twice") << QByteArray("customer_id,name,phone,Phone\nC1,Ada,1,2\n")
                                       << QStringList{u"phone"_s, u"more than once"_s};
    QTest::newRow("assigned_staff named twice")
        << QByteArray("customer_id,name,phone,assigned_staff,Assigned_Staff\nC1,Ada,1,alice,bob\n")
        << QStringList{u"assigned_staff"_s, u"more than once"_s};
}

void tst_CustomerImporter::refusesMissingColumns()
{
    QFETCH(QByteArray, contents);
    QFETCH(QStringList, named);
    const ImportReport report = import(contents);
    QVERIFY(!report.committed);
    QVERIFY(report.errors.isEmpty());
    QVERIFY2(report.fileError.contains(u"customers.csv"_s), qPrintable(report.fileError));
    for (const QString &word : named)
        QVERIFY2(report.fileError.contains(word), qPrintable(report.fileError));
    QCOMPARE(CustomerStore(*m_db).count(), 0);
}

void tst_CustomerImporter::refusesUnusableFiles_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("empty file") << QByteArray() << u"empty"_s;
    QTest::newRow("blank lines only") << QByteArray("\n\n") << u"empty"_s;
    QTest::newRow("Latin-1, not UTF-8") << QByteArray("customer_id,name,phone\nC1,Ada,555-123-4567\nC2,Jos\xE9,555\n")
                                        << u"UTF-8 text (line 3)"_s;
    QTest::newRow("UTF-16") << QByteArray("\xFF\xFE" "c\0,\0", 6) << u"UTF-16"_s;
    QTest::newRow("unterminated quote")
        << QByteArray("customer_id,name,phone\nC1,\"Ada,555-123-4567\nC2,Bob,555-000-2222\n") << u"line 2"_s;
}

void tst_CustomerImporter::refusesUnusableFiles()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, mentions);
    const ImportReport report = import(contents);
    QVERIFY(!report.committed);
    QVERIFY2(report.fileError.contains(u"customers.csv"_s), qPrintable(report.fileError));
    QVERIFY2(report.fileError.contains(mentions), qPrintable(report.fileError));
    QCOMPARE(CustomerStore(*m_db).count(), 0);
}

void tst_CustomerImporter::headerOnlyImportsNothing()
{
    const ImportReport report = import("customer_id,name,phone\n");
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 0);

    CustomerImporter importer(*m_db);
    const ImportReport missing = importer.importFile(m_dir->filePath(u"nowhere.csv"_s), false);
    QVERIFY(!missing.committed);
    QVERIFY2(missing.fileError.contains(u"nowhere.csv"_s), qPrintable(missing.fileError));
}

void tst_CustomerImporter::reportsProgress()
{
    QByteArray contents = "customer_id,name,phone\n";
    for (int i = 0; i < 2500; ++i)
        contents += "C" + QByteArray::number(i) + ",Customer " + QByteArray::number(i) + ",+1555100"
                    + QByteArray::number(i).rightJustified(4, '0') + "\n";
    const QString path = m_dir->writeFile(u"customers.csv"_s, contents);
    CustomerImporter importer(*m_db);
    QList<ImportProgress> calls;
    importer.setProgressCallback([&](const ImportProgress &progress) {
        calls.append(progress);
        return true;
    });
    const ImportReport report = importer.importFile(path, false);
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 2500);
    // Every 1000 rows, and at the end.
    QCOMPARE(calls.size(), 3);
    QCOMPARE(calls.at(0).rows, 1000);
    QCOMPARE(calls.at(1).rows, 2000);
    QCOMPARE(calls.at(2).rows, 2500);
    for (const ImportProgress &progress : std::as_const(calls)) {
        QCOMPARE(progress.totalBytes, contents.size());
        QVERIFY(progress.bytesRead > 0 && progress.bytesRead <= progress.totalBytes);
    }
    QCOMPARE(calls.last().bytesRead, contents.size());

    // A last report for the last row is the end: not told twice.
    calls.clear();
    importer.setProgressCallback(
        [&](const ImportProgress &progress) {
            calls.append(progress);
            return true;
        },
        500);
    QVERIFY(importer.importFile(path, false).committed);
    QCOMPARE(calls.size(), 5);
    QCOMPARE(calls.last().rows, 2500);
    QCOMPARE(calls.last().bytesRead, contents.size());
}

void tst_CustomerImporter::progressCanStopTheImport()
{
    QByteArray contents = "customer_id,name,phone\n";
    for (int i = 0; i < 50; ++i)
        contents += "C" + QByteArray::number(i) + ",Customer,\n";
    const QString path = m_dir->writeFile(u"customers.csv"_s, contents);
    CustomerImporter importer(*m_db);
    int calls = 0;
    importer.setProgressCallback(
        [&](const ImportProgress &progress) {
            ++calls;
            return progress.rows < 20;
        },
        10);
    const ImportReport report = importer.importFile(path, true);
    QCOMPARE(calls, 2);
    QVERIFY(report.stopped);
    QVERIFY(!report.committed);
    QCOMPARE(report.inserted, 0);
    QVERIFY2(report.fileError.contains(u"stopped"_s), qPrintable(report.fileError));
    QCOMPARE(CustomerStore(*m_db).count(), 0);
}

void tst_CustomerImporter::checksAHeaderBeforeImporting()
{
    CustomerImporter importer(*m_db);
    QVERIFY(importer.checkHeader({u"Customer_ID"_s, u"name"_s, u"phone"_s, u"fax"_s}, u"a.csv"_s).isEmpty());
    const QString missing = importer.checkHeader({u"name"_s, u"phone"_s}, u"a.csv"_s);
    QVERIFY2(missing.contains(u"customer_id"_s) && missing.contains(u"a.csv"_s), qPrintable(missing));
    QCOMPARE(importer.columns().mid(0, 3), QStringList({u"customer_id"_s, u"name"_s, u"phone"_s}));
    QVERIFY(importer.columns().contains(u"assigned_staff"_s));
}

void tst_CustomerImporter::appliesTheAddDialogsChecks()
{
    const ImportReport report = import("customer_id,name,phone,email\n" // 1
                                       "C1,Ada,555-123-4567,ada@example.com\n" // 2
                                       "C2,  ,555-000-2222,\n" // 3 no name
                                       "C3,Bob,555-000-3333,bob(at)example.com\n" // 4 bad email
                                       "C4,Cy,555-000-4444,cy@example\n"); // 5 no domain
    QVERIFY(!report.committed);
    QStringList errors;
    for (const ImportRowError &error : report.errors)
        errors.append(u"%1 %2: %3"_s.arg(error.line).arg(error.column, error.reason));
    QCOMPARE(errors,
        (QStringList { u"3 name: name is empty"_s,
            u"4 email: email \"bob(at)example.com\" is not an email address"_s,
            u"5 email: email \"cy@example\" is not an email address"_s }));
}

void tst_CustomerImporter::checksAssignedStaffAgainstThePlan()
{
    const QString path = m_dir->writeFile(u"customers.csv"_s,
        "customer_id,name,phone,assigned_staff\n"
        "C1,Ada,555-123-4567,alice\n"
        "C2,Bob,555-000-2222,Dr. Bob Stone\n"
        "C3,Cy,555-000-3333,zed\n");
    CustomerImporter importer(*m_db);
    importer.setStaff({ { u"alice"_s, u"Alice Ng"_s }, { u"bob"_s, u"Dr. Bob Stone"_s } });
    const ImportReport report = importer.importFile(path, true);
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 2);
    QCOMPARE(report.errors.size(), 1);
    QCOMPARE(report.errors.at(0).line, 4);
    QCOMPARE(report.errors.at(0).column, u"assigned_staff"_s);
    QVERIFY2(report.errors.at(0).reason.startsWith(u"assigned_staff \"zed\" is not on the staff"_s),
        qPrintable(report.errors.at(0).reason));
    // A staff member named as practice software exports the provider is saved by id.
    QCOMPARE(CustomerStore(*m_db).findByExternalId(u"C2"_s)->assignedStaff, u"bob"_s);
}

void tst_CustomerImporter::warnsAboutSharedPhones()
{
    QVERIFY(
        import("customer_id,name,phone\nS1,Tom Becker,(555) 123-0009\nS2,Ann Lee,555-000-1111\n").committed);
    const ImportReport report = import("customer_id,name,phone\n" // 1
                                       "C1,Maria Lopez,(555) 123-0001\n" // 2
                                       "C2,José Lopez,555.123.0001\n" // 3 Maria's landline
                                       "C3,Lucia Lopez,+1 555 123 0001\n" // 4 and again
                                       "C4,Greta Becker,555-123-0009\n" // 5 Tom's number, saved before
                                       "S2,Ann Lee,555-000-1111\n" // 6 Ann herself, updated
                                       "C5,Bad,12\n"); // 7 bad rows share nothing
    QVERIFY2(!report.committed, qPrintable(describe(report)));
    QCOMPARE(report.errors.size(), 1);
    // Warnings, not errors: families share a landline.
    QCOMPARE(report.warnings.size(), 2);
    QCOMPARE(report.warnings.at(0).lines, (QList<int> { 2, 3, 4 }));
    QVERIFY2(report.warnings.at(0).text.contains(u"Lines 2, 3"_s)
            && report.warnings.at(0).text.contains(u"(555) 123-0001"_s)
            && report.warnings.at(0).text.contains(u"Maria Lopez"_s)
            && report.warnings.at(0).text.contains(u"Lucia Lopez"_s),
        qPrintable(report.warnings.at(0).text));
    QCOMPARE(report.warnings.at(1).lines, QList<int> { 5 });
    QVERIFY2(report.warnings.at(1).text.contains(u"Line 5"_s)
            && report.warnings.at(1).text.contains(u"Tom Becker"_s),
        qPrintable(report.warnings.at(1).text));

    // With the bad row left out the file is imported, warnings and all.
    const ImportReport skipping = import("customer_id,name,phone\nC1,Maria Lopez,(555) 123-0001\n"
                                         "C2,José Lopez,555.123.0001\n",
        true);
    QVERIFY(skipping.committed);
    QCOMPARE(skipping.warnings.size(), 1);
}

void tst_CustomerImporter::importsAPatientListThroughAMapping()
{
    const QByteArray contents = "Patient ID;First Name;Last Name;Mobile;Home Phone;E-Mail;Date of Birth;Next "
                                "Appointment;Provider\r\n"
                                "1001;Maria;Lopez;(555) 123-0001;(555) "
                                "765-0001;maria@example.com;1980-02-03;12/05/2026 10:00;Dr. Alice Ng\r\n"
                                "1002;José;García;;555 765 0002;;1975-06-07;;\r\n"
                                "1003;;Nobody;555 123 0003;;nobody(at)example.com;;;Dr. Who\r\n";
    const QString path = m_dir->writeFile(u"patients.csv"_s, contents);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList header = QString::fromUtf8(contents.left(contents.indexOf('\r'))).split(u';');
    CustomerImporter importer(*m_db);
    importer.setStaff({ { u"alice"_s, u"Dr. Alice Ng"_s } });
    importer.setColumnMapping(ColumnMapping::guess(ImportKind::Customers, header));
    const ImportReport report = importer.importDevice(file, u"patients.csv"_s, true);
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 2);

    CustomerStore store(*m_db);
    const std::optional<Customer> maria = store.findByExternalId(u"1001"_s);
    QVERIFY(maria);
    QCOMPARE(maria->name, u"Maria Lopez"_s);
    QCOMPARE(maria->phoneE164, u"+15551230001"_s); // the mobile, not the landline
    QCOMPARE(maria->email, u"maria@example.com"_s);
    QCOMPARE(maria->assignedStaff, u"alice"_s);
    const std::optional<Customer> jose = store.findByExternalId(u"1002"_s);
    QCOMPARE(jose->name, u"José García"_s);
    QCOMPARE(jose->phoneE164, u"+15557650002"_s); // no mobile: the home phone

    // The bad row names the line and the field at fault, as the Add dialog would have.
    QStringList errors;
    for (const ImportRowError &error : report.errors)
        errors.append(u"%1 %2"_s.arg(error.line).arg(error.column));
    QCOMPARE(errors, (QStringList { u"4 email"_s, u"4 assigned_staff"_s }));
}

void tst_CustomerImporter::withoutIdsKnowsCustomersByNameAndPhone()
{
    const QByteArray contents = "Vorname,Nachname,Handy,Telefon,E-Mail,Termin\n"
                                "Anna,Schmidt,0171 2345678,030 1234567,anna@example.de,5.12.2026 10:00\n"
                                "Karl,Schmidt,,030 1234567,,\n"
                                "Karl,Schmidt,,+49 30 1234567,,\n";
    const QStringList header = QString::fromUtf8(contents.left(contents.indexOf('\n'))).split(u',');
    const auto importFile = [&](const QByteArray &bytes) {
        CustomerImporter importer(*m_db, u"DE"_s);
        importer.setColumnMapping(ColumnMapping::guess(ImportKind::Customers, header));
        return importer.importFile(m_dir->writeFile(u"kunden.csv"_s, bytes), true);
    };
    ImportReport report = importFile(contents);
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 2);
    QCOMPARE(report.errors.size(), 1);
    QCOMPARE(report.errors.at(0).line, 4);
    QCOMPARE(report.errors.at(0).reason, u"the same name and phone as line 3"_s);

    // Again, with Anna's email changed: the same two customers, updated.
    QByteArray changed = contents;
    changed.replace("anna@example.de", "anna.schmidt@example.de");
    report = importFile(changed);
    QVERIFY2(report.committed, qPrintable(describe(report)));
    QCOMPARE(report.inserted, 0);
    QCOMPARE(report.updated, 2);
    CustomerStore store(*m_db);
    QCOMPARE(store.count(), 2);
    const QList<Customer> anna = store.findByPhone(u"+491712345678"_s);
    QCOMPARE(anna.size(), 1);
    QCOMPARE(anna.first().email, u"anna.schmidt@example.de"_s);
    QCOMPARE(store.findByPhone(u"+49301234567"_s).size(), 1); // Karl; Anna's landline only stands in
}

void tst_CustomerImporter::refusesAMappingMadeForAnotherHeader()
{
    CustomerImporter importer(*m_db);
    importer.setColumnMapping(ColumnMapping::guess(ImportKind::Customers, { u"Name"_s, u"Phone"_s }));
    const ImportReport report
        = importer.importFile(m_dir->writeFile(u"other.csv"_s, "Phone,Name\n555-123-4567,Ada\n"), false);
    QVERIFY(!report.committed);
    QVERIFY2(report.fileError.contains(u"other.csv"_s), qPrintable(report.fileError));
    QCOMPARE(CustomerStore(*m_db).count(), 0);
}

QTEST_GUILESS_MAIN(tst_CustomerImporter)
#include "tst_customerimporter.moc"
