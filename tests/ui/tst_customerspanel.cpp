// The Customers & bookings panel offscreen: searching by name and any form of number, sorting, the
// selected customer's bookings and calls, adding and editing with the fields checked, booking, editing and
// canceling bookings, deleting and merging customers after asking, an import reaching the list, 50,000
// customers, and a screenshot.
#include "customers/bookingdialog.h"
#include "customers/csvimportdialog.h"
#include "customers/customerdialog.h"
#include "customers/customersmodel.h"
#include "customers/customerspanel.h"
#include "customers/mergecustomersdialog.h"
#include "datadir/datadirectory.h"
#include "look/shownclock.h"
#include "shell/sampledata.h"
#include "storage/bookinglookup.h"
#include "storage/bookingstore.h"
#include "storage/callstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QAbstractButton>
#include <QAction>
#include <QPushButton>
#include <QApplication>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

class TestCustomersPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void searchesByNameAfterTypingPauses();
    void searchesByAnyFormOfNumber_data();
    void searchesByAnyFormOfNumber();
    void sortsByTheHeader();
    void showsTheSelectedCustomersBookingsAndCalls();
    void callsBackTheSelectedCustomer();
    void addRefusesAnInvalidPhoneAtTheField();
    void addNeedsAName();
    void editSavesAndRefusesAnInvalidPhone();
    void newBookingIsSavedAndShown();
    void aBookingTypedAtNineIsAtNineInThePlansZone();
    void cancelBookingAsksFirst();
    void editBookingFillsInItsValuesAndSaves();
    void editingAnImportedBookingKeepsWhatItDoesNotShow();
    void deleteCustomerAsksFirstAndKeepsTheCalls();
    void deleteCustomerOnALockedDatabaseLosesNothing();
    void mergeCustomersMovesTheBookingsAfterAsking();
    void importedCustomersReachTheList();
    void fiftyThousandCustomersLoadOnlyTheFirstPage();
    void screenshot();

private:
    qint64 addCustomer(
        const QString &name, const QString &phoneRaw, const QString &e164, const QString &staff = {});
    qint64 addBooking(qint64 customerId, const QDateTime &start, BookingStatus status, const QString &service,
        const QString &staff = {});
    QStringList listedNames();
    // Clicks `button` on the next message box to be shown as the active modal widget (asked with open()
    // or exec()), from a timer, and returns the box's text and informative text there.
    void answerNextMessageBox(const QString &button, QString *text);
    void clickWhenAsked(const QString &button, QString *text, int triesLeft);
    template<typename T>
    T *openedDialog();

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_data;
    std::unique_ptr<CustomersPanel> m_panel;
    qint64 m_maria = 0;
    qint64 m_james = 0;
    qint64 m_mariaNext = 0; // Maria's booking tomorrow
};

void TestCustomersPanel::initTestCase()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    QStandardPaths::setTestModeEnabled(true);
}

qint64 TestCustomersPanel::addCustomer(
    const QString &name, const QString &phoneRaw, const QString &e164, const QString &staff)
{
    Customer customer;
    customer.name = name;
    customer.phoneRaw = phoneRaw;
    customer.phoneE164 = e164;
    customer.assignedStaff = staff;
    return CustomerStore(m_data->database()).insert(customer).value();
}

qint64 TestCustomersPanel::addBooking(qint64 customerId, const QDateTime &start, BookingStatus status,
    const QString &service, const QString &staff)
{
    Booking booking;
    booking.customerId = customerId;
    booking.startsAt = start.toUTC();
    booking.endsAt = booking.startsAt.addSecs(45 * 60);
    booking.status = status;
    booking.service = service;
    booking.staff = staff;
    return BookingStore(m_data->database()).insert(booking).value();
}

void TestCustomersPanel::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_data = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_data->open(&error), qPrintable(error));
    // The sample practice: its staff plan, and a week of calls from the numbers below.
    QVERIFY2(SampleData::fill(*m_data, &error, false), qPrintable(error));

    const QDate today = QDate::currentDate();
    m_maria = addCustomer(u"Maria Lopez"_s, u"(555) 123-0001"_s, u"+15551230001"_s, u"alice"_s);
    m_james = addCustomer(u"James Carter"_s, u"555-123-0002"_s, u"+15551230002"_s, u"bob"_s);
    addCustomer(u"Aisha Khan"_s, u"+1 555 123 0003"_s, u"+15551230003"_s, u"carol"_s);
    addCustomer(u"Tom Becker"_s, u"(555) 123-0004"_s, u"+15551230004"_s);
    addCustomer(u"Yuki Tanaka"_s, u"555.123.0005"_s, u"+15551230005"_s, u"alice"_s);
    addCustomer(u"Olivia Brown"_s, u"(555) 123-0006"_s, u"+15551230006"_s);
    addCustomer(u"Daniel Lopez"_s, u"(555) 987-6543"_s, u"+15559876543"_s);
    addCustomer(u"Grace Walker"_s, QString(), QString());

    m_mariaNext = addBooking(m_maria, QDateTime(today.addDays(1), QTime(9, 30)), BookingStatus::Confirmed,
        u"Cleaning"_s, u"carol"_s);
    addBooking(m_maria, QDateTime(today.addDays(21), QTime(14, 0)), BookingStatus::Pending, u"Filling"_s,
        u"carol"_s);
    addBooking(m_maria, QDateTime(today.addDays(-30), QTime(11, 0)), BookingStatus::Completed, u"Check-up"_s,
        u"carol"_s);
    addBooking(
        m_maria, QDateTime(today.addDays(-90), QTime(15, 15)), BookingStatus::Canceled, u"Whitening"_s);
    addBooking(m_james, QDateTime(today.addDays(3), QTime(8, 0)), BookingStatus::Confirmed, u"Check-up"_s,
        u"alice"_s);

    m_panel = std::make_unique<CustomersPanel>(m_data->database(), m_dir->path());
    m_panel->resize(1280, 800);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TestCustomersPanel::cleanup()
{
    m_panel.reset();
    m_data.reset();
    m_dir.reset();
}

