// What a person reads for the call log's words: outcomes, stages, timeline steps, actions and
// results. The one place for these texts, so the call logs, live calls, statistics, customers and
// Test a call all say the same thing.
#pragma once

#include "storage/calllognames.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

class CallLogWords
{
    Q_DECLARE_TR_FUNCTIONS(CallLogWords)

public:
    static QString outcome(CallOutcome outcome); // "AI agent", "Missed", "In progress"
    // The outcomes in the order a call log's filter offers them: the usual ones first.
    static QList<CallOutcome> filterOrder();
    // What a call in progress is doing: "In the menu", "Ringing Alice Ng", "Talking with Bob Li".
    // `who` names whoever rings or talks with the caller (a name, or names in a list); empty when
    // the call log does not say.
    static QString stage(CallStage stage, const QString &who = {});
    // A call the fallback number took: the number is not a person the call log can name.
    static QString talkingWithFallback(); // "Talking with the fallback number"
    static QString step(Step step);              // "Booking lookup", "Press 1 to accept"
    // "Twilio asked", "Sent to Twilio"; a request of ours that fetched something reads as such.
    static QString action(EventAction action, Step step);
    static QString result(EventResult result);   // "Done", "Failed", "Ignored"
};
