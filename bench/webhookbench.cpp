// Benchmark of the webhook path: seeds 100k customers and 1M bookings, then fires signed Twilio
// webhooks over loopback at 1, 16 and 64 connections and prints throughput, latency and memory.
// The router runs on its own thread (as in the app); Retell is faked on loopback on a third.
#include "datadir/datadirectory.h"
#include "fakeretellserver.h"
#include "importer/bookingimporter.h"
#include "importer/customerimporter.h"
#include "loadclient.h"
#include "signedrequests.h"
#include "server/routerservice.h"
#include "settings/settings.h"
#include "storage/calllogwriter.h"
#include "storage/callstore.h"
#include "storage/walcheckpointer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cstdio>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const QByteArray AuthToken = "bench-auth-token-0123456789abcdef"_ba;

QString customerPhone(int i)
{
    return u"+1555"_s + QString::number(2000000 + i);
}

// Written the way front-desk staff type numbers, so the import normalises them.
QString writtenPhone(int i)
{
    const QString digits = QString::number(2000000 + i);
    return u"(555) "_s + digits.left(3) + u'-' + digits.mid(3);
}

qint64 peakRssKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Restarts the kernel's peak-RSS count, so the figure printed at the end is the router's under load
// rather than the seeding's (which holds the CSV importer's work in memory).
bool resetPeakRss()
{
    QFile clearRefs(u"/proc/self/clear_refs"_s);
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

// CPU seconds (user and system) of the router's side of this process: every thread but the load
// client (the main thread) and the fake Retell server. Read from the kernel's per-thread counts.
double serverCpuSeconds()
{
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    const QString mainThread = QString::number(getpid());
    double seconds = 0;
    for (const QString &tid : QDir(u"/proc/self/task"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (tid == mainThread)
            continue;
        QFile stat(u"/proc/self/task/%1/stat"_s.arg(tid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype nameStart = line.indexOf('(');
        const qsizetype nameEnd = line.lastIndexOf(')');
        if (nameStart < 0 || nameEnd < 0 || line.mid(nameStart + 1, nameEnd - nameStart - 1) == "Fake Retell")
            continue;
        // After the name: state is field 3, utime field 14 and stime field 15 of the whole line.
        const QList<QByteArray> fields = line.mid(nameEnd + 2).split(' ');
        if (fields.size() > 12)
            seconds += double(fields[11].toLongLong() + fields[12].toLongLong()) / double(ticksPerSecond);
    }
    return seconds;
}


} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ u"customers"_s, u"Customers to seed."_s, u"N"_s, u"100000"_s });
    parser.addOption({ u"bookings"_s, u"Bookings to seed."_s, u"N"_s, u"1000000"_s });
    parser.addOption({ u"requests"_s, u"Incoming-call webhooks per run."_s, u"N"_s, u"20000"_s });
    parser.addOption(
        { u"booked-share"_s, u"Share of calls from callers with an active booking."_s, u"F"_s, u"0.5"_s });
    parser.addOption({ u"only"_s,
        u"Run only these saturation rows, e.g. mixed/16,unbooked/1 (for a quick before/after comparison);"
        u" the paced rows and whole calls are left out."_s,
        u"ROWS"_s });
    parser.addOption({ u"repeat"_s, u"Run each saturation row this many times."_s, u"N"_s, u"1"_s });
    parser.process(app);
    const QStringList onlyRows = parser.value(u"only"_s).split(u',', Qt::SkipEmptyParts);
    for (const QString &row : onlyRows) {
        static const QRegularExpression known(u"^(unbooked|booked|mixed)/(1|16|64)$"_s);
        if (!known.match(row).hasMatch()) {
            std::fprintf(stderr, "--only: no row %s; rows are CALLERS/CONNECTIONS with CALLERS unbooked, booked or"
                                 " mixed and CONNECTIONS 1, 16 or 64, e.g. mixed/16.\n",
                qPrintable(row));
            return 2;
        }
    }
    const int repeat = std::max(1, parser.value(u"repeat"_s).toInt());
    const int customers = parser.value(u"customers"_s).toInt();
    const int bookings = parser.value(u"bookings"_s).toInt();
    const int requests = parser.value(u"requests"_s).toInt();
    const double bookedShare = parser.value(u"booked-share"_s).toDouble();
    QTextStream out(stdout);

    QTemporaryDir dir;
    DataDirectory admin(dir.path());
    QString error;
    if (!admin.open(&error)) {
        out << error << Qt::endl;
        return 1;
    }

    // Seed through the real CSV importer. Even customers have an upcoming booking; the rest only
    // past ones, so the lookup has to skip history.
    {
        QElapsedTimer timer;
        timer.start();
        QFile customerFile(dir.filePath(u"customers.csv"_s));
        customerFile.open(QIODevice::WriteOnly);
        customerFile.write("customer_id,name,phone,email,notes\n");
        for (int i = 0; i < customers; ++i)
            customerFile.write(u"C%1,Customer %1,%2,,\n"_s.arg(i).arg(writtenPhone(i)).toUtf8());
        customerFile.close();
        QFile bookingFile(dir.filePath(u"bookings.csv"_s));
        bookingFile.open(QIODevice::WriteOnly);
        bookingFile.write(
            "booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff\n");
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const int perCustomer = std::max(1, bookings / std::max(1, customers));
        int written = 0;
        for (int i = 0; i < customers && written < bookings; ++i) {
            for (int k = 0; k < perCustomer && written < bookings; ++k, ++written) {
                const bool upcoming = (i % 2 == 0) && k == perCustomer - 1;
                const QDateTime start = upcoming ? now.addDays(1 + i % 20) : now.addDays(-30 - k * 7);
                bookingFile.write(
                    u"B%1,C%2,,,%3,,%4,Cleaning,\n"_s.arg(written)
                        .arg(i)
                        .arg(start.toString(Qt::ISODate), upcoming ? u"confirmed"_s : u"completed"_s)
                        .toUtf8());
            }
        }
        bookingFile.close();
        const double generated = timer.elapsed() / 1000.0;
        timer.restart();
        const ImportReport c = CustomerImporter(admin.database()).importFile(customerFile.fileName(), false);
        const double customerSeconds = timer.elapsed() / 1000.0;
        timer.restart();
        const ImportReport b = BookingImporter(admin.database()).importFile(bookingFile.fileName(), false);
        const double bookingSeconds = timer.elapsed() / 1000.0;
        if (!c.committed || !b.committed) {
            out << "seeding failed: " << c.fileError << b.fileError << Qt::endl;
            return 1;
        }
        out << u"seed: %1 customers imported in %2 s, %3 bookings in %4 s (CSV written in %5 s)"_s
                   .arg(c.inserted)
                   .arg(customerSeconds, 0, 'f', 2)
                   .arg(b.inserted)
                   .arg(bookingSeconds, 0, 'f', 2)
                   .arg(generated, 0, 'f', 2)
            << Qt::endl;
    }

    const qint64 seedPeakKiB = peakRssKiB();
    const bool peakReset = resetPeakRss();

    // Retell, faked on its own thread.
    QThread retellThread;
    retellThread.setObjectName(u"Fake Retell"_s);
    retellThread.start();
    FakeRetellServer retell;
    retell.moveToThread(&retellThread);
    if (!retell.listen()) {
        out << "fake Retell did not start" << Qt::endl;
        return 1;
    }

    for (const auto &[key, value] : { std::pair { u"twilio.auth_token"_s, QString::fromLatin1(AuthToken) },
             { u"routing.enabled"_s, u"true"_s }, { u"routing.fallback_number"_s, u"+15550009999"_s },
             { u"retell.api_key"_s, u"key_bench"_s }, { u"retell.agent_id"_s, u"agent_bench"_s },
             { u"retell.api_base"_s, retell.baseUrl().toString() },
             // The day's backup would copy the seeded database while the first rows run.
             { u"backup.keep"_s, u"0"_s } }) {
        if (!admin.settings().set(key, value, &error)) {
            out << error << Qt::endl;
            return 1;
        }
    }
    const QString token = *admin.settings().value(u"server.webhook_token"_s);

    // The router on its own thread, with its own connection, as in the app.
    QThread routerThread;
    routerThread.setObjectName(u"Router"_s);
    routerThread.start();
    QObject anchor;
    anchor.moveToThread(&routerThread);
    RouterService *service = nullptr;
    bool started = false;
    QMetaObject::invokeMethod(
        &anchor,
        [&] {
            service = new RouterService(dir.path());
            started = service->start(QHostAddress::LocalHost, 0, &error);
        },
        Qt::BlockingQueuedConnection);
    if (!started) {
        out << error << Qt::endl;
        return 1;
    }
    const SignedRequests factory(service->port(), token, AuthToken);

    // Twilio's CallSids are random: each call's rows land at random places in the indexes keyed by it.
    QRandomGenerator sidRandom(20261204);
    double share = bookedShare; // of the calls being prepared
    auto nextCaller = [&](int n) -> QString {
        const int slot = n % 100;
        if (slot < int(share * 100))
            return customerPhone((n * 2) % customers); // an even customer: active booking
        return u"+1556"_s + QString::number(3000000 + n % 1000000); // not a customer
    };
    auto newSid = [&] {
        return u"CA%1%2"_s.arg(sidRandom.generate64(), 16, 16, QLatin1Char('0'))
            .arg(sidRandom.generate64(), 16, 16, QLatin1Char('0'));
    };

    // Requests are signed before each run, as an outside load generator would have them ready:
    // the clock measures the router, not the benchmark's own HMACs.
    auto incomingCalls = [&](int count) {
        QList<QByteArray> list;
        list.reserve(count);
        for (int n = 0; n < count; ++n)
            list.append(factory.incoming(newSid(), nextCaller(n)));
        return list;
    };
    // One table row: `rate` 0 sends each request as soon as the last answer is in (saturation);
    // otherwise requests go at their scheduled times (what callers feel at a steady load).
    auto runRow = [&](QString label, int connections, double rate, int count) {
        const QList<QByteArray> prepared = incomingCalls(count);
        int sent = 0;
        LoadClient client(service->port(), connections, [&](int, const HttpAnswer *) {
            return sent < prepared.size() ? prepared.at(sent++) : QByteArray();
        });
        client.setRate(rate);
        const bool mixed = share > 0 && share < 1;
        if (mixed) {
            client.setKindOf([](const HttpAnswer &answer) {
                // "<Sip" and not "<Sip>": the leg may carry attributes (the answered callback).
                return answer.body.contains("<Sip") ? u"to the AI agent"_s : u"to a person"_s;
            });
        }
        const double cpuBefore = serverCpuSeconds();
        const double wallMs = client.run();
        const double cpuSeconds = serverCpuSeconds() - cpuBefore;
        const QList<double> &latencies = client.latenciesMs();
        out << label.leftJustified(label.size() > 13 ? 22 : 13)
            << QString::number(latencies.size()).leftJustified(10)
            << QString::number(client.errors() + client.non2xx()).leftJustified(8)
            << QString::number(latencies.size() / (wallMs / 1000.0), 'f', 0).leftJustified(10)
            << QString::number(LoadClient::percentile(latencies, 0.50), 'f', 2).leftJustified(8)
            << QString::number(LoadClient::percentile(latencies, 0.99), 'f', 2).leftJustified(8)
            << QString::number(
                   latencies.isEmpty() ? 0.0 : cpuSeconds * 1e6 / double(latencies.size()), 'f', 0)
            << Qt::endl;
        // In a mix, the callers sent to the AI agent wait for its registration as well: their share
        // of the tail, apart.
        if (mixed) {
            QStringList kinds;
            for (const auto &[kind, kindLatencies] : client.latenciesMsByKind().asKeyValueRange()) {
                kinds << u"%1 %2 (p50 %3, p99 %4 ms)"_s.arg(kindLatencies.size())
                             .arg(kind)
                             .arg(LoadClient::percentile(kindLatencies, 0.50), 0, 'f', 2)
                             .arg(LoadClient::percentile(kindLatencies, 0.99), 0, 'f', 2);
            }
            kinds.sort();
            out << u"    of which "_s << kinds.join(u"; "_s) << Qt::endl;
        }
    };
    const QList<double> pacedRates { 500.0, 1000.0, 2000.0, 3000.0 };

    // Unbooked callers show the router's own cost; booked ones add the Retell registration (the
    // HTTP client and the fake Retell server share these cores with the router); then the mix.
    out << Qt::endl
        << "incoming-call webhooks at saturation, each connection sends when its last answer is in:"
        << Qt::endl;
    out << "callers  connections  requests  errors  req/s     p50 ms  p99 ms  server CPU us/req" << Qt::endl;
    for (const auto &[name, callerShare] :
        { std::pair { u"unbooked"_s, 0.0 }, { u"booked"_s, 1.0 }, { u"mixed"_s, bookedShare } }) {
        share = callerShare;
        for (const int connections : { 1, 16, 64 }) {
            if (!onlyRows.isEmpty() && !onlyRows.contains(name + u'/' + QString::number(connections)))
                continue;
            for (int run = 0; run < repeat; ++run)
                runRow(name.leftJustified(9) + QString::number(connections), connections, 0, requests);
        }
    }
    share = bookedShare;

    // What could hold the call log up: a long commit holds off other writers (and a restart
    // checkpoint); a restart checkpoint holds the commits off. The answers wait for neither, only
    // for the journal.
    {
        qint64 commitUs = 0;
        qint64 journalUs = 0;
        qint64 lockWaitMs = 0;
        int restarts = 0;
        qint64 restartUs = 0;
        QMetaObject::invokeMethod(
            &anchor,
            [&] {
                commitUs = service->callLog()->longestCommit().count();
                journalUs = service->callLog()->longestJournalAppend().count();
                lockWaitMs = service->callLog()->longestLockWait().count();
                restarts = service->checkpointer()->restartCount();
                restartUs = service->checkpointer()->longestRestart().count();
            },
            Qt::BlockingQueuedConnection);
        out << u"on the answers' path: longest journal append %1 ms"_s.arg(journalUs / 1000.0, 0, 'f', 2)
            << Qt::endl;
        out << u"off it: longest call-log commit %1 ms; WAL restart checkpoints: %2, the longest %3 ms (with "
               u"its"
               u" wait for a commit); longest wait of a commit for the lock %4 ms"_s
                   .arg(commitUs / 1000.0, 0, 'f', 2)
                   .arg(restarts)
                   .arg(restartUs / 1000.0, 0, 'f', 2)
                   .arg(lockWaitMs)
            << Qt::endl;
    }

    // Latency at a steady offered load (what callers feel), far above a small business's peak.
    if (onlyRows.isEmpty()) {
        out << Qt::endl
            << "paced incoming-call webhooks, 16 connections (latency from the scheduled send time):"
            << Qt::endl;
        out << "offered/s    requests  errors  req/s     p50 ms  p99 ms  server CPU us/req" << Qt::endl;
        for (const double rate : pacedRates)
            runRow(QString::number(rate, 'f', 0), 16, rate, int(rate * 5)); // about five seconds each

        // The same without booked callers: the router's own cost, apart from the Retell registration
        // (the HTTP client's thread and the fake Retell server share these cores with the router).
        share = 0;
        out << Qt::endl
            << "paced, no booked callers (the router alone, no Retell registration), 16 connections:"
            << Qt::endl;
        out << "offered/s    requests  errors  req/s     p50 ms  p99 ms  server CPU us/req" << Qt::endl;
        runRow(u"3000"_s, 16, 3000, 15000);
        share = bookedShare;

        // Whole calls: incoming webhook, the Dial action (connected), the status callback.
        {
            const int calls = requests / 2;
            // Each call's three requests, signed in advance (the dial result in both legs' forms,
            // since the router's answer picks the leg).
            struct Flow
            {
                QByteArray incoming, agentResult, fallbackResult, status;
            };
            QList<Flow> prepared;
            prepared.reserve(calls);
            for (int n = 0; n < calls; ++n) {
                const QString sid = newSid();
                const QString from = nextCaller(n);
                prepared.append({ factory.incoming(sid, from), factory.dialResult(sid, from, u"agent"_s),
                    factory.dialResult(sid, from, u"fallback"_s), factory.status(sid, from) });
            }
            int started = 0;
            int completed = 0;
            struct Progress
            {
                int call = -1;
                int stage = 0;
            };
            QList<Progress> progress(16);
            LoadClient client(service->port(), 16, [&](int c, const HttpAnswer *previous) -> QByteArray {
                Progress &p = progress[c];
                if (previous && p.stage == 1) {
                    p.stage = 2;
                    const Flow &flow = prepared.at(p.call);
                    return previous->body.contains("leg=agent") ? flow.agentResult : flow.fallbackResult;
                }
                if (previous && p.stage == 2) {
                    p.stage = 3;
                    return prepared.at(p.call).status;
                }
                if (previous && p.stage == 3)
                    ++completed;
                if (started >= calls)
                    return QByteArray();
                p = { started++, 1 };
                return prepared.at(p.call).incoming;
            });
            const double wallMs = client.run();
            out << Qt::endl
                << u"whole calls (incoming + dial result + status), 16 connections: %1 calls in %2 s = %3 "
                   u"calls/s, "
                   "%4 errors"_s.arg(completed)
                       .arg(wallMs / 1000.0, 0, 'f', 2)
                       .arg(completed / (wallMs / 1000.0), 0, 'f', 0)
                       .arg(client.errors() + client.non2xx())
                << Qt::endl;
        }
    }
    // The call log commits on a thread of its own, a few milliseconds after the answers.
    for (bool caughtUp = false; !caughtUp; QThread::msleep(10)) {
        QMetaObject::invokeMethod(
            &anchor, [&] { caughtUp = service->callLog()->isCaughtUp(); }, Qt::BlockingQueuedConnection);
    }
    CallStore calls(admin.database());
    out << Qt::endl
        << u"stored: %1 call sessions, %2 timeline events; Retell registrations: %3"_s
               .arg(calls.sessionCount())
               .arg(calls.eventCount())
               .arg(retell.requestCount())
        << Qt::endl;
    out << u"peak RSS: %1 MiB while seeding, %2 MiB %3"_s.arg(seedPeakKiB / 1024.0, 0, 'f', 1)
               .arg(peakRssKiB() / 1024.0, 0, 'f', 1)
               .arg(peakReset ? u"under load"_s : u"overall (the peak could not be reset)"_s)
        << Qt::endl;

    QMetaObject::invokeMethod(
        &anchor, [&] { delete service; }, Qt::BlockingQueuedConnection);
    routerThread.quit();
    routerThread.wait();
    retellThread.quit();
    retellThread.wait();
    return 0;
}
