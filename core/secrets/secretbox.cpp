// Authenticated encryption (AES-256-GCM) of the secrets stored in the database.
#include "secretbox.h"

#include "secretslog.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <limits>
#include <memory>

namespace {

constexpr int NonceSize = 12; // GCM's native IV size: no extra hashing of the IV, the standard choice.
constexpr int TagSize = 16;
constexpr char Prefix[] = "v1:";

struct CipherContextFree
{
    void operator()(EVP_CIPHER_CTX *context) const { EVP_CIPHER_CTX_free(context); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextFree>;

const unsigned char *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

unsigned char *bytes(QByteArray &data)
{
    return reinterpret_cast<unsigned char *>(data.data());
}

// OpenSSL counts in int; secrets are tiny, but refuse anything that would not fit rather than truncate.
bool fitsInt(qsizetype size)
{
    return size <= std::numeric_limits<int>::max() / 2;
}

} // namespace

SecretBox::SecretBox(QByteArray key)
    : m_key(std::move(key))
{
    if (!isValid())
        qCWarning(lcSecrets) << "A secret box was given a key of" << m_key.size() << "bytes instead of"
                             << KeySize;
}

QByteArray SecretBox::randomBytes(qsizetype count)
{
    if (count <= 0 || !fitsInt(count))
        return {};
    QByteArray result(count, Qt::Uninitialized);
    if (RAND_bytes(bytes(result), int(count)) != 1) {
        qCCritical(lcSecrets) << "The system's random number generator failed";
        return {};
    }
    return result;
}

QByteArray SecretBox::generateKey()
{
    return randomBytes(KeySize);
}

QByteArray SecretBox::seal(const QByteArray &plaintext, const QByteArray &associatedData) const
{
    if (!isValid() || !fitsInt(plaintext.size()) || !fitsInt(associatedData.size()))
        return {};
    // A random 96-bit nonce per value: the number of secrets sealed under one key stays far below the
    // bound where random nonces could collide.
    const QByteArray nonce = randomBytes(NonceSize);
    if (nonce.isEmpty())
        return {};

    CipherContext context(EVP_CIPHER_CTX_new());
    QByteArray ciphertext(plaintext.size(), Qt::Uninitialized);
    QByteArray tag(TagSize, Qt::Uninitialized);
    int length = 0;
    int finalLength = 0;
    const bool sealed = context
        && EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, bytes(m_key), bytes(nonce)) == 1
        && (associatedData.isEmpty()
            || EVP_EncryptUpdate(
                   context.get(), nullptr, &length, bytes(associatedData), int(associatedData.size()))
                == 1)
        && EVP_EncryptUpdate(
               context.get(), bytes(ciphertext), &length, bytes(plaintext), int(plaintext.size()))
            == 1
        && EVP_EncryptFinal_ex(context.get(), bytes(ciphertext) + length, &finalLength) == 1
        && EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, TagSize, bytes(tag)) == 1;
    if (!sealed) {
        qCCritical(lcSecrets) << "OpenSSL could not encrypt a secret";
        return {};
    }
    ciphertext.truncate(length + finalLength);
    const QByteArray packed = nonce + ciphertext + tag;
    return QByteArray(Prefix) + packed.toBase64();
}

std::optional<QByteArray> SecretBox::open(const QByteArray &sealed, QString *error) const
{
    return open(sealed, QByteArray(), error);
}

std::optional<QByteArray> SecretBox::open(
    const QByteArray &sealed, const QByteArray &associatedData, QString *error) const
{
    const auto fail = [error](const QString &message) -> std::optional<QByteArray> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!isValid())
        return fail(tr("The master key is not %1 bytes long, so no secret can be decrypted.").arg(KeySize));
    if (!sealed.startsWith(Prefix))
        return fail(tr("The stored secret is not in a format this version of Switchboard knows."));

    const auto decoded = QByteArray::fromBase64Encoding(
        sealed.mid(qstrlen(Prefix)), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() < NonceSize + TagSize || !fitsInt(decoded.decoded.size())
        || !fitsInt(associatedData.size()))
        return fail(tr("The stored secret is damaged (it is not a complete encrypted value)."));

    const QByteArray &data = decoded.decoded;
    const QByteArray nonce = data.left(NonceSize);
    const QByteArray ciphertext = data.mid(NonceSize, data.size() - NonceSize - TagSize);
    QByteArray tag = data.right(TagSize);

    CipherContext context(EVP_CIPHER_CTX_new());
    QByteArray plaintext(ciphertext.size(), Qt::Uninitialized);
    int length = 0;
    int finalLength = 0;
    const bool prepared = context
        && EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, bytes(m_key), bytes(nonce)) == 1
        && (associatedData.isEmpty()
            || EVP_DecryptUpdate(
                   context.get(), nullptr, &length, bytes(associatedData), int(associatedData.size()))
                == 1)
        && EVP_DecryptUpdate(
               context.get(), bytes(plaintext), &length, bytes(ciphertext), int(ciphertext.size()))
            == 1
        && EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, TagSize, bytes(tag)) == 1;
    if (!prepared) {
        qCCritical(lcSecrets) << "OpenSSL could not set up decryption of a secret";
        return fail(tr("The stored secret could not be decrypted because the encryption library failed."));
    }
    // The tag check happens here: a wrong key, other associated data and any tampering all land on this
    // one failure, and they cannot be told apart (by design of the cipher).
    if (EVP_DecryptFinal_ex(context.get(), bytes(plaintext) + length, &finalLength) != 1) {
        plaintext.fill('\0');
        return fail(tr("The stored secret cannot be decrypted: it was encrypted with a different master key, "
                       "for a different setting, or has been altered."));
    }
    plaintext.truncate(length + finalLength);
    return plaintext;
}
