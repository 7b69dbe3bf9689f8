// What the routing engine remembers about a call between its webhooks, stored with the session
// as compact JSON so that a call survives a restart of the router.
#pragma once

#include "dialchain.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

struct CallState
{
    // Who is calling, as found when the call came in.
    QString callerE164;
    QString callerName;    // the customer's name, or empty
    QString assignedStaff; // the customer's assigned staff member, or empty
    bool hasBooking = false;

    QString node;        // ActionPath of the action in progress; empty during the fallthrough
    int menuAttempt = 0; // prompts of the current menu so far

    // The dial rounds of the action in progress and the one ringing now (-1: none).
    QList<QList<DialTarget>> rounds;
    int round = -1;
    int ringSeconds = 20;
    bool confirm = false;  // the people of these rounds must press 1 to take the call
    QString acceptedBy;    // staff id of whoever pressed 1 in the ringing round
    QStringList refusedBy; // staff ids who picked up in the ringing round but did not press 1
    // The leg being dialled (a person, the fallback number or the AI agent) is talking with the caller:
    // Twilio tells us when it is bridged, but its <Dial action> comes only once that conversation ends.
    bool legConnected = false;

    QStringList dialed;     // every number rung in this call, E.164
    bool voicemailTried = false;
    bool personTried = false; // someone (a person or the AI agent) was tried in this call
    // How often a seat moved the call (to voicemail, or a transfer). The URLs of every <Dial> name it, so
    // that the result of a line the call has left is told from the result of the line it is on now.
    int moves = 0;

    const QList<DialTarget> *ringingRound() const;
    // The person of the ringing round with this staff id, or nullptr.
    const DialTarget *ringingTarget(const QString &staffId) const;
    // Who of the ringing round took the call: the staff member with this id, or for no id the round's
    // only target (a plain number has no staff id); nullptr when there is no such one.
    const DialTarget *answeringTarget(const QString &staffId) const;

    QString toJson() const;
    // An empty state for text that is empty or not a state.
    static CallState fromJson(const QString &json);
};
