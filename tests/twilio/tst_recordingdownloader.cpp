// Tests RecordingDownloader with a real QNetworkAccessManager against two FakeMediaServer origins and raw
// sockets.
#include "fakemediaserver.h"
#include "tempdatadir.h"
#include "twilio/recordingdownloader.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <QCoroTask>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <functional>
#include <memory>
#include <optional>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

using DownloadResult = Result<qint64>;
// Sets up the answers of Twilio's origin and of the storage origin for one data row.
using Setup = std::function<void(FakeMediaServer &twilio, FakeMediaServer &storage)>;

const QString AccountSid = u"AC0123456789abcdef0123456789abcdef"_s;
const QByteArray AuthToken = "tok9f8e7d6c5b4a39281706f5e4d3c2b1a0"_ba;
const QByteArray Authorization = "Basic "_ba + QByteArray(AccountSid.toLatin1() + ':' + AuthToken).toBase64();
const QString RecordingPath = u"/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Recordings/RE42"_s;
const QString Mp3Path = RecordingPath + u".mp3"_s;
// Where Twilio's storage serves the media; the query is the signature that replaces our credentials.
const QString StoragePath = u"/media/RE42.mp3"_s;
const QString StorageQuery = u"?Expires=1700000000&Signature=c2lnbmVk"_s;

// Large enough to arrive in several reads, with every byte value in it, so a truncated or re-encoded
// copy cannot pass for the original.
QByteArray audio()
{
    QByteArray bytes = "ID3\x04\x00\x00"_ba;
    bytes.reserve(300 * 1024);
    for (int i = 0; bytes.size() < 300 * 1024; ++i)
        bytes.append(char((i * 7 + i / 256) & 0xff));
    return bytes;
}

QCoro::Task<> storeResult(QCoro::Task<DownloadResult> task, std::optional<DownloadResult> &result)
{
    result.emplace(co_await std::move(task));
}

// QCoro::waitFor() default-constructs its result, which Result<T> deliberately cannot be.
DownloadResult run(QCoro::Task<DownloadResult> task)
{
    std::optional<DownloadResult> result;
    QCoro::waitFor(storeResult(std::move(task), result));
    return std::move(*result);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every file below `folder`, relative to it, so a stray temporary file shows up by name.
QStringList filesBelow(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(folder).relativeFilePath(it.next()));
    files.sort();
    return files;
}

// Serves one raw HTTP answer to every connection of `server`, once the request headers are in, and keeps
// the socket open unless `close` is set: for answers QHttpServer deliberately cannot produce.
void serveRaw(QTcpServer &server, QByteArray answer, bool close)
{
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&server, answer, close] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            auto request = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, request, answer, close] {
                request->append(socket->readAll());
                if (!request->contains("\r\n\r\n"))
                    return;
                request->clear();
                socket->write(answer);
                if (close)
                    socket->disconnectFromHost();
            });
        }
    });
}

struct TlsIdentity
{
    QSslCertificate certificate;
    QSslKey key;
};

QByteArray pem(int (*write)(BIO *, void *), void *object)
{
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!bio || write(bio.get(), object) != 1)
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, size);
}

// A throwaway self-signed certificate for 127.0.0.1, made per run so that no key is kept in the tree.
TlsIdentity loopbackTlsIdentity()
{
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
    const std::unique_ptr<X509, decltype(&X509_free)> certificate(X509_new(), &X509_free);
    if (!key || !certificate)
        return TlsIdentity();
    X509 *x509 = certificate.get();
    X509_set_version(x509, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x509), 1);
    X509_gmtime_adj(X509_getm_notBefore(x509), -60);
    X509_gmtime_adj(X509_getm_notAfter(x509), 3600);
    X509_set_pubkey(x509, key.get());
    X509_NAME *name = X509_get_subject_name(x509);
    X509_NAME_add_entry_by_txt(
        name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(x509, name);
    // Qt matches an IP address only against the subjectAltName, not the common name.
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, x509, x509, nullptr, nullptr, 0);
    X509_EXTENSION *altName = X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, "IP:127.0.0.1");
    if (!altName)
        return TlsIdentity();
    X509_add_ext(x509, altName, -1);
    X509_EXTENSION_free(altName);
    if (X509_sign(x509, key.get(), EVP_sha256()) == 0)
        return TlsIdentity();

    const QByteArray certificatePem = pem(
        [](BIO *bio, void *object) { return PEM_write_bio_X509(bio, static_cast<X509 *>(object)); }, x509);
    const QByteArray keyPem = pem(
        [](BIO *bio, void *object) {
            return PEM_write_bio_PrivateKey(
                bio, static_cast<EVP_PKEY *>(object), nullptr, nullptr, 0, nullptr, nullptr);
        },
        key.get());
    return TlsIdentity { QSslCertificate(certificatePem), QSslKey(keyPem, QSsl::Ec) };
}

} // namespace

