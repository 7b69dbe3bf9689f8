// Builds the TwiML documents we answer Twilio with; QXmlStreamWriter does every bit of escaping.
#include "twimlwriter.h"

#include "twiliolog.h"

#include <QXmlStreamWriter>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

bool isXmlChar(char32_t c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
}

// XML 1.0 cannot carry most control characters or a lone surrogate even escaped, and Twilio
// answers an unreadable document with its "application error" message: drop them instead.
QString xmlSafe(const QString &text)
{
    QString safe;
    bool changed = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        qsizetype length = 1;
        char32_t codePoint = c.unicode();
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            codePoint = QChar::surrogateToUcs4(c, text[i + 1]);
            length = 2;
        }
        if (isXmlChar(codePoint) && !(length == 1 && c.isSurrogate())) {
            if (changed)
                safe.append(QStringView(text).sliced(i, length));
        } else if (!changed) {
            changed = true;
            safe.reserve(text.size());
            safe.append(QStringView(text).first(i));
        }
        i += length - 1;
    }
    if (!changed)
        return text;
    qCDebug(lcTwilio) << "Dropped characters that XML cannot carry from" << safe;
    return safe;
}

QString urlText(const QUrl &url)
{
    return QString::fromLatin1(url.toEncoded());
}

QString boolText(bool value)
{
    return value ? u"true"_s : u"false"_s;
}

void addText(QXmlStreamAttributes &attributes, const QString &name, const QString &value)
{
    if (!value.isEmpty())
        attributes.append(name, xmlSafe(value));
}

void addUrl(QXmlStreamAttributes &attributes, const QString &name, const QUrl &url)
{
    if (!url.isEmpty())
        attributes.append(name, urlText(url));
}

void addPositive(QXmlStreamAttributes &attributes, const QString &name, int value)
{
    if (value > 0)
        attributes.append(name, QString::number(value));
}

// Every action we set expects a POST (the fields arrive as a form body, which we sign-check).
void addAction(QXmlStreamAttributes &attributes, const QUrl &action)
{
    if (action.isEmpty())
        return;
    attributes.append(u"action"_s, urlText(action));
    attributes.append(u"method"_s, u"POST"_s);
}

QString nounName(DialNoun::Kind kind)
{
    switch (kind) {
    case DialNoun::Kind::Number:
        return u"Number"_s;
    case DialNoun::Kind::Sip:
        return u"Sip"_s;
    case DialNoun::Kind::Client:
        return u"Client"_s;
    }
    return u"Number"_s;
}

} // namespace

TwimlWriter::Element &TwimlWriter::append(const QString &name, int depth)
{
    m_elements.append(Element { name, {}, {}, depth });
    return m_elements.last();
}

void TwimlWriter::appendMessage(const TwimlMessage &message, int depth)
{
    if (!message.play.isEmpty()) {
        append(u"Play"_s, depth).text = urlText(message.play);
        return;
    }
    if (message.say.isEmpty()) {
        qCDebug(lcTwilio) << "An empty message says nothing";
        return;
    }
    Element &say = append(u"Say"_s, depth);
    addText(say.attributes, u"voice"_s, message.voice);
    addText(say.attributes, u"language"_s, message.language);
    say.text = xmlSafe(message.say);
}

TwimlWriter &TwimlWriter::say(const QString &text, const QString &voice, const QString &language)
{
    appendMessage(TwimlMessage { text, voice, language, {} }, 0);
    return *this;
}

TwimlWriter &TwimlWriter::message(const TwimlMessage &message)
{
    appendMessage(message, 0);
    return *this;
}

TwimlWriter &TwimlWriter::play(const QUrl &url, int loop)
{
    if (url.isEmpty()) {
        qCWarning(lcTwilio) << "<Play> without a URL left out";
        return *this;
    }
    Element &play = append(u"Play"_s);
    addPositive(play.attributes, u"loop"_s, loop);
    play.text = urlText(url);
    return *this;
}

TwimlWriter &TwimlWriter::pause(int seconds)
{
    addPositive(append(u"Pause"_s).attributes, u"length"_s, seconds);
    return *this;
}

