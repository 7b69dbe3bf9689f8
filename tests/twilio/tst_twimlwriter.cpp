// Tests TwimlWriter by reading its output back as XML, the way Twilio does.
#include "twilio/twimlwriter.h"

#include <QMap>
#include <QTest>
#include <QXmlStreamReader>

#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

struct Node
{
    QString name;
    QMap<QString, QString> attributes;
    QString text;
    std::vector<Node> children;
};

using Attributes = QMap<QString, QString>;

// The <Response> element, or nullopt (and *error) when the document is not well-formed TwiML.
std::optional<Node> parse(const QByteArray &xml, QString *error)
{
    QXmlStreamReader reader(xml);
    std::vector<Node> stack;
    std::optional<Node> root;
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement: {
            Node node;
            node.name = reader.name().toString();
            for (const QXmlStreamAttribute &attribute : reader.attributes())
                node.attributes.insert(attribute.name().toString(), attribute.value().toString());
            stack.push_back(std::move(node));
            break;
        }
        case QXmlStreamReader::Characters:
            if (!stack.empty())
                stack.back().text += reader.text();
            break;
        case QXmlStreamReader::EndElement: {
            Node done = std::move(stack.back());
            stack.pop_back();
            if (stack.empty())
                root = std::move(done);
            else
                stack.back().children.push_back(std::move(done));
            break;
        }
        default:
            break;
        }
    }
    if (reader.hasError()) {
        *error = reader.errorString();
        return std::nullopt;
    }
    if (!root || root->name != u"Response"_s) {
        *error = u"the root element is not <Response>"_s;
        return std::nullopt;
    }
    return root;
}

QStringList namesOf(const std::vector<Node> &nodes)
{
    QStringList names;
    for (const Node &node : nodes)
        names.append(node.name);
    return names;
}

} // namespace

#define PARSE_RESPONSE(response, writer)                                                                     \
    QString parseError;                                                                                      \
    const std::optional<Node> parsed = parse((writer).toXml(), &parseError);                                 \
    QVERIFY2(parsed, qPrintable(parseError));                                                                \
    const Node &response = *parsed

class TestTwimlWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyDocument();
    void say();
    void escapesText_data();
    void escapesText();
    void escapesAttributes();
    void dropsCharactersXmlCannotCarry();
    void play();
    void pause();
    void message_data();
    void message();
    void dialWithEveryOption();
    void dialLeavesDefaultsOut();
    void dialTargets();
    void dialConveniences();
    void gather();
    void gatherWithoutActionOnEmptyResult();
    void record();
    void recordDefaults();
    void redirect();
    void hangup();
    void reject_data();
    void reject();
    void verbsStayInOrder();
    void toXmlIsRepeatable();
};

void TestTwimlWriter::emptyDocument()
{
    const QByteArray xml = TwimlWriter().toXml();
    QVERIFY2(xml.startsWith(R"(<?xml version="1.0" encoding="UTF-8"?>)"), xml.constData());
    PARSE_RESPONSE(response, TwimlWriter());
    QVERIFY(response.children.empty());
    QVERIFY(response.attributes.isEmpty());
}

void TestTwimlWriter::say()
{
    PARSE_RESPONSE(response, TwimlWriter().say(u"Hello"_s, u"Polly.Joanna"_s, u"en-US"_s).say(u"Bye"_s));
    QCOMPARE(namesOf(response.children), (QStringList { u"Say"_s, u"Say"_s }));
    QCOMPARE(response.children[0].text, u"Hello"_s);
    QCOMPARE(response.children[0].attributes,
        (Attributes { { u"voice"_s, u"Polly.Joanna"_s }, { u"language"_s, u"en-US"_s } }));
    QCOMPARE(response.children[1].text, u"Bye"_s);
    QVERIFY(response.children[1].attributes.isEmpty());
}

