// Tests SignatureValidator against Twilio's published vectors and the ways a request gets forged.
#include "twilio/signaturevalidator.h"
#include "twilio/twilioform.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QByteArray token = "12345"_ba;
const QString myapp = u"https://mycompany.com/myapp.php?foo=1&bar=2"_s;
const QString myappWithPort = u"https://mycompany.com:443/myapp.php?foo=1&bar=2"_s;

TwilioForm formOf(const QList<std::pair<QString, QString>> &items)
{
    TwilioForm form;
    for (const auto &[name, value] : items)
        form.append(name, value);
    return form;
}

TwilioForm mycompanyForm()
{
    return formOf({ { u"CallSid"_s, u"CA1234567890ABCDE"_s }, { u"Caller"_s, u"+14158675309"_s },
        { u"Digits"_s, u"1234"_s }, { u"From"_s, u"+14158675309"_s }, { u"To"_s, u"+18005551212"_s } });
}

// What a real voice webhook carries: about twenty fields, in Twilio's order.
QByteArray typicalVoiceWebhook()
{
    return "AccountSid=ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX&ApiVersion=2010-04-01"
           "&CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=ringing&CallToken=%7B%"
           "22parentCallInfoToken"
           "%22%3A%22eyJhbGciOiJFUzI1NiJ9.eyJjYWxsU2lkIjoiQ0EifQ.sig%22%7D&Called=%2B18005551212"
           "&CalledCity=&CalledCountry=US&CalledState=CA&CalledZip=&Caller=%2B14158675310"
           "&CallerCity=SAN+FRANCISCO&CallerCountry=US&CallerName=Jos%C3%A9+M%C3%BCller&CallerState=CA"
           "&CallerZip=94105&Direction=inbound&From=%2B14158675310&FromCity=SAN+FRANCISCO&FromCountry=US"
           "&FromState=CA&FromZip=94105&To=%2B18005551212&ToCity=&ToCountry=US&ToState=CA&ToZip="_ba;
}

} // namespace

class TestSignatureValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publishedVectors_data();
    void publishedVectors();
    void independentVectors_data();
    void independentVectors();
    void defaultPortEitherWay_data();
    void defaultPortEitherWay();
    void rejects_data();
    void rejects();
    void jsonBody_data();
    void jsonBody();
    void decodedWebhookValidates();
    void typicalWebhookRoundTrip();
};

// PROTOCOL.md section 2, auth token 12345.
void TestSignatureValidator::publishedVectors_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<TwilioForm>("params");
    QTest::addColumn<QByteArray>("signature");

    QTest::newRow("example.com") << u"https://example.com/myapp.php?foo=1&bar=2"_s
                                 << formOf({ { u"CallSid"_s, u"CA1234567890ABCDE"_s },
                                        { u"Caller"_s, u"+14158675310"_s }, { u"Digits"_s, u"1234"_s },
                                        { u"From"_s, u"+14158675310"_s }, { u"To"_s, u"+18005551212"_s } })
                                 << "L/OH5YylLD5NRKLltdqwSvS0BnU="_ba;
    QTest::newRow("mycompany.com") << myapp << mycompanyForm() << "RSOYDt4T1cUTdK1PDd93/VVr8B8="_ba;
    QTest::newRow("mycompany.com written with :443")
        << myappWithPort << mycompanyForm() << "kvajT1Ptam85bY51eRf/AJRuM3w="_ba;
    QTest::newRow("repeated Digits") << myapp
                                     << formOf({ { u"Sid"_s, u"CA123"_s }, { u"SidAccount"_s, u"AC123"_s },
                                            { u"Digits"_s, u"5678"_s }, { u"Digits"_s, u"1234"_s },
                                            { u"Digits"_s, u"1234"_s } })
                                     << "IK+Dwps556ElfBT0I3Rgjkr1wJU="_ba;
}

void TestSignatureValidator::publishedVectors()
{
    QFETCH(QString, url);
    QFETCH(TwilioForm, params);
    QFETCH(QByteArray, signature);

    const SignatureValidator validator(token);
    QCOMPARE(validator.sign(url, params), signature);
    QVERIFY(validator.isValid(url, params, signature));
}

// Computed separately with Python's hmac module, to pin down UTF-8 and byte-order sorting.
void TestSignatureValidator::independentVectors_data()
{
    QTest::addColumn<QByteArray>("authToken");
    QTest::addColumn<TwilioForm>("params");
    QTest::addColumn<QByteArray>("signature");

    QTest::newRow("non-ascii values") << token
                                      << formOf({ { u"CallerName"_s, u"José Müller"_s },
                                             { u"FromCity"_s, u"MÜNCHEN"_s }, { u"To"_s, u"+4989123456"_s } })
                                      << "204bxuUsydqc8v020Y/mmuTyij4="_ba;
    // UTF-16 puts U+1F600 (a surrogate pair) before U+E000; UTF-8 bytes put it after.
    QTest::newRow("names above U+FFFF sort as UTF-8")
        << token << formOf({ { u"\U0001F600"_s, u"a"_s }, { u"\uE000"_s, u"b"_s } })
        << "VGyzWl1AVDoWpYqNBWhhmZNo0Zc="_ba;
    QTest::newRow("values above U+FFFF sort as UTF-8")
        << token << formOf({ { u"X"_s, u"\U0001F600"_s }, { u"X"_s, u"\uE000"_s } })
        << "ybtwRiqgNJcrFt0tiajlol5LhrY="_ba;
    QTest::newRow("token longer than a block")
        << QByteArray(100, 'k') << formOf({ { u"A"_s, u"1"_s } }) << "24+M7hDrXXx+shJebLjDjpb21MU="_ba;
    QTest::newRow("no params") << token << TwilioForm() << "D4QuouVN9rnoGVWTDp6pJurE7gw="_ba;
}

