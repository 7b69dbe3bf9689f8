// The per-data-directory key that encrypts stored secrets: found, or created on first use.
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

// Where the key lives is recorded in <dataDir>/secret.key, created once with owner-only permissions. It holds
// either the key itself or a reference to the system keychain entry that holds it. Every later run reads the
// same place; if that place cannot be read, load() fails with a clear error instead of making a new key,
// which would silently orphan every secret already stored.
class MasterKey
{
    Q_DECLARE_TR_FUNCTIONS(MasterKey)

public:
    // The 32-byte key of the data directory, created (and the directory with it) when there is none yet.
    // The keychain is tried only where a desktop session is plausible (DBUS_SESSION_BUS_ADDRESS set) and
    // SWITCHBOARD_KEYCHAIN is not 0; otherwise, or if the keychain fails on first use, the key goes in the
    // file.
    static Result<QByteArray> load(const QString &dataDir);

    // The file that holds the key or its reference.
    static QString fileNameIn(const QString &dataDir);

private:
    static Result<QByteArray> read(const QString &filePath);
    static Result<QByteArray> create(const QString &dataDir, const QString &filePath);
    static bool keychainAllowed();
};
