#include "feedtokens.h"

#include <QCryptographicHash>

#include <openssl/crypto.h>

namespace {

QByteArray digest(QByteArrayView token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

bool sameDigest(const QByteArray &a, const QByteArray &b)
{
    return !a.isEmpty() && a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace

FeedTokens::FeedTokens(QString viewToken, QString controlToken)
    : m_view(viewToken.isEmpty() ? QByteArray() : digest(viewToken.toUtf8()))
    , m_control(controlToken.isEmpty() ? QByteArray() : digest(controlToken.toUtf8()))
{ }

FeedRole FeedTokens::roleOf(QByteArrayView presented) const
{
    if (presented.isEmpty())
        return FeedRole::None;
    const QByteArray given = digest(presented);
    // Both compared every time: the answer's timing does not say which token came close.
    const bool control = sameDigest(given, m_control);
    const bool view = sameDigest(given, m_view);
    return control ? FeedRole::Control : view ? FeedRole::View : FeedRole::None;
}

QByteArray FeedTokens::presentedIn(QByteArrayView authorizationHeader, QByteArrayView tokenParameter)
{
    const QByteArray header = authorizationHeader.trimmed().toByteArray();
    if (header.size() > 7 && header.first(7).toLower() == "bearer ")
        return header.mid(7).trimmed();
    return tokenParameter.toByteArray();
}
