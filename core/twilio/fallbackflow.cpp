#include "twilio/fallbackflow.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

// Widget names: also how read() recognises a flow of ours.
const QString Trigger = u"Trigger"_s;
const QString Ring = u"ring_fallback_number"_s;
const QString Answered = u"was_it_answered"_s;
const QString Greeting = u"voicemail_greeting"_s;
const QString Voicemail = u"take_voicemail"_s;
const QString Closing = u"closing_sentence"_s;
const QString Description = u"Switchboard: reaches a person when the Switchboard computer cannot answer"_s;

QJsonObject transition(const QString &event, const QString &next = {})
{
    QJsonObject t { { u"event"_s, event } };
    if (!next.isEmpty())
        t.insert(u"next"_s, next);
    return t;
}

QJsonObject state(const QString &name, const QString &type, QJsonObject properties, QJsonArray transitions, int row)
{
    // Where the console draws the widget, one below the other.
    properties.insert(u"offset"_s, QJsonObject { { u"x"_s, 0 }, { u"y"_s, row * 200 } });
    return QJsonObject {
        { u"name"_s, name },
        { u"type"_s, type },
        { u"properties"_s, properties },
        { u"transitions"_s, transitions },
    };
}

QJsonObject sayProperties(const QString &say, const FallbackPlan &plan)
{
    QJsonObject properties { { u"say"_s, say }, { u"loop"_s, 1 } };
    if (!plan.voice.isEmpty())
        properties.insert(u"voice"_s, plan.voice);
    if (!plan.language.isEmpty())
        properties.insert(u"language"_s, plan.language);
    return properties;
}

QJsonObject stateNamed(const QJsonArray &states, const QString &name)
{
    for (const QJsonValue &value : states) {
        if (value.toObject().value(u"name"_s).toString() == name)
            return value.toObject();
    }
    return {};
}

} // namespace

QString FallbackFlow::friendlyName()
{
    return u"Switchboard fallback"_s;
}

QJsonObject FallbackFlow::definition(const FallbackPlan &plan)
{
    // Nobody answered (or nobody to ring): a message if the plan takes them, else the closing sentence.
    const QString whenNobody = plan.voicemail ? Greeting : Closing;
    const QString first = plan.number.isEmpty() ? whenNobody : Ring;
    QJsonArray states;
    int row = 0;
    states.append(state(Trigger, u"trigger"_s, {},
        { transition(u"incomingMessage"_s), transition(u"incomingCall"_s, first), transition(u"incomingRequest"_s) },
        row++));
    if (!plan.number.isEmpty()) {
        // The caller's own number as caller ID, as the router's <Dial> does, so the person sees who calls.
        states.append(state(Ring, u"connect-call-to"_s,
            { { u"noun"_s, u"number"_s }, { u"to"_s, plan.number }, { u"caller_id"_s, u"{{contact.channel.address}}"_s },
                { u"timeout"_s, plan.ringSeconds }, { u"record"_s, false } },
            { transition(u"callCompleted"_s, Answered), transition(u"hangup"_s) }, row++));
        // Studio goes on after the dial whether or not it was answered: a call that was talked ends here.
        states.append(state(Answered, u"split-based-on"_s,
            { { u"input"_s, u"{{widgets.%1.DialCallStatus}}"_s.arg(Ring) } },
            { transition(u"noMatch"_s, whenNobody),
                QJsonObject { { u"event"_s, u"match"_s },
                    { u"conditions"_s,
                        QJsonArray { QJsonObject { { u"friendly_name"_s, u"answered"_s },
                            { u"arguments"_s, QJsonArray { u"{{widgets.%1.DialCallStatus}}"_s.arg(Ring) } },
                            { u"type"_s, u"equal_to"_s }, { u"value"_s, u"completed"_s } } } } } },
            row++));
    }
    if (plan.voicemail) {
        states.append(state(Greeting, u"say-play"_s, sayProperties(plan.greeting, plan),
            { transition(u"audioComplete"_s, Voicemail) }, row++));
        states.append(state(Voicemail, u"record-voicemail"_s,
            { { u"max_length"_s, plan.voicemailMaxSeconds }, { u"timeout"_s, 5 }, { u"finish_on_key"_s, u"#"_s },
                { u"play_beep"_s, u"true"_s }, { u"trim"_s, u"trim-silence"_s }, { u"transcribe"_s, false } },
            { transition(u"recordingComplete"_s), transition(u"noAudio"_s), transition(u"hangup"_s) }, row++));
    } else {
        states.append(state(Closing, u"say-play"_s, sayProperties(plan.closing, plan),
            { transition(u"audioComplete"_s) }, row++));
    }
    return QJsonObject {
        { u"description"_s, Description },
        { u"states"_s, states },
        { u"initial_state"_s, Trigger },
        // Every caller at once: a fallback that took one call at a time would drop the rest.
        { u"flags"_s, QJsonObject { { u"allow_concurrent_calls"_s, true } } },
    };
}

std::optional<FallbackPlan> FallbackFlow::read(const QJsonObject &definition)
{
    if (definition.value(u"description"_s).toString() != Description)
        return std::nullopt;
    const QJsonArray states = definition.value(u"states"_s).toArray();
    FallbackPlan plan;
    const QJsonObject ring = stateNamed(states, Ring).value(u"properties"_s).toObject();
    plan.number = ring.value(u"to"_s).toString();
    plan.ringSeconds = ring.value(u"timeout"_s).toInt(plan.ringSeconds);
    const QJsonObject voicemail = stateNamed(states, Voicemail).value(u"properties"_s).toObject();
    plan.voicemail = !voicemail.isEmpty();
    plan.voicemailMaxSeconds = voicemail.value(u"max_length"_s).toInt(plan.voicemailMaxSeconds);
    const QJsonObject said = stateNamed(states, plan.voicemail ? Greeting : Closing).value(u"properties"_s).toObject();
    (plan.voicemail ? plan.greeting : plan.closing) = said.value(u"say"_s).toString();
    plan.voice = said.value(u"voice"_s).toString();
    plan.language = said.value(u"language"_s).toString();
    return plan;
}

QString FallbackFlow::describe(const FallbackPlan &plan)
{
    const QString nobody = plan.voicemail ? tr("takes a voicemail of up to %1 s").arg(plan.voicemailMaxSeconds)
                                          : tr("says \"%1\" and hangs up").arg(plan.closing);
    if (plan.number.isEmpty())
        return nobody;
    return tr("rings %1 for %2 s; when nobody answers, %3").arg(plan.number).arg(plan.ringSeconds).arg(nobody);
}

QString FallbackFlow::flowSidIn(const QUrl &url)
{
    static const QRegularExpression path(u"^/v1/Accounts/AC[0-9a-fA-F]{32}/Flows/(FW[0-9a-fA-F]{32})$"_s);
    if (url.scheme() != u"https"_s || !url.host().startsWith(u"webhooks."_s) || !url.host().endsWith(u".twilio.com"_s))
        return {};
    const QRegularExpressionMatch match = path.match(url.path());
    return match.hasMatch() ? match.captured(1) : QString();
}