QStringList TestCustomersPanel::listedNames()
{
    CustomersModel *model = m_panel->model();
    QStringList names;
    for (int row = 0; row < model->rowCount(); ++row)
        names.append(model->data(model->index(row, CustomersModel::Name)).toString());
    return names;
}

template<typename T>
T *TestCustomersPanel::openedDialog()
{
    const QList<T *> dialogs = m_panel->findChildren<T *>();
    for (T *dialog : dialogs) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

void TestCustomersPanel::answerNextMessageBox(const QString &button, QString *text)
{
    text->clear();
    QTimer::singleShot(0, m_panel.get(), [this, button, text] { clickWhenAsked(button, text, 250); });
}

void TestCustomersPanel::clickWhenAsked(const QString &button, QString *text, int triesLeft)
{
    auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
    if (!box) {
        // Not asked yet.
        if (triesLeft > 0)
            QTimer::singleShot(20, m_panel.get(),
                [this, button, text, triesLeft] { clickWhenAsked(button, text, triesLeft - 1); });
        return;
    }
    for (QAbstractButton *candidate : box->buttons()) {
        if (QString(candidate->text()).remove(u'&') == button) {
            *text = box->text() + u'\n' + box->informativeText();
            candidate->click();
            return;
        }
    }
    // Another question is still open (one asked before this one is answered by its own timer).
    if (triesLeft > 0) {
        QTimer::singleShot(20, m_panel.get(),
            [this, button, text, triesLeft] { clickWhenAsked(button, text, triesLeft - 1); });
        return;
    }
    *text = u"(no button "_s + button + u" on: "_s + box->text() + u')';
    box->reject();
}

void TestCustomersPanel::searchesByNameAfterTypingPauses()
{
    QCOMPARE(m_panel->model()->rowCount(), 8);
    QCOMPARE(m_panel->summaryText(), u"8 customers"_s);
    QTest::keyClicks(m_panel->searchBox(), u"lop"_s);
    // Not on every key: the list waits for the typing to pause.
    QCOMPARE(m_panel->model()->rowCount(), 8);
    QTRY_COMPARE(listedNames(), QStringList({ u"Daniel Lopez"_s, u"Maria Lopez"_s }));
    QCOMPARE(m_panel->summaryText(), u"2 of 8 customers match \"lop\""_s);

    m_panel->searchBox()->setText(u"MARIA lopez"_s);
    m_panel->searchNow();
    QCOMPARE(listedNames(), QStringList { u"Maria Lopez"_s });

    m_panel->searchBox()->setText(u"Nobody Here"_s);
    m_panel->searchNow();
    QCOMPARE(m_panel->model()->rowCount(), 0);
    m_panel->searchBox()->clear();
    m_panel->searchNow();
    QCOMPARE(m_panel->model()->rowCount(), 8);
}

void TestCustomersPanel::searchesByAnyFormOfNumber_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("written as saved") << u"(555) 123-0001"_s << QStringList { u"Maria Lopez"_s };
    QTest::newRow("E.164") << u"+15551230002"_s << QStringList { u"James Carter"_s };
    QTest::newRow("another form") << u"555.987.6543"_s << QStringList { u"Daniel Lopez"_s };
    QTest::newRow("partial digits") << u"0004"_s << QStringList { u"Tom Becker"_s };
    QTest::newRow("prefix") << u"555 123"_s
                            << QStringList { u"Aisha Khan"_s, u"James Carter"_s, u"Maria Lopez"_s,
                                   u"Olivia Brown"_s, u"Tom Becker"_s, u"Yuki Tanaka"_s };
}

void TestCustomersPanel::searchesByAnyFormOfNumber()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    m_panel->searchBox()->setText(text);
    m_panel->searchNow();
    QCOMPARE(listedNames(), expected);

    // "(555) 123-4567" finds a customer saved as +15551234567.
    addCustomer(u"Zoe Park"_s, u"+15551234567"_s, u"+15551234567"_s);
    m_panel->searchBox()->setText(u"(555) 123-4567"_s);
    m_panel->searchNow();
    QCOMPARE(listedNames(), QStringList { u"Zoe Park"_s });
}

void TestCustomersPanel::sortsByTheHeader()
{
    QHeaderView *header = m_panel->table()->horizontalHeader();
    QCOMPARE(listedNames().first(), u"Aisha Khan"_s);

    m_panel->table()->sortByColumn(CustomersModel::Name, Qt::DescendingOrder);
    QCOMPARE(listedNames().first(), u"Yuki Tanaka"_s);

    m_panel->table()->sortByColumn(CustomersModel::Phone, Qt::AscendingOrder);
    QCOMPARE(listedNames().mid(0, 2), QStringList({ u"Maria Lopez"_s, u"James Carter"_s }));
    QCOMPARE(listedNames().last(), u"Grace Walker"_s); // no number: last

    // Who comes next: Maria tomorrow, James in three days, then those without a booking.
    m_panel->table()->sortByColumn(CustomersModel::NextBooking, Qt::AscendingOrder);
    QCOMPARE(listedNames().mid(0, 3), QStringList({ u"Maria Lopez"_s, u"James Carter"_s, u"Aisha Khan"_s }));
    CustomersModel *model = m_panel->model();
    QVERIFY2(model->data(model->index(0, CustomersModel::NextBooking)).toString().startsWith(u"Tomorrow"_s),
        qPrintable(model->data(model->index(0, CustomersModel::NextBooking)).toString()));
    QCOMPARE(model->data(model->index(0, CustomersModel::AssignedStaff)).toString(), u"Alice Ng"_s);

    // A click on Email keeps the order and its arrow.
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
        QPoint(header->sectionViewportPosition(CustomersModel::Email) + 10, header->height() / 2));
    QCOMPARE(header->sortIndicatorSection(), int(CustomersModel::NextBooking));
    QCOMPARE(listedNames().first(), u"Maria Lopez"_s);
    // A click on Name sorts by name.
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
        QPoint(header->sectionViewportPosition(CustomersModel::Name) + 10, header->height() / 2));
    QCOMPARE(header->sortIndicatorSection(), int(CustomersModel::Name));
    QCOMPARE(model->sortColumn(), int(CustomersModel::Name));
}

