// Tests of CsvReader: RFC 4180 records from real files, their line numbers, and the errors it reports.
#include "importer/csvreader.h"
#include "tempdatadir.h"

#include <QBuffer>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(CsvReader::Error)

class tst_CsvReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsRecords_data();
    void readsRecords();
    void reportsErrors_data();
    void reportsErrors();
    void emptyInputHasNoRecords_data();
    void emptyInputHasNoRecords();
    void readsAnyChunking_data();
    void readsAnyChunking();
    void findsTheDelimiterAcrossReads();
    void streamsLargeFile();
};

namespace {

// Hands out at most `step` bytes per read, so that every record boundary falls across two reads somewhere.
class TrickleDevice : public QIODevice
{
public:
    TrickleDevice(QByteArray data, qint64 step)
        : m_data(std::move(data))
        , m_step(step)
    {
        open(QIODevice::ReadOnly);
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 count = qMin(qMin(maxSize, m_step), qint64(m_data.size()) - m_pos);
        memcpy(data, m_data.constData() + m_pos, size_t(count));
        m_pos += count;
        return count;
    }
    qint64 writeData(const char *, qint64) override { return -1; }
    bool isSequential() const override { return true; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
    qint64 m_step;
};

struct ReadResult
{
    QList<CsvRecord> records;
    CsvReader::Error error = CsvReader::Error::None;
    int errorLine = 0;
    QString errorString;
};

ReadResult readAll(QIODevice &device)
{
    ReadResult result;
    CsvReader reader(device);
    CsvRecord record;
    while (reader.readRecord(&record))
        result.records.append(record);
    result.error = reader.error();
    result.errorLine = reader.errorLine();
    result.errorString = reader.errorString();
    return result;
}

ReadResult readFile(const QByteArray &contents)
{
    TempDataDir dir;
    QFile file(dir.writeFile(u"input.csv"_s, contents));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return readAll(file);
}

// "line|field|field" per record, for compact expectations.
QStringList describe(const QList<CsvRecord> &records)
{
    QStringList lines;
    for (const CsvRecord &record : records)
        lines.append(QString::number(record.line) + u'|' + record.fields.join(u'|'));
    return lines;
}

} // namespace

void tst_CsvReader::readsRecords_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("LF line ends") << QByteArray("id,name\n1,Ada\n2,Bob\n")
                                  << QStringList{u"1|id|name"_s, u"2|1|Ada"_s, u"3|2|Bob"_s};
    QTest::newRow("CRLF line ends") << QByteArray("id,name\r\n1,Ada\r\n2,Bob\r\n")
                                    << QStringList{u"1|id|name"_s, u"2|1|Ada"_s, u"3|2|Bob"_s};
    QTest::newRow("CR line ends") << QByteArray("id,name\r1,Ada\r2,Bob")
                                  << QStringList{u"1|id|name"_s, u"2|1|Ada"_s, u"3|2|Bob"_s};
    QTest::newRow("no line end at the end") << QByteArray("id,name\n1,Ada")
                                            << QStringList{u"1|id|name"_s, u"2|1|Ada"_s};
    QTest::newRow("UTF-8 byte order mark") << QByteArray("\xEF\xBB\xBFid,name\n1,Ada\n")
                                           << QStringList{u"1|id|name"_s, u"2|1|Ada"_s};
    QTest::newRow("UTF-8 text") << QByteArray("name\nJos\xC3\xA9\n\xE6\x97\xA5\xE6\x9C\xAC\n\xF0\x9F\x98\x80\n")
                                << QStringList{u"1|name"_s, u"2|José"_s, u"3|日本"_s, u"4|😀"_s};
    QTest::newRow("empty fields") << QByteArray("a,,c\n,,x\n1,2,\n")
                                  << QStringList{u"1|a||c"_s, u"2|||x"_s, u"3|1|2|"_s};
    QTest::newRow("quoted comma") << QByteArray("name,city\n\"Lovelace, Ada\",London\n")
                                  << QStringList{u"1|name|city"_s, u"2|Lovelace, Ada|London"_s};
    QTest::newRow("doubled quotes") << QByteArray("note\n\"She said \"\"hi\"\"\"\n\"\"\"\"\n")
                                    << QStringList{u"1|note"_s, u"2|She said \"hi\""_s, u"3|\""_s};
    QTest::newRow("quoted newline moves the next line number")
        << QByteArray("id,notes\n1,\"first\nsecond\nthird\"\n2,plain\n")
        << QStringList{u"1|id|notes"_s, u"2|1|first\nsecond\nthird"_s, u"5|2|plain"_s};
    QTest::newRow("quoted CRLF kept and counted once")
        << QByteArray("id,notes\r\n1,\"a\r\nb\"\r\n2,c\r\n")
        << QStringList{u"1|id|notes"_s, u"2|1|a\r\nb"_s, u"4|2|c"_s};
    QTest::newRow("blank lines skipped") << QByteArray("id\n\n1\n\r\n\n2\n\n")
                                         << QStringList{u"1|id"_s, u"3|1"_s, u"6|2"_s};
    QTest::newRow("rows of empty fields skipped") << QByteArray("id,name\n,,\n  ,\n1,Ada\n\"\",\"\"\n")
                                                  << QStringList{u"1|id|name"_s, u"4|1|Ada"_s};
    QTest::newRow("spaces kept") << QByteArray(" a , b \n") << QStringList{u"1| a | b "_s};
    QTest::newRow("quote inside an unquoted field kept") << QByteArray("size\n5\" screen\n")
                                                         << QStringList{u"1|size"_s, u"2|5\" screen"_s};
    QTest::newRow("text after a closing quote kept") << QByteArray("\"ab\"c,d\n")
                                                     << QStringList{u"1|abc|d"_s};
    QTest::newRow("empty quoted field among others") << QByteArray("a,\"\",c\n")
                                                     << QStringList{u"1|a||c"_s};
    QTest::newRow("semicolons, as European spreadsheets save")
        << QByteArray("Vorname;Nachname;Telefon\nJos\xC3\xA9;\"M\xC3\xBCller; Jr.\";0171, 2345678\n")
        << QStringList { u"1|Vorname|Nachname|Telefon"_s, u"2|José|Müller; Jr.|0171, 2345678"_s };
    QTest::newRow("tabs") << QByteArray("id\tname\n1\tAda, Countess\n")
                          << QStringList { u"1|id|name"_s, u"2|1|Ada, Countess"_s };
    QTest::newRow("semicolons in a quoted header field do not count")
        << QByteArray("\"a;b;c\",d\n1;2,3\n") << QStringList { u"1|a;b;c|d"_s, u"2|1;2|3"_s };
    QTest::newRow("a comma wins a tie") << QByteArray("a;b,c\n") << QStringList { u"1|a;b|c"_s };
}

