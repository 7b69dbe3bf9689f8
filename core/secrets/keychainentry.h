// One entry of the system keychain (Secret Service, KWallet, macOS Keychain, Windows Credential Store).
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

// Blocking access with a deadline. Keychain jobs are asynchronous and, on a machine with a session bus but no
// working secret service, may never finish; each call runs its job in a local event loop for at most the
// timeout and then gives up (the abandoned job deletes itself if it ever finishes). Errors are lower-case
// clauses ("the system keychain did not answer within 5 seconds") for the caller to build its sentence on.
class KeychainEntry
{
    Q_DECLARE_TR_FUNCTIONS(KeychainEntry)

public:
    KeychainEntry(QString service, QString account, int timeoutMs);

    Result<QByteArray> read() const;
    bool write(const QByteArray &data, QString *error) const;

private:
    QString m_service;
    QString m_account;
    int m_timeoutMs;
};
