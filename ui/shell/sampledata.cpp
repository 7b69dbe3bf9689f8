// A made-up dental practice for the screenshots and for trying the app.
#include "sampledata.h"

#include "calls/livecallsmodel.h"
#include "datadir/datadirectory.h"
#include "routing/callrouter.h"
#include "routing/callstate.h"
#include "routing/routingplanloader.h"
#include "settings/settings.h"
#include "storage/bookingstore.h"
#include "storage/callstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "storage/recordingstore.h"

#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace {

struct Person
{
    const char *name;
    const char *phone;
    const char *assignedStaff;
};

const Person s_customers[] = {
    { "Maria Lopez", "+15551230001", "alice" },
    { "James Carter", "+15551230002", "" },
    { "Aisha Khan", "+15551230003", "carol" },
    { "Tom Becker", "+15551230004", "bob" },
    { "Yuki Tanaka", "+15551230005", "" },
    { "Olivia Brown", "+15551230006", "carol" },
};

const char *const s_plan = R"({ "version": 1, "time_zone": "America/New_York",
  "staff": [ { "id": "alice", "name": "Alice Ng", "phone": "+15551110001", "schedule": "office" },
             { "id": "bob", "name": "Bob Ray", "phone": "+15551110002", "schedule": "office" },
             { "id": "carol", "name": "Dr. Carol Diaz", "phone": "+15551110003" } ],
  "schedules": [ { "id": "office", "name": "Office hours", "weekly": [ { "days": ["mon","tue","wed","thu","fri"], "from": "08:00", "to": "17:30" } ],
                   "closed": ["2026-12-25"] } ],
  "teams": [ { "id": "front", "name": "Front desk", "tiers": [["alice", "bob"], ["carol"]] } ],
  "messages": { "welcome": { "say": "Thanks for calling Bright Smile Dental." } },
  "voicemail": { "on_no_answer": true },
  "plans": [ { "numbers": ["default"], "rules": [
    { "name": "Booked patients", "if": { "has_booking": true }, "then": { "do": "ai_agent", "otherwise": { "do": "team", "team": "front" } } },
    { "name": "After hours", "if": { "outside": "office" }, "then": { "do": "voicemail" } },
    { "name": "Everyone else", "if": {}, "then": { "do": "team", "team": "front" } } ] } ] })";

} // namespace

bool SampleData::fill(DataDirectory &data, QString *error, bool withCustomers)
{
    Settings &settings = data.settings();
    if (!settings.set(u"routing.enabled"_s, u"true"_s, error)
        || !settings.set(u"routing.fallback_number"_s, u"+15550009999"_s, error)
        || !settings.set(u"twilio.numbers"_s, u"+15557654321"_s, error)
        || !settings.set(u"server.public_url"_s, u"https://brightsmile.example.com"_s, error))
        return false;
    const PlanDocument::ParseResult plan
        = RoutingPlanLoader(data.database(), u"US"_s, u"+15550009999"_s).import(QByteArray(s_plan));
    if (!plan.model) {
        *error = plan.errors.join(u"; "_s);
        return false;
    }

    CustomerStore customers(data.database());
    QList<qint64> customerIds;
    int number = 0;
    for (const Person &person : s_customers) {
        if (!withCustomers)
            break;
        Customer customer;
        customer.externalId = u"P-%1"_s.arg(++number, 4, 10, QChar(u'0'));
        customer.name = QString::fromUtf8(person.name);
        customer.phoneRaw = QString::fromLatin1(person.phone);
        customer.phoneE164 = customer.phoneRaw;
        customer.assignedStaff = QString::fromLatin1(person.assignedStaff);
        const Result<UpsertResult> saved = customers.upsert(customer);
        if (!saved) {
            *error = saved.error();
            return false;
        }
        customerIds.append(saved->id);
    }
    // Upcoming visits for half of them (these callers go to the AI agent), and one from the past.
    BookingStore bookings(data.database());
    const QDateTime today = QDateTime(QDate::currentDate(), QTime(9, 0)).toUTC();
    const struct
    {
        int customer;
        int daysAhead;
        int hour;
        const char *service;
        const char *staff;
        BookingStatus status;
    } visits[] = {
        { 0, 1, 9, "Cleaning", "Dr. Carol Diaz", BookingStatus::Confirmed },
        { 0, -30, 10, "Check-up", "Dr. Carol Diaz", BookingStatus::Completed },
        { 2, 2, 14, "Filling", "Dr. Carol Diaz", BookingStatus::Pending },
        { 4, 0, 15, "Whitening", "Dr. Carol Diaz", BookingStatus::Confirmed },
    };
    for (const auto &visit : visits) {
        if (!withCustomers)
            break;
        Booking booking;
        booking.customerId = customerIds.at(visit.customer);
        booking.startsAt = today.addDays(visit.daysAhead).addSecs(3600 * (visit.hour - 9));
        booking.endsAt = booking.startsAt.addSecs(45 * 60);
        booking.status = visit.status;
        booking.service = QString::fromUtf8(visit.service);
        booking.staff = QString::fromUtf8(visit.staff);
        const Result<qint64> saved = bookings.insert(booking);
        if (!saved) {
            *error = saved.error();
            return false;
        }
    }

    // A week of calls, the same every time (a fixed seed), so screenshots compare.
    QRandomGenerator random(20261123);
    CallStore calls(data.database());
    const QList<CallOutcome> outcomes { CallOutcome::Answered, CallOutcome::Answered, CallOutcome::AiAgent,
        CallOutcome::AiAgent, CallOutcome::Voicemail, CallOutcome::Missed, CallOutcome::Answered,
        CallOutcome::Blocked };
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 60; ++i) {
        const int who = random.bounded(int(std::size(s_customers)));
        const Person &person = s_customers[who];
        CallSessionRecord session;
        session.callSid = u"CA%1"_s.arg(i, 32, 16, QChar(u'0'));
        session.from = QString::fromLatin1(person.phone);
        session.to = u"+15557654321"_s;
        if (withCustomers)
            session.customerId = customerIds.at(who);
        session.startedAt = now.addSecs(-qint64(i) * 2 * 3600 - random.bounded(3000));
        // The newest call left a voicemail, so that the call logs open on one with its player.
        session.outcome = i == 0 ? CallOutcome::Voicemail : outcomes.at(random.bounded(int(outcomes.size())));
        session.durationSeconds = session.outcome == CallOutcome::Blocked ? 0 : 20 + random.bounded(400);
        session.endedAt = session.startedAt.addSecs(*session.durationSeconds);
        session.route = CallLogNames::name(session.outcome);
        if (!calls.createSession(session, error))
            return false;
        const CallEventRecord received { session.callSid, session.startedAt, Step::CallReceived,
            EventAction::WebhookReceived, EventResult::Processed,
            tr("Incoming call from %1 to %2.").arg(session.from, session.to) };
        const CallEventRecord ended { session.callSid, session.endedAt, Step::StatusChanged,
            EventAction::WebhookReceived, EventResult::Processed,
            tr("The call ended (completed): %1.").arg(CallRouter::howItEnded(session.outcome)) };
        if (!calls.appendEvent(received, error) || !calls.appendEvent(ended, error))
            return false;
        if (i == 0 && !addVoicemail(data, session, error))
            return false;
    }
    return true;
}

