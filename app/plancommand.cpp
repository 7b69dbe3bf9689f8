// `switchboard plan export FILE | plan import FILE`: the whole routing model as one JSON document.
#include "commands.h"
#include "commandsupport.h"

#include "datadir/datadirectory.h"
#include "routing/routingplanloader.h"
#include "settings/settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace {

// The translation context of this command's messages: lupdate finds tr() only on a class.
struct PlanCommand
{
    Q_DECLARE_TR_FUNCTIONS(PlanCommand)
};

// "-" is standard input, so a plan can be piped in.
std::optional<QByteArray> readInput(const QString &file, QString *error)
{
    QFile input;
    const bool opened = file == u"-"_s ? input.open(stdin, QIODevice::ReadOnly)
                                       : (input.setFileName(file), input.open(QIODevice::ReadOnly));
    if (!opened) {
        *error = PlanCommand::tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(file), input.errorString());
        return std::nullopt;
    }
    return input.readAll();
}

// Written whole or not at all, so a failed export never leaves half a plan behind.
bool writeOutput(const QString &file, const QByteArray &document, CommandContext &context, QString *error)
{
    if (file == u"-"_s) {
        context.out << QString::fromUtf8(document);
        context.out.flush();
        return true;
    }
    QSaveFile output(file);
    if (!output.open(QIODevice::WriteOnly) || output.write(document) != document.size() || !output.commit()) {
        *error = PlanCommand::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(file), output.errorString());
        return false;
    }
    return true;
}

int countRules(const RoutingModel &model)
{
    int rules = 0;
    for (const RoutingPlan &plan : model.plans)
        rules += int(plan.rules.size());
    return rules;
}

} // namespace

int runPlanCommand(CommandContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QString help = PlanCommand::tr(
        "Usage: switchboard plan export FILE\n"
        "       switchboard plan import FILE\n"
        "The routing plan (staff, schedules, teams, caller lists, messages and the rules of each\n"
        "number) as one JSON document; FILE may be - for standard output or input. An import\n"
        "checks the whole document first and changes nothing when anything is wrong, naming\n"
        "the JSON path at fault.\n");
    if (const int code = CommandSupport::parse(parser, context, u"plan"_s, arguments, help); code >= 0)
        return code;
    const QStringList words = parser.positionalArguments();
    const QString action = words.value(0);
    if (words.size() != 2 || (action != u"export"_s && action != u"import"_s)) {
        context.err << help;
        return ExitCode::Usage;
    }
    const QString file = words.at(1);
    const QString shownName = file == u"-"_s ? PlanCommand::tr("standard input") : QDir::toNativeSeparators(file);

    auto data = CommandSupport::openDataDirectory(context);
    if (!data)
        return ExitCode::Failure;
    const RoutingPlanLoader loader(data->database(),
        data->settings().defaultRegion(),
        data->settings().value(u"routing.fallback_number"_s).value_or(QString()));

    QString error;
    if (action == u"export"_s) {
        bool imported = false;
        const Result<RoutingModel> model = loader.load(&imported);
        if (!model) {
            context.err << model.error() << '\n';
            return ExitCode::Failure;
        }
        if (!writeOutput(file, PlanDocument::toJson(*model), context, &error)) {
            context.err << error << '\n';
            return ExitCode::Failure;
        }
        if (file != u"-"_s) {
            context.out << (imported
                                   ? PlanCommand::tr("Wrote the routing plan to %1.").arg(shownName)
                                   : PlanCommand::tr("Wrote the built-in routing plan (booked callers to the AI "
                                                     "agent, everyone else to the fallback number) to %1.")
                                         .arg(shownName))
                        << '\n';
        }
        return ExitCode::Ok;
    }

    const std::optional<QByteArray> json = readInput(file, &error);
    if (!json) {
        context.err << error << '\n';
        return ExitCode::Usage;
    }
    const PlanDocument::ParseResult result = loader.import(*json);
    if (!result.model) {
        for (const QString &fault : result.errors)
            context.err << shownName << ": " << fault << '\n';
        context.err << PlanCommand::tr("Nothing was imported from %1: %n fault(s).", nullptr, int(result.errors.size()))
                           .arg(shownName)
                    << '\n';
        return ExitCode::Usage;
    }
    const RoutingModel &model = *result.model;
    context.out << PlanCommand::tr("Imported the routing plan from %1: %2 staff, %3, %4 with %5.")
                       .arg(shownName)
                       .arg(model.staff.size())
                       .arg(PlanCommand::tr("%n team(s)", nullptr, int(model.teams.size())),
                           PlanCommand::tr("%n plan(s)", nullptr, int(model.plans.size())),
                           PlanCommand::tr("%n rule(s)", nullptr, int(countRules(model))))
                << '\n';
    return ExitCode::Ok;
}
