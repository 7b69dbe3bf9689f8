// The Customers & bookings panel: the customer list, the selected customer's bookings and calls, and the
// dialogs that add, edit, merge, delete, book, edit bookings, cancel and import.
#include "customerspanel.h"

#include "bookingdialog.h"
#include "calls/calllogwords.h"
#include "calls/livecallsmodel.h"
#include "csvimportdialog.h"
#include "customerdialog.h"
#include "customersmodel.h"
#include "look/icons.h"
#include "look/paneltitle.h"
#include "look/statuscolours.h"
#include "mergecustomersdialog.h"
#include "phone/phonenormalizer.h"
#include "routing/routingplanloader.h"
#include "settings/settings.h"
#include "storage/bookingstore.h"
#include "storage/callstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"

#include <QAction>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

enum BookingColumn
{
    BookingStart,
    BookingService,
    BookingStaff,
    BookingStatusColumn,
    BookingColumnCount
};
enum CallColumn
{
    CallWhen,
    CallOutcome,
    CallLength,
    CallAnsweredBy,
    CallColumnCount
};

constexpr int BookingIdRole = Qt::UserRole + 1;
constexpr int BookingActiveRole = Qt::UserRole + 2;

// Active bookings send the caller to the agent: they are what the front desk looks for first.

QString statusText(BookingStatus status)
{
    switch (status) {
    case BookingStatus::Confirmed:
        return CustomersPanel::tr("Confirmed");
    case BookingStatus::Pending:
        return CustomersPanel::tr("Pending");
    case BookingStatus::Canceled:
        return CustomersPanel::tr("Canceled");
    case BookingStatus::Completed:
        return CustomersPanel::tr("Completed");
    case BookingStatus::NoShow:
        return CustomersPanel::tr("No-show");
    }
    return {};
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QTableWidget *detailTable(const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table->setWordWrap(false);
    return table;
}

} // namespace