void TestCustomersPanel::showsTheSelectedCustomersBookingsAndCalls()
{
    QCOMPARE(m_panel->currentCustomerId(), 0);
    QCOMPARE(m_panel->detailTitle(), QString());
    const int row = listedNames().indexOf(u"Maria Lopez"_s);
    m_panel->table()->selectRow(row);
    QCOMPARE(m_panel->currentCustomerId(), m_maria);
    QCOMPARE(m_panel->detailTitle(), u"Maria Lopez"_s);

    QTableWidget *bookings = m_panel->bookingsTable();
    QCOMPARE(bookings->rowCount(), 4);
    // Newest first; active ones highlighted.
    QCOMPARE(bookings->item(0, 1)->text(), u"Filling"_s);
    QCOMPARE(bookings->item(0, 3)->text(), u"Pending"_s);
    QCOMPARE(bookings->item(1, 1)->text(), u"Cleaning"_s);
    QVERIFY(bookings->item(1, 0)->text().startsWith(u"Tomorrow"_s));
    QCOMPARE(bookings->item(1, 2)->text(), u"Dr. Carol Diaz"_s);
    QCOMPARE(bookings->item(3, 3)->text(), u"Canceled"_s);
    const QBrush active = bookings->item(0, 0)->background();
    QCOMPARE(bookings->item(1, 0)->background(), active);
    QVERIFY(active.style() != Qt::NoBrush);
    QCOMPARE(bookings->item(2, 0)->background().style(), Qt::NoBrush);
    QCOMPARE(bookings->item(3, 0)->background().style(), Qt::NoBrush);

    // Her calls: the sample week's calls from her number, newest first.
    CallListFilter filter;
    filter.caller = u"+15551230001"_s;
    filter.limit = CustomersPanel::RecentCalls;
    const QList<CallListEntry> calls = CallStore(m_data->database()).list(filter);
    QVERIFY(!calls.isEmpty());
    QCOMPARE(m_panel->callsTable()->rowCount(), calls.size());

    // A customer without a number has no calls to show.
    m_panel->showCustomer(m_panel->model()->rowAt(listedNames().indexOf(u"Grace Walker"_s))->customer.id);
    QCOMPARE(m_panel->detailTitle(), u"Grace Walker"_s);
    QCOMPARE(m_panel->callsTable()->rowCount(), 0);
    QCOMPARE(m_panel->bookingsTable()->rowCount(), 0);
}

void TestCustomersPanel::callsBackTheSelectedCustomer()
{
    QSignalSpy requested(m_panel.get(), &CustomersPanel::callBackRequested);
    auto *button = m_panel->findChild<QPushButton *>(u"callBackButton"_s);
    QCOMPARE(button->text(), u"Call back…"_s);
    m_panel->table()->selectRow(int(listedNames().indexOf(u"Maria Lopez"_s)));
    // Not while the router is not running.
    QVERIFY(!button->isEnabled());
    m_panel->setCallBackAllowed(true);
    QVERIFY(button->isEnabled());
    button->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).value<CallBackTarget>(), (CallBackTarget { {}, u"+15551230001"_s, u"Maria Lopez"_s }));

    // A customer without a phone number cannot be called.
    m_panel->table()->selectRow(int(listedNames().indexOf(u"Grace Walker"_s)));
    QVERIFY(!m_panel->callBackTarget());
    QVERIFY(!button->isEnabled());
    m_panel->callBackAction()->trigger();
    QCOMPARE(requested.size(), 1);
    m_panel->setCallBackAllowed(false);
    m_panel->table()->selectRow(int(listedNames().indexOf(u"James Carter"_s)));
    QVERIFY(!m_panel->callBackAction()->isEnabled());
}

void TestCustomersPanel::addRefusesAnInvalidPhoneAtTheField()
{
    m_panel->addCustomer();
    QPointer<CustomerDialog> dialog = openedDialog<CustomerDialog>();
    QVERIFY(dialog);
    auto *phone = dialog->findChild<QLineEdit *>(u"phone"_s);
    dialog->findChild<QLineEdit *>(u"name"_s)->setText(u"Noah Fischer"_s);
    phone->setText(u"555-12ab"_s);
    dialog->accept();
    QVERIFY(dialog->isVisible()); // refused
    QVERIFY2(dialog->phoneProblem().contains(u"555-12ab"_s), qPrintable(dialog->phoneProblem()));
    QVERIFY(phone->styleSheet().contains(u"border"_s)); // marked red at the field
    QCOMPARE(CustomerStore(m_data->database()).count(), 8);

    // Corrected: the mark goes as it is typed, and the customer is saved, shown and selected.
    phone->setText(u"(555) 222-3333"_s);
    QVERIFY(dialog->phoneProblem().isEmpty());
    QVERIFY(phone->styleSheet().isEmpty());
    auto *staff = dialog->findChild<QComboBox *>(u"assignedStaff"_s);
    staff->setCurrentIndex(staff->findData(u"bob"_s));
    dialog->accept();
    QTRY_VERIFY(!dialog);
    const QList<Customer> saved = CustomerStore(m_data->database()).findByPhone(u"+15552223333"_s);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().name, u"Noah Fischer"_s);
    QCOMPARE(saved.first().phoneRaw, u"(555) 222-3333"_s);
    QCOMPARE(saved.first().assignedStaff, u"bob"_s);
    QCOMPARE(m_panel->model()->rowCount(), 9);
    QCOMPARE(m_panel->currentCustomerId(), saved.first().id);
    QCOMPARE(m_panel->detailTitle(), u"Noah Fischer"_s);
}

void TestCustomersPanel::addNeedsAName()
{
    m_panel->addCustomer();
    QPointer<CustomerDialog> dialog = openedDialog<CustomerDialog>();
    QVERIFY(dialog);
    QVERIFY(dialog->nameProblem().isEmpty()); // not marked before anything was tried
    dialog->findChild<QLineEdit *>(u"email"_s)->setText(u"not-an-address"_s);
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->nameProblem().isEmpty());
    QVERIFY(!dialog->emailProblem().isEmpty());
    QVERIFY(dialog->phoneProblem().isEmpty()); // no number is allowed
    dialog->reject();
    QTRY_VERIFY(!dialog);
    QCOMPARE(CustomerStore(m_data->database()).count(), 8);
}