void TestSignatureValidator::independentVectors()
{
    QFETCH(QByteArray, authToken);
    QFETCH(TwilioForm, params);
    QFETCH(QByteArray, signature);

    const SignatureValidator validator(authToken);
    const QString url = u"https://example.com/voice"_s;
    QCOMPARE(validator.sign(url, params), signature);
    QVERIFY(validator.isValid(url, params, signature));
}

// Twilio signs https voice URLs without the port and keeps it for http: accept both spellings.
void TestSignatureValidator::defaultPortEitherWay_data()
{
    QTest::addColumn<QString>("signedUrl");
    QTest::addColumn<QString>("receivedUrl");
    QTest::addColumn<bool>("valid");

    QTest::newRow("https signed without port, seen with :443") << myapp << myappWithPort << true;
    QTest::newRow("https signed with :443, seen without port") << myappWithPort << myapp << true;
    QTest::newRow("http signed with :80, seen without port")
        << u"http://example.com:80/voice"_s << u"http://example.com/voice"_s << true;
    QTest::newRow("http signed without port, seen with :80")
        << u"http://example.com/voice"_s << u"http://example.com:80/voice"_s << true;
    QTest::newRow("upper-case scheme")
        << u"HTTPS://example.com/voice"_s << u"HTTPS://example.com:443/voice"_s << true;
    QTest::newRow("port before a query, no path")
        << u"https://example.com?x=1"_s << u"https://example.com:443?x=1"_s << true;
    QTest::newRow("ipv6 host") << u"https://[2001:db8::1]/voice"_s << u"https://[2001:db8::1]:443/voice"_s
                               << true;
    QTest::newRow("user info is not a port")
        << u"https://user:pw@example.com:443/voice"_s << u"https://user:pw@example.com/voice"_s << true;
    QTest::newRow("other port is not dropped")
        << u"https://example.com/voice"_s << u"https://example.com:8443/voice"_s << false;
    QTest::newRow("other port is not added")
        << u"https://example.com:8443/voice"_s << u"https://example.com/voice"_s << false;
    QTest::newRow("https default port is not http's")
        << u"https://example.com/voice"_s << u"https://example.com:80/voice"_s << false;
    QTest::newRow("http default port is not https's")
        << u"http://example.com/voice"_s << u"http://example.com:443/voice"_s << false;
    QTest::newRow("different host") << u"https://example.com/voice"_s << u"https://example.org/voice"_s
                                    << false;
    QTest::newRow("trailing slash added")
        << u"https://example.com/voice"_s << u"https://example.com/voice/"_s << false;
}

void TestSignatureValidator::defaultPortEitherWay()
{
    QFETCH(QString, signedUrl);
    QFETCH(QString, receivedUrl);
    QFETCH(bool, valid);

    const SignatureValidator validator(token);
    const TwilioForm params = mycompanyForm();
    QCOMPARE(validator.isValid(receivedUrl, params, validator.sign(signedUrl, params)), valid);
}

void TestSignatureValidator::rejects_data()
{
    QTest::addColumn<QByteArray>("authToken");
    QTest::addColumn<QString>("url");
    QTest::addColumn<TwilioForm>("params");
    QTest::addColumn<QByteArray>("signature");

    const QByteArray good = "RSOYDt4T1cUTdK1PDd93/VVr8B8="_ba;
    TwilioForm tampered = mycompanyForm();
    tampered = formOf({ { u"CallSid"_s, u"CA1234567890ABCDE"_s }, { u"Caller"_s, u"+14158675309"_s },
        { u"Digits"_s, u"1235"_s }, { u"From"_s, u"+14158675309"_s }, { u"To"_s, u"+18005551212"_s } });
    TwilioForm extra = mycompanyForm();
    extra.append(u"Forwarded"_s, u"1"_s);
    TwilioForm trimmed = formOf({ { u"CallSid"_s, u"CA1234567890ABCDE"_s },
        { u"Caller"_s, u"+14158675309"_s }, { u"Digits"_s, u"1234"_s }, { u"From"_s, u"+14158675309"_s } });

    QTest::newRow("wrong token") << "54321"_ba << myapp << mycompanyForm() << good;
    QTest::newRow("empty token") << QByteArray() << myapp << mycompanyForm() << good;
    QTest::newRow("tampered param") << token << myapp << tampered << good;
    QTest::newRow("added param") << token << myapp << extra << good;
    QTest::newRow("missing param") << token << myapp << trimmed << good;
    QTest::newRow("tampered query") << token << u"https://mycompany.com/myapp.php?foo=2&bar=2"_s
                                    << mycompanyForm() << good;
    QTest::newRow("missing signature") << token << myapp << mycompanyForm() << QByteArray();
    QTest::newRow("blank signature") << token << myapp << mycompanyForm() << "   "_ba;
    QTest::newRow("signature in other case") << token << myapp << mycompanyForm() << good.toLower();
    QTest::newRow("truncated signature") << token << myapp << mycompanyForm() << good.chopped(1);
    QTest::newRow("signature with extra bytes") << token << myapp << mycompanyForm() << good + "AAAA"_ba;
    QTest::newRow("another request's signature")
        << token << myapp << mycompanyForm() << "L/OH5YylLD5NRKLltdqwSvS0BnU="_ba;
    QTest::newRow("empty token's own signature")
        << QByteArray() << myapp << mycompanyForm()
        << SignatureValidator(QByteArray()).sign(myapp, mycompanyForm());
}

