// ActionPath: where an action sits in the routing plan, kept as text between a call's webhooks.
#include "routing/actionpath.h"
#include "routing/plandocument.h"

#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ActionPath)

namespace {

const QTimeZone NewYork("America/New_York");

// Two plans; the first rule of the default plan is a menu whose key 2 is another menu, and whose
// otherwise is a number with a voicemail behind it.
const QByteArray Document = R"({
  "version": 1,
  "staff": [ { "id": "alice", "name": "Alice Ng", "phone": "+15551110001" },
             { "id": "bob", "name": "Bob Ray", "phone": "+15551110002" } ],
  "teams": [ { "id": "front", "tiers": [["alice", "bob"]] } ],
  "plans": [
    { "numbers": ["default"],
      "rules": [
        { "name": "Menu", "then": {
            "do": "menu", "prompt": { "say": "Press 1 for the front desk, 2 for more." },
            "options": {
              "1": { "do": "team", "team": "front" },
              "2": { "do": "menu", "prompt": { "say": "Press 3 for Bob." },
                     "options": { "3": { "do": "staff", "staff": "bob" } } } },
            "otherwise": { "do": "number", "number": "+15550009999", "otherwise": { "do": "voicemail" } } } },
        { "name": "Everyone else", "then": { "do": "message", "message": { "say": "Goodbye." } } }
      ] },
    { "numbers": ["+15557654322"],
      "rules": [ { "name": "Sales", "then": { "do": "staff", "staff": "alice" } } ] }
  ]
})"_ba;

RoutingModel model()
{
    const PlanDocument::ParseResult result = PlanDocument::parse(Document, u"US"_s, NewYork);
    if (!result.model)
        qFatal("The test's plan document does not parse: %s", qPrintable(result.errors.join(u'\n')));
    return *result.model;
}

} // namespace