void TestCustomersPanel::editSavesAndRefusesAnInvalidPhone()
{
    m_panel->showCustomer(m_james);
    m_panel->editCustomer();
    QPointer<CustomerDialog> dialog = openedDialog<CustomerDialog>();
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QLineEdit *>(u"name"_s)->text(), u"James Carter"_s);
    QCOMPARE(dialog->findChild<QLineEdit *>(u"phone"_s)->text(), u"555-123-0002"_s);
    dialog->findChild<QLineEdit *>(u"phone"_s)->setText(u"12"_s);
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->phoneProblem().isEmpty());
    QCOMPARE(CustomerStore(m_data->database()).findById(m_james)->phoneE164, u"+15551230002"_s);

    dialog->findChild<QLineEdit *>(u"phone"_s)->setText(u"+44 20 7946 0018"_s);
    dialog->findChild<QLineEdit *>(u"email"_s)->setText(u"james@example.com"_s);
    dialog->accept();
    QTRY_VERIFY(!dialog);
    const Customer james = *CustomerStore(m_data->database()).findById(m_james);
    QCOMPARE(james.phoneE164, u"+442079460018"_s);
    QCOMPARE(james.email, u"james@example.com"_s);
    QCOMPARE(james.assignedStaff, u"bob"_s); // untouched fields stay
    const int row = m_panel->model()->loadedRowOf(m_james);
    QCOMPARE(m_panel->model()->data(m_panel->model()->index(row, CustomersModel::Email)).toString(),
        u"james@example.com"_s);
}

void TestCustomersPanel::newBookingIsSavedAndShown()
{
    m_panel->showCustomer(m_james);
    QCOMPARE(m_panel->bookingsTable()->rowCount(), 1);
    m_panel->newBooking();
    QPointer<BookingDialog> dialog = openedDialog<BookingDialog>();
    QVERIFY(dialog);
    dialog->setStart(QDateTime::currentDateTime().addDays(-2));
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->timeProblem().isEmpty());

    const QDateTime start(QDate::currentDate().addDays(7), QTime(10, 0));
    dialog->setStart(start);
    QVERIFY(dialog->timeProblem().isEmpty());
    dialog->setLengthMinutes(60);
    dialog->setService(u"Root canal"_s);
    auto *staff = dialog->findChild<QComboBox *>(u"staff"_s);
    staff->setCurrentIndex(staff->findData(u"carol"_s));
    dialog->accept();
    QTRY_VERIFY(!dialog);

    const QList<Booking> bookings = BookingStore(m_data->database()).forCustomer(m_james);
    QCOMPARE(bookings.size(), 2);
    const Booking &made = bookings.last();
    QCOMPARE(made.startsAt, start.toUTC());
    QCOMPARE(made.endsAt, start.toUTC().addSecs(3600));
    QCOMPARE(made.service, u"Root canal"_s);
    QCOMPARE(made.staff, u"carol"_s);
    QCOMPARE(made.status, BookingStatus::Confirmed);
    QCOMPARE(m_panel->bookingsTable()->rowCount(), 2);
    QCOMPARE(m_panel->bookingsTable()->item(0, 1)->text(), u"Root canal"_s);
    // Named as an imported booking is, so that his calls show it in the call log's Booking column.
    QCOMPARE(made.externalId, u"app-%1"_s.arg(made.id));
    const std::optional<CallerMatch> caller
        = BookingLookup(m_data->database()).findCaller(u"+15551230002"_s, QDateTime::currentDateTimeUtc());
    QVERIFY(caller && caller->activeBooking);
    QVERIFY(!caller->activeBooking->externalId.isEmpty());
}

void TestCustomersPanel::aBookingTypedAtNineIsAtNineInThePlansZone()
{
    // A plan far from this computer's zone, so that nine there is another hour here.
    const QTimeZone zone(QTimeZone::systemTimeZoneId() == "Pacific/Auckland" ? QByteArrayLiteral("America/New_York")
                                                                             : QByteArrayLiteral("Pacific/Auckland"));
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    m_panel = std::make_unique<CustomersPanel>(m_data->database(), m_dir->path(), ShownClock(zone, english));
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    m_panel->showCustomer(m_james);
    m_panel->newBooking();
    QPointer<BookingDialog> dialog = openedDialog<BookingDialog>();
    QVERIFY(dialog);
    QVERIFY(dialog->findChild<QLabel *>(u"zoneNote"_s)->text().contains(QString::fromUtf8(zone.id())));

    // Tomorrow at nine, typed as the front desk types it.
    const QDate tomorrow = QDateTime::currentDateTimeUtc().toTimeZone(zone).date().addDays(1);
    auto *start = dialog->findChild<QDateTimeEdit *>(u"start"_s);
    start->setDate(tomorrow);
    start->setTime(QTime(9, 0));
    dialog->accept();
    QTRY_VERIFY(!dialog);

    const QList<Booking> bookings = BookingStore(m_data->database()).forCustomer(m_james);
    const Booking made = *std::max_element(bookings.cbegin(), bookings.cend(),
        [](const Booking &a, const Booking &b) { return a.id < b.id; });
    QCOMPARE(made.startsAt, QDateTime(tomorrow, QTime(9, 0), zone).toUTC());
    QVERIFY(made.startsAt != QDateTime(tomorrow, QTime(9, 0)).toUTC()); // not nine on this computer's clock
    const QString nine = english.toString(QTime(9, 0), QLocale::ShortFormat);
    QStringList starts;
    for (int row = 0; row < m_panel->bookingsTable()->rowCount(); ++row)
        starts.append(m_panel->bookingsTable()->item(row, 0)->text());
    QVERIFY2(starts.contains(u"Tomorrow %1–%2"_s.arg(nine, english.toString(QTime(9, 30), QLocale::ShortFormat))),
        qPrintable(starts.join(u" | "_s)));
    CustomersModel *model = m_panel->model();
    model->rowAt(0); // reads the first page, which holds everyone here
    const int row = model->loadedRowOf(m_james);
    QVERIFY(row >= 0);
    QCOMPARE(model->data(model->index(row, CustomersModel::NextBooking)).toString(), u"Tomorrow %1"_s.arg(nine));
}

