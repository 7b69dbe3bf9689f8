// The CSV import dialog offscreen: the preview and its columns, a file with bad rows importing nothing and
// listing them by line, importing only the good rows, progress from the worker thread on a 20,000-row
// file, stopping, and a bookings file; a practice software's patient list with its columns matched, the
// match remembered, dates read the way the owner chooses, shared phone numbers noted, and the example files.
#include "customers/columnmappingeditor.h"
#include "customers/csvimportdialog.h"
#include "storage/bookingstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHeaderView>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

class TestCsvImportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void previewShowsTheFirstRowsAndTheColumns();
    void previewRefusesAFileWithoutTheRequiredColumns();
    void badRowsImportNothingAndAreListedByLine();
    void onlyTheGoodRowsWhenAsked();
    void progressComesFromAWorkerThread();
    void stoppingImportsNothing();
    void importsBookings();
    void screenshot();
    void matchesAPatientListsColumns();
    void remembersTheMatchForTheNextFile();
    void readsDatesTheWayTheOwnerChooses();
    void namesTheFilesColumnInProblems();
    void notesSharedPhoneNumbers();
    void exampleFilesImportAsTheyAre();
    void screenshotOfTheMatching();

private:
    std::unique_ptr<CsvImportDialog> dialog(CsvImportDialog::Kind kind = CsvImportDialog::Kind::Customers);
    ImportReport importAndWait(CsvImportDialog &dialog);
    static QByteArray customersFile(int rows);

    QTemporaryDir m_session;
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
};

namespace {

const QByteArray s_withBadRows = "customer_id,name,phone,email,fax\n" // line 1
                                 "C1,Maria Lopez,(555) 123-0001,maria@example.com,\n"
                                 "C2,James Carter,555-12ab,,\n" // line 3: not a number
                                 "C3,Aisha Khan,+1 555 123 0003,,\n"
                                 ",Nobody,(555) 123-0005,,\n" // line 5: no id
                                 "C6,\"Becker, Tom\",555.123.0006,,555 0000\n";

} // namespace

