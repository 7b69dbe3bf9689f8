// The calls going on right now, as the router reports them.
#include "livecallsmodel.h"

#include "calllogwords.h"
#include "look/statuscolours.h"
#include "phone/phonenormalizer.h"
#include "routing/feedsessionfromcall.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QSet>

using namespace Qt::StringLiterals;

LiveCallsModel::LiveCallsModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_phone(std::make_unique<PhoneNormalizer>())
    , m_now(QDateTime::currentDateTimeUtc())
{ }

LiveCallsModel::~LiveCallsModel() = default;

void LiveCallsModel::setRegion(const QString &region)
{
    if (region.compare(m_phone->defaultRegion(), Qt::CaseInsensitive) == 0)
        return;
    m_phone = std::make_unique<PhoneNormalizer>(region);
    // Only the way the numbers read has changed: each step keeps its clock.
    for (LiveCall &call : m_calls)
        call.step = describeStage(call.feed);
    if (!m_calls.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_calls.size()) - 1, ColumnCount - 1));
}

QString LiveCallsModel::region() const
{
    return m_phone->defaultRegion();
}

int LiveCallsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_calls.size());
}

int LiveCallsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int LiveCallsModel::rowOf(const QString &callSid) const
{
    for (qsizetype i = 0; i < m_calls.size(); ++i) {
        if (m_calls.at(i).feed.call.session.callSid == callSid)
            return int(i);
    }
    return -1;
}

QString LiveCallsModel::callSid(int row) const
{
    return row >= 0 && row < m_calls.size() ? m_calls.at(row).feed.call.session.callSid : QString();
}

bool LiveCallsModel::isLive(int row) const
{
    return row >= 0 && row < m_calls.size() && !m_calls.at(row).feed.call.session.endedAt.isValid();
}

bool LiveCallsModel::isIncoming(int row) const
{
    return row >= 0 && row < m_calls.size() && m_calls.at(row).feed.call.session.direction == CallDirection::Incoming;
}

int LiveCallsModel::liveCount() const
{
    return int(std::count_if(m_calls.cbegin(), m_calls.cend(),
        [](const LiveCall &call) { return !call.feed.call.session.endedAt.isValid(); }));
}

QString LiveCallsModel::describeStage(const FeedSession &session) const
{
    // A number rung on its own is named by its number.
    const auto nameOf = [this](const FeedParty &party) {
        return party.name.isEmpty() ? m_phone->toDisplay(party.phone) : party.name;
    };
    const CallStage stage = session.call.session.stage;
    switch (stage) {
    case CallStage::Ringing: {
        QStringList names;
        for (const FeedParty &party : session.ringing)
            names.append(nameOf(party));
        return CallLogWords::stage(stage, QLocale().createSeparatedList(names));
    }
    case CallStage::Answered:
        if (session.withFallback)
            return CallLogWords::talkingWithFallback();
        if (session.with)
            return CallLogWords::stage(stage, nameOf(*session.with));
        return CallLogWords::stage(stage);
    default:
        return CallLogWords::stage(stage);
    }
}

QString LiveCallsModel::callerNameOf(const LiveCall &call) const
{
    if (!call.callerName.isEmpty())
        return call.callerName;
    const CallListEntry &entry = call.feed.call;
    if (entry.customerName.isEmpty() || entry.bookingExternalId.isEmpty())
        return entry.customerName;
    return tr("%1, booking %2").arg(entry.customerName, entry.bookingExternalId);
}

QString LiveCallsModel::elapsed(qint64 seconds)
{
    seconds = qMax<qint64>(0, seconds);
    return u"%1:%2"_s.arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0'));
}

void LiveCallsModel::setCallerName(const QString &callSid, const QString &name)
{
    const int row = rowOf(callSid);
    if (row < 0)
        return;
    m_calls[row].callerName = name;
    Q_EMIT dataChanged(index(row, Caller), index(row, Caller));
}

