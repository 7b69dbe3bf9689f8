// Tests of RecordingStore: one row per recording sid, repeated callbacks only fill in, files and texts follow.
#include "storage/database.h"
#include "storage/recordingstore.h"
#include "tempdatadir.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_RecordingStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void savesAndFinds();
    void savesWithoutOptionalFields();
    void unknownRecordingIsNotFound();
    void repeatedSave_data();
    void repeatedSave();
    void repeatKeepsCallAndCreationTime();
    void savesWithoutTimeAtTheTimeOfSaving();
    void saveNeedsTheSids_data();
    void saveNeedsTheSids();
    void setsFileAndTranscription();
    void settingOnAnUnsavedRecordingFails_data();
    void settingOnAnUnsavedRecordingFails();
    void transcriptionBeforeRecordingIsSavedWithIt();
    void forCallListsOldestFirst();

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
};

namespace {

const QDateTime s_created(QDate(2026, 3, 1), QTime(9, 30), Qt::UTC);
const QUrl s_url(u"https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"_s);
const QUrl s_otherUrl(u"https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1.mp3?Download=true"_s);

RecordingRecord recording(const QString &recordingSid, const QString &callSid = u"CA1"_s,
                          const QDateTime &createdAt = s_created)
{
    RecordingRecord r;
    r.callSid = callSid;
    r.recordingSid = recordingSid;
    r.url = s_url;
    r.durationSeconds = 30;
    r.createdAt = createdAt;
    return r;
}

} // namespace

void tst_RecordingStore::init()
{
    m_dir = std::make_unique<TempDataDir>();
    m_db = std::make_unique<Database>(Database::fileNameIn(m_dir->path()));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
}

void tst_RecordingStore::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void tst_RecordingStore::savesAndFinds()
{
    RecordingStore store(*m_db);
    RecordingRecord saved = recording(u"RE1"_s);
    saved.url = s_otherUrl;
    saved.file = u"recordings/RE1.mp3"_s;
    saved.transcription = u"Hello, I would like to move my appointment."_s;
    QString error;
    QVERIFY2(store.save(saved, &error), qPrintable(error));

    const std::optional<RecordingRecord> found = store.find(u"RE1"_s);
    QVERIFY(found);
    QCOMPARE(found->callSid, u"CA1"_s);
    QCOMPARE(found->recordingSid, u"RE1"_s);
    QCOMPARE(found->url, s_otherUrl);
    QCOMPARE(found->durationSeconds, std::optional<int>(30));
    QCOMPARE(found->file, u"recordings/RE1.mp3"_s);
    QCOMPARE(found->transcription, u"Hello, I would like to move my appointment."_s);
    QCOMPARE(found->createdAt, s_created);
    QCOMPARE(found->createdAt.timeSpec(), Qt::UTC);
}

void tst_RecordingStore::savesWithoutOptionalFields()
{
    RecordingStore store(*m_db);
    RecordingRecord saved = recording(u"RE1"_s);
    saved.durationSeconds.reset();
    QString error;
    QVERIFY2(store.save(saved, &error), qPrintable(error));

    const std::optional<RecordingRecord> found = store.find(u"RE1"_s);
    QVERIFY(found);
    QVERIFY(!found->durationSeconds);
    QVERIFY(found->file.isEmpty());
    QVERIFY(found->transcription.isEmpty());
}

void tst_RecordingStore::unknownRecordingIsNotFound()
{
    RecordingStore store(*m_db);
    QVERIFY(!store.find(u"RE404"_s));
    QVERIFY(store.forCall(u"CA404"_s).isEmpty());
}

void tst_RecordingStore::repeatedSave_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<int>("duration"); // -1: none
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("transcription");
    QTest::addColumn<QUrl>("expectedUrl");
    QTest::addColumn<int>("expectedDuration");
    QTest::addColumn<QString>("expectedFile");
    QTest::addColumn<QString>("expectedTranscription");

    const QString file = u"recordings/RE1.mp3"_s;
    const QString text = u"Hello"_s;
    QTest::newRow("identical repeat") << s_url << 30 << file << text << s_url << 30 << file << text;
    QTest::newRow("repeat without file or transcription keeps them")
        << s_url << 30 << QString() << QString() << s_url << 30 << file << text;
    QTest::newRow("repeat without duration keeps it")
        << s_url << -1 << file << text << s_url << 30 << file << text;
    QTest::newRow("repeat without url keeps it") << QUrl() << 30 << file << text << s_url << 30 << file << text;
    QTest::newRow("new url and duration replace them")
        << s_otherUrl << 42 << QString() << QString() << s_otherUrl << 42 << file << text;
    QTest::newRow("new file and transcription replace them")
        << s_url << 30 << u"recordings/RE1-2.mp3"_s << u"Goodbye"_s
        << s_url << 30 << u"recordings/RE1-2.mp3"_s << u"Goodbye"_s;
}