void TestTwimlWriter::escapesText_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("markup") << u"<Hangup/> & </Say><Dial>+15551234567</Dial>"_s;
    QTest::newRow("quotes") << u"Tom's \"café\""_s;
    QTest::newRow("entities as text") << u"&amp; &lt; &#x41;"_s;
    QTest::newRow("cdata end") << u"]]> and <![CDATA[x]]>"_s;
    QTest::newRow("non-ascii") << u"Grüß Gott, 東京, שלום 😀"_s;
    QTest::newRow("whitespace kept") << u"  two  spaces\nand a line  "_s;
}

void TestTwimlWriter::escapesText()
{
    QFETCH(QString, text);

    const TwimlWriter writer = TwimlWriter().say(text);
    PARSE_RESPONSE(response, writer);
    QCOMPARE(response.children.size(), size_t(1));
    QCOMPARE(response.children[0].text, text);
    // Only the one element we asked for exists: nothing in the text became markup.
    QVERIFY(response.children[0].children.empty());
}

void TestTwimlWriter::escapesAttributes()
{
    DialOptions options;
    options.callerId = u"\"Bob\" & <Co> 'x'\ttab"_s;
    options.action = QUrl(u"https://example.com/twilio/dial?leg=fallback&call=CA1"_s);
    PARSE_RESPONSE(response, TwimlWriter().dialNumber(u"+15551234567"_s, options));
    const Node &dial = response.children.at(0);
    QCOMPARE(dial.attributes.value(u"callerId"_s), options.callerId);
    QCOMPARE(dial.attributes.value(u"action"_s), u"https://example.com/twilio/dial?leg=fallback&call=CA1"_s);
}

void TestTwimlWriter::dropsCharactersXmlCannotCarry()
{
    const QString text
        = u"a"_s + QChar(0x01) + u"b"_s + QChar(0xFFFF) + u"c"_s + QChar(0xD800) + u"d\U0001F600"_s;
    PARSE_RESPONSE(response, TwimlWriter().say(text));
    QCOMPARE(response.children.at(0).text, u"abcd\U0001F600"_s);
}

void TestTwimlWriter::play()
{
    PARSE_RESPONSE(response,
        TwimlWriter()
            .play(QUrl(u"https://example.com/hold music.mp3"_s))
            .play(QUrl(u"https://example.com/beep.wav"_s), 3)
            .play(QUrl()));
    QCOMPARE(namesOf(response.children), (QStringList { u"Play"_s, u"Play"_s }));
    QCOMPARE(response.children[0].text, u"https://example.com/hold%20music.mp3"_s);
    QVERIFY(response.children[0].attributes.isEmpty());
    QCOMPARE(response.children[1].text, u"https://example.com/beep.wav"_s);
    QCOMPARE(response.children[1].attributes, (Attributes { { u"loop"_s, u"3"_s } }));
}

void TestTwimlWriter::pause()
{
    PARSE_RESPONSE(response, TwimlWriter().pause(2).pause(0));
    QCOMPARE(namesOf(response.children), (QStringList { u"Pause"_s, u"Pause"_s }));
    QCOMPARE(response.children[0].attributes, (Attributes { { u"length"_s, u"2"_s } }));
    QVERIFY(response.children[1].attributes.isEmpty());
}

void TestTwimlWriter::message_data()
{
    QTest::addColumn<TwimlMessage>("message");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("text");

    QTest::newRow("say") << TwimlMessage { u"Welcome"_s, u"alice"_s, u"en-GB"_s, {} }
                         << QStringList { u"Say"_s } << u"Welcome"_s;
    QTest::newRow("play wins over say")
        << TwimlMessage { u"Welcome"_s, {}, {}, QUrl(u"https://example.com/welcome.mp3"_s) }
        << QStringList { u"Play"_s } << u"https://example.com/welcome.mp3"_s;
    QTest::newRow("empty says nothing") << TwimlMessage {} << QStringList {} << QString();
}

