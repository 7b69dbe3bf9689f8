// The customer list of the Customers & bookings panel, read a page at a time.
#include "customersmodel.h"

#include "phone/phonenormalizer.h"
#include "storage/customerstore.h"

#include <QBrush>
#include <QFont>
#include <QPalette>

using namespace Qt::StringLiterals;

CustomersModel::CustomersModel(Database &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(std::make_unique<CustomerStore>(db))
    , m_phone(std::make_unique<PhoneNormalizer>())
{
    m_query.limit = PageSize;
    refresh();
}

CustomersModel::~CustomersModel() = default;

void CustomersModel::setSearchText(const QString &text)
{
    if (text == m_query.text)
        return;
    m_query.text = text;
    refresh();
}

void CustomersModel::setDefaultRegion(const QString &region)
{
    m_query.defaultRegion = region;
    m_phone = std::make_unique<PhoneNormalizer>(region);
    refresh();
}

void CustomersModel::setClock(const ShownClock &clock)
{
    m_clock = clock;
    if (m_rowCount > 0)
        Q_EMIT dataChanged(index(0, NextBooking), index(m_rowCount - 1, NextBooking));
}

void CustomersModel::setStaffNames(const QHash<QString, QString> &names)
{
    m_staffNames = names;
    if (m_rowCount > 0)
        Q_EMIT dataChanged(index(0, AssignedStaff), index(m_rowCount - 1, AssignedStaff));
}

void CustomersModel::refresh()
{
    beginResetModel();
    m_query.now = QDateTime::currentDateTimeUtc();
    m_pages.clear();
    m_pageOrder.clear();
    m_pagesRead = 0;
    m_total = m_store->count();
    m_rowCount = int(qMin<qint64>(
        m_query.text.isEmpty() ? m_total : m_store->count(m_query), std::numeric_limits<int>::max()));
    endResetModel();
}

int CustomersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int CustomersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const QList<CustomersModel::Line> *CustomersModel::page(int index) const
{
    auto found = m_pages.constFind(index);
    if (found != m_pages.cend())
        return &*found;
    // Reading on demand, on the GUI thread: one page is a few milliseconds even when sorted by the
    // next booking of 50,000 customers.
    CustomerQuery query = m_query;
    query.offset = index * PageSize;
    query.limit = PageSize;
    if (m_pageOrder.size() >= MaxCachedPages)
        m_pages.remove(m_pageOrder.takeFirst());
    m_pageOrder.append(index);
    ++m_pagesRead;
    const QList<CustomerRow> rows = m_store->search(query);
    QList<Line> lines;
    lines.reserve(rows.size());
    // Every number written the same way, whatever form it was typed or imported in.
    for (const CustomerRow &row : rows)
        lines.append({ row,
            row.customer.phoneE164.isEmpty() ? row.customer.phoneRaw
                                             : m_phone->toDisplay(row.customer.phoneE164) });
    return &*m_pages.insert(index, lines);
}

const CustomersModel::Line *CustomersModel::lineAt(int row) const
{
    if (row < 0 || row >= m_rowCount)
        return nullptr;
    const QList<Line> *lines = page(row / PageSize);
    const int offset = row % PageSize;
    if (offset >= lines->size())
        return nullptr; // customers removed since the count by another program
    return &lines->at(offset);
}

std::optional<CustomerRow> CustomersModel::rowAt(int row) const
{
    const Line *line = lineAt(row);
    return line ? std::optional<CustomerRow>(line->row) : std::nullopt;
}

int CustomersModel::loadedRowOf(qint64 customerId) const
{
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        for (qsizetype i = 0; i < it->size(); ++i) {
            if (it->at(i).row.customer.id == customerId)
                return it.key() * PageSize + int(i);
        }
    }
    return -1;
}

QVariant CustomersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rowCount)
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::ForegroundRole
        && role != Qt::FontRole && role != CustomerIdRole)
        return {};
    const Line *line = lineAt(index.row());
    if (!line)
        return {};
    const CustomerRow *row = &line->row;
    const Customer &customer = row->customer;
    if (role == CustomerIdRole)
        return customer.id;

    switch (index.column()) {
    case Name:
        if (customer.name.isEmpty()) {
            if (role == Qt::DisplayRole)
                return tr("(no name)");
            if (role == Qt::ForegroundRole)
                return QPalette().brush(QPalette::Disabled, QPalette::Text);
        }
        if (role == Qt::DisplayRole)
            return customer.name;
        break;
    case Phone:
        if (role == Qt::DisplayRole)
            return line->phone;
        if (role == Qt::ToolTipRole && !customer.phoneE164.isEmpty())
            return tr("Saved as \"%1\". Calls from %2 are recognised as this customer.")
                .arg(customer.phoneRaw, customer.phoneE164);
        if (role == Qt::ToolTipRole && customer.phoneE164.isEmpty())
            return tr("No phone number: calls from this customer are not recognised.");
        break;
    case Email:
        if (role == Qt::DisplayRole)
            return customer.email;
        break;
    case NextBooking:
        if (role == Qt::DisplayRole)
            return m_clock.relative(row->nextBooking, m_query.now);
        if (role == Qt::FontRole && row->nextBooking.isValid()
            && m_clock.onWallClock(row->nextBooking).date() == m_clock.today(m_query.now)) {
            QFont bold;
            bold.setBold(true);
            return bold; // today's patients stand out
        }
        break;
    case AssignedStaff:
        if (role == Qt::DisplayRole)
            return m_staffNames.value(customer.assignedStaff, customer.assignedStaff);
        break;
    }
    return {};
}

QVariant CustomersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Phone:
        return tr("Phone");
    case Email:
        return tr("Email");
    case NextBooking:
        return tr("Next booking");
    case AssignedStaff:
        return tr("Assigned staff");
    }
    return {};
}

bool CustomersModel::isSortable(int column)
{
    return column == Name || column == Phone || column == NextBooking;
}

int CustomersModel::sortColumn() const
{
    switch (m_query.sort) {
    case CustomerQuery::Sort::Name:
        break;
    case CustomerQuery::Sort::Phone:
        return Phone;
    case CustomerQuery::Sort::NextBooking:
        return NextBooking;
    }
    return Name;
}

void CustomersModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column))
        return;
    const CustomerQuery::Sort sort = column == Phone ? CustomerQuery::Sort::Phone
        : column == NextBooking                      ? CustomerQuery::Sort::NextBooking
                                                     : CustomerQuery::Sort::Name;
    const bool descending = order == Qt::DescendingOrder;
    if (sort == m_query.sort && descending == m_query.descending)
        return;
    m_query.sort = sort;
    m_query.descending = descending;
    refresh();
}
