// The call log as a table, read from the database a page at a time or given from elsewhere.
#include "calllogmodel.h"

#include "calllogwords.h"
#include "look/statuscolours.h"
#include "phone/phonenormalizer.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QPalette>
#include <QScopedValueRollback>

using namespace Qt::StringLiterals;

CallLogModel::CallLogModel(Database &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_calls(std::in_place, db)
    , m_phone(std::make_unique<PhoneNormalizer>(m_filter.region))
{
}

CallLogModel::CallLogModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_phone(std::make_unique<PhoneNormalizer>(m_filter.region))
    , m_atEnd(true)
{ }

CallLogModel::~CallLogModel() = default;

void CallLogModel::setCalls(const QList<CallListEntry> &calls)
{
    beginResetModel();
    m_entries = calls;
    endResetModel();
}

void CallLogModel::appendCalls(const QList<CallListEntry> &calls)
{
    if (calls.isEmpty())
        return;
    beginInsertRows({}, int(m_entries.size()), int(m_entries.size() + calls.size() - 1));
    m_entries.append(calls);
    endInsertRows();
}

void CallLogModel::setRegion(const QString &region)
{
    m_filter.region = region;
    if (m_filter.region.compare(m_phone->defaultRegion(), Qt::CaseInsensitive) == 0)
        return;
    m_phone = std::make_unique<PhoneNormalizer>(m_filter.region);
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_entries.size()) - 1, ColumnCount - 1));
}

void CallLogModel::setClock(const ShownClock &clock)
{
    m_clock = clock;
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, StartedColumn), index(int(m_entries.size()) - 1, StartedColumn));
}

void CallLogModel::setFilter(const CallListFilter &filter)
{
    m_filter = filter;
    if (m_filter.region.compare(m_phone->defaultRegion(), Qt::CaseInsensitive) != 0)
        m_phone = std::make_unique<PhoneNormalizer>(m_filter.region);
    reload();
}

void CallLogModel::refresh()
{
    reload();
}

void CallLogModel::reload()
{
    if (!m_calls)
        return;
    const QScopedValueRollback changing(m_changing, true);
    beginResetModel();
    m_entries = m_calls->page(m_filter, std::nullopt, PageSize);
    m_atEnd = m_entries.size() < PageSize;
    endResetModel();
}

CallSessionRecord CallLogModel::sessionAt(int row) const
{
    return entryAt(row).session;
}

CallListEntry CallLogModel::entryAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row) : CallListEntry();
}

int CallLogModel::rowOf(const QString &callSid) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).session.callSid == callSid)
            return row;
    }
    return -1;
}

QString CallLogModel::durationText(const std::optional<int> &seconds)
{
    if (!seconds)
        return {};
    return u"%1:%2"_s.arg(*seconds / 60).arg(*seconds % 60, 2, 10, QLatin1Char('0'));
}

QString CallLogModel::numberText(const QString &e164) const
{
    return m_phone->toDisplay(e164);
}

QString CallLogModel::callerText(const CallListEntry &entry) const
{
    // A call-back is about the customer it called; the practice's number is the one they saw.
    const bool callBack = entry.session.direction == CallDirection::Outgoing;
    const QString &from = callBack ? entry.session.to : entry.session.from;
    const QString number = PhoneNormalizer::isWithheldCallerId(from) ? tr("Withheld number") : numberText(from);
    const QString who = entry.customerName.isEmpty()
        ? number
        : tr("%1 · %2", "caller number · customer name").arg(number, entry.customerName);
    return callBack ? tr("Call-back to %1").arg(who) : who;
}

