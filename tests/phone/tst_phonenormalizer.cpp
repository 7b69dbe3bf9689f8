// Tests PhoneNormalizer: the written forms people use become the E.164 string Twilio sends.
#include "phone/phonenormalizer.h"

#include <QTest>

#include <thread>
#include <vector>

using namespace Qt::StringLiterals;

class TestPhoneNormalizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void toE164_data();
    void toE164();
    void rejects_data();
    void rejects();
    void strictInputAgreesWithWrittenForm_data();
    void strictInputAgreesWithWrittenForm();
    void isWithheldCallerId_data();
    void isWithheldCallerId();
    void isKnownRegion_data();
    void isKnownRegion();
    void defaultRegionIsUpperCase();
    void noErrorPointerIsFine();
    void displayNumbersIn_data();
    void displayNumbersIn();
    void concurrentCallersGetTheSameAnswers();
    void toDisplay_data();
    void toDisplay();
};

void TestPhoneNormalizer::toE164_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("written");
    QTest::addColumn<QString>("expected");

    const QString us = u"+15551234567"_s;
    QTest::newRow("us parentheses") << u"US"_s << u"(555) 123-4567"_s << us;
    QTest::newRow("us dots") << u"US"_s << u"555.123.4567"_s << us;
    QTest::newRow("us dashes") << u"US"_s << u"555-123-4567"_s << us;
    QTest::newRow("us international spaced") << u"US"_s << u"+1 555 123 4567"_s << us;
    QTest::newRow("us trunk prefix 1") << u"US"_s << u"1 (555) 123-4567"_s << us;
    QTest::newRow("us already e164") << u"US"_s << us << us;
    QTest::newRow("us surrounding spaces") << u"US"_s << u"  +1 555 123 4567 \n"_s << us;
    QTest::newRow("us tel uri") << u"US"_s << u"tel:+1-555-123-4567"_s << us;
    QTest::newRow("us extension dropped") << u"US"_s << u"555-123-4567 ext. 89"_s << us;
    QTest::newRow("us vanity letters") << u"US"_s << u"1-800-FLOWERS"_s << u"+18003569377"_s;
    QTest::newRow("gb from us region") << u"US"_s << u"+44 20 7946 0958"_s << u"+442079460958"_s;
    QTest::newRow("gb national") << u"GB"_s << u"020 7946 0958"_s << u"+442079460958"_s;
    QTest::newRow("gb lower-case region") << u"gb"_s << u"020 7946 0958"_s << u"+442079460958"_s;
    QTest::newRow("gb e164 with trunk zero") << u"US"_s << u"+4402079460958"_s << u"+442079460958"_s;
    QTest::newRow("gb international prefix 00") << u"GB"_s << u"0044 20 7946 0958"_s << u"+442079460958"_s;
    QTest::newRow("de national") << u"DE"_s << u"030 12345678"_s << u"+493012345678"_s;
    QTest::newRow("de e164") << u"US"_s << u"+493012345678"_s << u"+493012345678"_s;
    QTest::newRow("us number from unknown region") << u"XX"_s << u"+1 555 123 4567"_s << us;
}

void TestPhoneNormalizer::toE164()
{
    QFETCH(QString, region);
    QFETCH(QString, written);
    QFETCH(QString, expected);

    const PhoneNormalizer normalizer(region);
    QString error;
    const std::optional<QString> e164 = normalizer.toE164(written, &error);
    QVERIFY2(e164.has_value(), qPrintable(error));
    QCOMPARE(*e164, expected);
}

void TestPhoneNormalizer::rejects_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("written");

    QTest::newRow("word") << u"US"_s << u"hello"_s;
    QTest::newRow("two digits") << u"US"_s << u"12"_s;
    QTest::newRow("empty") << u"US"_s << QString();
    QTest::newRow("blank") << u"US"_s << u"   "_s;
    QTest::newRow("plus alone") << u"US"_s << u"+"_s;
    QTest::newRow("too long") << u"US"_s << u"+1555123456789012345"_s;
    QTest::newRow("local number without area code") << u"US"_s << u"555-1234"_s;
    QTest::newRow("unknown country code") << u"US"_s << u"+999 1234 5678"_s;
    QTest::newRow("no country code and unknown region") << u"XX"_s << u"(555) 123-4567"_s;
    QTest::newRow("no country code and empty region") << QString() << u"(555) 123-4567"_s;
    QTest::newRow("withheld anonymous") << u"US"_s << u"anonymous"_s;
    QTest::newRow("withheld Restricted") << u"US"_s << u" Restricted "_s;
    QTest::newRow("withheld placeholder ANONYMOUS") << u"US"_s << u"+266696687"_s;
    QTest::newRow("withheld placeholder RESTRICTED") << u"US"_s << u"+7378742833"_s;
    QTest::newRow("withheld placeholder BLOCKED") << u"US"_s << u"+2562533"_s;
    QTest::newRow("withheld placeholder UNKNOWN") << u"US"_s << u"+8656696"_s;
    // The only placeholder that libphonenumber considers possible (a Chinese length).
    QTest::newRow("withheld placeholder UNAVAILABLE") << u"US"_s << u"+86282452253"_s;
    QTest::newRow("withheld placeholder UNAVAILABLE spaced") << u"US"_s << u"+86 282 452 253"_s;
}

