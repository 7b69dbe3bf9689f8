// Whole calls driven over loopback as Twilio would drive them: signed webhooks to the real server,
// the action URLs of the returned TwiML followed, a fake Retell, status callbacks; then the stored
// timeline and outcome are checked.
#include "calllogtestnames.h"
#include "datadir/datadirectory.h"
#include "fakeretellserver.h"
#include "faketwilio.h"
#include "importer/bookingimporter.h"
#include "importer/customerimporter.h"
#include "routing/callrouter.h"
#include "routing/plandocument.h"
#include "routing/unfinishedcallsweeper.h"
#include "server/routerservice.h"
#include "settings/settings.h"
#include "storage/bookingstore.h"
#include "storage/calllogwriter.h"
#include "storage/callstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "storage/routingplanstore.h"
#include "tempdatadir.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace {
const QString AuthToken = u"test-auth-token-0123456789"_s;
const QString Business = u"+15557654321"_s;
const QString Fallback = u"+15550009999"_s;
const QString BookedCaller = u"+15551234567"_s; // Jane Doe, saved as "(555) 123-4567"
const QString CanceledCaller = u"+15552223333"_s; // John Roe, only a canceled booking
const QString UnknownCaller = u"+15559990000"_s;

QString iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}
} // namespace

class TestCallRouting : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void bookedCallerIsHandedToTheAgent();
    void bookingMadeInTheAppIsLinkedLikeAnImportedOne();
    void callerWithoutBookingRingsTheFallback();
    void fallbackNotAnsweredTakesAVoicemailByDefault();
    void fallbackNotAnsweredEndsPolitely();
    void agentFailureRingsTheFallback_data();
    void agentFailureRingsTheFallback();
    void agentLegNotConnectedRingsTheFallback_data();
    void agentLegNotConnectedRingsTheFallback();
    void nothingToReachSaysSorryAndFails();
    void routingDisabledRingsTheFallbackDirectly();
    void agentNotConfiguredRingsTheFallback();
    void refusedRequestsStoreNothing_data();
    void refusedRequestsStoreNothing();
    void tooLargeBodyIs413();
    void tokenlessPathsWork();
    void missingCallerFieldsStillRingTheFallback();
    void withheldCallerNeverMatchesACustomer_data();
    void withheldCallerNeverMatchesACustomer();
    void unknownSessionOnCallbackRingsTheFallback();
    void repeatedVoiceWebhookIsAnsweredOnce();
    void concurrentRepeatWaitsForTheSameRegistration();
    void repeatAfterARestartIsAnsweredOnce();
    void statusCallbacksNeverMoveBackwards();
    void callsWhoseEndWasNeverReportedAreClosedOnStart();
    void aBacklogOfUnfinishedCallsIsClosedInTurns();
    void oneRouterPerDataFolder();
    void agentWaitDoesNotBlockOtherCalls();
    void settingsAndImportsApplyToTheNextCall();
    void publicUrlBehindATunnel();
    void busyDatabaseStillAnswersAndLosesNothing();
    void hangingAgentAndLockedDatabaseStillAnswerInTime();

private:
    void setSetting(const QString &key, const QString &value);
    void startRouter();
    TwilioReply incomingCall(const QString &callSid, const QString &from, const QString &to = Business);
    // DialBridged is sent as Twilio sends it: true for a completed call, unless `bridged` says otherwise.
    TwilioReply dialResult(const QUrl &action, const QString &callSid, const QString &from,
        const QString &dialStatus, int duration = 0, std::optional<bool> bridged = std::nullopt);
    TwilioReply statusCallback(
        const QString &callSid, const QString &from, const QString &status, int duration);
    QStringList steps(const QString &callSid);
    QList<CallEventRecord> events(const QString &callSid);
    // The call log as stored, once the router's commits have caught up with what it wrote.
    void waitForTheCallLog();
    CallStore storedLog();
    CallSessionRecord session(const QString &callSid);
    int sessionCount();
    void saveTheDefaultPlanWithoutVoicemail(const QString &fallback = QStringLiteral("+15550009999"));
    static QUrl dialAction(const TwilioReply &reply);
    static QString dialed(const TwilioReply &reply, const QString &kind);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_admin; // the CLI's or GUI's own connection
    std::unique_ptr<FakeRetellServer> m_retell;
    std::unique_ptr<RouterService> m_service;
    std::unique_ptr<FakeTwilio> m_twilio;
    QString m_token;
};

void TestCallRouting::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    m_dir = std::make_unique<TempDataDir>();
    QVERIFY(m_dir->isValid());
    m_admin = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_admin->open(&error), qPrintable(error));

    m_retell = std::make_unique<FakeRetellServer>();
    QVERIFY(m_retell->listen());
    m_retell->setExpectedApiKey("key_test_retell"_ba);

    setSetting(u"twilio.auth_token"_s, AuthToken);
    setSetting(u"routing.enabled"_s, u"true"_s);
    setSetting(u"routing.fallback_number"_s, u"(555) 000-9999"_s);
    setSetting(u"retell.api_key"_s, u"key_test_retell"_s);
    setSetting(u"retell.agent_id"_s, u"agent_front_desk"_s);
    setSetting(u"retell.api_base"_s, m_retell->baseUrl().toString());
    setSetting(u"retell.timeout_ms"_s, u"600"_s);
    m_token = *m_admin->settings().value(u"server.webhook_token"_s);

    const QString customers = m_dir->writeFile(u"customers.csv"_s,
        "customer_id,name,phone,email,notes\n"
        "C1,Jane Doe,(555) 123-4567,jane@example.com,\n"
        "C2,John Roe,+1 555 222 3333,,\n");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString bookings = m_dir->writeFile(u"bookings.csv"_s,
        (u"booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff\n"
         "B1,C1,,,%1,,confirmed,Cleaning,Dr. Smile\n"
         "B0,C1,,,%2,%3,confirmed,Checkup,\n"
         "B2,C2,,,%1,,canceled,Whitening,\n"_s)
            .arg(iso(now.addDays(1)), iso(now.addDays(-3)), iso(now.addDays(-3).addSecs(3600)))
            .toUtf8());
    QVERIFY(CustomerImporter(m_admin->database()).importFile(customers, false).committed);
    QVERIFY(BookingImporter(m_admin->database()).importFile(bookings, false).committed);
    startRouter();
}

