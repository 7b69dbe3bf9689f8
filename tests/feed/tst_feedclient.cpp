// Tests of FeedClient against a feed on loopback: messages arrive parsed and in order, a cut is followed
// by a reconnection from the last message seen, the waits grow and start again, a refused token stops the
// tries, a self-signed certificate is accepted only when pinned, and commands come back by their id.
#include "fakefeedserver.h"
#include "feed/certificatefingerprint.h"
#include "feed/feedclient.h"
#include "testcertificate.h"
#include "tokenrefusingserver.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// Waits short enough for a test, long enough that each try is seen; no randomness.
ReconnectDelay::Schedule quickSchedule()
{
    ReconnectDelay::Schedule schedule;
    schedule.first = 50ms;
    schedule.longest = 400ms;
    schedule.jitter = 0;
    schedule.lasting = 1h;
    return schedule;
}

FeedSession call(const QString &callSid, CallStage stage)
{
    FeedSession session;
    session.call.session.callSid = callSid;
    session.call.session.from = u"+15551234567"_s;
    session.call.session.to = u"+15557654321"_s;
    session.call.session.startedAt = QDateTime(QDate(2026, 3, 2), QTime(14, 5, 9), Qt::UTC);
    session.call.session.stage = stage;
    return session;
}

QByteArray snapshotText(qint64 seq)
{
    return FeedMessage::snapshot(seq, { call(u"CA1"_s, CallStage::Ringing) }).toJson();
}

QByteArray sessionText(qint64 seq, CallStage stage = CallStage::Answered)
{
    return FeedMessage::sessionChanged(seq, call(u"CA1"_s, stage)).toJson();
}

QByteArray eventText(qint64 seq)
{
    CallEventRecord record;
    record.callSid = u"CA1"_s;
    record.at = QDateTime(QDate(2026, 3, 2), QTime(14, 5, 12), Qt::UTC);
    record.step = Step::DialTargetResult;
    record.detail = u"Alice Ng answered."_s;
    return FeedMessage::eventRecorded(seq, record).toJson();
}

// A port on which nothing listens.
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Keeps what a client said, in order.
struct Recorder
{
    explicit Recorder(FeedClient &client)
    {
        QObject::connect(&client, &FeedClient::messageReceived, &client,
            [this](const FeedMessage &message, const QByteArray &text) {
                messages.append(message);
                texts.append(text);
            });
        QObject::connect(
            &client, &FeedClient::stateChanged, &client, [this, &client](FeedClient::State state) {
                states.append(state);
                if (state == FeedClient::State::CutOff)
                    waits.append(client.retryDelay().count());
            });
        QObject::connect(&client, &FeedClient::unreadableMessage, &client,
            [this](const QString &reason) { unreadable.append(reason); });
    }

    QList<FeedMessage> messages;
    QList<QByteArray> texts;
    QList<FeedClient::State> states;
    QList<qint64> waits; // ms
    QStringList unreadable;
};

} // namespace

class tst_FeedClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messagesArriveParsedAndInOrder();
    void aCutIsFollowedByAReconnectionFromTheLastSeq();
    void aClosedConnectionIsSaidWithTheRoutersReason();
    void waitsGrowUpToTheLongest();
    void waitsStartAgainAfterALastingConnection();
    void aRefusedTokenStopsTheTries();
    void aTokenThatWouldBreakTheHeaderIsRefused();
    void unpinnedSelfSignedCertificateIsRefusedWithItsFingerprint();
    void pinnedSelfSignedCertificateIsAccepted();
    void anotherCertificateThanThePinnedOneIsRefused();
    void unreadableMessagesAreSaidAndSkipped();
    void anOversizedMessageCutsTheConnection();
    void aRouterThatNeverAnswersIsGivenUpOn();
    void resynchroniseAsksForAFreshSnapshot();
    void commandsComeBackByTheirId();
    void aCommandWithoutAConnectionIsNotSent();
    void aCommandCutOffBeforeItsAnswerSaysSo();
    void aCommandWithoutAnAnswerTimesOut();
    void stopEndsTheTries();
};