Q_DECLARE_METATYPE(Setup)

class TestRecordingDownloader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void mediaUrl_data();
    void mediaUrl();
    void downloads_data();
    void downloads();
    void fails_data();
    void fails();
    void replacesAnExistingFile();
    void createsTheTargetFolder();
    void savedRecordingIsPrivate_data();
    void savedRecordingIsPrivate();
    void timesOutWhenTwilioNeverAnswers();
    void timeoutCoversTheWholeRedirectChain();
    void refusesBodyAnnouncedLargerThanLimit();
    void refusesBodyGrowingLargerThanLimit();
    void failsOnTruncatedBody();
    void failsWhenConnectionIsRefused();
    void followsHttpsToAnotherHttpsOriginWithoutCredentials();
    void refusesHttpsRedirectToPlainHttp();
    void refusesIncompleteConfiguration_data();
    void refusesIncompleteConfiguration();
    void trustsOnlyTwilioOrigins_data();
    void trustsOnlyTwilioOrigins();
    void dropsCredentialsWrittenIntoTheUrl();
    void outlivesTheDownloader();

private:
    // Puts both fakes on https with a certificate the default TLS configuration trusts until cleanup().
    void useTls();
    // Trusts Twilio's fake as the API origin, or `apiBase` when given.
    RecordingDownloader downloader(
        std::chrono::milliseconds timeout = 4000ms, const QUrl &apiBase = {}) const;
    QString targetPath() const { return m_dir->filePath(u"voicemail/RE42.mp3"_s); }
    // Replaces {twilio} with Twilio's base URL and {storagehost} with the storage's host:port, known only
    // once the fakes listen.
    QString withOrigins(QString text) const;
    void verifyFailure(const DownloadResult &result, const QStringList &expectedParts);
    void verifyCredentialsStayedHome();

    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FakeMediaServer> m_twilio;
    std::unique_ptr<FakeMediaServer> m_storage;
    std::unique_ptr<TempDataDir> m_dir;
    std::optional<QSslConfiguration> m_defaultTls;
};

void TestRecordingDownloader::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    m_twilio = std::make_unique<FakeMediaServer>();
    m_storage = std::make_unique<FakeMediaServer>();
    QVERIFY(m_twilio->listen());
    QVERIFY(m_storage->listen());
    QVERIFY(m_twilio->url() != m_storage->url());
    m_twilio->setExpectedAuthorization(Authorization);
    m_dir = std::make_unique<TempDataDir>();
    QVERIFY(m_dir->isValid());
}

void TestRecordingDownloader::cleanup()
{
    if (m_defaultTls)
        QSslConfiguration::setDefaultConfiguration(*std::exchange(m_defaultTls, std::nullopt));
    m_twilio.reset();
    m_storage.reset();
    m_network.reset();
    m_dir.reset();
}

void TestRecordingDownloader::useTls()
{
    const TlsIdentity identity = loopbackTlsIdentity();
    QVERIFY(!identity.certificate.isNull());
    QVERIFY(!identity.key.isNull());
    m_defaultTls = QSslConfiguration::defaultConfiguration();
    QSslConfiguration trusting = *m_defaultTls;
    trusting.addCaCertificate(identity.certificate);
    QSslConfiguration::setDefaultConfiguration(trusting);

    // The fakes listen in init(); new ones take their place, now speaking https.
    m_twilio = std::make_unique<FakeMediaServer>();
    m_storage = std::make_unique<FakeMediaServer>();
    m_twilio->useTls(identity.certificate, identity.key);
    m_storage->useTls(identity.certificate, identity.key);
    QVERIFY(m_twilio->listen());
    QVERIFY(m_storage->listen());
    m_twilio->setExpectedAuthorization(Authorization);
}

RecordingDownloader TestRecordingDownloader::downloader(
    std::chrono::milliseconds timeout, const QUrl &apiBase) const
{
    return RecordingDownloader(
        m_network.get(), AccountSid, AuthToken, apiBase.isEmpty() ? m_twilio->url() : apiBase, timeout);
}

QString TestRecordingDownloader::withOrigins(QString text) const
{
    return text.replace(u"{twilio}"_s, m_twilio->url().toString())
        .replace(u"{storagehost}"_s, m_storage->url().authority());
}