void TestTwimlWriter::message()
{
    QFETCH(TwimlMessage, message);
    QFETCH(QStringList, names);
    QFETCH(QString, text);

    PARSE_RESPONSE(response, TwimlWriter().message(message));
    QCOMPARE(namesOf(response.children), names);
    if (!names.isEmpty())
        QCOMPARE(response.children[0].text, text);
    if (names == QStringList { u"Say"_s }) {
        QCOMPARE(response.children[0].attributes,
            (Attributes { { u"voice"_s, message.voice }, { u"language"_s, message.language } }));
    }
}

void TestTwimlWriter::dialWithEveryOption()
{
    DialOptions options;
    options.action = QUrl(u"https://example.com/twilio/dial"_s);
    options.timeoutSeconds = 20;
    options.callerId = u"+18005551212"_s;
    options.answerOnBridge = true;
    options.timeLimitSeconds = 600;
    options.record = u"record-from-answer"_s;
    PARSE_RESPONSE(response, TwimlWriter().dialNumber(u"+15551234567"_s, options));
    QCOMPARE(namesOf(response.children), QStringList { u"Dial"_s });
    QCOMPARE(response.children[0].attributes,
        (Attributes { { u"action"_s, u"https://example.com/twilio/dial"_s }, { u"method"_s, u"POST"_s },
            { u"timeout"_s, u"20"_s }, { u"callerId"_s, u"+18005551212"_s },
            { u"answerOnBridge"_s, u"true"_s }, { u"timeLimit"_s, u"600"_s },
            { u"record"_s, u"record-from-answer"_s } }));
}

void TestTwimlWriter::dialLeavesDefaultsOut()
{
    PARSE_RESPONSE(response, TwimlWriter().dialNumber(u"+15551234567"_s, DialOptions {}));
    QVERIFY(response.children.at(0).attributes.isEmpty());
    QCOMPARE(namesOf(response.children.at(0).children), QStringList { u"Number"_s });
}

void TestTwimlWriter::dialTargets()
{
    const QList<DialNoun> targets {
        { DialNoun::Kind::Number, u"+15551234567"_s,
            QUrl(u"https://example.com/twilio/screen?person=1"_s) },
        { DialNoun::Kind::Number, u"+15557654321"_s, {} },
        { DialNoun::Kind::Sip, u"sip:call_abc@sip.retellai.com;transport=tcp"_s, {},
            QUrl(u"https://example.com/twilio/leg?leg=agent"_s) },
        { DialNoun::Kind::Client, u"alice"_s, {} },
    };
    PARSE_RESPONSE(response, TwimlWriter().dial(DialOptions {}, targets));
    const Node &dial = response.children.at(0);
    QCOMPARE(namesOf(dial.children), (QStringList { u"Number"_s, u"Number"_s, u"Sip"_s, u"Client"_s }));
    QCOMPARE(dial.children[0].text, u"+15551234567"_s);
    QCOMPARE(dial.children[0].attributes,
        (Attributes { { u"url"_s, u"https://example.com/twilio/screen?person=1"_s } }));
    QCOMPARE(dial.children[1].text, u"+15557654321"_s);
    QVERIFY(dial.children[1].attributes.isEmpty());
    QCOMPARE(dial.children[2].text, u"sip:call_abc@sip.retellai.com;transport=tcp"_s);
    // Twilio tells us when the leg answers, and only then.
    QCOMPARE(dial.children[2].attributes,
        (Attributes { { u"statusCallbackEvent"_s, u"answered"_s },
            { u"statusCallback"_s, u"https://example.com/twilio/leg?leg=agent"_s },
            { u"statusCallbackMethod"_s, u"POST"_s } }));
    QCOMPARE(dial.children[3].text, u"alice"_s);
    QVERIFY(dial.text.trimmed().isEmpty()); // nothing Twilio could read as a number to dial
}

