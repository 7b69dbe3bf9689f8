// Authenticated encryption (AES-256-GCM) of the secrets stored in the database.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

// A sealed value is printable text, "v1:" + base64(12-byte nonce | ciphertext | 16-byte tag), so it fits
// a TEXT column. The optional associated data (the setting's key) is authenticated but not stored: a value
// sealed for one key does not open under another, so a sealed secret cannot be moved to another setting.
class SecretBox
{
    Q_DECLARE_TR_FUNCTIONS(SecretBox)

public:
    static constexpr qsizetype KeySize = 32;

    explicit SecretBox(QByteArray key);

    // False when the key is not KeySize bytes; such a box seals nothing and opens nothing.
    bool isValid() const { return m_key.size() == KeySize; }

    // A fresh random key from the operating system's CSPRNG; empty if none could be had.
    static QByteArray generateKey();
    // Cryptographically secure random bytes; empty if the CSPRNG failed.
    static QByteArray randomBytes(qsizetype count);

    // Empty only when encryption itself failed (invalid key, no randomness); the failure is logged.
    QByteArray seal(const QByteArray &plaintext, const QByteArray &associatedData = {}) const;

    // nullopt with a one-sentence error when the value is malformed, tampered with, or sealed under another
    // key or other associated data. The error never contains any part of the value.
    std::optional<QByteArray> open(const QByteArray &sealed, QString *error = nullptr) const;
    std::optional<QByteArray> open(
        const QByteArray &sealed, const QByteArray &associatedData, QString *error = nullptr) const;

private:
    QByteArray m_key;
};