// Every failure is one readable sentence that says what happened and never carries a credential.
void TestRecordingDownloader::verifyFailure(const DownloadResult &result, const QStringList &expectedParts)
{
    QVERIFY(!result.ok());
    for (const QString &part : expectedParts)
        QVERIFY2(result.error().contains(withOrigins(part)), qPrintable(result.error()));
    QVERIFY2(result.error().endsWith(u'.'), qPrintable(result.error()));
    QVERIFY2(!result.error().contains(QString::fromLatin1(AuthToken)), qPrintable(result.error()));
    QVERIFY2(!result.error().contains(QString::fromLatin1(Authorization.mid(6))), qPrintable(result.error()));
    QVERIFY2(!result.error().contains(StorageQuery.mid(1)), qPrintable(result.error()));
}

// Twilio's origin gets the credentials on every request; the storage origin never sees them.
void TestRecordingDownloader::verifyCredentialsStayedHome()
{
    for (const FakeMediaServer::Request &request : m_twilio->requests())
        QCOMPARE(request.authorization, Authorization);
    for (const FakeMediaServer::Request &request : m_storage->requests())
        QVERIFY2(request.authorization.isEmpty(), request.authorization.constData());
}

void TestRecordingDownloader::mediaUrl_data()
{
    QTest::addColumn<QString>("recordingUrl");
    QTest::addColumn<QString>("expected");
    const QString base = u"https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/"_s;
    QTest::newRow("extensionless RecordingUrl gets .mp3") << base + u"RE1"_s << base + u"RE1.mp3"_s;
    QTest::newRow(".wav is kept") << base + u"RE1.wav"_s << base + u"RE1.wav"_s;
    QTest::newRow(".mp3 is not doubled") << base + u"RE1.mp3"_s << base + u"RE1.mp3"_s;
    QTest::newRow("query stays after the extension") << base + u"RE1?x=1"_s << base + u"RE1.mp3?x=1"_s;
    QTest::newRow("a dot in an earlier segment does not count")
        << u"https://media.example/v1.2/RE1"_s << u"https://media.example/v1.2/RE1.mp3"_s;
    QTest::newRow("escaped characters survive") << base + u"RE%2F1"_s << base + u"RE%2F1.mp3"_s;
    QTest::newRow("trailing slash is left alone") << base << base;
    QTest::newRow("user info is dropped")
        << u"https://AC1:secret@api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"_s
        << base + u"RE1.mp3"_s;
}

void TestRecordingDownloader::mediaUrl()
{
    QFETCH(QString, recordingUrl);
    QFETCH(QString, expected);
    QCOMPARE(RecordingDownloader::mediaUrl(QUrl(recordingUrl)).toString(QUrl::FullyEncoded), expected);
}

