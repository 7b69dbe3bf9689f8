// RuleEvaluator: which rule of the routing plan a call matches and why, and who may call at all.
#include "routing/plandocument.h"
#include "routing/ruleevaluator.h"

#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Condition)

namespace {

const QTimeZone NewYork("America/New_York");
const QString Business = u"+15557654321"_s;
const QString SalesLine = u"+15557654322"_s;
const QString Vip = u"+15551234567"_s;
const QString Londoner = u"+447700900123"_s;
const QString Stranger = u"+15559998888"_s;

// The office keeps weekday hours and closes on Christmas Day 2026 (a Friday); the night line
// opens Friday night until Saturday morning and is closed on that Christmas night too. The plan's
// time zone is New York while the calls below come in with UTC times, so that reading them in the
// wrong zone shows. The default plan is the one the tests of evaluate() walk through.
const QByteArray Document = R"({
  "version": 1,
  "time_zone": "America/New_York",
  "staff": [ { "id": "alice", "name": "Alice Ng", "phone": "+15551110001" } ],
  "schedules": [
    { "id": "office", "weekly": [ { "days": ["mon","tue","wed","thu","fri"], "from": "09:00", "to": "17:00" } ],
      "closed": ["2026-12-25"] },
    { "id": "nights", "weekly": [ { "days": ["fri"], "from": "22:00", "to": "06:00" } ], "closed": ["2026-12-25"] }
  ],
  "teams": [ { "id": "front", "tiers": [["alice"]] } ],
  "lists": { "vip": ["+15551234567", "+44"], "premium": ["+1 900"] },
  "plans": [
    { "numbers": ["default"],
      "rules": [
        { "name": "Booked VIPs", "if": { "has_booking": true, "caller_in": "vip" }, "then": { "do": "ai_agent" } },
        { "name": "VIPs", "if": { "caller_in": "vip" }, "then": { "do": "team", "team": "front" } },
        { "name": "After hours", "if": { "outside": "office" }, "then": { "do": "voicemail" } },
        { "name": "Everyone else", "if": {}, "then": { "do": "staff", "staff": "alice" } }
      ] },
    { "numbers": ["+15557654322"],
      "rules": [ { "name": "Sales line", "if": { "has_booking": false }, "then": { "do": "team", "team": "front" } } ] }
  ]
})"_ba;

RoutingModel model(const QByteArray &json = Document)
{
    const PlanDocument::ParseResult result = PlanDocument::parse(json, u"US"_s, NewYork);
    if (!result.model)
        qFatal("The test's plan document does not parse: %s", qPrintable(result.errors.join(u'\n')));
    return *result.model;
}

QDateTime utc(QDate date, QTime time)
{
    return QDateTime(date, time, QTimeZone::utc());
}

// Monday 2026-01-05, 12:00 in New York (17:00 UTC): inside the office hours.
const QDateTime MondayNoon = utc(QDate(2026, 1, 5), QTime(17, 0));
// Monday 2026-01-05, 20:00 in New York (01:00 UTC on Tuesday): after hours.
const QDateTime MondayEvening = utc(QDate(2026, 1, 6), QTime(1, 0));

CallFacts facts(const QString &caller, const QDateTime &at = MondayNoon, bool hasBooking = false,
    const QString &called = Business)
{
    return CallFacts { caller, called, hasBooking, at };
}

Condition bookingIs(bool hasBooking)
{
    Condition condition;
    condition.hasBooking = hasBooking;
    return condition;
}

Condition callerIn(const QString &list)
{
    Condition condition;
    condition.callerIn = list;
    return condition;
}

Condition callerNotIn(const QString &list)
{
    Condition condition;
    condition.callerNotIn = list;
    return condition;
}

Condition inside(const QString &schedule)
{
    Condition condition;
    condition.inside = schedule;
    return condition;
}

Condition outside(const QString &schedule)
{
    Condition condition;
    condition.outside = schedule;
    return condition;
}

Condition called(const QStringList &numbers)
{
    Condition condition;
    condition.called = numbers;
    return condition;
}

} // namespace

