// Turns phone numbers as people write them into E.164, the one form callers are matched on.
#include "phonenormalizer.h"

#include "phonelog.h"

#include <phonenumbers/phonenumberutil.h>

#include <QRegularExpression>
#include <QStringView>

#include <algorithm>
#include <array>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

// Words Twilio (and carriers before it) put in From when the caller hid their number.
constexpr std::array withheldWords { u"anonymous", u"unknown", u"restricted", u"private", u"blocked",
    u"unavailable" };

// The same words spelled on a keypad, which Twilio sends as From for withheld callers. Compared
// exactly: "+8656696" is UNKNOWN, but "+865669612345" is an ordinary Chinese mobile.
constexpr std::array withheldPlaceholders {
    u"+266696687", // ANONYMOUS
    u"+7378742833", // RESTRICTED
    u"+2562533", // BLOCKED
    u"+8656696", // UNKNOWN
    u"+86282452253", // UNAVAILABLE
};

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// ^\+[1-9]\d{6,14}$ without the cost of a regular expression.
bool isStrictE164(QStringView text)
{
    if (text.size() < 8 || text.size() > 16 || text.front() != u'+' || text[1] == u'0')
        return false;
    return std::all_of(text.begin() + 1, text.end(), isDigit);
}

// North American numbers are ten digits after +1 with an area code starting 2-9, so libphonenumber
// has no national prefix to strip and every such number is possible: the form Twilio sends for US
// and Canadian callers needs no parsing at all.
bool isNorthAmericanE164(QStringView text)
{
    return text.size() == 12 && text[1] == u'1' && text[2] >= u'2';
}

} // namespace

PhoneNormalizer::PhoneNormalizer(QString defaultRegion)
    : m_defaultRegion(defaultRegion.trimmed().toUpper())
    , m_regionCode(m_defaultRegion.toStdString())
{
    // Not fatal (numbers written with + still work), but every other number will be refused.
    if (!isKnownRegion(m_defaultRegion))
        qCWarning(lcPhone) << "Unknown default region" << m_defaultRegion
                           << "- only numbers written with a + and a country code can be read";
}

std::optional<QString> PhoneNormalizer::toE164(const QString &written, QString *error) const
{
    const auto fail = [&](const QString &message) -> std::optional<QString> {
        if (error)
            *error = message;
        return std::nullopt;
    };

    if (isWithheldCallerId(written)) {
        if (written.trimmed().isEmpty())
            return fail(tr("No phone number was given."));
        return fail(tr("\"%1\" is a withheld caller ID, not a phone number.").arg(written.trimmed()));
    }

    const bool strict = isStrictE164(written);
    if (strict && isNorthAmericanE164(written))
        return written;

    const QString input = strict ? written : written.trimmed();
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    // A number that starts with + names its own country; the default region is only for the others.
    const PhoneNumberUtil::ErrorType parsed = util.Parse(input.toStdString(), m_regionCode, &number);
    switch (parsed) {
    case PhoneNumberUtil::NO_PARSING_ERROR:
        break;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
        if (input.startsWith(u'+') || isKnownRegion(m_defaultRegion))
            return fail(tr("\"%1\" does not start with a known country code.").arg(input));
        return fail(tr("\"%1\" has no country code, and the default region \"%2\" is not a known region.")
                        .arg(input, m_defaultRegion));
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case PhoneNumberUtil::TOO_SHORT_NSN:
        return fail(tr("\"%1\" is too short to be a phone number.").arg(input));
    case PhoneNumberUtil::TOO_LONG_NSN:
        return fail(tr("\"%1\" is too long to be a phone number.").arg(input));
    case PhoneNumberUtil::NOT_A_NUMBER:
        return fail(tr("\"%1\" is not a phone number.").arg(input));
    }

    // IS_POSSIBLE_LOCAL_ONLY is not enough: a number without its area code has no E.164 form
    // that any caller's From could ever match.
    switch (util.IsPossibleNumberWithReason(number)) {
    case PhoneNumberUtil::IS_POSSIBLE:
        break;
    case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY:
        return fail(tr("\"%1\" lacks its area code.").arg(input));
    case PhoneNumberUtil::INVALID_COUNTRY_CODE:
        return fail(tr("\"%1\" does not start with a known country code.").arg(input));
    case PhoneNumberUtil::TOO_SHORT:
        return fail(tr("\"%1\" is too short to be a phone number.").arg(input));
    case PhoneNumberUtil::TOO_LONG:
        return fail(tr("\"%1\" is too long to be a phone number.").arg(input));
    case PhoneNumberUtil::INVALID_LENGTH:
        return fail(tr("\"%1\" has the wrong number of digits to be a phone number.").arg(input));
    }

    std::string e164;
    util.Format(number, PhoneNumberUtil::E164, &e164);
    // Hand back the caller's own string when it already was the answer: no new allocation.
    if (strict && written.size() == qsizetype(e164.size())
        && written == QLatin1StringView(e164.data(), qsizetype(e164.size())))
        return written;
    QString result = QString::fromStdString(e164);
    // The formatted number can spell a withheld placeholder ("+266 696 687" is ANONYMOUS).
    if (isWithheldCallerId(result))
        return fail(tr("\"%1\" is a withheld caller ID, not a phone number.").arg(input));
    return result;
}