void TestRecordingDownloader::downloads_data()
{
    QTest::addColumn<Setup>("setup");
    QTest::addColumn<QString>("recordingPath");
    QTest::addColumn<QStringList>("twilioRequests");
    QTest::addColumn<QStringList>("storageRequests");

    const QByteArray bytes = audio();
    const auto toStorage = [bytes](int status) {
        return [bytes, status](FakeMediaServer &twilio, FakeMediaServer &storage) {
            twilio.redirect(Mp3Path, storage.url(StoragePath + StorageQuery).toEncoded(), status);
            storage.serve(StoragePath, bytes);
        };
    };

    QTest::newRow("plain download with credentials")
        << Setup([bytes](FakeMediaServer &twilio, FakeMediaServer &) { twilio.serve(Mp3Path, bytes); })
        << Mp3Path << QStringList { Mp3Path } << QStringList {};
    QTest::newRow("extensionless RecordingUrl is fetched as .mp3")
        << Setup([bytes](FakeMediaServer &twilio, FakeMediaServer &) { twilio.serve(Mp3Path, bytes); })
        << RecordingPath << QStringList { Mp3Path } << QStringList {};
    QTest::newRow(".wav URL is fetched as given")
        << Setup([bytes](FakeMediaServer &twilio, FakeMediaServer &) {
               twilio.serve(RecordingPath + u".wav"_s, bytes);
           })
        << RecordingPath + u".wav"_s << QStringList { RecordingPath + u".wav"_s } << QStringList {};
    QTest::newRow("302 to another origin is followed without credentials")
        << Setup(toStorage(302)) << RecordingPath << QStringList { Mp3Path }
        << QStringList { StoragePath + StorageQuery };
    for (const int status : { 301, 303, 307, 308 }) {
        QTest::addRow("%d to another origin is followed without credentials", status)
            << Setup(toStorage(status)) << RecordingPath << QStringList { Mp3Path }
            << QStringList { StoragePath + StorageQuery };
    }
    QTest::newRow("same-origin redirect keeps credentials")
        << Setup([bytes](FakeMediaServer &twilio, FakeMediaServer &) {
               twilio.redirect(Mp3Path, "/media/RE42.mp3"_ba);
               twilio.serve(u"/media/RE42.mp3"_s, bytes);
           })
        << RecordingPath << QStringList { Mp3Path, u"/media/RE42.mp3"_s } << QStringList {};
    QTest::newRow("relative Location resolves against the current URL")
        << Setup([bytes](FakeMediaServer &twilio, FakeMediaServer &) {
               twilio.redirect(Mp3Path, "RE42-final.mp3"_ba);
               twilio.serve(RecordingPath.chopped(4) + u"RE42-final.mp3"_s, bytes);
           })
        << RecordingPath << QStringList { Mp3Path, RecordingPath.chopped(4) + u"RE42-final.mp3"_s }
        << QStringList {};
    QTest::newRow("redirect back to Twilio's origin carries credentials again") << Setup(
        [bytes](FakeMediaServer &twilio, FakeMediaServer &storage) {
            twilio.redirect(Mp3Path, storage.url(StoragePath).toEncoded());
            storage.redirect(StoragePath, twilio.url(u"/final.mp3"_s).toEncoded());
            twilio.serve(u"/final.mp3"_s, bytes);
        }) << RecordingPath << QStringList { Mp3Path, u"/final.mp3"_s } << QStringList { StoragePath };
    QTest::addRow("%d redirects are still followed", RecordingDownloader::MaxRedirects)
        << Setup([bytes](FakeMediaServer &twilio, FakeMediaServer &storage) {
               twilio.redirect(Mp3Path, storage.url(u"/hop1"_s).toEncoded());
               for (int hop = 1; hop < RecordingDownloader::MaxRedirects; ++hop)
                   storage.redirect(u"/hop%1"_s.arg(hop), u"/hop%1"_s.arg(hop + 1).toLatin1());
               storage.serve(u"/hop%1"_s.arg(RecordingDownloader::MaxRedirects), bytes);
           })
        << RecordingPath << QStringList { Mp3Path }
        << QStringList { u"/hop1"_s, u"/hop2"_s, u"/hop3"_s, u"/hop4"_s, u"/hop5"_s };
}

// The exact bytes end up in the target (its folder created on the way), the size is returned, and
// credentials only ever went to Twilio's origin.
void TestRecordingDownloader::downloads()
{
    QFETCH(Setup, setup);
    QFETCH(QString, recordingPath);
    QFETCH(QStringList, twilioRequests);
    QFETCH(QStringList, storageRequests);
    setup(*m_twilio, *m_storage);

    const DownloadResult result = run(downloader().download(m_twilio->url(recordingPath), targetPath()));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(*result, qint64(audio().size()));
    QCOMPARE(readFile(targetPath()), audio());
    QCOMPARE(filesBelow(m_dir->path()), QStringList { u"voicemail/RE42.mp3"_s });

    QStringList twilioSeen;
    for (const FakeMediaServer::Request &request : m_twilio->requests())
        twilioSeen.append(request.pathAndQuery);
    QStringList storageSeen;
    for (const FakeMediaServer::Request &request : m_storage->requests())
        storageSeen.append(request.pathAndQuery);
    QCOMPARE(twilioSeen, twilioRequests);
    QCOMPARE(storageSeen, storageRequests);
    verifyCredentialsStayedHome();
}

