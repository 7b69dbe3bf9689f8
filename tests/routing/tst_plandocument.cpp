// PlanDocument: the routing plan JSON document read with every fault named by its path, and written back.
#include "routing/plandocument.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QTimeZone NewYork("America/New_York");

// The example of the design document, as a business would write it. Slashes in URLs are escaped
// (JSON allows "\/"): moc takes a double slash inside a raw string for a comment.
const QByteArray Example = R"({
  "version": 1,
  "time_zone": "America/New_York",
  "staff": [
    { "id": "alice", "name": "Alice Ng", "phone": "+1 555 111 0001", "active": true,
      "schedule": "office", "owns_numbers": ["+15557654322"] },
    { "id": "bob", "name": "Bob Ray", "phone": "(555) 111-0002" },
    { "id": "carol", "name": "Carol Diaz", "phone": "555.111.0003", "active": false }
  ],
  "schedules": [
    { "id": "office", "weekly": [ { "days": ["mon","tue","wed","thu","fri"], "from": "08:00", "to": "17:30" },
                                  { "days": ["sat"], "from": "22:00", "to": "02:00" } ],
      "closed": ["2026-12-25"] }
  ],
  "teams": [
    { "id": "front", "name": "Front desk", "tiers": [["alice", "bob"], ["carol"]],
      "ring": "one_by_one", "max_people": 3, "ring_seconds": 20, "skip_dialed": true, "sticky_days": 0 }
  ],
  "lists": { "vip": ["+15551234567", "+44"] },
  "allow": [],
  "block": ["+1 900"],
  "messages": {
    "welcome": { "say": "Thanks for calling Bright Smile Dental.", "voice": "Polly.Joanna", "language": "en-US" },
    "closing": { "say": "Sorry, nobody could take your call. Please try again later." },
    "voicemail_greeting": { "play": "https:\/\/example.com\/greeting.mp3" },
    "accept_prompt": { "say": "Call from {caller}. Press 1 to accept." }
  },
  "accept": { "required": true, "attempts": 2, "timeout_s": 5 },
  "voicemail": { "on_no_answer": true, "max_seconds": 120, "transcribe": false },
  "plans": [
    { "numbers": ["default"],
      "rules": [
        { "name": "Booked callers", "if": { "has_booking": true }, "then": { "do": "ai_agent" } },
        { "name": "After hours", "if": { "outside": "office" }, "then": { "do": "voicemail" } },
        { "name": "VIPs", "if": { "caller_in": "vip" }, "then": { "do": "team", "team": "front" } },
        { "name": "Everyone else", "if": {}, "then": {
            "do": "menu", "prompt": { "say": "For appointments press 1. For billing press 2." },
            "timeout_s": 5, "attempts": 3,
            "options": { "1": { "do": "team", "team": "front" }, "2": { "do": "staff", "staff": "carol" } },
            "otherwise": { "do": "number", "number": "+15550009999" } } }
      ] },
    { "numbers": ["+1 555 765 4322"],
      "rules": [ { "if": {}, "then": { "do": "number_owner", "otherwise": { "do": "voicemail" } } } ] }
  ]
})"_ba;

PlanDocument::ParseResult parse(const QByteArray &json)
{
    return PlanDocument::parse(json, u"US"_s, NewYork);
}

// A document with one default plan of the given rules, and one staff member and team to point at.
QByteArray withRules(const QByteArray &rules)
{
    return R"({ "version": 1,
        "staff": [ { "id": "alice", "name": "Alice", "phone": "+15551110001" } ],
        "teams": [ { "id": "front", "tiers": [["alice"]] } ],
        "lists": { "vip": ["+44"] },
        "schedules": [ { "id": "office", "weekly": [] } ],
        "plans": [ { "numbers": ["default"], "rules": )"_ba
        + rules + "}]}"_ba;
}

} // namespace

class TestPlanDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!NewYork.isValid())
            QSKIP("The time zone database is not installed.");
    }

    void readsTheDesignExample()
    {
        const PlanDocument::ParseResult result = parse(Example);
        QVERIFY2(result.errors.isEmpty(), qPrintable(result.errors.join(u'\n')));
        const RoutingModel &model = *result.model;
        QCOMPARE(model.timeZone.id(), "America/New_York"_ba);
        QCOMPARE(model.staff.size(), 3);
        // Numbers in any written form become E.164.
        QCOMPARE(model.staff.at(0).phone, u"+15551110001"_s);
        QCOMPARE(model.staff.at(1).phone, u"+15551110002"_s);
        QCOMPARE(model.staff.at(2).phone, u"+15551110003"_s);
        QVERIFY(model.staff.at(1).active);
        QVERIFY(!model.staff.at(2).active);
        QCOMPARE(model.staff.at(0).ownsNumbers, QStringList { u"+15557654322"_s });

        const Schedule *office = model.findSchedule(u"office"_s);
        QVERIFY(office);
        QCOMPARE(office->weekly.size(), 2);
        QCOMPARE(office->weekly.at(0).days.size(), 5);
        QCOMPARE(office->weekly.at(1).days, QList<Qt::DayOfWeek> { Qt::Saturday });
        QCOMPARE(office->weekly.at(1).from, QTime(22, 0));
        QCOMPARE(office->weekly.at(1).to, QTime(2, 0));
        QCOMPARE(office->closed, QList<QDate> { QDate(2026, 12, 25) });

        const Team *front = model.findTeam(u"front"_s);
        QVERIFY(front);
        QCOMPARE(front->tiers.size(), 2);
        QCOMPARE(front->tiers.at(0), (QStringList { u"alice"_s, u"bob"_s }));

        QCOMPARE(model.lists.value(u"vip"_s).entries(), (QStringList { u"+15551234567"_s, u"+44"_s }));
        QCOMPARE(model.block.entries(), QStringList { u"+1900"_s });
        QVERIFY(model.allow.isEmpty());
        QCOMPARE(model.messages.welcome.voice, u"Polly.Joanna"_s);
        QCOMPARE(model.messages.voicemailGreeting.play, QUrl(u"https://example.com/greeting.mp3"_s));
        QVERIFY(model.voicemail.onNoAnswer);

        QCOMPARE(model.plans.size(), 2);
        const RoutingPlan &plan = model.plans.at(0);
        QCOMPARE(plan.rules.size(), 4);
        QCOMPARE(plan.rules.at(0).when.hasBooking, std::optional<bool>(true));
        QCOMPARE(plan.rules.at(0).then.kind, ActionKind::AiAgent);
        QCOMPARE(plan.rules.at(1).when.outside, u"office"_s);
        QCOMPARE(plan.rules.at(2).then.team, u"front"_s);
        const Action &menu = plan.rules.at(3).then;
        QCOMPARE(menu.kind, ActionKind::Menu);
        QCOMPARE(menu.options.size(), 2);
        QCOMPARE(menu.options.at(1).digit, u'2');
        QCOMPARE(menu.options.at(1).action->staff, u"carol"_s);
        QVERIFY(menu.otherwise);
        QCOMPARE(menu.otherwise->number, u"+15550009999"_s);
        QCOMPARE(model.plans.at(1).numbers, QStringList { u"+15557654322"_s });
        QCOMPARE(model.plans.at(1).rules.at(0).name, u"Rule 1"_s);
    }

    void picksThePlanOfTheCalledNumber()
    {
        const RoutingModel model = *parse(Example).model;
        QCOMPARE(model.planFor(u"+15557654322"_s), &model.plans.at(1));
        QCOMPARE(model.planFor(u"+15557654321"_s), &model.plans.at(0));
        QCOMPARE(model.planFor(QString()), &model.plans.at(0));
    }

    void writesWhatItReads()
    {
        const RoutingModel model = *parse(Example).model;
        const QByteArray written = PlanDocument::toJson(model);
        const PlanDocument::ParseResult again = parse(written);
        QVERIFY2(again.errors.isEmpty(), qPrintable(again.errors.join(u'\n')));
        QCOMPARE(again.model->plans, model.plans);
        QCOMPARE(again.model->staff, model.staff);
        QCOMPARE(again.model->teams, model.teams);
        QCOMPARE(again.model->lists, model.lists);
        QCOMPARE(again.model->messages, model.messages);
        QCOMPARE(PlanDocument::toJson(*again.model), written);
    }

    void aScheduleKeepsTheNameItIsCalledBy()
    {
        RoutingModel model = *parse(Example).model;
        QVERIFY(!model.schedules.isEmpty());
        const QString id = model.schedules.first().id;
        // Without a name of its own, its id is its name.
        QCOMPARE(model.scheduleName(id), id);
        model.schedules.first().name = u"Office hours (front desk)"_s;
        const QByteArray written = PlanDocument::toJson(model);
        const PlanDocument::ParseResult again = parse(written);
        QVERIFY2(again.errors.isEmpty(), qPrintable(again.errors.join(u'\n')));
        QCOMPARE(again.model->schedules.first().id, id);
        QCOMPARE(again.model->schedules.first().name, u"Office hours (front desk)"_s);
        QCOMPARE(again.model->scheduleName(id), u"Office hours (front desk)"_s);
        // Nobody can name a schedule that is not there.
        QCOMPARE(again.model->scheduleName(u"nowhere"_s), u"nowhere"_s);
    }

    void fillsInTheDefaults()
    {
        const PlanDocument::ParseResult result = parse(R"({ "version": 1 })"_ba);
        QVERIFY2(result.errors.isEmpty(), qPrintable(result.errors.join(u'\n')));
        const RoutingModel &model = *result.model;
        QCOMPARE(model.timeZone, NewYork);
        QVERIFY(model.accept.required);
        QCOMPARE(model.accept.attempts, 2);
        QCOMPARE(model.accept.timeoutSeconds, 5);
        QVERIFY(!model.voicemail.onNoAnswer);
        QCOMPARE(model.voicemail.maxSeconds, 120);
        QVERIFY(model.plans.isEmpty());

        const RoutingModel teams = *parse(withRules(R"([])"_ba)).model;
        const Team &front = teams.teams.at(0);
        QCOMPARE(front.name, u"front"_s);
        QCOMPARE(front.ring, RingMode::OneByOne);
        QCOMPARE(front.maxPeople, 3);
        QCOMPARE(front.ringSeconds, 20);
        QVERIFY(front.skipDialed);
        QCOMPARE(front.stickyDays, 0);
    }

    void theDefaultModelIsTheBookingRule()
    {
        const RoutingModel model = PlanDocument::defaultModel(u"+15550009999"_s, NewYork);
        const RoutingPlan *plan = model.planFor(u"+15557654321"_s);
        QVERIFY(plan);
        QCOMPARE(plan->rules.size(), 2);
        QCOMPARE(plan->rules.at(0).when.hasBooking, std::optional<bool>(true));
        QCOMPARE(plan->rules.at(0).then.kind, ActionKind::AiAgent);
        QCOMPARE(plan->rules.at(1).when, Condition());
        QCOMPARE(plan->rules.at(1).then.number, u"+15550009999"_s);
        // A caller nobody answers leaves a message.
        QVERIFY(model.voicemail.onNoAnswer);
        // And it is a document like any other.
        QVERIFY(parse(PlanDocument::toJson(model)).errors.isEmpty());
    }

    void namesThePathAtFault_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");

        QTest::newRow("not JSON") << "{\n  \"version\": 1,\n  \"plans\": [\n}"_ba << u"not valid JSON at line 4, column 1"_s;
        QTest::newRow("not an object") << "[1]"_ba << u"must be a JSON object"_s;
        QTest::newRow("version missing") << "{}"_ba << u"version: is required"_s;
        QTest::newRow("version from the future") << R"({"version": 2})"_ba << u"version: this Switchboard reads version 1"_s;
        QTest::newRow("unknown top-level key")
            << R"({"version": 1, "plan": []})"_ba << u"plan: unknown key (expected one of: version,"_s;
        QTest::newRow("bad time zone")
            << R"({"version": 1, "time_zone": "Mars/Olympus"})"_ba << u"time_zone: \"Mars/Olympus\" is not a time zone"_s;
        QTest::newRow("unknown team") << withRules(R"([{"then": {"do": "team", "team": "frnt"}}])"_ba)
                                      << u"plans[0].rules[0].then.team: no team \"frnt\""_s;
        QTest::newRow("unknown staff in an option")
            << withRules(R"([{"then": {"do": "menu", "prompt": {"say": "Hi"}, "options": {"1": {"do": "staff", "staff": "zed"}}}}])"_ba)
            << u"plans[0].rules[0].then.options.1.staff: no staff member \"zed\""_s;
        QTest::newRow("unknown action") << withRules(R"([{"then": {"do": "voice_mail"}}])"_ba)
                                        << u"plans[0].rules[0].then.do: \"voice_mail\" is not an action"_s;
        QTest::newRow("missing then") << withRules(R"([{"if": {}}])"_ba) << u"plans[0].rules[0].then: is required"_s;
        QTest::newRow("typo in a condition") << withRules(R"([{"if": {"has_bookings": true}, "then": {"do": "ai_agent"}}])"_ba)
                                             << u"plans[0].rules[0].if.has_bookings: unknown key"_s;
        QTest::newRow("unknown list") << withRules(R"([{"if": {"caller_in": "vips"}, "then": {"do": "reject"}}])"_ba)
                                      << u"plans[0].rules[0].if.caller_in: no list \"vips\""_s;
        QTest::newRow("unknown schedule in a rule")
            << withRules(R"([{"if": {"outside": "ofice"}, "then": {"do": "reject"}}])"_ba)
            << u"plans[0].rules[0].if.outside: no schedule \"ofice\""_s;
        QTest::newRow("bad called number") << withRules(R"([{"if": {"called": ["12"]}, "then": {"do": "reject"}}])"_ba)
                                           << u"plans[0].rules[0].if.called[0]:"_s;
        QTest::newRow("otherwise on reject")
            << withRules(R"([{"then": {"do": "reject", "otherwise": {"do": "voicemail"}}}])"_ba)
            << u"plans[0].rules[0].then.otherwise: only an action that tries to reach someone"_s;
        QTest::newRow("menu key not a digit")
            << withRules(R"([{"then": {"do": "menu", "prompt": {"say": "Hi"}, "options": {"x": {"do": "reject"}}}}])"_ba)
            << u"plans[0].rules[0].then.options.x: a menu key must be one digit"_s;
        QTest::newRow("menu without a prompt") << withRules(R"([{"then": {"do": "menu", "options": {"1": {"do": "reject"}}}}])"_ba)
                                               << u"plans[0].rules[0].then.prompt: must be an object"_s;
        QTest::newRow("menu timeout out of range")
            << withRules(R"([{"then": {"do": "menu", "prompt": {"say": "Hi"}, "timeout_s": 0, "options": {"1": {"do": "reject"}}}}])"_ba)
            << u"plans[0].rules[0].then.timeout_s: must be a whole number from 1 to 60"_s;
        QTest::newRow("ring time out of range") << withRules(R"([{"then": {"do": "staff", "staff": "alice", "ring_seconds": 2}}])"_ba)
                                                << u"plans[0].rules[0].then.ring_seconds: must be a whole number from 5 to 120"_s;
        QTest::newRow("bad number action") << withRules(R"([{"then": {"do": "number", "number": "call me"}}])"_ba)
                                           << u"plans[0].rules[0].then.number:"_s;
        QTest::newRow("team key on a number action")
            << withRules(R"([{"then": {"do": "number", "number": "+15550009999", "team": "front"}}])"_ba)
            << u"plans[0].rules[0].then.team: unknown key"_s;
        QTest::newRow("nested too deep")
            << withRules(R"([{"then": {"do": "ai_agent", "otherwise": {"do": "ai_agent", "otherwise": {"do": "ai_agent",
                "otherwise": {"do": "ai_agent", "otherwise": {"do": "ai_agent", "otherwise": {"do": "ai_agent",
                "otherwise": {"do": "ai_agent", "otherwise": {"do": "ai_agent", "otherwise": {"do": "ai_agent"}}}}}}}}}}])"_ba)
            << u"actions are nested more than 8 deep"_s;
        QTest::newRow("bad staff phone") << R"({"version": 1, "staff": [{"id": "a", "name": "A", "phone": "12"}]})"_ba
                                         << u"staff[0].phone:"_s;
        QTest::newRow("staff without a name") << R"({"version": 1, "staff": [{"id": "a", "phone": "+15551110001"}]})"_ba
                                              << u"staff[0].name: is required"_s;
        QTest::newRow("duplicate staff id")
            << R"({"version": 1, "staff": [{"id": "a", "name": "A", "phone": "+15551110001"},
                                            {"id": "a", "name": "B", "phone": "+15551110002"}]})"_ba
            << u"staff[1].id: another staff member already has the id \"a\""_s;
        QTest::newRow("id with spaces") << R"({"version": 1, "staff": [{"id": "a b", "name": "A", "phone": "+15551110001"}]})"_ba
                                        << u"staff[0].id: \"a b\" is not a usable id"_s;
        QTest::newRow("unknown staff schedule")
            << R"({"version": 1, "staff": [{"id": "a", "name": "A", "phone": "+15551110001", "schedule": "x"}]})"_ba
            << u"staff[0].schedule: no schedule \"x\""_s;
        QTest::newRow("number owned twice")
            << R"({"version": 1, "staff": [{"id": "a", "name": "A", "phone": "+15551110001", "owns_numbers": ["+15557654322"]},
                                            {"id": "b", "name": "B", "phone": "+15551110002", "owns_numbers": ["(555) 765-4322"]}]})"_ba
            << u"staff[1].owns_numbers: +15557654322 already belongs to staff[0]"_s;
        QTest::newRow("unknown day") << R"({"version": 1, "schedules": [{"id": "o", "weekly": [{"days": ["funday"], "from": "08:00", "to": "17:00"}]}]})"_ba
                                     << u"schedules[0].weekly[0].days[0]: \"funday\" is not a day"_s;
        QTest::newRow("no days") << R"({"version": 1, "schedules": [{"id": "o", "weekly": [{"days": [], "from": "08:00", "to": "17:00"}]}]})"_ba
                                 << u"schedules[0].weekly[0].days: needs at least one day"_s;
        QTest::newRow("bad time") << R"({"version": 1, "schedules": [{"id": "o", "weekly": [{"days": ["mon"], "from": "8am", "to": "17:00"}]}]})"_ba
                                  << u"schedules[0].weekly[0].from: \"8am\" is not a time of day"_s;
        QTest::newRow("bad closed date") << R"({"version": 1, "schedules": [{"id": "o", "closed": ["25/12/2026"]}]})"_ba
                                         << u"schedules[0].closed[0]: \"25/12/2026\" is not a date"_s;
        QTest::newRow("tier with unknown staff")
            << R"({"version": 1, "staff": [{"id": "a", "name": "A", "phone": "+15551110001"}],
                   "teams": [{"id": "t", "tiers": [["a", "zed"]]}]})"_ba
            << u"teams[0].tiers[0][1]: no staff member \"zed\""_s;
        QTest::newRow("twice in one tier")
            << R"({"version": 1, "staff": [{"id": "a", "name": "A", "phone": "+15551110001"}],
                   "teams": [{"id": "t", "tiers": [["a", "a"]]}]})"_ba
            << u"teams[0].tiers[0][1]: \"a\" is already in this tier"_s;
        QTest::newRow("team without tiers") << R"({"version": 1, "teams": [{"id": "t", "tiers": []}]})"_ba
                                            << u"teams[0].tiers: needs at least one tier"_s;
        QTest::newRow("max people out of range")
            << R"({"version": 1, "staff": [{"id": "a", "name": "A", "phone": "+15551110001"}],
                   "teams": [{"id": "t", "tiers": [["a"]], "max_people": 11}]})"_ba
            << u"teams[0].max_people: must be a whole number from 1 to 10"_s;
        QTest::newRow("ring mode")
            << R"({"version": 1, "staff": [{"id": "a", "name": "A", "phone": "+15551110001"}],
                   "teams": [{"id": "t", "tiers": [["a"]], "ring": "everyone"}]})"_ba
            << u"teams[0].ring: must be \"one_by_one\" or \"all_at_once\""_s;
        QTest::newRow("bad list entry") << R"({"version": 1, "lists": {"vip": ["+44", "abc"]}})"_ba
                                        << u"lists.vip[1]: \"abc\" is neither a phone number nor a prefix"_s;
        QTest::newRow("block not a list") << R"({"version": 1, "block": "+1900"})"_ba << u"block: must be a list"_s;
        QTest::newRow("say and play")
            << R"({"version": 1, "messages": {"welcome": {"say": "Hi", "play": "https:\/\/example.com\/a.mp3"}}})"_ba
            << u"messages.welcome: needs either \"say\""_s;
        QTest::newRow("play not http") << R"({"version": 1, "messages": {"welcome": {"play": "file:\/\/\/etc\/passwd"}}})"_ba
                                       << u"messages.welcome.play: \"file:///etc/passwd\" is not an http or https address"_s;
        QTest::newRow("unknown message") << R"({"version": 1, "messages": {"goodbye": {"say": "Bye"}}})"_ba
                                         << u"messages.goodbye: unknown key"_s;
        QTest::newRow("accept attempts") << R"({"version": 1, "accept": {"attempts": "two"}})"_ba
                                         << u"accept.attempts: must be a whole number from 1 to 5"_s;
        QTest::newRow("voicemail too long") << R"({"version": 1, "voicemail": {"max_seconds": 600}})"_ba
                                            << u"voicemail.max_seconds: must be a whole number from 5 to 120"_s;
        QTest::newRow("voicemail flag") << R"({"version": 1, "voicemail": {"on_no_answer": "yes"}})"_ba
                                        << u"voicemail.on_no_answer: must be true or false"_s;
        QTest::newRow("plan without numbers") << R"({"version": 1, "plans": [{"numbers": [], "rules": []}]})"_ba
                                              << u"plans[0].numbers: needs at least one number"_s;
        QTest::newRow("two plans for one number")
            << R"({"version": 1, "plans": [{"numbers": ["+15557654321"], "rules": []}, {"numbers": ["(555) 765-4321"], "rules": []}]})"_ba
            << u"plans[1].numbers[0]: +15557654321 already has a plan (plans[0])"_s;
        QTest::newRow("two default plans")
            << R"({"version": 1, "plans": [{"numbers": ["default"], "rules": []}, {"numbers": ["default"], "rules": []}]})"_ba
            << u"plans[1].numbers[0]: default already has a plan (plans[0])"_s;
    }

    void namesThePathAtFault()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const PlanDocument::ParseResult result = parse(json);
        QVERIFY2(!result.model, "a document with a fault gives no model");
        const bool named = std::any_of(result.errors.cbegin(), result.errors.cend(),
            [&](const QString &error) { return error.startsWith(expected) || error.contains(expected); });
        QVERIFY2(named, qPrintable(u"expected \"%1\" among:\n%2"_s.arg(expected, result.errors.join(u'\n'))));
    }

    // Ringing someone first and again as the last resort is a plan a business may well want;
    // skip_dialed says whether the later tier rings them again.
    void personInTwoTiersIsAccepted_data()
    {
        QTest::addColumn<bool>("skipDialed");
        QTest::newRow("skip_dialed on") << true;
        QTest::newRow("skip_dialed off") << false;
    }

    void personInTwoTiersIsAccepted()
    {
        QFETCH(bool, skipDialed);
        const QByteArray json = R"({ "version": 1,
            "staff": [ { "id": "alice", "name": "Alice", "phone": "+15551110001" },
                       { "id": "bob", "name": "Bob", "phone": "+15551110002" } ],
            "teams": [ { "id": "front", "tiers": [["alice", "bob"], ["alice"]], "skip_dialed": %1 } ] })"_ba;
        const PlanDocument::ParseResult result
            = parse(QByteArray(json).replace("%1", skipDialed ? "true" : "false"));
        QVERIFY2(result.errors.isEmpty(), qPrintable(result.errors.join(u'\n')));
        const Team *front = result.model->findTeam(u"front"_s);
        QVERIFY(front);
        QCOMPARE(front->tiers, (QList<QStringList> { { u"alice"_s, u"bob"_s }, { u"alice"_s } }));
        QCOMPARE(front->skipDialed, skipDialed);

        // Written out and read back, the team still lists her twice.
        const PlanDocument::ParseResult again = parse(PlanDocument::toJson(*result.model));
        QVERIFY2(again.errors.isEmpty(), qPrintable(again.errors.join(u'\n')));
        QCOMPARE(again.model->findTeam(u"front"_s)->tiers, front->tiers);
    }

    void listsEveryFaultAtOnce()
    {
        const PlanDocument::ParseResult result = parse(R"({ "version": 1,
            "staff": [ { "id": "alice", "name": "Alice", "phone": "12" } ],
            "teams": [ { "id": "front", "tiers": [["alice", "bob"]], "max_people": 0 } ],
            "plans": [ { "numbers": ["default"], "rules": [ { "then": { "do": "team", "team": "back" } } ] } ] })"_ba);
        QCOMPARE(result.errors.size(), 4);
        QVERIFY(result.errors.at(0).startsWith(u"staff[0].phone:"_s));
        QVERIFY(result.errors.contains(u"teams[0].tiers[0][1]: no staff member \"bob\""_s));
        QVERIFY(result.errors.contains(u"teams[0].max_people: must be a whole number from 1 to 10"_s));
        QVERIFY(result.errors.contains(u"plans[0].rules[0].then.team: no team \"back\""_s));
    }

    void callerListsMatchNumbersAndPrefixes()
    {
        const RoutingModel model = *parse(Example).model;
        const CallerList &vip = model.lists.value(u"vip"_s);
        QVERIFY(vip.matches(u"+15551234567"_s));
        QVERIFY(vip.matches(u"+447700900123"_s));
        QCOMPARE(vip.matchingEntry(u"+447700900123"_s), u"+44"_s);
        QVERIFY(!vip.matches(u"+15551234568"_s));
        QVERIFY2(!vip.matches(QString()), "a withheld caller is on no list");
        QVERIFY(model.block.matches(u"+19005550100"_s));
        QVERIFY(!model.block.matches(u"+15559000000"_s));
    }
};

QTEST_GUILESS_MAIN(TestPlanDocument)
#include "tst_plandocument.moc"
