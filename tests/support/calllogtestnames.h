// Tests write the call log's words as their contract names (DESIGN.md) where a table of cases reads
// better that way, and QTest prints the enums by those names when a comparison fails.
#pragma once

#include "storage/calllognames.h"

#include <QTest>

#include <cstdlib>

namespace CallLogTestNames {
// The enum of a name that must be one: a test table with a typo stops the run rather than testing
// something else.
template<typename Enum>
Enum must(std::optional<Enum> named, QStringView name)
{
    if (!named)
        qFatal("\"%s\" is not a name of the call log's contract", qPrintable(name.toString()));
    return *named;
}

inline CallOutcome outcome(QStringView name) { return must(CallLogNames::outcome(name), name); }
inline CallStage stage(QStringView name) { return must(CallLogNames::stage(name), name); }
inline Step step(QStringView name) { return must(CallLogNames::step(name), name); }
// A filter's outcome: none for an empty name.
inline std::optional<CallOutcome> outcomeOrAny(QStringView name)
{
    return name.isEmpty() ? std::nullopt : std::optional(outcome(name));
}
}

// Found by argument-dependent lookup from QCOMPARE.
inline char *toString(CallOutcome outcome) { return qstrdup(qPrintable(CallLogNames::name(outcome))); }
inline char *toString(CallStage stage) { return qstrdup(qPrintable(CallLogNames::name(stage))); }
inline char *toString(Step step) { return qstrdup(qPrintable(CallLogNames::name(step))); }
inline char *toString(EventAction action) { return qstrdup(qPrintable(CallLogNames::name(action))); }
inline char *toString(EventResult result) { return qstrdup(qPrintable(CallLogNames::name(result))); }
