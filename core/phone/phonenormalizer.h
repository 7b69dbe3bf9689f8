// Turns phone numbers as people write them into E.164, the one form callers are matched on.
#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <string>

class PhoneNormalizer
{
    Q_DECLARE_TR_FUNCTIONS(PhoneNormalizer)

public:
    // region: ISO 3166 code used for numbers written without a leading +, in any case.
    explicit PhoneNormalizer(QString defaultRegion = QStringLiteral("US"));

    // E.164 ("+15551234567") for any common written form, or nullopt and a one-sentence *error
    // naming the input when it is not a possible phone number. Withheld caller IDs never
    // normalise. Extensions are dropped. Safe to call from several threads at once.
    std::optional<QString> toE164(const QString &written, QString *error = nullptr) const;

    // The number as people in the default region write it, for showing: "(555) 123-4567" for the region's
    // own numbers, "+44 20 7946 0018" for others. `e164` unchanged when it cannot be read.
    QString toDisplay(const QString &e164) const;

    // `sentence` with every E.164 number in it ("Ringing +15551110003") written as toDisplay() writes it:
    // the router's stored sentences name numbers in E.164, people read them the practice's way.
    QString displayNumbersIn(const QString &sentence) const;

    QString defaultRegion() const { return m_defaultRegion; }

    // True for a region libphonenumber has metadata for ("US", "gb"); false for "XX", "".
    static bool isKnownRegion(const QString &region);

    // True when Twilio's From carries no caller: empty, a word such as "anonymous", or one of the
    // placeholder numbers that spell such a word on a keypad ("+266696687" is ANONYMOUS).
    static bool isWithheldCallerId(const QString &callerId);

private:
    QString m_defaultRegion;
    std::string m_regionCode;
};
