// Upgrades: a database made by every earlier schema version (built by the migration steps of its day,
// holding what that version could store) opens in this version with nothing lost, after a copy of it
// as it was has been put in the backups/ folder.
#include "storage/bookingstore.h"
#include "storage/callstatsstore.h"
#include "storage/callstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"
#include "storage/databasebackup.h"
#include "storage/recordingstore.h"
#include "tempdatadir.h"

#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

class tst_Migrations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyEarlierVersionUpgradesKeepingEverything_data();
    void everyEarlierVersionUpgradesKeepingEverything();
    void aNewDatabaseNeedsNoBackup();
    void noUpgradeWithoutABackup();
    void anAnsweredCallBackReachesTheCustomer();
};

namespace {

const QDateTime T(QDate(2026, 3, 2), QTime(14, 0), Qt::UTC);
const QString MissedCall = u"CA"_s + u"1"_s.repeated(32);
const QString AnsweredCall = u"CA"_s + u"2"_s.repeated(32);
const QString Recording = u"RE"_s + u"3"_s.repeated(32);

qint64 at(qint64 secondsAfterT)
{
    return T.addSecs(secondsAfterT).toMSecsSinceEpoch();
}

bool run(Database &db, const QStringList &steps)
{
    QSqlQuery query(db.connection());
    for (const QString &sql : steps) {
        if (!query.exec(sql)) {
            qWarning() << sql << query.lastError().text();
            return false;
        }
    }
    return true;
}

QVariant valueOf(Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

// What a Switchboard of schema `version` stored, written in that version's columns.
bool writeWhatVersionHeld(Database &db, int version)
{
    QStringList steps = {
        u"INSERT INTO settings(key, value, secret) VALUES('routing.fallback_number', '+15550009999', 0)"_s,
        u"INSERT INTO customers(id, external_id, name, phone_raw, phone_e164, email, notes) VALUES(1, 'C1', "
        u"'Ada Lovelace', '(555) 123-4567', '+15551234567', 'ada@example.com', 'Prefers mornings')"_s,
        u"INSERT INTO bookings(id, external_id, customer_id, starts_at, ends_at, status, service, staff) VALUES(1, "
        u"'B1', 1, %1, %2, 'confirmed', 'Cleaning', 'Dr Grey')"_s.arg(at(86400)).arg(at(88200)),
        // Made in the app, before those had an id; and an imported one holding the id the next would get.
        u"INSERT INTO bookings(id, external_id, customer_id, starts_at, ends_at, status) "
        u"VALUES(2, NULL, 1, %1, %2, 'pending')"_s.arg(at(90000)).arg(at(91800)),
        u"INSERT INTO bookings(id, external_id, customer_id, starts_at, ends_at, status) "
        u"VALUES(3, 'app-4', 1, %1, %2, 'pending')"_s.arg(at(90000)).arg(at(91800)),
        u"INSERT INTO bookings(id, external_id, customer_id, starts_at, ends_at, status) "
        u"VALUES(4, NULL, 1, %1, %2, 'pending')"_s.arg(at(90000)).arg(at(91800)),
    };
    // A missed call, then the same caller's call that someone took: the missed one is reached later.
    for (const auto &[sid, start, outcome, route] : { std::tuple { MissedCall, 0, u"missed"_s, u"fallback"_s },
             std::tuple { AnsweredCall, 300, u"answered"_s, u"staff"_s } }) {
        steps.append(u"INSERT INTO call_sessions(call_sid, \"from\", \"to\", started_at, ended_at, duration_s, "
                     u"outcome, customer_id, booking_id, route, stage, fallback_dialed, last_status) VALUES('%1', "
                     u"'+15551234567', '+15557654321', %2, %3, 60, '%4', 1, 1, '%5', 'ended', 1, 'completed')"_s
                         .arg(sid)
                         .arg(at(start))
                         .arg(at(start + 60))
                         .arg(outcome, route));
        for (int e = 0; e < 2; ++e)
            steps.append(u"INSERT INTO call_events(call_sid, at, step, action, result, detail) VALUES('%1', %2, "
                         u"'%4', 'webhook_received', 'processed', 'detail %3')"_s.arg(sid)
                             .arg(at(start + e))
                             .arg(e)
                             .arg(e == 0 ? u"CallReceived"_s : u"StatusChanged"_s));
    }
    if (version >= 3)
        steps.append(u"INSERT INTO routing_plan(id, document, imported_at) VALUES(1, '{\"staff\": []}', %1)"_s.arg(at(0)));
    if (version >= 4) {
        steps.append(u"UPDATE customers SET assigned_staff = 'grey'"_s);
        steps.append(u"UPDATE call_sessions SET answered_by = 'grey', state = '{\"tier\": 1}' WHERE call_sid = '%1'"_s
                         .arg(AnsweredCall));
        steps.append(u"INSERT INTO recordings(call_sid, recording_sid, url, duration_s, file, transcription, "
                     u"created_at) VALUES('%1', '%2', 'https://api.twilio.com/rec/%2', 12, 'recordings/%2.mp3', "
                     u"'Please call me back', %3)"_s.arg(MissedCall, Recording)
                         .arg(at(70)));
    }
    if (version >= 6)
        steps.append(u"UPDATE call_log_journal SET applied_seq = 42"_s);
    // Schema 8 names the bookings made in the app (BookingStore::appBookingId).
    if (version >= 8) {
        steps.append(u"UPDATE bookings SET external_id = 'app-2' WHERE id = 2"_s);
        steps.append(u"UPDATE bookings SET external_id = 'app-4-0a1b2c3d' WHERE id = 4"_s);
    }
    // Schema 7 writes each event with its call's start.
    if (version >= 7)
        steps.append(u"UPDATE call_events SET call_started_at = "
                     u"(SELECT s.started_at FROM call_sessions s WHERE s.call_sid = call_events.call_sid)"_s);
    return run(db, steps);
}

QStringList upgradeBackupsIn(const QString &dataDir)
{
    return QDir(QDir(dataDir).filePath(u"backups"_s)).entryList({ u"before-upgrade-*.db"_s }, QDir::Files);
}

} // namespace

void tst_Migrations::everyEarlierVersionUpgradesKeepingEverything_data()
{
    QTest::addColumn<int>("version");
    for (int version = 1; version < Database::SchemaVersion; ++version)
        QTest::addRow("from version %d", version) << version;
}

void tst_Migrations::everyEarlierVersionUpgradesKeepingEverything()
{
    QFETCH(int, version);
    TempDataDir dir;
    const QString path = Database::fileNameIn(dir.path());
    QString error;
    {
        Database old(path);
        QVERIFY2(old.openAtSchemaVersion(version, &error), qPrintable(error));
        QCOMPARE(old.schemaVersion(), version);
        QVERIFY(writeWhatVersionHeld(old, version));
    }

    Database db(path);
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), Database::SchemaVersion);

    // The copy taken first: that version's file as it was, whole.
    const QStringList backups = upgradeBackupsIn(dir.path());
    QCOMPARE(backups.size(), 1);
    QVERIFY2(backups.first().startsWith(u"before-upgrade-from-schema-%1-"_s.arg(version)), qPrintable(backups.first()));
    const QString backup = QDir(dir.filePath(u"backups"_s)).filePath(backups.first());
    QCOMPARE(DatabaseBackup::problemWith(backup), QString());
    {
        Database copy(backup);
        QVERIFY2(copy.openAtSchemaVersion(version, &error), qPrintable(error));
        QCOMPARE(copy.schemaVersion(), version);
        QCOMPARE(CallStore(copy).sessionCount(), 2);
    }

    // Everything that version held.
    QCOMPARE(valueOf(db, u"SELECT value FROM settings WHERE key = 'routing.fallback_number'"_s).toString(),
        u"+15550009999"_s);
    const std::optional<Customer> ada = CustomerStore(db).findByExternalId(u"C1"_s);
    QVERIFY(ada);
    QCOMPARE(ada->name, u"Ada Lovelace"_s);
    QCOMPARE(ada->phoneRaw, u"(555) 123-4567"_s);
    QCOMPARE(ada->phoneE164, u"+15551234567"_s);
    QCOMPARE(ada->email, u"ada@example.com"_s);
    QCOMPARE(ada->notes, u"Prefers mornings"_s);
    QCOMPARE(ada->assignedStaff, version >= 4 ? u"grey"_s : QString());
    QCOMPARE(CustomerStore(db).findByPhone(u"+15551234567"_s).size(), 1);

    const std::optional<Booking> booking = BookingStore(db).findByExternalId(u"B1"_s);
    QVERIFY(booking);
    QCOMPARE(booking->customerId, ada->id);
    QCOMPARE(booking->startsAt, T.addSecs(86400));
    QCOMPARE(booking->endsAt, T.addSecs(88200));
    QCOMPARE(booking->status, BookingStatus::Confirmed);
    QCOMPARE(booking->service, u"Cleaning"_s);
    QCOMPARE(booking->staff, u"Dr Grey"_s);
    // Bookings made in the app are named like imported ones (schema 8), never taking an imported id.
    QCOMPARE(BookingStore(db).findById(2)->externalId, u"app-2"_s);
    QCOMPARE(BookingStore(db).findById(3)->externalId, u"app-4"_s);
    QVERIFY2(BookingStore(db).findById(4)->externalId.startsWith(u"app-4-"_s),
        qPrintable(BookingStore(db).findById(4)->externalId));

    CallStore calls(db);
    QCOMPARE(calls.sessionCount(), 2);
    QCOMPARE(calls.eventCount(), 4);
    const std::optional<CallSessionRecord> missed = calls.findSession(MissedCall);
    QVERIFY(missed);
    QCOMPARE(missed->startedAt, T);
    QCOMPARE(missed->endedAt, T.addSecs(60));
    QCOMPARE(missed->durationSeconds, 60);
    QCOMPARE(missed->outcome, CallOutcome::Missed);
    QCOMPARE(missed->customerId, ada->id);
    QCOMPARE(missed->bookingId, booking->id);
    QCOMPARE(missed->route, u"fallback"_s);
    // Every call stored before call-backs came in (schema 9).
    QCOMPARE(missed->direction, CallDirection::Incoming);
    // Each call's timeline is found by its call (schema 7 keys it by the call's start).
    const QList<CallEventRecord> timeline = calls.events(MissedCall);
    QCOMPARE(timeline.size(), 2);
    QCOMPARE(timeline.at(1).step, Step::StatusChanged);
    QCOMPARE(timeline.at(1).at, T.addSecs(1));
    QCOMPARE(calls.events(AnsweredCall).size(), 2);
    const std::optional<CallSessionRecord> answered = calls.findSession(AnsweredCall);
    QVERIFY(answered);
    QCOMPARE(answered->answeredBy, version >= 4 ? u"grey"_s : QString());
    // The call-back list's mark (schema 5) is worked out for the calls already there.
    QCOMPARE(valueOf(db, u"SELECT reached_later FROM call_sessions WHERE call_sid = '%1'"_s.arg(MissedCall)).toInt(), 1);

    QCOMPARE(valueOf(db, u"SELECT count(*) FROM routing_plan"_s).toInt(), version >= 3 ? 1 : 0);
    if (version >= 3)
        QCOMPARE(valueOf(db, u"SELECT document FROM routing_plan"_s).toString(), u"{\"staff\": []}"_s);
    const std::optional<RecordingRecord> recording = RecordingStore(db).find(Recording);
    QCOMPARE(recording.has_value(), version >= 4);
    if (recording) {
        QCOMPARE(recording->callSid, MissedCall);
        QCOMPARE(recording->file, u"recordings/%1.mp3"_s.arg(Recording));
        QCOMPARE(recording->transcription, u"Please call me back"_s);
        QCOMPARE(recording->durationSeconds, 12);
    }
    QCOMPARE(calls.journalApplied(), version >= 6 ? 42u : 0u);

    // Opened again, it is current: no second copy.
    {
        Database again(path);
        QVERIFY2(again.open(&error), qPrintable(error));
    }
    QCOMPARE(upgradeBackupsIn(dir.path()).size(), 1);
}

