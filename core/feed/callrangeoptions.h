// Which calls a question covers, as a person writes it: the --since, --until and --number of `switchboard
// stats` and the since, until and number parameters of the read-only API. Read in this one place so that
// the command line and the API take the same words and refuse them with the same sentences.
#pragma once

#include "storage/callstats.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTimeZone>

#include <optional>

class CallRangeOptions
{
    Q_DECLARE_TR_FUNCTIONS(CallRangeOptions)

public:
    // `namePrefix` is how an error names an option: "--" on the command line ("--since"), nothing in the API.
    explicit CallRangeOptions(QString namePrefix = {});

    // Since and until are a day such as 2026-11-01 (of the plan's time zone, counted whole: an until day
    // is included) or an ISO 8601 time, with an offset or on the plan's clock. Each read returns false with
    // one sentence in *error, naming the option, when `written` does not read.
    bool readSince(const QString &written, QString *error);
    bool readUntil(const QString &written, QString *error);
    // The number called, in any written form; one without a country code is read in `region`.
    bool readNumber(const QString &written, const QString &region, QString *error);

    bool hasSince() const { return m_since.has_value(); }
    bool hasUntil() const { return m_until.has_value(); }
    // The first instant of the range, and the first one past it; invalid when that end was not given.
    QDateTime since(const QTimeZone &zone) const;
    QDateTime until(const QTimeZone &zone) const;
    // E.164; empty when no number was given.
    QString number() const { return m_number; }

    // False with *error when both ends were given and the range holds no instant.
    bool checkOrder(const QTimeZone &zone, QString *error) const;
    // The statistics' range: until defaults to `now`, and since to the start of the thirty days that end
    // with until's day. nullopt with *error when the range holds no instant.
    std::optional<CallStatsQuery> statsQuery(
        const QTimeZone &zone, const QDateTime &now, QString *error) const;

private:
    // An end as written: a day, or a time (without an offset, a time of the plan's zone).
    struct Bound
    {
        QDate day;
        QDateTime time;
    };

    std::optional<Bound> readBound(const QString &name, const QString &written, QString *error) const;
    static QDateTime resolve(const Bound &bound, const QTimeZone &zone, bool end);
    QString name(const QString &option) const { return m_namePrefix + option; }

    QString m_namePrefix;
    std::optional<Bound> m_since;
    std::optional<Bound> m_until;
    QString m_number;
};
