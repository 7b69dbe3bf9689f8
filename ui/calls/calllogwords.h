// What a person reads for the call log's words: outcomes, stages, timeline steps, actions and
// results. The one place for these texts, so the call logs, live calls, statistics, customers and
// Test a call all say the same thing.
#pragma once

#include "storage/calllognames.h"

#include <QCoreApplication>
#include <QString>

class CallLogWords
{
    Q_DECLARE_TR_FUNCTIONS(CallLogWords)

public:
    static QString outcome(CallOutcome outcome); // "AI agent", "Missed", "In progress"
    static QString step(Step step);              // "Booking lookup", "Press 1 to accept"
    // "Twilio asked", "Sent to Twilio"; a request of ours that fetched something reads as such.
    static QString action(EventAction action, Step step);
    static QString result(EventResult result);   // "Done", "Failed", "Ignored"
};
