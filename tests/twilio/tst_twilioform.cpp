// Tests TwilioForm: webhook bodies decode to the fields Twilio meant, whatever arrives.
#include "twilio/twilioform.h"

#include <QRandomGenerator>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

using Items = QList<std::pair<QString, QString>>;

class TestTwilioForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromUrlEncoded_data();
    void fromUrlEncoded();
    void accessors();
    void roundTrip_data();
    void roundTrip();
    void encodesPlusAndSpaceDistinctly();
    void agreesWithQUrlQueryOnWellFormedBodies();
    void randomBytesNeverCrash();
};

void TestTwilioForm::fromUrlEncoded_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<Items>("expected");

    QTest::newRow("plain fields") << "CallSid=CA123&CallStatus=ringing"_ba
                                  << Items { { u"CallSid"_s, u"CA123"_s },
                                         { u"CallStatus"_s, u"ringing"_s } };
    QTest::newRow("plus is a space") << "CallerName=John+Doe"_ba
                                     << Items { { u"CallerName"_s, u"John Doe"_s } };
    QTest::newRow("%2B is a plus") << "From=%2B14158675310"_ba << Items { { u"From"_s, u"+14158675310"_s } };
    QTest::newRow("lower-case escape") << "From=%2b1"_ba << Items { { u"From"_s, u"+1"_s } };
    QTest::newRow("plus in a name") << "a+b=c"_ba << Items { { u"a b"_s, u"c"_s } };
    QTest::newRow("utf-8") << "FromCity=M%C3%9CNCHEN"_ba << Items { { u"FromCity"_s, u"MÜNCHEN"_s } };
    QTest::newRow("raw utf-8 bytes") << "FromCity=MÜNCHEN"_ba << Items { { u"FromCity"_s, u"MÜNCHEN"_s } };
    QTest::newRow("emoji") << "a=%F0%9F%98%80"_ba << Items { { u"a"_s, u"\U0001F600"_s } };
    QTest::newRow("repeated fields keep their order")
        << "Digits=5678&Digits=1234&Digits=1234"_ba
        << Items { { u"Digits"_s, u"5678"_s }, { u"Digits"_s, u"1234"_s }, { u"Digits"_s, u"1234"_s } };
    QTest::newRow("empty fields skipped")
        << "&a=1&&b=2&"_ba << Items { { u"a"_s, u"1"_s }, { u"b"_s, u"2"_s } };
    QTest::newRow("field without equals")
        << "flag&a=1"_ba << Items { { u"flag"_s, QString() }, { u"a"_s, u"1"_s } };
    QTest::newRow("empty value") << "a="_ba << Items { { u"a"_s, QString() } };
    QTest::newRow("empty name") << "=x"_ba << Items { { QString(), u"x"_s } };
    QTest::newRow("only equals") << "="_ba << Items { { QString(), QString() } };
    QTest::newRow("equals inside value") << "a=b=c"_ba << Items { { u"a"_s, u"b=c"_s } };
    QTest::newRow("escaped separators") << "a=x%26y%3Dz"_ba << Items { { u"a"_s, u"x&y=z"_s } };
    QTest::newRow("bad escapes stay as written")
        << "a=100%&b=%zz&c=%4&d=%%41"_ba
        << Items { { u"a"_s, u"100%"_s }, { u"b"_s, u"%zz"_s }, { u"c"_s, u"%4"_s }, { u"d"_s, u"%A"_s } };
    QTest::newRow("invalid utf-8 becomes U+FFFD") << "a=%FFb"_ba << Items { { u"a"_s, u"\uFFFDb"_s } };
    QTest::newRow("truncated utf-8 becomes U+FFFD") << "a=%C3"_ba << Items { { u"a"_s, u"\uFFFD"_s } };
    QTest::newRow("nul byte kept") << "a=x%00y"_ba << Items { { u"a"_s, QString(u"x\0y"_s) } };
    QTest::newRow("empty body") << QByteArray() << Items {};
    QTest::newRow("only separators") << "&&&"_ba << Items {};
}

void TestTwilioForm::fromUrlEncoded()
{
    QFETCH(QByteArray, encoded);
    QFETCH(Items, expected);

    QCOMPARE(TwilioForm::fromUrlEncoded(encoded).items(), expected);
}