void TestCallRouting::cleanup()
{
    m_twilio.reset();
    m_service.reset();
    m_retell.reset();
    m_admin.reset();
    m_dir.reset();
}

void TestCallRouting::startRouter()
{
    m_service = std::make_unique<RouterService>(m_dir->path());
    QString error;
    QVERIFY2(m_service->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    m_twilio = std::make_unique<FakeTwilio>(
        QUrl(u"http://127.0.0.1:%1"_s.arg(m_service->port())), AuthToken.toUtf8());
}

void TestCallRouting::setSetting(const QString &key, const QString &value)
{
    QString error;
    QVERIFY2(m_admin->settings().set(key, value, &error), qPrintable(error));
}

TwilioReply TestCallRouting::incomingCall(const QString &callSid, const QString &from, const QString &to)
{
    return m_twilio->post(
        m_twilio->publicUrl(u"/twilio/voice/"_s + m_token), FakeTwilio::callFields(callSid, from, to));
}

TwilioReply TestCallRouting::dialResult(const QUrl &action, const QString &callSid, const QString &from,
    const QString &dialStatus, int duration, std::optional<bool> bridged)
{
    FormFields fields = FakeTwilio::callFields(callSid, from, Business, u"in-progress"_s);
    fields.append({ u"DialCallStatus"_s, dialStatus });
    fields.append({ u"DialCallSid"_s, u"CAd1a10000000000000000000000000001"_s });
    fields.append({ u"DialCallDuration"_s, QString::number(duration) });
    fields.append(
        { u"DialBridged"_s, bridged.value_or(dialStatus == u"completed"_s) ? u"true"_s : u"false"_s });
    return m_twilio->post(action, fields);
}

TwilioReply TestCallRouting::statusCallback(
    const QString &callSid, const QString &from, const QString &status, int duration)
{
    FormFields fields = FakeTwilio::callFields(callSid, from, Business, status);
    fields.append({ u"CallDuration"_s, QString::number(duration) });
    return m_twilio->post(m_twilio->publicUrl(u"/twilio/status/"_s + m_token), fields);
}

void TestCallRouting::waitForTheCallLog()
{
    // The checks that follow read what was stored; if it never catches up they fail on what is
    // missing, and this says why.
    if (!QTest::qWaitFor([this] { return m_service->callLog()->isCaughtUp(); }, 10000))
        qWarning("The call log did not catch up within 10 s.");
}

CallStore TestCallRouting::storedLog()
{
    waitForTheCallLog();
    return CallStore(m_admin->database());
}

QList<CallEventRecord> TestCallRouting::events(const QString &callSid)
{
    return storedLog().events(callSid);
}

QStringList TestCallRouting::steps(const QString &callSid)
{
    QStringList names;
    for (const CallEventRecord &event : events(callSid))
        names << CallLogNames::name(event.step);
    return names;
}

CallSessionRecord TestCallRouting::session(const QString &callSid)
{
    return storedLog().findSession(callSid).value_or(CallSessionRecord {});
}

int TestCallRouting::sessionCount()
{
    waitForTheCallLog();
    QSqlQuery query(m_admin->database().connection());
    query.exec(u"SELECT count(*) FROM call_sessions"_s);
    query.next();
    return query.value(0).toInt();
}

QUrl TestCallRouting::dialAction(const TwilioReply &reply)
{
    const TwimlDocument twiml = reply.twiml();
    const TwimlVerb *dial = twiml.find(u"Dial"_s);
    return dial ? QUrl(dial->attribute(u"action"_s)) : QUrl();
}

QString TestCallRouting::dialed(const TwilioReply &reply, const QString &kind)
{
    const TwimlDocument twiml = reply.twiml();
    const TwimlVerb *dial = twiml.find(u"Dial"_s);
    if (!dial)
        return {};
    for (const TwimlVerb &child : dial->children) {
        if (child.name == kind)
            return child.text;
    }
    return {};
}

void TestCallRouting::bookedCallerIsHandedToTheAgent()
{
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply reply = incomingCall(sid, BookedCaller);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.contentType.startsWith("text/xml"));
    QVERIFY2(reply.twiml().isValid(), reply.body.constData());
    QCOMPARE(reply.twiml().verbNames(), QStringList { u"Dial"_s });

    // Registered once with Retell, with the caller's context.
    QCOMPARE(m_retell->requestCount(), 1);
    const QJsonObject sent = m_retell->requests().first();
    QCOMPARE(sent.value(u"agent_id"_s).toString(), u"agent_front_desk"_s);
    QCOMPARE(sent.value(u"direction"_s).toString(), u"inbound"_s);
    QCOMPARE(sent.value(u"from_number"_s).toString(), BookedCaller);
    QCOMPARE(sent.value(u"to_number"_s).toString(), Business);
    const QJsonObject metadata = sent.value(u"metadata"_s).toObject();
    QCOMPARE(metadata.value(u"twilio_call_sid"_s).toString(), sid);
    QCOMPARE(metadata.value(u"customer_id"_s).toString(), u"C1"_s);
    QCOMPARE(metadata.value(u"booking_id"_s).toString(), u"B1"_s);
    const QJsonObject variables = sent.value(u"retell_llm_dynamic_variables"_s).toObject();
    QCOMPARE(variables.value(u"customer_name"_s).toString(), u"Jane Doe"_s);
    QCOMPARE(variables.value(u"booking_service"_s).toString(), u"Cleaning"_s);
    QVERIFY(!variables.value(u"booking_start"_s).toString().isEmpty());

    QCOMPARE(dialed(reply, u"Sip"_s), u"sip:%1@sip.retellai.com;transport=tcp"_s.arg(m_retell->lastCallId()));
    const QUrl action = dialAction(reply);
    QCOMPARE(action.path(), u"/twilio/dial/"_s + m_token);
    QCOMPARE(action.query(), u"leg=agent"_s);

    const TwilioReply after = dialResult(action, sid, BookedCaller, u"completed"_s, 95);
    QCOMPARE(after.status, 200);
    QCOMPARE(after.twiml().verbNames(), QStringList { u"Hangup"_s });
    QCOMPARE(statusCallback(sid, BookedCaller, u"completed"_s, 101).status, 200);

    const CallSessionRecord stored = session(sid);
    QCOMPARE(stored.outcome, CallOutcome::AiAgent);
    QCOMPARE(stored.durationSeconds.value_or(-1), 101);
    QVERIFY(stored.endedAt.isValid());
    QCOMPARE(steps(sid),
        (QStringList { u"CallReceived"_s, u"BookingLookup"_s, u"AgentRegistration"_s, u"DialAgent"_s,
            u"DialAgentResult"_s, u"StatusChanged"_s }));
    const QList<CallEventRecord> timeline = events(sid);
    QCOMPARE(timeline.at(0).action, EventAction::WebhookReceived);
    QCOMPARE(timeline.at(2).action, EventAction::CommandSent);
    QCOMPARE(timeline.at(2).result, EventResult::Processed);
    QVERIFY(timeline.at(1).detail.contains(u"Jane Doe"_s));
}