void TestCsvImportDialog::initTestCase()
{
    QVERIFY(m_session.isValid());
    // Before any QSettings is made: the remembered matches land in a session of the test's own.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_session.path()));
    // Dates and lists as in the US, whatever the machine's locale.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestCsvImportDialog::init()
{
    QSettings(u"Switchboard"_s, u"Switchboard"_s).clear();
    m_dir = std::make_unique<TempDataDir>();
    m_db = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
}

void TestCsvImportDialog::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

std::unique_ptr<CsvImportDialog> TestCsvImportDialog::dialog(CsvImportDialog::Kind kind)
{
    auto dialog = std::make_unique<CsvImportDialog>(kind, *m_db, m_db->filePath(), u"US"_s);
    dialog->show();
    return dialog;
}

ImportReport TestCsvImportDialog::importAndWait(CsvImportDialog &dialog)
{
    QSignalSpy finished(&dialog, &CsvImportDialog::importFinished);
    dialog.startImport();
    if (!finished.wait(60000))
        qWarning() << "The import did not finish.";
    return dialog.report();
}

QByteArray TestCsvImportDialog::customersFile(int rows)
{
    QByteArray contents = "customer_id,name,phone,email\n";
    for (int i = 0; i < rows; ++i)
        contents += "C" + QByteArray::number(i) + ",Patient " + QByteArray::number(i) + ",(556) "
            + QByteArray::number(i / 10000).rightJustified(3, '0') + "-"
            + QByteArray::number(i % 10000).rightJustified(4, '0') + ",patient" + QByteArray::number(i)
            + "@example.com\n";
    return contents;
}

void TestCsvImportDialog::previewShowsTheFirstRowsAndTheColumns()
{
    auto d = dialog();
    QVERIFY(!d->importButton()->isEnabled()); // nothing chosen yet
    const QString path
        = m_dir->writeFile(u"customers.csv"_s, customersFile(35) + "C99,\"Lovelace, Ada\",,\n");
    QVERIFY(d->loadFile(path));
    QTableWidget *preview = d->preview();
    QCOMPARE(preview->rowCount(), CsvImportDialog::PreviewRows);
    QCOMPARE(preview->columnCount(), 4);
    QCOMPARE(preview->horizontalHeaderItem(0)->text(), u"customer_id"_s);
    QCOMPARE(preview->item(0, 1)->text(), u"Patient 0"_s);
    QCOMPARE(preview->item(19, 2)->text(), u"(556) 000-0019"_s);
    QCOMPARE(preview->verticalHeaderItem(0)->text(), u"Line 2"_s);
    QVERIFY2(d->columnsText().contains(u"customer_id, name, phone, email"_s), qPrintable(d->columnsText()));
    QVERIFY(d->importButton()->isEnabled());
    QCOMPARE(CustomerStore(*m_db).count(), 0); // a preview imports nothing

    // A column the importer does not read is shown as such.
    QVERIFY(d->loadFile(m_dir->writeFile(u"bad.csv"_s, s_withBadRows)));
    QCOMPARE(d->preview()->rowCount(), 5);
    QCOMPARE(d->preview()->horizontalHeaderItem(4)->text(), u"fax (not imported)"_s);
    QCOMPARE(d->preview()->item(4, 1)->text(), u"Becker, Tom"_s);
    QVERIFY2(d->columnsText().contains(u"Not imported: fax"_s), qPrintable(d->columnsText()));
}

void TestCsvImportDialog::previewRefusesAFileWithoutTheRequiredColumns()
{
    auto d = dialog();
    QVERIFY(!d->loadFile(m_dir->writeFile(u"names.csv"_s, "customer_id,name\nC1,Maria\n")));
    QVERIFY2(d->columnsText().contains(u"phone"_s), qPrintable(d->columnsText()));
    QCOMPARE(d->preview()->rowCount(), 1); // still shown, to see what is wrong
    QVERIFY(!d->importButton()->isEnabled());

    QVERIFY(!d->loadFile(m_dir->filePath(u"missing.csv"_s)));
    QVERIFY2(d->columnsText().contains(u"missing.csv"_s), qPrintable(d->columnsText()));
    QVERIFY(!d->loadFile(m_dir->writeFile(u"utf16.csv"_s, QByteArray("\xFF\xFE", 2) + "c\0,\0")));
    QVERIFY2(d->columnsText().contains(u"UTF"_s), qPrintable(d->columnsText()));
    QVERIFY(!d->importButton()->isEnabled());
}

void TestCsvImportDialog::badRowsImportNothingAndAreListedByLine()
{
    auto d = dialog();
    QVERIFY(d->loadFile(m_dir->writeFile(u"bad.csv"_s, s_withBadRows)));
    const ImportReport report = importAndWait(*d);
    QVERIFY(!report.committed);
    QCOMPARE(CustomerStore(*m_db).count(), 0);
    QCOMPARE(report.skipped, 2);
    const QStringList lines = d->problemLines();
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).startsWith(u"Line 3: "_s) && lines.at(0).contains(u"555-12ab"_s),
        qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).startsWith(u"Line 5: "_s) && lines.at(1).contains(u"customer_id"_s),
        qPrintable(lines.at(1)));
    QVERIFY2(d->summaryText().startsWith(u"Nothing was imported: 2 rows have problems."_s),
        qPrintable(d->summaryText()));
    // It can be tried again with the good rows only.
    QVERIFY(d->importButton()->isEnabled());
}

void TestCsvImportDialog::onlyTheGoodRowsWhenAsked()
{
    auto d = dialog();
    QVERIFY(d->loadFile(m_dir->writeFile(u"bad.csv"_s, s_withBadRows)));
    d->setSkipInvalid(true);
    const ImportReport report = importAndWait(*d);
    QVERIFY(report.committed);
    QCOMPARE(report.inserted, 3);
    CustomerStore customers(*m_db);
    QCOMPARE(customers.count(), 3);
    QCOMPARE(customers.findByExternalId(u"C6"_s)->phoneE164, u"+15551230006"_s);
    QVERIFY(!customers.findByExternalId(u"C2"_s));
    QCOMPARE(d->problemLines().size(), 2);
    QVERIFY(d->problemLines().at(0).startsWith(u"Line 3: "_s));
    QCOMPARE(d->summaryText(), u"Imported 3 new customers. Left out 2 bad rows:"_s);
    QVERIFY(!d->importButton()->isEnabled()); // not the same rows twice

    // Again, from the start: the saved customers are updated.
    QVERIFY(d->loadFile(d->filePath()));
    const ImportReport again = importAndWait(*d);
    QCOMPARE(again.inserted, 0);
    QCOMPARE(again.updated, 3);
    QCOMPARE(d->summaryText(), u"Imported 0 new customers. Updated 3 already saved. Left out 2 bad rows:"_s);
}