void tst_FeedClient::messagesArriveParsedAndInOrder()
{
    FakeFeedServer server;
    QVERIFY(server.listen());
    server.setGreeting({ snapshotText(10) });
    FeedClient client;
    Recorder recorder(client);
    client.setAddress(*FeedAddress::fromTyped(server.address()));
    QVERIFY(client.setToken(u"view-token-123"_s));
    client.start();
    QCOMPARE(client.state(), FeedClient::State::Connecting);
    QVERIFY(client.statusText().startsWith(u"Connecting to ws://127.0.0.1:"_s));

    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::Connected, 20000);
    QVERIFY2(client.statusText().endsWith(u"/feed."_s), qPrintable(client.statusText()));
    server.send(sessionText(11));
    server.send(eventText(12));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.messages.size(), 3, 20000);

    QCOMPARE(recorder.messages.at(0).type, FeedMessage::Type::Snapshot);
    QCOMPARE(recorder.messages.at(0).seq, 10);
    QCOMPARE(recorder.messages.at(0).calls.size(), 1);
    QCOMPARE(recorder.messages.at(1).type, FeedMessage::Type::Session);
    QCOMPARE(recorder.messages.at(1).seq, 11);
    QCOMPARE(recorder.messages.at(1).session.stageName(), u"talking"_s);
    QCOMPARE(recorder.messages.at(2).type, FeedMessage::Type::Event);
    QCOMPARE(recorder.messages.at(2).event.detail, u"Alice Ng answered."_s);
    QCOMPARE(recorder.texts, QList<QByteArray>({ snapshotText(10), sessionText(11), eventText(12) }));
    QCOMPARE(client.lastSeq(), std::optional<qint64>(12));

    // The handshake: the feed's path, the token in its header, no since on a first connection.
    QCOMPARE(server.handshakes().size(), 1);
    const FakeFeedServer::Handshake handshake = server.handshakes().first();
    QCOMPARE(handshake.url.path(), u"/feed"_s);
    QCOMPARE(handshake.authorization, QByteArray("Bearer view-token-123"));
    QVERIFY(!handshake.since());
}

void tst_FeedClient::aCutIsFollowedByAReconnectionFromTheLastSeq()
{
    FakeFeedServer server;
    QVERIFY(server.listen());
    server.setGreeting({ snapshotText(10) });
    FeedClient client;
    Recorder recorder(client);
    client.setReconnectSchedule(quickSchedule());
    client.setAddress(*FeedAddress::fromTyped(server.address()));
    QVERIFY(client.setToken(u"t"_s));
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.messages.size(), 1, 20000);
    server.send(sessionText(11));
    server.send(eventText(15)); // numbers need not follow one another
    QTRY_COMPARE_WITH_TIMEOUT(recorder.messages.size(), 3, 20000);

    server.cutAll();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.states.contains(FeedClient::State::CutOff), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(server.handshakes().size(), 2, 20000);
    QCOMPARE(server.handshakes().at(1).since(), std::optional<qint64>(15));
    QCOMPARE(server.handshakes().at(1).authorization, QByteArray("Bearer t"));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::Connected, 20000);
    // The second connection's snapshot arrives like the first one.
    QTRY_COMPARE_WITH_TIMEOUT(recorder.messages.size(), 4, 20000);
    QCOMPARE(recorder.messages.at(3).type, FeedMessage::Type::Snapshot);
}

void tst_FeedClient::aClosedConnectionIsSaidWithTheRoutersReason()
{
    FakeFeedServer server;
    QVERIFY(server.listen());
    FeedClient client;
    Recorder recorder(client);
    ReconnectDelay::Schedule schedule = quickSchedule();
    schedule.first = 5s; // long enough to read the status before the next try
    client.setReconnectSchedule(schedule);
    client.setAddress(*FeedAddress::fromTyped(server.address()));
    QVERIFY(client.setToken(u"t"_s));
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::Connected, 20000);
    server.closeAll(QWebSocketProtocol::CloseCodeGoingAway, u"The router is restarting"_s);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::CutOff, 20000);
    QCOMPARE(client.problem(), u"The router closed the connection: The router is restarting."_s);
    QCOMPARE(client.statusText(),
        u"Cut off: The router closed the connection: The router is restarting. Next try in 5 s."_s);
}