void TestCallRouting::bookingMadeInTheAppIsLinkedLikeAnImportedOne()
{
    // What the Customers panel saves: a customer and a booking typed in, neither with an imported id.
    Customer customer;
    customer.name = u"Mia Booked-at-the-desk"_s;
    customer.phoneRaw = u"(555) 444-5555"_s;
    customer.phoneE164 = u"+15554445555"_s;
    const Result<qint64> customerId = CustomerStore(m_admin->database()).insert(customer);
    QVERIFY2(customerId.ok(), qPrintable(customerId.error()));
    Booking booking;
    booking.customerId = customerId.value();
    booking.startsAt = QDateTime::currentDateTimeUtc().addDays(1);
    booking.endsAt = booking.startsAt.addSecs(1800);
    booking.service = u"Check-up"_s;
    const Result<qint64> bookingId = BookingStore(m_admin->database()).insert(booking);
    QVERIFY2(bookingId.ok(), qPrintable(bookingId.error()));
    const QString bookingName = BookingStore(m_admin->database()).findById(bookingId.value())->externalId;
    QVERIFY(!bookingName.isEmpty());

    const QString imported = FakeTwilio::newCallSid();
    QCOMPARE(incomingCall(imported, BookedCaller).status, 200);
    const QString made = FakeTwilio::newCallSid();
    QCOMPARE(incomingCall(made, u"+15554445555"_s).status, 200);
    QCOMPARE(m_retell->requestCount(), 2);
    QCOMPARE(m_retell->requests().last().value(u"metadata"_s).toObject().value(u"booking_id"_s).toString(),
        bookingName);

    // The call log's Booking column, its CSV and `calls --json` all read this entry.
    waitForTheCallLog();
    const std::optional<CallListEntry> importedEntry = storedLog().entry(imported);
    QVERIFY(importedEntry);
    QCOMPARE(importedEntry->bookingExternalId, u"B1"_s);
    const std::optional<CallListEntry> madeEntry = storedLog().entry(made);
    QVERIFY(madeEntry);
    QCOMPARE(madeEntry->session.bookingId, bookingId.value());
    QCOMPARE(madeEntry->customerName, customer.name);
    QCOMPARE(madeEntry->bookingExternalId, bookingName);
    const QList<CallListEntry> listed = storedLog().list({});
    QCOMPARE(listed.first().session.callSid, made);
    QCOMPARE(listed.first().bookingExternalId, bookingName);
    // The timeline names it too.
    QVERIFY2(events(made).at(1).detail.contains(bookingName), qPrintable(events(made).at(1).detail));
}

void TestCallRouting::callerWithoutBookingRingsTheFallback()
{
    for (const QString &caller : { CanceledCaller, UnknownCaller }) {
        const QString sid = FakeTwilio::newCallSid();
        const TwilioReply reply = incomingCall(sid, caller);
        QCOMPARE(reply.status, 200);
        const TwimlDocument twiml = reply.twiml();
        const TwimlVerb *dial = twiml.find(u"Dial"_s);
        QVERIFY(dial);
        QCOMPARE(dial->attribute(u"timeout"_s), u"30"_s);
        QCOMPARE(dialed(reply, u"Number"_s), Fallback);
        QCOMPARE(dialAction(reply).query(), u"leg=fallback"_s);

        QCOMPARE(dialResult(dialAction(reply), sid, caller, u"completed"_s, 40).twiml().verbNames(),
            QStringList { u"Hangup"_s });
        statusCallback(sid, caller, u"completed"_s, 45);
        QCOMPARE(session(sid).outcome, CallOutcome::Answered);
        QCOMPARE(steps(sid),
            (QStringList { u"CallReceived"_s, u"BookingLookup"_s, u"DialFallback"_s, u"DialFallbackResult"_s,
                u"StatusChanged"_s }));
    }
    QCOMPARE(m_retell->requestCount(), 0);
}

void TestCallRouting::saveTheDefaultPlanWithoutVoicemail(const QString &fallback)
{
    RoutingModel model = PlanDocument::defaultModel(fallback, QTimeZone::systemTimeZone());
    model.voicemail.onNoAnswer = false;
    QString error;
    QVERIFY2(RoutingPlanStore(m_admin->database()).save(PlanDocument::toJson(model), &error), qPrintable(error));
}