void TestCsvImportDialog::progressComesFromAWorkerThread()
{
    auto d = dialog();
    const QByteArray contents = customersFile(20000);
    QVERIFY(d->loadFile(m_dir->writeFile(u"big.csv"_s, contents)));
    QSignalSpy progressed(d.get(), &CsvImportDialog::progressed);
    // The window goes on painting and answering while the rows are read: its event loop keeps turning.
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
    ticker.start(5);
    QList<int> barValues;
    connect(
        d.get(), &CsvImportDialog::progressed, this, [&] { barValues.append(d->progressBar()->value()); });
    QElapsedTimer timer;
    timer.start();
    const ImportReport report = importAndWait(*d);
    qInfo() << "Imported 20,000 customers in" << timer.elapsed() << "ms with" << progressed.size()
            << "progress reports and" << ticks << "turns of the event loop.";
    QVERIFY(report.committed);
    QCOMPARE(report.inserted, 20000);
    QCOMPARE(CustomerStore(*m_db).count(), 20000);

    // Every 1000 rows, the last of which is the end.
    QCOMPARE(progressed.size(), 20);
    qint64 rows = 0;
    qint64 bytes = 0;
    for (const QList<QVariant> &signal : std::as_const(progressed)) {
        QVERIFY(signal.at(0).toLongLong() > rows);
        QVERIFY(signal.at(1).toLongLong() >= bytes);
        QCOMPARE(signal.at(2).toLongLong(), contents.size());
        rows = signal.at(0).toLongLong();
        bytes = signal.at(1).toLongLong();
    }
    QCOMPARE(rows, 20000);
    QCOMPARE(bytes, contents.size());
    QVERIFY(barValues.first() < barValues.last());
    QCOMPARE(barValues.last(), d->progressBar()->maximum());
    QVERIFY(ticks > 0);
    QVERIFY(!d->isImporting());
    QVERIFY(d->findChildren<QThread *>().isEmpty()); // the worker is gone
}

void TestCsvImportDialog::stoppingImportsNothing()
{
    auto d = dialog();
    QVERIFY(d->loadFile(m_dir->writeFile(u"big.csv"_s, customersFile(100000))));
    QSignalSpy finished(d.get(), &CsvImportDialog::importFinished);
    // Stopped at the first progress report, long before the 100,000th row.
    connect(d.get(), &CsvImportDialog::progressed, d.get(), &CsvImportDialog::stopImport);
    d->startImport();
    QVERIFY(d->isImporting());
    d->reject(); // no closing while importing
    QVERIFY(d->isVisible());
    QVERIFY(finished.wait(60000));
    const ImportReport report = d->report();
    QVERIFY(!report.committed);
    QVERIFY(report.stopped);
    QVERIFY2(d->summaryText().contains(u"stopped"_s), qPrintable(d->summaryText()));
    QCOMPARE(CustomerStore(*m_db).count(), 0);
    d->reject();
    QVERIFY(!d->isVisible());
}

void TestCsvImportDialog::importsBookings()
{
    Customer maria;
    maria.externalId = u"C1"_s;
    maria.name = u"Maria Lopez"_s;
    QVERIFY(CustomerStore(*m_db).insert(maria).ok());
    auto d = dialog(CsvImportDialog::Kind::Bookings);
    QVERIFY(d->loadFile(m_dir->writeFile(u"bookings.csv"_s,
        "booking_id,customer_id,customer_name,phone,starts_at,service\n"
        "B1,C1,,,2030-03-01T09:30,Cleaning\n"
        "B2,,Omar Haddad,(555) 321-0002,2030-03-02T10:00-05:00,Check-up\n")));
    QVERIFY2(d->columnsText().contains(u"booking_id"_s), qPrintable(d->columnsText()));
    const ImportReport report = importAndWait(*d);
    QVERIFY2(report.committed, qPrintable(d->summaryText()));
    QCOMPARE(BookingStore(*m_db).count(), 2);
    QCOMPARE(d->summaryText(),
        u"Imported 2 new bookings. Created 1 customer from the phone number of a booking."_s);
}

void TestCsvImportDialog::screenshot()
{
    auto d = dialog();
    QVERIFY(d->loadFile(m_dir->writeFile(u"bad.csv"_s, s_withBadRows)));
    QVERIFY(d->preview()->grab().size().width() > 0);
    d->resize(820, 560);
    QVERIFY(d->grab().save(QDir(QDir::tempPath()).filePath(u"switchboard-csv-preview.png"_s)));
    importAndWait(*d);
    QVERIFY(d->grab().save(QDir(QDir::tempPath()).filePath(u"switchboard-csv-report.png"_s)));
}