void tst_FeedClient::waitsGrowUpToTheLongest()
{
    FeedClient client;
    Recorder recorder(client);
    client.setReconnectSchedule(quickSchedule());
    client.setAddress(*FeedAddress::fromTyped(u"127.0.0.1:"_s + QString::number(closedPort())));
    QVERIFY(client.setToken(u"t"_s));
    client.start();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.waits.size() >= 5, 30000);
    QCOMPARE(recorder.waits.mid(0, 5), QList<qint64>({ 50, 100, 200, 400, 400 }));
    QVERIFY2(client.problem().contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(client.problem()));
}

void tst_FeedClient::waitsStartAgainAfterALastingConnection()
{
    FakeFeedServer server;
    QVERIFY(server.listen());
    FeedClient client;
    Recorder recorder(client);
    ReconnectDelay::Schedule schedule = quickSchedule();
    schedule.lasting = 300ms;
    client.setReconnectSchedule(schedule);
    client.setAddress(*FeedAddress::fromTyped(server.address()));
    QVERIFY(client.setToken(u"t"_s));
    client.start();

    // Connections cut at once (a router that drops its seats) do not count as working ones: the waits grow.
    for (int i = 1; i <= 3; ++i) {
        QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::Connected, 20000);
        server.cutAll();
        QTRY_COMPARE_WITH_TIMEOUT(recorder.waits.size(), i, 20000);
    }
    QCOMPARE(recorder.waits, QList<qint64>({ 50, 100, 200 }));

    // One that held (at least `lasting`, however slow this machine is) starts them again from the first.
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::Connected, 20000);
    QTest::qWait(400);
    QCOMPARE(client.state(), FeedClient::State::Connected);
    server.cutAll();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.waits.size(), 4, 20000);
    QCOMPARE(recorder.waits.last(), 50);
}

void tst_FeedClient::aRefusedTokenStopsTheTries()
{
    TokenRefusingServer server;
    QVERIFY(server.listen());
    FeedClient client;
    Recorder recorder(client);
    client.setReconnectSchedule(quickSchedule());
    client.setAddress(*FeedAddress::fromTyped(server.address()));
    QVERIFY(client.setToken(u"wrong"_s));
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::TokenRefused, 20000);
    QCOMPARE(client.statusText(), u"The token was refused."_s);
    QCOMPARE(client.problem(), u"The token was refused."_s);
    QVERIFY(!recorder.states.contains(FeedClient::State::CutOff));
    // Many first waits later, still one request.
    QTest::qWait(500);
    QCOMPARE(server.requestCount(), 1);
    QCOMPARE(client.state(), FeedClient::State::TokenRefused);
}

void tst_FeedClient::aTokenThatWouldBreakTheHeaderIsRefused()
{
    FeedClient client;
    QString error;
    QVERIFY(!client.setToken(u"abc\r\nX-Evil: 1"_s, &error));
    QVERIFY(error.contains(u"characters"_s));
    QVERIFY(!client.setToken(u"two words"_s, &error));
    QVERIFY(!client.setToken(u"  "_s, &error));
    QCOMPARE(error, u"The token is empty."_s);
    QVERIFY(client.setToken(u"  Abc-_123  "_s, &error)); // copied with the spaces around it
}

void tst_FeedClient::unpinnedSelfSignedCertificateIsRefusedWithItsFingerprint()
{
    const TestCertificate certificate = TestCertificate::selfSigned();
    QVERIFY(!certificate.certificate.isNull());
    FakeFeedServer server;
    server.useTls(certificate.certificate, certificate.key);
    QVERIFY(server.listen());
    QVERIFY(server.address().startsWith(u"wss://"_s));
    FeedClient client;
    Recorder recorder(client);
    ReconnectDelay::Schedule schedule = quickSchedule();
    schedule.first = 5s;
    client.setReconnectSchedule(schedule);
    QSignalSpy untrusted(&client, &FeedClient::untrustedCertificate);
    client.setAddress(*FeedAddress::fromTyped(server.address()));
    QVERIFY(client.setToken(u"t"_s));
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::CutOff, 20000);

    const QByteArray digest = certificate.certificate.digest(QCryptographicHash::Sha256);
    const QString fingerprint = CertificateFingerprint::text(digest);
    QCOMPARE(fingerprint.size(), 32 * 3 - 1);
    QCOMPARE(untrusted.size(), 1);
    QCOMPARE(untrusted.first().at(0).toByteArray(), digest);
    QVERIFY2(client.problem().contains(u"not trusted"_s), qPrintable(client.problem()));
    QVERIFY2(
        client.problem().contains(u"SHA-256 fingerprint is "_s + fingerprint), qPrintable(client.problem()));
    QVERIFY(client.statusText().contains(fingerprint));
    QCOMPARE(server.openConnections(), 0);
}