// The two answers the router builds most: agent over SIP, person on a fallback number.
void TestTwimlWriter::dialConveniences()
{
    DialOptions options;
    options.action = QUrl(u"https://example.com/twilio/dial?leg=agent"_s);
    options.answerOnBridge = true;
    PARSE_RESPONSE(response,
        TwimlWriter()
            .dialSip(u"sip:call_123@sip.retellai.com"_s, options)
            .dialNumber(u"+15551234567"_s, DialOptions {}));
    QCOMPARE(namesOf(response.children), (QStringList { u"Dial"_s, u"Dial"_s }));
    QCOMPARE(namesOf(response.children[0].children), QStringList { u"Sip"_s });
    QCOMPARE(response.children[0].children[0].text, u"sip:call_123@sip.retellai.com"_s);
    QCOMPARE(
        response.children[0].attributes.value(u"action"_s), u"https://example.com/twilio/dial?leg=agent"_s);
    QCOMPARE(response.children[0].attributes.value(u"answerOnBridge"_s), u"true"_s);
    QCOMPARE(namesOf(response.children[1].children), QStringList { u"Number"_s });
    QCOMPARE(response.children[1].children[0].text, u"+15551234567"_s);
}

void TestTwimlWriter::gather()
{
    GatherOptions options;
    options.action = QUrl(u"https://example.com/twilio/screen/answer"_s);
    const QList<TwimlMessage> prompts { { u"Press 1 to accept the call."_s, u"alice"_s, {}, {} },
        { {}, {}, {}, QUrl(u"https://example.com/chime.mp3"_s) } };
    PARSE_RESPONSE(response, TwimlWriter().gather(options, prompts).say(u"No answer."_s));
    QCOMPARE(namesOf(response.children), (QStringList { u"Gather"_s, u"Say"_s }));
    const Node &gather = response.children[0];
    QCOMPARE(gather.attributes,
        (Attributes { { u"input"_s, u"dtmf"_s }, { u"numDigits"_s, u"1"_s }, { u"timeout"_s, u"5"_s },
            { u"action"_s, u"https://example.com/twilio/screen/answer"_s }, { u"method"_s, u"POST"_s },
            { u"actionOnEmptyResult"_s, u"true"_s } }));
    QCOMPARE(namesOf(gather.children), (QStringList { u"Say"_s, u"Play"_s }));
    QCOMPARE(gather.children[0].text, u"Press 1 to accept the call."_s);
    QCOMPARE(gather.children[0].attributes, (Attributes { { u"voice"_s, u"alice"_s } }));
    QCOMPARE(gather.children[1].text, u"https://example.com/chime.mp3"_s);
    QCOMPARE(response.children[1].text, u"No answer."_s); // after <Gather>, not inside it
}

void TestTwimlWriter::gatherWithoutActionOnEmptyResult()
{
    GatherOptions options;
    options.actionOnEmptyResult = false;
    options.numDigits = 4;
    PARSE_RESPONSE(response, TwimlWriter().gather(options, {}));
    QCOMPARE(response.children.at(0).attributes,
        (Attributes { { u"input"_s, u"dtmf"_s }, { u"numDigits"_s, u"4"_s }, { u"timeout"_s, u"5"_s } }));
    QVERIFY(response.children.at(0).children.empty());
}

void TestTwimlWriter::record()
{
    RecordOptions options;
    options.action = QUrl(u"https://example.com/twilio/voicemail"_s);
    options.maxLengthSeconds = 60;
    options.timeoutSeconds = 3;
    options.playBeep = false;
    options.finishOnKey = u"*"_s;
    options.recordingStatusCallback = QUrl(u"https://example.com/twilio/recording"_s);
    options.transcribe = true;
    options.transcribeCallback = QUrl(u"https://example.com/twilio/transcript"_s);
    PARSE_RESPONSE(response, TwimlWriter().record(options));
    QCOMPARE(namesOf(response.children), QStringList { u"Record"_s });
    QCOMPARE(response.children[0].attributes,
        (Attributes { { u"action"_s, u"https://example.com/twilio/voicemail"_s }, { u"method"_s, u"POST"_s },
            { u"maxLength"_s, u"60"_s }, { u"timeout"_s, u"3"_s }, { u"playBeep"_s, u"false"_s },
            { u"finishOnKey"_s, u"*"_s },
            { u"recordingStatusCallback"_s, u"https://example.com/twilio/recording"_s },
            { u"transcribe"_s, u"true"_s },
            { u"transcribeCallback"_s, u"https://example.com/twilio/transcript"_s } }));
}