void tst_RecordingStore::repeatedSave()
{
    QFETCH(QUrl, url);
    QFETCH(int, duration);
    QFETCH(QString, file);
    QFETCH(QString, transcription);
    QFETCH(QUrl, expectedUrl);
    QFETCH(int, expectedDuration);
    QFETCH(QString, expectedFile);
    QFETCH(QString, expectedTranscription);

    RecordingStore store(*m_db);
    RecordingRecord first = recording(u"RE1"_s);
    first.file = u"recordings/RE1.mp3"_s;
    first.transcription = u"Hello"_s;
    QString error;
    QVERIFY2(store.save(first, &error), qPrintable(error));

    RecordingRecord repeat = recording(u"RE1"_s);
    repeat.url = url;
    repeat.durationSeconds = duration >= 0 ? std::optional<int>(duration) : std::nullopt;
    repeat.file = file;
    repeat.transcription = transcription;
    QVERIFY2(store.save(repeat, &error), qPrintable(error));

    const QList<RecordingRecord> all = store.forCall(u"CA1"_s);
    QCOMPARE(all.size(), 1);
    const RecordingRecord &found = all.first();
    QCOMPARE(found.url, expectedUrl);
    QCOMPARE(found.durationSeconds, std::optional<int>(expectedDuration));
    QCOMPARE(found.file, expectedFile);
    QCOMPARE(found.transcription, expectedTranscription);
}

void tst_RecordingStore::repeatKeepsCallAndCreationTime()
{
    RecordingStore store(*m_db);
    QString error;
    QVERIFY2(store.save(recording(u"RE1"_s, u"CA1"_s, s_created), &error), qPrintable(error));
    QVERIFY2(store.save(recording(u"RE1"_s, u"CA2"_s, s_created.addSecs(60)), &error), qPrintable(error));

    const std::optional<RecordingRecord> found = store.find(u"RE1"_s);
    QVERIFY(found);
    QCOMPARE(found->callSid, u"CA1"_s);
    QCOMPARE(found->createdAt, s_created);
    QVERIFY(store.forCall(u"CA2"_s).isEmpty());
}

void tst_RecordingStore::savesWithoutTimeAtTheTimeOfSaving()
{
    RecordingStore store(*m_db);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    QString error;
    QVERIFY2(store.save(recording(u"RE1"_s, u"CA1"_s, QDateTime()), &error), qPrintable(error));
    const std::optional<RecordingRecord> found = store.find(u"RE1"_s);
    QVERIFY(found);
    QVERIFY(found->createdAt >= before);
    QVERIFY(found->createdAt <= QDateTime::currentDateTimeUtc());
}

void tst_RecordingStore::saveNeedsTheSids_data()
{
    QTest::addColumn<QString>("callSid");
    QTest::addColumn<QString>("recordingSid");
    QTest::newRow("no call sid") << QString() << u"RE1"_s;
    QTest::newRow("no recording sid") << u"CA1"_s << QString();
}

