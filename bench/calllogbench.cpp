// Benchmark of the call log's queries: seeds a million calls, then times pages (first and deep),
// counts and the called numbers for each kind of filter, printed against a 5 ms goal per page.
#include "storage/callstore.h"
#include "storage/customerstore.h"
#include "storage/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr double GoalMs = 5;
constexpr int PageSize = 200;
constexpr int CustomerCount = 5000;
const QDateTime Now = QDateTime::currentDateTimeUtc();

// Callers: most from the practice's own area code, some from three others, each a few thousand numbers.
// +3314 has about 10,000 calls, where CallStore changes how it finds a prefix's calls.
QString caller(QRandomGenerator &random)
{
    const int area = random.bounded(100);
    const int number = random.bounded(20000);
    if (area < 69)
        return u"+1555"_s + QString::number(1000000 + number);
    if (area < 70)
        return u"+3314"_s + QString::number(1000000 + number);
    if (area < 90)
        return u"+1212"_s + QString::number(5000000 + number);
    return u"+4930"_s + QString::number(10000000 + number);
}

CallOutcome outcome(QRandomGenerator &random)
{
    const int roll = random.bounded(1000);
    if (roll < 500)
        return CallOutcome::AiAgent;
    if (roll < 800)
        return CallOutcome::Answered;
    if (roll < 880)
        return CallOutcome::Voicemail;
    if (roll < 960)
        return CallOutcome::Missed;
    if (roll < 985)
        return CallOutcome::Blocked;
    if (roll < 998)
        return CallOutcome::Failed;
    return CallOutcome::Ongoing;
}

bool seed(Database &db, int calls, QTextStream &out)
{
    QElapsedTimer timer;
    timer.start();
    QRandomGenerator random(42);
    QString error;
    const bool ok = db.transaction(
        [&] {
            CustomerStore customers(db);
            for (int i = 0; i < CustomerCount; ++i) {
                Customer c;
                c.externalId = u"C%1"_s.arg(i);
                c.name = u"Customer %1"_s.arg(i);
                c.phoneE164 = u"+1555"_s + QString::number(1000000 + i);
                c.phoneRaw = c.phoneE164;
                if (!customers.insert(c).ok())
                    return false;
            }
            CallStore store(db);
            // About a hundred calls a day, going back from now.
            for (int i = 0; i < calls; ++i) {
                CallSessionRecord s;
                s.callSid = u"CA%1"_s.arg(i, 32, 10, QLatin1Char('0'));
                s.from = caller(random);
                s.to = random.bounded(10) == 0 ? u"+15550000002"_s : u"+15550000001"_s;
                s.startedAt = Now.addSecs(-qint64(i) * 864);
                s.durationSeconds = random.bounded(600);
                s.outcome = outcome(random);
                if (s.from.startsWith(u"+1555"_s) && s.from.mid(5).toInt() < 1000000 + CustomerCount)
                    s.customerId = s.from.mid(5).toInt() - 1000000 + 1;
                if (!store.createSession(s, &error))
                    return false;
            }
            return true;
        },
        &error);
    if (!ok)
        out << "seeding failed: " << error << Qt::endl;
    else
        out << u"seeded %1 calls and %2 customers in %3 s"_s.arg(calls).arg(CustomerCount).arg(
                   timer.elapsed() / 1000.0, 0, 'f', 1)
            << Qt::endl;
    return ok;
}

struct Case
{
    QString name;
    CallListFilter filter;
};