void TestCustomersPanel::cancelBookingAsksFirst()
{
    m_panel->showCustomer(m_maria);
    QTableWidget *bookings = m_panel->bookingsTable();
    // The past booking cannot be canceled; tomorrow's can.
    bookings->selectRow(2);
    m_panel->cancelBooking();
    QVERIFY(!openedDialog<QMessageBox>());
    bookings->selectRow(1);
    QCOMPARE(bookings->item(1, 1)->text(), u"Cleaning"_s);

    const auto answer = [&](const QString &button) {
        m_panel->cancelBooking();
        QPointer<QMessageBox> box = openedDialog<QMessageBox>();
        QVERIFY(box);
        QCOMPARE(box->objectName(), u"cancelBookingQuestion"_s);
        QVERIFY2(box->text().contains(u"Maria Lopez"_s), qPrintable(box->text()));
        QAbstractButton *clicked = nullptr;
        for (QAbstractButton *candidate : box->buttons()) {
            if (candidate->text() == button)
                clicked = candidate;
        }
        QVERIFY(clicked);
        clicked->click();
        QTRY_VERIFY(!box);
    };
    answer(u"Keep booking"_s);
    QCOMPARE(BookingStore(m_data->database()).findById(m_mariaNext)->status, BookingStatus::Confirmed);
    bookings->selectRow(1);
    answer(u"Cancel booking"_s);
    QCOMPARE(BookingStore(m_data->database()).findById(m_mariaNext)->status, BookingStatus::Canceled);
    QCOMPARE(bookings->rowCount(), 4); // still listed
    QCOMPARE(bookings->item(1, 3)->text(), u"Canceled"_s);
    QCOMPARE(bookings->item(1, 0)->background().style(), Qt::NoBrush);
    // Her next booking is now the pending filling in three weeks.
    const int row = m_panel->model()->loadedRowOf(m_maria);
    QVERIFY(!m_panel->model()
                 ->data(m_panel->model()->index(row, CustomersModel::NextBooking))
                 .toString()
                 .startsWith(u"Tomorrow"_s));
}

void TestCustomersPanel::editBookingFillsInItsValuesAndSaves()
{
    m_panel->showCustomer(m_maria);
    QTableWidget *bookings = m_panel->bookingsTable();
    bookings->selectRow(1);
    QCOMPARE(bookings->item(1, 1)->text(), u"Cleaning"_s);
    const Booking before = *BookingStore(m_data->database()).findById(m_mariaNext);
    m_panel->editBooking();
    QPointer<BookingDialog> dialog = openedDialog<BookingDialog>();
    QVERIFY(dialog);
    QVERIFY(dialog->isEditing());
    QVERIFY2(dialog->windowTitle().contains(u"Maria Lopez"_s), qPrintable(dialog->windowTitle()));
    // Her booking as saved: tomorrow at 9:30 for 45 minutes, a cleaning with Carol, confirmed.
    const QDate tomorrow = QDate::currentDate().addDays(1);
    QCOMPARE(dialog->findChild<QDateTimeEdit *>(u"start"_s)->dateTime(), QDateTime(tomorrow, QTime(9, 30)));
    QCOMPARE(dialog->findChild<QSpinBox *>(u"length"_s)->value(), 45);
    QCOMPARE(dialog->findChild<QLineEdit *>(u"service"_s)->text(), u"Cleaning"_s);
    QCOMPARE(dialog->findChild<QComboBox *>(u"staff"_s)->currentData().toString(), u"carol"_s);
    auto *status = dialog->findChild<QComboBox *>(u"status"_s);
    QCOMPARE(status->currentData().toInt(), int(BookingStatus::Confirmed));

    // Moved into the past: refused as a new booking would be.
    dialog->setStart(QDateTime::currentDateTime().addDays(-2));
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->timeProblem().isEmpty());

    dialog->setStart(QDateTime(tomorrow, QTime(11, 0)));
    dialog->setLengthMinutes(60);
    dialog->setService(u"Deep cleaning"_s);
    auto *staff = dialog->findChild<QComboBox *>(u"staff"_s);
    staff->setCurrentIndex(staff->findData(u"alice"_s));
    status->setCurrentIndex(status->findData(int(BookingStatus::Pending)));
    dialog->accept();
    QTRY_VERIFY(!dialog);

    const Booking saved = *BookingStore(m_data->database()).findById(m_mariaNext);
    QCOMPARE(saved.startsAt, QDateTime(tomorrow, QTime(11, 0)).toUTC());
    QCOMPARE(saved.endsAt, QDateTime(tomorrow, QTime(12, 0)).toUTC());
    QCOMPARE(saved.service, u"Deep cleaning"_s);
    QCOMPARE(saved.staff, u"alice"_s);
    QCOMPARE(saved.status, BookingStatus::Pending);
    QCOMPARE(saved.externalId, before.externalId); // calls already linked to it still name it
    QCOMPARE(saved.customerId, m_maria);
    QCOMPARE(BookingStore(m_data->database()).forCustomer(m_maria).size(), 4);
    QCOMPARE(bookings->item(1, 1)->text(), u"Deep cleaning"_s);
    QCOMPARE(bookings->item(1, 3)->text(), u"Pending"_s);

    // A visit that is over is marked a no-show without touching its time.
    bookings->selectRow(2);
    QCOMPARE(bookings->item(2, 1)->text(), u"Check-up"_s);
    const qint64 checkUp = BookingStore(m_data->database()).forCustomer(m_maria).at(1).id;
    m_panel->editBooking();
    dialog = openedDialog<BookingDialog>();
    QVERIFY(dialog);
    status = dialog->findChild<QComboBox *>(u"status"_s);
    QCOMPARE(status->currentData().toInt(), int(BookingStatus::Completed));
    status->setCurrentIndex(status->findData(int(BookingStatus::NoShow)));
    dialog->accept();
    QTRY_VERIFY(!dialog);
    QCOMPARE(BookingStore(m_data->database()).findById(checkUp)->status, BookingStatus::NoShow);
}