void TestPhoneNormalizer::rejects()
{
    QFETCH(QString, region);
    QFETCH(QString, written);

    const PhoneNormalizer normalizer(region);
    QString error;
    const std::optional<QString> e164 = normalizer.toE164(written, &error);
    QVERIFY2(!e164.has_value(), qPrintable(*e164));
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.endsWith(u'.'), qPrintable(error));
    if (!written.trimmed().isEmpty())
        QVERIFY2(error.contains(written.trimmed()), qPrintable(error));
}

// Strict E.164 input takes a shorter road; it must end where the written form does.
void TestPhoneNormalizer::strictInputAgreesWithWrittenForm_data()
{
    QTest::addColumn<QString>("strict");
    QTest::addColumn<QString>("written");

    QTest::newRow("us fictional") << u"+15551234567"_s << u"+1 (555) 123-4567"_s;
    QTest::newRow("us real area code") << u"+14158675310"_s << u"+1 415 867 5310"_s;
    QTest::newRow("us toll free") << u"+18005551212"_s << u"+1 800 555 1212"_s;
    QTest::newRow("canada") << u"+16135550123"_s << u"+1 613-555-0123"_s;
    QTest::newRow("nanp area code starting 1") << u"+11234567890"_s << u"+1 123 456 7890"_s;
    QTest::newRow("nanp nine digits") << u"+1555123456"_s << u"+1 555 123 456"_s;
    QTest::newRow("gb") << u"+442079460958"_s << u"+44 20 7946 0958"_s;
    QTest::newRow("gb trunk zero") << u"+4402079460958"_s << u"+44 020 7946 0958"_s;
    QTest::newRow("it leading zero") << u"+390612345678"_s << u"+39 06 1234 5678"_s;
    QTest::newRow("ar mobile") << u"+5491123456789"_s << u"+54 9 11 2345 6789"_s;
}

void TestPhoneNormalizer::strictInputAgreesWithWrittenForm()
{
    QFETCH(QString, strict);
    QFETCH(QString, written);

    const PhoneNormalizer normalizer(u"US"_s);
    const std::optional<QString> fromStrict = normalizer.toE164(strict);
    const std::optional<QString> fromWritten = normalizer.toE164(written);
    QCOMPARE(fromStrict.has_value(), fromWritten.has_value());
    if (fromStrict)
        QCOMPARE(*fromStrict, *fromWritten);
}

void TestPhoneNormalizer::isWithheldCallerId_data()
{
    QTest::addColumn<QString>("callerId");
    QTest::addColumn<bool>("withheld");

    QTest::newRow("empty") << QString() << true;
    QTest::newRow("blank") << u"  "_s << true;
    QTest::newRow("anonymous") << u"anonymous"_s << true;
    QTest::newRow("Anonymous") << u"Anonymous"_s << true;
    QTest::newRow("Anonymous padded") << u" Anonymous\t"_s << true;
    QTest::newRow("Unknown") << u"Unknown"_s << true;
    QTest::newRow("UNKNOWN") << u"UNKNOWN"_s << true;
    QTest::newRow("restricted") << u"restricted"_s << true;
    QTest::newRow("Restricted") << u"Restricted"_s << true;
    QTest::newRow("private") << u"Private"_s << true;
    QTest::newRow("placeholder anonymous") << u"+266696687"_s << true;
    QTest::newRow("placeholder restricted") << u"+7378742833"_s << true;
    QTest::newRow("placeholder blocked") << u"+2562533"_s << true;
    QTest::newRow("placeholder unknown") << u"+8656696"_s << true;
    QTest::newRow("placeholder unavailable") << u"+86282452253"_s << true;
    QTest::newRow("us number") << u"+15551234567"_s << false;
    QTest::newRow("chinese mobile starting like a placeholder") << u"+865669612345"_s << false;
    QTest::newRow("client identity") << u"client:alice"_s << false;
    QTest::newRow("word containing anonymous") << u"anonymous2"_s << false;
}

void TestPhoneNormalizer::isWithheldCallerId()
{
    QFETCH(QString, callerId);
    QFETCH(bool, withheld);

    QCOMPARE(PhoneNormalizer::isWithheldCallerId(callerId), withheld);
}