void tst_RecordingStore::saveNeedsTheSids()
{
    QFETCH(QString, callSid);
    QFETCH(QString, recordingSid);
    RecordingStore store(*m_db);
    QString error;
    QVERIFY(!store.save(recording(recordingSid, callSid), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(store.forCall(callSid).isEmpty());
}

void tst_RecordingStore::setsFileAndTranscription()
{
    RecordingStore store(*m_db);
    QString error;
    QVERIFY2(store.save(recording(u"RE1"_s), &error), qPrintable(error));
    QVERIFY2(store.setFile(u"RE1"_s, u"recordings/RE1.mp3"_s, &error), qPrintable(error));
    QVERIFY2(store.setTranscription(u"RE1"_s, u"Hello"_s, &error), qPrintable(error));

    std::optional<RecordingRecord> found = store.find(u"RE1"_s);
    QVERIFY(found);
    QCOMPARE(found->file, u"recordings/RE1.mp3"_s);
    QCOMPARE(found->transcription, u"Hello"_s);
    QCOMPARE(found->url, s_url);
    QCOMPARE(found->durationSeconds, std::optional<int>(30));

    // A repeat of the recording callback, which knows neither, leaves them.
    QVERIFY2(store.save(recording(u"RE1"_s), &error), qPrintable(error));
    found = store.find(u"RE1"_s);
    QVERIFY(found);
    QCOMPARE(found->file, u"recordings/RE1.mp3"_s);
    QCOMPARE(found->transcription, u"Hello"_s);

    // Setting them empty clears them (a downloaded copy was removed, say).
    QVERIFY2(store.setFile(u"RE1"_s, QString(), &error), qPrintable(error));
    QVERIFY(store.find(u"RE1"_s)->file.isEmpty());
}

void tst_RecordingStore::settingOnAnUnsavedRecordingFails_data()
{
    QTest::addColumn<bool>("transcription");
    QTest::newRow("file") << false;
    QTest::newRow("transcription") << true;
}

void tst_RecordingStore::settingOnAnUnsavedRecordingFails()
{
    QFETCH(bool, transcription);
    RecordingStore store(*m_db);
    QString error;
    const bool set = transcription ? store.setTranscription(u"RE9"_s, u"Hello"_s, &error)
                                   : store.setFile(u"RE9"_s, u"recordings/RE9.mp3"_s, &error);
    QVERIFY(!set);
    QVERIFY2(error.contains(u"RE9"_s), qPrintable(error));
    QVERIFY2(error.contains(u"save the recording first"_s), qPrintable(error));
    QVERIFY(!store.find(u"RE9"_s));
}

void tst_RecordingStore::transcriptionBeforeRecordingIsSavedWithIt()
{
    // The transcription callback came first: the caller saves the recording from it, text included.
    RecordingStore store(*m_db);
    QString error;
    QVERIFY(!store.setTranscription(u"RE1"_s, u"Hello"_s, &error));
    RecordingRecord fromTranscriptionCallback = recording(u"RE1"_s);
    fromTranscriptionCallback.durationSeconds.reset();
    fromTranscriptionCallback.transcription = u"Hello"_s;
    QVERIFY2(store.save(fromTranscriptionCallback, &error), qPrintable(error));

    // Then the recording callback, without the text.
    QVERIFY2(store.save(recording(u"RE1"_s), &error), qPrintable(error));
    const std::optional<RecordingRecord> found = store.find(u"RE1"_s);
    QVERIFY(found);
    QCOMPARE(found->transcription, u"Hello"_s);
    QCOMPARE(found->durationSeconds, std::optional<int>(30));
}

void tst_RecordingStore::forCallListsOldestFirst()
{
    RecordingStore store(*m_db);
    QString error;
    QVERIFY2(store.save(recording(u"RE3"_s, u"CA1"_s, s_created.addSecs(120)), &error), qPrintable(error));
    QVERIFY2(store.save(recording(u"RE1"_s, u"CA1"_s, s_created), &error), qPrintable(error));
    QVERIFY2(store.save(recording(u"RE9"_s, u"CA2"_s, s_created.addSecs(60)), &error), qPrintable(error));
    QVERIFY2(store.save(recording(u"RE2"_s, u"CA1"_s, s_created.addSecs(60)), &error), qPrintable(error));
    // Same time as RE2, saved later.
    QVERIFY2(store.save(recording(u"RE4"_s, u"CA1"_s, s_created.addSecs(60)), &error), qPrintable(error));

    QStringList sids;
    for (const RecordingRecord &r : store.forCall(u"CA1"_s))
        sids.append(r.recordingSid);
    QCOMPARE(sids, (QStringList{u"RE1"_s, u"RE2"_s, u"RE4"_s, u"RE3"_s}));
    QCOMPARE(store.forCall(u"CA2"_s).size(), 1);
}

QTEST_GUILESS_MAIN(tst_RecordingStore)
#include "tst_recordingstore.moc"
