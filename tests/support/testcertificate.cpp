// A self-signed certificate for loopback TLS servers in tests, made with OpenSSL.
#include "testcertificate.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <functional>
#include <memory>

namespace {

template<typename T, void (*Free)(T *)>
using OpenSslPtr = std::unique_ptr<T, decltype([](T *p) { Free(p); })>;

QByteArray pem(const std::function<int(BIO *)> &write)
{
    const OpenSslPtr<BIO, BIO_free_all> bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1)
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, size);
}

} // namespace

TestCertificate TestCertificate::selfSigned()
{
    const OpenSslPtr<EVP_PKEY, EVP_PKEY_free> key(EVP_EC_gen("prime256v1"));
    const OpenSslPtr<X509, X509_free> cert(X509_new());
    if (!key || !cert)
        return {};
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(
        name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("localhost"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, cert.get(), cert.get(), nullptr, nullptr, 0);
    // The client checks the name it connected to against these.
    const OpenSslPtr<X509_EXTENSION, X509_EXTENSION_free> names(
        X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1"));
    if (!names || X509_add_ext(cert.get(), names.get(), -1) != 1
        || X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
        return {};

    const QByteArray certificatePem = pem([&](BIO *bio) { return PEM_write_bio_X509(bio, cert.get()); });
    const QByteArray keyPem = pem([&](BIO *bio) {
        return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    return { QSslCertificate(certificatePem, QSsl::Pem), QSslKey(keyPem, QSsl::Ec, QSsl::Pem) };
}