CustomersPanel::CustomersPanel(Database &db, QString dataDir, const ShownClock &clock, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_dataDir(std::move(dataDir))
    , m_clock(clock)
    , m_customers(std::make_unique<CustomerStore>(db))
    , m_bookingStore(std::make_unique<BookingStore>(db))
    , m_callStore(std::make_unique<CallStore>(db))
    , m_model(new CustomersModel(db, this))
    , m_search(new QLineEdit(this))
    , m_searchTimer(new QTimer(this))
    , m_summary(new QLabel(this))
    , m_listPages(new QStackedWidget(this))
    , m_emptyList(new QLabel(this))
    , m_table(new QTableView(this))
    , m_add(new QPushButton(Icons::named(u"list-add"_s), tr("Add customer…"), this))
    , m_edit(new QPushButton(Icons::named(u"document-edit"_s), tr("Edit…"), this))
    , m_merge(new QPushButton(tr("Merge duplicate…"), this))
    , m_callBackAction(new QAction(Icons::named(u"call-start"_s), tr("Call back…"), this))
    , m_callBack(new QPushButton(m_callBackAction->icon(), m_callBackAction->text(), this))
    , m_delete(new QPushButton(Icons::named(u"edit-delete"_s), tr("Delete…"), this))
    , m_import(new QPushButton(Icons::named(u"document-import"_s), tr("Import"), this))
    , m_detailPages(new QStackedWidget(this))
    , m_name(new QLabel(this))
    , m_facts(new QLabel(this))
    , m_notes(new QLabel(this))
    , m_bookings(detailTable({ tr("Starts"), tr("Service"), tr("Staff"), tr("Status") }, this))
    , m_newBooking(new QPushButton(Icons::named(u"list-add"_s), tr("New booking…"), this))
    , m_editBooking(new QPushButton(Icons::named(u"document-edit"_s), tr("Edit booking…"), this))
    , m_cancelBooking(new QPushButton(tr("Cancel booking"), this))
    , m_calls(detailTable({ tr("When"), tr("Outcome"), tr("Length"), tr("Answered by") }, this))
    , m_noCalls(new QLabel(this))
{
    loadPlanAndRegion();
    m_model->setClock(m_clock);
    m_model->setDefaultRegion(m_region);
    m_model->setStaffNames(m_staffNames);

    QLabel *title = PanelTitle::create(tr("Customers & bookings"), this);

    m_search->setObjectName(u"search"_s);
    m_search->setPlaceholderText(tr("Search by name or phone number"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(SearchDelayMs);

    // The list never asks for every row's size: with 50,000 customers only the rows on screen are read.
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CustomersModel::Name, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setStretchLastSection(true);
    // Wide enough for what the columns usually hold, measured in the table's own font.
    const QFontMetrics metrics = m_table->fontMetrics();
    const int padding = metrics.horizontalAdvance(u"M"_s);
    const QDateTime sampleTime = m_clock.instant(QDate(2026, 12, 30), QTime(10, 30));
    m_table->setColumnWidth(
        CustomersModel::Name, metrics.horizontalAdvance(u"Alexandra Fitzgerald"_s) + padding);
    m_table->setColumnWidth(
        CustomersModel::Phone, metrics.horizontalAdvance(u"+44 20 7946 0018"_s) + padding);
    m_table->setColumnWidth(
        CustomersModel::Email, metrics.horizontalAdvance(u"maria.lopez@example"_s) + padding);
    m_table->setColumnWidth(CustomersModel::NextBooking,
        metrics.horizontalAdvance(m_clock.relative(sampleTime, sampleTime.addDays(-7))) + padding);
    m_emptyList->setAlignment(Qt::AlignCenter);
    m_emptyList->setWordWrap(true);
    m_listPages->addWidget(m_table);
    m_listPages->addWidget(m_emptyList);

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_search, 1);
    toolbar->addWidget(m_add);
    toolbar->addWidget(m_edit);
    toolbar->addWidget(m_merge);
    toolbar->addWidget(m_callBack);
    toolbar->addWidget(m_delete);
    toolbar->addSpacing(12);
    toolbar->addWidget(m_import);

    // The details of the selected customer.
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.25);
    nameFont.setBold(true);
    m_name->setFont(nameFont);
    m_name->setTextFormat(Qt::PlainText);
    m_name->setWordWrap(true);
    m_facts->setTextFormat(Qt::PlainText);
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->setTextFormat(Qt::PlainText);
    m_notes->setWordWrap(true);
    m_notes->setForegroundRole(QPalette::PlaceholderText);
    m_noCalls->setWordWrap(true);
    m_noCalls->setForegroundRole(QPalette::PlaceholderText);
    auto *legend
        = new QLabel(tr("Highlighted: active bookings (confirmed or pending, and not over yet)."), this);
    legend->setWordWrap(true);
    legend->setForegroundRole(QPalette::PlaceholderText);

    auto *details = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(12, 0, 0, 0);
    detailsLayout->addWidget(m_name);
    detailsLayout->addWidget(m_facts);
    detailsLayout->addWidget(m_notes);
    detailsLayout->addSpacing(6);
    auto *bookingsHeader = new QHBoxLayout;
    bookingsHeader->addWidget(heading(tr("Bookings"), details), 1);
    bookingsHeader->addWidget(m_newBooking);
    bookingsHeader->addWidget(m_editBooking);
    bookingsHeader->addWidget(m_cancelBooking);
    detailsLayout->addLayout(bookingsHeader);
    detailsLayout->addWidget(m_bookings, 1);
    detailsLayout->addWidget(legend);
    detailsLayout->addSpacing(6);
    detailsLayout->addWidget(heading(tr("Recent calls"), details));
    detailsLayout->addWidget(m_noCalls);
    detailsLayout->addWidget(m_calls, 1);
    auto *noCustomer = new QLabel(tr("Select a customer to see their bookings and calls."), this);
    noCustomer->setAlignment(Qt::AlignCenter);
    noCustomer->setWordWrap(true);
    noCustomer->setForegroundRole(QPalette::PlaceholderText);
    m_detailPages->addWidget(noCustomer);
    m_detailPages->addWidget(details);

    auto *list = new QWidget(this);
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_listPages, 1);
    listLayout->addWidget(m_summary);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(list);
    splitter->addWidget(m_detailPages);
    // The list shows every column at 1280×800; the details need less width than the list.
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(toolbar);
    layout->addWidget(splitter, 1);

    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &CustomersPanel::searchNow);
    // The front desk looks someone up while the phone rings: Ctrl+F from anywhere in the panel.
    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(m_searchTimer, &QTimer::timeout, this, &CustomersPanel::searchNow);
    // Only Name, Phone and Next booking sort; a click on another header keeps the order and its arrow.
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this, header](int column, Qt::SortOrder) {
        if (!CustomersModel::isSortable(column)) {
            const QSignalBlocker blocker(header);
            header->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
            return;
        }
        m_table->scrollToTop(); // a new order starts at its beginning
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateSummary();
        selectRowOf(m_customerId);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (!current.isValid())
                return;
            const qint64 id = m_model->data(current, CustomersModel::CustomerIdRole).toLongLong();
            if (id != 0 && id != m_customerId) {
                m_customerId = id;
                showDetails();
            }
        });
    connect(m_table, &QTableView::doubleClicked, this, &CustomersPanel::editCustomer);
    connect(m_bookings, &QTableWidget::itemSelectionChanged, this, &CustomersPanel::updateButtons);
    connect(m_bookings, &QTableWidget::itemDoubleClicked, this, &CustomersPanel::editBooking);
    // The Delete key on the list asks, as the button does.
    auto *deleteKey = new QShortcut(QKeySequence::Delete, m_table);
    deleteKey->setContext(Qt::WidgetShortcut);
    connect(deleteKey, &QShortcut::activated, this, &CustomersPanel::deleteCustomer);
    connect(m_add, &QPushButton::clicked, this, &CustomersPanel::addCustomer);
    connect(m_edit, &QPushButton::clicked, this, &CustomersPanel::editCustomer);
    connect(m_merge, &QPushButton::clicked, this, &CustomersPanel::mergeCustomer);
    // A customer's number is on the screen: calling them is one click, by button or right click.
    m_callBack->setObjectName(u"callBackButton"_s);
    m_callBackAction->setObjectName(u"callBackAction"_s);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addAction(m_callBackAction);
    connect(m_callBack, &QPushButton::clicked, m_callBackAction, &QAction::trigger);
    connect(m_callBackAction, &QAction::triggered, this, [this] {
        if (m_callBackTarget && m_callBackAllowed)
            Q_EMIT callBackRequested(*m_callBackTarget);
    });
    connect(m_delete, &QPushButton::clicked, this, &CustomersPanel::deleteCustomer);
    connect(m_newBooking, &QPushButton::clicked, this, &CustomersPanel::newBooking);
    connect(m_editBooking, &QPushButton::clicked, this, &CustomersPanel::editBooking);
    connect(m_cancelBooking, &QPushButton::clicked, this, &CustomersPanel::cancelBooking);
    // One button for both imports keeps the toolbar within a 1280-pixel window in longer languages.
    m_import->setObjectName(u"import"_s);
    auto *importMenu = new QMenu(m_import);
    importMenu->addAction(tr("Customers from a CSV file…"), this, &CustomersPanel::importCustomers);
    importMenu->addAction(tr("Bookings from a CSV file…"), this, &CustomersPanel::importBookings);
    m_import->setMenu(importMenu);

    updateSummary();
    showDetails();
}

