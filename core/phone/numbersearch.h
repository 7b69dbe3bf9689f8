// What a number typed into a search box finds: the same number written any other way, or the calls and
// customers whose number holds the digits typed so far.
#pragma once

#include <QString>

class NumberSearch
{
public:
    // `region` reads numbers written without a country code, as PhoneNormalizer does.
    NumberSearch(const QString &typed, const QString &region);

    // False for text with letters in it (a name, perhaps) or without a single digit.
    bool isNumber() const { return !m_e164Prefix.isEmpty() || !m_digits.isEmpty(); }

    // Typed with a leading +: the E.164 numbers that start with it ("+1 415" is "+1415").
    QString e164Prefix() const { return m_e164Prefix; }
    // Typed without one: digits found anywhere in a number's E.164 form ("555-08" is "55508").
    QString digits() const { return m_digits; }
    // The digits written the region's own way, trunk prefix first ("020 79" in the UK): how the E.164
    // form of such numbers begins ("+442079"). Empty when the digits do not start with the trunk prefix.
    QString nationalStart() const { return m_nationalStart; }
    // The whole number in E.164, when the text is one.
    QString e164() const { return m_e164; }
    // The whole number in E.164 when the text is a complete number with its area code ("(555) 100-0042",
    // not the local "100-0042"): that number is what is sought, and the search can go straight to it.
    QString wholeNumber() const { return m_wholeNumber; }

    // Whether `e164`, a stored number, is one this search finds.
    bool matches(const QString &e164) const;

private:
    QString m_e164Prefix;
    QString m_digits;
    QString m_nationalStart;
    QString m_e164;
    QString m_wholeNumber;
};
