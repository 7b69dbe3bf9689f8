// Tests of SecretBox: sealed secrets open with the right key only, and damage is reported, never crashed on.
#include "secrets/secretbox.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSecretBox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generatedKeysAreFreshAndFullSize();
    void sealedValueOpensAgain_data();
    void sealedValueOpensAgain();
    void sealedValueIsPrintableAndHidesThePlaintext();
    void sealingTwiceGivesDifferentText();
    void damagedOrForeignValueIsRefused_data();
    void damagedOrForeignValueIsRefused();
    void keyOfWrongSizeSealsAndOpensNothing();
};

namespace {
QByteArray keyA()
{
    return QByteArray(SecretBox::KeySize, 'a');
}
QByteArray keyB()
{
    return QByteArray(SecretBox::KeySize, 'b');
}
const QByteArray Plaintext = "sk-live-the-real-token-123";
} // namespace

void TestSecretBox::generatedKeysAreFreshAndFullSize()
{
    const QByteArray first = SecretBox::generateKey();
    const QByteArray second = SecretBox::generateKey();
    QCOMPARE(first.size(), SecretBox::KeySize);
    QCOMPARE(second.size(), SecretBox::KeySize);
    QVERIFY(first != second);
    QCOMPARE(SecretBox::randomBytes(7).size(), 7);
}

void TestSecretBox::sealedValueOpensAgain_data()
{
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("associatedData");

    QTest::newRow("empty value") << QByteArray() << QByteArray();
    QTest::newRow("ascii token") << Plaintext << QByteArray();
    QTest::newRow("utf-8 text") << u"pässwörd ☎"_s.toUtf8() << QByteArray();
    QTest::newRow("binary with nul bytes") << QByteArray("\0\1\2\xff\0", 5) << QByteArray();
    QTest::newRow("64 KiB value") << QByteArray(64 * 1024, 'x') << QByteArray();
    QTest::newRow("bound to a setting key") << Plaintext << QByteArray("twilio.auth_token");
    QTest::newRow("empty value bound to a setting key") << QByteArray() << QByteArray("retell.api_key");
}

void TestSecretBox::sealedValueOpensAgain()
{
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, associatedData);
    const SecretBox box(keyA());
    const QByteArray sealed = box.seal(plaintext, associatedData);
    QVERIFY(!sealed.isEmpty());
    QString error;
    const auto opened = box.open(sealed, associatedData, &error);
    QVERIFY2(opened, qPrintable(error));
    QCOMPARE(*opened, plaintext);
    // A second box with the same key (the next run of the program) opens it too.
    QCOMPARE(SecretBox(keyA()).open(sealed, associatedData).value_or("<failed>"), plaintext);
}

void TestSecretBox::sealedValueIsPrintableAndHidesThePlaintext()
{
    const QByteArray sealed = SecretBox(keyA()).seal(Plaintext);
    QVERIFY(sealed.startsWith("v1:"));
    for (char c : sealed)
        QVERIFY2(c > ' ' && c < 127, sealed.constData());
    QVERIFY(!sealed.contains(Plaintext));
    QVERIFY(!sealed.contains(Plaintext.toBase64()));
    // 12-byte nonce + ciphertext + 16-byte tag.
    QCOMPARE(QByteArray::fromBase64(sealed.mid(3)).size(), 12 + Plaintext.size() + 16);
}

void TestSecretBox::sealingTwiceGivesDifferentText()
{
    const SecretBox box(keyA());
    QVERIFY(box.seal(Plaintext) != box.seal(Plaintext));
}

void TestSecretBox::damagedOrForeignValueIsRefused_data()
{
    QTest::addColumn<QByteArray>("sealed");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("associatedData");

    const QByteArray good = SecretBox(keyA()).seal(Plaintext, "twilio.auth_token");
    const QByteArray raw = QByteArray::fromBase64(good.mid(3));
    const auto withByteFlipped = [&raw](qsizetype index) -> QByteArray {
        QByteArray copy = raw;
        copy[index] = char(copy[index] ^ 0x01);
        return "v1:" + copy.toBase64();
    };

    QTest::newRow("different master key") << good << keyB() << QByteArray("twilio.auth_token");
    QTest::newRow("moved to another setting") << good << keyA() << QByteArray("retell.api_key");
    QTest::newRow("associated data left out") << good << keyA() << QByteArray();
    QTest::newRow("nonce altered") << withByteFlipped(0) << keyA() << QByteArray("twilio.auth_token");
    QTest::newRow("ciphertext altered") << withByteFlipped(14) << keyA() << QByteArray("twilio.auth_token");
    QTest::newRow("tag altered") << withByteFlipped(raw.size() - 1) << keyA()
                                 << QByteArray("twilio.auth_token");
    QTest::newRow("truncated") << QByteArray("v1:" + raw.left(20).toBase64()) << keyA()
                               << QByteArray("twilio.auth_token");
    QTest::newRow("ciphertext cut short") << QByteArray("v1:" + raw.left(raw.size() - 1).toBase64()) << keyA()
                                          << QByteArray("twilio.auth_token");
    QTest::newRow("no version prefix") << good.mid(3) << keyA() << QByteArray("twilio.auth_token");
    QTest::newRow("unknown version") << QByteArray("v9:" + good.mid(3)) << keyA()
                                     << QByteArray("twilio.auth_token");
    QTest::newRow("not base64") << QByteArray("v1:!!!not base64!!!") << keyA()
                                << QByteArray("twilio.auth_token");
    QTest::newRow("empty text") << QByteArray() << keyA() << QByteArray("twilio.auth_token");
    QTest::newRow("prefix only") << QByteArray("v1:") << keyA() << QByteArray("twilio.auth_token");
    QTest::newRow("plaintext stored as is") << Plaintext << keyA() << QByteArray("twilio.auth_token");
}

void TestSecretBox::damagedOrForeignValueIsRefused()
{
    QFETCH(QByteArray, sealed);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, associatedData);
    QString error;
    const auto opened = SecretBox(key).open(sealed, associatedData, &error);
    QVERIFY(!opened);
    QVERIFY(!error.isEmpty());
    QVERIFY(error.endsWith(u'.'));
    QVERIFY(!error.contains(QString::fromLatin1(Plaintext)));
}

void TestSecretBox::keyOfWrongSizeSealsAndOpensNothing()
{
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"key of 16 bytes"_s));
    const SecretBox box(QByteArray(16, 'k'));
    QVERIFY(!box.isValid());
    QVERIFY(box.seal(Plaintext).isEmpty());
    QString error;
    QVERIFY(!box.open(SecretBox(keyA()).seal(Plaintext), &error));
    QVERIFY(error.contains(u"32 bytes"_s));
}

QTEST_GUILESS_MAIN(TestSecretBox)
#include "tst_secretbox.moc"