CustomersPanel::~CustomersPanel() = default;

void CustomersPanel::setClock(const ShownClock &clock)
{
    m_clock = clock;
    m_model->setClock(m_clock);
    showDetails();
}

void CustomersPanel::loadPlanAndRegion()
{
    // The settings' region (numbers typed without a country code).
    m_region = Settings::defaultRegionIn(m_db);
    m_staff.clear();
    m_staffNames.clear();
    const Result<RoutingModel> plan = RoutingPlanLoader(m_db, m_region, QString()).load();
    if (plan) {
        for (const StaffMember &member : plan->staff) {
            m_staff.append({ member.id, member.name });
            m_staffNames.insert(member.id, member.name.isEmpty() ? member.id : member.name);
        }
    }
}

QString CustomersPanel::staffName(const QString &id) const
{
    return m_staffNames.value(id, id);
}

void CustomersPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Coming back to the panel: the plan, the next bookings and the calls may all have moved on.
    if (m_shownBefore) {
        loadPlanAndRegion();
        m_model->setStaffNames(m_staffNames);
        // The region may have moved too: numbers are shown, and searched for, its way.
        m_model->setDefaultRegion(m_region);
        refresh();
    }
    m_shownBefore = true;
}

void CustomersPanel::searchNow()
{
    m_searchTimer->stop();
    const QString text = m_search->text().trimmed();
    if (text == m_model->searchText())
        return;
    m_table->scrollToTop();
    m_model->setSearchText(text);
}

