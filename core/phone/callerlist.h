// A list of callers by number or number prefix, for allow/block lists and the "caller in" rule.
#pragma once

#include <QCoreApplication>
#include <QStringList>

#include <optional>

class PhoneNormalizer;

class CallerList
{
    Q_DECLARE_TR_FUNCTIONS(CallerList)

public:
    CallerList() = default;
    explicit CallerList(QStringList entries);

    // An entry as written in a plan: "+44" or "+1 900" (a prefix: "+" and digits, kept as they are,
    // without spaces) or a whole number in any common form (made E.164). nullopt and *error otherwise.
    static std::optional<QString> parseEntry(
        const QString &written, const PhoneNormalizer &normalizer, QString *error);

    // Whether the E.164 caller is one of the numbers or starts with one of the prefixes.
    bool matches(const QString &callerE164) const;
    // The entry that matches, for the timeline ("+1900 is on the block list"); empty when none.
    QString matchingEntry(const QString &callerE164) const;

    const QStringList &entries() const { return m_entries; }
    bool isEmpty() const { return m_entries.isEmpty(); }
    bool operator==(const CallerList &other) const = default;

private:
    QStringList m_entries;
};
