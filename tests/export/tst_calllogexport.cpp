// Tests CallLogExport: the CSV of the call log, page by page, newest first, fields quoted as RFC 4180 says;
// the same file from its own thread as from the caller's; and a cancelled export leaving the file alone.
#include "datadir/datadirectory.h"
#include "export/calllogexport.h"
#include "storage/callstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "tempdatadir.h"

#include <QBuffer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCallLogExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void everyCallNewestFirstQuotedAsRfc4180();
    void theThreadWritesTheSameFile();
    void aCancelledExportLeavesTheFileAlone();

private:
    QByteArray readFile(const QString &path) const;

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<DataDirectory> m_data;
    static constexpr int Calls = 2 * CallLogExport::PageSize + 500;
};

void TestCallLogExport::init()
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    m_dir = std::make_unique<TempDataDir>();
    m_data = std::make_unique<DataDirectory>(m_dir->path());
    QString error;
    QVERIFY2(m_data->open(&error), qPrintable(error));
    Customer customer;
    customer.externalId = u"C1"_s;
    customer.name = u"Lee, \"Ada\""_s;
    customer.phoneRaw = customer.phoneE164 = u"+15551230000"_s;
    const Result<qint64> id = CustomerStore(m_data->database()).insert(customer);
    QVERIFY(id.ok());
    const QDateTime first(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
    QList<CallSessionRecord> sessions;
    for (int n = 0; n < Calls; ++n) {
        CallSessionRecord s;
        s.callSid = u"CA%1"_s.arg(n, 32, 16, QLatin1Char('0'));
        s.from = n == Calls - 1 ? customer.phoneE164 : u"+1555%1"_s.arg(2000000 + n);
        if (n == Calls - 1)
            s.customerId = *id;
        s.to = u"+15557654321"_s;
        s.startedAt = first.addSecs(60 * n);
        s.outcome = n % 2 ? CallOutcome::Answered : CallOutcome::Missed;
        s.durationSeconds = n % 2 ? std::optional<int>(30 + n % 60) : std::nullopt;
        sessions.append(s);
    }
    const bool written = m_data->database().transaction(
        [&] { return CallStore(m_data->database()).createSessions(sessions, &error); }, &error);
    QVERIFY2(written, qPrintable(error));
}

QByteArray TestCallLogExport::readFile(const QString &path) const
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestCallLogExport::everyCallNewestFirstQuotedAsRfc4180()
{
    QBuffer out;
    QVERIFY(out.open(QIODevice::WriteOnly));
    QList<qint64> seen;
    QString error;
    QVERIFY2(CallLogExport::write(m_data->database(), {}, out, &error, [&](qint64 count) {
        seen.append(count);
        return true;
    }),
        qPrintable(error));
    const QList<QByteArray> lines = out.data().split('\n');
    QCOMPARE(lines.size(), Calls + 2); // the header, the calls, and the empty rest after the last line break
    QCOMPARE(lines.first(), "call_sid,started_at,from,customer_name,to,outcome,duration_s,booking_id\r");
    // The newest: the customer's, whose name holds a comma and quotes.
    QCOMPARE(lines.at(1),
        "CA%1,2026-11-04T02:39:00Z,+15551230000,\"Lee, \"\"Ada\"\"\",+15557654321,answered,69,\r"_ba.replace(
            "%1", QByteArray::number(Calls - 1, 16).rightJustified(32, '0')));
    QVERIFY(lines.at(Calls).startsWith(QByteArray("CA" + QByteArray(32, '0') + ",2026-11-02T09:00:00Z,")));
    // Told after each page of a thousand.
    QCOMPARE(seen, (QList<qint64> { 1000, 2000, Calls }));

    // A filter applies as in the list.
    QBuffer answered;
    QVERIFY(answered.open(QIODevice::WriteOnly));
    CallListFilter filter;
    filter.outcome = CallOutcome::Answered;
    QVERIFY(CallLogExport::write(m_data->database(), filter, answered, &error));
    QCOMPARE(answered.data().count('\n'), Calls / 2 + 1);
}

void TestCallLogExport::theThreadWritesTheSameFile()
{
    const QString here = m_dir->filePath(u"here.csv"_s);
    const QString there = m_dir->filePath(u"there.csv"_s);
    QString error;
    QVERIFY2(CallLogExport::writeFile(m_data->database(), {}, here, &error), qPrintable(error));
    CallLogExport job(m_data->database().filePath(), {}, there);
    QSignalSpy progressed(&job, &CallLogExport::progressed);
    QSignalSpy finished(&job, &CallLogExport::finished);
    job.start();
    QVERIFY(job.isRunning());
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toLongLong(), Calls);
    QCOMPARE(finished.first().at(1).toBool(), false);
    QCOMPARE(finished.first().at(2).toString(), QString());
    QCOMPARE(progressed.size(), 3);
    QVERIFY(!job.isRunning());
    QCOMPARE(readFile(there), readFile(here));
}

void TestCallLogExport::aCancelledExportLeavesTheFileAlone()
{
    const QString path = m_dir->writeFile(u"calls.csv"_s, "an earlier export\n");
    CallLogExport job(m_data->database().filePath(), {}, path);
    QSignalSpy finished(&job, &CallLogExport::finished);
    // Cancelled before it starts: it stops after its first page.
    job.cancel();
    job.start();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(1).toBool(), true);
    QCOMPARE(finished.first().at(2).toString(), QString());
    QCOMPARE(readFile(path), "an earlier export\n"_ba);

    // A folder that is not there: the reason, naming the file.
    CallLogExport nowhere(m_data->database().filePath(), {}, m_dir->filePath(u"missing/calls.csv"_s));
    QSignalSpy failed(&nowhere, &CallLogExport::finished);
    nowhere.start();
    QVERIFY(failed.wait(20000));
    QVERIFY2(failed.first().at(2).toString().startsWith(u"Cannot write "_s), qPrintable(failed.first().at(2).toString()));
}

QTEST_GUILESS_MAIN(TestCallLogExport)
#include "tst_calllogexport.moc"
