// The calls a seat shows, kept from the live feed's messages (DESIGN.md, "Live feed"): a snapshot
// replaces them all, a session adds or updates its call, an event joins its call's recent events, and a
// call that ended stays a minute so that people see how it ended.
#pragma once

#include "feedmessage.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <chrono>
#include <optional>

struct LiveCall
{
    FeedSession session;
    QList<CallEventRecord> recentEvents; // oldest first, at most LiveCallBoard::KeptEvents
    QDateTime endedSeenAt; // on this computer's clock; invalid while the call goes on
};

class LiveCallBoard : public QObject
{
    Q_OBJECT

public:
    // A seat shows what a call is doing now; its whole timeline is in the call log.
    static constexpr int KeptEvents = 20;
    static constexpr std::chrono::seconds KeepEnded { 60 };

    explicit LiveCallBoard(QObject *parent = nullptr);

    // Takes in a message received at `now` (this computer's clock: the router's may differ). False when
    // it changed nothing: a result or command, or a session or event numbered no later than the last
    // message (a repeat after a reconnection). A snapshot is always taken: it starts the numbering afresh.
    bool apply(const FeedMessage &message, const QDateTime &now);
    // Drops the calls that ended KeepEnded or longer before `now`; the owner calls it every second or so.
    void expire(const QDateTime &now);
    void clear();

    // In the order they were first seen.
    const QList<LiveCall> &calls() const { return m_calls; }
    const LiveCall *call(const QString &callSid) const;
    std::optional<qint64> lastSeq() const { return m_lastSeq; }

Q_SIGNALS:
    void callAdded(const QString &callSid);
    void callChanged(const QString &callSid);
    void callRemoved(const QString &callSid);
    // Messages between `lastSeq` and `seq` never came: what is shown may be out of date until the next
    // snapshot (FeedClient::resynchronise() asks for one).
    void gapNoticed(qint64 lastSeq, qint64 seq);

private:
    void applySnapshot(const FeedMessage &snapshot, const QDateTime &now);
    void applySession(const FeedSession &session, const QDateTime &now);
    void applyEvent(const CallEventRecord &event);
    // Whether a numbered message is newer than the last one; says so when some were missed in between.
    bool acceptSeq(qint64 seq);
    qsizetype indexOf(const QString &callSid) const;
    void removeAt(qsizetype index);

    QList<LiveCall> m_calls;
    std::optional<qint64> m_lastSeq;
};