void LiveCallsModel::apply(const FeedMessage &message)
{
    if (message.type == FeedMessage::Type::Session) {
        updateCall(message.session);
        return;
    }
    if (message.type != FeedMessage::Type::Snapshot)
        return;
    // The snapshot is the whole truth: calls it does not hold are gone (they ended while this seat was
    // away); the others are updated in place, so their clocks and rows stay.
    QSet<QString> held;
    for (const FeedSession &session : message.calls)
        held.insert(session.call.session.callSid);
    for (int row = int(m_calls.size()) - 1; row >= 0; --row) {
        if (!held.contains(m_calls.at(row).feed.call.session.callSid)) {
            beginRemoveRows({}, row, row);
            m_calls.removeAt(row);
            endRemoveRows();
        }
    }
    for (const FeedSession &session : message.calls)
        updateCall(session);
}

void LiveCallsModel::updateSession(const CallSessionRecord &session)
{
    updateCall(feedSessionFromCall(session, {}));
}

void LiveCallsModel::updateCall(const FeedSession &feed)
{
    const CallSessionRecord &session = feed.call.session;
    const int row = rowOf(session.callSid);
    if (row < 0) {
        if (session.endedAt.isValid() && session.endedAt.secsTo(m_now) > KeepFinishedSeconds)
            return; // a late update of a call long gone
        beginInsertRows({}, 0, 0);
        // A call is first seen as it arrives: its first step began when the call did.
        m_calls.prepend({ feed, {}, describeStage(feed),
            session.startedAt.isValid() ? session.startedAt : QDateTime::currentDateTimeUtc() });
        endInsertRows();
        // A call-back is this practice calling out: nobody to announce.
        if (session.direction == CallDirection::Incoming) {
            Q_EMIT callStarted(PhoneNormalizer::isWithheldCallerId(session.from) ? QString()
                                                                                  : m_phone->toDisplay(session.from));
        }
        return;
    }
    LiveCall &call = m_calls[row];
    // A new step, or the next person of the same ringing chain, starts the step's clock again.
    if (const QString step = describeStage(feed); step != call.step) {
        call.step = step;
        call.stepSince = QDateTime::currentDateTimeUtc();
    }
    call.feed = feed;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void LiveCallsModel::tick(const QDateTime &now)
{
    m_now = now;
    for (int row = int(m_calls.size()) - 1; row >= 0; --row) {
        const CallSessionRecord &session = m_calls.at(row).feed.call.session;
        if (session.endedAt.isValid() && session.endedAt.secsTo(now) > KeepFinishedSeconds) {
            beginRemoveRows({}, row, row);
            m_calls.removeAt(row);
            endRemoveRows();
        }
    }
    if (!m_calls.isEmpty())
        Q_EMIT dataChanged(index(0, InStep), index(int(m_calls.size()) - 1, Total));
}

QVariant LiveCallsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_calls.size())
        return {};
    const LiveCall &call = m_calls.at(index.row());
    const CallSessionRecord &session = call.feed.call.session;
    const bool finished = session.endedAt.isValid();
    if (role == Qt::ForegroundRole && finished)
        return QBrush(StatusColours::colour(StatusColours::Status::Muted));
    if (role != Qt::DisplayRole)
        return {};
    const QDateTime until = finished ? session.endedAt : m_now;
    switch (index.column()) {
    case Caller: {
        // A call-back's customer is the number it calls; the practice's number is the one shown to them.
        const bool callBack = session.direction == CallDirection::Outgoing;
        const QString &customer = callBack ? session.to : session.from;
        if (PhoneNormalizer::isWithheldCallerId(customer))
            return tr("Withheld number");
        const QString number = m_phone->toDisplay(customer);
        const QString name = callerNameOf(call);
        const QString who = name.isEmpty() ? number : tr("%1 · %2", "customer name · phone number").arg(name, number);
        return callBack ? tr("Call-back to %1").arg(who) : who;
    }
    case Called:
        return m_phone->toDisplay(session.direction == CallDirection::Outgoing ? session.from : session.to);
    case Step:
        return finished ? tr("Finished") : call.step;
    case InStep:
        return finished ? QString() : elapsed(call.stepSince.secsTo(until));
    case Total:
        return elapsed(session.startedAt.secsTo(until));
    case Outcome:
        return CallLogWords::outcome(session.outcome);
    }
    return {};
}

QVariant LiveCallsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Caller:
        return tr("Caller");
    case Called:
        return tr("Number called");
    case Step:
        return tr("Now");
    case InStep:
        return tr("In this step");
    case Total:
        return tr("Total");
    case Outcome:
        return tr("Outcome");
    }
    return {};
}