void TestRecordingDownloader::fails_data()
{
    QTest::addColumn<Setup>("setup");
    QTest::addColumn<bool>("existingFile");
    QTest::addColumn<QStringList>("expectedParts");

    const QString mp3Url = u"{twilio}"_s + Mp3Path;
    const auto nothing = [](FakeMediaServer &, FakeMediaServer &) {};

    QTest::newRow("404 fails and leaves no file") << Setup(
        nothing) << false << QStringList { u"Twilio answered 404 for the recording "_s + mp3Url + u"."_s };
    QTest::newRow("404 leaves an existing file untouched")
        << Setup(nothing) << true << QStringList { u"answered 404"_s, mp3Url };
    QTest::newRow("wrong credentials (401) fail without naming the token") << Setup(
        [](FakeMediaServer &twilio, FakeMediaServer &) {
            twilio.setExpectedAuthorization("Basic "_ba + "AC0:other"_ba.toBase64());
            twilio.serve(Mp3Path, audio());
        }) << true << QStringList { u"Twilio refused the account SID and auth token (HTTP 401)"_s, mp3Url };
    QTest::newRow("404 from the storage origin names it") << Setup(
        [](FakeMediaServer &twilio, FakeMediaServer &storage) {
            twilio.redirect(Mp3Path, storage.url(StoragePath + StorageQuery).toEncoded());
        }) << false << QStringList { u"The storage server {storagehost} answered 404"_s, mp3Url };
    QTest::newRow("empty body fails")
        << Setup([](FakeMediaServer &twilio, FakeMediaServer &) { twilio.serve(Mp3Path, {}); }) << true
        << QStringList { u"empty file"_s, mp3Url };
    QTest::newRow("empty body from storage fails") << Setup(
        [](FakeMediaServer &twilio, FakeMediaServer &storage) {
            twilio.redirect(Mp3Path, storage.url(StoragePath).toEncoded());
            storage.serve(StoragePath, {});
        }) << false << QStringList { u"empty file"_s, mp3Url };
    QTest::addRow("more than %d redirects fail", RecordingDownloader::MaxRedirects) << Setup(
        [](FakeMediaServer &twilio, FakeMediaServer &storage) {
            twilio.redirect(Mp3Path, storage.url(u"/hop1"_s).toEncoded());
            for (int hop = 1; hop <= RecordingDownloader::MaxRedirects; ++hop)
                storage.redirect(u"/hop%1"_s.arg(hop), u"/hop%1"_s.arg(hop + 1).toLatin1());
            storage.serve(u"/hop%1"_s.arg(RecordingDownloader::MaxRedirects + 1), audio());
        }) << true << QStringList { u"redirected more than 5 times"_s, mp3Url };
    QTest::newRow("redirect loop fails") << Setup([](FakeMediaServer &twilio, FakeMediaServer &) {
        twilio.redirect(Mp3Path, Mp3Path.toLatin1());
    }) << false << QStringList { u"redirected more than 5 times"_s, mp3Url };
    QTest::newRow("redirect without Location fails")
        << Setup([](FakeMediaServer &twilio, FakeMediaServer &) { twilio.redirect(Mp3Path, {}); }) << false
        << QStringList { u"not a valid http or https URL"_s, mp3Url };
    QTest::newRow("redirect to a file URL is refused") << Setup(
        [](FakeMediaServer &twilio, FakeMediaServer &) {
            twilio.redirect(Mp3Path, "file:///etc/passwd"_ba);
        }) << false << QStringList { u"not a valid http or https URL"_s, mp3Url };
    QTest::newRow("redirect to ftp is refused") << Setup([](FakeMediaServer &twilio, FakeMediaServer &) {
        twilio.redirect(Mp3Path, "ftp://127.0.0.1/RE42.mp3"_ba);
    }) << false << QStringList { u"not a valid http or https URL"_s, mp3Url };
}

// A failed download names the recording and what went wrong, writes nothing, and leaves whatever was at
// the target exactly as it was.
void TestRecordingDownloader::fails()
{
    QFETCH(Setup, setup);
    QFETCH(bool, existingFile);
    QFETCH(QStringList, expectedParts);
    setup(*m_twilio, *m_storage);
    const QByteArray previous = "the previous voicemail"_ba;
    if (existingFile) {
        QVERIFY(QDir().mkpath(QFileInfo(targetPath()).absolutePath()));
        QFile file(targetPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(previous);
    }

    const DownloadResult result = run(downloader().download(m_twilio->url(RecordingPath), targetPath()));

    verifyFailure(result, expectedParts);
    QCOMPARE(
        filesBelow(m_dir->path()), existingFile ? QStringList { u"voicemail/RE42.mp3"_s } : QStringList {});
    if (existingFile)
        QCOMPARE(readFile(targetPath()), previous);
    verifyCredentialsStayedHome();
    QTRY_VERIFY(m_network->findChildren<QNetworkReply *>().isEmpty());
}

void TestRecordingDownloader::replacesAnExistingFile()
{
    m_twilio->serve(Mp3Path, audio());
    QVERIFY(QDir().mkpath(QFileInfo(targetPath()).absolutePath()));
    {
        QFile file(targetPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("a longer previous voicemail that must not leave a tail behind"_ba.repeated(10000));
    }

    const DownloadResult result = run(downloader().download(m_twilio->url(RecordingPath), targetPath()));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(readFile(targetPath()), audio());
    QCOMPARE(filesBelow(m_dir->path()), QStringList { u"voicemail/RE42.mp3"_s });
}

void TestRecordingDownloader::savedRecordingIsPrivate_data()
{
    QTest::addColumn<int>("folderBefore"); // -1: no folder yet
    QTest::addColumn<int>("fileBefore"); // -1: no file yet
    QTest::newRow("a new folder") << -1 << -1;
    QTest::newRow("a folder open to others") << 0755 << -1;
    QTest::newRow("a file open to others") << 0755 << 0644;
}

// A caller's message is for the business only, whatever the folder and the file allowed before.
void TestRecordingDownloader::savedRecordingIsPrivate()
{
    QFETCH(int, folderBefore);
    QFETCH(int, fileBefore);
    m_twilio->serve(Mp3Path, audio());
    const QString folder = QFileInfo(targetPath()).absolutePath();
    if (folderBefore >= 0) {
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(TempDataDir::setMode(folder, folderBefore));
    }
    if (fileBefore >= 0) {
        m_dir->writeFile(u"voicemail/RE42.mp3"_s, "the previous voicemail");
        QVERIFY(TempDataDir::setMode(targetPath(), fileBefore));
    }

    const DownloadResult result = run(downloader().download(m_twilio->url(RecordingPath), targetPath()));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(readFile(targetPath()), audio());
    QCOMPARE(TempDataDir::modeOf(folder), 0700);
    QCOMPARE(TempDataDir::modeOf(targetPath()), 0600);
}

void TestRecordingDownloader::createsTheTargetFolder()
{
    m_twilio->serve(Mp3Path, audio());
    const QString deep = m_dir->filePath(u"recordings/2024/05/RE42.mp3"_s);
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"recordings"_s)));

    const DownloadResult result = run(downloader().download(m_twilio->url(RecordingPath), deep));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(readFile(deep), audio());
}