void TestCustomersPanel::editingAnImportedBookingKeepsWhatItDoesNotShow()
{
    // An imported booking: the booking system's id, staff named in its words, a start with seconds.
    Booking imported;
    imported.externalId = u"B-1042"_s;
    imported.customerId = m_james;
    imported.startsAt = QDateTime(QDate::currentDate().addDays(3), QTime(14, 5, 30)).toUTC();
    imported.endsAt = imported.startsAt.addSecs(50 * 60 + 10);
    imported.staff = u"Dr. Smile"_s;
    imported.service = u"Crown"_s;
    const Result<UpsertResult> saved = BookingStore(m_data->database()).upsert(imported);
    QVERIFY(saved.ok());
    m_panel->showCustomer(m_james);
    QTableWidget *bookings = m_panel->bookingsTable();
    int row = 0;
    while (row < bookings->rowCount() && bookings->item(row, 1)->text() != u"Crown"_s)
        ++row;
    bookings->selectRow(row);
    m_panel->editBooking();
    QPointer<BookingDialog> dialog = openedDialog<BookingDialog>();
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QComboBox *>(u"staff"_s)->currentText(), u"Dr. Smile"_s);
    dialog->setService(u"Crown fitting"_s);
    dialog->accept();
    QTRY_VERIFY(!dialog);

    const Booking edited = *BookingStore(m_data->database()).findById(saved->id);
    QCOMPARE(edited.service, u"Crown fitting"_s);
    QCOMPARE(edited.staff, u"Dr. Smile"_s);
    QCOMPARE(edited.startsAt, imported.startsAt);
    QCOMPARE(edited.endsAt, imported.endsAt);
    QCOMPARE(edited.externalId, u"B-1042"_s);
}

void TestCustomersPanel::deleteCustomerAsksFirstAndKeepsTheCalls()
{
    // One of her calls found her booking; the sample week's calls are from her number too.
    CallSessionRecord call;
    call.callSid = u"CA"_s + u"d"_s.repeated(32);
    call.from = u"+15551230001"_s;
    call.to = u"+15557654321"_s;
    call.startedAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    call.outcome = CallOutcome::AiAgent;
    call.customerId = m_maria;
    call.bookingId = m_mariaNext;
    QString error;
    QVERIFY2(CallStore(m_data->database()).createSession(call, &error), qPrintable(error));
    CallListFilter herCalls;
    herCalls.caller = u"+15551230001"_s;
    herCalls.limit = 0;
    const qint64 callsBefore = CallStore(m_data->database()).list(herCalls).size();

    m_panel->table()->selectRow(listedNames().indexOf(u"Maria Lopez"_s));
    QCOMPARE(m_panel->currentCustomerId(), m_maria);
    QString asked;
    answerNextMessageBox(u"Keep customer"_s, &asked);
    m_panel->deleteCustomer();
    QTRY_VERIFY(!asked.isEmpty());
    QVERIFY2(asked.contains(u"Maria Lopez"_s), qPrintable(asked));
    QVERIFY2(asked.contains(u"4 booking"_s), qPrintable(asked));
    QVERIFY2(asked.contains(u"call log"_s), qPrintable(asked));
    QTRY_VERIFY(!QApplication::activeModalWidget());
    QVERIFY(CustomerStore(m_data->database()).findById(m_maria));

    answerNextMessageBox(u"Delete customer"_s, &asked);
    m_panel->deleteCustomer();
    QTRY_VERIFY(!CustomerStore(m_data->database()).findById(m_maria));
    QCOMPARE(BookingStore(m_data->database()).countForCustomer(m_maria), 0);
    QVERIFY(!BookingStore(m_data->database()).findById(m_mariaNext));
    QCOMPARE(BookingStore(m_data->database()).countForCustomer(m_james), 1);
    // Her calls stay, with her number; the one that found her booking no longer points at it.
    CallStore calls(m_data->database());
    QCOMPARE(calls.list(herCalls).size(), callsBefore);
    const std::optional<CallListEntry> logged = calls.entry(call.callSid);
    QVERIFY(logged);
    QCOMPARE(logged->session.from, u"+15551230001"_s);
    QVERIFY(!logged->session.customerId);
    QVERIFY(!logged->session.bookingId);
    // Gone from the list and the details.
    QVERIFY(!listedNames().contains(u"Maria Lopez"_s));
    QCOMPARE(m_panel->currentCustomerId(), 0);
    QCOMPARE(m_panel->detailTitle(), QString());
    QCOMPARE(m_panel->summaryText(), u"7 customers"_s);
}

void TestCustomersPanel::deleteCustomerOnALockedDatabaseLosesNothing()
{
    // Another program holds the write lock longer than the panel waits.
    Database other(m_data->database().filePath());
    QString error;
    QVERIFY2(other.open(&error), qPrintable(error));
    QVERIFY2(other.begin(&error), qPrintable(error));
    QVERIFY(m_data->database().setBusyTimeout(200, &error));

    m_panel->showCustomer(m_james);
    QString asked;
    QString warned;
    answerNextMessageBox(u"Delete customer"_s, &asked);
    answerNextMessageBox(u"OK"_s, &warned);
    m_panel->deleteCustomer();
    QTRY_VERIFY(!warned.isEmpty());
    QVERIFY2(warned.contains(u"James Carter was not deleted"_s), qPrintable(warned));
    QVERIFY2(warned.contains(u"locked"_s), qPrintable(warned));
    other.rollback();

    QVERIFY(CustomerStore(m_data->database()).findById(m_james));
    QCOMPARE(BookingStore(m_data->database()).countForCustomer(m_james), 1);
    QCOMPARE(m_panel->currentCustomerId(), m_james);
    QCOMPARE(m_panel->detailTitle(), u"James Carter"_s);
}

