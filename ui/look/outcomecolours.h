// The colour of each call outcome in charts: colours that read apart for most colour-blind people and
// print in grey scale in a sensible order, lighter on a dark palette.
#pragma once

#include "storage/calllognames.h"

#include <QColor>
#include <QList>

class QPalette;

namespace OutcomeColours {

// The outcomes in the order charts stack them: the usual ones first.
QList<CallOutcome> chartOrder();
QColor colour(CallOutcome outcome, const QPalette &palette);
// The week-hours table's busiest hour (deep teal); quieter hours are lighter washes of it.
QColor busiestHour();

} // namespace OutcomeColours
