#include "feedhub.h"

#include "routing/feedsessionfromcall.h"
#include "storage/bookingstore.h"
#include "storage/callstore.h"
#include "storage/customerstore.h"

#include <algorithm>

namespace {

// How many calls a restarted router takes in from the call log: more than a practice has lines.
constexpr int MaxOngoingLoaded = 1000;

} // namespace

FeedHub::FeedHub(Database &db, std::function<QString()> fallbackNumber, Limits limits, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_fallbackNumber(std::move(fallbackNumber))
    , m_limits(limits)
    // A thousand numbers for every millisecond of this run: the next run starts above this one's last
    // number unless this one sent more than a million messages a second.
    , m_nextSeq(QDateTime::currentMSecsSinceEpoch() * 1000)
    , m_firstSeq(m_nextSeq)
{ }

void FeedHub::loadOngoing()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const std::optional<QList<UnfinishedSession>> ongoing
        = CallStore(m_db).unfinishedSessions(now.addSecs(60), MaxOngoingLoaded, now.addDays(-1));
    if (!ongoing)
        return;
    for (const UnfinishedSession &call : *ongoing) {
        LiveCall &live = m_calls[call.session.callSid];
        live.session = feedSession(live, call.session);
    }
}

FeedSession FeedHub::feedSession(LiveCall &live, const CallSessionRecord &record)
{
    FeedSession session = feedSessionFromCall(record, m_fallbackNumber ? m_fallbackNumber() : QString());
    // Names are read once per customer and booking, not on every change of the call.
    if (record.customerId != live.namedCustomer) {
        live.namedCustomer = record.customerId;
        live.session.call.customerName.clear();
        if (record.customerId) {
            if (const std::optional<Customer> customer = CustomerStore(m_db).findById(*record.customerId))
                live.session.call.customerName = customer->name;
        }
    }
    if (record.bookingId != live.namedBooking) {
        live.namedBooking = record.bookingId;
        live.session.call.bookingExternalId.clear();
        if (record.bookingId) {
            if (const std::optional<Booking> booking = BookingStore(m_db).findById(*record.bookingId))
                live.session.call.bookingExternalId = booking->externalId;
        }
    }
    session.call.customerName = live.session.call.customerName;
    session.call.bookingExternalId = live.session.call.bookingExternalId;
    return session;
}

void FeedHub::publishSession(const CallSessionRecord &record)
{
    LiveCall &live = m_calls[record.callSid];
    live.session = feedSession(live, record);
    publish(FeedMessage::sessionChanged(0, live.session));
}

void FeedHub::publishChange(const CallLogChange &change)
{
    publishSession(change.session);
    for (const CallEventRecord &event : change.events)
        publishEvent(event);
}

void FeedHub::publishEvent(const CallEventRecord &event)
{
    publish(FeedMessage::eventRecorded(0, event));
}

void FeedHub::publish(FeedMessage message)
{
    message.seq = m_nextSeq++;
    PublishedMessage published { message.seq, QString::fromUtf8(message.toJson()), std::move(message) };
    m_backlog.push_back(published);
    m_backlogBytes += published.text.size();
    while (!m_backlog.empty()
           && (qsizetype(m_backlog.size()) > m_limits.backlogMessages || m_backlogBytes > m_limits.backlogBytes)) {
        m_backlogBytes -= m_backlog.front().text.size();
        m_backlog.pop_front();
    }
    // Ended calls leave the snapshot a minute later; looking once per session change is often enough.
    if (published.message.type == FeedMessage::Type::Session)
        forgetEnded(QDateTime::currentDateTimeUtc());
    Q_EMIT this->published(published);
}

void FeedHub::forgetEnded(const QDateTime &now)
{
    const QDateTime cutoff = now.addSecs(-m_limits.keepEnded.count());
    m_calls.removeIf([&cutoff](const QHash<QString, LiveCall>::iterator &it) {
        const QDateTime &ended = it->session.call.session.endedAt;
        return ended.isValid() && ended < cutoff;
    });
}

FeedMessage FeedHub::snapshot(const QDateTime &now) const
{
    const QDateTime cutoff = now.addSecs(-m_limits.keepEnded.count());
    QList<FeedSession> calls;
    for (const LiveCall &live : m_calls) {
        const QDateTime &ended = live.session.call.session.endedAt;
        if (!ended.isValid() || ended >= cutoff)
            calls.append(live.session);
    }
    std::sort(calls.begin(), calls.end(), [](const FeedSession &a, const FeedSession &b) {
        return a.call.session.startedAt < b.call.session.startedAt;
    });
    return FeedMessage::snapshot(lastSeq(), std::move(calls));
}

std::optional<QList<PublishedMessage>> FeedHub::messagesAfter(qint64 seq) const
{
    if (seq > lastSeq() || seq < m_firstSeq - 1)
        return std::nullopt;
    // The backlog must still hold the message right after `seq` (or nothing was sent since).
    if (seq < lastSeq() && (m_backlog.empty() || m_backlog.front().seq > seq + 1))
        return std::nullopt;
    QList<PublishedMessage> missed;
    auto it = std::upper_bound(m_backlog.cbegin(), m_backlog.cend(), seq,
        [](qint64 value, const PublishedMessage &message) { return value < message.seq; });
    for (; it != m_backlog.cend(); ++it)
        missed.append(*it);
    return missed;
}

std::optional<FeedSession> FeedHub::session(const QString &callSid) const
{
    const auto it = m_calls.constFind(callSid);
    if (it == m_calls.cend())
        return std::nullopt;
    return it->session;
}
