// The working copy of the routing plan: edits checked as `plan import` checks a file, faults found
// by the path of the part at fault, saving only a plan without faults, and reverting.
#include "datadir/datadirectory.h"
#include "plan/plandraft.h"
#include "routing/plandocument.h"
#include "routing/routingplanloader.h"
#include "settings/settings.h"
#include "tempdatadir.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestPlanDraft : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void startsFromTheBuiltInPlan();
    void aFaultIsFoundByItsPath();
    void savingStoresTheCheckedPlan();
    void aPlanWithFaultsIsNotSaved();
    void revertDropsTheChanges();
    void aPlanImportedElsewhereIsReadUnlessEditedHere();

private:
    RoutingModel storedPlan(bool *own = nullptr);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_data;
};

void TestPlanDraft::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    m_dir = std::make_unique<TempDataDir>();
    m_data = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_data->open(&error), qPrintable(error));
    QVERIFY2(
        m_data->settings().set(u"routing.fallback_number"_s, u"+15550009999"_s, &error), qPrintable(error));
}

void TestPlanDraft::cleanup()
{
    m_data.reset();
    m_dir.reset();
}

RoutingModel TestPlanDraft::storedPlan(bool *own)
{
    const Result<RoutingModel> plan
        = RoutingPlanLoader(m_data->database(), u"US"_s, u"+15550009999"_s).load(own);
    if (!plan)
        qWarning() << plan.error();
    return plan ? plan.value() : RoutingModel();
}

void TestPlanDraft::startsFromTheBuiltInPlan()
{
    PlanDraft draft(m_data->database(), m_data->settings());
    QVERIFY(!draft.isOwnPlan());
    QVERIFY(!draft.isModified());
    QVERIFY(draft.errors().isEmpty());
    QCOMPARE(draft.model().plans.size(), 1);
    const QList<Rule> &rules = draft.model().plans.first().rules;
    QCOMPARE(rules.size(), 2);
    QCOMPARE(rules.at(0).then.kind, ActionKind::AiAgent);
    QCOMPARE(rules.at(1).then.kind, ActionKind::Number);
    QCOMPARE(rules.at(1).then.number, u"+15550009999"_s);
}

void TestPlanDraft::aFaultIsFoundByItsPath()
{
    PlanDraft draft(m_data->database(), m_data->settings());
    QSignalSpy changed(&draft, &PlanDraft::changed);
    draft.edit([](RoutingModel &model) {
        model.staff.append({ u"alice"_s, u"Alice Ng"_s, u"+15551110001"_s });
        model.staff.append({ u"bob"_s, u"Bob Ray"_s, u"not a number"_s });
    });
    QCOMPARE(changed.size(), 1);
    QVERIFY(draft.isModified());
    QCOMPARE(draft.errors().size(), 1);
    QVERIFY(draft.errorsAt(u"staff[0]"_s).isEmpty());
    QCOMPARE(draft.errorsAt(u"staff[1]"_s).size(), 1);
    QCOMPARE(draft.errorsAt(u"staff[1].phone"_s), draft.errorsAt(u"staff[1]"_s));
    QVERIFY(draft.errorsAt(u"staff[1].name"_s).isEmpty());
    // "staff[1]" is not "staff[10]"'s prefix.
    QVERIFY(draft.errorsAt(u"staff"_s).size() == 1);
    QVERIFY(!draft.errorsAt(u"staff[1].phone"_s).first().startsWith(u"staff"_s));
}

void TestPlanDraft::savingStoresTheCheckedPlan()
{
    PlanDraft draft(m_data->database(), m_data->settings());
    QSignalSpy saved(&draft, &PlanDraft::saved);
    draft.edit([](RoutingModel &model) {
        model.staff.append({ u"alice"_s, u"Alice Ng"_s, u"(555) 111-0001"_s });
        model.plans.first().rules.first().name = u"Booked patients"_s;
    });
    QVERIFY(draft.errors().isEmpty());
    QVERIFY(draft.save());
    QCOMPARE(saved.size(), 1);
    QVERIFY(!draft.isModified());
    QVERIFY(draft.isOwnPlan());
    // The number as typed is stored as E.164, and the working copy shows it so.
    QCOMPARE(draft.model().staff.first().phone, u"+15551110001"_s);
    bool own = false;
    const RoutingModel stored = storedPlan(&own);
    QVERIFY(own);
    QCOMPARE(stored.staff, draft.model().staff);
    QCOMPARE(stored.plans.first().rules.first().name, u"Booked patients"_s);
}

void TestPlanDraft::aPlanWithFaultsIsNotSaved()
{
    PlanDraft draft(m_data->database(), m_data->settings());
    QSignalSpy saved(&draft, &PlanDraft::saved);
    draft.edit([](RoutingModel &model) {
        Action team;
        team.kind = ActionKind::Team;
        team.team = u"frnt"_s;
        model.plans.first().rules.first().then = team;
    });
    QCOMPARE(draft.errorsAt(u"plans[0].rules[0].then"_s).size(), 1);
    QVERIFY(draft.errorsAt(u"plans[0].rules[0].then"_s).first().contains(u"frnt"_s));
    QVERIFY(!draft.save());
    QCOMPARE(saved.size(), 0);
    QVERIFY(draft.isModified());
    bool own = true;
    storedPlan(&own);
    QVERIFY(!own);
}

void TestPlanDraft::revertDropsTheChanges()
{
    PlanDraft draft(m_data->database(), m_data->settings());
    draft.edit([](RoutingModel &model) { model.block = CallerList({ u"+1900"_s }); });
    QVERIFY(draft.save());
    draft.edit([](RoutingModel &model) {
        model.block = CallerList();
        model.staff.append({ u"x"_s, u"X"_s, u"bad"_s });
    });
    QVERIFY(draft.isModified());
    QVERIFY(!draft.errors().isEmpty());
    draft.revert();
    QVERIFY(!draft.isModified());
    QVERIFY(draft.errors().isEmpty());
    QCOMPARE(draft.model().block.entries(), QStringList { u"+1900"_s });
    QVERIFY(draft.model().staff.isEmpty());
}

void TestPlanDraft::aPlanImportedElsewhereIsReadUnlessEditedHere()
{
    PlanDraft draft(m_data->database(), m_data->settings());
    QSignalSpy changed(&draft, &PlanDraft::changed);
    draft.reloadIfUnchanged();
    QCOMPARE(changed.size(), 0); // nothing new: nothing redrawn

    // `plan import` from the command line while the window is open.
    RoutingPlanLoader loader(m_data->database(), u"US"_s, u"+15550009999"_s);
    RoutingModel imported = draft.model();
    imported.block = CallerList({ u"+1900"_s });
    QVERIFY(loader.import(PlanDocument::toJson(imported)).model);
    draft.reloadIfUnchanged();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(draft.model().block.entries(), QStringList { u"+1900"_s });
    QVERIFY(draft.isOwnPlan());

    // Changes made here are kept: the person saves or discards them.
    draft.edit([](RoutingModel &model) { model.allow = CallerList({ u"+44"_s }); });
    imported.block = CallerList({ u"+1800"_s });
    QVERIFY(loader.import(PlanDocument::toJson(imported)).model);
    draft.reloadIfUnchanged();
    QCOMPARE(draft.model().allow.entries(), QStringList { u"+44"_s });
    QCOMPARE(draft.model().block.entries(), QStringList { u"+1900"_s });
}

QTEST_MAIN(TestPlanDraft)
#include "tst_plandraft.moc"