class TestActionPath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!NewYork.isValid())
            QSKIP("The time zone database is not installed.");
    }

    void text_data()
    {
        QTest::addColumn<ActionPath>("path");
        QTest::addColumn<QString>("text");

        const ActionPath rule(0, 3);
        QTest::newRow("a rule") << rule << u"0.3"_s;
        QTest::newRow("a rule of another plan") << ActionPath(12, 0) << u"12.0"_s;
        QTest::newRow("a menu key") << rule.option(u'2') << u"0.3/2"_s;
        QTest::newRow("key 0") << rule.option(u'0') << u"0.3/0"_s;
        QTest::newRow("an otherwise") << rule.otherwise() << u"0.3/x"_s;
        QTest::newRow("keys and otherwises below each other")
            << ActionPath(1, 0).option(u'2').otherwise().option(u'9').otherwise() << u"1.0/2/x/9/x"_s;
    }

    void text()
    {
        QFETCH(ActionPath, path);
        QFETCH(QString, text);
        QVERIFY(path.isValid());
        QCOMPARE(path.toString(), text);
        // What the session stores is read back as the same path.
        QCOMPARE(ActionPath::parse(text), path);
        QCOMPARE(ActionPath::parse(text).toString(), text);
    }

    void invalidText_data()
    {
        QTest::addColumn<QString>("text");

        QTest::newRow("empty") << QString();
        QTest::newRow("plan only") << u"0"_s;
        QTest::newRow("three numbers") << u"0.1.2"_s;
        QTest::newRow("not numbers") << u"a.b"_s;
        QTest::newRow("negative plan") << u"-1.0"_s;
        QTest::newRow("negative rule") << u"0.-1"_s;
        QTest::newRow("missing rule") << u"0."_s;
        QTest::newRow("empty branch") << u"0.1/"_s;
        QTest::newRow("two digits in one branch") << u"0.1/12"_s;
        QTest::newRow("unknown branch letter") << u"0.1/y"_s;
        QTest::newRow("star key") << u"0.1/*"_s;
        QTest::newRow("branch without a rule") << u"/1"_s;
        QTest::newRow("garbage") << u"{\"node\": 1}"_s;
    }

    void invalidText()
    {
        QFETCH(QString, text);
        const ActionPath path = ActionPath::parse(text);
        QVERIFY(!path.isValid());
        QCOMPARE(path.toString(), QString());
        QCOMPARE(path, ActionPath());
        QCOMPARE(path.resolve(model()), nullptr);
    }

    void theDefaultPathIsInvalid()
    {
        QVERIFY(!ActionPath().isValid());
        QCOMPARE(ActionPath().toString(), QString());
        // Going below an invalid path does not make it valid.
        QVERIFY(!ActionPath().option(u'1').isValid());
        QCOMPARE(ActionPath().otherwise().toString(), QString());
        QVERIFY(!ActionPath(-1, 0).isValid());
        QVERIFY(!ActionPath(0, -1).isValid());
    }

    void resolve_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind"); // ActionKind, or -1 for no action
        QTest::addColumn<QString>("detail"); // the team, staff or number the action names

        const auto kind = [](ActionKind k) { return int(k); };
        QTest::newRow("a rule's action") << u"0.0"_s << kind(ActionKind::Menu) << QString();
        QTest::newRow("another rule") << u"0.1"_s << kind(ActionKind::Message) << QString();
        QTest::newRow("another plan") << u"1.0"_s << kind(ActionKind::Staff) << u"alice"_s;
        QTest::newRow("a menu key") << u"0.0/1"_s << kind(ActionKind::Team) << u"front"_s;
        QTest::newRow("a key of a menu below a menu") << u"0.0/2/3"_s << kind(ActionKind::Staff) << u"bob"_s;
        QTest::newRow("the menu's otherwise") << u"0.0/x"_s << kind(ActionKind::Number) << u"+15550009999"_s;
        QTest::newRow("an otherwise's otherwise") << u"0.0/x/x"_s << kind(ActionKind::Voicemail) << QString();

        QTest::newRow("a key the menu does not offer") << u"0.0/9"_s << -1 << QString();
        QTest::newRow("a key below an action that is no menu") << u"0.0/1/2"_s << -1 << QString();
        QTest::newRow("an otherwise the action does not have") << u"0.0/1/x"_s << -1 << QString();
        QTest::newRow("past the last otherwise") << u"0.0/x/x/x"_s << -1 << QString();
        QTest::newRow("a rule past the plan's last") << u"0.2"_s << -1 << QString();
        QTest::newRow("a plan past the last") << u"2.0"_s << -1 << QString();
    }

    void resolve()
    {
        QFETCH(QString, text);
        QFETCH(int, kind);
        QFETCH(QString, detail);

        const RoutingModel plan = model();
        const ActionPath path = ActionPath::parse(text);
        QVERIFY(path.isValid());
        const Action *action = path.resolve(plan);
        if (kind < 0) {
            QCOMPARE(action, nullptr);
            return;
        }
        QVERIFY(action);
        QCOMPARE(int(action->kind), kind);
        if (action->kind == ActionKind::Team)
            QCOMPARE(action->team, detail);
        else if (action->kind == ActionKind::Staff)
            QCOMPARE(action->staff, detail);
        else if (action->kind == ActionKind::Number)
            QCOMPARE(action->number, detail);
    }

    void resolvesIntoTheModelItself()
    {
        const RoutingModel plan = model();
        QCOMPARE(ActionPath(0, 1).resolve(plan), &plan.plans.at(0).rules.at(1).then);
        QCOMPARE(ActionPath(0, 0).option(u'1').resolve(plan), plan.plans.at(0).rules.at(0).then.options.at(0).action.get());
    }

    void aPathThatNoLongerExistsResolvesToNothing()
    {
        // A call rings the menu's otherwise; meanwhile the plan is replaced by one without it.
        RoutingModel plan = model();
        const ActionPath path = ActionPath::parse(u"0.0/x/x"_s);
        QVERIFY(path.resolve(plan));

        RoutingModel changed = plan;
        changed.plans[0].rules[0].then.otherwise.reset();
        QCOMPARE(path.resolve(changed), nullptr);
        QCOMPARE(ActionPath::parse(u"0.0/x"_s).resolve(changed), nullptr);
        QVERIFY(ActionPath::parse(u"0.0/1"_s).resolve(changed));

        changed.plans[0].rules.removeFirst();
        QCOMPARE(ActionPath::parse(u"0.1"_s).resolve(changed), nullptr);
        changed.plans.clear();
        QCOMPARE(ActionPath::parse(u"0.0"_s).resolve(changed), nullptr);
    }
};

QTEST_GUILESS_MAIN(TestActionPath)
#include "tst_actionpath.moc"
