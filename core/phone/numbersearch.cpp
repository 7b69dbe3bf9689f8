// What a number typed into a search box finds.
#include "numbersearch.h"

#include "phonenormalizer.h"

#include <phonenumbers/phonenumberutil.h>

#include <QStringView>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

// Digits and what people put between them: "(415) 555-0888", "+1 415.555.0888", "020 7946 0018".
bool isWrittenNumber(QStringView text)
{
    for (const QChar c : text) {
        if (!(c >= u'0' && c <= u'9') && !QStringView(u" +-()./").contains(c))
            return false;
    }
    return true;
}

QString digitsOf(QStringView text)
{
    QString digits;
    for (const QChar c : text) {
        if (c >= u'0' && c <= u'9')
            digits.append(c);
    }
    return digits;
}

} // namespace

NumberSearch::NumberSearch(const QString &typed, const QString &region)
{
    const QString text = typed.trimmed();
    if (!isWrittenNumber(text))
        return;
    const QString digits = digitsOf(text);
    if (digits.isEmpty())
        return;
    const PhoneNormalizer normalizer(region);
    m_e164 = normalizer.toE164(text).value_or(QString());
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    PhoneNumber parsed;
    if (!m_e164.isEmpty() && util.Parse(m_e164.toStdString(), "ZZ", &parsed) == PhoneNumberUtil::NO_PARSING_ERROR) {
        // A valid number, or one as long as a whole number is in most countries (test numbers such as
        // 555 ones are not valid, yet whole); "020 7946" is only the start of a London number.
        std::string national;
        util.GetNationalSignificantNumber(parsed, &national);
        if (util.IsValidNumber(parsed)
            || (util.IsPossibleNumberWithReason(parsed) == PhoneNumberUtil::IS_POSSIBLE && national.size() >= 10))
            m_wholeNumber = m_e164;
    }
    if (text.startsWith(u'+')) {
        m_e164Prefix = u'+' + digits;
        return;
    }
    m_digits = digits;
    // The trunk prefix ("0" in most of Europe, "1" in North America) is no part of the E.164 form.
    const std::string regionCode = normalizer.defaultRegion().toStdString();
    std::string trunk;
    util.GetNddPrefixForRegion(regionCode, true, &trunk);
    const QString trunkPrefix = QString::fromStdString(trunk);
    if (!trunkPrefix.isEmpty() && digits.size() > trunkPrefix.size() && digits.startsWith(trunkPrefix)) {
        m_nationalStart = u'+' + QString::number(util.GetCountryCodeForRegion(regionCode))
            + QStringView(digits).mid(trunkPrefix.size());
    }
}

bool NumberSearch::matches(const QString &e164) const
{
    if (!m_e164.isEmpty() && e164 == m_e164)
        return true;
    if (!m_e164Prefix.isEmpty())
        return e164.startsWith(m_e164Prefix);
    if (m_digits.isEmpty())
        return false;
    return e164.contains(m_digits) || (!m_nationalStart.isEmpty() && e164.startsWith(m_nationalStart));
}
