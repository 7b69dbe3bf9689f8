// Tests CallLogJournal: what goes in comes back whole, a record cut short by a crash is dropped
// with nothing after it lost, and a file that is not a journal is kept aside rather than overwritten.
#include "storage/calllogjournal.h"
#include "tempdatadir.h"

#include <QFile>
#include <QDataStream>
#include <QTest>

#include <zlib.h>

using namespace Qt::StringLiterals;

namespace {

CallLogChange change(int n)
{
    CallLogChange change;
    change.create = n % 2 == 0;
    CallSessionRecord &s = change.session;
    s.callSid = u"CA%1"_s.arg(n, 32, 10, QLatin1Char('0'));
    s.from = u"+1555123%1"_s.arg(n, 4, 10, QLatin1Char('0'));
    s.to = u"+15557654321"_s;
    s.startedAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + n, Qt::UTC);
    if (n % 3 == 0) {
        s.endedAt = s.startedAt.addSecs(40);
        s.durationSeconds = 40;
        s.outcome = CallOutcome::Answered;
        s.customerId = 7;
    }
    s.bookingId = n % 5 == 0 ? std::optional<qint64>(12) : std::nullopt;
    s.route = u"fallback"_s;
    s.stage = CallStage::Ringing;
    s.fallbackDialed = true;
    s.lastStatus = u"ringing"_s;
    s.answeredBy = u"alice"_s;
    s.state = uR"({"round":1})"_s;
    change.events.append({ s.callSid, s.startedAt, Step::CallReceived, EventAction::WebhookReceived, EventResult::Processed,
        u"Incoming call from Zoë — “quoted”."_s });
    change.events.append({ s.callSid, s.startedAt.addMSecs(3), Step::DialFallback, EventAction::CommandSent, EventResult::Processed,
        QString() });
    return change;
}

void verifySame(const JournalRecord &record, quint64 sequence, const CallLogChange &expected)
{
    QCOMPARE(record.sequence, sequence);
    const CallLogChange &got = record.change;
    QCOMPARE(got.create, expected.create);
    QCOMPARE(got.session.callSid, expected.session.callSid);
    QCOMPARE(got.session.from, expected.session.from);
    QCOMPARE(got.session.startedAt, expected.session.startedAt);
    QCOMPARE(got.session.endedAt, expected.session.endedAt);
    QCOMPARE(got.session.durationSeconds, expected.session.durationSeconds);
    QCOMPARE(got.session.outcome, expected.session.outcome);
    QCOMPARE(got.session.customerId, expected.session.customerId);
    QCOMPARE(got.session.bookingId, expected.session.bookingId);
    QCOMPARE(got.session.fallbackDialed, expected.session.fallbackDialed);
    QCOMPARE(got.session.answeredBy, expected.session.answeredBy);
    QCOMPARE(got.session.state, expected.session.state);
    QCOMPARE(got.session.direction, expected.session.direction);
    QCOMPARE(got.events.size(), expected.events.size());
    for (qsizetype i = 0; i < got.events.size(); ++i) {
        QCOMPARE(got.events[i].at, expected.events[i].at);
        QCOMPARE(got.events[i].step, expected.events[i].step);
        QCOMPARE(got.events[i].detail, expected.events[i].detail);
    }
}

} // namespace

class TestCallLogJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void whatGoesInComesBack();
    void aRecordCutShortIsDroppedAtEveryByte();
    void appendsGoOnAfterACutShortRecord();
    void clearKeepsTheFileUsable();
    void aForeignFileIsKeptAside();
    void theFileIsOwnerOnly();
    void aRecordWrittenBeforeDirectionsIsAnIncomingCall();
    void anOutgoingCallComesBackOutgoing();
};

void TestCallLogJournal::whatGoesInComesBack()
{
    TempDataDir dir;
    const QString path = dir.filePath(u"calllog.journal"_s);
    {
        CallLogJournal journal(path);
        QList<JournalRecord> records;
        QString error;
        QVERIFY2(journal.open(&records, &error), qPrintable(error));
        QVERIFY(records.isEmpty());
        for (int n = 1; n <= 10; ++n)
            QVERIFY2(journal.append(quint64(n), change(n), &error), qPrintable(error));
    }
    CallLogJournal journal(path);
    QList<JournalRecord> records;
    QString error;
    QVERIFY2(journal.open(&records, &error), qPrintable(error));
    QCOMPARE(records.size(), 10);
    for (int n = 1; n <= 10; ++n)
        verifySame(records[n - 1], quint64(n), change(n));
}

void TestCallLogJournal::aRecordCutShortIsDroppedAtEveryByte()
{
    QByteArray bytes = "SBJ1"_ba;
    QList<qsizetype> ends;
    for (int n = 1; n <= 3; ++n) {
        bytes += CallLogJournal::encode(quint64(n), change(n));
        ends.append(bytes.size());
    }
    for (qsizetype cut = 0; cut <= bytes.size(); ++cut) {
        qint64 valid = -1;
        const QList<JournalRecord> records = CallLogJournal::decode(bytes.first(cut), &valid);
        const qsizetype whole = std::count_if(ends.cbegin(), ends.cend(), [&](qsizetype end) { return end <= cut; });
        QCOMPARE(records.size(), whole);
        QCOMPARE(valid, cut < 4 ? 0 : (whole == 0 ? 4 : ends[whole - 1]));
    }
    // A flipped byte in the last record's body is found by its checksum.
    QByteArray damaged = bytes;
    damaged[damaged.size() - 5] = char(damaged[damaged.size() - 5] ^ 0x40);
    qint64 valid = 0;
    QCOMPARE(CallLogJournal::decode(damaged, &valid).size(), 2);
    QCOMPARE(valid, ends[1]);
}

