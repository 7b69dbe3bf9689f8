// The router's side of the live feed: turns every stored change of a call into a numbered feed message,
// keeps the calls a new subscriber's snapshot shows (those in progress and those that ended in the last
// minute) and a bounded backlog for subscribers that reconnect. It lives on the router's thread; the feed
// listener and the desktop app's own Live calls panel both take its messages, so they always agree.
#pragma once

#include "feed/feedmessage.h"
#include "storage/calllogchange.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <chrono>
#include <deque>
#include <functional>
#include <optional>

class Database;

// A message as it was numbered and sent: its text is written once for every subscriber.
struct PublishedMessage
{
    qint64 seq = 0;
    QString text;
    FeedMessage message;
};

class FeedHub : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        // The backlog a reconnecting subscriber can catch up from: a few minutes of a busy practice.
        qsizetype backlogMessages = 8192;
        qsizetype backlogBytes = 8 * 1024 * 1024;
        std::chrono::seconds keepEnded { 60 };
    };

    // Reads customer names and booking ids through `db` (the router's connection). `fallbackNumber`
    // gives the number the fallback rings, for "talking with" (empty when none is set).
    FeedHub(Database &db, std::function<QString()> fallbackNumber, Limits limits, QObject *parent = nullptr);
    FeedHub(Database &db, std::function<QString()> fallbackNumber, QObject *parent = nullptr)
        : FeedHub(db, std::move(fallbackNumber), Limits {}, parent)
    { }

    // Takes in the calls the call log says are still going on (when the router starts).
    void loadOngoing();

    void publishSession(const CallSessionRecord &session);
    void publishEvent(const CallEventRecord &event);
    // The session, then its new events.
    void publishChange(const CallLogChange &change);

    // The newest message's number; every message after it is numbered higher, also after a restart of
    // the router (numbers start from the time it started), so a seat never takes a new run's message
    // for one it has seen.
    qint64 lastSeq() const { return m_nextSeq - 1; }
    // The calls in progress and those that ended less than a minute before `now`, oldest first,
    // numbered with the newest message's number.
    FeedMessage snapshot(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // The messages after `seq`, oldest first; nothing when the backlog no longer reaches back to it (or
    // it is not a number of this run): then a snapshot is due.
    std::optional<QList<PublishedMessage>> messagesAfter(qint64 seq) const;
    qsizetype backlogSize() const { return qsizetype(m_backlog.size()); }
    // The call as the feed shows it, if it is among the snapshot's calls.
    std::optional<FeedSession> session(const QString &callSid) const;

Q_SIGNALS:
    void published(const PublishedMessage &message);

private:
    struct LiveCall
    {
        FeedSession session;
        std::optional<qint64> namedCustomer; // the customer id the names below were read for
        std::optional<qint64> namedBooking;
    };

    FeedSession feedSession(LiveCall &live, const CallSessionRecord &record);
    void publish(FeedMessage message);
    void forgetEnded(const QDateTime &now);

    Database &m_db;
    std::function<QString()> m_fallbackNumber;
    Limits m_limits;
    qint64 m_nextSeq;
    qint64 m_firstSeq; // the first number of this run
    QHash<QString, LiveCall> m_calls;
    std::deque<PublishedMessage> m_backlog;
    qsizetype m_backlogBytes = 0;
};