QString PhoneNormalizer::displayNumbersIn(const QString &sentence) const
{
    // A + and 7 to 15 digits, not part of a word, a longer run of digits or a URL (a SID, a path, a query).
    static const QRegularExpression e164(QStringLiteral("(?<![\\w+/=%])\\+[1-9]\\d{6,14}(?![\\w/])"));
    if (!sentence.contains(u'+'))
        return sentence;
    QString shown;
    qsizetype from = 0;
    for (QRegularExpressionMatchIterator it = e164.globalMatch(sentence); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        shown += QStringView(sentence).mid(from, match.capturedStart() - from);
        QString number = toDisplay(match.captured());
        // "Dr. Diaz (+15551110003)" would read "Dr. Diaz ((555) 111-0003)": inside brackets the area
        // code goes without its own.
        const bool bracketed = match.capturedStart() > 0 && sentence.at(match.capturedStart() - 1) == u'('
            && match.capturedEnd() < sentence.size() && sentence.at(match.capturedEnd()) == u')';
        if (bracketed && number.startsWith(u'('))
            number = number.remove(u'(').replace(QStringLiteral(") "), QStringLiteral(" "));
        shown += number;
        from = match.capturedEnd();
    }
    shown += QStringView(sentence).mid(from);
    return shown;
}

QString PhoneNormalizer::toDisplay(const QString &e164) const
{
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (e164.isEmpty() || util.Parse(e164.toStdString(), m_regionCode, &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return e164;
    // By country code rather than by the number's region: numbers that are possible but not assigned
    // (the 555 numbers of films and examples) have no region, and still read best the local way.
    const bool local = number.country_code() == util.GetCountryCodeForRegion(m_regionCode);
    std::string formatted;
    util.Format(number, local ? PhoneNumberUtil::NATIONAL : PhoneNumberUtil::INTERNATIONAL, &formatted);
    return QString::fromStdString(formatted);
}

bool PhoneNormalizer::isKnownRegion(const QString &region)
{
    const QString code = region.trimmed().toUpper();
    // Region codes are two letters; this also keeps "001" (non-geographic numbers) out.
    if (code.size() != 2)
        return false;
    return PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(code.toStdString()) != 0;
}

bool PhoneNormalizer::isWithheldCallerId(const QString &callerId)
{
    const QStringView id = QStringView(callerId).trimmed();
    if (id.isEmpty())
        return true;
    if (id.front() == u'+') {
        return std::any_of(withheldPlaceholders.begin(), withheldPlaceholders.end(),
            [&](QStringView placeholder) { return id == placeholder; });
    }
    return std::any_of(withheldWords.begin(), withheldWords.end(),
        [&](QStringView word) { return id.compare(word, Qt::CaseInsensitive) == 0; });
}