QString CallLogModel::summaryText(const CallListEntry &entry) const
{
    // The Call logs panel's own words, in the catalogues under its name since it first showed them.
    const auto words = [](const char *text) { return QCoreApplication::translate("CallLogPanel", text); };
    const CallSessionRecord &s = entry.session;
    QStringList summary;
    if (s.direction == CallDirection::Outgoing)
        summary.append(tr("Call-back from %1").arg(numberText(s.from)));
    else
        summary.append(words(QT_TRANSLATE_NOOP("CallLogPanel", "Called %1")).arg(numberText(s.to)));
    summary.append(m_clock.longDateTime(s.startedAt));
    summary.append(
        words(QT_TRANSLATE_NOOP("CallLogPanel", "Outcome: %1")).arg(CallLogWords::outcome(s.outcome)));
    summary.append(s.durationSeconds
            ? words(QT_TRANSLATE_NOOP("CallLogPanel", "Duration: %1")).arg(durationText(s.durationSeconds))
            : words(QT_TRANSLATE_NOOP("CallLogPanel", "No duration yet")));
    summary.append(entry.customerName.isEmpty()
            ? words(QT_TRANSLATE_NOOP("CallLogPanel", "Not a customer"))
            : words(QT_TRANSLATE_NOOP("CallLogPanel", "Customer: %1")).arg(entry.customerName));
    if (!entry.bookingExternalId.isEmpty())
        summary.append(words(QT_TRANSLATE_NOOP("CallLogPanel", "Booking: %1")).arg(entry.bookingExternalId));
    return summary.join(u"   ·   "_s);
}

QColor CallLogModel::problemColour(const QPalette &palette)
{
    return StatusColours::colour(StatusColours::Status::Bad, palette);
}

QColor CallLogModel::quietColour(const QPalette &palette)
{
    return StatusColours::colour(StatusColours::Status::Muted, palette);
}

int CallLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int CallLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CallLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const CallListEntry &entry = m_entries.at(index.row());
    const CallSessionRecord &s = entry.session;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case StartedColumn:
            return m_clock.dateTime(s.startedAt);
        case CallerColumn:
            return callerText(entry);
        case CalledColumn:
            return numberText(s.direction == CallDirection::Outgoing ? s.from : s.to);
        case OutcomeColumn:
            return CallLogWords::outcome(s.outcome);
        case DurationColumn:
            return durationText(s.durationSeconds);
        case BookingColumn:
            return entry.bookingExternalId;
        }
    } else if (role == Qt::ToolTipRole) {
        if (index.column() == StartedColumn)
            return m_clock.longDateTime(s.startedAt);
        if (index.column() == CallerColumn)
            return callerText(entry);
    } else if (role == Qt::ForegroundRole && index.column() == OutcomeColumn) {
        // The calls nobody took stand out: they are the ones to call back.
        if (s.outcome == CallOutcome::Missed || s.outcome == CallOutcome::Failed)
            return problemColour(QGuiApplication::palette());
    } else if (role == Qt::TextAlignmentRole && index.column() == DurationColumn) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant CallLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section == DurationColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StartedColumn:
        return tr("Started");
    case CallerColumn:
        return tr("Caller");
    case CalledColumn:
        return tr("Called number");
    case OutcomeColumn:
        return tr("Outcome");
    case DurationColumn:
        return tr("Duration");
    case BookingColumn:
        return tr("Booking");
    }
    return {};
}

bool CallLogModel::canFetchMore(const QModelIndex &parent) const
{
    return m_calls && !parent.isValid() && !m_atEnd && !m_changing;
}

void CallLogModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const QScopedValueRollback changing(m_changing, true);
    // The page after the last loaded call: a deep page costs what the first one does.
    const std::optional<CallPageCursor> after
        = m_entries.isEmpty() ? std::nullopt : std::optional(m_entries.last().cursor());
    const QList<CallListEntry> more = m_calls->page(m_filter, after, PageSize);
    m_atEnd = more.size() < PageSize;
    if (more.isEmpty())
        return;
    beginInsertRows({}, int(m_entries.size()), int(m_entries.size() + more.size() - 1));
    m_entries.append(more);
    endInsertRows();
}
