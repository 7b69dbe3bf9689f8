// Whether Twilio, out on the internet, could ever reach an address: loopback, private (RFC 1918),
// carrier-grade NAT, link-local and unique-local addresses only reach as far as this computer or its office.
#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QHostInfo>
#include <QList>
#include <QString>

#include <QCoroTask>

#include <chrono>

class PublicAddress
{
    Q_DECLARE_TR_FUNCTIONS(PublicAddress)

public:
    // Why `address` cannot be reached from the internet, in a few words ("this computer only", "the office
    // network only"); empty for a public address.
    static QString whyUnreachable(const QHostAddress &address);
    // The same for a host name as written, before any lookup ("localhost", "frontdesk.local").
    static QString whyUnreachable(const QString &host);
    // Looks the host up without blocking the thread (an IP address is answered at once). A name server that
    // has not answered within `timeout` gives a HostNotFound answer, as for a name that does not exist.
    static QCoro::Task<QHostInfo> lookUp(QString host, std::chrono::milliseconds timeout);
    // True when `address` is one of this computer's own addresses (loopback included).
    static bool isThisComputer(const QHostAddress &address);
};
