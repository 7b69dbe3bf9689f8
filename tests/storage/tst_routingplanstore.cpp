// RoutingPlanStore: the imported plan document, and the revision that tells the router to reload it.
#include "storage/database.h"
#include "storage/routingplanstore.h"
#include "storage/settingsstore.h"
#include "tempdatadir.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestRoutingPlanStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storesReplacesAndRemovesThePlan()
    {
        TempDataDir dir;
        Database db(Database::fileNameIn(dir.path()));
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        RoutingPlanStore plans(db);
        QVERIFY(!plans.load(&error));
        QVERIFY2(error.isEmpty(), "no plan is not an error");

        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
        QVERIFY2(plans.save(R"({"version": 1})"_ba, &error), qPrintable(error));
        QVERIFY2(plans.save(R"({"version": 1, "block": []})"_ba, &error), qPrintable(error));
        const std::optional<RoutingPlanStore::StoredPlan> stored = plans.load(&error);
        QVERIFY(stored);
        QCOMPARE(stored->document, R"({"version": 1, "block": []})"_ba);
        QVERIFY(stored->importedAt >= before);

        QVERIFY2(plans.remove(&error), qPrintable(error));
        QVERIFY(!plans.load());
        QVERIFY2(plans.remove(&error), "removing nothing is fine");
    }

    void everyChangeMovesTheRevisionOtherConnectionsSee()
    {
        TempDataDir dir;
        const QString path = Database::fileNameIn(dir.path());
        Database writer(path);
        Database router(path);
        QString error;
        QVERIFY2(writer.open(&error) && router.open(&error), qPrintable(error));
        SettingsStore routerView(router);
        const qint64 start = routerView.revision();
        QVERIFY(start >= 0);

        RoutingPlanStore plans(writer);
        QVERIFY(plans.save(R"({"version": 1})"_ba, &error));
        const qint64 afterImport = routerView.revision();
        QVERIFY(afterImport > start);
        QVERIFY(plans.save(R"({"version": 1})"_ba, &error));
        const qint64 afterReplace = routerView.revision();
        QVERIFY(afterReplace > afterImport);
        QVERIFY(plans.remove(&error));
        QVERIFY(routerView.revision() > afterReplace);
    }
};

QTEST_GUILESS_MAIN(TestRoutingPlanStore)
#include "tst_routingplanstore.moc"
