#include "outcomecolours.h"

#include <QPalette>

namespace OutcomeColours {

QList<CallOutcome> chartOrder()
{
    return { CallOutcome::Answered, CallOutcome::AiAgent, CallOutcome::Voicemail, CallOutcome::Missed,
        CallOutcome::Blocked, CallOutcome::Failed, CallOutcome::Ongoing };
}

QColor colour(CallOutcome outcome, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    switch (outcome) {
    case CallOutcome::Answered:
        return dark ? QColor(0x3f, 0xc8, 0x9e) : QColor(0x1b, 0x9e, 0x77);
    case CallOutcome::AiAgent:
        return dark ? QColor(0x9d, 0x98, 0xe0) : QColor(0x75, 0x70, 0xb3);
    case CallOutcome::Voicemail:
        return QColor(0xe6, 0xab, 0x02);
    case CallOutcome::Missed:
        return dark ? QColor(0xf0, 0x80, 0x30) : QColor(0xd9, 0x5f, 0x02);
    case CallOutcome::Blocked:
        return dark ? QColor(0x80, 0x80, 0x80) : QColor(0x99, 0x99, 0x99);
    case CallOutcome::Failed:
        return dark ? QColor(0xe5, 0x4b, 0x4b) : QColor(0xa1, 0x11, 0x11);
    case CallOutcome::Ongoing:
        return dark ? QColor(0x8c, 0xcf, 0x3e) : QColor(0x66, 0xa6, 0x1e);
    }
    return palette.color(QPalette::WindowText);
}

QColor busiestHour()
{
    return QColor(0x19, 0x73, 0x73);
}

} // namespace OutcomeColours