void TestCallRouting::fallbackNotAnsweredTakesAVoicemailByDefault()
{
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply reply = incomingCall(sid, UnknownCaller);
    const TwilioReply after = dialResult(dialAction(reply), sid, UnknownCaller, u"no-answer"_s);
    // A new install has no plan of its own: the built-in one asks the caller to leave a message.
    QVERIFY2(after.twiml().verbNames().contains(u"Record"_s), after.body.constData());
    QVERIFY(!after.twiml().verbNames().contains(u"Hangup"_s) || after.twiml().verbNames().indexOf(u"Record"_s)
            < after.twiml().verbNames().indexOf(u"Hangup"_s));
}

void TestCallRouting::fallbackNotAnsweredEndsPolitely()
{
    // With voicemail turned off in the plan.
    saveTheDefaultPlanWithoutVoicemail();
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply reply = incomingCall(sid, UnknownCaller);
    const TwilioReply after = dialResult(dialAction(reply), sid, UnknownCaller, u"no-answer"_s);
    QCOMPARE(after.twiml().verbNames(), (QStringList { u"Say"_s, u"Hangup"_s }));
    QVERIFY(!after.twiml().find(u"Say"_s)->text.isEmpty());
    // The voice speaks the sentence's own language.
    QCOMPARE(after.twiml().find(u"Say"_s)->attribute(u"language"_s), u"en-US"_s);
    statusCallback(sid, UnknownCaller, u"completed"_s, 38);
    QCOMPARE(session(sid).outcome, CallOutcome::Missed);
    QCOMPARE(steps(sid).mid(3), (QStringList { u"DialFallbackResult"_s, u"Hangup"_s, u"StatusChanged"_s }));
}

void TestCallRouting::agentFailureRingsTheFallback_data()
{
    QTest::addColumn<FakeRetellServer::Mode>("mode");
    QTest::newRow("server error") << FakeRetellServer::Mode::ServerError;
    QTest::newRow("garbage json") << FakeRetellServer::Mode::Garbage;
    QTest::newRow("no call id") << FakeRetellServer::Mode::MissingCallId;
    QTest::newRow("hangs past the timeout") << FakeRetellServer::Mode::Hang;
}

void TestCallRouting::agentFailureRingsTheFallback()
{
    QFETCH(FakeRetellServer::Mode, mode);
    m_retell->setMode(mode);
    const QString sid = FakeTwilio::newCallSid();
    QElapsedTimer timer;
    timer.start();
    const TwilioReply reply = incomingCall(sid, BookedCaller);
    QCOMPARE(reply.status, 200);
    QVERIFY2(timer.elapsed() < 5000, "the answer must come well inside Twilio's 15 s");
    QCOMPARE(dialed(reply, u"Number"_s), Fallback);
    QCOMPARE(dialAction(reply).query(), u"leg=fallback"_s);
    QCOMPARE(steps(sid),
        (QStringList { u"CallReceived"_s, u"BookingLookup"_s, u"AgentRegistration"_s, u"DialFallback"_s }));
    QCOMPARE(events(sid).at(2).result, EventResult::Failed);

    dialResult(dialAction(reply), sid, BookedCaller, u"completed"_s, 20);
    statusCallback(sid, BookedCaller, u"completed"_s, 25);
    QCOMPARE(session(sid).outcome, CallOutcome::Answered);
}

void TestCallRouting::agentLegNotConnectedRingsTheFallback_data()
{
    QTest::addColumn<QString>("dialStatus");
    QTest::addColumn<bool>("bridged");
    for (const char *status : { "busy", "failed", "no-answer", "canceled" })
        QTest::newRow(status) << QString::fromLatin1(status) << false;
    // The SIP leg answered, but the caller was never connected to the agent.
    QTest::newRow("completed, not bridged") << u"completed"_s << false;
}

void TestCallRouting::agentLegNotConnectedRingsTheFallback()
{
    QFETCH(QString, dialStatus);
    QFETCH(bool, bridged);
    // The polite ending at the end of the path, rather than a voicemail.
    saveTheDefaultPlanWithoutVoicemail();
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply reply = incomingCall(sid, BookedCaller);
    QVERIFY(!dialed(reply, u"Sip"_s).isEmpty());
    const TwilioReply after = dialResult(dialAction(reply), sid, BookedCaller, dialStatus, 0, bridged);
    QCOMPARE(dialed(after, u"Number"_s), Fallback);
    QCOMPARE(dialAction(after).query(), u"leg=fallback"_s);
    QCOMPARE(events(sid).at(4).step, Step::DialAgentResult);
    QCOMPARE(events(sid).at(4).result, EventResult::Failed);

    // The fallback does not answer either: the closing message, outcome missed.
    const TwilioReply last = dialResult(dialAction(after), sid, BookedCaller, u"no-answer"_s);
    QCOMPARE(last.twiml().verbNames(), (QStringList { u"Say"_s, u"Hangup"_s }));
    statusCallback(sid, BookedCaller, u"completed"_s, 50);
    QCOMPARE(session(sid).outcome, CallOutcome::Missed);
}

void TestCallRouting::nothingToReachSaysSorryAndFails()
{
    // No fallback number and no voicemail either: nobody and nothing can take the call.
    saveTheDefaultPlanWithoutVoicemail({});
    QString error;
    QVERIFY(m_admin->settings().unset(u"routing.fallback_number"_s, &error));
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply reply = incomingCall(sid, UnknownCaller);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.twiml().verbNames(), (QStringList { u"Say"_s, u"Hangup"_s }));
    QCOMPARE(session(sid).outcome, CallOutcome::Failed);
    statusCallback(sid, UnknownCaller, u"completed"_s, 6);
    QCOMPARE(session(sid).outcome, CallOutcome::Failed);
    QCOMPARE(steps(sid).last(1), QStringList { u"StatusChanged"_s });
    QVERIFY(steps(sid).contains(u"Hangup"_s));
}

