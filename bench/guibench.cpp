// Benchmark of the desktop app's start with a big call log: seeds a million calls (once, into a
// kept folder if asked), then times opening the window until its first screen is drawn, and the
// Statistics panel's year; prints the figures against the 1 s and 300 ms goals.
#include "calls/statspanel.h"
#include "datadir/datadirectory.h"
#include "server/routerhost.h"
#include "shell/mainwindow.h"
#include "storage/callstore.h"
#include "storage/database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

bool seed(Database &db, qint64 calls, QTextStream &out)
{
    const QList<CallOutcome> outcomes { CallOutcome::Answered, CallOutcome::Answered, CallOutcome::AiAgent,
        CallOutcome::AiAgent, CallOutcome::Missed, CallOutcome::Voicemail, CallOutcome::Blocked };
    QRandomGenerator random(42);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 spanSeconds = 400LL * 24 * 3600;
    CallStore store(db);
    QElapsedTimer timer;
    timer.start();
    for (qint64 done = 0; done < calls;) {
        QList<CallSessionRecord> batch;
        for (int i = 0; i < 10000 && done < calls; ++i, ++done) {
            CallSessionRecord session;
            session.callSid = u"CA%1"_s.arg(done, 32, 16, QChar(u'0'));
            session.from = u"+1555%1"_s.arg(random.bounded(40000), 7, 10, QChar(u'0'));
            session.to = random.bounded(4) ? u"+15557654321"_s : u"+15557654322"_s;
            session.startedAt = now.addSecs(-spanSeconds * (calls - done) / calls);
            session.outcome = outcomes.at(random.bounded(int(outcomes.size())));
            session.durationSeconds = random.bounded(600);
            session.endedAt = session.startedAt.addSecs(*session.durationSeconds);
            batch.append(session);
        }
        QString error;
        if (!store.createSessions(batch, &error)) {
            out << "seeding failed: " << error << Qt::endl;
            return false;
        }
    }
    out << u"seeded %1 calls over 400 days in %2 s"_s.arg(calls).arg(double(timer.elapsed()) / 1000, 0, 'f', 1)
        << Qt::endl;
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("SWITCHBOARD_KEYCHAIN", "0");
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream out(stdout);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ u"calls"_s, u"Call sessions to seed."_s, u"N"_s, u"1000000"_s });
    parser.addOption({ u"keep"_s, u"Keep the data folder in DIR (seeded only once)."_s, u"DIR"_s });
    parser.addOption({ u"runs"_s, u"Openings to time."_s, u"N"_s, u"5"_s });
    parser.process(app);

    QTemporaryDir temporary;
    const QString dir = parser.isSet(u"keep"_s) ? parser.value(u"keep"_s) : temporary.path();
    DataDirectory data(dir);
    QString error;
    if (!data.open(&error)) {
        out << "cannot open the data folder: " << error << Qt::endl;
        return 1;
    }
    const qint64 wanted = parser.value(u"calls"_s).toLongLong();
    if (CallStore(data.database()).sessionCount() < wanted && !seed(data.database(), wanted, out))
        return 1;

    RouterHost router(dir);
    router.start(QHostAddress::LocalHost, 0);

    QList<qint64> openings;
    QList<qint64> years;
    for (int run = 0; run < parser.value(u"runs"_s).toInt(); ++run) {
        QElapsedTimer timer;
        timer.start();
        MainWindow window(data, router);
        window.show();
        // The first screen is drawn once the window has painted.
        window.grab();
        QCoreApplication::processEvents();
        openings.append(timer.elapsed());

        auto *stats = qobject_cast<StatsPanel *>(window.panel(u"stats"_s));
        window.showPanel(u"stats"_s);
        timer.restart();
        stats->setRangeDays(365);
        years.append(timer.elapsed());
        stats->setRangeDays(30);
    }
    const auto report = [&out](const QString &what, QList<qint64> ms, qint64 goal) {
        std::sort(ms.begin(), ms.end());
        out << u"%1: min %2 ms, median %3 ms, max %4 ms (goal < %5 ms): %6"_s.arg(what)
                   .arg(ms.first())
                   .arg(ms.at(ms.size() / 2))
                   .arg(ms.last())
                   .arg(goal)
                   .arg(ms.last() < goal ? u"met"_s : u"not met"_s)
            << Qt::endl;
    };
    out << u"%1 calls stored"_s.arg(CallStore(data.database()).sessionCount()) << Qt::endl;
    report(u"window open to first screen"_s, openings, 1000);
    report(u"statistics for a year (all panels built, chart drawn)"_s, years, 300);
    return 0;
}
