// Keeps secrets out of error texts and logs.
#include "secretscrubber.h"

using namespace Qt::StringLiterals;

QString SecretScrubber::scrub(QString text, std::initializer_list<QByteArray> secrets)
{
    for (const QByteArray &secret : secrets) {
        if (!secret.isEmpty())
            text.replace(QString::fromLatin1(secret), u"[redacted]"_s);
    }
    return text;
}

QByteArray SecretScrubber::credentialsOf(const QByteArray &authorization)
{
    return authorization.mid(authorization.indexOf(' ') + 1);
}