namespace {

const QByteArray s_patients
    = "Patient ID;First Name;Last Name;Mobile;Home Phone;E-Mail;Date of Birth;Next Appointment;Provider\r\n"
      "1001;Maria;Lopez;(555) 123-0001;(555) 765-0001;maria@example.com;02/03/1980;12/05/2026 10:00;\r\n"
      "1002;José;García;;555 765 0002;jose(at)example.com;07/06/1975;;\r\n"
      "1003;Aisha;Khan;555 123 0003;;;11/11/1990;12/07/2026 09:30;\r\n";

QString boxText(CsvImportDialog &dialog, const QString &field, int which = 0)
{
    return dialog.mappingEditor()->columnBox(field, which)->currentText();
}

void choose(CsvImportDialog &dialog, const QString &field, int which, const QString &column)
{
    QComboBox *box = dialog.mappingEditor()->columnBox(field, which);
    const int index = box->findText(column);
    QVERIFY2(index >= 0, qPrintable(column));
    box->setCurrentIndex(index);
}

} // namespace

void TestCsvImportDialog::matchesAPatientListsColumns()
{
    auto d = dialog();
    QVERIFY(d->loadFile(m_dir->writeFile(u"patients.csv"_s, s_patients)));
    // Guessed from the names: the number, first and last name joined, the mobile or else the landline.
    QCOMPARE(boxText(*d, u"customer_id"_s), u"Patient ID"_s);
    QCOMPARE(boxText(*d, u"name"_s, 0), u"First Name"_s);
    QCOMPARE(boxText(*d, u"name"_s, 1), u"Last Name"_s);
    QCOMPARE(boxText(*d, u"phone"_s, 0), u"Mobile"_s);
    QCOMPARE(boxText(*d, u"phone"_s, 1), u"Home Phone"_s);
    QCOMPARE(boxText(*d, u"email"_s), u"E-Mail"_s);
    QCOMPARE(boxText(*d, u"notes"_s), u"(not in this file)"_s);

    // The preview shows the rows as they will be imported, the bad email in red.
    QTableWidget *preview = d->preview();
    QCOMPARE(preview->horizontalHeaderItem(1)->text(), u"name"_s);
    QCOMPARE(preview->item(0, 1)->text(), u"Maria Lopez"_s);
    QCOMPARE(preview->item(1, 2)->text(), u"555 765 0002"_s); // no mobile: the landline
    QCOMPARE(preview->item(1, 3)->text(), u"jose(at)example.com"_s);
    QVERIFY2(preview->item(1, 3)->toolTip().contains(u"not an email address"_s),
        qPrintable(preview->item(1, 3)->toolTip()));
    QVERIFY2(d->columnsText().contains(u"Not imported: Home Phone"_s) == false
            && d->columnsText().contains(u"Date of Birth"_s),
        qPrintable(d->columnsText()));

    // The owner wants the landline first: the preview follows, and so does the import.
    choose(*d, u"phone"_s, 0, u"Home Phone"_s);
    choose(*d, u"phone"_s, 1, u"Mobile"_s);
    QCOMPARE(preview->item(0, 2)->text(), u"(555) 765-0001"_s);
    d->setSkipInvalid(true);
    const ImportReport report = importAndWait(*d);
    QVERIFY2(report.committed, qPrintable(d->summaryText()));
    QCOMPARE(report.inserted, 2);
    CustomerStore customers(*m_db);
    const std::optional<Customer> maria = customers.findByExternalId(u"1001"_s);
    QVERIFY(maria);
    QCOMPARE(maria->name, u"Maria Lopez"_s);
    QCOMPARE(maria->phoneE164, u"+15557650001"_s);
    QCOMPARE(maria->email, u"maria@example.com"_s);
    QCOMPARE(customers.findByExternalId(u"1003"_s)->phoneE164, u"+15551230003"_s); // no landline: the mobile
    QVERIFY(!customers.findByExternalId(u"1002"_s));
}

