// The calls a seat shows, kept from the live feed's messages.
#include "livecallboard.h"

#include <QSet>

namespace {

// Everything a seat can show of a call: a message that changes none of it is no change.
bool sameAsShown(const FeedSession &a, const FeedSession &b)
{
    return FeedJson::session(a) == FeedJson::session(b);
}

} // namespace

LiveCallBoard::LiveCallBoard(QObject *parent)
    : QObject(parent)
{ }

bool LiveCallBoard::apply(const FeedMessage &message, const QDateTime &now)
{
    switch (message.type) {
    case FeedMessage::Type::Snapshot:
        applySnapshot(message, now);
        return true;
    case FeedMessage::Type::Session:
        if (!acceptSeq(message.seq))
            return false;
        applySession(message.session, now);
        return true;
    case FeedMessage::Type::Event:
        if (!acceptSeq(message.seq))
            return false;
        applyEvent(message.event);
        return true;
    case FeedMessage::Type::Result:
    case FeedMessage::Type::Command:
        return false;
    }
    return false;
}

void LiveCallBoard::expire(const QDateTime &now)
{
    for (qsizetype i = m_calls.size() - 1; i >= 0; --i) {
        const QDateTime &ended = m_calls.at(i).endedSeenAt;
        if (ended.isValid() && ended.secsTo(now) >= KeepEnded.count())
            removeAt(i);
    }
}

void LiveCallBoard::clear()
{
    while (!m_calls.isEmpty())
        removeAt(m_calls.size() - 1);
    m_lastSeq.reset();
}

const LiveCall *LiveCallBoard::call(const QString &callSid) const
{
    const qsizetype index = indexOf(callSid);
    return index < 0 ? nullptr : &m_calls.at(index);
}

void LiveCallBoard::applySnapshot(const FeedMessage &snapshot, const QDateTime &now)
{
    // Numbers need not follow on across a snapshot (a reconnection, a router that restarted): it is the
    // whole picture at its own number.
    m_lastSeq = snapshot.seq;
    QSet<QString> inSnapshot;
    for (const FeedSession &session : snapshot.calls)
        inSnapshot.insert(session.call.session.callSid);
    for (qsizetype i = m_calls.size() - 1; i >= 0; --i) {
        if (!inSnapshot.contains(m_calls.at(i).session.call.session.callSid))
            removeAt(i);
    }
    for (const FeedSession &session : snapshot.calls)
        applySession(session, now);
}

void LiveCallBoard::applySession(const FeedSession &session, const QDateTime &now)
{
    const QString &callSid = session.call.session.callSid;
    const bool ended = session.stageName() == u"ended";
    const qsizetype index = indexOf(callSid);
    if (index < 0) {
        m_calls.append({ session, {}, ended ? now : QDateTime() });
        Q_EMIT callAdded(callSid);
        return;
    }
    LiveCall &call = m_calls[index];
    if (ended && !call.endedSeenAt.isValid())
        call.endedSeenAt = now;
    if (sameAsShown(call.session, session))
        return;
    call.session = session;
    Q_EMIT callChanged(callSid);
}

void LiveCallBoard::applyEvent(const CallEventRecord &event)
{
    // An event of a call this seat does not show (it ended before the seat connected) has nowhere to go.
    const qsizetype index = indexOf(event.callSid);
    if (index < 0)
        return;
    QList<CallEventRecord> &events = m_calls[index].recentEvents;
    events.append(event);
    if (events.size() > KeptEvents)
        events.remove(0, events.size() - KeptEvents);
    Q_EMIT callChanged(event.callSid);
}

bool LiveCallBoard::acceptSeq(qint64 seq)
{
    if (m_lastSeq && seq <= *m_lastSeq)
        return false;
    const std::optional<qint64> last = std::exchange(m_lastSeq, seq);
    if (last && seq > *last + 1)
        Q_EMIT gapNoticed(*last, seq);
    return true;
}

qsizetype LiveCallBoard::indexOf(const QString &callSid) const
{
    for (qsizetype i = 0; i < m_calls.size(); ++i) {
        if (m_calls.at(i).session.call.session.callSid == callSid)
            return i;
    }
    return -1;
}

void LiveCallBoard::removeAt(qsizetype index)
{
    const QString callSid = m_calls.at(index).session.call.session.callSid;
    m_calls.removeAt(index);
    Q_EMIT callRemoved(callSid);
}
