// What a person reads for the call log's words: one plain text for every outcome, step, action and
// result, none of them spelled like a contract name, and no two alike where a list shows them side by side.
#include "calls/calllogwords.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_CallLogWords : public QObject
{
    Q_OBJECT

private:
    // Every value of an enum from its first to `last`, with the text and the contract name of each.
    template<typename Enum, typename Text>
    static void checkAll(Enum last, Text text)
    {
        QSet<QString> seen;
        for (int i = 0; i <= int(last); ++i) {
            const QString words = text(Enum(i));
            const QString name = CallLogNames::name(Enum(i));
            QVERIFY2(!words.isEmpty(), qPrintable(name));
            // Words, not a contract name: no "ai_agent", no "DialChainResolved".
            QVERIFY2(!words.contains(u'_'), qPrintable(words));
            QVERIFY2(!words.contains(QRegularExpression(u"[a-z][A-Z]"_s)), qPrintable(words));
            QVERIFY2(!seen.contains(words), qPrintable(u"%1 says the same as another: %2"_s.arg(name, words)));
            seen.insert(words);
        }
    }

private Q_SLOTS:
    void everyOutcomeHasItsOwnText()
    {
        checkAll(CallOutcome::Failed, &CallLogWords::outcome);
        QCOMPARE(CallLogWords::outcome(CallOutcome::AiAgent), u"AI agent"_s);
        QCOMPARE(CallLogWords::outcome(CallOutcome::Ongoing), u"In progress"_s);
    }

    void everyStepHasItsOwnText()
    {
        checkAll(Step::StatusChanged, &CallLogWords::step);
        QCOMPARE(CallLogWords::step(Step::ConfirmTarget), u"Press 1 to accept"_s);
    }

    void everyActionAndResultHasItsOwnText()
    {
        checkAll(EventAction::Internal, [](EventAction action) { return CallLogWords::action(action, Step::Hangup); });
        checkAll(EventResult::Ignored, &CallLogWords::result);
        QCOMPARE(CallLogWords::action(EventAction::WebhookReceived, Step::CallReceived), u"Twilio asked"_s);
        QCOMPARE(CallLogWords::action(EventAction::CommandSent, Step::DialTarget), u"Sent to Twilio"_s);
        QCOMPARE(CallLogWords::action(EventAction::CommandSent, Step::RecordingSaved), u"Fetched from Twilio"_s);
        QCOMPARE(CallLogWords::result(EventResult::Processed), u"Done"_s);
    }
};

QTEST_GUILESS_MAIN(tst_CallLogWords)
#include "tst_calllogwords.moc"