void TestCallRouting::routingDisabledRingsTheFallbackDirectly()
{
    setSetting(u"routing.enabled"_s, u"false"_s);
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply reply = incomingCall(sid, BookedCaller);
    QCOMPARE(dialed(reply, u"Number"_s), Fallback);
    QCOMPARE(m_retell->requestCount(), 0);
    QCOMPARE(steps(sid), (QStringList { u"CallReceived"_s, u"DialFallback"_s }));
    QVERIFY(events(sid).at(1).detail.contains(u"routing.enabled"_s));

    QString error;
    QVERIFY(m_admin->settings().unset(u"routing.fallback_number"_s, &error));
    const QString second = FakeTwilio::newCallSid();
    QCOMPARE(incomingCall(second, BookedCaller).twiml().verbNames(), (QStringList { u"Say"_s, u"Hangup"_s }));
    QCOMPARE(session(second).outcome, CallOutcome::Failed);
}

void TestCallRouting::agentNotConfiguredRingsTheFallback()
{
    QString error;
    QVERIFY(m_admin->settings().unset(u"retell.agent_id"_s, &error));
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply reply = incomingCall(sid, BookedCaller);
    QCOMPARE(dialed(reply, u"Number"_s), Fallback);
    QCOMPARE(m_retell->requestCount(), 0);
    QCOMPARE(events(sid).at(2).step, Step::AgentRegistration);
    QCOMPARE(events(sid).at(2).result, EventResult::Failed);
}

void TestCallRouting::refusedRequestsStoreNothing_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("signature");
    QTest::addColumn<bool>("clearAuthToken");
    const QByteArray forged = "L/OH5YylLD5NRKLltdqwSvS0BnU="_ba;
    QTest::newRow("bad signature") << u"/twilio/voice/TOKEN"_s << forged << false;
    QTest::newRow("missing signature") << u"/twilio/voice/TOKEN"_s << QByteArray() << false;
    QTest::newRow("wrong token") << u"/twilio/voice/not-the-token-0000000000"_s << QByteArray("SIGN")
                                 << false;
    QTest::newRow("status with bad signature") << u"/twilio/status/TOKEN"_s << forged << false;
    QTest::newRow("no auth token configured") << u"/twilio/voice/TOKEN"_s << QByteArray("SIGN") << true;
}

void TestCallRouting::refusedRequestsStoreNothing()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, signature);
    QFETCH(bool, clearAuthToken);
    if (clearAuthToken) {
        QString error;
        QVERIFY(m_admin->settings().unset(u"twilio.auth_token"_s, &error));
    }
    const QUrl url = m_twilio->publicUrl(QString(path).replace(u"TOKEN"_s, m_token));
    const FormFields fields = FakeTwilio::callFields(FakeTwilio::newCallSid(), BookedCaller, Business);
    const QByteArray sent = signature == "SIGN" ? m_twilio->sign(url, fields) : signature;
    const TwilioReply reply = m_twilio->postWithSignature(url, fields, sent);
    QCOMPARE(reply.status, 403);
    QCOMPARE(sessionCount(), 0);
    QCOMPARE(m_retell->requestCount(), 0);
}

void TestCallRouting::tooLargeBodyIs413()
{
    FormFields fields = FakeTwilio::callFields(FakeTwilio::newCallSid(), UnknownCaller, Business);
    fields.append({ u"Padding"_s, QString(70 * 1024, u'x') });
    const TwilioReply reply = m_twilio->post(m_twilio->publicUrl(u"/twilio/voice/"_s + m_token), fields);
    QCOMPARE(reply.status, 413);
    QCOMPARE(sessionCount(), 0);
}

void TestCallRouting::tokenlessPathsWork()
{
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply reply = m_twilio->post(
        m_twilio->publicUrl(u"/twilio/voice"_s), FakeTwilio::callFields(sid, UnknownCaller, Business));
    QCOMPARE(reply.status, 200);
    QCOMPARE(dialed(reply, u"Number"_s), Fallback);
    FormFields fields = FakeTwilio::callFields(sid, UnknownCaller, Business, u"completed"_s);
    fields.append({ u"CallDuration"_s, u"12"_s });
    QCOMPARE(m_twilio->post(m_twilio->publicUrl(u"/twilio/status"_s), fields).status, 200);
    QCOMPARE(session(sid).durationSeconds.value_or(-1), 12);
}

void TestCallRouting::missingCallerFieldsStillRingTheFallback()
{
    const QUrl url = m_twilio->publicUrl(u"/twilio/voice/"_s + m_token);
    // No From at all.
    const QString sid = FakeTwilio::newCallSid();
    TwilioReply reply = m_twilio->post(url, { { u"CallSid"_s, sid }, { u"To"_s, Business } });
    QCOMPARE(reply.status, 200);
    QCOMPARE(dialed(reply, u"Number"_s), Fallback);
    // No CallSid either.
    reply = m_twilio->post(url, { { u"AccountSid"_s, u"AC0123456789abcdef0123456789abcdef"_s } });
    QCOMPARE(reply.status, 200);
    QCOMPARE(dialed(reply, u"Number"_s), Fallback);
    // A withheld caller ID never matches a customer.
    const QString anonymous = FakeTwilio::newCallSid();
    reply = incomingCall(anonymous, u"anonymous"_s);
    QCOMPARE(dialed(reply, u"Number"_s), Fallback);
    QVERIFY(events(anonymous).at(1).detail.contains(u"withheld"_s));
}

void TestCallRouting::withheldCallerNeverMatchesACustomer_data()
{
    QTest::addColumn<QString>("from");
    QTest::newRow("Anonymous") << u"Anonymous"_s;
    QTest::newRow("anonymous") << u"anonymous"_s;
    QTest::newRow("Restricted") << u"Restricted"_s;
    QTest::newRow("Unknown") << u"Unknown"_s;
    QTest::newRow("UNKNOWN") << u"UNKNOWN"_s;
    QTest::newRow("empty From") << QString();
    QTest::newRow("Twilio's anonymous number") << u"+266696687"_s;
}

