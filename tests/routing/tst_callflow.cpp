// CallFlow: the routing engine's answer to each webhook of a call, driven directly without a server.
#include "calllogtestnames.h"
#include "routing/callflow.h"
#include "routing/plandocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

const QTimeZone NewYork("America/New_York");
// Monday 2026-01-05 at noon in New York.
const QDateTime MondayNoon(QDate(2026, 1, 5), QTime(12, 0), NewYork);

const QString Business = u"+15557654321"_s;
const QString AlicesLine = u"+15557654323"_s; // the number Alice answers for
const QString Caller = u"+15552220001"_s;
const QString Fallback = u"+15550009999"_s;
const QString Office = u"+15550001111"_s; // another office, not a staff member
const QString AlicePhone = u"+15551110001"_s;
const QString BobPhone = u"+15551110002"_s;
const QString CarolPhone = u"+15551110003"_s;
const QString DanPhone = u"+15551110004"_s;
const QString Welcome = u"Thanks for calling Bright Smile Dental."_s;

// The business every test starts from: four people, a front desk that rings Alice and then Bob,
// a team that rings three at once, a sticky team, a welcome message, voicemail when nobody answers,
// no "press 1" (the tests of press 1 switch it on). Each test adds the rules of the default plan.
const QByteArray Base = R"({
  "version": 1,
  "time_zone": "America/New_York",
  "staff": [
    { "id": "alice", "name": "Alice Ng", "phone": "+15551110001", "owns_numbers": ["+15557654323"] },
    { "id": "bob", "name": "Bob Ray", "phone": "+15551110002" },
    { "id": "carol", "name": "Carol Diaz", "phone": "+15551110003" },
    { "id": "dan", "name": "Dan Wu", "phone": "+15551110004" }
  ],
  "teams": [
    { "id": "front", "name": "Front desk", "tiers": [["alice"], ["bob"]] },
    { "id": "together", "name": "Everyone", "tiers": [["alice", "bob", "carol"]], "ring": "all_at_once" },
    { "id": "regulars", "name": "Regulars", "tiers": [["alice", "bob", "carol"]], "sticky_days": 30 }
  ],
  "block": ["+1900"],
  "messages": { "welcome": { "say": "Thanks for calling Bright Smile Dental." } },
  "accept": { "required": false, "attempts": 2 },
  "voicemail": { "on_no_answer": true }
})"_ba;

// The base document with `rules` as the default plan; `changes` replaces top-level keys.
RoutingModel model(const QByteArray &rules, const QByteArray &changes = "{}")
{
    QJsonObject root = QJsonDocument::fromJson(Base).object();
    const QJsonObject replaced = QJsonDocument::fromJson(changes).object();
    for (auto it = replaced.begin(); it != replaced.end(); ++it)
        root.insert(it.key(), it.value());
    const QJsonArray parsedRules = QJsonDocument::fromJson(rules).array();
    if (parsedRules.isEmpty())
        qFatal("The test's rules are not a JSON array: %s", rules.constData());
    root.insert(u"plans"_s, QJsonArray { QJsonObject { { u"numbers"_s, QJsonArray { u"default"_s } },
                                { u"rules"_s, parsedRules } } });
    const PlanDocument::ParseResult result
        = PlanDocument::parse(QJsonDocument(root).toJson(), u"US"_s, NewYork);
    if (!result.model)
        qFatal("The test's plan document does not parse: %s", qPrintable(result.errors.join(u'\n')));
    return *result.model;
}

const QByteArray FrontDesk = R"([{ "name": "Everyone", "then": { "do": "team", "team": "front" } }])"_ba;
// A menu of two keys that asks twice before ringing Carol.
const QByteArray Menu = R"([{ "name": "Menu", "then": {
    "do": "menu", "prompt": { "say": "For appointments press 1. For our address press 2." },
    "attempts": 2, "timeout_s": 7,
    "options": { "1": { "do": "team", "team": "front" },
                 "2": { "do": "message", "message": { "say": "We are at 1 Main Street." } } },
    "otherwise": { "do": "staff", "staff": "carol" } } }])"_ba;
const QByteArray PressOne = R"({ "accept": { "required": true, "attempts": 2 } })"_ba;
const QByteArray Agent = R"([{ "name": "Agent", "then": { "do": "ai_agent" } }])"_ba;

// A DialBridged column of test data: 1 "true", 0 "false", -1 not sent.
std::optional<bool> dialBridged(int sent)
{
    return sent < 0 ? std::nullopt : std::optional<bool>(sent == 1);
}

// One verb of a TwiML answer, with its nouns or prompts.
struct Verb
{
    QString name;
    QMap<QString, QString> attributes;
    QString text;
    QList<Verb> children;

    QString attribute(const QString &key) const { return attributes.value(key); }
};

Verb readVerb(QXmlStreamReader &reader)
{
    Verb verb { reader.name().toString(), {}, {}, {} };
    for (const QXmlStreamAttribute &attribute : reader.attributes())
        verb.attributes.insert(attribute.name().toString(), attribute.value().toString());
    while (reader.readNext() != QXmlStreamReader::Invalid && !reader.isEndElement()) {
        if (reader.isStartElement())
            verb.children.append(readVerb(reader));
        else if (reader.isCharacters())
            verb.text += reader.text();
    }
    return verb;
}

// A TwiML answer as Twilio reads it.
struct Twiml
{
    QByteArray xml;
    QList<Verb> verbs;
    QString error;

    QStringList names() const
    {
        QStringList names;
        for (const Verb &verb : verbs)
            names.append(verb.name);
        return names;
    }

    const Verb &verb(const QString &name) const
    {
        for (const Verb &verb : verbs) {
            if (verb.name == name)
                return verb;
        }
        static const Verb none;
        return none;
    }

    // The numbers a <Dial> rings, in order.
    QStringList dialed() const
    {
        QStringList numbers;
        for (const Verb &noun : verb(u"Dial"_s).children)
            numbers.append(noun.text);
        return numbers;
    }

    static Twiml parse(const QByteArray &xml)
    {
        Twiml twiml { xml, {}, {} };
        QXmlStreamReader reader(xml);
        while (!reader.atEnd() && !reader.isStartElement())
            reader.readNext();
        if (reader.name() != u"Response"_s)
            twiml.error = u"the root element is not <Response>"_s;
        while (reader.readNext() != QXmlStreamReader::Invalid && !reader.isEndElement()) {
            if (reader.isStartElement())
                twiml.verbs.append(readVerb(reader));
        }
        if (reader.hasError())
            twiml.error = reader.errorString();
        return twiml;
    }
};

// One call, webhook after webhook. Each webhook gets a fresh CallFlow, and the state goes through
// its JSON between webhooks, as the router stores it in the call's session.
class Call
{
public:
    explicit Call(RoutingModel model, const QString &caller = Caller, const QString &to = Business)
        : model(std::move(model))
    {
        settings.fallbackNumber = Fallback;
        settings.fallbackTimeoutSeconds = 30;
        session.callSid = u"CA0001"_s;
        session.from = caller.isEmpty() ? u"anonymous"_s : caller;
        session.to = to;
        state.callerE164 = caller;
    }

    RoutingModel model;
    RouterSettings settings;
    QDateTime now = MondayNoon;
    QSet<QString> busyStaff;
    QString stickyStaff; // who the call history says last took this caller's calls
    QList<std::pair<QString, int>> stickyAsked; // (caller, days) of every question to the history
    QRandomGenerator random { 7 };

    CallSessionRecord session;
    CallState state;
    QList<CallEventRecord> events; // of the last webhook
    // What the URLs of the lines that ring say of a seat's moves (their `moved`), as Twilio sends it back.
    int moved = 0;
    CallFlow::Next next = CallFlow::Next::Answer;

    Twiml begin()
    {
        // As the router does: the allow/block lists first, then the rules.
        return turn([](CallFlow &flow, TwimlWriter &out) {
            return flow.screen(out) ? CallFlow::Next::Answer : flow.begin(out);
        });
    }

    // `bridged`: Twilio's DialBridged, or nullopt for a request without it.
    Twiml dialResult(const QString &status, DialLeg leg = DialLeg::Target, int seconds = -1,
        std::optional<bool> bridged = std::nullopt)
    {
        CallEvent event;
        event.callSid = session.callSid;
        event.dialCallStatus = status;
        event.dialCallDurationSeconds = seconds;
        event.dialBridged = bridged;
        event.moved = moved;
        return turn([&](CallFlow &flow, TwimlWriter &out) { return flow.dialResult(event, leg, out); });
    }

    // Retell registered the call as `agentCallId`.
    Twiml agentRegistered(const QString &agentCallId)
    {
        return turn([&](CallFlow &flow, TwimlWriter &out) {
            flow.agentRegistered(agentCallId, {}, out);
            return CallFlow::Next::Answer;
        });
    }