bool SampleData::addVoicemail(DataDirectory &data, const CallSessionRecord &session, QString *error)
{
    // A silent recording of the message's length, in the folder the downloader saves into.
    constexpr int Seconds = 34;
    constexpr quint32 Rate = 8000;
    const quint32 bytes = Rate * 2 * Seconds;
    QByteArray wav;
    QDataStream out(&wav, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::LittleEndian);
    out.writeRawData("RIFF", 4);
    out << quint32(36 + bytes);
    out.writeRawData("WAVEfmt ", 8);
    out << quint32(16) << quint16(1) << quint16(1) << Rate << quint32(Rate * 2) << quint16(2) << quint16(16);
    out.writeRawData("data", 4);
    out << bytes;
    wav.append(QByteArray(int(bytes), '\0'));
    const QString file = u"recordings/RE%1.wav"_s.arg(session.callSid.mid(2));
    QDir(data.path()).mkpath(u"recordings"_s);
    QFile audio(QDir(data.path()).filePath(file));
    if (!audio.open(QIODevice::WriteOnly) || audio.write(wav) != wav.size()) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(audio.fileName()), audio.errorString());
        return false;
    }
    RecordingRecord recording;
    recording.callSid = session.callSid;
    recording.recordingSid = u"RE%1"_s.arg(session.callSid.mid(2));
    recording.durationSeconds = Seconds;
    recording.file = file;
    recording.transcription = tr("Hello, I need to move my cleaning on Thursday to next week if "
                                 "that is possible. Please call me back on my mobile. Thank you!");
    recording.createdAt = session.endedAt;
    return RecordingStore(data.database()).save(recording, error);
}

void SampleData::fillLiveCalls(LiveCallsModel &model)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const struct
    {
        const char *sid;
        const char *from;
        CallStage stage;
        int ageSeconds;
        const char *name;
    } calls[] = {
        { "CAlive01", "+15551230001", CallStage::AgentConnected, 95, "Maria Lopez, booking B-1042" },
        { "CAlive02", "+15559871234", CallStage::Menu, 12, "" },
        { "CAlive03", "+15551230004", CallStage::Ringing, 31, "Tom Becker" },
        { "CAlive05", "+15551230007", CallStage::Answered, 184, "Sam Patel" },
        { "CAlive06", "+15559874321", CallStage::Voicemail, 48, "" },
    };
    for (const auto &call : calls) {
        CallSessionRecord session;
        session.callSid = QString::fromLatin1(call.sid);
        session.from = QString::fromLatin1(call.from);
        session.to = u"+15557654321"_s;
        session.startedAt = now.addSecs(-call.ageSeconds);
        session.stage = call.stage;
        // Who rings, or who pressed 1 and talks, is named from the engine's state.
        if (session.stage == CallStage::Ringing || session.stage == CallStage::Answered) {
            const bool answered = session.stage == CallStage::Answered;
            CallState state;
            state.rounds = { { answered ? DialTarget { u"bob"_s, u"Bob Ray"_s, u"+15551110002"_s, 0 }
                                        : DialTarget { u"alice"_s, u"Alice Ng"_s, u"+15551110001"_s, 0 } } };
            state.round = 0;
            if (answered)
                session.answeredBy = u"bob"_s;
            session.state = state.toJson();
        }
        model.updateSession(session);
        if (*call.name)
            model.setCallerName(session.callSid, QString::fromUtf8(call.name));
    }
    CallSessionRecord finished;
    finished.callSid = u"CAlive04"_s;
    finished.from = u"+15551230006"_s;
    finished.to = u"+15557654321"_s;
    finished.startedAt = now.addSecs(-240);
    finished.endedAt = now.addSecs(-20);
    finished.stage = CallStage::Answered;
    finished.outcome = CallOutcome::Answered;
    model.updateSession(finished);
    model.setCallerName(finished.callSid, u"Olivia Brown"_s);
    model.tick(now);
}
