// Runs the routing engine on a made-up call against the real plan, customers and bookings, without
// calling anyone or writing to the call log: the path a call would take, step by step.
#pragma once

#include "common/result.h"
#include "dialchain.h"
#include "routingmodel.h"
#include "settings/routersettings.h"
#include "storage/calllognames.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

class Database;

struct SimulationRequest
{
    QString from;
    QString to; // empty: the first of twilio.numbers, else the default plan
    QDateTime at; // invalid: now; a local time (no offset given) is read in the plan's time zone
    QString digits; // keys the caller presses, one per menu prompt
};

struct Simulation
{
    struct Step
    {
        ::Step step = ::Step::CallReceived;
        QString detail;
        QString twiml; // the answer Twilio would get, on the last step of each answer; else empty
    };
    struct Dial
    {
        QString staffId; // empty for a number that is not a staff member (the fallback number, say)
        QString name;
        QString phone;
        int tier = 0; // 1-based tier in the team; 0 when not rung as part of a team
    };

    QString from;
    QString to;
    QDateTime at;
    QString timeZone;
    bool blocked = false;
    QString matchedRule; // empty when no rule matched
    QString matchedWhy;
    QString customerName;
    bool hasBooking = false; // the caller has an active booking
    QString bookingId; // the id the active booking was imported with (may be empty)
    QList<Dial> dialOrder;
    QList<SkippedStaff> skipped;
    QList<Step> steps;
    QString ending; // how the simulated call ends, one sentence

    // {from, to, at, blocked, matched_rule, booking_id, dial_order: [{staff, phone, tier}],
    //  skipped: [{staff, reason}], steps: [{step, detail, twiml}]} and a few more readable fields.
    QJsonObject toJson() const;
};

class CallSimulator
{
    Q_DECLARE_TR_FUNCTIONS(CallSimulator)

public:
    // Reads the plan, customers, bookings and past calls through `db`; writes nothing.
    CallSimulator(Database &db, RouterSettings settings);

    // Nobody answers in a simulation, so the path goes on through every round, the fallback and
    // voicemail to its end; the AI agent is assumed to take a call it is handed. Errors: an
    // unreadable plan, a `from` that is not a phone number.
    Result<Simulation> run(const SimulationRequest &request);
    // The same with `plan` in place of the stored plan: a plan being edited, tried before it is saved.
    Result<Simulation> run(const SimulationRequest &request, const RoutingModel &plan);

private:
    Database &m_db;
    RouterSettings m_settings;
};
