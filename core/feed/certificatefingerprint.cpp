// A certificate's SHA-256 fingerprint as people compare it, and back.
#include "certificatefingerprint.h"

#include <QCryptographicHash>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

QByteArray CertificateFingerprint::sha256(const QSslCertificate &certificate)
{
    return certificate.isNull() ? QByteArray() : certificate.digest(QCryptographicHash::Sha256);
}

QString CertificateFingerprint::text(const QByteArray &sha256)
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

std::optional<QByteArray> CertificateFingerprint::read(const QString &written)
{
    QString hex = written.trimmed();
    // openssl prints "sha256 Fingerprint=3A:F0:…".
    if (const qsizetype equals = hex.indexOf(u'='); equals >= 0)
        hex = hex.mid(equals + 1);
    hex.remove(QRegularExpression(u"[:\\s]"_s));
    static const QRegularExpression sha256Hex(u"^[0-9A-Fa-f]{64}$"_s);
    if (!sha256Hex.match(hex).hasMatch())
        return std::nullopt;
    return QByteArray::fromHex(hex.toLatin1());
}