    // The answer to a webhook Twilio sent again.
    Twiml repeat()
    {
        return turn([](CallFlow &flow, TwimlWriter &out) {
            flow.repeat(out);
            return CallFlow::Next::Answer;
        });
    }

    Twiml menuKey(const QString &digits)
    {
        CallEvent event;
        event.callSid = session.callSid;
        event.digits = digits;
        return turn([&](CallFlow &flow, TwimlWriter &out) { return flow.menuKey(event, out); });
    }

    Twiml confirmPrompt(const QString &staffId, int attempt)
    {
        return turn([&](CallFlow &flow, TwimlWriter &out) {
            flow.confirmPrompt(staffId, attempt, moved, out);
            return CallFlow::Next::Answer;
        });
    }

    Twiml confirmKey(const QString &staffId, int attempt, const QString &digits)
    {
        return turn([&](CallFlow &flow, TwimlWriter &out) {
            flow.confirmKey(staffId, attempt, moved, digits, out);
            return CallFlow::Next::Answer;
        });
    }

    // Twilio's status callback of a dialled leg that answered.
    void legAnswered(DialLeg leg, const QString &staffId = {})
    {
        turn([&](CallFlow &flow, TwimlWriter &) {
            flow.legAnswered(leg, staffId, moved);
            return CallFlow::Next::Answer;
        });
    }

    // A seat moved the call, and Twilio fetched our control webhook.
    Twiml move(CallMove::Kind kind, const QString &target = {}, const QString &seat = u"Reception 2"_s)
    {
        return turn([&](CallFlow &flow, TwimlWriter &out) { return flow.move({ kind, target, seat }, out); });
    }

    Twiml recorded(int seconds)
    {
        CallEvent event;
        event.callSid = session.callSid;
        if (seconds > 0) {
            event.recordingUrl = u"https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"_s;
            event.recordingDurationSeconds = seconds;
        }
        return turn([&](CallFlow &flow, TwimlWriter &out) {
            flow.recorded(event, out);
            return CallFlow::Next::Answer;
        });
    }

    // The step names of the last webhook's timeline, in order.
    QStringList steps() const
    {
        QStringList steps;
        for (const CallEventRecord &event : events)
            steps.append(CallLogNames::name(event.step));
        return steps;
    }

    // The last webhook's first event of `step`.
    CallEventRecord event(const QString &step) const
    {
        for (const CallEventRecord &event : events) {
            if (CallLogNames::name(event.step) == step)
                return event;
        }
        return {};
    }

    QString detail(const QString &step) const { return event(step).detail; }

    // Every detail of the last webhook's timeline, one a line.
    QString timeline() const
    {
        QStringList details;
        for (const CallEventRecord &event : events)
            details.append(event.detail);
        return details.join(u'\n');
    }

private:
    template<typename Webhook>
    Twiml turn(Webhook webhook)
    {
        const CallbackUrls urls(QUrl(u"https://example.com"_s), u"tok"_s);
        CallContext context { model, settings, urls, now, busyStaff, {}, &random };
        context.stickyStaff = [this](const QString &caller, int days) {
            stickyAsked.append({ caller, days });
            return stickyStaff;
        };
        state = CallState::fromJson(state.toJson());
        TimelineBatch batch(session.callSid);
        TwimlWriter out;
        CallFlow flow(context, session, state, batch);
        next = webhook(flow, out);
        events = batch.events();
        return Twiml::parse(out.toXml());
    }
};

// Sets the AI agent up for `call` and begins it: true when the flow asks to register it with Retell.
bool beginWithTheAgent(Call &call, const QString &sipDomain = u"sip.retellai.com"_s)
{
    call.settings.retellApiKey = u"key_test"_s;
    call.settings.retellAgentId = u"agent_front_desk"_s;
    call.settings.retellSipDomain = sipDomain;
    call.begin();
    return call.next == CallFlow::Next::RegisterAgent;
}

QString dialAction(const QString &leg)
{
    return u"https://example.com/twilio/dial/tok?leg="_s + leg;
}

QString legUrl(const QString &leg, const QString &staffId = {})
{
    return u"https://example.com/twilio/leg/tok?call=CA0001&leg="_s + leg
        + (staffId.isEmpty() ? QString() : u"&staff="_s + staffId);
}

QString confirmUrl(const QString &staffId, int attempt, bool key = false)
{
    return u"https://example.com/twilio/confirm/tok?call=CA0001&staff=%1&attempt=%2%3"_s.arg(staffId)
        .arg(attempt)
        .arg(key ? u"&key=1"_s : QString());
}

} // namespace

class TestCallFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!NewYork.isValid())
            QSKIP("The time zone database is not installed.");
        // The timeline joins names the English way in the tests, whatever the machine's locale.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void refusedCallerIsRejectedUnanswered_data()
    {
        QTest::addColumn<QByteArray>("lists");
        QTest::addColumn<QString>("caller");
        QTest::addColumn<QString>("reason");

        QTest::newRow("blocked by prefix")
            << R"({"block": ["+1900"]})"_ba << u"+19005550100"_s << u"+19005550100 is on the block list (+1900)."_s;
        QTest::newRow("blocked though allowed")
            << R"({"block": ["+1900"], "allow": ["+1"]})"_ba << u"+19005550100"_s
            << u"+19005550100 is on the block list (+1900)."_s;
        QTest::newRow("not on the allow list")
            << R"({"allow": ["+1555111"]})"_ba << Caller << u"+15552220001 is not on the allow list."_s;
        QTest::newRow("withheld with an allow list")
            << R"({"allow": ["+1555111"]})"_ba << QString()
            << u"The caller's number is withheld and only the numbers on the allow list may call."_s;
    }

    void refusedCallerIsRejectedUnanswered()
    {
        QFETCH(QByteArray, lists);
        QFETCH(QString, caller);
        QFETCH(QString, reason);

        Call call(model(FrontDesk, lists), caller);
        const Twiml answer = call.begin();
        QVERIFY2(answer.error.isEmpty(), qPrintable(answer.error));
        // <Reject> as the very first verb: Twilio does not pick up, so there is no welcome.
        QCOMPARE(answer.names(), QStringList { u"Reject"_s });
        QCOMPARE(answer.verbs.at(0).attribute(u"reason"_s), u"rejected"_s);
        QCOMPARE(call.steps(), QStringList { u"CallerBlocked"_s });
        QCOMPARE(call.detail(u"CallerBlocked"_s), reason + u" Rejected the call."_s);
        QCOMPARE(call.session.outcome, CallOutcome::Blocked);
        QCOMPARE(call.session.stage, CallStage::Blocked);
        QCOMPARE(call.session.route, u"blocked"_s);
        QVERIFY2(call.state.dialed.isEmpty(), "nobody rang for a refused caller");
    }

    void allowedCallerGetsThrough()
    {
        Call call(model(FrontDesk, R"({"allow": ["+1555222"]})"), Caller);
        QCOMPARE(call.begin().names(), (QStringList { u"Say"_s, u"Dial"_s }));
        QCOMPARE(call.session.outcome, CallOutcome::Ongoing);
    }

    void welcomeThenTheAction()
    {
        Call call(model(FrontDesk));
        const Twiml answer = call.begin();
        QCOMPARE(answer.names(), (QStringList { u"Say"_s, u"Dial"_s }));
        QCOMPARE(answer.verbs.at(0).text, Welcome);
        QCOMPARE(call.steps(), (QStringList { u"Welcome"_s, u"DialChainResolved"_s, u"DialTarget"_s }));
        QCOMPARE(call.detail(u"DialChainResolved"_s),
            u"Rule \"Everyone\" applies (it applies to every call). Team Front desk: Ringing Alice Ng, then Bob Ray."_s);
        QCOMPARE(call.next, CallFlow::Next::Answer);
    }

    void noWelcomeMessageGoesStraightToTheAction()
    {
        Call call(model(FrontDesk, R"({"messages": {}})"));
        QCOMPARE(call.begin().names(), QStringList { u"Dial"_s });
        QVERIFY(!call.steps().contains(u"Welcome"_s));
    }

    void rejectRuleGetsNoWelcome()
    {
        Call call(model(R"([{ "name": "Spam hours", "if": {}, "then": { "do": "reject" } }])"));
        const Twiml answer = call.begin();
        QCOMPARE(answer.names(), QStringList { u"Reject"_s });
        QCOMPARE(call.steps(), QStringList { u"CallerBlocked"_s });
        QCOMPARE(call.detail(u"CallerBlocked"_s),
            u"Rule \"Spam hours\" applies (it applies to every call). The rule rejects the call. Rejected the call."_s);
        QCOMPARE(call.session.outcome, CallOutcome::Blocked);
    }

    void noRuleAppliesRingsTheFallback()
    {
        Call call(model(R"([{ "name": "Booked", "if": { "has_booking": true }, "then": { "do": "team", "team": "front" } }])"));
        const Twiml answer = call.begin();
        QCOMPARE(answer.names(), (QStringList { u"Say"_s, u"Dial"_s }));
        QCOMPARE(answer.dialed(), QStringList { Fallback });
        QCOMPARE(answer.verb(u"Dial"_s).attribute(u"action"_s), dialAction(u"fallback"_s));
        QCOMPARE(call.steps(), (QStringList { u"Welcome"_s, u"DialFallback"_s }));
        QCOMPARE(call.detail(u"DialFallback"_s),
            u"No rule of the plan applies to this call. Ringing the fallback number +15550009999 for up to 30 second(s)."_s);
    }

    void theRuleOfTheCalledNumberApplies()
    {
        // The sales line has its own plan: a message there, the front desk everywhere else.
        RoutingModel plan = model(FrontDesk);
        RoutingPlan sales;
        sales.numbers = { AlicesLine };
        Rule rule;
        rule.name = u"Sales"_s;
        rule.then.kind = ActionKind::Message;
        rule.then.message.say = u"Sales is closed."_s;
        sales.rules = { rule };
        plan.plans.append(sales);

        Call sold(plan, Caller, AlicesLine);
        QCOMPARE(sold.begin().names(), (QStringList { u"Say"_s, u"Say"_s, u"Hangup"_s }));
        QVERIFY(sold.detail(u"Hangup"_s).startsWith(u"Rule \"Sales\" applies"_s));
        Call front(plan);
        QCOMPARE(front.begin().dialed(), QStringList { AlicePhone });
    }

    void menuPlaysItsPrompt()
    {
        Call call(model(Menu));
        const Twiml answer = call.begin();
        QCOMPARE(answer.names(), (QStringList { u"Say"_s, u"Gather"_s }));
        const Verb &gather = answer.verb(u"Gather"_s);
        QCOMPARE(gather.attribute(u"action"_s), u"https://example.com/twilio/menu/tok"_s);
        QCOMPARE(gather.attribute(u"numDigits"_s), u"1"_s);
        QCOMPARE(gather.attribute(u"timeout"_s), u"7"_s);
        QCOMPARE(gather.attribute(u"actionOnEmptyResult"_s), u"true"_s);
        // The prompt plays inside <Gather>, so that a key interrupts it.
        QCOMPARE(gather.children.size(), 1);
        QCOMPARE(gather.children.at(0).text, u"For appointments press 1. For our address press 2."_s);
        QCOMPARE(call.steps(), (QStringList { u"Welcome"_s, u"GatherDtmf"_s }));
        QCOMPARE(call.session.stage, CallStage::Menu);
        QCOMPARE(call.state.menuAttempt, 1);
    }

    void menuKeyRunsItsOption_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QStringList>("verbs");
        QTest::addColumn<QStringList>("steps");

        QTest::newRow("1: the front desk") << u"1"_s << QStringList { u"Dial"_s }
                                           << QStringList { u"MenuChoice"_s, u"DialChainResolved"_s, u"DialTarget"_s };
        QTest::newRow("2: the address") << u"2"_s << QStringList { u"Say"_s, u"Hangup"_s }
                                        << QStringList { u"MenuChoice"_s, u"Hangup"_s };
        // Twilio stops at one digit (numDigits), but only the first key counts whatever arrives.
        QTest::newRow("2 and more keys") << u"2#"_s << QStringList { u"Say"_s, u"Hangup"_s }
                                         << QStringList { u"MenuChoice"_s, u"Hangup"_s };
    }

    void menuKeyRunsItsOption()
    {
        QFETCH(QString, key);
        QFETCH(QStringList, verbs);
        QFETCH(QStringList, steps);

        Call call(model(Menu));
        call.begin();
        const Twiml answer = call.menuKey(key);
        QCOMPARE(answer.names(), verbs);
        QCOMPARE(call.steps(), steps);
        QCOMPARE(call.detail(u"MenuChoice"_s), u"The caller pressed %1."_s.arg(key.left(1)));
        QCOMPARE(call.event(u"MenuChoice"_s).result, EventResult::Processed);
        if (key.startsWith(u'1'))
            QCOMPARE(answer.dialed(), QStringList { AlicePhone });
        else
            QCOMPARE(answer.verbs.at(0).text, u"We are at 1 Main Street."_s);
    }

    void menuAsksAgainThenTakesItsOtherwise()
    {
        Call call(model(Menu));
        call.begin();

        Twiml answer = call.menuKey(u"9"_s);
        QCOMPARE(answer.names(), QStringList { u"Gather"_s });
        QCOMPARE(answer.verb(u"Gather"_s).children.at(0).text, u"For appointments press 1. For our address press 2."_s);
        QCOMPARE(call.steps(), (QStringList { u"MenuChoice"_s, u"GatherDtmf"_s }));
        QCOMPARE(call.detail(u"MenuChoice"_s), u"The caller pressed 9, which the menu does not offer."_s);
        QCOMPARE(call.event(u"MenuChoice"_s).result, EventResult::Failed);
        QCOMPARE(call.detail(u"GatherDtmf"_s), u"Played the menu again (attempt 2 of 2)."_s);
        QCOMPARE(call.session.stage, CallStage::Menu);

        // The second and last attempt: no key at all, and the menu's otherwise rings Carol.
        answer = call.menuKey(QString());
        QCOMPARE(answer.names(), QStringList { u"Dial"_s });
        QCOMPARE(answer.dialed(), QStringList { CarolPhone });
        QCOMPARE(call.steps(), (QStringList { u"MenuChoice"_s, u"DialChainResolved"_s, u"DialTarget"_s }));
        QCOMPARE(call.detail(u"MenuChoice"_s), u"No key was pressed."_s);
        QCOMPARE(call.detail(u"DialChainResolved"_s),
            u"The menu got no usable key in 2 attempt(s). Trying the rule's next option. Carol Diaz: Ringing Carol Diaz."_s);
        QCOMPARE(call.state.node, u"0.0/x"_s);
    }

    void menuWithoutOtherwiseEndsInTheNeverDropOrder()
    {
        Call call(model(R"([{ "name": "Menu", "then": { "do": "menu", "prompt": { "say": "Press 1." }, "attempts": 1,
                               "options": { "1": { "do": "team", "team": "front" } } } }])"));
        call.begin();
        const Twiml answer = call.menuKey(u"5"_s);
        QCOMPARE(answer.dialed(), QStringList { Fallback });
        QCOMPARE(call.steps(), (QStringList { u"MenuChoice"_s, u"DialFallback"_s }));
        QVERIFY(call.detail(u"DialFallback"_s).startsWith(u"The menu got no usable key in 1 attempt(s)."_s));
    }

    void menuOptionThatRejectsEndsTheCall()
    {
        Call call(model(R"([{ "name": "Menu", "then": { "do": "menu", "prompt": { "say": "Press 3 to be removed." },
                               "options": { "3": { "do": "reject" } } } }])"));
        call.begin();
        const Twiml answer = call.menuKey(u"3"_s);
        // The caller already heard the menu, so the call was answered: it ends, it is not unanswered.
        QCOMPARE(answer.verbs.size(), 1);
        // The menu answered the call, so it can only be hung up (<Reject/> is for an unanswered call).
        QCOMPARE(answer.verbs.at(0).name, u"Hangup"_s);
        QCOMPARE(call.session.outcome, CallOutcome::Blocked);
    }

    void menuKeyAfterThePlanChangedStillReachesSomeone()
    {
        Call call(model(Menu));
        call.begin();
        call.model = model(FrontDesk);
        const Twiml answer = call.menuKey(u"1"_s);
        QCOMPARE(answer.dialed(), QStringList { Fallback });
        QVERIFY(call.detail(u"DialFallback"_s).startsWith(u"The routing plan changed during the call."_s));
    }

    void teamRingsOneByOneThenTheNeverDropOrder()
    {
        Call call(model(FrontDesk));
        Twiml answer = call.begin();
        QCOMPARE(answer.dialed(), QStringList { AlicePhone });
        const Verb &dial = answer.verb(u"Dial"_s);
        QCOMPARE(dial.attribute(u"action"_s), dialAction(u"target"_s));
        QCOMPARE(dial.attribute(u"timeout"_s), u"20"_s);
        QCOMPARE(dial.attribute(u"answerOnBridge"_s), u"true"_s);
        QVERIFY2(dial.children.at(0).attribute(u"url"_s).isEmpty(), "no press 1 in this plan");
        QCOMPARE(call.detail(u"DialTarget"_s), u"Ringing Alice Ng (+15551110001) for up to 20 second(s)."_s);
        QCOMPARE(call.session.stage, CallStage::Ringing);

        // Alice does not answer: the next round rings Bob.
        answer = call.dialResult(u"no-answer"_s);
        QCOMPARE(answer.names(), QStringList { u"Dial"_s });
        QCOMPARE(answer.dialed(), QStringList { BobPhone });
        QCOMPARE(call.steps(), (QStringList { u"DialTargetResult"_s, u"DialTarget"_s }));
        QCOMPARE(call.detail(u"DialTargetResult"_s), u"Alice Ng (+15551110001) did not answer (no-answer)."_s);
        QCOMPARE(call.event(u"DialTargetResult"_s).result, EventResult::Failed);

        // Bob is busy: the chain is done and the fallback number rings.
        answer = call.dialResult(u"busy"_s);
        QCOMPARE(answer.dialed(), QStringList { Fallback });
        QCOMPARE(answer.verb(u"Dial"_s).attribute(u"action"_s), dialAction(u"fallback"_s));
        QCOMPARE(answer.verb(u"Dial"_s).attribute(u"timeout"_s), u"30"_s);
        QCOMPARE(call.steps(), (QStringList { u"DialTargetResult"_s, u"DialFallback"_s }));
        QCOMPARE(call.detail(u"DialFallback"_s),
            u"Nobody in the chain took the call. Ringing the fallback number +15550009999 for up to 30 second(s)."_s);
        QCOMPARE(call.session.stage, CallStage::Fallback);
        QVERIFY(call.session.fallbackDialed);

        // Nobody at the fallback number either: voicemail, as the plan asks when nobody answers.
        answer = call.dialResult(u"no-answer"_s, DialLeg::Fallback);
        QCOMPARE(answer.names(), (QStringList { u"Say"_s, u"Record"_s }));
        QCOMPARE(answer.verb(u"Record"_s).attribute(u"action"_s), u"https://example.com/twilio/recorded/tok"_s);
        QCOMPARE(answer.verb(u"Record"_s).attribute(u"maxLength"_s), u"120"_s);
        QCOMPARE(call.steps(), (QStringList { u"DialFallbackResult"_s, u"Voicemail"_s }));
        QCOMPARE(call.session.stage, CallStage::Voicemail);

        answer = call.recorded(12);
        QCOMPARE(answer.names(), (QStringList { u"Say"_s, u"Hangup"_s }));
        QCOMPARE(call.session.outcome, CallOutcome::Voicemail);
        QCOMPARE(call.session.stage, CallStage::VoicemailLeft);
        QCOMPARE(call.session.route, u"people,fallback,voicemail"_s);
        QCOMPARE(call.state.dialed, (QStringList { AlicePhone, BobPhone, Fallback }));
    }

    void noMessageLeftIsMissed()
    {
        Call call(model(R"([{ "name": "Voicemail", "then": { "do": "voicemail" } }])"));
        call.begin();
        const Twiml answer = call.recorded(0);
        QCOMPARE(answer.names(), QStringList { u"Hangup"_s });
        QCOMPARE(call.session.outcome, CallOutcome::Missed);
    }

    void withoutVoicemailTheClosingMessageEndsIt_data()
    {
        QTest::addColumn<QByteArray>("messages");
        QTest::addColumn<QString>("closing");

        QTest::newRow("Switchboard's sentence") << "{}"_ba << CallFlow::closingSentence();
        QTest::newRow("the plan's closing message")
            << R"({"closing": {"say": "Sorry, we missed you."}})"_ba << u"Sorry, we missed you."_s;
    }

    void withoutVoicemailTheClosingMessageEndsIt()
    {
        QFETCH(QByteArray, messages);
        QFETCH(QString, closing);

        Call call(model(FrontDesk, R"({"voicemail": {"on_no_answer": false}, "messages": )" + messages + "}"));
        call.begin();
        call.dialResult(u"no-answer"_s);
        call.dialResult(u"no-answer"_s);
        const Twiml answer = call.dialResult(u"no-answer"_s, DialLeg::Fallback);
        QCOMPARE(answer.names(), (QStringList { u"Say"_s, u"Hangup"_s }));
        QCOMPARE(answer.verbs.at(0).text, closing);
        QCOMPARE(call.steps(), (QStringList { u"DialFallbackResult"_s, u"Hangup"_s }));
        QCOMPARE(call.detail(u"Hangup"_s), u"The fallback number has already rung. Played the closing message and hung up."_s);
        QCOMPARE(call.session.outcome, CallOutcome::Missed);
        QCOMPARE(call.session.stage, CallStage::Closing);
    }

    void withoutAFallbackNumberTheChainEndsInTheClosingMessage()
    {
        Call call(model(FrontDesk, R"({"voicemail": {"on_no_answer": false}})"));
        call.settings.fallbackNumber.clear();
        call.begin();
        call.dialResult(u"no-answer"_s);
        const Twiml answer = call.dialResult(u"no-answer"_s);
        QCOMPARE(answer.names(), (QStringList { u"Say"_s, u"Hangup"_s }));
        QCOMPARE(call.detail(u"Hangup"_s),
            u"Nobody in the chain took the call. No fallback number is set (routing.fallback_number). Played the "
            u"closing message and hung up."_s);
        // People were rung and nobody answered: missed, not failed.
        QCOMPARE(call.session.outcome, CallOutcome::Missed);
    }

    void nobodyToRingAtAllFails()
    {
        Call call(model(FrontDesk, R"({"voicemail": {"on_no_answer": false}})"));
        call.settings.fallbackNumber.clear();
        call.busyStaff = { u"alice"_s, u"bob"_s };
        const Twiml answer = call.begin();
        QCOMPARE(answer.names(), (QStringList { u"Say"_s, u"Say"_s, u"Hangup"_s }));
        QCOMPARE(call.steps(), (QStringList { u"Welcome"_s, u"DialChainResolved"_s, u"Hangup"_s }));
        QCOMPARE(call.event(u"DialChainResolved"_s).result, EventResult::Failed);
        QVERIFY(call.detail(u"DialChainResolved"_s)
                    .endsWith(u"Nobody in the team can be rung: Alice Ng (on another call) and Bob Ray (on another call)."_s));
        QCOMPARE(call.session.outcome, CallOutcome::Failed);
        QCOMPARE(call.session.stage, CallStage::Failed);
    }

    void theFallbackNumberDoesNotRingTwice()
    {
        // Dan's phone is also the business's fallback number. He was rung as part of the front
        // desk and did not answer; ringing the same phone again as the fallback only makes the
        // caller wait through another 30 seconds of ringing before voicemail.
        RoutingModel plan = model(R"([{ "name": "Everyone", "then": { "do": "staff", "staff": "dan" } }])");
        Call call(plan);
        call.settings.fallbackNumber = DanPhone;
        QCOMPARE(call.begin().dialed(), QStringList { DanPhone });
        const Twiml answer = call.dialResult(u"no-answer"_s);
        QCOMPARE(answer.names(), (QStringList { u"Say"_s, u"Record"_s }));
    }

    void pressOneScreensEachPerson()
    {
        Call call(model(FrontDesk, PressOne));
        call.state.callerName = u"Jane Doe"_s;
        Twiml answer = call.begin();
        QCOMPARE(answer.dialed(), QStringList { AlicePhone });
        // The callee hears the screening prompt on picking up, before they are bridged.
        QCOMPARE(answer.verb(u"Dial"_s).children.at(0).attribute(u"url"_s), confirmUrl(u"alice"_s, 1));
        QCOMPARE(call.detail(u"DialTarget"_s),
            u"Ringing Alice Ng (+15551110001) for up to 20 second(s); they must press 1 to take the call."_s);

        answer = call.confirmPrompt(u"alice"_s, 1);
        QCOMPARE(answer.names(), QStringList { u"Gather"_s });
        const Verb &gather = answer.verb(u"Gather"_s);
        QCOMPARE(gather.attribute(u"action"_s), confirmUrl(u"alice"_s, 1, true));
        QCOMPARE(gather.attribute(u"numDigits"_s), u"1"_s);
        QCOMPARE(gather.children.at(0).name, u"Say"_s);
        QCOMPARE(gather.children.at(0).text, u"Call from Jane Doe. Press 1 to accept."_s);
        QCOMPARE(call.steps(), QStringList { u"ConfirmTarget"_s });
        QCOMPARE(call.detail(u"ConfirmTarget"_s), u"Alice Ng picked up; asked them to press 1 (attempt 1 of 2)."_s);

        // Pressing 1: an empty document, which bridges Alice to the caller.
        answer = call.confirmKey(u"alice"_s, 1, u"1"_s);
        QVERIFY2(answer.error.isEmpty(), qPrintable(answer.error));
        QVERIFY2(answer.verbs.isEmpty(), answer.xml.constData());
        QVERIFY(answer.xml.trimmed().endsWith("<Response/>"));
        QCOMPARE(call.state.acceptedBy, u"alice"_s);
        QCOMPARE(call.steps(), QStringList { u"ConfirmTargetResult"_s });
        QCOMPARE(call.detail(u"ConfirmTargetResult"_s), u"Alice Ng pressed 1 and is connected to the caller."_s);

        answer = call.dialResult(u"completed"_s, DialLeg::Target, 42);
        QCOMPARE(answer.names(), QStringList { u"Hangup"_s });
        QCOMPARE(call.detail(u"DialTargetResult"_s), u"Alice Ng took the call for 42 second(s)."_s);
        QCOMPARE(call.session.outcome, CallOutcome::Answered);
        QCOMPARE(call.session.answeredBy, u"alice"_s);
    }

    // Pressing 1 ends the screening and Twilio bridges the call at once: from then on the caller talks
    // with that person, though the <Dial action> comes only when they hang up.
    void pressingOneConnectsAtOnce()
    {
        Call call(model(FrontDesk, PressOne));
        Twiml answer = call.begin();
        // A screened person is connected by their key, not by answering: no answered callback.
        QVERIFY(answer.verb(u"Dial"_s).children.at(0).attribute(u"statusCallback"_s).isEmpty());
        call.confirmPrompt(u"alice"_s, 1);
        QCOMPARE(call.session.stage, CallStage::Ringing);
        call.confirmKey(u"alice"_s, 1, u"1"_s);
        QCOMPARE(call.session.stage, CallStage::Answered);
        QCOMPARE(call.session.answeredBy, u"alice"_s);
        QCOMPARE(call.session.outcome, CallOutcome::Ongoing);

        // Twilio asking again for her key (our answer went astray) keeps her connected.
        answer = call.confirmKey(u"alice"_s, 1, u"1"_s);
        QVERIFY2(answer.verbs.isEmpty(), answer.xml.constData());
        QCOMPARE(call.event(u"ConfirmTargetResult"_s).result, EventResult::Ignored);
        // Her line's own "answered" is not what connects her, and changes nothing.
        call.legAnswered(DialLeg::Target, u"alice"_s);
        QCOMPARE(call.event(u"DialTargetResult"_s).result, EventResult::Ignored);
        QCOMPARE(call.session.stage, CallStage::Answered);

        answer = call.dialResult(u"completed"_s, DialLeg::Target, 42, true);
        QCOMPARE(answer.names(), QStringList { u"Hangup"_s });
        QCOMPARE(call.event(u"DialTargetResult"_s).result, EventResult::Processed);
        QCOMPARE(call.detail(u"DialTargetResult"_s), u"Alice Ng took the call for 42 second(s)."_s);
        QCOMPARE(call.session.outcome, CallOutcome::Answered);
        QVERIFY(!call.state.legConnected);
        // Twilio repeating that result changes nothing either.
        call.dialResult(u"completed"_s, DialLeg::Target, 42, true);
        QCOMPARE(call.event(u"DialTargetResult"_s).result, EventResult::Ignored);
    }

    // The AI agent, the fallback number and people who need not press 1 are connected the moment they
    // answer: Twilio's answered callback of their leg says so.
    void anAnsweredLegTalksWithTheCaller_data()
    {
        QTest::addColumn<QByteArray>("rules");
        QTest::addColumn<QString>("leg");
        QTest::addColumn<QString>("staffId");
        QTest::addColumn<int>("stage");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<int>("outcome");

        QTest::newRow("the AI agent")
            << Agent << u"agent"_s << QString() << int(CallStage::AgentConnected)
            << u"The AI agent answered and is talking with the caller."_s << int(CallOutcome::AiAgent);
        QTest::newRow("the fallback number")
            << R"([{ "name": "Fallback", "then": { "do": "number", "number": "+15550009999" } }])"_ba
            << u"fallback"_s << QString() << int(CallStage::Answered)
            << u"The fallback number answered and is talking with the caller."_s
            << int(CallOutcome::Answered);
        QTest::newRow("a person, no press 1")
            << FrontDesk << u"target"_s << u"alice"_s << int(CallStage::Answered)
            << u"Alice Ng answered and is talking with the caller."_s << int(CallOutcome::Answered);
        QTest::newRow("a plain number")
            << R"([{ "name": "Office", "then": { "do": "number", "number": "+15550001111" } }])"_ba
            << u"target"_s << QString() << int(CallStage::Answered)
            << u"+15550001111 answered and is talking with the caller."_s << int(CallOutcome::Answered);
    }

    void anAnsweredLegTalksWithTheCaller()
    {
        QFETCH(QByteArray, rules);
        QFETCH(QString, leg);
        QFETCH(QString, staffId);
        QFETCH(int, stage);
        QFETCH(QString, detail);
        QFETCH(int, outcome);

        DialLeg dialLeg = DialLeg::Target;
        QVERIFY(CallbackUrls::parseLeg(leg, &dialLeg));
        Call call(model(rules));
        Twiml answer;
        if (dialLeg == DialLeg::Agent) {
            QVERIFY(beginWithTheAgent(call));
            answer = call.agentRegistered(u"call_abc"_s);
        } else {
            answer = call.begin();
        }
        // Twilio is asked to say when the leg answers.
        const Verb &noun = answer.verb(u"Dial"_s).children.at(0);
        QCOMPARE(noun.attribute(u"statusCallbackEvent"_s), u"answered"_s);
        QCOMPARE(noun.attribute(u"statusCallback"_s), legUrl(leg, staffId));
        QVERIFY(noun.attribute(u"url"_s).isEmpty());

        call.legAnswered(dialLeg, staffId);
        QCOMPARE(int(call.session.stage), stage);
        QCOMPARE(call.steps().size(), 1);
        QCOMPARE(call.events.first().result, EventResult::Processed);
        QCOMPARE(call.events.first().detail, detail);
        QCOMPARE(call.session.answeredBy, staffId);
        // Still going on: the outcome comes with the end of the conversation.
        QCOMPARE(call.session.outcome, CallOutcome::Ongoing);
        call.legAnswered(dialLeg, staffId);
        QCOMPARE(call.events.first().result, EventResult::Ignored);

        answer = call.dialResult(u"completed"_s, dialLeg, 60, true);
        QCOMPARE(answer.names(), QStringList { u"Hangup"_s });
        QCOMPARE(call.events.first().result, EventResult::Processed);
        QCOMPARE(int(call.session.outcome), outcome);
        QCOMPARE(int(call.session.stage), stage);
    }

    // A leg's answer that comes too late (the chain moved on, the call ended) is kept out.
    void aLateAnswerChangesNothing()
    {
        Call call(model(FrontDesk));
        call.begin();
        QCOMPARE(call.dialResult(u"no-answer"_s).dialed(), QStringList { BobPhone });
        call.legAnswered(DialLeg::Target, u"alice"_s); // Alice's round is over
        QCOMPARE(call.event(u"DialTargetResult"_s).result, EventResult::Ignored);
        QCOMPARE(call.session.stage, CallStage::Ringing);
        QVERIFY(call.session.answeredBy.isEmpty());
        call.session.endedAt = MondayNoon.addSecs(60);
        call.legAnswered(DialLeg::Target, u"bob"_s);
        QCOMPARE(call.event(u"DialTargetResult"_s).result, EventResult::Ignored);
        QCOMPARE(call.session.stage, CallStage::Ringing);
    }

    // The caller hung up while talking, and Twilio's report of the end came before the <Dial action>:
    // the <Dial action> still closes the conversation.
    void theDialActionAfterTheEndStillCounts()
    {
        Call call(model(FrontDesk));
        call.begin();
        call.legAnswered(DialLeg::Target, u"alice"_s);
        call.session.endedAt = MondayNoon.addSecs(60);
        call.session.outcome = CallOutcome::Answered; // as the status callback settles it from the stage
        call.dialResult(u"completed"_s, DialLeg::Target, 55, true);
        QCOMPARE(call.detail(u"DialTargetResult"_s), u"Alice Ng took the call for 55 second(s)."_s);
        QCOMPARE(call.session.outcome, CallOutcome::Answered);
    }

    void pressOnePromptNamesTheCaller_data()
    {
        QTest::addColumn<QString>("caller");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("changes");
        QTest::addColumn<QString>("prompt");

        QTest::newRow("a customer by name") << Caller << u"Jane Doe"_s << PressOne
                                            << u"Call from Jane Doe. Press 1 to accept."_s;
        // Read digit by digit, not as "fifteen billion ...".
        QTest::newRow("a stranger by number") << Caller << QString() << PressOne
                                              << u"Call from 1 5 5 5 2 2 2 0 0 0 1. Press 1 to accept."_s;
        QTest::newRow("a withheld caller") << QString() << QString() << PressOne
                                           << u"Call from an unknown number. Press 1 to accept."_s;
        QTest::newRow("the plan's own prompt")
            << Caller << u"Jane Doe"_s
            << R"({"accept": {"required": true}, "messages": {"accept_prompt": {"say": "{caller} is waiting. Press 1."}}})"_ba
            << u"Jane Doe is waiting. Press 1."_s;
    }

    void pressOnePromptNamesTheCaller()
    {
        QFETCH(QString, caller);
        QFETCH(QString, name);
        QFETCH(QByteArray, changes);
        QFETCH(QString, prompt);

        Call call(model(FrontDesk, changes), caller);
        call.state.callerName = name;
        call.begin();
        const Twiml answer = call.confirmPrompt(u"alice"_s, 1);
        QCOMPARE(answer.verb(u"Gather"_s).children.size(), 1);
        QCOMPARE(answer.verb(u"Gather"_s).children.at(0).text, prompt);
    }

    void agentIsDialledOverTcp_data()
    {
        QTest::addColumn<QString>("sipDomain");
        QTest::addColumn<QString>("uri");

        QTest::newRow("Retell's domain")
            << u"sip.retellai.com"_s << u"sip:call_abc@sip.retellai.com;transport=tcp"_s;
        QTest::newRow("a domain with a port")
            << u"sip.example.com:5070"_s << u"sip:call_abc@sip.example.com:5070;transport=tcp"_s;
    }

    void agentIsDialledOverTcp()
    {
        QFETCH(QString, sipDomain);
        QFETCH(QString, uri);

        Call call(model(Agent));
        QVERIFY(beginWithTheAgent(call, sipDomain));
        const Twiml answer = call.agentRegistered(u"call_abc"_s);
        QCOMPARE(answer.names(), QStringList { u"Dial"_s });
        QCOMPARE(answer.verb(u"Dial"_s).attribute(u"action"_s), dialAction(u"agent"_s));
        const QList<Verb> &nouns = answer.verb(u"Dial"_s).children;
        QCOMPARE(nouns.size(), 1);
        QCOMPARE(nouns.at(0).name, u"Sip"_s);
        QCOMPARE(nouns.at(0).text, uri);
        QCOMPARE(call.detail(u"DialAgent"_s), u"Connecting the caller to the AI agent at %1."_s.arg(uri));

        // Twilio asking again gets the very same address.
        const Twiml again = call.repeat();
        QCOMPARE(again.verb(u"Dial"_s).children.value(0).text, uri);
    }

    // Twilio's DialBridged tells whether the callee was connected: "false" with "completed" is a callee
    // who hung up during screening, and the chain goes on. Only a request without it is judged by its
    // status and by who pressed 1.
    void dialBridgedDecidesWhetherAPersonTookTheCall_data()
    {
        QTest::addColumn<bool>("pressOne");
        QTest::addColumn<bool>("pressedOne");
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("bridged");
        QTest::addColumn<bool>("taken");
        QTest::addColumn<QString>("detail");

        const QString took = u"Alice Ng took the call."_s;
        const QString hungUp = u"Alice Ng (+15551110001) picked up but hung up before being connected."_s;
        QTest::newRow("bridged after pressing 1") << true << true << u"completed"_s << 1 << true << took;
        QTest::newRow("pressed 1, hung up before the bridge")
            << true << true << u"completed"_s << 0 << false << hungUp;
        QTest::newRow("hung up during the prompt") << true << false << u"completed"_s << 0 << false << hungUp;
        QTest::newRow("bridged, no press 1 asked") << false << false << u"completed"_s << 1 << true << took;
        QTest::newRow("not bridged, no press 1 asked")
            << false << false << u"completed"_s << 0 << false << hungUp;
        QTest::newRow("not sent: pressed 1") << true << true << u"completed"_s << -1 << true << took;
        QTest::newRow("not sent: nobody pressed 1")
            << true << false << u"completed"_s << -1 << false
            << u"Alice Ng (+15551110001) did not answer (completed)."_s;
        QTest::newRow("not sent: no press 1 asked") << false << false << u"completed"_s << -1 << true << took;
        QTest::newRow("no answer") << false << false << u"no-answer"_s << 0 << false
                                   << u"Alice Ng (+15551110001) did not answer (no-answer)."_s;
    }

    void dialBridgedDecidesWhetherAPersonTookTheCall()
    {
        QFETCH(bool, pressOne);
        QFETCH(bool, pressedOne);
        QFETCH(QString, status);
        QFETCH(int, bridged);
        QFETCH(bool, taken);
        QFETCH(QString, detail);

        Call call(model(FrontDesk, pressOne ? PressOne : "{}"_ba));
        QCOMPARE(call.begin().dialed(), QStringList { AlicePhone });
        if (pressedOne) {
            call.confirmPrompt(u"alice"_s, 1);
            call.confirmKey(u"alice"_s, 1, u"1"_s);
            QCOMPARE(call.state.acceptedBy, u"alice"_s);
        }
        const Twiml answer = call.dialResult(status, DialLeg::Target, -1, dialBridged(bridged));
        QCOMPARE(call.detail(u"DialTargetResult"_s), detail);
        if (taken) {
            QCOMPARE(answer.names(), QStringList { u"Hangup"_s });
            QCOMPARE(call.session.outcome, CallOutcome::Answered);
            QCOMPARE(call.session.answeredBy, u"alice"_s);
        } else {
            QCOMPARE(answer.dialed(), QStringList { BobPhone });
            QCOMPARE(call.session.outcome, CallOutcome::Ongoing);
            QVERIFY(call.session.answeredBy.isEmpty());
        }
    }

    void dialBridgedDecidesForTheAgentAndTheFallback_data()
    {
        QTest::addColumn<QString>("leg");
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("bridged");
        QTest::addColumn<bool>("taken");

        QTest::newRow("agent bridged") << u"agent"_s << u"completed"_s << 1 << true;
        QTest::newRow("agent completed, not bridged") << u"agent"_s << u"completed"_s << 0 << false;
        QTest::newRow("agent completed, not sent") << u"agent"_s << u"completed"_s << -1 << true;
        QTest::newRow("agent failed, not sent") << u"agent"_s << u"failed"_s << -1 << false;
        QTest::newRow("fallback bridged") << u"fallback"_s << u"completed"_s << 1 << true;
        QTest::newRow("fallback completed, not bridged") << u"fallback"_s << u"completed"_s << 0 << false;
        QTest::newRow("fallback completed, not sent") << u"fallback"_s << u"completed"_s << -1 << true;
        QTest::newRow("fallback no-answer, not sent") << u"fallback"_s << u"no-answer"_s << -1 << false;
    }

    void dialBridgedDecidesForTheAgentAndTheFallback()
    {
        QFETCH(QString, leg);
        QFETCH(QString, status);
        QFETCH(int, bridged);
        QFETCH(bool, taken);

        const bool agent = leg == u"agent"_s;
        const QByteArray fallback
            = R"([{ "name": "Fallback", "then": { "do": "number", "number": "+15550009999" } }])"_ba;
        Call call(model(agent ? Agent : fallback));
        if (agent) {
            QVERIFY(beginWithTheAgent(call));
            call.agentRegistered(u"call_abc"_s);
        } else {
            QCOMPARE(call.begin().dialed(), QStringList { Fallback });
        }
        const Twiml answer
            = call.dialResult(status, agent ? DialLeg::Agent : DialLeg::Fallback, -1, dialBridged(bridged));
        const QString step = agent ? u"DialAgentResult"_s : u"DialFallbackResult"_s;
        QCOMPARE(call.event(step).result, taken ? EventResult::Processed : EventResult::Failed);
        if (taken) {
            QCOMPARE(answer.names(), QStringList { u"Hangup"_s });
            QCOMPARE(call.session.outcome, agent ? CallOutcome::AiAgent : CallOutcome::Answered);
            return;
        }
        if (status == u"completed"_s)
            QVERIFY2(
                call.detail(step).contains(u"(completed, not bridged)"_s), qPrintable(call.detail(step)));
        // Not connected: a person next (the fallback number after the agent), then voicemail.
        if (agent)
            QCOMPARE(answer.dialed(), QStringList { Fallback });
        else
            QCOMPARE(answer.names(), (QStringList { u"Say"_s, u"Record"_s }));
        QCOMPARE(call.session.outcome, CallOutcome::Ongoing);
    }

    void wrongKeyAsksAgainThenRefuses()
    {
        Call call(model(FrontDesk, PressOne));
        call.begin();
        call.confirmPrompt(u"alice"_s, 1);

        Twiml answer = call.confirmKey(u"alice"_s, 1, u"5"_s);
        QCOMPARE(answer.names(), QStringList { u"Gather"_s });
        QCOMPARE(answer.verb(u"Gather"_s).attribute(u"action"_s), confirmUrl(u"alice"_s, 2, true));
        QCOMPARE(call.detail(u"ConfirmTargetResult"_s), u"Alice Ng pressed 5. Asked again (attempt 2 of 2)."_s);
        QVERIFY(call.state.acceptedBy.isEmpty());

        // The last attempt: her line hangs up; the caller's <Dial> goes on.
        answer = call.confirmKey(u"alice"_s, 2, QString());
        QCOMPARE(answer.names(), QStringList { u"Hangup"_s });
        QCOMPARE(call.detail(u"ConfirmTargetResult"_s), u"Alice Ng pressed no key. Not accepted; hanging up their line."_s);
        QCOMPARE(call.event(u"ConfirmTargetResult"_s).result, EventResult::Failed);
        QCOMPARE(call.state.refusedBy, QStringList { u"alice"_s });

        // Twilio reports her leg as completed; since she did not press 1, it is no answer and Bob rings.
        answer = call.dialResult(u"completed"_s);
        QCOMPARE(call.detail(u"DialTargetResult"_s), u"Alice Ng picked up but did not press 1."_s);
        QCOMPARE(answer.dialed(), QStringList { BobPhone });
        QCOMPARE(answer.verb(u"Dial"_s).children.at(0).attribute(u"url"_s), confirmUrl(u"bob"_s, 1));
        QVERIFY(call.state.refusedBy.isEmpty());
        QCOMPARE(call.session.outcome, CallOutcome::Ongoing);
        QVERIFY(call.session.answeredBy.isEmpty());
    }

    void onlyTheFirstToPressOneTakesTheCall()
    {
        Call call(model(R"([{ "name": "Everyone", "then": { "do": "team", "team": "together" } }])", PressOne));
        call.begin();
        call.confirmPrompt(u"alice"_s, 1);
        call.confirmPrompt(u"bob"_s, 1);
        call.confirmKey(u"bob"_s, 1, u"1"_s);
        QCOMPARE(call.state.acceptedBy, u"bob"_s);

        Twiml answer = call.confirmKey(u"alice"_s, 1, u"1"_s);
        QCOMPARE(answer.names(), QStringList { u"Hangup"_s });
        QCOMPARE(call.event(u"ConfirmTargetResult"_s).result, EventResult::Ignored);
        QCOMPARE(call.state.acceptedBy, u"bob"_s);
        // Carol picks up late: she is not asked, her line just ends.
        answer = call.confirmPrompt(u"carol"_s, 1);
        QCOMPARE(answer.names(), QStringList { u"Hangup"_s });

        call.dialResult(u"completed"_s, DialLeg::Target, 30);
        QCOMPARE(call.session.answeredBy, u"bob"_s);
        QCOMPARE(call.detail(u"DialTargetResult"_s), u"Bob Ray took the call for 30 second(s)."_s);
    }

    void allAtOnceRingsATierTogether()
    {
        Call call(model(R"([{ "name": "Everyone", "then": { "do": "team", "team": "together" } }])", PressOne));
        const Twiml answer = call.begin();
        QCOMPARE(answer.names(), (QStringList { u"Say"_s, u"Dial"_s }));
        QCOMPARE(answer.dialed(), (QStringList { AlicePhone, BobPhone, CarolPhone }));
        const QList<Verb> &numbers = answer.verb(u"Dial"_s).children;
        QCOMPARE(numbers.at(0).attribute(u"url"_s), confirmUrl(u"alice"_s, 1));
        QCOMPARE(numbers.at(2).attribute(u"url"_s), confirmUrl(u"carol"_s, 1));
        QVERIFY(call.detail(u"DialChainResolved"_s)
                    .endsWith(u"Team Everyone: Ringing Alice Ng, Bob Ray, and Carol Diaz together."_s));
        QCOMPARE(call.state.rounds.size(), 1);
    }

    void busyStaffAreSkipped()
    {
        Call call(model(FrontDesk));
        call.busyStaff = { u"alice"_s };
        const Twiml answer = call.begin();
        QCOMPARE(answer.dialed(), QStringList { BobPhone });
        QVERIFY(call.detail(u"DialChainResolved"_s)
                    .endsWith(u"Team Front desk: Ringing Bob Ray; skipped Alice Ng (on another call)."_s));
    }

    void stickyStaffRingFirst()
    {
        Call call(model(R"([{ "name": "Regulars", "then": { "do": "team", "team": "regulars" } }])"));
        call.stickyStaff = u"carol"_s;
        const Twiml answer = call.begin();
        QCOMPARE(answer.dialed(), QStringList { CarolPhone });
        QCOMPARE(call.stickyAsked, (QList<std::pair<QString, int>> { { Caller, 30 } }));
        QCOMPARE(call.state.rounds.size(), 3);
    }

    void stickinessNeedsACallerAndAStickyTeam()
    {
        Call withheld(model(R"([{ "name": "Regulars", "then": { "do": "team", "team": "regulars" } }])"), QString());
        withheld.stickyStaff = u"carol"_s;
        withheld.begin();
        QVERIFY2(withheld.stickyAsked.isEmpty(), "a withheld caller has no history");

        Call front(model(FrontDesk));
        front.stickyStaff = u"bob"_s;
        QCOMPARE(front.begin().dialed(), QStringList { AlicePhone });
        QVERIFY(front.stickyAsked.isEmpty());
    }

    void assignedStaff_data()
    {
        QTest::addColumn<QString>("assigned");
        QTest::addColumn<QStringList>("busy");
        QTest::addColumn<QString>("rings");
        QTest::addColumn<QString>("why"); // a part of the timeline's reason for falling through

        QTest::newRow("the assigned person") << u"bob"_s << QStringList() << BobPhone << QString();
        QTest::newRow("no assigned person") << QString() << QStringList() << DanPhone
                                            << u"The caller has no assigned staff member."_s;
        QTest::newRow("a person no longer on the staff")
            << u"zed"_s << QStringList() << DanPhone << u"There is no staff member \"zed\"."_s;
        QTest::newRow("the assigned person is busy")
            << u"bob"_s << QStringList { u"bob"_s } << DanPhone << u"Nobody in the team can be rung: Bob Ray (on another call)."_s;
    }

    void assignedStaff()
    {
        QFETCH(QString, assigned);
        QFETCH(QStringList, busy);
        QFETCH(QString, rings);
        QFETCH(QString, why);

        Call call(model(R"([{ "name": "Their person", "then": { "do": "assigned_staff",
                                "otherwise": { "do": "staff", "staff": "dan" } } }])"));
        call.state.assignedStaff = assigned;
        call.busyStaff = QSet<QString>(busy.cbegin(), busy.cend());
        const Twiml answer = call.begin();
        QCOMPARE(answer.dialed(), QStringList { rings });
        if (!why.isEmpty()) {
            QVERIFY2(call.timeline().contains(why), qPrintable(call.timeline()));
            QCOMPARE(call.state.node, u"0.0/x"_s);
        }
    }

    void numberOwner_data()
    {
        QTest::addColumn<QString>("called");
        QTest::addColumn<QString>("rings");

        QTest::newRow("the owner of the number") << AlicesLine << AlicePhone;
        QTest::newRow("a number nobody owns") << Business << DanPhone;
    }

    void numberOwner()
    {
        QFETCH(QString, called);
        QFETCH(QString, rings);

        Call call(model(R"([{ "name": "Owner", "then": { "do": "number_owner",
                                "otherwise": { "do": "staff", "staff": "dan" } } }])"),
            Caller, called);
        const Twiml answer = call.begin();
        QCOMPARE(answer.dialed(), QStringList { rings });
        if (rings == DanPhone)
            QVERIFY(call.detail(u"DialChainResolved"_s).contains(u"Nobody owns the number +15557654321."_s));
    }

    void numberActionOfTheFallbackUsesTheFallbackLeg()
    {
        Call call(model(R"([{ "name": "Office", "then": { "do": "number", "number": "+15550009999", "ring_seconds": 25 } }])",
            PressOne));
        Twiml answer = call.begin();
        QCOMPARE(answer.dialed(), QStringList { Fallback });
        const Verb &dial = answer.verb(u"Dial"_s);
        QCOMPARE(dial.attribute(u"action"_s), dialAction(u"fallback"_s));
        QCOMPARE(dial.attribute(u"timeout"_s), u"25"_s);
        QVERIFY2(dial.children.at(0).attribute(u"url"_s).isEmpty(), "a number cannot press 1");
        QCOMPARE(call.session.stage, CallStage::Fallback);
        QVERIFY(call.session.fallbackDialed);

        // It rang as the fallback, so the never-drop order does not ring it again.
        answer = call.dialResult(u"no-answer"_s, DialLeg::Fallback);
        QCOMPARE(answer.names(), (QStringList { u"Say"_s, u"Record"_s }));
    }

    void numberActionRingsWithoutScreening()
    {
        Call call(model(R"([{ "name": "Office", "then": { "do": "number", "number": "+15550001111" } }])", PressOne));
        const Twiml answer = call.begin();
        QCOMPARE(answer.dialed(), QStringList { Office });
        const Verb &dial = answer.verb(u"Dial"_s);
        QCOMPARE(dial.attribute(u"action"_s), dialAction(u"target"_s));
        QCOMPARE(dial.attribute(u"timeout"_s), u"30"_s);
        QVERIFY2(dial.children.at(0).attribute(u"url"_s).isEmpty(), "a number cannot press 1");
        QCOMPARE(call.session.route, u"number"_s);

        call.dialResult(u"completed"_s, DialLeg::Target, 5);
        QCOMPARE(call.session.outcome, CallOutcome::Answered);
        QVERIFY(call.session.answeredBy.isEmpty());
    }

    void messageActionSaysItAndHangsUp()
    {
        Call call(model(R"([{ "name": "Holiday", "then": { "do": "message", "message": { "say": "We are closed today." } } }])"));
        const Twiml answer = call.begin();
        QCOMPARE(answer.names(), (QStringList { u"Say"_s, u"Say"_s, u"Hangup"_s }));
        QCOMPARE(answer.verbs.at(1).text, u"We are closed today."_s);
        QCOMPARE(call.steps(), (QStringList { u"Welcome"_s, u"Hangup"_s }));
        QCOMPARE(call.detail(u"Hangup"_s),
            u"Rule \"Holiday\" applies (it applies to every call). Played the rule's message and hung up."_s);
        QCOMPARE(call.session.outcome, CallOutcome::Missed);
        QCOMPARE(call.session.stage, CallStage::Closing);
    }

    void otherwiseChainComesBeforeTheNeverDropOrder()
    {
        Call call(model(R"([{ "name": "Everyone", "then": { "do": "team", "team": "front",
            "otherwise": { "do": "number", "number": "+15550001111",
                           "otherwise": { "do": "voicemail", "greeting": { "say": "Leave us a message." } } } } }])"));
        call.begin();
        call.dialResult(u"no-answer"_s);

        Twiml answer = call.dialResult(u"no-answer"_s);
        QCOMPARE(answer.dialed(), QStringList { Office });
        QCOMPARE(call.steps(), (QStringList { u"DialTargetResult"_s, u"DialTarget"_s }));
        QCOMPARE(call.detail(u"DialTarget"_s),
            u"Nobody in the chain took the call. Trying the rule's next option. Ringing +15550001111 for up to 30 "
            u"second(s)."_s);
        QCOMPARE(call.state.node, u"0.0/x"_s);

        answer = call.dialResult(u"no-answer"_s);
        QCOMPARE(answer.names(), (QStringList { u"Say"_s, u"Record"_s }));
        QCOMPARE(answer.verbs.at(0).text, u"Leave us a message."_s);
        QCOMPARE(call.detail(u"DialTargetResult"_s), u"+15550001111 did not answer (no-answer)."_s);
        QVERIFY2(!call.session.fallbackDialed, "the plan's own otherwise comes before the fallback number");
        QCOMPARE(call.session.route, u"people,number,voicemail"_s);
    }

    // A seat transfers a call that is talking with Alice to Bob: Bob rings, the URLs say the call moved,
    // and Alice's line ending afterwards changes nothing.
    void aTransferRingsTheChosenPerson()
    {
        Call call(model(FrontDesk));
        call.begin();
        call.legAnswered(DialLeg::Target, u"alice"_s);
        QCOMPARE(call.session.stage, CallStage::Answered);

        Twiml answer = call.move(CallMove::Kind::Staff, u"bob"_s);
        QCOMPARE(answer.dialed(), QStringList { BobPhone });
        QCOMPARE(answer.verb(u"Dial"_s).attribute(u"action"_s), dialAction(u"target"_s) + u"&moved=1"_s);
        QCOMPARE(call.session.stage, CallStage::Ringing);
        QCOMPARE(call.state.moves, 1);
        QVERIFY(call.timeline().startsWith(u"Moved by Reception 2. Bob Ray: "_s));

        // Alice's line, which Twilio hung up when it moved the call, reports its end.
        call.moved = 0;
        answer = call.dialResult(u"completed"_s, DialLeg::Target, 30, true);
        QCOMPARE(call.events.first().result, EventResult::Ignored);
        QCOMPARE(answer.dialed(), QStringList { BobPhone }); // the call stays where it is
        QCOMPARE(call.session.stage, CallStage::Ringing);
        call.legAnswered(DialLeg::Target, u"alice"_s);
        QCOMPARE(call.events.first().result, EventResult::Ignored);

        call.moved = 1;
        answer = call.dialResult(u"completed"_s, DialLeg::Target, 40, true);
        QCOMPARE(answer.names(), QStringList { u"Hangup"_s });
        QCOMPARE(call.session.outcome, CallOutcome::Answered);
        QCOMPARE(call.session.answeredBy, u"bob"_s);
    }

    // Whoever the seat names rings even if they rang before; a transfer nobody takes falls to the
    // never-drop order (the fallback number rings again: it may be the desk that transferred).
    void aTransferNobodyTakesFallsToTheNeverDropOrder()
    {
        Call call(model(FrontDesk));
        call.begin();
        call.dialResult(u"no-answer"_s);                      // Alice
        QCOMPARE(call.dialResult(u"no-answer"_s).dialed(), QStringList { Fallback }); // Bob, then the fallback
        call.legAnswered(DialLeg::Fallback);
        QCOMPARE(call.session.stage, CallStage::Answered);

        Twiml answer = call.move(CallMove::Kind::Team, u"front"_s);
        QCOMPARE(answer.dialed(), QStringList { AlicePhone });
        call.moved = 1;
        QCOMPARE(call.dialResult(u"no-answer"_s).dialed(), QStringList { BobPhone });
        answer = call.dialResult(u"no-answer"_s);
        QCOMPARE(answer.dialed(), QStringList { Fallback });
        QCOMPARE(call.session.stage, CallStage::Fallback);
        answer = call.dialResult(u"no-answer"_s, DialLeg::Fallback);
        QCOMPARE(answer.names(), (QStringList { u"Say"_s, u"Record"_s })); // voicemail on no answer
    }

    void aTransferToANumberOrAnUnknownPerson()
    {
        Call call(model(FrontDesk));
        call.begin();
        Twiml answer = call.move(CallMove::Kind::Number, Office);
        QCOMPARE(answer.dialed(), QStringList { Office });
        QVERIFY(answer.verb(u"Dial"_s).children.at(0).attribute(u"url"_s).isEmpty()); // no "press 1"

        answer = call.move(CallMove::Kind::Staff, u"nobody"_s);
        QCOMPARE(call.state.moves, 2);
        QVERIFY(call.timeline().contains(u"There is no staff member \"nobody\"."_s));
        QCOMPARE(answer.dialed(), QStringList { Fallback });
    }

    void aSeatSendsTheCallToVoicemail()
    {
        Call call(model(FrontDesk));
        call.begin();
        Twiml answer = call.move(CallMove::Kind::Voicemail, {}, u"Dr. Patel's phone"_s);
        QCOMPARE(answer.names(), (QStringList { u"Say"_s, u"Record"_s }));
        QCOMPARE(call.session.stage, CallStage::Voicemail);
        QVERIFY(call.timeline().startsWith(u"Moved by Dr. Patel's phone. Asked the caller to leave a message"_s));
        // Alice's ringing line ends once Twilio moved the call: it does not touch the recording.
        call.moved = 0;
        answer = call.dialResult(u"no-answer"_s);
        QCOMPARE(call.events.first().result, EventResult::Ignored);
        QCOMPARE(call.session.stage, CallStage::Voicemail);
        answer = call.recorded(12);
        QCOMPARE(call.session.outcome, CallOutcome::Voicemail);
    }

    // Press 1 after a move: a prompt for a line the call left is refused, the new line's is played.
    void pressOneAfterAMove()
    {
        Call call(model(FrontDesk, PressOne));
        call.begin(); // Alice rings, screened
        Twiml answer = call.move(CallMove::Kind::Team, u"together"_s);
        QCOMPARE(answer.dialed(), (QStringList { AlicePhone, BobPhone, CarolPhone }));
        QVERIFY(answer.verb(u"Dial"_s).children.at(0).attribute(u"url"_s).endsWith(u"&moved=1"_s));
        call.moved = 0;
        QCOMPARE(call.confirmPrompt(u"alice"_s, 1).names(), QStringList { u"Hangup"_s });
        call.moved = 1;
        QCOMPARE(call.confirmPrompt(u"alice"_s, 1).names(), QStringList { u"Gather"_s });
        QCOMPARE(call.confirmKey(u"alice"_s, 1, u"1"_s).names(), QStringList {});
        QCOMPARE(call.session.answeredBy, u"alice"_s);
    }

    void aMoveAfterTheEndChangesNothing()
    {
        Call call(model(FrontDesk));
        call.begin();
        call.session.endedAt = MondayNoon.addSecs(30);
        const Twiml answer = call.move(CallMove::Kind::Staff, u"bob"_s);
        QCOMPARE(answer.names(), QStringList { u"Hangup"_s });
        QCOMPARE(call.state.moves, 0);
        QCOMPARE(call.events.first().result, EventResult::Ignored);
    }
};

QTEST_GUILESS_MAIN(TestCallFlow)
#include "tst_callflow.moc"