void TestRecordingDownloader::timesOutWhenTwilioNeverAnswers()
{
    m_twilio->hang(Mp3Path);
    QElapsedTimer elapsed;
    elapsed.start();

    const DownloadResult result = run(downloader(300ms).download(m_twilio->url(RecordingPath), targetPath()));

    const qint64 ms = elapsed.elapsed();
    verifyFailure(result, { u"The recording {twilio}%1 was not downloaded within 300 ms."_s.arg(Mp3Path) });
    QVERIFY2(ms >= 270 && ms < 1500, qPrintable(QString::number(ms)));
    QCOMPARE(m_twilio->requests().size(), 1);
    QVERIFY(filesBelow(m_dir->path()).isEmpty());
    // The aborted reply is deleted, not left hanging off the manager.
    QTRY_VERIFY(m_network->findChildren<QNetworkReply *>().isEmpty());
}

// The budget is for the whole download: time spent on Twilio's redirect is not given back at the storage.
void TestRecordingDownloader::timeoutCoversTheWholeRedirectChain()
{
    m_twilio->redirect(Mp3Path, m_storage->url(u"/hop1"_s).toEncoded());
    m_storage->redirect(u"/hop1"_s, "/hop2"_ba);
    m_storage->hang(u"/hop2"_s);
    QElapsedTimer elapsed;
    elapsed.start();

    const DownloadResult result = run(downloader(400ms).download(m_twilio->url(RecordingPath), targetPath()));

    const qint64 ms = elapsed.elapsed();
    verifyFailure(result, { u"within 400 ms"_s, u"{twilio}"_s + Mp3Path });
    QVERIFY2(ms >= 360 && ms < 1500, qPrintable(QString::number(ms)));
    QCOMPARE(m_storage->requests().size(), 2);
    verifyCredentialsStayedHome();
    QTRY_VERIFY(m_network->findChildren<QNetworkReply *>().isEmpty());
}

// Content-Length alone is enough to refuse: nothing is written and the transfer stops at once.
void TestRecordingDownloader::refusesBodyAnnouncedLargerThanLimit()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    serveRaw(server,
        "HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nContent-Length: "_ba
            + QByteArray::number(RecordingDownloader::MaxRecordingBytes + 1) + "\r\n\r\nID3"_ba,
        false);
    const QUrl url(u"http://127.0.0.1:%1/RE42.mp3"_s.arg(server.serverPort()));
    QElapsedTimer elapsed;
    elapsed.start();

    const DownloadResult result = run(downloader(4000ms, url).download(url, targetPath()));

    verifyFailure(result, { u"larger than 50 MiB"_s, url.toString() });
    QVERIFY2(elapsed.elapsed() < 2000, qPrintable(QString::number(elapsed.elapsed())));
    QVERIFY(filesBelow(m_dir->path()).isEmpty());
}

