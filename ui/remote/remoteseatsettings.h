// How this desktop reaches another Switchboard as a remote seat: where, with which token, under which name,
// and which certificate it trusts there.
#pragma once

#include <QByteArray>
#include <QString>

struct RemoteSeatSettings
{
    QString address; // as typed: host:port, ws://, wss://, http(s)://
    QString token; // the other Switchboard's feed.view_token or feed.control_token
    // How this seat names itself when it acts on a call ("Reception 2"); it lands on the call's timeline.
    QString seatName;
    // The SHA-256 of the self-signed certificate the owner chose to trust at `address`; empty: none.
    QByteArray trustedCertificate;
};