void TestTwilioForm::accessors()
{
    const TwilioForm form = TwilioForm::fromUrlEncoded("Digits=5678&CallSid=CA1&Digits=1234&Empty="_ba);
    QCOMPARE(form.value(u"Digits"_s), u"5678"_s);
    QCOMPARE(form.values(u"Digits"_s), (QStringList { u"5678"_s, u"1234"_s }));
    QVERIFY(form.contains(u"CallSid"_s));
    QVERIFY(form.contains(u"Empty"_s));
    QVERIFY(!form.contains(u"callsid"_s)); // field names are case-sensitive
    QCOMPARE(form.value(u"Missing"_s), QString());
    QVERIFY(form.values(u"Missing"_s).isEmpty());
    QVERIFY(!form.isEmpty());
    QVERIFY(TwilioForm().isEmpty());

    TwilioForm built;
    built.append(u"To"_s, u"+15551234567"_s);
    built.append(u"To"_s, u"+15557654321"_s);
    QCOMPARE(built.items().size(), 2);
    QCOMPARE(built.values(u"To"_s), (QStringList { u"+15551234567"_s, u"+15557654321"_s }));
}

void TestTwilioForm::roundTrip_data()
{
    QTest::addColumn<Items>("items");

    QTest::newRow("typical webhook") << Items { { u"CallSid"_s, u"CA1234567890ABCDE"_s },
        { u"From"_s, u"+14158675310"_s }, { u"CallerName"_s, u"John Doe"_s } };
    QTest::newRow("reserved characters") << Items { { u"a&b=c"_s, u"x+y z%20&=?#/"_s } };
    QTest::newRow("non-ascii") << Items { { u"FromCity"_s, u"MÜNCHEN"_s }, { u"Name"_s, u"Zoë 😀 東京"_s } };
    QTest::newRow("empty name and value")
        << Items { { QString(), QString() }, { u"a"_s, QString() }, { QString(), u"b"_s } };
    QTest::newRow("repeated names") << Items { { u"Digits"_s, u"1"_s }, { u"Digits"_s, u"1"_s },
        { u"Digits"_s, u"2"_s } };
    QTest::newRow("control characters") << Items { { u"a"_s, u"line\nbreak\ttab\r"_s } };
    QTest::newRow("nothing") << Items {};
}

void TestTwilioForm::roundTrip()
{
    QFETCH(Items, items);

    TwilioForm form;
    for (const auto &[name, value] : items)
        form.append(name, value);
    QCOMPARE(TwilioForm::fromUrlEncoded(form.toUrlEncoded()).items(), items);
}

void TestTwilioForm::encodesPlusAndSpaceDistinctly()
{
    TwilioForm form;
    form.append(u"From"_s, u"+1 555"_s);
    QCOMPARE(form.toUrlEncoded(), "From=%2B1+555"_ba);
}

// PROTOCOL.md's recipe (replace '+' first, then QUrlQuery fully decoded) on the bodies Twilio sends.
void TestTwilioForm::agreesWithQUrlQueryOnWellFormedBodies()
{
    const QByteArray body = "AccountSid=AC123&ApiVersion=2010-04-01&CallSid=CA123&CallStatus=ringing"
                            "&Called=%2B18005551212&CallerName=Jos%C3%A9+M%C3%BCller&Direction=inbound"
                            "&From=%2B14158675310&FromCity=SAN+FRANCISCO&Digits=1234&Digits=5678"_ba;
    QByteArray spaced = body;
    spaced.replace('+', ' ');
    const QUrlQuery query(QString::fromUtf8(spaced));
    Items expected;
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded))
        expected.append({ name, value });
    QCOMPARE(TwilioForm::fromUrlEncoded(body).items(), expected);
}

void TestTwilioForm::randomBytesNeverCrash()
{
    QRandomGenerator random(20240601);
    const QByteArray alphabet = "ab=&%+2BfF0\xC3\xA9\xFF\x00 "_ba;
    for (int round = 0; round < 2000; ++round) {
        QByteArray input(random.bounded(40), Qt::Uninitialized);
        for (char &c : input)
            c = alphabet[random.bounded(alphabet.size())];
        const TwilioForm form = TwilioForm::fromUrlEncoded(input);
        // Whatever was decoded survives another trip unchanged.
        QCOMPARE(TwilioForm::fromUrlEncoded(form.toUrlEncoded()).items(), form.items());
    }
}

QTEST_GUILESS_MAIN(TestTwilioForm)
#include "tst_twilioform.moc"
