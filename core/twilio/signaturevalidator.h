// Checks X-Twilio-Signature, so that only Twilio (who knows the auth token) can drive our calls.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <array>
#include <optional>

class TwilioForm;

class SignatureValidator
{
public:
    explicit SignatureValidator(QByteArray authToken);

    // What Twilio sends as X-Twilio-Signature: Base64 HMAC-SHA1 of the url followed by every
    // field's name and value, names in byte order, a repeated name's distinct values sorted.
    QByteArray sign(const QString &url, const TwilioForm &params) const;

    // True when the signature matches the url as given or with its default port (:443 for https,
    // :80 for http) removed or added, as Twilio signs either. Other ports are never toggled.
    // False for an empty token or an empty signature. Compares in constant time.
    bool isValid(const QString &url, const TwilioForm &params, const QByteArray &signature) const;
    // True when the signature matches any of `urls` (each with its port variant), for a request
    // whose exact URL is known only up to a few spellings.
    bool isValidForAny(const QStringList &urls, const TwilioForm &params, const QByteArray &signature) const;

    // For JSON bodies: the url carries bodySHA256=<hex SHA-256 of the body>, which must match the
    // body, and the signature covers the url alone (no fields).
    bool isValidJson(const QString &url, const QByteArray &body, const QByteArray &signature) const;

private:
    using Digest = std::array<unsigned char, 20>;

    std::optional<Digest> hmac(QStringView url, QByteArrayView canonicalParams) const;
    bool matchesUrlOrPortVariant(
        const QString &url, QByteArrayView canonicalParams, const QByteArray &signature) const;

    bool m_hasToken = false;
    // RFC 2104 key blocks: the token (hashed when longer than a block) XORed with ipad and opad.
    std::array<unsigned char, 64> m_innerPad {};
    std::array<unsigned char, 64> m_outerPad {};
};