void tst_Migrations::aNewDatabaseNeedsNoBackup()
{
    TempDataDir dir;
    Database db(Database::fileNameIn(dir.path()));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), Database::SchemaVersion);
    QVERIFY(!QFileInfo::exists(dir.filePath(u"backups"_s)));
}

void tst_Migrations::noUpgradeWithoutABackup()
{
    TempDataDir dir;
    const QString path = Database::fileNameIn(dir.path());
    QString error;
    {
        Database old(path);
        QVERIFY2(old.openAtSchemaVersion(5, &error), qPrintable(error));
        QVERIFY(writeWhatVersionHeld(old, 5));
    }
    // No room for the copy: a file stands where the backups folder would be.
    dir.writeFile(u"backups"_s, "not a folder");

    {
        Database db(path);
        QVERIFY(!db.open(&error));
        QVERIFY2(error.contains(u"Cannot back up the database"_s), qPrintable(error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
    }
    Database old(path);
    QVERIFY2(old.openAtSchemaVersion(5, &error), qPrintable(error));
    QCOMPARE(old.schemaVersion(), 5);
    QCOMPARE(CallStore(old).sessionCount(), 2);
}

// Schema 9's triggers: an answered call-back to a customer reaches them as a call of theirs that someone took
// would; an outgoing call is never itself waiting for a call-back, nor one of the incoming statistics.
void tst_Migrations::anAnsweredCallBackReachesTheCustomer()
{
    TempDataDir dir;
    const QString path = Database::fileNameIn(dir.path());
    QString error;
    {
        Database old(path);
        QVERIFY2(old.openAtSchemaVersion(8, &error), qPrintable(error));
        QVERIFY(writeWhatVersionHeld(old, 8));
    }
    Database db(path);
    QVERIFY2(db.open(&error), qPrintable(error));
    CallStore calls(db);
    const QString jane = u"+15551234567"_s;
    const QString business = u"+15557654321"_s;
    const auto session = [&](const QString &sid, qint64 start, CallOutcome outcome, CallDirection direction) {
        CallSessionRecord s;
        s.callSid = sid;
        s.direction = direction;
        s.from = direction == CallDirection::Outgoing ? business : jane;
        s.to = direction == CallDirection::Outgoing ? jane : business;
        s.startedAt = T.addSecs(start);
        s.endedAt = T.addSecs(start + 30);
        s.durationSeconds = 30;
        s.outcome = outcome;
        return s;
    };
    const auto reached = [&](const QString &sid) {
        return valueOf(db, u"SELECT reached_later FROM call_sessions WHERE call_sid = '%1'"_s.arg(sid)).toInt();
    };
    const QString missed = u"CA"_s + u"a"_s.repeated(32);
    const QString callBack = u"CA"_s + u"b"_s.repeated(32);
    const QString missedWhileCalling = u"CA"_s + u"c"_s.repeated(32);
    const QString missedAfter = u"CA"_s + u"d"_s.repeated(32);

    QVERIFY(calls.createSession(session(missed, 1000, CallOutcome::Missed, CallDirection::Incoming), &error));
    QCOMPARE(reached(missed), 0);
    // The call-back rings out: Jane still waits, and the call-back does not wait for one itself.
    CallSessionRecord outgoing = session(callBack, 1300, CallOutcome::Missed, CallDirection::Outgoing);
    QVERIFY(calls.createSession(outgoing, &error));
    QCOMPARE(calls.findSession(callBack)->direction, CallDirection::Outgoing);
    QCOMPARE(reached(missed), 0);
    const QDateTime since = T.addSecs(900);
    const QDateTime until = T.addSecs(3000);
    CallStats stats = CallStatsStore(db).compute({ since, until, {}, QTimeZone::utc() }).value();
    QCOMPARE(stats.callBack.size(), 1);
    QCOMPARE(stats.callBack.at(0).from, jane);
    QCOMPARE(stats.total, 1);
    QCOMPARE(stats.byOutcome.value(CallOutcome::Missed), 1);

    // Jane answers the call-back (its outcome settled later): reached.
    CallSessionRecord answered = outgoing;
    answered.outcome = CallOutcome::Answered;
    QVERIFY(calls.updateSession(answered, &error, &outgoing));
    QCOMPARE(reached(missed), 1);
    // A call of hers that ends missed only now but started before the call-back: reached too; one after it: not.
    QVERIFY(calls.createSession(session(missedWhileCalling, 1200, CallOutcome::Missed, CallDirection::Incoming), &error));
    QCOMPARE(reached(missedWhileCalling), 1);
    QVERIFY(calls.createSession(session(missedAfter, 2000, CallOutcome::Missed, CallDirection::Incoming), &error));
    QCOMPARE(reached(missedAfter), 0);
    stats = CallStatsStore(db).compute({ since, until, {}, QTimeZone::utc() }).value();
    QCOMPARE(stats.callBack.size(), 1);
    QCOMPARE(stats.callBack.at(0).missed, 1);
    // The call-back is no call to the business: three missed incoming calls, nothing answered.
    QCOMPARE(stats.total, 3);
    QCOMPARE(stats.byOutcome.value(CallOutcome::Answered), 0);
    QCOMPARE(stats.weekHours[T.date().dayOfWeek() - 1][T.time().hour()], 3);

    // The call-back deleted (retention): her earlier calls wait again.
    QVERIFY(calls.removeCall({ callBack, T.addSecs(1300).toMSecsSinceEpoch() }, &error));
    QCOMPARE(reached(missed), 0);
    QCOMPARE(reached(missedWhileCalling), 0);
}

QTEST_GUILESS_MAIN(tst_Migrations)
#include "tst_migrations.moc"
