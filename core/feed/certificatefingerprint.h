// A certificate's SHA-256 fingerprint as people compare it ("3A:F0:…", 32 pairs), and back from the
// forms they copy it in: for pinning a router's self-signed certificate on a practice's own network.
#pragma once

#include <QByteArray>
#include <QSslCertificate>
#include <QString>

#include <optional>

class CertificateFingerprint
{
public:
    static QByteArray sha256(const QSslCertificate &certificate);
    // "3A:F0:…:9C", upper case, the way browsers and `openssl x509 -fingerprint` show it.
    static QString text(const QByteArray &sha256);
    // The 32 bytes from hex pairs with or without ":" or spaces, in either case; nothing for anything else.
    static std::optional<QByteArray> read(const QString &written);
};