void tst_FeedClient::pinnedSelfSignedCertificateIsAccepted()
{
    const TestCertificate certificate = TestCertificate::selfSigned();
    FakeFeedServer server;
    server.useTls(certificate.certificate, certificate.key);
    server.setGreeting({ snapshotText(3) });
    QVERIFY(server.listen());
    FeedClient client;
    Recorder recorder(client);
    client.setPinnedCertificateDigest(certificate.certificate.digest(QCryptographicHash::Sha256));
    client.setAddress(*FeedAddress::fromTyped(server.address()));
    QVERIFY(client.setToken(u"t"_s));
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.messages.size(), 1, 20000);
    QCOMPARE(client.state(), FeedClient::State::Connected);
    QCOMPARE(recorder.messages.first().seq, 3);
    QCOMPARE(server.handshakes().first().authorization, QByteArray("Bearer t"));
}

void tst_FeedClient::anotherCertificateThanThePinnedOneIsRefused()
{
    const TestCertificate certificate = TestCertificate::selfSigned();
    const TestCertificate other = TestCertificate::selfSigned();
    FakeFeedServer server;
    server.useTls(certificate.certificate, certificate.key);
    QVERIFY(server.listen());
    FeedClient client;
    ReconnectDelay::Schedule schedule = quickSchedule();
    schedule.first = 5s;
    client.setReconnectSchedule(schedule);
    client.setPinnedCertificateDigest(other.certificate.digest(QCryptographicHash::Sha256));
    client.setAddress(*FeedAddress::fromTyped(server.address()));
    QVERIFY(client.setToken(u"t"_s));
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::CutOff, 20000);
    QVERIFY2(client.problem().contains(u"not the pinned one"_s), qPrintable(client.problem()));
    QVERIFY(client.problem().contains(
        CertificateFingerprint::text(certificate.certificate.digest(QCryptographicHash::Sha256))));
}

void tst_FeedClient::unreadableMessagesAreSaidAndSkipped()
{
    FakeFeedServer server;
    QVERIFY(server.listen());
    FeedClient client;
    Recorder recorder(client);
    client.setAddress(*FeedAddress::fromTyped(server.address()));
    QVERIFY(client.setToken(u"t"_s));
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::Connected, 20000);
    server.send("this is not json");
    server.send(R"({"v":1,"type":"weather","seq":3})");
    server.send(sessionText(4));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.messages.size(), 1, 20000);
    QCOMPARE(recorder.unreadable.size(), 2);
    QVERIFY2(recorder.unreadable.at(0).startsWith(u"A message from the router could not be read: not JSON"_s),
        qPrintable(recorder.unreadable.at(0)));
    QVERIFY2(recorder.unreadable.at(1).contains(u"unknown \"type\" \"weather\""_s),
        qPrintable(recorder.unreadable.at(1)));
    QCOMPARE(recorder.messages.first().seq, 4);
    QCOMPARE(client.lastSeq(), std::optional<qint64>(4));
    QCOMPARE(client.state(), FeedClient::State::Connected);
}

