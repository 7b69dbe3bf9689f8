// The customer list of the Customers & bookings panel: one search of the customers, read a page at a
// time as the table scrolls, so that a practice with 50,000 customers opens at once.
#pragma once

#include "look/shownclock.h"
#include "storage/customerquery.h"
#include "storage/customerrow.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <memory>
#include <optional>

class CustomerStore;
class Database;
class PhoneNormalizer;

class CustomersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Name,
        Phone,
        Email,
        NextBooking,
        AssignedStaff,
        ColumnCount
    };
    // The customer's database id on every cell.
    static constexpr int CustomerIdRole = Qt::UserRole + 1;
    static constexpr int PageSize = 200;
    // Pages kept in memory; scrolling further reads them again.
    static constexpr int MaxCachedPages = 16;

    // `db` is the window's own connection.
    explicit CustomersModel(Database &db, QObject *parent = nullptr);
    ~CustomersModel() override;

    // Name words or a phone number in any written form; see CustomerStore::search.
    void setSearchText(const QString &text);
    QString searchText() const { return m_query.text; }
    // Reads numbers typed without a country code.
    void setDefaultRegion(const QString &region);
    // The clock the Next booking column is read on.
    void setClock(const ShownClock &clock);
    // Staff names by id (from the routing plan), for the Assigned staff column.
    void setStaffNames(const QHash<QString, QString> &names);
    // Counts again and forgets every page read: after a save, an import, or as time passes (the next
    // booking is counted from the time of the refresh).
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Name, Phone and Next booking sort; the other columns keep the current order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static bool isSortable(int column);
    int sortColumn() const;
    Qt::SortOrder sortOrder() const { return m_query.descending ? Qt::DescendingOrder : Qt::AscendingOrder; }

    // The row's customer, reading its page when needed; nullopt outside the rows.
    std::optional<CustomerRow> rowAt(int row) const;
    // The row of the customer among the pages read so far, or -1.
    int loadedRowOf(qint64 customerId) const;
    // How many pages have been read from the database since the last refresh (for tests).
    int pagesRead() const { return m_pagesRead; }
    // How many customers there are in all, whatever the search.
    qint64 totalCount() const { return m_total; }

private:
    struct Line
    {
        CustomerRow row;
        QString phone; // as shown: formatted once when the page is read, not on every paint
    };

    const QList<Line> *page(int index) const;
    const Line *lineAt(int row) const;

    std::unique_ptr<CustomerStore> m_store;
    std::unique_ptr<PhoneNormalizer> m_phone;
    ShownClock m_clock;
    CustomerQuery m_query;
    int m_rowCount = 0;
    qint64 m_total = 0;
    QHash<QString, QString> m_staffNames;
    mutable QHash<int, QList<Line>> m_pages;
    mutable QList<int> m_pageOrder; // oldest read first, for dropping pages past MaxCachedPages
    mutable int m_pagesRead = 0;
};
