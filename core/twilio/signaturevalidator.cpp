// Checks X-Twilio-Signature, so that only Twilio (who knows the auth token) can drive our calls.
#include "signaturevalidator.h"

#include "twilioform.h"
#include "twiliolog.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <QByteArrayView>
#include <QStringEncoder>
#include <QStringView>
#include <QVarLengthArray>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype blockSize = 64; // SHA-1's, which RFC 2104 pads the key to
constexpr qsizetype base64DigestSize = 28;

// Fetched once and never changed: OpenSSL 3 otherwise looks the algorithm up on every digest,
// which costs more than hashing a whole webhook.
const EVP_MD *sha1()
{
    static EVP_MD *const md = EVP_MD_fetch(nullptr, "SHA1", nullptr);
    return md;
}

const EVP_MD *sha256()
{
    static EVP_MD *const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}

struct MdContextFree
{
    void operator()(EVP_MD_CTX *context) const { EVP_MD_CTX_free(context); }
};
using MdContext = std::unique_ptr<EVP_MD_CTX, MdContextFree>;

// Twilio sorts UTF-8 bytes; QString compares UTF-16 units, which order characters above U+FFFF
// (surrogates) below U+E000..U+FFFF. Moving surrogates above the rest restores code point order,
// which is byte order.
int codePointKey(QChar c)
{
    const int unit = c.unicode();
    if (unit < 0xD800)
        return unit;
    return unit < 0xE000 ? unit + 0x2000 : unit - 0x800;
}

int compareAsUtf8(QStringView a, QStringView b)
{
    const auto [inA, inB] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
    if (inA == a.end())
        return inB == b.end() ? 0 : -1;
    if (inB == b.end())
        return 1;
    return codePointKey(*inA) - codePointKey(*inB);
}

// The fields as Twilio signs them: name+value pairs sorted by name, then value, each exact pair
// once, UTF-8, all in one buffer so that a 20-field webhook costs one allocation.
QByteArray canonicalParams(const TwilioForm &params)
{
    using Item = TwilioForm::Item;
    QVarLengthArray<const Item *, 64> sorted;
    qsizetype characters = 0;
    for (const Item &item : params.items()) {
        sorted.append(&item);
        characters += item.first.size() + item.second.size();
    }
    std::sort(sorted.begin(), sorted.end(), [](const Item *a, const Item *b) {
        const int byName = compareAsUtf8(a->first, b->first);
        return byName != 0 ? byName < 0 : compareAsUtf8(a->second, b->second) < 0;
    });

    QStringEncoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    QByteArray out(utf8.requiredSpace(characters), Qt::Uninitialized);
    char *end = out.data();
    const Item *previous = nullptr;
    for (const Item *item : sorted) {
        if (previous && *previous == *item)
            continue;
        end = utf8.appendToBuffer(end, item->first);
        end = utf8.appendToBuffer(end, item->second);
        previous = item;
    }
    out.truncate(end - out.constData());
    return out;
}

// The url with its default port removed when present or added when absent; nullopt when it
// carries another port or a scheme other than http(s). Works on the text, not through QUrl,
// because any normalisation QUrl applies would change what was signed.
std::optional<QString> withDefaultPortToggled(QStringView url)
{
    const qsizetype schemeEnd = url.indexOf(u"://");
    if (schemeEnd <= 0)
        return std::nullopt;
    const QStringView scheme = url.first(schemeEnd);
    QStringView defaultPort;
    if (scheme.compare(u"https", Qt::CaseInsensitive) == 0)
        defaultPort = u"443";
    else if (scheme.compare(u"http", Qt::CaseInsensitive) == 0)
        defaultPort = u"80";
    else
        return std::nullopt;

    const qsizetype authorityStart = schemeEnd + 3;
    qsizetype authorityEnd = authorityStart;
    while (authorityEnd < url.size() && url[authorityEnd] != u'/' && url[authorityEnd] != u'?'
        && url[authorityEnd] != u'#')
        ++authorityEnd;
    const QStringView authority = url.sliced(authorityStart, authorityEnd - authorityStart);
    const qsizetype hostStart = authority.lastIndexOf(u'@') + 1;
    const qsizetype colon = authority.lastIndexOf(u':');
    // A colon inside user info or inside an IPv6 literal ("[::1]") is not a port separator.
    const bool hasPort = colon >= hostStart && colon > authority.lastIndexOf(u']');

    QString toggled;
    toggled.reserve(url.size() + 4);
    if (hasPort) {
        if (authority.sliced(colon + 1) != defaultPort)
            return std::nullopt;
        toggled.append(url.first(authorityStart + colon));
    } else {
        toggled.append(url.first(authorityEnd));
        toggled.append(u':');
        toggled.append(defaultPort);
    }
    toggled.append(url.sliced(authorityEnd));
    return toggled;
}

// The url's bodySHA256 query field, or empty when it has none.
QByteArray bodyHashFromUrl(QStringView url)
{
    const qsizetype queryStart = url.indexOf(u'?');
    if (queryStart < 0)
        return {};
    QStringView query = url.sliced(queryStart + 1);
    if (const qsizetype fragment = query.indexOf(u'#'); fragment >= 0)
        query = query.first(fragment);
    const TwilioForm fields = TwilioForm::fromUrlEncoded(query.toUtf8());
    return fields.value(u"bodySHA256"_s).toLatin1();
}

} // namespace