void tst_FeedClient::anOversizedMessageCutsTheConnection()
{
    FakeFeedServer server;
    QVERIFY(server.listen());
    FeedClient client;
    Recorder recorder(client);
    ReconnectDelay::Schedule schedule = quickSchedule();
    schedule.first = 5s;
    client.setReconnectSchedule(schedule);
    client.setAddress(*FeedAddress::fromTyped(server.address()));
    QVERIFY(client.setToken(u"t"_s));
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::Connected, 20000);
    const QByteArray padding(FeedClient::MaxMessageBytes, 'x');
    server.send(
        R"({"v":1,"type":"session","seq":1,"pad":")" + padding + R"(","session":{"call_sid":"CA1"}})");
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::CutOff, 60000);
    QVERIFY(recorder.messages.isEmpty());
    QCOMPARE(client.problem(), u"The router sent a message larger than 16 MiB; the connection was closed."_s);
}

void tst_FeedClient::aRouterThatNeverAnswersIsGivenUpOn()
{
    // Accepts connections and says nothing, like a router that hangs.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    FeedClient client;
    Recorder recorder(client);
    ReconnectDelay::Schedule schedule = quickSchedule();
    schedule.first = 5s;
    client.setReconnectSchedule(schedule);
    client.setPatience(300ms, 30s);
    client.setAddress(*FeedAddress::fromTyped(u"127.0.0.1:"_s + QString::number(silent.serverPort())));
    QVERIFY(client.setToken(u"t"_s));
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::CutOff, 20000);
    QCOMPARE(client.problem(), u"The router did not answer within 1 s."_s);
}

void tst_FeedClient::resynchroniseAsksForAFreshSnapshot()
{
    FakeFeedServer server;
    QVERIFY(server.listen());
    server.setGreeting({ snapshotText(10) });
    FeedClient client;
    Recorder recorder(client);
    client.setAddress(*FeedAddress::fromTyped(server.address()));
    QVERIFY(client.setToken(u"t"_s));
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.messages.size(), 1, 20000);
    server.send(sessionText(11));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.messages.size(), 2, 20000);
    client.resynchronise();
    QVERIFY(!client.lastSeq());
    QTRY_COMPARE_WITH_TIMEOUT(server.handshakes().size(), 2, 20000);
    QVERIFY(!server.handshakes().at(1).since());
    QVERIFY(!recorder.states.contains(FeedClient::State::CutOff));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.messages.size(), 3, 20000);
    QCOMPARE(client.lastSeq(), std::optional<qint64>(10));
}

void tst_FeedClient::commandsComeBackByTheirId()
{
    FakeFeedServer server;
    QVERIFY(server.listen());
    // Answers two commands at once, the second first, the first refused.
    connect(&server, &FakeFeedServer::textReceived, &server, [&server] {
        if (server.received().size() != 2)
            return;
        const std::optional<FeedMessage> first = FeedMessage::parse(server.received().at(0));
        const std::optional<FeedMessage> second = FeedMessage::parse(server.received().at(1));
        if (!first || !second)
            return;
        server.send(FeedMessage::result(second->command.id, true).toJson());
        server.send(FeedMessage::result(first->command.id, false, u"This seat may only watch."_s).toJson());
    });
    FeedClient client;
    Recorder recorder(client);
    client.setAddress(*FeedAddress::fromTyped(server.address()));
    QVERIFY(client.setToken(u"t"_s));
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::Connected, 20000);

    FeedCommand hangup;
    hangup.action = FeedCommand::Action::Hangup;
    hangup.callSid = u"CA1"_s;
    FeedCommand transfer;
    transfer.id = u"mine-2"_s;
    transfer.action = FeedCommand::Action::Transfer;
    transfer.callSid = u"CA1"_s;
    transfer.targetKind = FeedCommand::TargetKind::Team;
    transfer.target = u"front"_s;
    transfer.seat = u"Front desk 2"_s;
    QCoro::Task<FeedCommandResult> first = client.sendCommand(hangup, 60s);
    QCoro::Task<FeedCommandResult> second = client.sendCommand(transfer, 60s);
    const FeedCommandResult secondResult = QCoro::waitFor(second);
    const FeedCommandResult firstResult = QCoro::waitFor(first);
    QCOMPARE(secondResult.ok, true);
    QVERIFY(secondResult.error.isEmpty());
    QCOMPARE(firstResult.ok, false);
    QCOMPARE(firstResult.error, u"This seat may only watch."_s);

    // What the router got: the contract's commands, an id made for the one that had none.
    const std::optional<FeedMessage> sentFirst = FeedMessage::parse(server.received().at(0));
    const std::optional<FeedMessage> sentSecond = FeedMessage::parse(server.received().at(1));
    QVERIFY(sentFirst && sentSecond);
    QVERIFY(!sentFirst->command.id.isEmpty());
    QCOMPARE(sentFirst->command.action, FeedCommand::Action::Hangup);
    QCOMPARE(sentSecond->command.id, u"mine-2"_s);
    QCOMPARE(sentSecond->command.target, u"front"_s);
    QCOMPARE(sentSecond->command.seat, u"Front desk 2"_s);
    // Results are messages too, for whoever prints everything.
    QTRY_COMPARE_WITH_TIMEOUT(recorder.messages.size(), 2, 20000);
    QCOMPARE(recorder.messages.at(0).type, FeedMessage::Type::Result);
}

