// Keeps secrets out of error texts and logs, even when a server (or Qt) echoes them back to us.
#pragma once

#include <QByteArray>
#include <QString>

#include <initializer_list>

namespace SecretScrubber {
// `text` with every non-empty secret replaced by "[redacted]".
QString scrub(QString text, std::initializer_list<QByteArray> secrets);
// The credentials part of an Authorization header ("Basic abc=" gives "abc="), itself a secret.
QByteArray credentialsOf(const QByteArray &authorization);
} // namespace SecretScrubber