void TestPhoneNormalizer::isKnownRegion_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("known");

    QTest::newRow("US") << u"US"_s << true;
    QTest::newRow("GB") << u"GB"_s << true;
    QTest::newRow("DE") << u"DE"_s << true;
    QTest::newRow("lower-case de") << u"de"_s << true;
    QTest::newRow("XX") << u"XX"_s << false;
    QTest::newRow("ZZ") << u"ZZ"_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("non-geographic 001") << u"001"_s << false;
    QTest::newRow("three letters") << u"USA"_s << false;
}

void TestPhoneNormalizer::isKnownRegion()
{
    QFETCH(QString, region);
    QFETCH(bool, known);

    QCOMPARE(PhoneNormalizer::isKnownRegion(region), known);
}

void TestPhoneNormalizer::defaultRegionIsUpperCase()
{
    QCOMPARE(PhoneNormalizer().defaultRegion(), u"US"_s);
    QCOMPARE(PhoneNormalizer(u" gb "_s).defaultRegion(), u"GB"_s);
}

void TestPhoneNormalizer::noErrorPointerIsFine()
{
    const PhoneNormalizer normalizer;
    QVERIFY(!normalizer.toE164(u"hello"_s));
    QVERIFY(!normalizer.toE164(u"anonymous"_s));
    QCOMPARE(normalizer.toE164(u"555-123-4567"_s), std::optional<QString>(u"+15551234567"_s));
}

// Webhooks are answered on several threads; libphonenumber's singleton is the only shared state.
void TestPhoneNormalizer::concurrentCallersGetTheSameAnswers()
{
    const QStringList written { u"(555) 123-4567"_s, u"+44 20 7946 0958"_s, u"hello"_s, u"+15551234567"_s,
        u"+493012345678"_s, u"anonymous"_s };
    const PhoneNormalizer normalizer(u"US"_s);
    QList<std::optional<QString>> expected;
    for (const QString &number : written)
        expected.append(normalizer.toE164(number));

    std::vector<std::thread> threads;
    std::vector<int> mismatches(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 200; ++round) {
                for (qsizetype i = 0; i < written.size(); ++i) {
                    if (normalizer.toE164(written[i]) != expected[i])
                        ++mismatches[size_t(t)];
                }
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    for (int count : mismatches)
        QCOMPARE(count, 0);
}

void TestPhoneNormalizer::toDisplay_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("e164");
    QTest::addColumn<QString>("expected");
    QTest::newRow("us at home") << u"US"_s << u"+15551234567"_s << u"(555) 123-4567"_s;
    QTest::newRow("canada from the us") << u"US"_s << u"+14165550123"_s << u"(416) 555-0123"_s;
    QTest::newRow("gb from the us") << u"US"_s << u"+442079460958"_s << u"+44 20 7946 0958"_s;
    QTest::newRow("gb at home") << u"GB"_s << u"+442079460958"_s << u"020 7946 0958"_s;
    QTest::newRow("empty") << u"US"_s << QString() << QString();
    QTest::newRow("unreadable") << u"US"_s << u"abc"_s << u"abc"_s;
}

void TestPhoneNormalizer::toDisplay()
{
    QFETCH(QString, region);
    QFETCH(QString, e164);
    QFETCH(QString, expected);
    QCOMPARE(PhoneNormalizer(region).toDisplay(e164), expected);
}

void TestPhoneNormalizer::displayNumbersIn_data()
{
    QTest::addColumn<QString>("sentence");
    QTest::addColumn<QString>("shown");
    QTest::newRow("one") << u"Ringing Dr. Carol Diaz (+15551110003) for up to 20 seconds."_s
                         << u"Ringing Dr. Carol Diaz (555 111-0003) for up to 20 seconds."_s;
    QTest::newRow("two") << u"Incoming call from +15551230004 to +15557654321."_s
                         << u"Incoming call from (555) 123-0004 to (555) 765-4321."_s;
    QTest::newRow("abroad") << u"Dialling +442079460018."_s << u"Dialling +44 20 7946 0018."_s;
    QTest::newRow("abroad, bracketed") << u"Bob (+442079460018) did not answer."_s
                                       << u"Bob (+44 20 7946 0018) did not answer."_s;
    QTest::newRow("none") << u"The caller pressed 1."_s << u"The caller pressed 1."_s;
    QTest::newRow("prefix too short") << u"Blocked by the entry +1900."_s << u"Blocked by the entry +1900."_s;
    QTest::newRow("inside a word") << u"Token a+15551230004b stays."_s << u"Token a+15551230004b stays."_s;
    QTest::newRow("in a url") << u"https://x.example/+15551230004/y"_s << u"https://x.example/+15551230004/y"_s;
}

void TestPhoneNormalizer::displayNumbersIn()
{
    QFETCH(QString, sentence);
    QFETCH(QString, shown);
    QCOMPARE(PhoneNormalizer(u"US"_s).displayNumbersIn(sentence), shown);
}

QTEST_GUILESS_MAIN(TestPhoneNormalizer)
#include "tst_phonenormalizer.moc"
