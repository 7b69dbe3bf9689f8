// CsvField: values written into CSV files that a spreadsheet opens as text, never as a formula.
#include "importer/csvfield.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestCsvField : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void neutralised_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("written");

        // What a spreadsheet would run: an apostrophe in front makes it text.
        QTest::newRow("a link formula") << u"=HYPERLINK(\"http://evil.example\",\"Click\")"_s
                                        << u"'=HYPERLINK(\"http://evil.example\",\"Click\")"_s;
        QTest::newRow("a command through DDE") << u"+cmd|' /C calc'!A0"_s << u"'+cmd|' /C calc'!A0"_s;
        QTest::newRow("a sum starting with minus") << u"-2+3"_s << u"'-2+3"_s;
        QTest::newRow("an at sign") << u"@SUM(A1:A9)"_s << u"'@SUM(A1:A9)"_s;
        QTest::newRow("a tab first") << u"\t=1+1"_s << u"'\t=1+1"_s;
        QTest::newRow("a carriage return first") << u"\r=1+1"_s << u"'\r=1+1"_s;
        QTest::newRow("a plus alone") << u"+"_s << u"'+"_s;
        QTest::newRow("a minus alone") << u"-"_s << u"'-"_s;
        QTest::newRow("a number written with spaces") << u"+1 555 123 4567"_s << u"'+1 555 123 4567"_s;
        QTest::newRow("a decimal number") << u"-1.5"_s << u"'-1.5"_s;
        QTest::newRow("digits of another script") << u"+١٢٣"_s << u"'+١٢٣"_s;

        // Plain numbers stay numbers: phone numbers keep their E.164 form.
        QTest::newRow("an E.164 phone number") << u"+15551234567"_s << u"+15551234567"_s;
        QTest::newRow("a negative number") << u"-42"_s << u"-42"_s;
        QTest::newRow("a duration") << u"95"_s << u"95"_s;
        QTest::newRow("Twilio's anonymous number") << u"+266696687"_s << u"+266696687"_s;

        // Nothing to fear.
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("a name") << u"Jane Doe"_s << u"Jane Doe"_s;
        QTest::newRow("an equals sign inside") << u"a=b"_s << u"a=b"_s;
        QTest::newRow("an ISO date") << u"2026-01-05T14:30:15Z"_s << u"2026-01-05T14:30:15Z"_s;
        QTest::newRow("a space before the equals sign") << u" =1+1"_s << u" =1+1"_s;
    }

    void neutralised()
    {
        QFETCH(QString, value);
        QFETCH(QString, written);
        QCOMPARE(CsvField::neutralised(value), written);
    }

    void encoded_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("field");

        QTest::newRow("plain") << u"CA123"_s << u"CA123"_s;
        QTest::newRow("a comma") << u"O'Brien, Jr."_s << u"\"O'Brien, Jr.\""_s;
        QTest::newRow("quotes doubled") << u"James \"Jim\""_s << u"\"James \"\"Jim\"\"\""_s;
        QTest::newRow("a line break") << u"two\nlines"_s << u"\"two\nlines\""_s;
        QTest::newRow("a formula with quotes")
            << u"=HYPERLINK(\"http://evil.example\")"_s << u"\"'=HYPERLINK(\"\"http://evil.example\"\")\""_s;
        QTest::newRow("a carriage return first, quoted after the apostrophe") << u"\r=1"_s << u"\"'\r=1\""_s;
        QTest::newRow("a phone number") << u"+15551234567"_s << u"+15551234567"_s;
    }

    void encoded()
    {
        QFETCH(QString, value);
        QFETCH(QString, field);
        QCOMPARE(CsvField::encoded(value), field);
    }
};

QTEST_GUILESS_MAIN(TestCsvField)
#include "tst_csvfield.moc"
