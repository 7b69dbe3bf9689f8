// Benchmark of retention: seeds a call log whose calls are all older than retention.days (a million by
// default, each with its timeline), then routes a steady stream of calls while the router prunes them,
// and prints how long the pruning took and how late the webhooks were answered meanwhile, next to the
// same stream without pruning. The goal: no webhook answered later than 50 ms while a million go.
#include "datadir/calllogretention.h"
#include "datadir/datadirectory.h"
#include "loadclient.h"
#include "server/routerservice.h"
#include "settings/settings.h"
#include "signedrequests.h"
#include "storage/callstore.h"
#include "storage/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

const QByteArray AuthToken = "bench-auth-token-0123456789abcdef"_ba;


bool seed(Database &db, int calls, int eventsPerCall, QString *error)
{
    CallStore store(db);
    const QDateTime first = QDateTime::currentDateTimeUtc().addDays(-730);
    constexpr int Chunk = 10000;
    for (int from = 0; from < calls; from += Chunk) {
        const bool written = db.transaction(
            [&] {
                QList<CallSessionRecord> sessions;
                const int to = std::min(calls, from + Chunk);
                for (int n = from; n < to; ++n) {
                    CallSessionRecord s;
                    s.callSid = u"CA%1"_s.arg(n, 32, 16, QLatin1Char('0'));
                    s.from = u"+1555%1"_s.arg(2000000 + n % 50000);
                    s.to = SignedRequests::Business;
                    // A year of calls, spread evenly, ending a year ago.
                    s.startedAt = first.addMSecs(qint64(n) * (365LL * 86400000 / calls));
                    s.endedAt = s.startedAt.addSecs(60);
                    s.durationSeconds = 60;
                    s.outcome = n % 3 ? CallOutcome::Answered : CallOutcome::Missed;
                    s.stage = CallStage::Answered;
                    sessions.append(s);
                }
                if (!store.createSessions(sessions, error))
                    return false;
                for (const CallSessionRecord &s : std::as_const(sessions)) {
                    for (int e = 0; e < eventsPerCall; ++e) {
                        if (!store.appendEvent({ s.callSid, s.startedAt.addSecs(e), Step::DialTarget, EventAction::CommandSent, EventResult::Processed,
                                                   u"+15550009999"_s },
                                error))
                            return false;
                    }
                }
                return true;
            },
            error);
        if (!written)
            return false;
    }
    return true;
}

