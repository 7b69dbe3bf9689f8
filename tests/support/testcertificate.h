// A self-signed certificate for localhost and 127.0.0.1, made fresh for a test run, for loopback TLS
// servers that a client trusts by adding it as its CA.
#pragma once

#include <QSslCertificate>
#include <QSslKey>

struct TestCertificate
{
    QSslCertificate certificate;
    QSslKey key;

    // Null members when OpenSSL could not make one.
    static TestCertificate selfSigned();
};