void tst_CsvReader::readsRecords()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    const ReadResult result = readFile(input);
    QCOMPARE(result.error, CsvReader::Error::None);
    QCOMPARE(describe(result.records), expected);
}

void tst_CsvReader::reportsErrors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<CsvReader::Error>("error");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("recordsBefore");

    QTest::newRow("invalid UTF-8 (Latin-1 é)")
        << QByteArray("id,name\n1,Ada\n2,Jos\xE9\n3,Bob\n") << CsvReader::Error::InvalidUtf8 << 3 << 2;
    QTest::newRow("invalid UTF-8 in a multi-line quoted field")
        << QByteArray("id,notes\n1,\"ok\nstill ok\"\n2,\"fine\nbad \xFF\"\n") << CsvReader::Error::InvalidUtf8
        << 4 << 2;
    QTest::newRow("UTF-16 byte order mark") << QByteArray("\xFF\xFEi\0d\0", 6) << CsvReader::Error::Utf16 << 1
                                            << 0;
    QTest::newRow("unterminated quote")
        << QByteArray("id,notes\n1,fine\n2,\"never closed\n3,more\n4,rows\n") << CsvReader::Error::UnterminatedQuote
        << 3 << 2;
}

void tst_CsvReader::reportsErrors()
{
    QFETCH(QByteArray, input);
    QFETCH(CsvReader::Error, error);
    QFETCH(int, line);
    QFETCH(int, recordsBefore);
    const ReadResult result = readFile(input);
    QCOMPARE(result.error, error);
    QCOMPARE(result.errorLine, line);
    QCOMPARE(result.records.size(), recordsBefore);
    QVERIFY(!result.errorString.isEmpty());
    if (line > 0)
        QVERIFY2(result.errorString.contains(QString::number(line)), qPrintable(result.errorString));
}