void TestCallRouting::withheldCallerNeverMatchesACustomer()
{
    QFETCH(QString, from);
    // A customer saved with the withheld ID itself as their number (an older version or a hand-edited
    // database could hold one), with an active booking: still not who is calling.
    Customer customer;
    customer.externalId = u"C9"_s;
    customer.name = u"Placeholder Person"_s;
    customer.phoneRaw = from;
    customer.phoneE164 = from;
    const Result<qint64> customerId = CustomerStore(m_admin->database()).insert(customer);
    QVERIFY2(customerId.ok(), qPrintable(customerId.error()));
    Booking booking;
    booking.externalId = u"B9"_s;
    booking.customerId = customerId.value();
    booking.startsAt = QDateTime::currentDateTimeUtc().addSecs(-600);
    booking.endsAt = booking.startsAt.addSecs(3600);
    const Result<UpsertResult> saved = BookingStore(m_admin->database()).upsert(booking);
    QVERIFY2(saved.ok(), qPrintable(saved.error()));

    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply reply = incomingCall(sid, from);
    QCOMPARE(reply.status, 200);
    QCOMPARE(dialed(reply, u"Number"_s), Fallback);
    QCOMPARE(m_retell->requestCount(), 0);
    QCOMPARE(events(sid).at(1).step, Step::BookingLookup);
    QVERIFY2(events(sid).at(1).detail.contains(u"withheld"_s), qPrintable(events(sid).at(1).detail));
    QVERIFY(!session(sid).customerId);
}

void TestCallRouting::unknownSessionOnCallbackRingsTheFallback()
{
    const QString sid = FakeTwilio::newCallSid();
    const QUrl agentAction = m_twilio->publicUrl(u"/twilio/dial/%1?leg=agent"_s.arg(m_token));
    const TwilioReply reply = dialResult(agentAction, sid, BookedCaller, u"failed"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(dialed(reply, u"Number"_s), Fallback);
    QCOMPARE(session(sid).callSid, sid);
}

void TestCallRouting::repeatedVoiceWebhookIsAnsweredOnce()
{
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply first = incomingCall(sid, BookedCaller);
    const TwilioReply second = incomingCall(sid, BookedCaller);
    QCOMPARE(second.status, 200);
    QCOMPARE(dialed(second, u"Sip"_s), dialed(first, u"Sip"_s));
    QCOMPARE(m_retell->requestCount(), 1);
    QCOMPARE(sessionCount(), 1);
    QCOMPARE(steps(sid).count(u"CallReceived"_s), 2);
    QCOMPARE(events(sid).last().result, EventResult::Ignored);
}

void TestCallRouting::repeatAfterARestartIsAnsweredOnce()
{
    // The new router holds no session in memory: the stored one must still be found, though a new
    // call's CallSid is not looked up in the database.
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply first = incomingCall(sid, BookedCaller);
    m_twilio.reset();
    m_service.reset();
    startRouter();
    const TwilioReply second = incomingCall(sid, BookedCaller);
    QCOMPARE(second.status, 200);
    QCOMPARE(dialed(second, u"Sip"_s), dialed(first, u"Sip"_s));
    QCOMPARE(m_retell->requestCount(), 1);
    QCOMPARE(sessionCount(), 1);
    QCOMPARE(steps(sid).count(u"CallReceived"_s), 2);
    // A new call after the restart is routed as one.
    const QString next = FakeTwilio::newCallSid();
    QCOMPARE(dialed(incomingCall(next, BookedCaller), u"Sip"_s).isEmpty(), false);
    QCOMPARE(m_retell->requestCount(), 2);
}

void TestCallRouting::callsWhoseEndWasNeverReportedAreClosedOnStart()
{
    // Calls this computer was routing when it went off: their status callbacks went nowhere.
    m_twilio.reset();
    m_service.reset();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto leftOpen = [&](CallStage stage, const QDateTime &started) {
        CallSessionRecord session;
        session.callSid = FakeTwilio::newCallSid();
        session.from = UnknownCaller;
        session.to = Business;
        session.startedAt = started;
        session.stage = stage;
        session.route = u"fallback"_s;
        QString error;
        [&] { QVERIFY2(CallStore(m_admin->database()).createSession(session, &error), qPrintable(error)); }();
        return session.callSid;
    };
    const QString talked = leftOpen(CallStage::Answered, now.addSecs(-5 * 3600));
    const QDateTime lastHeard = now.addSecs(-5 * 3600 + 90).addMSecs(-now.time().msec());
    QString error;
    QVERIFY2(CallStore(m_admin->database())
                 .appendEvent({ talked, lastHeard, Step::DialTargetResult, EventAction::WebhookReceived, EventResult::Processed,
                                  u"Bob Li answered."_s },
                     &error),
        qPrintable(error));
    const QString rang = leftOpen(CallStage::Ringing, now.addSecs(-6 * 3600));
    // Under four hours old: it may still be going on, and its end may yet be reported.
    const QString recent = leftOpen(CallStage::Answered, now.addSecs(-3600));

    startRouter();
    QTRY_COMPARE(session(talked).outcome, CallOutcome::Answered);
    QTRY_COMPARE(session(rang).outcome, CallOutcome::Missed);
    const CallSessionRecord closed = session(talked);
    // Ended at the last news of it; how long it went on after that is not made up.
    QCOMPARE(closed.endedAt, lastHeard);
    QCOMPARE(closed.durationSeconds, std::nullopt);
    const QList<CallEventRecord> timeline = events(talked);
    QCOMPARE(timeline.size(), 2);
    QCOMPARE(timeline.last().step, Step::StatusChanged);
    QCOMPARE(timeline.last().action, EventAction::Internal);
    QVERIFY2(timeline.last().detail.contains(u"never arrived"_s), qPrintable(timeline.last().detail));
    QCOMPARE(session(rang).endedAt, now.addSecs(-6 * 3600).addMSecs(0));
    QCOMPARE(session(recent).outcome, CallOutcome::Ongoing);
    QVERIFY(!session(recent).endedAt.isValid());

    // Its end is then reported after all: the log keeps what it had.
    QCOMPARE(statusCallback(recent, UnknownCaller, u"completed"_s, 3500).status, 200);
    QCOMPARE(session(recent).outcome, CallOutcome::Answered);
    QCOMPARE(session(recent).durationSeconds, std::optional<int>(3500));
}

void TestCallRouting::aBacklogOfUnfinishedCallsIsClosedInTurns()
{
    m_twilio.reset();
    m_service.reset();
    // A computer that was off over a busy week-end, after a release that never closed them.
    const int backlog = UnfinishedCallSweeper::PerTurn * 2 + 50;
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-2);
    QList<CallSessionRecord> sessions;
    for (int i = 0; i < backlog; ++i) {
        CallSessionRecord session;
        session.callSid = FakeTwilio::newCallSid();
        session.from = UnknownCaller;
        session.to = Business;
        session.startedAt = start.addSecs(i);
        session.stage = CallStage::Ringing;
        sessions.append(session);
    }
    QString error;
    QVERIFY2(CallStore(m_admin->database()).createSessions(sessions, &error), qPrintable(error));

    startRouter();
    auto stillOngoing = [&] {
        waitForTheCallLog();
        QSqlQuery query(m_admin->database().connection());
        query.exec(u"SELECT count(*) FROM call_sessions WHERE outcome = 'ongoing'"_s);
        query.next();
        return query.value(0).toInt();
    };
    QTRY_COMPARE(stillOngoing(), 0);
    QCOMPARE(sessionCount(), backlog);
    // A call routed meanwhile was answered as usual.
    QCOMPARE(incomingCall(FakeTwilio::newCallSid(), UnknownCaller).status, 200);
}

