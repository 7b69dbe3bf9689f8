// Small pieces shared by the commands: option parsing and opening the data directory.
#include "commandsupport.h"

#include "datadir/logfile.h"
#include "routing/routingplanloader.h"
#include "settings/settings.h"

#include "datadir/datadirectory.h"

#include <QSocketNotifier>

#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

int s_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(s_signalPipe[1], &byte, 1);
}

} // namespace

int CommandSupport::parse(QCommandLineParser &parser, CommandContext &context, const QString &commandName,
                          const QStringList &arguments, const QString &help)
{
    if (arguments.contains(u"--help"_s) || arguments.contains(u"-h"_s)) {
        context.out << help;
        return ExitCode::Ok;
    }
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(QStringList {u"switchboard "_s + commandName} + arguments)) {
        context.err << parser.errorText() << '\n' << help;
        return ExitCode::Usage;
    }
    return -1;
}

std::unique_ptr<DataDirectory> CommandSupport::openDataDirectory(CommandContext &context)
{
    auto data = std::make_unique<DataDirectory>(context.dataDir);
    QString error;
    if (!data->open(&error)) {
        context.err << error << '\n';
        return nullptr;
    }
    return data;
}

void CommandSupport::startLogFile(CommandContext &context, DataDirectory &data)
{
    const RouterSettings settings = data.settings().routerSettings();
    LogFile::addSecrets({ settings.twilioAuthToken, settings.twilioApiKeySecret, settings.retellApiKey,
        settings.webhookToken });
    QString error;
    if (!LogFile::install(data.path(), &error))
        context.err << QCoreApplication::translate("CommandSupport", "The log file cannot be written: %1").arg(error)
                    << '\n';
}

QTimeZone CommandSupport::planTimeZone(DataDirectory &data)
{
    const Result<RoutingModel> plan
        = RoutingPlanLoader(data.database(), data.settings().defaultRegion(), QString()).load();
    return plan && plan->timeZone.isValid() ? plan->timeZone : RoutingPlanLoader::localZone();
}

// A signal handler may only write a byte; the event loop reads it and quits.
bool CommandSupport::installQuitOnSignal(QObject *context)
{
    if (::pipe(s_signalPipe) != 0)
        return false;
    auto *notifier = new QSocketNotifier(s_signalPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [] { QCoreApplication::quit(); });
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return sigaction(SIGINT, &action, nullptr) == 0 && sigaction(SIGTERM, &action, nullptr) == 0;
}
