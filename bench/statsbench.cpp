// Benchmark of the call statistics: seeds a million calls over 400 days with a busy office's mix
// of callers, hours and outcomes, then times CallStatsStore::compute() for the last year and the
// last 30 days against the 300 ms goal.
#include "storage/callstatsstore.h"
#include "storage/callstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <ctime>

using namespace Qt::StringLiterals;

namespace {

constexpr double GoalMs = 300;
const QTimeZone Zone("America/New_York");

// Share of the calls in percent, in the order drawn.
struct OutcomeShare
{
    CallOutcome outcome;
    int percent;
    int shortest; // seconds; -1: no duration
    int longest;
};
constexpr OutcomeShare Mix[] = {
    {CallOutcome::AiAgent, 42, 20, 420},
    {CallOutcome::Answered, 30, 15, 900},
    {CallOutcome::Voicemail, 8, 10, 120},
    {CallOutcome::Missed, 9, 0, 30},
    {CallOutcome::Blocked, 7, 0, 2},
    {CallOutcome::Failed, 4, -1, -1},
};

// Calls per hour of the day on a weekday; weekends get a fifth of it.
constexpr int HourWeight[24] = {1, 1, 1, 1, 1, 2, 4, 10, 30, 45, 50, 45, 35, 40, 45, 40, 35, 25, 12, 8, 5, 3, 2, 1};

QString callerNumber(int i)
{
    return u"+1555"_s + QString::number(2000000 + i);
}

QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll()).section(u' ', 0, 0) : u"unknown"_s;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

// What this thread spent on the processor: on a machine shared with other work the wall-clock
// figures also count the time the benchmark waited for a core.
double threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

struct Timing
{
    double coldMs = 0;
    QList<double> warmMs;
    QList<double> warmCpuMs;
    CallStats stats;
};

// The first compute() on a new connection (its page cache empty, the file in the OS cache), then
// `runs` more on the same connection.
std::optional<Timing> time(const QString &path, const CallStatsQuery &query, int runs, QTextStream &out)
{
    Database db(path);
    QString error;
    if (!db.open(&error)) {
        out << error << Qt::endl;
        return std::nullopt;
    }
    CallStatsStore store(db);
    Timing timing;
    for (int run = 0; run <= runs; ++run) {
        QElapsedTimer timer;
        const double cpuStart = threadCpuMs();
        timer.start();
        Result<CallStats> stats = store.compute(query);
        const double ms = timer.nsecsElapsed() / 1e6;
        const double cpuMs = threadCpuMs() - cpuStart;
        if (!stats) {
            out << stats.error() << Qt::endl;
            return std::nullopt;
        }
        if (run == 0) {
            timing.coldMs = ms;
            timing.stats = std::move(stats).value();
        } else {
            timing.warmMs.append(ms);
            timing.warmCpuMs.append(cpuMs);
        }
    }
    return timing;
}