void CustomersPanel::refresh()
{
    m_model->refresh();
    showDetails();
}

QString CustomersPanel::summaryText() const
{
    return m_summary->text();
}

QString CustomersPanel::detailTitle() const
{
    return m_detailPages->currentIndex() == 1 ? m_name->text() : QString();
}

void CustomersPanel::updateSummary()
{
    const QLocale locale;
    const qint64 total = m_model->totalCount();
    const int shown = m_model->rowCount();
    if (m_model->searchText().isEmpty())
        m_summary->setText(total == 1 ? tr("1 customer") : tr("%1 customers").arg(locale.toString(total)));
    else
        m_summary->setText(tr("%1 of %2 customers match \"%3\"")
                               .arg(locale.toString(shown), locale.toString(total), m_model->searchText()));

    if (total == 0)
        m_emptyList->setText(
            tr("No customers yet.\n\nAdd them one by one with \"Add customer…\", or bring in "
               "your customer list with \"Import\" → \"Customers from a CSV file…\"."));
    else
        m_emptyList->setText(tr("No customer's name or number matches \"%1\".").arg(m_model->searchText()));
    m_listPages->setCurrentIndex(shown > 0 ? 0 : 1);
}

void CustomersPanel::selectRowOf(qint64 customerId)
{
    int row = customerId ? m_model->loadedRowOf(customerId) : -1;
    if (row < 0 && customerId && m_model->rowCount() > 0) {
        // Just after a refresh no page is read yet: read the one on screen, where the customer was.
        m_model->rowAt(qMax(0, m_table->rowAt(0)));
        row = m_model->loadedRowOf(customerId);
    }
    const QSignalBlocker blocker(m_table->selectionModel());
    if (row < 0) {
        m_table->selectionModel()->clear();
        m_table->viewport()->update();
        return;
    }
    const QModelIndex index = m_model->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    m_table->viewport()->update();
}

void CustomersPanel::showCustomer(qint64 customerId)
{
    m_customerId = customerId;
    selectRowOf(customerId);
    showDetails();
}

