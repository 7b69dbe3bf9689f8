// The call log's contract names: each enum value has the name DESIGN.md gives it, every name reads
// back as its value, and a name this version does not know is kept as the nearest word.
#include "storage/calllognames.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_CallLogNames : public QObject
{
    Q_OBJECT

private:
    template<typename Enum>
    static void roundTrip(Enum last, std::optional<Enum> (*parse)(QStringView))
    {
        QSet<QString> names;
        for (int i = 0; i <= int(last); ++i) {
            const QString name = CallLogNames::name(Enum(i));
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
            QCOMPARE(parse(name), std::optional(Enum(i)));
        }
        QCOMPARE(parse(u"not_a_name"_s), std::nullopt);
    }

private Q_SLOTS:
    void theContractsNames()
    {
        QStringList outcomes;
        for (const CallOutcome outcome : CallLogNames::allOutcomes)
            outcomes.append(CallLogNames::name(outcome));
        QCOMPARE(outcomes, (QStringList { u"ongoing"_s, u"ai_agent"_s, u"answered"_s, u"voicemail"_s, u"missed"_s,
                               u"blocked"_s, u"failed"_s }));
        QCOMPARE(CallLogNames::name(Step::DialChainResolved), u"DialChainResolved"_s);
        QCOMPARE(CallLogNames::name(EventAction::WebhookReceived), u"webhook_received"_s);
        QCOMPARE(CallLogNames::name(EventResult::Ignored), u"ignored"_s);
        QCOMPARE(CallLogNames::name(CallStage::AgentConnected), u"agent_connected"_s);
        QCOMPARE(CallLogNames::name(CallStage::None), QString());
    }

    void everyNameReadsBack()
    {
        roundTrip(CallOutcome::Failed, &CallLogNames::outcome);
        roundTrip(CallStage::Failed, &CallLogNames::stage);
        roundTrip(Step::StatusChanged, &CallLogNames::step);
        roundTrip(EventAction::Internal, &CallLogNames::action);
        roundTrip(EventResult::Ignored, &CallLogNames::result);
    }

    void anUnknownStoredNameIsKept()
    {
        QCOMPARE(CallLogNames::storedOutcome(u"transferred"_s), CallOutcome::Failed);
        QCOMPARE(CallLogNames::storedStage(u"parked"_s), CallStage::None);
        QCOMPARE(CallLogNames::storedStep(u"Transfer"_s), Step::StatusChanged);
        QCOMPARE(CallLogNames::storedAction(u"seat"_s), EventAction::Internal);
        QCOMPARE(CallLogNames::storedResult(u"partly"_s), EventResult::Processed);
        QCOMPARE(CallLogNames::storedOutcome(u"voicemail"_s), CallOutcome::Voicemail);
    }
};

QTEST_GUILESS_MAIN(tst_CallLogNames)
#include "tst_calllognames.moc"