class TestRuleEvaluator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!NewYork.isValid())
            QSKIP("The time zone database is not installed.");
    }

    void holds_data()
    {
        QTest::addColumn<Condition>("condition");
        QTest::addColumn<QString>("caller");
        QTest::addColumn<bool>("hasBooking");
        QTest::addColumn<QDateTime>("at");
        QTest::addColumn<QString>("calledNumber");
        QTest::addColumn<bool>("holds");
        QTest::addColumn<QString>("why"); // the whole phrase when the condition holds

        const QDateTime now = MondayNoon;

        QTest::newRow("empty condition holds for every call")
            << Condition() << Stranger << false << now << Business << true << u"it applies to every call"_s;
        QTest::newRow("empty condition holds for a withheld caller")
            << Condition() << QString() << false << now << Business << true << u"it applies to every call"_s;

        QTest::newRow("has booking: booked caller")
            << bookingIs(true) << Stranger << true << now << Business << true << u"the caller has an active booking"_s;
        QTest::newRow("has booking: caller without one")
            << bookingIs(true) << Stranger << false << now << Business << false << QString();
        QTest::newRow("has no booking: caller without one")
            << bookingIs(false) << Stranger << false << now << Business << true << u"the caller has no active booking"_s;
        QTest::newRow("has no booking: booked caller")
            << bookingIs(false) << Stranger << true << now << Business << false << QString();

        QTest::newRow("caller in: a whole number on the list")
            << callerIn(u"vip"_s) << Vip << false << now << Business << true << u"the caller is on the list \"vip\""_s;
        QTest::newRow("caller in: a number under a prefix on the list")
            << callerIn(u"vip"_s) << Londoner << false << now << Business << true << u"the caller is on the list \"vip\""_s;
        QTest::newRow("caller in: a prefix written with spaces")
            << callerIn(u"premium"_s) << u"+19005550100"_s << false << now << Business << true
            << u"the caller is on the list \"premium\""_s;
        QTest::newRow("caller in: a number that only starts like one on the list")
            << callerIn(u"vip"_s) << u"+1555123456"_s << false << now << Business << false << QString();
        QTest::newRow("caller in: a caller on no list")
            << callerIn(u"vip"_s) << Stranger << false << now << Business << false << QString();
        QTest::newRow("caller in: a withheld caller is on no list")
            << callerIn(u"vip"_s) << QString() << false << now << Business << false << QString();

        QTest::newRow("caller not in: a caller on no list")
            << callerNotIn(u"vip"_s) << Stranger << false << now << Business << true
            << u"the caller is not on the list \"vip\""_s;
        QTest::newRow("caller not in: a number on the list")
            << callerNotIn(u"vip"_s) << Vip << false << now << Business << false << QString();
        QTest::newRow("caller not in: a number under a prefix on the list")
            << callerNotIn(u"vip"_s) << Londoner << false << now << Business << false << QString();
        QTest::newRow("caller not in: a withheld caller is not on the list")
            << callerNotIn(u"vip"_s) << QString() << false << now << Business << true
            << u"the caller is not on the list \"vip\""_s;

        // 14:30 UTC is 09:30 in New York (open) and 13:30 UTC is 08:30 there (not yet open): read in
        // UTC both would be inside the hours.
        QTest::newRow("inside: weekday hours")
            << inside(u"office"_s) << Stranger << false << now << Business << true
            << u"it is inside the hours of \"office\""_s;
        QTest::newRow("inside: just after opening in the plan's time zone")
            << inside(u"office"_s) << Stranger << false << utc(QDate(2026, 1, 5), QTime(14, 30)) << Business << true
            << u"it is inside the hours of \"office\""_s;
        QTest::newRow("inside: before opening in the plan's time zone")
            << inside(u"office"_s) << Stranger << false << utc(QDate(2026, 1, 5), QTime(13, 30)) << Business << false
            << QString();
        // 21:30 UTC on Monday is 16:30 in New York: still open, though UTC says evening.
        QTest::newRow("inside: late afternoon in the plan's time zone")
            << inside(u"office"_s) << Stranger << false << utc(QDate(2026, 1, 5), QTime(21, 30)) << Business << true
            << u"it is inside the hours of \"office\""_s;
        QTest::newRow("inside: after hours") << inside(u"office"_s) << Stranger << false << MondayEvening
                                             << Business << false << QString();
        QTest::newRow("inside: weekend") << inside(u"office"_s) << Stranger << false
                                         << utc(QDate(2026, 1, 10), QTime(17, 0)) << Business << false << QString();
        // Friday 2026-12-25 at noon in New York: a weekday, but a closed date.
        QTest::newRow("inside: closed date") << inside(u"office"_s) << Stranger << false
                                             << utc(QDate(2026, 12, 25), QTime(17, 0)) << Business << false
                                             << QString();
        // Saturday 2026-01-10 at 03:00 in New York (08:00 UTC): the Friday night window reaches it.
        QTest::newRow("inside: an overnight window after midnight")
            << inside(u"nights"_s) << Stranger << false << utc(QDate(2026, 1, 10), QTime(8, 0)) << Business << true
            << u"it is inside the hours of \"nights\""_s;
        QTest::newRow("inside: an overnight window before midnight")
            << inside(u"nights"_s) << Stranger << false << utc(QDate(2026, 1, 10), QTime(4, 0)) << Business << true
            << u"it is inside the hours of \"nights\""_s;
        // Saturday 07:00 in New York: the night is over.
        QTest::newRow("inside: after an overnight window ends")
            << inside(u"nights"_s) << Stranger << false << utc(QDate(2026, 1, 10), QTime(12, 0)) << Business
            << false << QString();
        // Saturday 2026-12-26 at 03:00 in New York: the window starts on the closed Christmas night.
        QTest::newRow("inside: an overnight window that started on a closed date")
            << inside(u"nights"_s) << Stranger << false << utc(QDate(2026, 12, 26), QTime(8, 0)) << Business
            << false << QString();

        QTest::newRow("outside: after hours")
            << outside(u"office"_s) << Stranger << false << MondayEvening << Business << true
            << u"it is outside the hours of \"office\""_s;
        QTest::newRow("outside: inside the hours") << outside(u"office"_s) << Stranger << false << now << Business
                                                   << false << QString();
        QTest::newRow("outside: closed date")
            << outside(u"office"_s) << Stranger << false << utc(QDate(2026, 12, 25), QTime(17, 0)) << Business
            << true << u"it is outside the hours of \"office\""_s;
        QTest::newRow("outside: before opening in the plan's time zone")
            << outside(u"office"_s) << Stranger << false << utc(QDate(2026, 1, 5), QTime(13, 30)) << Business
            << true << u"it is outside the hours of \"office\""_s;
        QTest::newRow("outside: an overnight window after midnight")
            << outside(u"nights"_s) << Stranger << false << utc(QDate(2026, 1, 10), QTime(8, 0)) << Business
            << false << QString();

        QTest::newRow("called: the number called")
            << called({ SalesLine }) << Stranger << false << now << SalesLine << true
            << u"the call was made to +15557654322"_s;
        QTest::newRow("called: one of several numbers")
            << called({ Business, SalesLine }) << Stranger << false << now << SalesLine << true
            << u"the call was made to +15557654322"_s;
        QTest::newRow("called: another number")
            << called({ SalesLine }) << Stranger << false << now << Business << false << QString();

        Condition all;
        all.hasBooking = true;
        all.callerIn = u"vip"_s;
        all.inside = u"office"_s;
        all.called = { Business };
        QTest::newRow("all parts hold: every reason is named")
            << all << Vip << true << now << Business << true
            << u"the caller has an active booking and the call was made to +15557654321 and the caller is on "
               u"the list \"vip\" and it is inside the hours of \"office\""_s;
        QTest::newRow("all parts: no booking") << all << Vip << false << now << Business << false << QString();
        QTest::newRow("all parts: not on the list") << all << Stranger << true << now << Business << false << QString();
        QTest::newRow("all parts: after hours") << all << Vip << true << MondayEvening << Business << false << QString();
        QTest::newRow("all parts: another number") << all << Vip << true << now << SalesLine << false << QString();
    }

    void holds()
    {
        QFETCH(Condition, condition);
        QFETCH(QString, caller);
        QFETCH(bool, hasBooking);
        QFETCH(QDateTime, at);
        QFETCH(QString, calledNumber);
        QFETCH(bool, holds);
        QFETCH(QString, why);

        const RoutingModel plan = model();
        QString reasons = u"untouched"_s;
        QCOMPARE(RuleEvaluator::holds(condition, plan, facts(caller, at, hasBooking, calledNumber), &reasons), holds);
        if (holds)
            QCOMPARE(reasons, why);
        // Without a place for the reasons the answer is the same.
        QCOMPARE(RuleEvaluator::holds(condition, plan, facts(caller, at, hasBooking, calledNumber)), holds);
    }

    void reasonsNameTheScheduleAsPeopleCallIt()
    {
        RoutingModel plan = model();
        for (Schedule &schedule : plan.schedules) {
            if (schedule.id == u"office"_s)
                schedule.name = u"Office hours"_s;
        }
        QString reasons;
        QVERIFY(RuleEvaluator::holds(outside(u"office"_s), plan, facts(Stranger, MondayEvening, false, Business), &reasons));
        QCOMPARE(reasons, u"it is outside the hours of \"Office hours\""_s);
    }

    void evaluate_data()
    {
        QTest::addColumn<QString>("caller");
        QTest::addColumn<bool>("hasBooking");
        QTest::addColumn<QDateTime>("at");
        QTest::addColumn<QString>("calledNumber");
        QTest::addColumn<int>("planIndex"); // -1: no rule matches
        QTest::addColumn<int>("ruleIndex");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("why");

        QTest::newRow("booked VIP: the first rule")
            << Vip << true << MondayNoon << Business << 0 << 0 << u"Booked VIPs"_s
            << u"the caller has an active booking and the caller is on the list \"vip\""_s;
        QTest::newRow("VIP without a booking: every part of the first rule must hold")
            << Vip << false << MondayNoon << Business << 0 << 1 << u"VIPs"_s << u"the caller is on the list \"vip\""_s;
        QTest::newRow("VIP after hours: the first rule that matches wins")
            << Londoner << false << MondayEvening << Business << 0 << 1 << u"VIPs"_s
            << u"the caller is on the list \"vip\""_s;
        QTest::newRow("stranger after hours")
            << Stranger << false << MondayEvening << Business << 0 << 2 << u"After hours"_s
            << u"it is outside the hours of \"office\""_s;
        QTest::newRow("booked stranger in office hours: the catch-all")
            << Stranger << true << MondayNoon << Business << 0 << 3 << u"Everyone else"_s
            << u"it applies to every call"_s;
        QTest::newRow("withheld caller: the catch-all")
            << QString() << false << MondayNoon << Business << 0 << 3 << u"Everyone else"_s
            << u"it applies to every call"_s;
        QTest::newRow("a number without a plan of its own: the default plan")
            << Stranger << false << MondayNoon << u"+15550001111"_s << 0 << 3 << u"Everyone else"_s
            << u"it applies to every call"_s;
        QTest::newRow("no called number: the default plan")
            << Vip << false << MondayNoon << QString() << 0 << 1 << u"VIPs"_s << u"the caller is on the list \"vip\""_s;
        QTest::newRow("a number with its own plan: that plan")
            << Vip << false << MondayNoon << SalesLine << 1 << 0 << u"Sales line"_s
            << u"the caller has no active booking"_s;
        // The default plan would match, but a number's own plan replaces it rather than adding to it.
        QTest::newRow("a number with its own plan that matches nothing: no rule")
            << Vip << true << MondayNoon << SalesLine << -1 << -1 << QString() << QString();
    }

    void evaluate()
    {
        QFETCH(QString, caller);
        QFETCH(bool, hasBooking);
        QFETCH(QDateTime, at);
        QFETCH(QString, calledNumber);
        QFETCH(int, planIndex);
        QFETCH(int, ruleIndex);
        QFETCH(QString, rule);
        QFETCH(QString, why);

        const RoutingModel plan = model();
        const std::optional<RuleMatch> match = RuleEvaluator::evaluate(plan, facts(caller, at, hasBooking, calledNumber));
        if (planIndex < 0) {
            QVERIFY2(!match, match ? qPrintable(match->rule->name) : "");
            return;
        }
        QVERIFY(match);
        QCOMPARE(match->planIndex, planIndex);
        QCOMPARE(match->ruleIndex, ruleIndex);
        // The match points into the model, so that the flow runs the very rule that was shown.
        QCOMPARE(match->rule, &plan.plans.at(planIndex).rules.at(ruleIndex));
        QCOMPARE(match->rule->name, rule);
        QCOMPARE(match->why, why);
    }

    void noPlanMatchesNothing()
    {
        // Only the sales line has a plan: a call to any other number has none to follow.
        RoutingModel plan = model();
        plan.plans.removeFirst();
        QVERIFY(!RuleEvaluator::evaluate(plan, facts(Vip, MondayNoon, false, Business)));
        QVERIFY(RuleEvaluator::evaluate(plan, facts(Vip, MondayNoon, false, SalesLine)));

        plan.plans.clear();
        QVERIFY(!RuleEvaluator::evaluate(plan, facts(Vip, MondayNoon, false, SalesLine)));
    }

    void anEmptyPlanMatchesNothing()
    {
        RoutingModel plan = model();
        plan.plans[0].rules.clear();
        QVERIFY(!RuleEvaluator::evaluate(plan, facts(Stranger, MondayNoon, false, Business)));
    }

    void refusal_data()
    {
        QTest::addColumn<QStringList>("allow");
        QTest::addColumn<QStringList>("block");
        QTest::addColumn<QString>("caller");
        QTest::addColumn<QString>("refusal"); // empty: the caller may call

        const QStringList none;
        const QStringList blockPremium { u"+1900"_s, u"+15556660000"_s };
        const QStringList allowStaff { u"+15551110001"_s, u"+44"_s };

        QTest::newRow("no lists: everyone may call") << none << none << Stranger << QString();
        QTest::newRow("no lists: a withheld caller may call") << none << none << QString() << QString();
        QTest::newRow("blocked by a whole number")
            << none << blockPremium << u"+15556660000"_s << u"+15556660000 is on the block list (+15556660000)."_s;
        QTest::newRow("blocked by a prefix")
            << none << blockPremium << u"+19005550100"_s << u"+19005550100 is on the block list (+1900)."_s;
        QTest::newRow("not blocked") << none << blockPremium << Stranger << QString();
        QTest::newRow("a withheld caller is on no block list") << none << blockPremium << QString() << QString();
        QTest::newRow("empty allow list lets everyone in") << none << none << Stranger << QString();
        QTest::newRow("allowed by a whole number") << allowStaff << none << u"+15551110001"_s << QString();
        QTest::newRow("allowed by a prefix") << allowStaff << none << Londoner << QString();
        QTest::newRow("not on the allow list")
            << allowStaff << none << Stranger << u"+15559998888 is not on the allow list."_s;
        QTest::newRow("withheld caller with an allow list")
            << allowStaff << none << QString()
            << u"The caller's number is withheld and only the numbers on the allow list may call."_s;
        QTest::newRow("block wins over allow")
            << QStringList { u"+1"_s } << blockPremium << u"+19005550100"_s
            << u"+19005550100 is on the block list (+1900)."_s;
        QTest::newRow("block wins over allow of the same number")
            << QStringList { u"+15556660000"_s } << blockPremium << u"+15556660000"_s
            << u"+15556660000 is on the block list (+15556660000)."_s;
        QTest::newRow("allowed and not blocked") << QStringList { u"+1"_s } << blockPremium << Stranger << QString();
    }

    void refusal()
    {
        QFETCH(QStringList, allow);
        QFETCH(QStringList, block);
        QFETCH(QString, caller);
        QFETCH(QString, refusal);

        RoutingModel plan = model();
        plan.allow = CallerList(allow);
        plan.block = CallerList(block);
        const std::optional<QString> refused = RuleEvaluator::refusal(plan, caller);
        if (refusal.isEmpty()) {
            QVERIFY2(!refused, refused ? qPrintable(*refused) : "");
        } else {
            QVERIFY(refused);
            QCOMPARE(*refused, refusal);
        }
    }

    void listsFromTheDocumentRefuse()
    {
        const RoutingModel plan = model(R"({ "version": 1, "allow": ["(555) 111-0001", "+44"], "block": ["+44 20"] })"_ba);
        QVERIFY(!RuleEvaluator::refusal(plan, u"+15551110001"_s));
        QVERIFY(!RuleEvaluator::refusal(plan, Londoner));
        QCOMPARE(RuleEvaluator::refusal(plan, u"+442071234567"_s), u"+442071234567 is on the block list (+4420)."_s);
        QVERIFY(RuleEvaluator::refusal(plan, Stranger));
    }
};

QTEST_GUILESS_MAIN(TestRuleEvaluator)
#include "tst_ruleevaluator.moc"