void CustomersPanel::showDetails()
{
    const std::optional<Customer> customer
        = m_customerId ? m_customers->findById(m_customerId) : std::nullopt;
    m_bookings->setRowCount(0);
    m_calls->setRowCount(0);
    m_callBackTarget.reset();
    if (customer && !customer->phoneE164.isEmpty())
        m_callBackTarget = CallBackTarget { {}, customer->phoneE164, customer->name };
    if (!customer) {
        m_customerId = 0;
        m_detailPages->setCurrentIndex(0);
        updateButtons();
        return;
    }
    m_detailPages->setCurrentIndex(1);
    m_name->setText(customer->name.isEmpty() ? tr("(no name)") : customer->name);
    QStringList facts;
    const QString phone = customer->phoneE164.isEmpty()
        ? customer->phoneRaw
        : PhoneNormalizer(m_region).toDisplay(customer->phoneE164);
    facts.append(phone.isEmpty() ? tr("No phone number") : phone);
    if (!customer->email.isEmpty())
        facts.append(customer->email);
    if (!customer->assignedStaff.isEmpty())
        facts.append(tr("Assigned to %1").arg(staffName(customer->assignedStaff)));
    m_facts->setText(facts.join(u"  ·  "_s));
    m_notes->setText(customer->notes);
    m_notes->setVisible(!customer->notes.isEmpty());

    // Newest first: what is coming up is at the top, the history below it.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<Booking> bookings = m_bookingStore->forCustomer(customer->id);
    std::reverse(bookings.begin(), bookings.end());
    m_bookings->setRowCount(int(bookings.size()));
    QFont bold = m_bookings->font();
    bold.setBold(true);
    for (int row = 0; row < bookings.size(); ++row) {
        const Booking &booking = bookings.at(row);
        const bool active = booking.isActiveAt(now);
        const QString staff = booking.staff.isEmpty() ? QString() : staffName(booking.staff);
        // The end too: the front desk plans around how long a visit takes.
        QString when = m_clock.relative(booking.startsAt, now);
        if (m_clock.onWallClock(booking.endsAt).date() == m_clock.onWallClock(booking.startsAt).date())
            when = tr("%1–%2").arg(when, m_clock.time(booking.endsAt));
        const QStringList cells { when, booking.service, staff, statusText(booking.status) };
        for (int column = 0; column < BookingColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setData(BookingIdRole, booking.id);
            item->setData(BookingActiveRole, active);
            if (active) {
                item->setBackground(StatusColours::background(StatusColours::Status::Good, palette()));
                if (column == BookingStatusColumn)
                    item->setFont(bold);
            } else if (booking.status == BookingStatus::Canceled || booking.startsAt < now) {
                item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
            }
            if (column == BookingStart)
                item->setToolTip(m_clock.longDateTime(booking.startsAt));
            m_bookings->setItem(row, column, item);
        }
    }

    CallListFilter filter;
    filter.caller = customer->phoneE164;
    filter.limit = RecentCalls;
    const QList<CallListEntry> calls
        = customer->phoneE164.isEmpty() ? QList<CallListEntry>() : m_callStore->list(filter);
    m_calls->setRowCount(int(calls.size()));
    bool answeredByStaff = false;
    for (int row = 0; row < calls.size(); ++row) {
        answeredByStaff = answeredByStaff || !calls.at(row).session.answeredBy.isEmpty();
        const CallSessionRecord &call = calls.at(row).session;
        const QStringList cells { m_clock.relative(call.startedAt, now),
            CallLogWords::outcome(call.outcome),
            call.durationSeconds ? LiveCallsModel::elapsed(*call.durationSeconds) : QString(),
            call.answeredBy.isEmpty() ? QString() : staffName(call.answeredBy) };
        for (int column = 0; column < CallColumnCount; ++column)
            m_calls->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    // An empty column says nothing; the practice may not ask staff to press 1 to take calls.
    m_calls->setColumnHidden(CallAnsweredBy, !answeredByStaff);
    if (customer->phoneE164.isEmpty())
        m_noCalls->setText(tr("No phone number is saved, so calls cannot be matched to this customer."));
    else if (calls.isEmpty())
        m_noCalls->setText(tr("No calls from %1 yet.").arg(customer->phoneE164));
    else
        m_noCalls->clear();
    m_noCalls->setVisible(!m_noCalls->text().isEmpty());
    m_calls->setVisible(!calls.isEmpty());
    updateButtons();
}

void CustomersPanel::updateButtons()
{
    const bool customer = m_customerId != 0;
    m_edit->setEnabled(customer);
    m_merge->setEnabled(customer);
    m_delete->setEnabled(customer);
    m_newBooking->setEnabled(customer);
    const QList<QTableWidgetItem *> selected = m_bookings->selectedItems();
    m_editBooking->setEnabled(customer && !selected.isEmpty());
    const bool active = !selected.isEmpty() && selected.first()->data(BookingActiveRole).toBool();
    m_cancelBooking->setEnabled(customer && active);
    m_cancelBooking->setToolTip(
        active || selected.isEmpty() ? QString() : tr("Only active bookings can be canceled."));
    const bool callable = customer && m_callBackTarget;
    m_callBackAction->setEnabled(m_callBackAllowed && callable);
    m_callBack->setEnabled(m_callBackAllowed && callable);
    m_callBack->setToolTip(!m_callBackAllowed ? m_callBackWhyNot
                           : !customer         ? tr("Select a customer to call them back.")
                           : !callable         ? tr("This customer has no phone number that can be called.")
                                               : tr("Ring a phone of the practice first, then this customer."));
}

void CustomersPanel::setCallBackAllowed(bool allowed, const QString &whyNot)
{
    m_callBackAllowed = allowed;
    m_callBackWhyNot = whyNot;
    updateButtons();
}

void CustomersPanel::addCustomer()
{
    auto *dialog = new CustomerDialog(m_region, m_staff, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSaver([this](const Customer &customer, QString *error) {
        const Result<qint64> id = m_customers->insert(customer);
        if (!id) {
            *error = id.error();
            return false;
        }
        m_customerId = id.value();
        // Shown in the list whatever was being searched for.
        m_search->clear();
        searchNow();
        refresh();
        selectRowOf(m_customerId);
        Q_EMIT customersChanged();
        return true;
    });
    dialog->open();
}

void CustomersPanel::editCustomer()
{
    const std::optional<Customer> customer
        = m_customerId ? m_customers->findById(m_customerId) : std::nullopt;
    if (!customer)
        return;
    auto *dialog = new CustomerDialog(m_region, m_staff, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setCustomer(*customer);
    dialog->setSaver([this](const Customer &edited, QString *error) {
        if (!m_customers->update(edited, error))
            return false;
        refresh();
        Q_EMIT customersChanged();
        return true;
    });
    dialog->open();
}

void CustomersPanel::deleteCustomer()
{
    const std::optional<Customer> customer
        = m_customerId ? m_customers->findById(m_customerId) : std::nullopt;
    if (!customer)
        return;
    const qint64 customerId = customer->id;
    const QString name = customer->name.isEmpty() ? tr("(no name)") : customer->name;
    const int bookings = int(m_bookingStore->countForCustomer(customerId));
    // "Delete" and "Keep" say what each button does; the default is the one that loses nothing.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete customer"),
        bookings == 0 ? tr("Delete %1?").arg(name)
                      : tr("Delete %1 and their %n booking(s)?", "", bookings).arg(name),
        QMessageBox::NoButton, this);
    box->setObjectName(u"deleteCustomerQuestion"_s);
    box->setInformativeText(tr("Their calls stay in the call log under their phone number. This cannot "
                               "be undone."));
    QPushButton *confirm = box->addButton(tr("Delete customer"), QMessageBox::DestructiveRole);
    QPushButton *keep = box->addButton(tr("Keep customer"), QMessageBox::RejectRole);
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, confirm, customerId, name] {
        if (box->clickedButton() != confirm)
            return;
        QString error;
        if (!m_customers->remove(customerId, &error)) {
            QMessageBox::warning(this, tr("Delete customer"),
                tr("%1 was not deleted, and nothing was changed: %2").arg(name, error));
            return;
        }
        if (m_customerId == customerId)
            m_customerId = 0;
        refresh();
        Q_EMIT customersChanged();
    });
    box->open();
}

