// The CSV import dialog offscreen: the preview and its columns, a file with bad rows importing nothing and
// listing them by line, importing only the good rows, progress from the worker thread on a 20,000-row
// file, stopping, and a bookings file.
#include "customers/csvimportdialog.h"
#include "storage/bookingstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

class TestCsvImportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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

private:
    std::unique_ptr<CsvImportDialog> dialog(CsvImportDialog::Kind kind = CsvImportDialog::Kind::Customers);
    ImportReport importAndWait(CsvImportDialog &dialog);
    static QByteArray customersFile(int rows);

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

void TestCsvImportDialog::init()
{
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

QTEST_MAIN(TestCsvImportDialog)
#include "tst_csvimportdialog.moc"
