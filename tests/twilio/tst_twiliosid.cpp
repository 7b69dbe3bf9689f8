// Tests TwilioSid: only Twilio's own shape of identifier passes, in every field that holds one.
#include "twilio/twilioform.h"
#include "twilio/twiliosid.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestTwilioSid : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shapes_data();
    void shapes();
    void fields_data();
    void fields();
};

void TestTwilioSid::shapes_data()
{
    QTest::addColumn<QString>("sid");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<bool>("valid");
    const QString hex = u"0123456789abcdef0123456789abcdef"_s;
    QTest::newRow("call") << u"CA"_s + hex << u"CA"_s << true;
    QTest::newRow("recording") << u"RE"_s + hex << u"RE"_s << true;
    QTest::newRow("capital hex") << u"CA"_s + hex.toUpper() << u"CA"_s << true;
    QTest::newRow("other kind") << u"RE"_s + hex << u"CA"_s << false;
    QTest::newRow("one digit short") << u"CA"_s + hex.chopped(1) << u"CA"_s << false;
    QTest::newRow("one digit long") << u"CA"_s + hex + u"0"_s << u"CA"_s << false;
    QTest::newRow("not hex") << u"CA"_s + hex.chopped(1) + u"g"_s << u"CA"_s << false;
    QTest::newRow("traversal") << u"CA../../../../etc/passwd0123456789"_s << u"CA"_s << false;
    QTest::newRow("slash") << u"CA0123456789abcdef/123456789abcdef"_s << u"CA"_s << false;
    QTest::newRow("lower-case prefix") << u"ca"_s + hex << u"CA"_s << false;
    QTest::newRow("empty") << QString() << u"CA"_s << false;
}

void TestTwilioSid::shapes()
{
    QFETCH(QString, sid);
    QFETCH(QString, prefix);
    QFETCH(bool, valid);
    QCOMPARE(TwilioSid::isValid(sid, prefix), valid);
}

void TestTwilioSid::fields_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("malformed");
    const QByteArray call = "CallSid=CA0123456789abcdef0123456789abcdef";
    QTest::newRow("a whole voice webhook")
        << call + "&AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B15551234567&To=%2B15557654321"
        << QString();
    QTest::newRow("no SID at all") << "From=%2B15551234567"_ba << QString();
    QTest::newRow("empty SID counts as absent") << "CallSid=&From=x"_ba << QString();
    QTest::newRow("recording") << call + "&RecordingSid=RE0123456789abcdef0123456789abcdef" << QString();
    QTest::newRow("recording of the wrong kind")
        << call + "&RecordingSid=CA0123456789abcdef0123456789abcdef" << u"RecordingSid"_s;
    QTest::newRow("dial leg") << call + "&DialCallSid=CA0123456789abcdef0123456789abcdeX" << u"DialCallSid"_s;
    QTest::newRow("parent") << call + "&ParentCallSid=..%2F" << u"ParentCallSid"_s;
    QTest::newRow("a SID field not known yet")
        << call + "&WidgetSid=WG0123456789abcdef0123456789abcdef" << QString();
    QTest::newRow("a SID field not known yet, malformed") << call + "&WidgetSid=x" << u"WidgetSid"_s;
}

void TestTwilioSid::fields()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, malformed);
    QCOMPARE(TwilioSid::firstMalformedField(TwilioForm::fromUrlEncoded(body)), malformed);
}

QTEST_GUILESS_MAIN(TestTwilioSid)
#include "tst_twiliosid.moc"
