// Tests of CertificateFingerprint: written as people compare it, read back from the forms they copy.
#include "feed/certificatefingerprint.h"
#include "testcertificate.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_CertificateFingerprint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writtenInPairs();
    void readInTheFormsPeopleCopy_data();
    void readInTheFormsPeopleCopy();
    void notAFingerprint_data();
    void notAFingerprint();
};

void tst_CertificateFingerprint::writtenInPairs()
{
    const TestCertificate certificate = TestCertificate::selfSigned();
    const QByteArray digest = CertificateFingerprint::sha256(certificate.certificate);
    QCOMPARE(digest.size(), 32);
    QCOMPARE(digest, certificate.certificate.digest(QCryptographicHash::Sha256));
    const QString text = CertificateFingerprint::text(digest);
    QCOMPARE(text.size(), 95);
    QCOMPARE(text, text.toUpper());
    QCOMPARE(text.count(u':'), 31);
    QCOMPARE(CertificateFingerprint::read(text), std::optional(digest));
    QVERIFY(CertificateFingerprint::sha256(QSslCertificate()).isEmpty());
}

void tst_CertificateFingerprint::readInTheFormsPeopleCopy_data()
{
    QTest::addColumn<QString>("written");
    const QString pairs
        = u"3A:F0:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:01:23:45:67:89:AB:CD:EF:10:32:54:76:98:BA"_s;
    QTest::newRow("pairs with colons") << pairs;
    QTest::newRow("lower case") << pairs.toLower();
    QTest::newRow("no colons") << QString(pairs).remove(u':');
    QTest::newRow("spaces") << QString(pairs).replace(u':', u' ');
    QTest::newRow("as openssl prints it") << u"sha256 Fingerprint="_s + pairs;
    QTest::newRow("with a line break") << pairs + u"\n"_s;
}

void tst_CertificateFingerprint::readInTheFormsPeopleCopy()
{
    QFETCH(QString, written);
    const std::optional<QByteArray> digest = CertificateFingerprint::read(written);
    QVERIFY(digest);
    QCOMPARE(digest->toHex(), QByteArray("3af000112233445566778899aabbccddeeff0123456789abcdef1032547698ba"));
}

void tst_CertificateFingerprint::notAFingerprint_data()
{
    QTest::addColumn<QString>("written");
    QTest::newRow("empty") << QString();
    QTest::newRow("SHA-1 length") << u"3A:F0:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:01:23"_s;
    QTest::newRow("not hex") << QString(64, u'z');
}

void tst_CertificateFingerprint::notAFingerprint()
{
    QFETCH(QString, written);
    QVERIFY(!CertificateFingerprint::read(written));
}

QTEST_GUILESS_MAIN(tst_CertificateFingerprint)
#include "tst_certificatefingerprint.moc"