void TestCallLogJournal::appendsGoOnAfterACutShortRecord()
{
    TempDataDir dir;
    const QString path = dir.filePath(u"calllog.journal"_s);
    QString error;
    {
        CallLogJournal journal(path);
        QList<JournalRecord> records;
        QVERIFY(journal.open(&records, &error));
        QVERIFY(journal.append(1, change(1), &error));
        QVERIFY(journal.append(2, change(2), &error));
    }
    // A crash in the middle of the second record's write.
    QFile file(path);
    QVERIFY(file.resize(file.size() - 7));
    {
        CallLogJournal journal(path);
        QList<JournalRecord> records;
        QVERIFY(journal.open(&records, &error));
        QCOMPARE(records.size(), 1);
        QVERIFY(journal.append(3, change(3), &error));
    }
    CallLogJournal journal(path);
    QList<JournalRecord> records;
    QVERIFY(journal.open(&records, &error));
    QCOMPARE(records.size(), 2);
    QCOMPARE(records[1].sequence, 3u);
}

void TestCallLogJournal::clearKeepsTheFileUsable()
{
    TempDataDir dir;
    const QString path = dir.filePath(u"calllog.journal"_s);
    QString error;
    CallLogJournal journal(path);
    QList<JournalRecord> records;
    QVERIFY(journal.open(&records, &error));
    QVERIFY(journal.append(1, change(1), &error));
    QVERIFY(journal.clear(&error));
    QCOMPARE(journal.size(), 4);
    QVERIFY(journal.append(2, change(2), &error));
    CallLogJournal again(path);
    QVERIFY(again.open(&records, &error));
    QCOMPARE(records.size(), 1);
    QCOMPARE(records[0].sequence, 2u);
}

void TestCallLogJournal::aForeignFileIsKeptAside()
{
    TempDataDir dir;
    const QString path = dir.writeFile(u"calllog.journal"_s, "not a journal at all");
    CallLogJournal journal(path);
    QList<JournalRecord> records;
    QString error;
    QVERIFY2(journal.open(&records, &error), qPrintable(error));
    QVERIFY(records.isEmpty());
    QFile aside(path + u".unreadable"_s);
    QVERIFY(aside.open(QIODevice::ReadOnly));
    QCOMPARE(aside.readAll(), "not a journal at all"_ba);
    QVERIFY(journal.append(1, change(1), &error));
}

void TestCallLogJournal::theFileIsOwnerOnly()
{
    TempDataDir dir;
    const QString path = dir.writeFile(u"calllog.journal"_s, QByteArray());
    QFile::setPermissions(path, QFile::permissions(path) | QFile::ReadOther | QFile::ReadGroup);
    CallLogJournal journal(path);
    QList<JournalRecord> records;
    QString error;
    QVERIFY(journal.open(&records, &error));
    QVERIFY(!(QFile::permissions(path) & (QFile::ReadOther | QFile::ReadGroup | QFile::WriteOther)));
}

// A journal left by a Switchboard before call-backs (records of version 1, without the direction) still replays.
void TestCallLogJournal::aRecordWrittenBeforeDirectionsIsAnIncomingCall()
{
    const CallLogChange old = change(3);
    QByteArray payload;
    {
        QDataStream out(&payload, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_4);
        const CallSessionRecord &s = old.session;
        out << quint8(1) << quint64(7) << old.create << s.callSid << s.from << s.to;
        out << s.startedAt.toMSecsSinceEpoch() << s.endedAt.toMSecsSinceEpoch();
        out << s.durationSeconds.has_value() << s.durationSeconds.value_or(0);
        out << CallLogNames::name(s.outcome);
        out << s.customerId.has_value() << s.customerId.value_or(0);
        out << s.bookingId.has_value() << s.bookingId.value_or(0);
        out << s.route << CallLogNames::name(s.stage) << s.agentCallId << s.fallbackDialed << s.lastStatus
            << s.answeredBy << s.state;
        out << quint32(old.events.size());
        for (const CallEventRecord &event : old.events) {
            out << event.callSid << event.at.toMSecsSinceEpoch() << CallLogNames::name(event.step)
                << CallLogNames::name(event.action) << CallLogNames::name(event.result) << event.detail;
        }
    }
    QByteArray bytes = "SBJ1"_ba;
    {
        QDataStream header(&bytes, QIODevice::Append);
        header << quint32(payload.size())
               << quint32(crc32(0L, reinterpret_cast<const Bytef *>(payload.constData()), uInt(payload.size())));
    }
    bytes += payload;
    qint64 valid = 0;
    const QList<JournalRecord> records = CallLogJournal::decode(bytes, &valid);
    QCOMPARE(records.size(), 1);
    QCOMPARE(valid, bytes.size());
    verifySame(records.at(0), 7, old);
    QCOMPARE(records.at(0).change.session.direction, CallDirection::Incoming);
}

void TestCallLogJournal::anOutgoingCallComesBackOutgoing()
{
    CallLogChange callBack = change(4);
    callBack.session.direction = CallDirection::Outgoing;
    const QByteArray bytes = "SBJ1"_ba + CallLogJournal::encode(9, callBack);
    qint64 valid = 0;
    const QList<JournalRecord> records = CallLogJournal::decode(bytes, &valid);
    QCOMPARE(records.size(), 1);
    verifySame(records.at(0), 9, callBack);
}

QTEST_GUILESS_MAIN(TestCallLogJournal)
#include "tst_calllogjournal.moc"