SignatureValidator::SignatureValidator(QByteArray authToken)
    : m_hasToken(!authToken.isEmpty())
{
    std::array<unsigned char, blockSize> key {};
    if (authToken.size() > blockSize) {
        unsigned int length = 0;
        if (!EVP_Digest(
                authToken.constData(), size_t(authToken.size()), key.data(), &length, sha1(), nullptr)) {
            qCWarning(lcTwilio) << "Could not hash the auth token; no signature will be accepted";
            m_hasToken = false;
        }
    } else {
        std::copy(authToken.cbegin(), authToken.cend(), key.begin());
    }
    for (qsizetype i = 0; i < blockSize; ++i) {
        m_innerPad[size_t(i)] = key[size_t(i)] ^ 0x36;
        m_outerPad[size_t(i)] = key[size_t(i)] ^ 0x5c;
    }
    OPENSSL_cleanse(key.data(), key.size());
}

QByteArray SignatureValidator::sign(const QString &url, const TwilioForm &params) const
{
    const std::optional<Digest> digest = hmac(url, canonicalParams(params));
    if (!digest)
        return {};
    return QByteArray::fromRawData(reinterpret_cast<const char *>(digest->data()), qsizetype(digest->size()))
        .toBase64();
}

bool SignatureValidator::isValid(
    const QString &url, const TwilioForm &params, const QByteArray &signature) const
{
    if (!m_hasToken) {
        qCDebug(lcTwilio) << "No auth token, so no signature can be valid";
        return false;
    }
    if (signature.trimmed().isEmpty())
        return false;
    return matchesUrlOrPortVariant(url, canonicalParams(params), signature);
}

bool SignatureValidator::isValidForAny(
    const QStringList &urls, const TwilioForm &params, const QByteArray &signature) const
{
    if (!m_hasToken || signature.trimmed().isEmpty())
        return false;
    const QByteArray canonical = canonicalParams(params);
    for (const QString &url : urls) {
        if (matchesUrlOrPortVariant(url, canonical, signature))
            return true;
    }
    return false;
}

bool SignatureValidator::isValidJson(
    const QString &url, const QByteArray &body, const QByteArray &signature) const
{
    if (!m_hasToken) {
        qCDebug(lcTwilio) << "No auth token, so no signature can be valid";
        return false;
    }
    if (signature.trimmed().isEmpty())
        return false;
    const QByteArray expectedHash = bodyHashFromUrl(url).toLower();
    if (expectedHash.isEmpty()) {
        qCDebug(lcTwilio) << "A JSON webhook URL without bodySHA256 cannot be verified";
        return false;
    }

    std::array<unsigned char, 32> hash {};
    unsigned int length = 0;
    if (!EVP_Digest(body.constData(), size_t(body.size()), hash.data(), &length, sha256(), nullptr)) {
        qCWarning(lcTwilio) << "Could not hash a JSON webhook body";
        return false;
    }
    const QByteArray actualHash
        = QByteArray::fromRawData(reinterpret_cast<const char *>(hash.data()), qsizetype(hash.size()))
              .toHex();
    const bool bodyMatches = expectedHash.size() == actualHash.size()
        && CRYPTO_memcmp(expectedHash.constData(), actualHash.constData(), size_t(actualHash.size())) == 0;
    if (!bodyMatches)
        qCDebug(lcTwilio) << "The JSON webhook body does not match its bodySHA256";
    const bool signatureMatches = matchesUrlOrPortVariant(url, {}, signature);
    return bodyMatches && signatureMatches;
}

std::optional<SignatureValidator::Digest> SignatureValidator::hmac(
    QStringView url, QByteArrayView canonicalParams) const
{
    QStringEncoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    QVarLengthArray<char, 1024> urlBytes(utf8.requiredSpace(url.size()));
    const qsizetype urlLength = utf8.appendToBuffer(urlBytes.data(), url) - urlBytes.data();

    const MdContext context(EVP_MD_CTX_new());
    Digest inner {};
    Digest outer {};
    const bool ok = context && EVP_DigestInit_ex2(context.get(), sha1(), nullptr)
        && EVP_DigestUpdate(context.get(), m_innerPad.data(), m_innerPad.size())
        && EVP_DigestUpdate(context.get(), urlBytes.constData(), size_t(urlLength))
        && EVP_DigestUpdate(context.get(), canonicalParams.data(), size_t(canonicalParams.size()))
        && EVP_DigestFinal_ex(context.get(), inner.data(), nullptr)
        && EVP_DigestInit_ex2(context.get(), sha1(), nullptr)
        && EVP_DigestUpdate(context.get(), m_outerPad.data(), m_outerPad.size())
        && EVP_DigestUpdate(context.get(), inner.data(), inner.size())
        && EVP_DigestFinal_ex(context.get(), outer.data(), nullptr);
    if (!ok) {
        qCWarning(lcTwilio) << "OpenSSL could not compute HMAC-SHA1; the request is refused";
        return std::nullopt;
    }
    return outer;
}

bool SignatureValidator::matchesUrlOrPortVariant(
    const QString &url, QByteArrayView canonicalParams, const QByteArray &signature) const
{
    const QByteArray given = signature.trimmed();
    // An HMAC-SHA1 in Base64 is always 28 characters; the length says nothing about the token.
    if (given.size() != base64DigestSize)
        return false;

    const auto matches = [&](QStringView candidate) {
        const std::optional<Digest> digest = hmac(candidate, canonicalParams);
        if (!digest)
            return false;
        std::array<unsigned char, base64DigestSize + 1> encoded {}; // EVP_EncodeBlock adds a zero
        EVP_EncodeBlock(encoded.data(), digest->data(), int(digest->size()));
        return CRYPTO_memcmp(encoded.data(), given.constData(), size_t(base64DigestSize)) == 0;
    };
    if (matches(url))
        return true;
    const std::optional<QString> variant = withDefaultPortToggled(url);
    if (variant && matches(*variant))
        return true;
    qCDebug(lcTwilio) << "X-Twilio-Signature does not match" << url;
    return false;
}