TwimlWriter &TwimlWriter::dial(const DialOptions &options, const QList<DialNoun> &targets)
{
    if (targets.isEmpty())
        qCWarning(lcTwilio) << "<Dial> with nobody to ring";
    const auto numbers = std::count_if(targets.cbegin(), targets.cend(),
        [](const DialNoun &target) { return target.kind == DialNoun::Kind::Number; });
    if (numbers > 10)
        qCWarning(lcTwilio) << "<Dial> with" << numbers << "numbers; Twilio rings at most 10";

    Element &dial = append(u"Dial"_s);
    addAction(dial.attributes, options.action);
    addPositive(dial.attributes, u"timeout"_s, options.timeoutSeconds);
    addText(dial.attributes, u"callerId"_s, options.callerId);
    if (options.answerOnBridge)
        dial.attributes.append(u"answerOnBridge"_s, boolText(true));
    addText(dial.attributes, u"record"_s, options.record);
    addPositive(dial.attributes, u"timeLimit"_s, options.timeLimitSeconds);

    for (const DialNoun &target : targets) {
        Element &noun = append(nounName(target.kind), 1);
        addUrl(noun.attributes, u"url"_s, target.url);
        if (!target.answeredCallback.isEmpty()) {
            noun.attributes.append(u"statusCallbackEvent"_s, u"answered"_s);
            noun.attributes.append(u"statusCallback"_s, urlText(target.answeredCallback));
            noun.attributes.append(u"statusCallbackMethod"_s, u"POST"_s);
        }
        noun.text = xmlSafe(target.address.trimmed());
    }
    return *this;
}

TwimlWriter &TwimlWriter::dialNumber(const QString &number, const DialOptions &options)
{
    return dial(options, { DialNoun { DialNoun::Kind::Number, number, {} } });
}

TwimlWriter &TwimlWriter::dialSip(const QString &sipUri, const DialOptions &options)
{
    return dial(options, { DialNoun { DialNoun::Kind::Sip, sipUri, {} } });
}

TwimlWriter &TwimlWriter::gather(const GatherOptions &options, const QList<TwimlMessage> &prompts)
{
    Element &gather = append(u"Gather"_s);
    gather.attributes.append(u"input"_s, u"dtmf"_s);
    addPositive(gather.attributes, u"numDigits"_s, options.numDigits);
    addPositive(gather.attributes, u"timeout"_s, options.timeoutSeconds);
    addAction(gather.attributes, options.action);
    if (options.actionOnEmptyResult)
        gather.attributes.append(u"actionOnEmptyResult"_s, boolText(true));
    for (const TwimlMessage &prompt : prompts)
        appendMessage(prompt, 1);
    return *this;
}

TwimlWriter &TwimlWriter::record(const RecordOptions &options)
{
    Element &record = append(u"Record"_s);
    addAction(record.attributes, options.action);
    addPositive(record.attributes, u"maxLength"_s, options.maxLengthSeconds);
    addPositive(record.attributes, u"timeout"_s, options.timeoutSeconds);
    if (!options.playBeep)
        record.attributes.append(u"playBeep"_s, boolText(false));
    addText(record.attributes, u"finishOnKey"_s, options.finishOnKey);
    addUrl(record.attributes, u"recordingStatusCallback"_s, options.recordingStatusCallback);
    if (options.transcribe)
        record.attributes.append(u"transcribe"_s, boolText(true));
    addUrl(record.attributes, u"transcribeCallback"_s, options.transcribeCallback);
    return *this;
}

TwimlWriter &TwimlWriter::redirect(const QUrl &url)
{
    if (url.isEmpty()) {
        qCWarning(lcTwilio) << "<Redirect> without a URL left out";
        return *this;
    }
    Element &redirect = append(u"Redirect"_s);
    redirect.attributes.append(u"method"_s, u"POST"_s);
    redirect.text = urlText(url);
    return *this;
}

TwimlWriter &TwimlWriter::hangup()
{
    append(u"Hangup"_s);
    return *this;
}

TwimlWriter &TwimlWriter::reject(const QString &reason)
{
    Element &reject = append(u"Reject"_s);
    if (reason == u"rejected"_s || reason == u"busy"_s)
        reject.attributes.append(u"reason"_s, reason);
    else if (!reason.isEmpty())
        qCWarning(lcTwilio) << "Unknown <Reject> reason" << reason << "left out";
    return *this;
}

QByteArray TwimlWriter::toXml() const
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartDocument();
    writer.writeStartElement(u"Response"_s);
    int open = 0;
    for (const Element &element : m_elements) {
        for (; open > element.depth; --open)
            writer.writeEndElement();
        writer.writeStartElement(element.name);
        writer.writeAttributes(element.attributes);
        if (!element.text.isEmpty())
            writer.writeCharacters(element.text);
        ++open;
    }
    writer.writeEndDocument();
    return xml;
}