void CustomersPanel::mergeCustomer()
{
    const std::optional<Customer> customer
        = m_customerId ? m_customers->findById(m_customerId) : std::nullopt;
    if (!customer)
        return;
    auto *dialog = new MergeCustomersDialog(m_db, *customer, m_region, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setMerger([this](qint64 keptId, qint64 duplicateId, QString *error) {
        if (!m_customers->merge(keptId, duplicateId, error))
            return false;
        m_customerId = keptId;
        refresh();
        selectRowOf(m_customerId);
        Q_EMIT customersChanged();
        return true;
    });
    dialog->open();
}

void CustomersPanel::newBooking()
{
    const std::optional<Customer> customer
        = m_customerId ? m_customers->findById(m_customerId) : std::nullopt;
    if (!customer)
        return;
    auto *dialog = new BookingDialog(customer->id, customer->name, m_staff, m_clock, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSaver([this](const Booking &booking, QString *error) {
        const Result<qint64> id = m_bookingStore->insert(booking);
        if (!id) {
            *error = id.error();
            return false;
        }
        refresh();
        Q_EMIT customersChanged();
        return true;
    });
    dialog->open();
}

qint64 CustomersPanel::selectedBookingId() const
{
    const QList<QTableWidgetItem *> selected = m_bookings->selectedItems();
    return selected.isEmpty() ? 0 : selected.first()->data(BookingIdRole).toLongLong();
}

void CustomersPanel::editBooking()
{
    const qint64 bookingId = selectedBookingId();
    const std::optional<Booking> booking = bookingId ? m_bookingStore->findById(bookingId) : std::nullopt;
    const std::optional<Customer> customer
        = booking ? m_customers->findById(booking->customerId) : std::nullopt;
    if (!customer)
        return;
    auto *dialog = new BookingDialog(customer->id, customer->name, m_staff, m_clock, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setBooking(*booking);
    dialog->setSaver([this](const Booking &edited, QString *error) {
        if (!m_bookingStore->update(edited, error))
            return false;
        refresh();
        Q_EMIT customersChanged();
        return true;
    });
    dialog->open();
}

void CustomersPanel::cancelBooking()
{
    const QList<QTableWidgetItem *> selected = m_bookings->selectedItems();
    if (selected.isEmpty() || !selected.first()->data(BookingActiveRole).toBool())
        return;
    const qint64 bookingId = selected.first()->data(BookingIdRole).toLongLong();
    const std::optional<Booking> booking = m_bookingStore->findById(bookingId);
    if (!booking)
        return;
    // "Cancel" would be both the action and the way out of it: the buttons say what they do instead.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Cancel booking"),
        tr("Cancel %1's booking of %2?").arg(m_name->text(), m_clock.relative(booking->startsAt)),
        QMessageBox::NoButton, this);
    box->setObjectName(u"cancelBookingQuestion"_s);
    box->setInformativeText(tr("It stays in the list as canceled, and calls from this customer no longer "
                               "count it as an active booking."));
    QPushButton *confirm = box->addButton(tr("Cancel booking"), QMessageBox::DestructiveRole);
    QPushButton *keep = box->addButton(tr("Keep booking"), QMessageBox::RejectRole);
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, confirm, bookingId] {
        if (box->clickedButton() != confirm)
            return;
        QString error;
        if (!m_bookingStore->cancel(bookingId, &error)) {
            QMessageBox::warning(
                this, tr("Cancel booking"), tr("The booking was not canceled: %1").arg(error));
            return;
        }
        refresh();
        Q_EMIT customersChanged();
    });
    box->open();
}

void CustomersPanel::importCustomers()
{
    openImport(true);
}

void CustomersPanel::importBookings()
{
    openImport(false);
}

void CustomersPanel::openImport(bool customers)
{
    auto *dialog
        = new CsvImportDialog(customers ? CsvImportDialog::Kind::Customers : CsvImportDialog::Kind::Bookings,
            m_db, Database::fileNameIn(m_dataDir), m_region, m_clock, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CsvImportDialog::importFinished, this, [this](const ImportReport &report) {
        if (!report.committed)
            return;
        refresh();
        Q_EMIT customersChanged();
    });
    dialog->open();
}
