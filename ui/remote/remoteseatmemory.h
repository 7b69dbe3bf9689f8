// What "Connect to another Switchboard" remembers for next time, in this desktop's state (UiState): the
// address, the seat's name and the certificate trusted there as they are, and the token sealed with the
// data folder's master key, so that it is never written down in plain text.
#pragma once

#include "remoteseatsettings.h"

#include <QCoreApplication>

class SecretBox;
class UiState;

class RemoteSeatMemory
{
    Q_DECLARE_TR_FUNCTIONS(RemoteSeatMemory)

public:
    // Both must outlive the memory.
    RemoteSeatMemory(UiState &state, const SecretBox &box);

    // What was remembered; all empty when nothing was. A token that no longer opens (the data folder's key
    // changed) comes back empty, and `problem` says so.
    RemoteSeatSettings recall(QString *problem = nullptr) const;
    bool isEmpty() const;
    // False, with the reason, when the token could not be sealed; nothing is remembered then.
    bool remember(const RemoteSeatSettings &settings, QString *error);
    // The certificate the owner trusted at `address`: kept with it while it is the address remembered.
    void trustCertificate(const QString &address, const QByteArray &sha256);
    void forget();

private:
    UiState &m_state;
    const SecretBox &m_box;
};
