// Reads and writes call sessions and their timelines; all call-log SQL lives here.
#pragma once

#include "callrecords.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <optional>

class Database;

class CallStore
{
    Q_DECLARE_TR_FUNCTIONS(CallStore)

public:
    explicit CallStore(Database &db);

    // Inserts the session unless one with this CallSid exists. Returns true when it was created,
    // false for a repeat (with *error empty) or a failure (with *error set).
    bool createSession(const CallSessionRecord &session, QString *error);
    // Inserts many sessions a few hundred to a statement, skipping repeats as createSession() does:
    // for seeding benchmarks and tests. Wrap it in a transaction for speed.
    bool createSessions(const QList<CallSessionRecord> &sessions, QString *error);
    std::optional<CallSessionRecord> findSession(const QString &callSid);
    // Calls still "ongoing" that started before `startedBefore` (and at or after `startedFrom`, when
    // given), oldest first, at most `limit`; nullopt when they cannot be read.
    std::optional<QList<UnfinishedSession>> unfinishedSessions(
        const QDateTime &startedBefore, int limit, const QDateTime &startedFrom = {});
    // Calls that started before `cutoff`, oldest first, at most `limit`: what retention prunes next. nullopt
    // when they cannot be read.
    std::optional<QList<StoredCallKey>> sessionsStartedBefore(const QDateTime &cutoff, int limit);
    // Removes the call's session and its timeline (its recordings are RecordingStore's).
    bool removeCall(const StoredCallKey &call, QString *error);
    // The CallSids of the sessions started at or after `since`; nullopt when they cannot be read.
    std::optional<QStringList> callSidsStartedSince(const QDateTime &since);
    // Everything but the caller and called numbers, which a session keeps from its creation. With
    // `stored` (the row as it now stands), only the columns that differ are written: an index or
    // trigger on a column left alone is not touched, and a session with nothing new is not written.
    bool updateSession(const CallSessionRecord &session, QString *error, const CallSessionRecord *stored = nullptr);

    // Who answered the newest call from `from` that started at `since` or later and that someone
    // answered: the person the caller was talking to, for routing them back to the same one. Empty
    // when nobody did, and for an empty or withheld caller id, which many different callers share.
    QString lastAnsweredBy(const QString &from, const QDateTime &since);
    // The business number `caller` last called (their newest incoming call's "to"); empty when they never did.
    QString lastNumberCalledBy(const QString &caller);
    // SQLite's plan for lastAnsweredBy(), one line per step, to check that it stays on its index.
    QStringList lastAnsweredByQueryPlan();

    bool appendEvent(const CallEventRecord &event, QString *error);
    QList<CallEventRecord> events(const QString &callSid);

    // Newest first, at most filter.limit calls (all of them for a limit of 0 or less).
    QList<CallListEntry> list(const CallListFilter &filter);
    // One page of the calls that match `filter`, newest first: the first page without `after`, then
    // the page after the last call of the previous one (its cursor()). Keyset paging, so that a page
    // deep into a million calls costs what the first one does. filter.limit is not used.
    QList<CallListEntry> page(const CallListFilter &filter, const std::optional<CallPageCursor> &after,
                              int pageSize);
    // How many calls match `filter`, counting no further than CountLimit: a result of CountLimit means
    // that many or more. Counting every one of a million matches would hold the caller up for a
    // fraction of a second, and nobody reads the difference past this.
    static constexpr qint64 CountLimit = 100'000;
    qint64 count(const CallListFilter &filter);
    // The numbers that calls were made to, in order, at most `limit` of them: the choices of the
    // called-number filter. Each is one index lookup, so a million calls to three numbers cost three.
    QStringList calledNumbers(int limit = 100);
    // SQLite's plan for page() with this filter, one line per step, to check that it stays on an index.
    QStringList pageQueryPlan(const CallListFilter &filter, const std::optional<CallPageCursor> &after);
    // The call as the list shows it, with its row id: its cursor() starts the page after it.
    std::optional<CallListEntry> entry(const QString &callSid);

    qint64 sessionCount();
    qint64 eventCount();

    // The last call-log journal record that is in the database; set in the transaction that writes it.
    quint64 journalApplied();
    bool setJournalApplied(quint64 sequence, QString *error);

private:
    enum class PrefixPlan;
    PrefixPlan prefixPlan(const CallListFilter &filter);

    Database &m_db;
};
