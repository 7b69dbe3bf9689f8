// Where a staff member, team, schedule or caller list is used, including inside menus and the
// `otherwise` of an action, so that an editor never removes something a rule still needs.
#include "routing/plandocument.h"
#include "routing/planreferences.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const char *const s_plan = R"({ "version": 1, "time_zone": "America/New_York",
  "staff": [ { "id": "alice", "name": "Alice Ng", "phone": "+15551110001", "schedule": "office" },
             { "id": "bob", "name": "Bob Ray", "phone": "+15551110002" },
             { "id": "carol", "name": "Carol Diaz", "phone": "+15551110003" } ],
  "schedules": [ { "id": "office", "weekly": [ { "days": ["mon"], "from": "08:00", "to": "17:00" } ] },
                 { "id": "spare", "weekly": [] } ],
  "teams": [ { "id": "front", "name": "Front desk", "tiers": [["alice"], ["bob"]] },
             { "id": "idle", "name": "Idle", "tiers": [["bob"]] } ],
  "lists": { "vip": ["+44"], "unused": ["+33"] },
  "plans": [ { "numbers": ["default"], "rules": [
    { "name": "VIPs", "if": { "caller_in": "vip", "inside": "office" }, "then": { "do": "team", "team": "front" } },
    { "name": "Menu", "if": {}, "then": { "do": "menu", "prompt": { "say": "Press 1." },
        "options": { "1": { "do": "staff", "staff": "carol", "otherwise": { "do": "staff", "staff": "bob" } } } } } ] } ] })";

RoutingModel model()
{
    const PlanDocument::ParseResult parsed
        = PlanDocument::parse(QByteArray(s_plan), u"US"_s, QTimeZone::utc());
    if (!parsed.model)
        qFatal("%s", qPrintable(parsed.errors.join(u"; "_s)));
    return *parsed.model;
}

} // namespace

class TestPlanReferences : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void staffInTiersAndNestedActions();
    void teamsSchedulesAndLists();
    void unusedPartsHaveNoPlaces();
};

void TestPlanReferences::staffInTiersAndNestedActions()
{
    const RoutingModel plan = model();
    QCOMPARE(PlanReferences::ofStaff(plan, u"alice"_s), QStringList { u"team \"Front desk\", tier 1"_s });
    // Carol is a menu option's action; Bob is that option's `otherwise` and in two teams.
    QCOMPARE(PlanReferences::ofStaff(plan, u"carol"_s), QStringList { u"rule \"Menu\""_s });
    QCOMPARE(PlanReferences::ofStaff(plan, u"bob"_s),
        QStringList({ u"team \"Front desk\", tier 2"_s, u"team \"Idle\", tier 1"_s, u"rule \"Menu\""_s }));
}

void TestPlanReferences::teamsSchedulesAndLists()
{
    const RoutingModel plan = model();
    QCOMPARE(PlanReferences::ofTeam(plan, u"front"_s), QStringList { u"rule \"VIPs\""_s });
    QCOMPARE(PlanReferences::ofSchedule(plan, u"office"_s),
        QStringList({ u"on-call hours of Alice Ng"_s, u"rule \"VIPs\""_s }));
    QCOMPARE(PlanReferences::ofList(plan, u"vip"_s), QStringList { u"rule \"VIPs\""_s });
}

void TestPlanReferences::unusedPartsHaveNoPlaces()
{
    const RoutingModel plan = model();
    QVERIFY(PlanReferences::ofTeam(plan, u"idle"_s).isEmpty());
    QVERIFY(PlanReferences::ofSchedule(plan, u"spare"_s).isEmpty());
    QVERIFY(PlanReferences::ofList(plan, u"unused"_s).isEmpty());
    QVERIFY(PlanReferences::ofStaff(plan, u"nobody"_s).isEmpty());
}

QTEST_GUILESS_MAIN(TestPlanReferences)
#include "tst_planreferences.moc"
