// Benchmark behind the call path's choice of one SQLite connection for the router's reads and the call
// log's commits: a webhook's caller lookup after each commit, when the same connection committed and
// when another one did. SQLite drops a connection's page cache (and unmaps its memory map) whenever
// another connection has committed, so the lookup then reads its pages again.
#include "importer/bookingimporter.h"
#include "importer/customerimporter.h"
#include "storage/bookinglookup.h"
#include "storage/callstore.h"
#include "storage/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

QString phone(int i)
{
    return u"+1555"_s + QString::number(2000000 + i);
}

bool seed(Database &db, const QString &dir, int customers, QTextStream &out)
{
    QFile customerFile(dir + u"/customers.csv"_s);
    QFile bookingFile(dir + u"/bookings.csv"_s);
    if (!customerFile.open(QIODevice::WriteOnly) || !bookingFile.open(QIODevice::WriteOnly))
        return false;
    customerFile.write("customer_id,name,phone,email,notes\n");
    bookingFile.write("booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff\n");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < customers; ++i) {
        customerFile.write(u"C%1,Customer %1,%2,,\n"_s.arg(i).arg(phone(i)).toUtf8());
        // One past booking each, and an upcoming one for every other customer.
        bookingFile.write(u"P%1,C%1,,,%2,,completed,Cleaning,\n"_s.arg(i).arg(
                                                                         now.addDays(-30).toString(Qt::ISODate))
                              .toUtf8());
        if (i % 2 == 0)
            bookingFile.write(u"U%1,C%1,,,%2,,confirmed,Cleaning,\n"_s.arg(i).arg(
                                                                             now.addDays(3).toString(Qt::ISODate))
                                  .toUtf8());
    }
    customerFile.close();
    bookingFile.close();
    const bool done = CustomerImporter(db).importFile(customerFile.fileName(), false).committed
        && BookingImporter(db).importFile(bookingFile.fileName(), false).committed;
    if (!done)
        out << "seeding failed" << Qt::endl;
    return done;
}

struct Figures
{
    double commitUs = 0;
    double lookupUs = 0;
    int found = 0;
};

// Each round: one call's session and two events committed through `writer`, then one caller looked up
// through `reader`, as the router does for the next webhook.
Figures run(Database &writer, Database &reader, int customers, int rounds, int *sequence)
{
    CallStore calls(writer);
    BookingLookup lookup(reader);
    QElapsedTimer clock;
    qint64 commitNs = 0;
    qint64 lookupNs = 0;
    int found = 0;
    for (int round = 0; round < rounds; ++round) {
        const int n = ++*sequence;
        CallSessionRecord session;
        session.callSid = u"CA%1"_s.arg(n * 7919 % 100000007, 32, 16, QLatin1Char('0'));
        session.from = phone(n * 31 % customers);
        session.to = u"+15557654321"_s;
        session.startedAt = QDateTime::currentDateTimeUtc();
        QString error;
        clock.start();
        writer.transaction(
            [&] {
                return calls.createSession(session, &error)
                    && calls.appendEvent({ session.callSid, session.startedAt, Step::CallReceived,
                                             EventAction::WebhookReceived, EventResult::Processed, u"Incoming call."_s },
                        &error)
                    && calls.appendEvent({ session.callSid, session.startedAt, Step::BookingLookup, EventAction::Internal,
                                             EventResult::Processed, u"A customer."_s },
                        &error);
            },
            &error);
        commitNs += clock.nsecsElapsed();
        clock.start();
        found += lookup.findCaller(phone(n * 17 % customers), QDateTime::currentDateTimeUtc()).has_value();
        lookupNs += clock.nsecsElapsed();
    }
    return { commitNs / 1e3 / rounds, lookupNs / 1e3 / rounds, found };
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ u"customers"_s, u"Customers to seed (1.5 bookings each)."_s, u"N"_s, u"100000"_s });
    parser.addOption({ u"rounds"_s, u"Commits and lookups per row."_s, u"N"_s, u"20000"_s });
    parser.process(app);
    const int customers = parser.value(u"customers"_s).toInt();
    const int rounds = parser.value(u"rounds"_s).toInt();
    QTextStream out(stdout);

    QTemporaryDir dir;
    const QString path = Database::fileNameIn(dir.path());
    Database router(path);
    Database other(path);
    Database unmapped(path);
    QString error;
    if (!router.open(&error) || !other.open(&error) || !unmapped.open(&error)) {
        out << error << Qt::endl;
        return 1;
    }
    QSqlQuery(unmapped.connection()).exec(u"PRAGMA mmap_size=0"_s);
    if (!seed(router, dir.path(), customers, out))
        return 1;

    int sequence = 0;
    run(router, router, customers, rounds / 10, &sequence); // warm the caches and the WAL
    struct Row
    {
        QString name;
        Database &writer;
        Database &reader;
    };
    const Row rows[] = {
        { u"same connection commits and reads"_s, router, router },
        { u"another connection commits"_s, other, router },
        { u"another commits, reader without mmap"_s, other, unmapped },
    };
    out << u"%1 %2 %3 %4"_s.arg(u"row"_s, -40).arg(u"commit us"_s, 10).arg(u"lookup us"_s, 10).arg(u"found"_s, 8)
        << Qt::endl;
    for (const Row &row : rows) {
        const Figures figures = run(row.writer, row.reader, customers, rounds, &sequence);
        out << u"%1 %2 %3 %4"_s.arg(row.name, -40)
                   .arg(figures.commitUs, 10, 'f', 1)
                   .arg(figures.lookupUs, 10, 'f', 1)
                   .arg(figures.found, 8)
            << Qt::endl;
    }
    return 0;
}
