// Tests of CallLogRetention: calls older than retention.days go with their timelines and recordings
// (rows and files), newer ones stay, and a stored file name outside the recordings folder is never removed.
#include "datadir/calllogretention.h"
#include "datadir/datadirectory.h"
#include "storage/callstore.h"
#include "storage/database.h"
#include "storage/recordingstore.h"
#include "tempdatadir.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCallLogRetention : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void oldCallsGoWithTheirTimelinesAndRecordings();
    void nothingGoesWhenCallsAreKeptForEver();

private:
    static QString sid(const char *prefix, int n) { return QLatin1StringView(prefix) + u"%1"_s.arg(n, 32, 16, QLatin1Char('0')); }
    // `count` ended calls that started `daysAgo` days ago, each with two timeline events.
    void addCalls(int first, int count, int daysAgo);
    // A downloaded recording of call `n`, its file written in the data folder under `file`.
    void addRecording(int n, const QString &file);

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_data;
};

void TestCallLogRetention::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    m_dir = std::make_unique<TempDataDir>();
    m_data = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_data->open(&error), qPrintable(error));
}

void TestCallLogRetention::addCalls(int first, int count, int daysAgo)
{
    CallStore calls(m_data->database());
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-daysAgo);
    QString error;
    const bool written = m_data->database().transaction(
        [&] {
            for (int n = first; n < first + count; ++n) {
                CallSessionRecord session;
                session.callSid = sid("CA", n);
                session.from = u"+1555%1"_s.arg(2000000 + n);
                session.to = u"+15557654321"_s;
                session.startedAt = start.addSecs(n);
                session.endedAt = session.startedAt.addSecs(40);
                session.durationSeconds = 40;
                session.outcome = n % 2 ? CallOutcome::Answered : CallOutcome::Missed;
                session.stage = CallStage::Answered;
                if (!calls.createSession(session, &error))
                    return false;
                for (const Step step : { Step::CallReceived, Step::StatusChanged }) {
                    if (!calls.appendEvent({ session.callSid, session.startedAt, step, EventAction::WebhookReceived,
                            EventResult::Processed, {} }, &error))
                        return false;
                }
            }
            return true;
        },
        &error);
    QVERIFY2(written, qPrintable(error));
}

void TestCallLogRetention::addRecording(int n, const QString &file)
{
    RecordingStore recordings(m_data->database());
    RecordingRecord recording;
    recording.callSid = sid("CA", n);
    recording.recordingSid = sid("RE", n);
    recording.url = QUrl(u"https://api.twilio.com/recording/%1"_s.arg(n));
    recording.file = file;
    QString error;
    QVERIFY2(recordings.save(recording, &error), qPrintable(error));
    QVERIFY(QDir().mkpath(QFileInfo(m_dir->filePath(file)).absolutePath()));
    QFile media(m_dir->filePath(file));
    QVERIFY(media.open(QIODevice::WriteOnly));
    QVERIFY(media.write("ID3") == 3);
}

void TestCallLogRetention::oldCallsGoWithTheirTimelinesAndRecordings()
{
    // 250 calls of 400 days ago (more than two steps' worth) and 5 of last week.
    addCalls(0, 250, 400);
    addCalls(1000, 5, 7);
    addRecording(3, u"recordings/old-3.mp3"_s);
    addRecording(4, u"recordings/old-4.mp3"_s);
    addRecording(1002, u"recordings/new-1002.mp3"_s);
    // A name that leads out of the recordings folder stays where it is, whatever the row says.
    addRecording(5, u"recordings/../notes.txt"_s);
    CallStore calls(m_data->database());
    QCOMPARE(calls.sessionCount(), 255);

    {
        CallLogRetention retention(m_dir->path(), [] { return 365; });
        QSignalSpy pruned(&retention, &CallLogRetention::pruned);
        QSignalSpy failed(&retention, &CallLogRetention::failed);
        QVERIFY(pruned.wait(20000));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(pruned.first().at(0).toLongLong(), 250);
        QCOMPARE(pruned.first().at(1).toLongLong(), 2);
    }

    QCOMPARE(calls.sessionCount(), 5);
    QCOMPARE(calls.eventCount(), 10);
    QVERIFY(!calls.findSession(sid("CA", 0)));
    QVERIFY(calls.findSession(sid("CA", 1000)));
    QCOMPARE(calls.events(sid("CA", 1004)).size(), 2);
    RecordingStore recordings(m_data->database());
    QVERIFY(!recordings.find(sid("RE", 3)));
    QVERIFY(!recordings.find(sid("RE", 5)));
    QVERIFY(recordings.find(sid("RE", 1002)));
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"recordings/old-3.mp3"_s)));
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"recordings/old-4.mp3"_s)));
    QVERIFY(QFileInfo::exists(m_dir->filePath(u"recordings/new-1002.mp3"_s)));
    QVERIFY(QFileInfo::exists(m_dir->filePath(u"notes.txt"_s)));
}

void TestCallLogRetention::nothingGoesWhenCallsAreKeptForEver()
{
    addCalls(0, 20, 4000);
    CallLogRetention retention(m_dir->path(), [] { return 0; });
    QSignalSpy pruned(&retention, &CallLogRetention::pruned);
    // The first look is due as soon as the event loop runs.
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QVERIFY(!retention.isPruning());
    QCOMPARE(pruned.size(), 0);
    QCOMPARE(CallStore(m_data->database()).sessionCount(), 20);
}

QTEST_GUILESS_MAIN(TestCallLogRetention)
#include "tst_calllogretention.moc"