// Without a Content-Length the limit is counted as the body streams in, and the partial file is discarded.
void TestRecordingDownloader::refusesBodyGrowingLargerThanLimit()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    serveRaw(server,
        "HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nConnection: close\r\n\r\n"_ba
            + QByteArray(RecordingDownloader::MaxRecordingBytes + 64 * 1024, 'x'),
        true);
    const QUrl url(u"http://127.0.0.1:%1/RE42.mp3"_s.arg(server.serverPort()));

    const DownloadResult result = run(downloader(20s, url).download(url, targetPath()));

    verifyFailure(result, { u"larger than 50 MiB"_s, url.toString() });
    QVERIFY(filesBelow(m_dir->path()).isEmpty());
}

void TestRecordingDownloader::failsOnTruncatedBody()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    serveRaw(server,
        "HTTP/1.1 200 OK\r\nContent-Type: audio/mpeg\r\nContent-Length: 1000\r\n\r\nID3 only a bit"_ba, true);
    const QUrl url(u"http://127.0.0.1:%1/RE42.mp3"_s.arg(server.serverPort()));

    const DownloadResult result = run(downloader(4000ms, url).download(url, targetPath()));

    verifyFailure(result, { u"Could not download the recording "_s + url.toString() });
    QVERIFY(filesBelow(m_dir->path()).isEmpty());
}

void TestRecordingDownloader::failsWhenConnectionIsRefused()
{
    quint16 closedPort = 0;
    {
        QTcpServer placeholder;
        QVERIFY(placeholder.listen(QHostAddress::LocalHost, 0));
        closedPort = placeholder.serverPort();
    }
    const QUrl url(u"http://127.0.0.1:%1/RE42"_s.arg(closedPort));

    const DownloadResult result = run(downloader(4000ms, url).download(url, targetPath()));

    verifyFailure(result, { u"refused"_s, url.toString() + u".mp3"_s });
}

// The real shape of Twilio's answer: https API, 302 to a signed https storage URL on another host.
void TestRecordingDownloader::followsHttpsToAnotherHttpsOriginWithoutCredentials()
{
    useTls();
    if (QTest::currentTestFailed())
        return;
    m_twilio->redirect(Mp3Path, m_storage->url(StoragePath + StorageQuery).toEncoded());
    m_storage->serve(StoragePath, audio());
    QCOMPARE(m_twilio->url().scheme(), u"https"_s);

    const DownloadResult result = run(downloader().download(m_twilio->url(RecordingPath), targetPath()));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(readFile(targetPath()), audio());
    QCOMPARE(m_twilio->requests().size(), 1);
    QCOMPARE(m_storage->requests().size(), 1);
    verifyCredentialsStayedHome();
}

// Going from https to http would put the media (and anything else in the request) on the wire in clear.
void TestRecordingDownloader::refusesHttpsRedirectToPlainHttp()
{
    FakeMediaServer plain;
    QVERIFY(plain.listen());
    plain.serve(StoragePath, audio());
    useTls();
    if (QTest::currentTestFailed())
        return;
    m_twilio->redirect(Mp3Path, plain.url(StoragePath).toEncoded());

    const DownloadResult result = run(downloader().download(m_twilio->url(RecordingPath), targetPath()));

    verifyFailure(result,
        { u"redirected from https to unencrypted http (%1)"_s.arg(plain.url().authority()),
            u"{twilio}"_s + Mp3Path });
    QVERIFY(plain.requests().isEmpty());
    QVERIFY(filesBelow(m_dir->path()).isEmpty());
}

void TestRecordingDownloader::refusesIncompleteConfiguration_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("accountSid");
    QTest::addColumn<QByteArray>("authToken");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("expectedPart");
    const QString url = u"http://127.0.0.1:1/RE42"_s;
    const QString target = u"RE42.mp3"_s;
    QTest::newRow("no account sid") << url << QString() << AuthToken << target << u"account SID"_s;
    QTest::newRow("account sid with a colon") << url << u"AC1:x"_s << AuthToken << target << u"account SID"_s;
    QTest::newRow("no auth token") << url << AccountSid << QByteArray() << target << u"auth token"_s;
    QTest::newRow("auth token with a line break")
        << url << AccountSid << "tok\r\nX-Evil: 1"_ba << target << u"auth token"_s;
    QTest::newRow("not a url") << u"api.twilio.com/RE42"_s << AccountSid << AuthToken << target << u"URL"_s;
    QTest::newRow("ftp url") << u"ftp://api.twilio.com/RE42"_s << AccountSid << AuthToken << target
                             << u"URL"_s;
    QTest::newRow("token in an unusable url is scrubbed")
        << u"ftp://api.twilio.com/%1/RE42"_s.arg(QString::fromLatin1(AuthToken)) << AccountSid << AuthToken
        << target << u"ftp://api.twilio.com/[redacted]/RE42.mp3"_s;
    QTest::newRow("no target file") << url << AccountSid << AuthToken << QString() << u"No file"_s;
    QTest::newRow("not at twilio") << url << AccountSid << AuthToken << target << u"not at Twilio"_s;
    QTest::newRow("a host that only starts like twilio's")
        << u"https://api.twilio.com.example.net/RE42"_s << AccountSid << AuthToken << target
        << u"not at Twilio"_s;
    QTest::newRow("twilio over plain http")
        << u"http://api.twilio.com/RE42"_s << AccountSid << AuthToken << target << u"not at Twilio"_s;
}

