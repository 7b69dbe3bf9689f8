// Tests of FeedAddress: a router's address is read as people type it, and the feed's URL made from it.
#include "feed/feedaddress.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_FeedAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typedAddresses_data();
    void typedAddresses();
    void sinceIsAdded();
    void apiIsOnTheSameListener_data();
    void apiIsOnTheSameListener();
    void notAnAddress_data();
    void notAnAddress();
};

void tst_FeedAddress::typedAddresses_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("secure");

    QTest::newRow("ws") << u"ws://192.168.1.20:8081"_s << u"ws://192.168.1.20:8081/feed"_s << false;
    QTest::newRow("wss") << u"wss://desk.example.org:9443"_s << u"wss://desk.example.org:9443/feed"_s << true;
    QTest::newRow("http is ws") << u"http://192.168.1.20:8081"_s << u"ws://192.168.1.20:8081/feed"_s << false;
    QTest::newRow("https is wss") << u"https://desk.example.org"_s << u"wss://desk.example.org/feed"_s
                                  << true;
    QTest::newRow("scheme in capitals")
        << u"HTTPS://desk.example.org:9443"_s << u"wss://desk.example.org:9443/feed"_s << true;
    QTest::newRow("bare host and port")
        << u"192.168.1.20:8081"_s << u"ws://192.168.1.20:8081/feed"_s << false;
    QTest::newRow("bare name and port")
        << u"frontdesk.local:8081"_s << u"ws://frontdesk.local:8081/feed"_s << false;
    QTest::newRow("bare host: the feed's port")
        << u"frontdesk.local"_s << u"ws://frontdesk.local:8081/feed"_s << false;
    QTest::newRow("bare IPv6") << u"[::1]:8081"_s << u"ws://[::1]:8081/feed"_s << false;
    QTest::newRow("spaces around") << u"  ws://10.0.0.5:8081 \n"_s << u"ws://10.0.0.5:8081/feed"_s << false;
    QTest::newRow("trailing slash") << u"ws://10.0.0.5:8081/"_s << u"ws://10.0.0.5:8081/feed"_s << false;
    QTest::newRow("already /feed") << u"ws://10.0.0.5:8081/feed"_s << u"ws://10.0.0.5:8081/feed"_s << false;
    QTest::newRow("behind a proxy path")
        << u"https://example.org/switchboard/"_s << u"wss://example.org/switchboard/feed"_s << true;
}

void tst_FeedAddress::typedAddresses()
{
    QFETCH(QString, typed);
    QFETCH(QString, url);
    QFETCH(bool, secure);

    QString error;
    const std::optional<FeedAddress> address = FeedAddress::fromTyped(typed, &error);
    QVERIFY2(address, qPrintable(error));
    QCOMPARE(address->url().toString(), url);
    QCOMPARE(address->isSecure(), secure);
    QVERIFY(!address->isEmpty());
}

void tst_FeedAddress::sinceIsAdded()
{
    const FeedAddress address = *FeedAddress::fromTyped(u"ws://10.0.0.5:8081"_s);
    QCOMPARE(address.url(1234).toString(), u"ws://10.0.0.5:8081/feed?since=1234"_s);
    QCOMPARE(address.url(0).toString(), u"ws://10.0.0.5:8081/feed?since=0"_s);
    QCOMPARE(address.host(), u"10.0.0.5"_s);
    QVERIFY(FeedAddress().isEmpty());
}

void tst_FeedAddress::apiIsOnTheSameListener_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("api");
    QTest::addColumn<QString>("shown");

    QTest::newRow("ws") << u"ws://192.168.1.20:8081"_s << u"http://192.168.1.20:8081/api/calls"_s
                        << u"192.168.1.20:8081"_s;
    QTest::newRow("wss") << u"wss://desk.example.org:9443"_s << u"https://desk.example.org:9443/api/calls"_s
                         << u"desk.example.org:9443"_s;
    QTest::newRow("https without a port")
        << u"https://desk.example.org"_s << u"https://desk.example.org/api/calls"_s << u"desk.example.org"_s;
    QTest::newRow("bare IPv6") << u"[::1]:8081"_s << u"http://[::1]:8081/api/calls"_s << u"[::1]:8081"_s;
    QTest::newRow("behind a proxy path")
        << u"https://example.org/switchboard/"_s << u"https://example.org/switchboard/api/calls"_s
        << u"example.org"_s;
}

void tst_FeedAddress::apiIsOnTheSameListener()
{
    QFETCH(QString, typed);
    QFETCH(QString, api);
    QFETCH(QString, shown);

    const std::optional<FeedAddress> address = FeedAddress::fromTyped(typed);
    QVERIFY(address);
    QCOMPARE(address->apiUrl(u"/calls"_s).toString(), api);
    QCOMPARE(address->hostAndPort(), shown);
}

void tst_FeedAddress::notAnAddress_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty") << u"  "_s << u"empty"_s;
    QTest::newRow("another scheme") << u"ftp://10.0.0.5:8081"_s << u"must start with ws://"_s;
    QTest::newRow("no host") << u"ws://:8081"_s << u"is not an address"_s;
    QTest::newRow("bad port") << u"10.0.0.5:99999"_s << u"is not an address"_s;
    QTest::newRow("token in the query") << u"ws://10.0.0.5:8081/feed?token=abc"_s << u"without"_s;
    QTest::newRow("user name") << u"ws://me:secret@10.0.0.5:8081"_s << u"without"_s;
}

void tst_FeedAddress::notAnAddress()
{
    QFETCH(QString, typed);
    QFETCH(QString, reason);

    QString error;
    QVERIFY(!FeedAddress::fromTyped(typed, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_FeedAddress)
#include "tst_feedaddress.moc"
