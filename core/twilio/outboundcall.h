// A call Twilio is asked to place (POST …/Calls.json): whom it rings, with which caller ID, what the call
// does once answered, and where Twilio reports how it goes.
#pragma once

#include <QString>
#include <QUrl>

#include <optional>

struct OutboundCall
{
    QString to; // the number to ring (E.164), or a SIP address
    QString from; // the caller ID: one of the account's numbers or a verified caller ID
    // What the call does when answered: the TwiML at `url` (fetched with POST), or `twiml` itself. Exactly
    // one of the two.
    QUrl url;
    QString twiml;
    // Told when the call is initiated, rings, is answered and is completed.
    QUrl statusCallback;
    // How long it rings before Twilio gives up; Twilio's own default (60 s) when not set.
    std::optional<int> timeoutSeconds;
};
