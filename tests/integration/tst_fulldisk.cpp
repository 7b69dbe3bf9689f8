// A full disk under the router, on a small tmpfs of its own: calls are still answered while nothing
// can be written, the trouble is said plainly, and every answered call's log is written once space
// returns. Mounting needs root; elsewhere the test is skipped with a message.
#include "datadir/datadirectory.h"
#include "faketwilio.h"
#include "server/routerservice.h"
#include "settings/settings.h"
#include "storage/callstore.h"
#include "storage/database.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
const QString AuthToken = u"test-auth-token-0123456789"_s;
const QString Business = u"+15557654321"_s;
const QString Fallback = u"+15550009999"_s;
} // namespace

class TestFullDisk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void callsAreAnsweredAndLoggedOnceSpaceReturns();

private:
    // Fills the disk to the last byte with one file.
    bool fill();
    TwilioReply call(const QString &sid);

    QTemporaryDir m_mountPoint;
    bool m_mounted = false;
    std::unique_ptr<DataDirectory> m_admin;
    std::unique_ptr<RouterService> m_service;
    std::unique_ptr<FakeTwilio> m_twilio;
    QString m_token;
};

void TestFullDisk::init()
{
    if (::geteuid() != 0)
        QSKIP("A full disk is simulated with a small tmpfs, which only root may mount; run the suite as root to include it.");
    QVERIFY(m_mountPoint.isValid());
    if (QProcess::execute(u"mount"_s, { u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=8m,mode=0700"_s, u"tmpfs"_s,
            m_mountPoint.path() }) != 0)
        QSKIP("This machine does not allow mounting a tmpfs (a container without the right); the full-disk test is skipped.");
    m_mounted = true;

    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    const QString dataDir = QDir(m_mountPoint.path()).filePath(u"data"_s);
    m_admin = std::make_unique<DataDirectory>(dataDir);
    QString error;
    QVERIFY2(m_admin->open(&error), qPrintable(error));
    for (const auto &[key, value] : { std::pair { u"twilio.auth_token"_s, AuthToken },
             { u"routing.enabled"_s, u"true"_s }, { u"routing.fallback_number"_s, Fallback } })
        QVERIFY2(m_admin->settings().set(key, value, &error), qPrintable(error));
    m_token = *m_admin->settings().value(u"server.webhook_token"_s);
    m_service = std::make_unique<RouterService>(dataDir);
    QVERIFY2(m_service->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    m_twilio = std::make_unique<FakeTwilio>(QUrl(u"http://127.0.0.1:%1"_s.arg(m_service->port())), AuthToken.toUtf8());
}

void TestFullDisk::cleanup()
{
    m_twilio.reset();
    m_service.reset();
    m_admin.reset();
    if (m_mounted)
        QProcess::execute(u"umount"_s, { u"-l"_s, m_mountPoint.path() });
    m_mounted = false;
}

bool TestFullDisk::fill()
{
    QFile filler(QDir(m_mountPoint.path()).filePath(u"filler"_s));
    if (!filler.open(QIODevice::WriteOnly))
        return false;
    const QByteArray block(4096, 'x');
    while (filler.write(block) == block.size() && filler.flush()) { }
    // The last partial block too.
    while (filler.write("x", 1) == 1 && filler.flush()) { }
    return true;
}

TwilioReply TestFullDisk::call(const QString &sid)
{
    return m_twilio->post(m_twilio->publicUrl(u"/twilio/voice/"_s + m_token),
        FakeTwilio::callFields(sid, u"+15559990000"_s, Business));
}

void TestFullDisk::callsAreAnsweredAndLoggedOnceSpaceReturns()
{
    QSignalSpy problems(m_service.get(), &RouterService::callLogProblemChanged);
    QCOMPARE(call(FakeTwilio::newCallSid()).status, 200);
    QTRY_COMPARE(CallStore(m_admin->database()).sessionCount(), 1);

    QVERIFY(fill());
    QStringList answered;
    for (int i = 0; i < 20; ++i) {
        const QString sid = FakeTwilio::newCallSid();
        const TwilioReply reply = call(sid);
        // The caller still reaches a person.
        QCOMPARE(reply.status, 200);
        const TwimlVerb *dial = reply.twiml().find(u"Dial"_s);
        QVERIFY(dial);
        QCOMPARE(dial->children.value(0).text, Fallback);
        answered.append(sid);
    }
    // Said plainly, once.
    QVERIFY(!problems.isEmpty());
    const QString problem = problems.first().first().toString();
    QVERIFY2(problem.contains(u"Calls are still answered"_s), qPrintable(problem));

    QVERIFY(QFile::remove(QDir(m_mountPoint.path()).filePath(u"filler"_s)));
    QTRY_COMPARE_WITH_TIMEOUT(CallStore(m_admin->database()).sessionCount(), qint64(1 + answered.size()), 20000);
    for (const QString &sid : std::as_const(answered))
        QVERIFY2(!CallStore(m_admin->database()).events(sid).isEmpty(), qPrintable(sid));
    QTRY_VERIFY_WITH_TIMEOUT(problems.last().first().toString().isEmpty(), 10000);
}

QTEST_GUILESS_MAIN(TestFullDisk)
#include "tst_fulldisk.moc"