void tst_FeedClient::aCommandWithoutAConnectionIsNotSent()
{
    FeedClient client;
    FeedCommand hangup;
    hangup.callSid = u"CA1"_s;
    const FeedCommandResult result = QCoro::waitFor(client.sendCommand(hangup));
    QCOMPARE(result.ok, false);
    QCOMPARE(result.error, u"Not connected to the router; the command was not sent."_s);
}

void tst_FeedClient::aCommandCutOffBeforeItsAnswerSaysSo()
{
    FakeFeedServer server;
    QVERIFY(server.listen());
    connect(&server, &FakeFeedServer::textReceived, &server, [&server] { server.cutAll(); });
    FeedClient client;
    ReconnectDelay::Schedule schedule = quickSchedule();
    schedule.first = 5s;
    client.setReconnectSchedule(schedule);
    client.setAddress(*FeedAddress::fromTyped(server.address()));
    QVERIFY(client.setToken(u"t"_s));
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::Connected, 20000);
    FeedCommand hangup;
    hangup.callSid = u"CA1"_s;
    const FeedCommandResult result = QCoro::waitFor(client.sendCommand(hangup, 60s));
    QCOMPARE(result.ok, false);
    QVERIFY2(result.error.startsWith(u"The connection was cut before the router answered"_s),
        qPrintable(result.error));
}

void tst_FeedClient::aCommandWithoutAnAnswerTimesOut()
{
    FakeFeedServer server;
    QVERIFY(server.listen());
    FeedClient client;
    client.setAddress(*FeedAddress::fromTyped(server.address()));
    QVERIFY(client.setToken(u"t"_s));
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::Connected, 20000);
    FeedCommand hangup;
    hangup.id = u"late"_s;
    hangup.callSid = u"CA1"_s;
    const FeedCommandResult result = QCoro::waitFor(client.sendCommand(hangup, 200ms));
    QCOMPARE(result.ok, false);
    QVERIFY2(result.error.startsWith(u"The router did not answer within 1 s"_s), qPrintable(result.error));
    // Its late answer is a message like any other and breaks nothing.
    server.send(FeedMessage::result(u"late"_s, true).toJson());
    server.send(sessionText(5));
    QTRY_COMPARE_WITH_TIMEOUT(client.lastSeq(), std::optional<qint64>(5), 20000);
}

void tst_FeedClient::stopEndsTheTries()
{
    FeedClient client;
    Recorder recorder(client);
    client.setReconnectSchedule(quickSchedule());
    client.setAddress(*FeedAddress::fromTyped(u"127.0.0.1:"_s + QString::number(closedPort())));
    QVERIFY(client.setToken(u"t"_s));
    client.start();
    QTRY_VERIFY_WITH_TIMEOUT(!recorder.waits.isEmpty(), 20000);
    client.stop();
    QCOMPARE(client.state(), FeedClient::State::Stopped);
    const qsizetype tries = recorder.waits.size();
    QTest::qWait(300);
    QCOMPARE(recorder.waits.size(), tries);
    QCOMPARE(client.state(), FeedClient::State::Stopped);
}

QTEST_GUILESS_MAIN(tst_FeedClient)
#include "tst_feedclient.moc"