void TestCustomersPanel::mergeCustomersMovesTheBookingsAfterAsking()
{
    // Maria, entered a second time at the desk with the same number, her email and a note.
    Customer twice;
    twice.name = u"Maria Lopez"_s;
    twice.phoneRaw = u"555 123 0001"_s;
    twice.phoneE164 = u"+15551230001"_s;
    twice.email = u"maria@example.com"_s;
    twice.notes = u"Allergic to latex"_s;
    const qint64 duplicate = CustomerStore(m_data->database()).insert(twice).value();
    const qint64 moved = addBooking(duplicate, QDateTime(QDate::currentDate().addDays(40), QTime(10, 0)),
        BookingStatus::Confirmed, u"Check-up"_s);

    m_panel->showCustomer(m_maria);
    m_panel->mergeCustomer();
    QPointer<MergeCustomersDialog> dialog = openedDialog<MergeCustomersDialog>();
    QVERIFY(dialog);
    // The duplicate is listed before anything is typed; Maria herself is not.
    auto *candidates = dialog->findChild<QListWidget *>(u"candidates"_s);
    QCOMPARE(candidates->count(), 1);
    QVERIFY2(candidates->item(0)->text().contains(u"maria@example.com"_s),
        qPrintable(candidates->item(0)->text()));
    candidates->setCurrentRow(0);
    QCOMPARE(dialog->keptId(), m_maria);
    QCOMPARE(dialog->duplicateId(), duplicate);
    QVERIFY2(dialog->previewText().contains(u"maria@example.com"_s), qPrintable(dialog->previewText()));
    QVERIFY2(dialog->previewText().contains(u"5 booking"_s), qPrintable(dialog->previewText()));

    QString asked;
    answerNextMessageBox(u"Don't merge"_s, &asked);
    dialog->accept();
    QTRY_VERIFY(!asked.isEmpty());
    QVERIFY2(asked.contains(u"Maria Lopez"_s), qPrintable(asked));
    QVERIFY2(asked.contains(u"1 booking"_s), qPrintable(asked));
    QTRY_VERIFY(!qobject_cast<QMessageBox *>(QApplication::activeModalWidget()));
    QVERIFY(dialog->isVisible());
    QVERIFY(CustomerStore(m_data->database()).findById(duplicate));

    answerNextMessageBox(u"Merge"_s, &asked);
    dialog->accept();
    QTRY_VERIFY(!dialog);
    QVERIFY(!CustomerStore(m_data->database()).findById(duplicate));
    const Customer maria = *CustomerStore(m_data->database()).findById(m_maria);
    QCOMPARE(maria.phoneRaw, u"(555) 123-0001"_s); // her own number as she typed it
    QCOMPARE(maria.email, u"maria@example.com"_s);
    QCOMPARE(maria.notes, u"Allergic to latex"_s);
    QCOMPARE(BookingStore(m_data->database()).findById(moved)->customerId, m_maria);
    QCOMPARE(BookingStore(m_data->database()).countForCustomer(m_maria), 5);
    QCOMPARE(m_panel->currentCustomerId(), m_maria);
    QCOMPARE(m_panel->bookingsTable()->rowCount(), 5);
    QCOMPARE(listedNames().count(u"Maria Lopez"_s), 1);
}

void TestCustomersPanel::importedCustomersReachTheList()
{
    QSignalSpy changed(m_panel.get(), &CustomersPanel::customersChanged);
    m_panel->importCustomers();
    QPointer<CsvImportDialog> dialog = openedDialog<CsvImportDialog>();
    QVERIFY(dialog);
    const QString path = m_dir->writeFile(u"more.csv"_s,
        "customer_id,name,phone\n"
        "N1,Ines Moreau,(555) 321-0001\n"
        "N2,Omar Haddad,555 321 0002\n");
    QVERIFY(dialog->loadFile(path));
    QSignalSpy finished(dialog.data(), &CsvImportDialog::importFinished);
    dialog->startImport();
    QVERIFY(finished.wait(10000));
    QVERIFY(dialog->report().committed);
    QCOMPARE(m_panel->model()->rowCount(), 10);
    QCOMPARE(changed.size(), 1);
    m_panel->searchBox()->setText(u"5553210002"_s);
    m_panel->searchNow();
    QCOMPARE(listedNames(), QStringList { u"Omar Haddad"_s });
    dialog->close();
}

void TestCustomersPanel::fiftyThousandCustomersLoadOnlyTheFirstPage()
{
    m_panel.reset();
    Database &db = m_data->database();
    CustomerStore customers(db);
    BookingStore bookings(db);
    QElapsedTimer timer;
    timer.start();
    QString error;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY2(db.transaction(
                 [&] {
                     for (int i = 0; i < 50000; ++i) {
                         Customer customer;
                         customer.name = u"Patient %1"_s.arg(i, 5, 10, QChar(u'0'));
                         customer.phoneE164 = u"+1556%1"_s.arg(i, 7, 10, QChar(u'0'));
                         customer.phoneRaw = customer.phoneE164;
                         const Result<qint64> id = customers.insert(customer);
                         if (!id)
                             return false;
                         if (i % 2 == 0) {
                             Booking booking;
                             booking.customerId = id.value();
                             booking.startsAt = now.addSecs(3600 + (i * 37) % (90 * 86400));
                             booking.endsAt = booking.startsAt.addSecs(1800);
                             if (!bookings.insert(booking))
                                 return false;
                         }
                     }
                     return true;
                 },
                 &error),
        qPrintable(error));
    qInfo() << "Stored 50,000 customers and 25,000 bookings in" << timer.elapsed() << "ms.";

    timer.restart();
    m_panel = std::make_unique<CustomersPanel>(db, m_dir->path());
    m_panel->resize(1280, 800);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    qInfo() << "The panel showed 50,000 customers in" << timer.elapsed() << "ms.";
    CustomersModel *model = m_panel->model();
    QCOMPARE(model->rowCount(), 50008);
    QCOMPARE(model->pagesRead(), 1);
    QCOMPARE(m_panel->summaryText(), QLocale().toString(50008) + u" customers"_s);

    // The end of the list reads the pages on screen only: the last one, and the one before it where the
    // screen straddles the two.
    timer.restart();
    m_panel->table()->scrollToBottom();
    QCoreApplication::processEvents();
    m_panel->table()->viewport()->repaint();
    QVERIFY2(model->pagesRead() <= 3, qPrintable(QString::number(model->pagesRead())));
    qInfo() << "Scrolling to the end took" << timer.elapsed() << "ms.";

    timer.restart();
    m_panel->table()->sortByColumn(CustomersModel::NextBooking, Qt::AscendingOrder);
    m_panel->table()->viewport()->repaint();
    qInfo() << "Sorting 50,000 customers by next booking took" << timer.elapsed() << "ms.";
    QCOMPARE(model->pagesRead(), 1);
    QVERIFY(model->data(model->index(0, CustomersModel::NextBooking)).toString().startsWith(u"Today"_s)
        || model->data(model->index(0, CustomersModel::NextBooking)).toString().startsWith(u"Tomorrow"_s));

    timer.restart();
    m_panel->searchBox()->setText(u"(556) 000-4242"_s);
    m_panel->searchNow();
    qInfo() << "Searching 50,000 customers by number took" << timer.elapsed() << "ms.";
    QCOMPARE(listedNames(), QStringList { u"Patient 04242"_s });
}