void TestCallRouting::oneRouterPerDataFolder()
{
    RouterService second(m_dir->path());
    QString error;
    QVERIFY(!second.start(QHostAddress::LocalHost, 0, &error));
    QVERIFY2(error.contains(u"already routing calls"_s) && error.contains(QString::number(QCoreApplication::applicationPid())),
        qPrintable(error));
    // The first one still answers; once it has stopped, the folder is free.
    QCOMPARE(incomingCall(FakeTwilio::newCallSid(), UnknownCaller).status, 200);
    m_twilio.reset();
    m_service.reset();
    RouterService third(m_dir->path());
    QVERIFY2(third.start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
}

void TestCallRouting::concurrentRepeatWaitsForTheSameRegistration()
{
    m_retell->setMode(FakeRetellServer::Mode::Slow);
    m_retell->setDelay(std::chrono::milliseconds(200));
    const QString sid = FakeTwilio::newCallSid();
    const QUrl url = m_twilio->publicUrl(u"/twilio/voice/"_s + m_token);
    const FormFields fields = FakeTwilio::callFields(sid, BookedCaller, Business);
    QNetworkReply *a = m_twilio->postAsync(url, fields);
    QNetworkReply *b = m_twilio->postAsync(url, fields);
    const TwilioReply first = FakeTwilio::collect(a);
    const TwilioReply second = FakeTwilio::collect(b);
    QCOMPARE(first.status, 200);
    QCOMPARE(second.status, 200);
    QVERIFY(!dialed(first, u"Sip"_s).isEmpty());
    QCOMPARE(dialed(second, u"Sip"_s), dialed(first, u"Sip"_s));
    QCOMPARE(m_retell->requestCount(), 1);
    QCOMPARE(sessionCount(), 1);
}

void TestCallRouting::statusCallbacksNeverMoveBackwards()
{
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply reply = incomingCall(sid, UnknownCaller);
    statusCallback(sid, UnknownCaller, u"in-progress"_s, 0);
    dialResult(dialAction(reply), sid, UnknownCaller, u"completed"_s, 30);
    statusCallback(sid, UnknownCaller, u"completed"_s, 33);
    // Late and repeated callbacks.
    statusCallback(sid, UnknownCaller, u"ringing"_s, 0);
    statusCallback(sid, UnknownCaller, u"completed"_s, 99);
    statusCallback(sid, UnknownCaller, u"in-progress"_s, 0);
    const CallSessionRecord stored = session(sid);
    QCOMPARE(stored.outcome, CallOutcome::Answered);
    QCOMPARE(stored.durationSeconds.value_or(-1), 33);
    QCOMPARE(stored.lastStatus, u"completed"_s);
    const QList<CallEventRecord> timeline = events(sid);
    QCOMPARE(timeline.last().result, EventResult::Ignored);
    QCOMPARE(timeline.at(timeline.size() - 2).result, EventResult::Ignored);
    QCOMPARE(timeline.at(timeline.size() - 3).result, EventResult::Ignored);

    // A ringing status that arrives after in-progress is out of order.
    const QString other = FakeTwilio::newCallSid();
    incomingCall(other, UnknownCaller);
    statusCallback(other, UnknownCaller, u"in-progress"_s, 0);
    statusCallback(other, UnknownCaller, u"ringing"_s, 0);
    QCOMPARE(session(other).lastStatus, u"in-progress"_s);
    QCOMPARE(session(other).outcome, CallOutcome::Ongoing);
}

void TestCallRouting::agentWaitDoesNotBlockOtherCalls()
{
    m_retell->setMode(FakeRetellServer::Mode::Slow);
    m_retell->setDelay(std::chrono::milliseconds(400));
    const QUrl url = m_twilio->publicUrl(u"/twilio/voice/"_s + m_token);
    QNetworkReply *booked
        = m_twilio->postAsync(url, FakeTwilio::callFields(FakeTwilio::newCallSid(), BookedCaller, Business));
    QTRY_COMPARE(m_retell->requestCount(), 1);
    QElapsedTimer timer;
    timer.start();
    const TwilioReply other = incomingCall(FakeTwilio::newCallSid(), UnknownCaller);
    const qint64 otherMs = timer.elapsed();
    QCOMPARE(other.status, 200);
    QVERIFY2(!booked->isFinished(), "the booked call is still waiting for Retell");
    QVERIFY2(otherMs < 400, qPrintable(u"the other call waited %1 ms"_s.arg(otherMs)));
    const TwilioReply bookedReply = FakeTwilio::collect(booked);
    QVERIFY(!dialed(bookedReply, u"Sip"_s).isEmpty());
}

void TestCallRouting::settingsAndImportsApplyToTheNextCall()
{
    // A setting changed by another connection (the CLI) while the router runs.
    setSetting(u"routing.fallback_number"_s, u"+1 555 000 1111"_s);
    setSetting(u"routing.fallback_timeout_s"_s, u"12"_s);
    TwilioReply reply = incomingCall(FakeTwilio::newCallSid(), UnknownCaller);
    QCOMPARE(dialed(reply, u"Number"_s), u"+15550001111"_s);
    QCOMPARE(reply.twiml().find(u"Dial"_s)->attribute(u"timeout"_s), u"12"_s);

    // An import while the router runs: the new customer's booking is found on the next call.
    const QString bookings = m_dir->writeFile(u"more.csv"_s,
        (u"booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff\n"
         "B9,,New Patient,555-999-0000,%1,,pending,Consultation,\n"_s)
            .arg(iso(QDateTime::currentDateTimeUtc().addSecs(-600)))
            .toUtf8());
    QVERIFY(BookingImporter(m_admin->database()).importFile(bookings, false).committed);
    const QString sid = FakeTwilio::newCallSid();
    reply = incomingCall(sid, UnknownCaller);
    QVERIFY(!dialed(reply, u"Sip"_s).isEmpty());
    QCOMPARE(m_retell->requests().last().value(u"metadata"_s).toObject().value(u"booking_id"_s).toString(),
        u"B9"_s);
}

void TestCallRouting::publicUrlBehindATunnel()
{
    setSetting(u"server.public_url"_s, u"https://frontdesk.example.net/switchboard/"_s);
    m_twilio = std::make_unique<FakeTwilio>(QUrl(u"http://127.0.0.1:%1"_s.arg(m_service->port())),
        AuthToken.toUtf8(), QUrl(u"https://frontdesk.example.net/switchboard"_s));
    const QString sid = FakeTwilio::newCallSid();
    const TwilioReply reply = incomingCall(sid, UnknownCaller);
    QCOMPARE(reply.status, 200);
    const QUrl action = dialAction(reply);
    QCOMPARE(action.toString(),
        u"https://frontdesk.example.net/switchboard/twilio/dial/%1?leg=fallback"_s.arg(m_token));
    QCOMPARE(dialResult(action, sid, UnknownCaller, u"completed"_s, 5).status, 200);

    // Signed for the local URL instead of the public one: refused.
    FakeTwilio local(QUrl(u"http://127.0.0.1:%1"_s.arg(m_service->port())), AuthToken.toUtf8());
    QCOMPARE(local
                 .post(local.publicUrl(u"/twilio/voice/"_s + m_token),
                     FakeTwilio::callFields(FakeTwilio::newCallSid(), UnknownCaller, Business))
                 .status,
        403);
}

void TestCallRouting::busyDatabaseStillAnswersAndLosesNothing()
{
    // Another program (a long import, say) holds the database's write lock.
    bool busy = false;
    QString error;
    QVERIFY2(m_admin->database().beginWrite(&error, &busy, std::chrono::milliseconds(0)), qPrintable(error));
    const QString sid = FakeTwilio::newCallSid();
    QElapsedTimer clock;
    clock.start();
    const TwilioReply reply = incomingCall(sid, UnknownCaller);
    // The caller still reaches a person, well inside Twilio's 15 seconds: the answer waits out
    // its budget for the log (two seconds), never SQLite's five-second lock wait.
    QCOMPARE(reply.status, 200);
    QCOMPARE(dialed(reply, u"Number"_s), Fallback);
    QVERIFY2(clock.elapsed() < 4500, qPrintable(QString::number(clock.elapsed())));

    // Once the other program lets go, the call's log is written after all.
    m_admin->database().rollback();
    QTRY_COMPARE_WITH_TIMEOUT(
        steps(sid), (QStringList { u"CallReceived"_s, u"BookingLookup"_s, u"DialFallback"_s }), 10000);
    // And the call goes on as usual.
    QCOMPARE(dialResult(dialAction(reply), sid, UnknownCaller, u"completed"_s, 40).twiml().verbNames(),
        QStringList { u"Hangup"_s });
    statusCallback(sid, UnknownCaller, u"completed"_s, 45);
    QCOMPARE(session(sid).outcome, CallOutcome::Answered);
}

void TestCallRouting::hangingAgentAndLockedDatabaseStillAnswerInTime()
{
    // The worst case at once: the AI agent never answers within its longest allowed wait, and
    // another program holds the database's write lock.
    setSetting(u"retell.timeout_ms"_s, u"12000"_s);
    m_retell->setMode(FakeRetellServer::Mode::Hang);
    bool busy = false;
    QString error;
    QVERIFY2(m_admin->database().beginWrite(&error, &busy, std::chrono::milliseconds(0)), qPrintable(error));
    const QString sid = FakeTwilio::newCallSid();
    QElapsedTimer clock;
    clock.start();
    const TwilioReply reply = incomingCall(sid, BookedCaller);
    const qint64 elapsed = clock.elapsed();
    // A person still takes the call, and Twilio hears back inside its 15 seconds (connecting included).
    QCOMPARE(reply.status, 200);
    QCOMPARE(dialed(reply, u"Number"_s), Fallback);
    qInfo("answered after %lld ms", elapsed);
    QVERIFY2(elapsed < 14000, qPrintable(QString::number(elapsed)));

    m_admin->database().rollback();
    QTRY_VERIFY_WITH_TIMEOUT(steps(sid).contains(u"DialFallback"_s), 10000);
    QVERIFY(steps(sid).contains(u"AgentRegistration"_s));
}

QTEST_GUILESS_MAIN(TestCallRouting)
#include "tst_callrouting.moc"
