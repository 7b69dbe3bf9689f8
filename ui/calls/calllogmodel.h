// The call log as a table: for the Call logs panel, read from the database a page at a time; for a remote
// seat, given the calls another Switchboard's API answered.
#pragma once

#include "look/shownclock.h"
#include "storage/callrecords.h"
#include "storage/callstore.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QList>

#include <memory>
#include <optional>

class Database;
class PhoneNormalizer;
class QPalette;

// Newest first only, and no sort indicator is offered: the pages follow the one order the log's indexes
// keep, and sorting a million calls by another column would mean reading them all.
class CallLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { StartedColumn, CallerColumn, CalledColumn, OutcomeColumn, DurationColumn, BookingColumn, ColumnCount };
    static constexpr int PageSize = 200;

    // `db` is the connection of the thread the model lives on (the GUI thread's own). Nothing is read
    // until setFilter(), refresh() or a view's fetchMore().
    explicit CallLogModel(Database &db, QObject *parent = nullptr);
    // Without a database: the rows are what setCalls() and appendCalls() give, numbers are shown the way
    // setRegion() says, and there is nothing to fetch.
    explicit CallLogModel(QObject *parent = nullptr);
    ~CallLogModel() override;

    // The calls of a model without a database: replaced all at once, or a page added at the end.
    void setCalls(const QList<CallListEntry> &calls);
    void appendCalls(const QList<CallListEntry> &calls);
    // The region numbers are shown in when there is no filter to say it.
    void setRegion(const QString &region);

    // The clock the Started column is shown on; the rows show it at once.
    void setClock(const ShownClock &clock);

    const CallListFilter &filter() const { return m_filter; }
    // Starts over with the first page of the calls that match `filter`. Numbers are shown the way the
    // filter's region writes them.
    void setFilter(const CallListFilter &filter);
    // Reads the first page again, for the calls the router has added or finished since; the rows
    // loaded past it are dropped (views fetch them again as they scroll).
    void refresh();

    // The call of a row; an empty record or entry for a row that is not loaded.
    CallSessionRecord sessionAt(int row) const;
    CallListEntry entryAt(int row) const;
    // The row of a loaded call, or -1.
    int rowOf(const QString &callSid) const;

    // "m:ss", or empty for a call that has no duration yet.
    static QString durationText(const std::optional<int> &seconds);
    // The caller's number and, for a customer, their name.
    QString callerText(const CallListEntry &entry) const;
    // A stored E.164 number as the practice writes it: "(555) 765-4321", "+44 20 7946 0018".
    QString numberText(const QString &e164) const;
    // The selected call in one line: "Called (555) 765-4321 · Thursday, … · Outcome: Answered ·
    // Duration: 1:05 · Customer: Bea Smith · Booking: B-77".
    QString summaryText(const CallListEntry &entry) const;
    // Text colours that read on the palette's background, darker on a light one and lighter on a dark
    // one: for what went wrong (a missed call, a failed step), and for what was passed over.
    static QColor problemColour(const QPalette &palette);
    static QColor quietColour(const QPalette &palette);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    void reload();

    std::optional<CallStore> m_calls; // none for calls given from elsewhere
    ShownClock m_clock;
    CallListFilter m_filter;
    std::unique_ptr<PhoneNormalizer> m_phone;
    QList<CallListEntry> m_entries;
    bool m_atEnd = false;
    // While rows are being replaced or added: a view that asks for more from the change's own
    // notifications gets it once the change is over, rather than a change inside the change.
    bool m_changing = false;
};