template<typename F>
double timeMs(F work, int repeats = 5)
{
    work(); // warm the cache: the panel reads what it has just read
    QList<double> times;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.append(timer.nsecsElapsed() / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"calls"_s, u"Calls to seed."_s, u"N"_s, u"1000000"_s});
    parser.process(app);
    const int calls = std::max(1, parser.value(u"calls"_s).toInt());
    QTextStream out(stdout);

    QTemporaryDir dir;
    Database db(Database::fileNameIn(dir.path()));
    QString error;
    if (!db.open(&error)) {
        out << error << Qt::endl;
        return 1;
    }
    if (!seed(db, calls, out))
        return 1;
    CallStore store(db);

    const auto filter = [](const QString &prefix, std::optional<CallOutcome> outcome, const QString &to, int days) {
        CallListFilter f;
        f.caller = prefix;
        f.region = u"US"_s; // what a number typed without + is read in
        f.outcome = outcome;
        f.calledNumber = to;
        if (days > 0) {
            f.since = Now.addDays(-days);
            f.until = Now.addDays(1);
        }
        return f;
    };
    const QList<Case> cases = {
        {u"all calls"_s, filter({}, std::nullopt, {}, 0)},
        {u"last 30 days (the panel's default)"_s, filter({}, std::nullopt, {}, 30)},
        {u"outcome answered"_s, filter({}, CallOutcome::Answered, {}, 0)},
        {u"outcome failed"_s, filter({}, CallOutcome::Failed, {}, 0)},
        {u"second number"_s, filter({}, std::nullopt, u"+15550000002"_s, 0)},
        {u"second number, blocked"_s, filter({}, CallOutcome::Blocked, u"+15550000002"_s, 0)},
        {u"prefix +1555 (69%)"_s, filter(u"+1555"_s, std::nullopt, {}, 0)},
        {u"prefix +4930 (10%)"_s, filter(u"+4930"_s, std::nullopt, {}, 0)},
        {u"prefix +49301001 (5%)"_s, filter(u"+49301001"_s, std::nullopt, {}, 0)},
        {u"prefix +3314 (1%)"_s, filter(u"+3314"_s, std::nullopt, {}, 0)},
        {u"prefix +493010010 (0.5%)"_s, filter(u"+493010010"_s, std::nullopt, {}, 0)},
        {u"prefix +4930100100 (0.05%)"_s, filter(u"+4930100100"_s, std::nullopt, {}, 0)},
        {u"prefix +1555, last 365 days"_s, filter(u"+1555"_s, std::nullopt, {}, 365)},
        {u"one caller"_s, filter(u"+15551000042"_s, std::nullopt, {}, 0)},
        {u"prefix +1212, missed, 30 days"_s, filter(u"+1212"_s, CallOutcome::Missed, {}, 30)},
        {u"prefix +49301001, answered, 30 days"_s, filter(u"+49301001"_s, CallOutcome::Answered, {}, 30)},
        {u"prefix +4930, second number, missed"_s, filter(u"+4930"_s, CallOutcome::Missed, u"+15550000002"_s, 0)},
        {u"nothing matches"_s, filter(u"+44"_s, std::nullopt, {}, 0)},
        // Typed as people write numbers: digits anywhere in the number, not only its start.
        {u"typed (555) 100-0042 (one caller)"_s, filter(u"(555) 100-0042"_s, std::nullopt, {}, 0)},
        {u"typed 1000042 (digits inside)"_s, filter(u"1000042"_s, std::nullopt, {}, 0)},
        {u"typed 3010 (digits inside, many)"_s, filter(u"3010"_s, std::nullopt, {}, 0)},
    };

    out << u"%1 %2 %3 %4"_s.arg(u"filter"_s, -36).arg(u"page 1"_s, 9).arg(u"page 50"_s, 9).arg(u"count"_s, 16)
        << Qt::endl;
    bool met = true;
    for (const Case &c : cases) {
        const double first = timeMs([&] { store.page(c.filter, std::nullopt, PageSize); });
        // Page 50: the cursor of the 49th page's last call.
        std::optional<CallPageCursor> after;
        for (int page = 1; page < 50; ++page) {
            const QList<CallListEntry> entries = store.page(c.filter, after, PageSize);
            if (entries.size() < PageSize)
                break;
            after = entries.last().cursor();
        }
        const double deep = timeMs([&] { store.page(c.filter, after, PageSize); });
        qint64 matches = 0;
        const double counting = timeMs([&] { matches = store.count(c.filter); }, 3);
        met = met && first <= GoalMs && deep <= GoalMs;
        out << u"%1 %2 %3 %4 (%5)"_s.arg(c.name, -36)
                   .arg(u"%1 ms"_s.arg(first, 0, 'f', 2), 9)
                   .arg(u"%1 ms"_s.arg(deep, 0, 'f', 2), 9)
                   .arg(u"%1 ms"_s.arg(counting, 0, 'f', 2), 10)
                   .arg(matches)
            << Qt::endl;
    }
    const double numbers = timeMs([&] { store.calledNumbers(); });
    out << u"called numbers: %1 ms"_s.arg(numbers, 0, 'f', 2) << Qt::endl;
    out << (met ? u"every page within %1 ms"_s : u"some pages over %1 ms"_s).arg(GoalMs) << Qt::endl;
    return met ? 0 : 2;
}
