// One line of "Check setup": what was checked, whether it is fine, and what to do when it is not.
#pragma once

#include <QString>

struct SetupCheckLine
{
    // What was checked, in a few words: "Twilio account", "+15557654321 points here".
    QString title;
    bool ok = false;
    // What was found, in one sentence.
    QString detail;
    // What to do about it, in plain words; empty when ok.
    QString fix;
};