void TestCustomersPanel::screenshot()
{
    // A fuller practice than the other tests need: emails, notes, today's and this week's patients.
    CustomerStore customers(m_data->database());
    const QDate today = QDate::currentDate();
    const struct
    {
        const char *name;
        const char *phone;
        const char *staff;
        int inDays;
        int hour;
        int minute;
        const char *service;
    } more[] = {
        { "Sofia Rossi", "+15552010017", "alice", 0, 15, 30, "Cleaning" },
        { "Liam O'Connor", "+15552010018", "bob", 0, 16, 45, "Check-up" },
        { "Emma Schmidt", "+15552010019", "", 2, 10, 0, "Filling" },
        { "Noah Williams", "+15552010020", "carol", 5, 9, 0, "Crown fitting" },
        { "Chloe Martin", "+442079460018", "", -1, 0, 0, "" },
        { "Lucas Silva", "+15552010022", "alice", 12, 13, 15, "Whitening" },
        { "Hannah Lee", "+15552010023", "bob", -1, 0, 0, "" },
        { "Ethan Nguyen", "+15552010024", "", 1, 11, 0, "Check-up" },
        { "Mia Johansson", "+15552010025", "carol", -1, 0, 0, "" },
        { "Benjamin Cohen", "+15552010026", "", 30, 8, 30, "Cleaning" },
        { "Zara Ahmed", "+15552010027", "alice", -1, 0, 0, "" },
        { "Ava Thompson", "+15552010028", "", 4, 14, 0, "Braces check" },
    };
    for (const auto &person : more) {
        const QString phone = QString::fromLatin1(person.phone);
        const qint64 id
            = addCustomer(QString::fromUtf8(person.name), phone, phone, QString::fromLatin1(person.staff));
        if (person.inDays >= 0)
            addBooking(id, QDateTime(today.addDays(person.inDays), QTime(person.hour, person.minute)),
                BookingStatus::Confirmed, QString::fromLatin1(person.service), u"carol"_s);
    }
    for (qint64 id = 1; id <= 20; ++id) {
        std::optional<Customer> customer = customers.findById(id);
        if (!customer || customer->name == u"Grace Walker"_s)
            continue;
        QString email = customer->name.toLower().remove(u'\'');
        email.replace(u' ', u'.');
        customer->email = email + u"@example.com"_s;
        if (id == m_maria)
            customer->notes = u"Prefers morning appointments. Nervous about injections."_s;
        QVERIFY(customers.update(*customer));
    }
    m_panel->refresh();
    m_panel->showCustomer(m_maria);
    m_panel->bookingsTable()->selectRow(1);
    QCoreApplication::processEvents();
    const QString path = QDir(QDir::tempPath()).filePath(u"switchboard-customers-panel.png"_s);
    QVERIFY(m_panel->grab().save(path));
    qInfo() << "Screenshot:" << path;

    // The customer dialog with a number it refuses, as the front desk sees it.
    m_panel->addCustomer();
    CustomerDialog *dialog = openedDialog<CustomerDialog>();
    QVERIFY(dialog);
    dialog->findChild<QLineEdit *>(u"name"_s)->setText(u"Noah Fischer"_s);
    dialog->findChild<QLineEdit *>(u"phone"_s)->setText(u"555-12ab"_s);
    dialog->accept();
    QVERIFY(dialog->grab().save(QDir(QDir::tempPath()).filePath(u"switchboard-customer-dialog.png"_s)));
    dialog->reject();
    m_panel->newBooking();
    BookingDialog *booking = openedDialog<BookingDialog>();
    QVERIFY(booking);
    QVERIFY(booking->grab().save(QDir(QDir::tempPath()).filePath(u"switchboard-booking-dialog.png"_s)));
    booking->reject();

    // Editing her booking tomorrow, and merging her with a second entry of her.
    m_panel->bookingsTable()->selectRow(1);
    m_panel->editBooking();
    booking = openedDialog<BookingDialog>();
    QVERIFY(booking);
    QVERIFY(booking->grab().save(QDir(QDir::tempPath()).filePath(u"switchboard-edit-booking-dialog.png"_s)));
    booking->reject();
    addCustomer(u"Maria Lopez"_s, u"555 123 0001"_s, u"+15551230001"_s);
    m_panel->mergeCustomer();
    MergeCustomersDialog *merge = openedDialog<MergeCustomersDialog>();
    QVERIFY(merge);
    merge->findChild<QListWidget *>(u"candidates"_s)->setCurrentRow(0);
    QVERIFY(merge->grab().save(QDir(QDir::tempPath()).filePath(u"switchboard-merge-dialog.png"_s)));
    merge->reject();
}

QTEST_MAIN(TestCustomersPanel)
#include "tst_customerspanel.moc"
