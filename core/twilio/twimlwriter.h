// Builds the TwiML documents we answer Twilio with; QXmlStreamWriter does every bit of escaping.
#pragma once

#include "twimlmessage.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>
#include <QXmlStreamAttributes>

// The writer leaves out a number that is 0 or less, an empty text or URL, and a yes/no equal to
// Twilio's own default, so that Twilio's documented default applies instead.

// Someone <Dial> rings.
struct DialNoun
{
    enum class Kind
    {
        Number,
        Sip,
        Client
    };

    Kind kind = Kind::Number;
    QString address; // E.164 number, sip: URI or client identity
    QUrl url; // TwiML run on the callee once they answer, before bridging (whisper, screening)
    // Twilio posts the callee's leg here when it answers (statusCallbackEvent "answered"); without a
    // `url` to run first, that is the moment the caller is connected.
    QUrl answeredCallback;
};

struct DialOptions
{
    QUrl action; // with an action, verbs after <Dial> never run: its answer decides what happens
    int timeoutSeconds = 0;
    QString callerId;
    bool answerOnBridge = false;
    int timeLimitSeconds = 0;
    QString record; // e.g. "record-from-answer"
};

struct GatherOptions
{
    QUrl action;
    int numDigits = 1;
    int timeoutSeconds = 5;
    bool actionOnEmptyResult = true;
};

struct RecordOptions
{
    QUrl action;
    int maxLengthSeconds = 120;
    int timeoutSeconds = 5;
    bool playBeep = true;
    QString finishOnKey = QStringLiteral("#");
    QUrl recordingStatusCallback;
    bool transcribe = false;
    QUrl transcribeCallback;
};

class TwimlWriter
{
public:
    TwimlWriter &say(const QString &text, const QString &voice = {}, const QString &language = {});
    // <Play> when the message has a URL, otherwise <Say>; nothing for an empty message.
    TwimlWriter &message(const TwimlMessage &message);
    // loop 0 leaves Twilio's default (play once); Twilio's own loop="0" (forever) is not offered.
    TwimlWriter &play(const QUrl &url, int loop = 0);
    TwimlWriter &pause(int seconds);
    // Up to 10 <Number> targets ring at once; the first to answer is connected.
    TwimlWriter &dial(const DialOptions &options, const QList<DialNoun> &targets);
    TwimlWriter &dialNumber(const QString &number, const DialOptions &options);
    TwimlWriter &dialSip(const QString &sipUri, const DialOptions &options);
    // Keypad input only; the prompts play inside <Gather> so a key press interrupts them.
    TwimlWriter &gather(const GatherOptions &options, const QList<TwimlMessage> &prompts);
    TwimlWriter &record(const RecordOptions &options);
    TwimlWriter &redirect(const QUrl &url);
    TwimlWriter &hangup();
    // reason "rejected" or "busy"; anything else is left out (Twilio would refuse the document).
    TwimlWriter &reject(const QString &reason = {});

    // No verb yet: the next one is the document's first (what <Reject/> needs).
    bool isEmpty() const { return m_elements.isEmpty(); }

    // The complete document: <?xml ...?><Response>...</Response>.
    QByteArray toXml() const;

private:
    // One element of the document; depth 0 is a verb in <Response>, depth 1 a noun or prompt in
    // the verb before it.
    struct Element
    {
        QString name;
        QXmlStreamAttributes attributes;
        QString text;
        int depth = 0;
    };

    Element &append(const QString &name, int depth = 0);
    void appendMessage(const TwimlMessage &message, int depth);

    QList<Element> m_elements;
};