void TestRecordingDownloader::trustsOnlyTwilioOrigins_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("apiBase");
    QTest::addColumn<bool>("trusted");
    QTest::newRow("twilio api") << u"https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"_s
                                << u"https://api.twilio.com"_s << true;
    QTest::newRow("regional edge") << u"https://api.dublin.ie1.twilio.com/RE1"_s
                                   << u"https://api.twilio.com"_s << true;
    QTest::newRow("configured api base")
        << u"http://127.0.0.1:8999/RE1"_s << u"http://127.0.0.1:8999"_s << true;
    QTest::newRow("api base on another port")
        << u"http://127.0.0.1:8998/RE1"_s << u"http://127.0.0.1:8999"_s << false;
    QTest::newRow("somebody else's host")
        << u"https://evil.example/RE1"_s << u"https://api.twilio.com"_s << false;
    QTest::newRow("twilio's name as a prefix")
        << u"https://twilio.com.evil.example/RE1"_s << u"https://api.twilio.com"_s << false;
    QTest::newRow("twilio's name without the dot")
        << u"https://eviltwilio.com/RE1"_s << u"https://api.twilio.com"_s << false;
    QTest::newRow("twilio on another port")
        << u"https://api.twilio.com:8443/RE1"_s << u"https://api.twilio.com"_s << false;
}

void TestRecordingDownloader::trustsOnlyTwilioOrigins()
{
    QFETCH(QString, url);
    QFETCH(QString, apiBase);
    QFETCH(bool, trusted);
    QCOMPARE(RecordingDownloader::isTwilioOrigin(QUrl(url), QUrl(apiBase)), trusted);
}

// A misconfiguration fails at once with a sentence that names it, without sending anything.
void TestRecordingDownloader::refusesIncompleteConfiguration()
{
    QFETCH(QString, url);
    QFETCH(QString, accountSid);
    QFETCH(QByteArray, authToken);
    QFETCH(QString, target);
    QFETCH(QString, expectedPart);
    RecordingDownloader misconfigured(m_network.get(), accountSid, authToken, m_twilio->url(), 4000ms);

    const DownloadResult result
        = run(misconfigured.download(QUrl(url), target.isEmpty() ? target : m_dir->filePath(target)));

    verifyFailure(result, { expectedPart });
    QVERIFY(m_network->findChildren<QNetworkReply *>().isEmpty());
    QVERIFY(filesBelow(m_dir->path()).isEmpty());
}

// Credentials pasted into the RecordingUrl go neither into the request line nor into an error: the
// Authorization header is the one way they travel.
void TestRecordingDownloader::dropsCredentialsWrittenIntoTheUrl()
{
    QUrl url = m_twilio->url(RecordingPath);
    url.setUserName(AccountSid);
    url.setPassword(QString::fromLatin1(AuthToken));

    const DownloadResult result = run(downloader().download(url, targetPath()));

    verifyFailure(result, { u"Twilio answered 404 for the recording {twilio}"_s + Mp3Path + u"."_s });
    QCOMPARE(m_twilio->requests().size(), 1);
    verifyCredentialsStayedHome();
}

// The task carries everything it needs, so a downloader dropped mid-download does not take it down.
void TestRecordingDownloader::outlivesTheDownloader()
{
    m_twilio->redirect(Mp3Path, m_storage->url(StoragePath).toEncoded());
    m_storage->serve(StoragePath, audio());
    auto shortLived = std::make_unique<RecordingDownloader>(downloader());
    QCoro::Task<DownloadResult> task = shortLived->download(m_twilio->url(RecordingPath), targetPath());
    shortLived.reset();

    const DownloadResult result = run(std::move(task));

    QVERIFY2(result.ok(), qPrintable(result.error()));
    QCOMPARE(readFile(targetPath()), audio());
    verifyCredentialsStayedHome();
}

QTEST_GUILESS_MAIN(TestRecordingDownloader)
#include "tst_recordingdownloader.moc"