void TestCsvImportDialog::remembersTheMatchForTheNextFile()
{
    {
        auto d = dialog();
        QVERIFY(d->loadFile(m_dir->writeFile(u"patients.csv"_s, s_patients)));
        choose(*d, u"phone"_s, 0, u"Home Phone"_s);
        choose(*d, u"phone"_s, 1, u"(no other column)"_s);
        d->setSkipInvalid(true);
        QVERIFY(importAndWait(*d).committed);
    }
    // Next month's export, its columns in another order: matched as the owner matched them.
    QByteArray next = "Provider;Home Phone;Mobile;Last Name;First Name;Patient ID;E-Mail;Date of Birth;"
                      "Next Appointment\r\n;555 765 0009;555 123 0009;Becker;Tom;1009;;;\r\n";
    auto d = dialog();
    QVERIFY(d->loadFile(m_dir->writeFile(u"next.csv"_s, next)));
    QCOMPARE(boxText(*d, u"phone"_s, 0), u"Home Phone"_s);
    QCOMPARE(boxText(*d, u"phone"_s, 1), u"(no other column)"_s);
    QCOMPARE(boxText(*d, u"name"_s, 0), u"First Name"_s);
    // For bookings, nothing is remembered yet: guessed.
    auto bookings = dialog(CsvImportDialog::Kind::Bookings);
    QVERIFY(!bookings->loadFile(m_dir->writeFile(u"next.csv"_s, next))); // no booking number
    QCOMPARE(boxText(*bookings, u"phone"_s, 0), u"Mobile"_s);
    QVERIFY2(
        bookings->columnsText().contains(u"Booking ID (booking_id)"_s), qPrintable(bookings->columnsText()));
}

void TestCsvImportDialog::readsDatesTheWayTheOwnerChooses()
{
    const QByteArray file = "Appointment ID,Patient,Mobile,Date,Time,Treatment\n"
                            "A1,Maria Lopez,(555) 123-0001,12/05/2026,10:00,Cleaning\n"
                            "A2,Tom Becker,(555) 123-0009,01/06/2026,9:30 AM,Check-up\n";
    auto d = dialog(CsvImportDialog::Kind::Bookings);
    QVERIFY(d->loadFile(m_dir->writeFile(u"appointments.csv"_s, file)));
    QCOMPARE(boxText(*d, u"starts_at"_s, 0), u"Date"_s);
    QCOMPARE(boxText(*d, u"starts_at"_s, 1), u"Time"_s);
    // Nothing in the file tells, so the way this computer writes dates decides: month first in the US.
    QComboBox *order = d->mappingEditor()->dateOrderBox();
    QCOMPARE(DateOrder(order->currentData().toInt()), DateOrder::MonthFirst);
    QVERIFY2(d->mappingEditor()->dateReadingText().contains(u"December 5, 2026"_s)
            && d->mappingEditor()->dateReadingText().contains(u"month first"_s),
        qPrintable(d->mappingEditor()->dateReadingText()));
    // The time in the locale's form, 12-hour here, like every time the window shows.
    const QString ten = QLocale().toString(QTime(10, 0), QLocale::ShortFormat);
    QCOMPARE(d->preview()->item(0, 3)->text(), u"Sat 5 Dec 2026, "_s + ten);

    // A European file: the owner says so, and sees the reading change before importing.
    order->setCurrentIndex(order->findData(int(DateOrder::DayFirst)));
    QVERIFY2(d->mappingEditor()->dateReadingText().contains(u"May 12, 2026"_s),
        qPrintable(d->mappingEditor()->dateReadingText()));
    QCOMPARE(d->preview()->item(0, 3)->text(), u"Tue 12 May 2026, "_s + ten);
    const ImportReport report = importAndWait(*d);
    QVERIFY2(report.committed, qPrintable(d->summaryText()));
    QCOMPARE(report.customersCreated, 2);
    const std::optional<Booking> booking = BookingStore(*m_db).findByExternalId(u"A1"_s);
    QVERIFY(booking);
    QCOMPARE(
        booking->startsAt, QDateTime(QDate(2026, 5, 12), QTime(10, 0), QTimeZone::systemTimeZone()).toUTC());
    QCOMPARE(BookingStore(*m_db).findByExternalId(u"A2"_s)->startsAt,
        QDateTime(QDate(2026, 6, 1), QTime(9, 30), QTimeZone::systemTimeZone()).toUTC());

    // A day over 12 settles it: no choice to make.
    QVERIFY(d->loadFile(m_dir->writeFile(u"more.csv"_s,
        "Appointment ID,Patient,Mobile,Date,Time\n"
        "A3,Maria Lopez,(555) 123-0001,25/05/2026,10:00\n")));
    QCOMPARE(DateOrder(order->currentData().toInt()), DateOrder::DayFirst);
    QVERIFY2(d->mappingEditor()->dateReadingText().contains(u"can only be read this way"_s),
        qPrintable(d->mappingEditor()->dateReadingText()));
}

