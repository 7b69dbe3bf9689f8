// Twilio's resource identifiers (SIDs).
#include "twiliosid.h"

#include "twilioform.h"

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype HexDigits = 32;

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

// The kind of resource each SID field of a voice webhook names.
QStringView prefixOf(QStringView field)
{
    struct Known
    {
        QStringView field;
        QStringView prefix;
    };
    static constexpr Known known[] = {
        { u"CallSid", u"CA" },
        { u"ParentCallSid", u"CA" },
        { u"DialCallSid", u"CA" },
        { u"AccountSid", u"AC" },
        { u"RecordingSid", u"RE" },
        { u"TranscriptionSid", u"TR" },
        { u"ConferenceSid", u"CF" },
        { u"QueueSid", u"QU" },
        { u"ApplicationSid", u"AP" },
    };
    for (const Known &entry : known) {
        if (entry.field == field)
            return entry.prefix;
    }
    return {};
}

bool isCapital(QChar c)
{
    return c >= u'A' && c <= u'Z';
}

} // namespace

bool TwilioSid::isValid(QStringView sid, QStringView prefix)
{
    if (sid.size() != prefix.size() + HexDigits || !sid.startsWith(prefix))
        return false;
    for (QChar c : sid.sliced(prefix.size())) {
        if (!isHexDigit(c))
            return false;
    }
    return true;
}

QString TwilioSid::firstMalformedField(const TwilioForm &form)
{
    for (const auto &[name, value] : form.items()) {
        if (!name.endsWith(u"Sid"_s) || value.isEmpty())
            continue;
        const QStringView prefix = prefixOf(name);
        // A SID field we do not know yet still has the common shape.
        const bool ok = prefix.isEmpty() ? value.size() == 2 + HexDigits && isCapital(value[0])
                && isCapital(value[1]) && isValid(value, value.first(2))
                                         : isValid(value, prefix);
        if (!ok)
            return name;
    }
    return {};
}
