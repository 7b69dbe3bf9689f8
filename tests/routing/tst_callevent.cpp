// CallEvent: what the router reads from one of Twilio's requests, as Twilio encodes it.
#include "routing/callevent.h"
#include "twilio/twilioform.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestCallEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // DialBridged must tell "not sent" (older requests, judged by DialCallStatus) from "false" (the
    // callee hung up during screening), so a missing field is never read as either answer.
    void dialBridged_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("expected"); // 1 true, 0 false, -1 not known

        QTest::newRow("true") << "DialCallStatus=completed&DialBridged=true"_ba << 1;
        QTest::newRow("false") << "DialCallStatus=completed&DialBridged=false"_ba << 0;
        QTest::newRow("any case") << "DialBridged=False"_ba << 0;
        QTest::newRow("padded") << "DialBridged=+true+"_ba << 1;
        QTest::newRow("not sent") << "DialCallStatus=completed"_ba << -1;
        QTest::newRow("empty") << "DialCallStatus=completed&DialBridged="_ba << -1;
        QTest::newRow("neither true nor false") << "DialBridged=yes"_ba << -1;
    }

    void dialBridged()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, expected);

        const CallEvent event = CallEvent::fromForm(TwilioForm::fromUrlEncoded(body));
        QCOMPARE(event.dialBridged.has_value(), expected >= 0);
        if (expected >= 0)
            QCOMPARE(*event.dialBridged, expected == 1);
    }
};

QTEST_GUILESS_MAIN(TestCallEvent)
#include "tst_callevent.moc"
