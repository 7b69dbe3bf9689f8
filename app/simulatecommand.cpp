// `switchboard simulate`: the path a call would take through the routing plan, calling nobody.
#include "commands.h"
#include "commandsupport.h"

#include "datadir/datadirectory.h"
#include "routing/callsimulator.h"
#include "settings/settings.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {

// The translation context of this command's messages: lupdate finds tr() only on a class.
struct SimulateCommand
{
    Q_DECLARE_TR_FUNCTIONS(SimulateCommand)
};

void printText(const Simulation &simulation, QTextStream &out)
{
    const QDateTime local = simulation.at.toTimeZone(QTimeZone(simulation.timeZone.toUtf8()));
    out << SimulateCommand::tr("Call from %1 to %2 on %3 (%4)")
               .arg(simulation.from,
                   simulation.to.isEmpty() ? SimulateCommand::tr("a number without its own plan") : simulation.to,
                   local.toString(u"ddd yyyy-MM-dd HH:mm"_s), simulation.timeZone)
        << '\n';
    if (!simulation.customerName.isEmpty()) {
        out << (simulation.bookingId.isEmpty()
                       ? SimulateCommand::tr("Caller: %1, no active booking").arg(simulation.customerName)
                       : SimulateCommand::tr("Caller: %1, active booking %2").arg(simulation.customerName, simulation.bookingId))
            << '\n';
    } else {
        out << SimulateCommand::tr("Caller: not a saved customer") << '\n';
    }
    if (simulation.blocked && simulation.matchedRule.isEmpty())
        out << SimulateCommand::tr("Refused by the allow/block lists.") << '\n';
    else if (simulation.matchedRule.isEmpty())
        out << SimulateCommand::tr("Rule: none applies; the never-drop order takes over.") << '\n';
    else
        out << SimulateCommand::tr("Rule: \"%1\", because %2.").arg(simulation.matchedRule, simulation.matchedWhy) << '\n';

    if (!simulation.dialOrder.isEmpty()) {
        out << SimulateCommand::tr("Dialed in this order (people within a tier are shuffled on each call):") << '\n';
        int position = 0;
        for (const Simulation::Dial &dial : simulation.dialOrder) {
            out << "  " << ++position << ". " << dial.name;
            if (dial.name != dial.phone)
                out << " (" << dial.phone << ')';
            if (dial.tier > 0)
                out << ", " << SimulateCommand::tr("tier %1").arg(dial.tier);
            out << '\n';
        }
    }
    if (!simulation.skipped.isEmpty()) {
        out << SimulateCommand::tr("Skipped:") << '\n';
        for (const SkippedStaff &skip : simulation.skipped)
            out << "  " << (skip.name.isEmpty() ? skip.staffId : skip.name) << ": " << skip.reason << '\n';
    }
    out << SimulateCommand::tr("Steps, if nobody answers:") << '\n';
    for (const Simulation::Step &step : simulation.steps) {
        out << "  " << CallLogNames::name(step.step) << ": " << step.detail << '\n';
        if (!step.twiml.isEmpty())
            out << "      " << step.twiml << '\n';
    }
    out << simulation.ending << '\n';
}

} // namespace

int runSimulateCommand(CommandContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({ u"from"_s, SimulateCommand::tr("The caller's number (or \"anonymous\")."), u"NUMBER"_s });
    parser.addOption({ u"to"_s, SimulateCommand::tr("The number called (default: the first of twilio.numbers)."),
        u"NUMBER"_s });
    parser.addOption({ u"at"_s,
        SimulateCommand::tr("When the call comes in, ISO 8601; without an offset, in the plan's time zone "
                            "(default: now)."),
        u"TIME"_s });
    parser.addOption({ u"digits"_s, SimulateCommand::tr("The keys the caller presses, one per menu prompt."), u"D"_s });
    parser.addOption({ u"json"_s, SimulateCommand::tr("JSON output.") });
    const QString help = SimulateCommand::tr(
        "Usage: switchboard simulate --from NUMBER [--to NUMBER] [--at ISO8601] [--digits D] [--json]\n"
        "Runs the routing plan on a made-up call against the saved customers and bookings and prints\n"
        "the path it would take: the rule that applies and why, who would be rung in what order and\n"
        "who is skipped and why, and the TwiML of each step. Nobody is called and nothing is written\n"
        "to the call log; nobody answers, so the path goes on to its very end.\n");
    if (const int code = CommandSupport::parse(parser, context, u"simulate"_s, arguments, help); code >= 0)
        return code;
    if (!parser.isSet(u"from"_s) || !parser.positionalArguments().isEmpty()) {
        context.err << help;
        return ExitCode::Usage;
    }
    SimulationRequest request;
    request.from = parser.value(u"from"_s);
    request.to = parser.value(u"to"_s);
    request.digits = parser.value(u"digits"_s);
    if (parser.isSet(u"at"_s)) {
        request.at = QDateTime::fromString(parser.value(u"at"_s), Qt::ISODate);
        if (!request.at.isValid()) {
            context.err << SimulateCommand::tr("--at: \"%1\" is not an ISO 8601 time such as 2026-12-24T09:30 or "
                                               "2026-12-24T09:30:00-05:00.")
                               .arg(parser.value(u"at"_s))
                        << '\n';
            return ExitCode::Usage;
        }
    }
    for (const QChar key : std::as_const(request.digits)) {
        if (!key.isDigit() && key != u'*' && key != u'#') {
            context.err << SimulateCommand::tr("--digits: \"%1\" is not a phone key.").arg(key) << '\n';
            return ExitCode::Usage;
        }
    }

    auto data = CommandSupport::openDataDirectory(context);
    if (!data)
        return ExitCode::Failure;
    CallSimulator simulator(data->database(), data->settings().routerSettings());
    const Result<Simulation> simulation = simulator.run(request);
    if (!simulation) {
        context.err << simulation.error() << '\n';
        return ExitCode::Usage;
    }
    if (parser.isSet(u"json"_s))
        context.out << QString::fromUtf8(QJsonDocument(simulation->toJson()).toJson(QJsonDocument::Indented));
    else
        printText(*simulation, context.out);
    return ExitCode::Ok;
}