void tst_CsvReader::emptyInputHasNoRecords_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("empty file") << QByteArray();
    QTest::newRow("byte order mark only") << QByteArray("\xEF\xBB\xBF");
    QTest::newRow("blank lines only") << QByteArray("\n\r\n  \n,,\n");
}

void tst_CsvReader::emptyInputHasNoRecords()
{
    QFETCH(QByteArray, input);
    const ReadResult result = readFile(input);
    QCOMPARE(result.error, CsvReader::Error::None);
    QVERIFY(result.records.isEmpty());
}

void tst_CsvReader::readsAnyChunking_data()
{
    QTest::addColumn<qint64>("step");
    QTest::newRow("one byte per read") << qint64(1);
    QTest::newRow("two bytes per read") << qint64(2);
    QTest::newRow("three bytes per read") << qint64(3);
    QTest::newRow("seven bytes per read") << qint64(7);
}

void tst_CsvReader::readsAnyChunking()
{
    QFETCH(qint64, step);
    const QByteArray input("\xEF\xBB\xBFid,notes\r\n1,\"a \"\"quoted\"\" word,\r\nand a line\"\r\n\r\n2,Jos\xC3\xA9\r\n"
                           "3,\"\"\r4,x\n");
    TrickleDevice device(input, step);
    const ReadResult result = readAll(device);
    QCOMPARE(result.error, CsvReader::Error::None);
    QCOMPARE(describe(result.records),
             QStringList({u"1|id|notes"_s, u"2|1|a \"quoted\" word,\r\nand a line"_s, u"5|2|José"_s, u"6|3|"_s,
                          u"7|4|x"_s}));
}

void tst_CsvReader::findsTheDelimiterAcrossReads()
{
    // The first line arrives a byte at a time; the delimiter is still known before the first field.
    TrickleDevice device(QByteArray("\xEF\xBB\xBF\"Patient ID\";Name\r\n7;\"Lopez, Maria\"\r\n"), 1);
    CsvReader reader(device);
    QList<CsvRecord> records;
    CsvRecord record;
    while (reader.readRecord(&record))
        records.append(record);
    QCOMPARE(reader.error(), CsvReader::Error::None);
    QCOMPARE(reader.delimiter(), ';');
    QCOMPARE(describe(records), QStringList({ u"1|Patient ID|Name"_s, u"2|7|Lopez, Maria"_s }));
}

void tst_CsvReader::streamsLargeFile()
{
    // Several read chunks' worth of records, some quoted with line breaks, to cross every chunk boundary.
    QByteArray input("id,notes\n");
    int expectedLine = 2;
    QList<int> lines;
    constexpr int count = 60000;
    for (int i = 0; i < count; ++i) {
        lines.append(expectedLine);
        if (i % 3 == 0) {
            input += QByteArray::number(i) + ",\"line one, \"\"quoted\"\"\nline two\"\n";
            expectedLine += 2;
        } else {
            input += QByteArray::number(i) + ",plain text for row " + QByteArray::number(i) + "\n";
            expectedLine += 1;
        }
    }
    QVERIFY(input.size() > 1024 * 1024);
    const ReadResult result = readFile(input);
    QCOMPARE(result.error, CsvReader::Error::None);
    QCOMPARE(result.records.size(), count + 1);
    for (int i = 0; i < count; ++i) {
        const CsvRecord &record = result.records.at(i + 1);
        QCOMPARE(record.line, lines.at(i));
        QCOMPARE(record.fields.value(0), QString::number(i));
        QCOMPARE(record.fields.value(1), i % 3 == 0 ? u"line one, \"quoted\"\nline two"_s
                                                    : u"plain text for row "_s + QString::number(i));
    }
}

QTEST_GUILESS_MAIN(tst_CsvReader)
#include "tst_csvreader.moc"