void TestTwimlWriter::recordDefaults()
{
    PARSE_RESPONSE(response, TwimlWriter().record(RecordOptions {}));
    QCOMPARE(response.children.at(0).attributes,
        (Attributes {
            { u"maxLength"_s, u"120"_s }, { u"timeout"_s, u"5"_s }, { u"finishOnKey"_s, u"#"_s } }));
}

void TestTwimlWriter::redirect()
{
    PARSE_RESPONSE(response,
        TwimlWriter()
            .redirect(QUrl(u"https://example.com/twilio/voice?step=2&from=%2B1555"_s))
            .redirect(QUrl()));
    QCOMPARE(namesOf(response.children), QStringList { u"Redirect"_s });
    QCOMPARE(response.children[0].attributes, (Attributes { { u"method"_s, u"POST"_s } }));
    QCOMPARE(response.children[0].text, u"https://example.com/twilio/voice?step=2&from=%2B1555"_s);
}

void TestTwimlWriter::hangup()
{
    const TwimlWriter writer = TwimlWriter().hangup();
    PARSE_RESPONSE(response, writer);
    QCOMPARE(namesOf(response.children), QStringList { u"Hangup"_s });
    QVERIFY(response.children[0].attributes.isEmpty());
    QVERIFY(response.children[0].text.isEmpty());
    QVERIFY(writer.toXml().contains("<Hangup/>"));
}

void TestTwimlWriter::reject_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<Attributes>("attributes");

    QTest::newRow("no reason") << QString() << Attributes {};
    QTest::newRow("busy") << u"busy"_s << Attributes { { u"reason"_s, u"busy"_s } };
    QTest::newRow("rejected") << u"rejected"_s << Attributes { { u"reason"_s, u"rejected"_s } };
    QTest::newRow("unknown reason left out") << u"Busy!"_s << Attributes {};
}

void TestTwimlWriter::reject()
{
    QFETCH(QString, reason);
    QFETCH(Attributes, attributes);

    PARSE_RESPONSE(response, TwimlWriter().reject(reason));
    QCOMPARE(namesOf(response.children), QStringList { u"Reject"_s });
    QCOMPARE(response.children[0].attributes, attributes);
}

void TestTwimlWriter::verbsStayInOrder()
{
    PARSE_RESPONSE(response,
        TwimlWriter()
            .say(u"Connecting you."_s)
            .dial(DialOptions {},
                { { DialNoun::Kind::Number, u"+15551234567"_s, {} },
                    { DialNoun::Kind::Number, u"+15557654321"_s, {} } })
            .pause(1)
            .say(u"Nobody answered."_s)
            .hangup());
    QCOMPARE(
        namesOf(response.children), (QStringList { u"Say"_s, u"Dial"_s, u"Pause"_s, u"Say"_s, u"Hangup"_s }));
    QCOMPARE(namesOf(response.children[1].children), (QStringList { u"Number"_s, u"Number"_s }));
    QVERIFY(response.children[2].children.empty());
}

void TestTwimlWriter::toXmlIsRepeatable()
{
    TwimlWriter writer;
    writer.say(u"Hi"_s).hangup();
    const QByteArray first = writer.toXml();
    QCOMPARE(writer.toXml(), first);
}

QTEST_GUILESS_MAIN(TestTwimlWriter)
#include "tst_twimlwriter.moc"
