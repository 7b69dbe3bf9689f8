// The calls going on right now, as the router reports them.
#include "livecallsmodel.h"

#include "calllogwords.h"
#include "look/statuscolours.h"
#include "phone/phonenormalizer.h"
#include "routing/callstate.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

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
        call.step = describeStage(call.session);
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
        if (m_calls.at(i).session.callSid == callSid)
            return int(i);
    }
    return -1;
}

int LiveCallsModel::liveCount() const
{
    return int(std::count_if(m_calls.cbegin(), m_calls.cend(),
        [](const LiveCall &call) { return !call.session.endedAt.isValid(); }));
}

QString LiveCallsModel::describeStage(const CallSessionRecord &session) const
{
    // Who rings or talks is in the engine's state, by name, whatever language the router speaks.
    const CallState state = CallState::fromJson(session.state);
    // A number rung on its own is named by its number.
    const auto nameOf = [this](const DialTarget &target) {
        return target.name.isEmpty() || target.name == target.phone ? m_phone->toDisplay(target.phone)
                                                                    : target.name;
    };
    switch (session.stage) {
    case CallStage::Ringing: {
        QStringList names;
        if (const QList<DialTarget> *round = state.ringingRound()) {
            for (const DialTarget &target : *round)
                names.append(nameOf(target));
        }
        return CallLogWords::stage(session.stage, QLocale().createSeparatedList(names));
    }
    case CallStage::Answered:
        if (const DialTarget *who = state.answeringTarget(session.answeredBy))
            return CallLogWords::stage(session.stage, nameOf(*who));
        // Nobody of a round: the fallback number took the call, when it rang.
        if (session.fallbackDialed && !state.ringingRound())
            return CallLogWords::talkingWithFallback();
        return CallLogWords::stage(session.stage);
    default:
        return CallLogWords::stage(session.stage);
    }
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

bool LiveCallsModel::hasCallerName(const QString &callSid) const
{
    const int row = rowOf(callSid);
    return row >= 0 && !m_calls.at(row).callerName.isEmpty();
}

void LiveCallsModel::updateSession(const CallSessionRecord &session)
{
    const int row = rowOf(session.callSid);
    if (row < 0) {
        if (session.endedAt.isValid() && session.endedAt.secsTo(m_now) > KeepFinishedSeconds)
            return; // a late update of a call long gone
        beginInsertRows({}, 0, 0);
        // A call is first seen as it arrives: its first step began when the call did.
        m_calls.prepend({ session, {}, describeStage(session),
            session.startedAt.isValid() ? session.startedAt : QDateTime::currentDateTimeUtc() });
        endInsertRows();
        Q_EMIT callStarted(PhoneNormalizer::isWithheldCallerId(session.from) ? QString()
                                                                              : m_phone->toDisplay(session.from));
        return;
    }
    LiveCall &call = m_calls[row];
    // A new step, or the next person of the same ringing chain, starts the step's clock again.
    if (const QString step = describeStage(session); step != call.step) {
        call.step = step;
        call.stepSince = QDateTime::currentDateTimeUtc();
    }
    call.session = session;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void LiveCallsModel::tick(const QDateTime &now)
{
    m_now = now;
    for (int row = int(m_calls.size()) - 1; row >= 0; --row) {
        const CallSessionRecord &session = m_calls.at(row).session;
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
    const bool finished = call.session.endedAt.isValid();
    if (role == Qt::ForegroundRole && finished)
        return QBrush(StatusColours::colour(StatusColours::Status::Muted));
    if (role != Qt::DisplayRole)
        return {};
    const QDateTime until = finished ? call.session.endedAt : m_now;
    switch (index.column()) {
    case Caller: {
        if (PhoneNormalizer::isWithheldCallerId(call.session.from))
            return tr("Withheld number");
        const QString number = m_phone->toDisplay(call.session.from);
        return call.callerName.isEmpty() ? number : tr("%1 · %2", "customer name · phone number").arg(call.callerName, number);
    }
    case Called:
        return m_phone->toDisplay(call.session.to);
    case Step:
        return finished ? tr("Finished") : call.step;
    case InStep:
        return finished ? QString() : elapsed(call.stepSince.secsTo(until));
    case Total:
        return elapsed(call.session.startedAt.secsTo(until));
    case Outcome:
        return CallLogWords::outcome(call.session.outcome);
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