void TestCsvImportDialog::namesTheFilesColumnInProblems()
{
    auto d = dialog();
    QVERIFY(d->loadFile(m_dir->writeFile(u"patients.csv"_s, s_patients)));
    const ImportReport report = importAndWait(*d);
    QVERIFY(!report.committed);
    QCOMPARE(d->problemLines(),
        QStringList { u"Line 3, column E-Mail: email \"jose(at)example.com\" is not an email address"_s });
    QCOMPARE(CustomerStore(*m_db).count(), 0);
}

void TestCsvImportDialog::notesSharedPhoneNumbers()
{
    Customer tom;
    tom.externalId = u"S1"_s;
    tom.name = u"Tom Becker"_s;
    tom.phoneE164 = u"+15551230009"_s;
    QVERIFY(CustomerStore(*m_db).insert(tom).ok());
    auto d = dialog();
    QVERIFY(d->loadFile(m_dir->writeFile(u"family.csv"_s,
        "customer_id,name,phone\n"
        "C1,Maria Lopez,(555) 123-0001\n"
        "C2,José Lopez,555.123.0001\n"
        "C3,Greta Becker,555-123-0009\n")));
    const ImportReport report = importAndWait(*d);
    QVERIFY2(report.committed, qPrintable(d->summaryText())); // a note is no reason to refuse the file
    QCOMPARE(CustomerStore(*m_db).count(), 4);
    QVERIFY2(d->summaryText().contains(u"2 notes about phone numbers"_s), qPrintable(d->summaryText()));
    const QStringList lines = d->problemLines();
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).startsWith(u"Note: Lines 2 and 3 have the same phone number, (555) 123-0001"_s),
        qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).startsWith(u"Note: Line 4"_s) && lines.at(1).contains(u"Tom Becker"_s),
        qPrintable(lines.at(1)));
}

void TestCsvImportDialog::exampleFilesImportAsTheyAre()
{
    auto customers = dialog();
    const QString customersFile = m_dir->filePath(u"customers-example.csv"_s);
    QVERIFY(customers->saveExampleFile(customersFile));
    QVERIFY(QFileInfo(customersFile).isWritable()); // the owner's to fill in
    QVERIFY(customers->loadFile(customersFile));
    const ImportReport imported = importAndWait(*customers);
    QVERIFY2(imported.committed && imported.errors.isEmpty(), qPrintable(customers->summaryText()));
    QCOMPARE(imported.inserted, 3);

    auto bookings = dialog(CsvImportDialog::Kind::Bookings);
    const QString bookingsFile = m_dir->filePath(u"bookings-example.csv"_s);
    QVERIFY(bookings->saveExampleFile(bookingsFile));
    QVERIFY(bookings->loadFile(bookingsFile));
    // Every column the import reads, under its own name.
    QVERIFY2(bookings->columnsText().startsWith(
                 u"Columns imported: booking_id, customer_id, customer_name, phone, "
                 "starts_at, ends_at, status, service, staff."_s),
        qPrintable(bookings->columnsText()));
    const ImportReport booked = importAndWait(*bookings);
    QVERIFY2(booked.committed && booked.errors.isEmpty(), qPrintable(bookings->summaryText()));
    QCOMPARE(booked.inserted, 3);

    QString error;
    QVERIFY(!bookings->saveExampleFile(m_dir->filePath(u"no/such/folder/x.csv"_s), &error));
    QVERIFY2(error.contains(u"x.csv"_s), qPrintable(error));
}

void TestCsvImportDialog::screenshotOfTheMatching()
{
    auto d = dialog();
    QVERIFY(d->loadFile(m_dir->writeFile(u"patients.csv"_s, s_patients)));
    QVERIFY(d->grab().save(QDir(QDir::tempPath()).filePath(u"switchboard-csv-mapping.png"_s)));
    auto b = dialog(CsvImportDialog::Kind::Bookings);
    QVERIFY(b->loadFile(m_dir->writeFile(u"appointments.csv"_s,
        "Appointment ID,Patient,Mobile,Date,Time,Treatment,Dentist\n"
        "A1,Maria Lopez,(555) 123-0001,12/05/2026,10:00,Cleaning,\n"
        "A2,Tom Becker,(555) 123-0009,01/06/2026,9:30 AM,Check-up,\n")));
    QVERIFY(b->grab().save(QDir(QDir::tempPath()).filePath(u"switchboard-csv-mapping-bookings.png"_s)));
}

QTEST_MAIN(TestCsvImportDialog)
#include "tst_csvimportdialog.moc"
