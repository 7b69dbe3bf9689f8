// One prompt for the caller: text that Twilio reads out, or a recording that it plays.
#pragma once

#include <QString>
#include <QUrl>

struct TwimlMessage
{
    QString say; // read out with <Say> unless play is set
    QString voice; // e.g. "Polly.Joanna"; empty for Twilio's default voice
    QString language; // e.g. "en-US"; empty for Twilio's default
    QUrl play; // played with <Play> instead of saying anything

    bool isEmpty() const { return say.isEmpty() && play.isEmpty(); }
};