struct Phase
{
    QList<double> latencies;
    int errors = 0;
    double seconds = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ u"calls"_s, u"Old calls to seed and prune."_s, u"N"_s, u"1000000"_s });
    parser.addOption({ u"events"_s, u"Timeline events per seeded call."_s, u"N"_s, u"4"_s });
    parser.addOption({ u"rate"_s, u"Webhooks a second while pruning (two per call)."_s, u"N"_s, u"100"_s });
    parser.addOption({ u"baseline"_s, u"Seconds of the same stream without pruning."_s, u"S"_s, u"20"_s });
    parser.process(app);
    const int calls = parser.value(u"calls"_s).toInt();
    const int eventsPerCall = parser.value(u"events"_s).toInt();
    const double rate = parser.value(u"rate"_s).toDouble();
    const double baselineSeconds = parser.value(u"baseline"_s).toDouble();
    QTextStream out(stdout);

    QTemporaryDir dir;
    DataDirectory admin(dir.path());
    QString error;
    if (!admin.open(&error)) {
        out << error << Qt::endl;
        return 1;
    }
    {
        QElapsedTimer timer;
        timer.start();
        if (!seed(admin.database(), calls, eventsPerCall, &error)) {
            out << "seeding failed: " << error << Qt::endl;
            return 1;
        }
        out << u"seed: %1 calls of two years ago, %2 events each, in %3 s; database %4 MiB"_s.arg(calls)
                   .arg(eventsPerCall)
                   .arg(timer.elapsed() / 1000.0, 0, 'f', 1)
                   .arg(QFileInfo(Database::fileNameIn(dir.path())).size() / 1048576.0, 0, 'f', 0)
            << Qt::endl;
    }
    for (const auto &[key, value] : { std::pair { u"twilio.auth_token"_s, QString::fromLatin1(AuthToken) },
             { u"routing.enabled"_s, u"true"_s }, { u"routing.fallback_number"_s, u"+15550009999"_s },
             { u"backup.keep"_s, u"0"_s }, { u"retention.days"_s, u"0"_s } }) {
        if (!admin.settings().set(key, value, &error)) {
            out << error << Qt::endl;
            return 1;
        }
    }
    const QString token = *admin.settings().value(u"server.webhook_token"_s);

    QThread routerThread;
    routerThread.setObjectName(u"Router"_s);
    routerThread.start();
    QObject anchor;
    anchor.moveToThread(&routerThread);
    RouterService *service = nullptr;
    bool pruningDone = false;
    qint64 prunedCalls = 0;
    QElapsedTimer pruningClock;
    QObject receiver; // on this thread: where the retention's signal is delivered
    const auto startRouter = [&] {
        bool started = false;
        QMetaObject::invokeMethod(
            &anchor,
            [&] {
                service = new RouterService(dir.path());
                started = service->start(QHostAddress::LocalHost, 0, &error);
                if (started) {
                    pruningClock.start();
                    QObject::connect(service->retention(), &CallLogRetention::pruned, &receiver,
                        [&](qint64 pruned, qint64) {
                            prunedCalls = pruned;
                            pruningDone = true;
                        });
                }
            },
            Qt::BlockingQueuedConnection);
        return started;
    };
    const auto stopRouter = [&] {
        QMetaObject::invokeMethod(&anchor, [&] { delete service; }, Qt::BlockingQueuedConnection);
        service = nullptr;
    };

    // Each connection sends a call's incoming webhook, then its status callback, then the next call's.
    QRandomGenerator random(20261204);
    const auto run = [&](const std::function<bool()> &goOn) {
        const SignedRequests requests(service->port(), token, AuthToken);
        constexpr int Connections = 4;
        QList<QString> callOf(Connections);
        LoadClient client(service->port(), Connections, [&](int c, const HttpAnswer *previous) -> QByteArray {
            if (previous && !callOf[c].isEmpty()) {
                const QString sid = std::exchange(callOf[c], QString());
                return requests.status(sid, u"+15563000000"_s);
            }
            if (!goOn())
                return {};
            callOf[c] = u"CA%1%2"_s.arg(random.generate64(), 16, 16, QLatin1Char('0'))
                            .arg(random.generate64(), 16, 16, QLatin1Char('0'));
            return requests.incoming(callOf[c], u"+15563000000"_s);
        });
        client.setRate(rate);
        Phase phase;
        phase.seconds = client.run() / 1000.0;
        phase.latencies = client.latenciesMs();
        phase.errors = client.errors() + client.non2xx();
        return phase;
    };
    const auto print = [&](const QString &name, const Phase &phase) {
        out << u"%1  %2 webhooks in %3 s, %4 failed; latency p50 %5 ms, p99 %6 ms, max %7 ms"_s.arg(name)
                   .arg(phase.latencies.size())
                   .arg(phase.seconds, 0, 'f', 1)
                   .arg(phase.errors)
                   .arg(LoadClient::percentile(phase.latencies, 0.5), 0, 'f', 2)
                   .arg(LoadClient::percentile(phase.latencies, 0.99), 0, 'f', 2)
                   .arg(LoadClient::percentile(phase.latencies, 1.0), 0, 'f', 2)
            << Qt::endl;
    };

    // The same stream first without pruning, for comparison in the same run.
    if (!startRouter()) {
        out << error << Qt::endl;
        return 1;
    }
    QElapsedTimer baselineClock;
    baselineClock.start();
    const Phase baseline = run([&] { return baselineClock.elapsed() < baselineSeconds * 1000; });
    stopRouter();

    if (!admin.settings().set(u"retention.days"_s, u"365"_s, &error)) {
        out << error << Qt::endl;
        return 1;
    }
    if (!startRouter()) {
        out << error << Qt::endl;
        return 1;
    }
    const Phase pruning = run([&] { return !pruningDone; });
    const double pruneSeconds = pruningClock.elapsed() / 1000.0;
    stopRouter();
    routerThread.quit();
    routerThread.wait();

    out << u"offered: %1 webhooks/s over 4 connections (latency from the scheduled send time)"_s.arg(rate) << Qt::endl;
    print(u"without pruning:"_s, baseline);
    print(u"while pruning:  "_s, pruning);
    out << u"pruned %1 calls in %2 s (%3 calls/s); %4 calls left"_s.arg(prunedCalls)
               .arg(pruneSeconds, 0, 'f', 1)
               .arg(prunedCalls / std::max(0.001, pruneSeconds), 0, 'f', 0)
               .arg(CallStore(admin.database()).sessionCount())
        << Qt::endl;
    return 0;
}