void TestSignatureValidator::rejects()
{
    QFETCH(QByteArray, authToken);
    QFETCH(QString, url);
    QFETCH(TwilioForm, params);
    QFETCH(QByteArray, signature);

    QVERIFY(!SignatureValidator(authToken).isValid(url, params, signature));
}

void TestSignatureValidator::jsonBody_data()
{
    QTest::addColumn<QByteArray>("authToken");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("signature");
    QTest::addColumn<bool>("valid");

    const QString url = u"https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256="
                        "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"_s;
    const QByteArray body = R"({"property": "value", "boolean": true})"_ba;
    const QByteArray signature = "a9nBmqA0ju/hNViExpshrM61xv4="_ba;

    QTest::newRow("published vector") << token << url << body << signature << true;
    QTest::newRow("published vector with :443")
        << token << QString(url).replace(u"mycompany.com"_s, u"mycompany.com:443"_s) << body << signature
        << true;
    QTest::newRow("tampered body") << token << url << R"({"property": "value", "boolean": false})"_ba
                                   << signature << false;
    QTest::newRow("body with trailing newline") << token << url << body + '\n' << signature << false;
    QTest::newRow("wrong token") << "54321"_ba << url << body << signature << false;
    QTest::newRow("empty token") << QByteArray() << url << body << signature << false;
    QTest::newRow("missing signature") << token << url << body << QByteArray() << false;
    QTest::newRow("url without bodySHA256") << token << myapp << body << signature << false;
    QTest::newRow("hash changed in url")
        << token << QString(url).replace(u"6620"_s, u"6621"_s) << body << signature << false;
}

void TestSignatureValidator::jsonBody()
{
    QFETCH(QByteArray, authToken);
    QFETCH(QString, url);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, signature);
    QFETCH(bool, valid);

    QCOMPARE(SignatureValidator(authToken).isValidJson(url, body, signature), valid);
}

// The path a webhook takes: raw body, decoded form, signature over the decoded values.
void TestSignatureValidator::decodedWebhookValidates()
{
    const TwilioForm form = TwilioForm::fromUrlEncoded(
        "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212"_ba);
    QVERIFY(SignatureValidator(token).isValid(myapp, form, "RSOYDt4T1cUTdK1PDd93/VVr8B8="_ba));
}

// A realistic load: decode, sign and validate a twenty-field webhook many times. No timed assertion
// (shared machines vary); the figure is printed so a slow change is noticed.
void TestSignatureValidator::typicalWebhookRoundTrip()
{
    const QString url = u"https://switchboard.example.com/twilio/voice"_s;
    const QByteArray body = typicalVoiceWebhook();
    const QByteArray signature = SignatureValidator(token).sign(url, TwilioForm::fromUrlEncoded(body));
    QCOMPARE(signature.size(), 28);

    constexpr int rounds = 2000;
    QElapsedTimer timer;
    timer.start();
    int valid = 0;
    for (int i = 0; i < rounds; ++i) {
        const TwilioForm form = TwilioForm::fromUrlEncoded(body);
        const SignatureValidator validator(token);
        valid += validator.isValid(url, form, signature) ? 1 : 0;
    }
    const qint64 elapsed = timer.nsecsElapsed();
    QCOMPARE(valid, rounds);
    qInfo("decode + validate of a %d-field webhook: %.1f us",
        int(TwilioForm::fromUrlEncoded(body).items().size()), double(elapsed) / rounds / 1000.0);

    // Seen with :443 costs a second HMAC; still valid.
    const QString withPort = u"https://switchboard.example.com:443/twilio/voice"_s;
    QVERIFY(SignatureValidator(token).isValid(withPort, TwilioForm::fromUrlEncoded(body), signature));
}

QTEST_GUILESS_MAIN(TestSignatureValidator)
#include "tst_signaturevalidator.moc"