QString row(const QString &label, const Timing &t)
{
    return u"%1 %2 %3 %4 %5 %6 %7"_s.arg(label.leftJustified(26))
        .arg(t.coldMs, 9, 'f', 1)
        .arg(*std::min_element(t.warmMs.begin(), t.warmMs.end()), 9, 'f', 1)
        .arg(median(t.warmMs), 9, 'f', 1)
        .arg(*std::max_element(t.warmMs.begin(), t.warmMs.end()), 9, 'f', 1)
        .arg(median(t.warmCpuMs), 9, 'f', 1)
        .arg(t.stats.total, 9);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"calls"_s, u"Call sessions to seed."_s, u"N"_s, u"1000000"_s});
    parser.addOption({u"days"_s, u"Days the calls are spread over, up to now."_s, u"N"_s, u"400"_s});
    parser.addOption({u"callers"_s, u"Distinct caller numbers."_s, u"N"_s, u"40000"_s});
    parser.addOption({u"runs"_s, u"Warm runs of each query."_s, u"N"_s, u"5"_s});
    parser.addOption({u"keep"_s, u"Keep the seeded database in DIR (and seed it only once)."_s, u"DIR"_s});
    parser.process(app);
    const int calls = parser.value(u"calls"_s).toInt();
    const int days = parser.value(u"days"_s).toInt();
    const int callers = std::max(1, parser.value(u"callers"_s).toInt());
    const int runs = std::max(1, parser.value(u"runs"_s).toInt());
    QTextStream out(stdout);

    QTemporaryDir temporary;
    const QString dir = parser.isSet(u"keep"_s) ? parser.value(u"keep"_s) : temporary.path();
    const QString path = Database::fileNameIn(dir);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool seeded = parser.isSet(u"keep"_s) && QFileInfo::exists(path);

    if (!seeded) {
        Database db(path);
        QString error;
        if (!db.open(&error)) {
            out << error << Qt::endl;
            return 1;
        }
        QElapsedTimer timer;
        timer.start();
        QRandomGenerator random(20261101);
        int hourTotal = 0;
        for (const int weight : HourWeight)
            hourTotal += weight;
        // The first thousand callers are customers, so that the call-back list has names.
        const int customers = std::min(callers, 1000);
        QList<qint64> customerIds;
        CallStore store(db);
        // Start times first, so that the calls are written in the order the router writes them.
        QList<qint64> starts;
        starts.reserve(calls);
        const QDate lastDay = now.toTimeZone(Zone).date();
        for (int n = 0; n < calls; ++n) {
            // A day (weekends quieter), then an hour of the office's day, in New York.
            QDate day;
            do {
                day = lastDay.addDays(-qint64(random.bounded(days)));
            } while (day.dayOfWeek() > 5 && random.bounded(5) != 0);
            int pick = int(random.bounded(hourTotal));
            int hour = 0;
            while (pick >= HourWeight[hour])
                pick -= HourWeight[hour++];
            const QDateTime start = QDateTime(day, QTime(hour, 0), Zone).addMSecs(random.bounded(3600000));
            starts.append(start > now ? now.toMSecsSinceEpoch() - random.bounded(86400000)
                                      : start.toMSecsSinceEpoch());
        }
        std::sort(starts.begin(), starts.end());

        const bool written = db.transaction(
            [&] {
                CustomerStore customerStore(db);
                for (int i = 0; i < customers; ++i) {
                    Customer customer;
                    customer.externalId = u"C%1"_s.arg(i);
                    customer.name = u"Customer %1"_s.arg(i);
                    customer.phoneRaw = customer.phoneE164 = callerNumber(i);
                    const Result<qint64> id = customerStore.insert(customer);
                    if (!id) {
                        error = id.error();
                        return false;
                    }
                    customerIds.append(*id);
                }
                constexpr int Chunk = 10000;
                QList<CallSessionRecord> sessions;
                sessions.reserve(Chunk);
                for (int n = 0; n < calls; ++n) {
                    CallSessionRecord s;
                    s.callSid = u"CA%1"_s.arg(n, 32, 10, QLatin1Char('0'));
                    s.startedAt = QDateTime::fromMSecsSinceEpoch(starts.at(n), Qt::UTC);
                    // Regulars call often: the low numbers are drawn far more than the rest.
                    const double u = random.generateDouble();
                    const int caller = int(callers * u * u);
                    const bool withheld = random.bounded(100) < 4;
                    s.from = withheld ? u"anonymous"_s : callerNumber(caller);
                    if (!withheld && caller < customers)
                        s.customerId = customerIds.at(caller);
                    s.to = random.bounded(100) < 80 ? u"+15557654321"_s : u"+15557650000"_s;
                    int draw = int(random.bounded(100));
                    const OutcomeShare *share = std::begin(Mix);
                    while (draw >= share->percent && share + 1 != std::end(Mix))
                        draw -= (share++)->percent;
                    // The last minutes' calls are still going on.
                    if (s.startedAt.secsTo(now) < 600) {
                        s.outcome = CallOutcome::Ongoing;
                    } else {
                        s.outcome = share->outcome;
                        s.stage = CallStage::Answered;
                        if (share->shortest >= 0) {
                            s.durationSeconds = share->shortest
                                + int((share->longest - share->shortest) * std::pow(random.generateDouble(), 2));
                            s.endedAt = s.startedAt.addSecs(*s.durationSeconds);
                        }
                    }
                    sessions.append(std::move(s));
                    if (sessions.size() == Chunk || n + 1 == calls) {
                        if (!store.createSessions(sessions, &error))
                            return false;
                        sessions.clear();
                    }
                }
                return true;
            },
            &error);
        if (!written) {
            out << "seeding failed: " << error << Qt::endl;
            return 1;
        }
        out << u"seed: %1 calls of %2 callers over %3 days in %4 s; database %5 MiB"_s.arg(calls)
                   .arg(callers)
                   .arg(days)
                   .arg(timer.elapsed() / 1000.0, 0, 'f', 1)
                   .arg(QFileInfo(path).size() / 1048576.0, 0, 'f', 0)
            << Qt::endl;
    }

    const QDate today = now.toTimeZone(Zone).date();
    const CallStatsQuery year {today.addDays(-364).startOfDay(Zone), now, QString(), Zone};
    const CallStatsQuery month {today.addDays(-29).startOfDay(Zone), now, QString(), Zone};
    CallStatsQuery yearOneNumber = year;
    yearOneNumber.number = u"+15557654321"_s;

    out << Qt::endl
        << "CallStatsStore::compute(), " << Zone.id() << ", ms of wall-clock time: cold-ish is the first run on a new"
        << Qt::endl
        << "connection, then min/median/max of " << runs << " warm runs, and the warm runs' median processor time" << Qt::endl;
    out << "range                       cold-ish       min    median       max  CPU med.     calls" << Qt::endl;
    const std::optional<Timing> yearTiming = time(path, year, runs, out);
    if (!yearTiming)
        return 1;
    out << row(u"last 365 days"_s, *yearTiming) << Qt::endl;
    const std::optional<Timing> monthTiming = time(path, month, runs, out);
    if (!monthTiming)
        return 1;
    out << row(u"last 30 days"_s, *monthTiming) << Qt::endl;
    const std::optional<Timing> numberTiming = time(path, yearOneNumber, runs, out);
    if (!numberTiming)
        return 1;
    out << row(u"last 365 days, one number"_s, *numberTiming) << Qt::endl;

    const CallStats &stats = yearTiming->stats;
    out << Qt::endl
        << u"last 365 days: %1 calls on %2 days, answered %3%, AI %4%, missed %5%, voicemail %6%, "
           u"average %7 s, p90 %8 s, %9 callers to call back"_s.arg(stats.total)
               .arg(stats.perDay.size())
               .arg(stats.answeredRate * 100, 0, 'f', 1)
               .arg(stats.aiRate * 100, 0, 'f', 1)
               .arg(stats.missedRate * 100, 0, 'f', 1)
               .arg(stats.voicemailRate * 100, 0, 'f', 1)
               .arg(stats.averageDurationSeconds, 0, 'f', 1)
               .arg(stats.p90DurationSeconds)
               .arg(stats.callBack.size())
        << Qt::endl;
    const double worst = std::max(yearTiming->coldMs, *std::max_element(yearTiming->warmMs.begin(), yearTiming->warmMs.end()));
    out << u"goal < %1 ms for the last 365 days (every run, cold-ish included): %2"_s.arg(GoalMs)
               .arg(worst < GoalMs ? u"met"_s : u"not met"_s)
        << Qt::endl;
    // With other programs busy on the cores, say whether the work itself fits.
    if (worst >= GoalMs)
        out << u"  (processor time of the warm runs: median %1 ms; load average %2)"_s
                   .arg(median(yearTiming->warmCpuMs), 0, 'f', 1)
                   .arg(loadAverage())
            << Qt::endl;
    return 0;
}
