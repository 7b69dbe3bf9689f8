// Splits the command line into the global options and one command, and runs it.
#include "commandline.h"

#include "commands.h"
#include "core.h"
#include "datadir/datadirectory.h"

using namespace Qt::StringLiterals;

namespace {

// The desktop app's options that may come without the word gui ("switchboard --dark").
bool isDesktopAppOption(const QString &argument)
{
    return argument.startsWith(u"--screenshot"_s) || argument == u"--verbose"_s || argument == u"--dark"_s;
}

} // namespace

CommandLine::CommandLine(QStringList arguments)
    : m_arguments(std::move(arguments))
{
}

QString CommandLine::usage()
{
    return tr("Usage: switchboard [--data-dir DIR] COMMAND [OPTIONS]\n"
              "\n"
              "Commands:\n"
              "  gui [--hidden] [--dark] [--screenshot DIR] [--verbose]\n"
              "                                        the desktop app (default); --hidden: in the tray only;\n"
              "                                        DIR: every panel as PNG\n"
              "  serve [--listen HOST:PORT] [--feed-listen HOST:PORT] [--verbose]\n"
              "                                        run the call router headless until stopped\n"
              "  config set KEY VALUE | get KEY | unset KEY | list | rotate KEY\n"
              "  import customers FILE.csv [--skip-invalid]\n"
              "  import bookings FILE.csv [--skip-invalid]\n"
              "  calls [--json] [--caller PREFIX] [--outcome OUTCOME] [--limit N]\n"
              "  calls show CALLSID [--json]\n"
              "  stats [--json] [--since DATE] [--until DATE] [--number E164]\n"
              "                                        calls per day and outcome, rates, durations, busiest\n"
              "                                        hours and who to call back (default: last 30 days)\n"
              "  plan export FILE | plan import FILE   the routing plan as one JSON document\n"
              "  simulate --from NUMBER [--to NUMBER] [--at ISO8601] [--digits D] [--json]\n"
              "                                        the path a call would take, calling nobody\n"
              "  backup FILE                           a consistent copy of the database, taken while\n"
              "                                        calls are routed\n"
              "  restore FILE                          put a backup back (checked first; the current\n"
              "                                        database is kept aside)\n"
              "  doctor [--json]                       the checks of Setup → Check setup; exit 0 only when\n"
              "                                        all pass\n"
              "  twilio apply                          point the routed numbers (and their fallback for\n"
              "                                        when this computer is off) at this app\n"
              "  monitor URL --token TOKEN [--json]    watch another Switchboard's live calls (token also\n"
              "                                        from SWITCHBOARD_FEED_TOKEN)\n"
              "\n"
              "Global options:\n"
              "  --data-dir DIR   where the database and settings live (env SWITCHBOARD_DATA_DIR)\n"
              "  --help           this text; `switchboard COMMAND --help` for one command\n"
              "  --version        the version\n");
}

int CommandLine::run()
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    // --data-dir is global and may stand before or after the command.
    QString dataDir;
    QStringList rest;
    for (qsizetype i = 0; i < m_arguments.size(); ++i) {
        const QString &argument = m_arguments.at(i);
        if (argument == u"--data-dir"_s) {
            if (i + 1 >= m_arguments.size()) {
                err << tr("--data-dir needs a folder.") << '\n';
                return ExitCode::Usage;
            }
            dataDir = m_arguments.at(++i);
        } else if (argument.startsWith(u"--data-dir="_s)) {
            dataDir = argument.mid(11);
        } else {
            rest << argument;
        }
    }

    // The desktop app's own options may stand alone, without the word gui.
    const QString command = rest.isEmpty() || isDesktopAppOption(rest.first()) ? u"gui"_s : rest.takeFirst();
    if (command == u"--help"_s || command == u"-h"_s || command == u"help"_s) {
        out << usage();
        return ExitCode::Ok;
    }
    if (command == u"--version"_s) {
        out << "switchboard " << Switchboard::version() << '\n';
        return ExitCode::Ok;
    }

    CommandContext context {DataDirectory::resolve(dataDir), out, err};
    if (command == u"serve"_s)
        return runServeCommand(context, rest);
    if (command == u"config"_s)
        return runConfigCommand(context, rest);
    if (command == u"import"_s)
        return runImportCommand(context, rest);
    if (command == u"calls"_s)
        return runCallsCommand(context, rest);
    if (command == u"stats"_s)
        return runStatsCommand(context, rest);
    if (command == u"plan"_s)
        return runPlanCommand(context, rest);
    if (command == u"simulate"_s)
        return runSimulateCommand(context, rest);
    if (command == u"backup"_s)
        return runBackupCommand(context, rest);
    if (command == u"restore"_s)
        return runRestoreCommand(context, rest);
    if (command == u"doctor"_s)
        return runDoctorCommand(context, rest);
    if (command == u"twilio"_s)
        return runTwilioCommand(context, rest);
    if (command == u"monitor"_s)
        return runMonitorCommand(context, rest);
    if (command == u"gui"_s)
        return runGuiCommand(context, rest);
    err << tr("Unknown command \"%1\".").arg(command) << "\n\n" << usage();
    return ExitCode::Usage;
}

bool CommandLine::wantsDesktop(const QStringList &arguments)
{
    QStringList rest;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (arguments.at(i) == u"--data-dir"_s)
            ++i;
        else if (!arguments.at(i).startsWith(u"--data-dir="_s))
            rest << arguments.at(i);
    }
    return rest.isEmpty() || rest.first() == u"gui"_s || isDesktopAppOption(rest.first());
}
