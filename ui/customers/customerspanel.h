// The Customers & bookings panel: the practice's customers, searchable by name or any form of their
// number, and the selected customer's bookings and calls, with adding, editing, merging, deleting,
// booking, editing and canceling bookings, and CSV imports.
#pragma once

#include "calls/callbackdialog.h"
#include "look/shownclock.h"

#include <QHash>
#include <QWidget>

#include <memory>
#include <utility>

class BookingStore;
class CallStore;
class CustomerStore;
class CustomersModel;
class Database;
class QLabel;
class QLineEdit;
class QAction;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTableWidget;
class QTimer;

class CustomersPanel : public QWidget
{
    Q_OBJECT

public:
    // Typing pauses this long before the list is searched, so that each key does not query 50k rows.
    static constexpr int SearchDelayMs = 250;
    static constexpr int RecentCalls = 20;

    // `db` is the window's own connection; `dataDir` is the data folder, whose database a CSV import opens
    // again on its worker thread. Bookings and calls are shown, and bookings typed, on `clock`.
    CustomersPanel(Database &db, QString dataDir, const ShownClock &clock = ShownClock(), QWidget *parent = nullptr);
    ~CustomersPanel() override;

    // A saved plan may move the business to another time zone: bookings and calls are shown again.
    void setClock(const ShownClock &clock);

    CustomersModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchBox() const { return m_search; }
    QTableWidget *bookingsTable() const { return m_bookings; }
    QTableWidget *callsTable() const { return m_calls; }
    QString summaryText() const;
    QString detailTitle() const;

    // The customer whose details are shown; 0 for none.
    qint64 currentCustomerId() const { return m_customerId; }
    // Shows the customer's details and selects their row when the list shows it.
    void showCustomer(qint64 customerId);
    // Whether "Call back…" is offered (the router runs). Off until said.
    // `whyNot` is the button's tooltip while it is not allowed.
    void setCallBackAllowed(bool allowed, const QString &whyNot = {});
    // Whom "Call back…" would call: the shown customer, when they have a phone number that can be called.
    std::optional<CallBackTarget> callBackTarget() const { return m_callBackTarget; }
    QAction *callBackAction() const { return m_callBackAction; }
    // Searches for what the search box holds now, without waiting for the typing to pause.
    void searchNow();
    // Reads the list and the details again (after an import, say, or when the panel is shown again).
    void refresh();

public Q_SLOTS:
    void addCustomer();
    void editCustomer();
    // Asks first, naming the customer and how many bookings go with them; their calls stay in the log.
    void deleteCustomer();
    // Picks the duplicate of the selected customer and which one to keep, then asks first.
    void mergeCustomer();
    void newBooking();
    // Opens the selected booking with its values filled in.
    void editBooking();
    // Asks first; the booking stays in the list as canceled.
    void cancelBooking();
    void importCustomers();
    void importBookings();

Q_SIGNALS:
    // "Call back…" was chosen for the shown customer; the window asks whose phone rings first and sends it.
    void callBackRequested(const CallBackTarget &target);
    // Customers or bookings were saved or imported here.
    void customersChanged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void loadPlanAndRegion();
    void updateSummary();
    void updateButtons();
    void showDetails();
    void selectRowOf(qint64 customerId);
    // The booking selected in the bookings table; 0 when none.
    qint64 selectedBookingId() const;
    void openImport(bool customers);
    QString staffName(const QString &id) const;

    Database &m_db;
    QString m_dataDir;
    ShownClock m_clock;
    QString m_region;
    QList<std::pair<QString, QString>> m_staff; // id and name, in the routing plan's order
    QHash<QString, QString> m_staffNames;
    std::unique_ptr<CustomerStore> m_customers;
    std::unique_ptr<BookingStore> m_bookingStore;
    std::unique_ptr<CallStore> m_callStore;
    qint64 m_customerId = 0;
    bool m_shownBefore = false;

    CustomersModel *m_model;
    QLineEdit *m_search;
    QTimer *m_searchTimer;
    QLabel *m_summary;
    QStackedWidget *m_listPages;
    QLabel *m_emptyList;
    QTableView *m_table;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_merge;
    QAction *m_callBackAction;
    QPushButton *m_callBack;
    bool m_callBackAllowed = false;
    QString m_callBackWhyNot;
    std::optional<CallBackTarget> m_callBackTarget;
    QPushButton *m_delete;
    QPushButton *m_import;

    QStackedWidget *m_detailPages;
    QLabel *m_name;
    QLabel *m_facts;
    QLabel *m_notes;
    QTableWidget *m_bookings;
    QPushButton *m_newBooking;
    QPushButton *m_editBooking;
    QPushButton *m_cancelBooking;
    QTableWidget *m_calls;
    QLabel *m_noCalls;
};
