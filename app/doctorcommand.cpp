// `switchboard doctor [--json]`: the checks of Setup → Check setup, and whether a router runs on this data
// folder; exit 0 only when every one passes.
#include "commands.h"
#include "commandsupport.h"

#include "datadir/datadirectory.h"
#include "datadir/routerlock.h"
#include "settings/settings.h"
#include "setup/setupcheck.h"
#include "setup/twilioapply.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <QCoroTask>

using namespace Qt::StringLiterals;

namespace {

// The translation context of this command's messages: lupdate finds tr() only on a class.
struct DoctorCommand
{
    Q_DECLARE_TR_FUNCTIONS(DoctorCommand)
};

SetupCheckLine routerRunning(const QString &dataDir)
{
    const QString title = DoctorCommand::tr("Router running");
    const std::optional<qint64> pid = RouterLock::runningRouter(dataDir);
    if (!pid) {
        return { title, false,
            DoctorCommand::tr("No Switchboard is routing calls from this data folder, so this computer answers no "
                              "calls."),
            DoctorCommand::tr("Start the desktop app or `switchboard serve` (as a service: `systemctl enable --now "
                              "switchboard`).") };
    }
    return { title, true, DoctorCommand::tr("A Switchboard (process %1) routes calls from this data folder.").arg(*pid), {} };
}

} // namespace

int runDoctorCommand(CommandContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({ u"json"_s, DoctorCommand::tr("Print the findings as JSON.") });
    const QString help = DoctorCommand::tr(
        "Usage: switchboard doctor [--json]\n"
        "Checks what Setup → Check setup checks: the Twilio account, that each routed number points here and\n"
        "at the fallback for when this computer cannot answer, what that fallback does, that the public URL\n"
        "is one Twilio can reach (not this computer's loopback, a private range or plain http; the port the\n"
        "router listens on) and reaches this app, the Retell voice agent and the fallback number; and that a\n"
        "router is running on this data folder. Each finding comes with what to do about it.\n"
        "Exits 0 when every check passes, 1 otherwise.\n"
        "  --json   {ok, checks: [{title, ok, detail, fix}]}\n");
    if (const int code = CommandSupport::parse(parser, context, u"doctor"_s, arguments, help); code >= 0)
        return code;
    if (!parser.positionalArguments().isEmpty()) {
        context.err << help;
        return ExitCode::Usage;
    }
    const std::unique_ptr<DataDirectory> data = CommandSupport::openDataDirectory(context);
    if (!data)
        return ExitCode::Failure;
    const RouterSettings settings = data->settings().routerSettings();
    QNetworkAccessManager network;
    SetupCheck check(&network, settings);
    check.expectFallback(TwilioApply::fallbackPlan(*data, settings));
    // People read numbers the practice's way; scripts match them as stored.
    if (parser.isSet(u"json"_s))
        check.writeNumbersAsE164();
    QList<SetupCheckLine> lines = QCoro::waitFor(check.run());
    lines.append(routerRunning(context.dataDir));

    const bool allPassed = std::all_of(lines.cbegin(), lines.cend(), [](const SetupCheckLine &line) { return line.ok; });
    if (parser.isSet(u"json"_s)) {
        QJsonArray checks;
        for (const SetupCheckLine &line : std::as_const(lines))
            checks.append(QJsonObject { { u"title"_s, line.title }, { u"ok"_s, line.ok }, { u"detail"_s, line.detail },
                { u"fix"_s, line.fix } });
        context.out << QJsonDocument(QJsonObject { { u"ok"_s, allPassed }, { u"checks"_s, checks } }).toJson(QJsonDocument::Indented);
    } else {
        for (const SetupCheckLine &line : std::as_const(lines)) {
            context.out << (line.ok ? u"✓ "_s : u"✗ "_s) << line.title;
            if (!line.detail.isEmpty())
                context.out << u": "_s << line.detail;
            context.out << '\n';
            if (!line.ok && !line.fix.isEmpty())
                context.out << u"    "_s << line.fix << '\n';
        }
    }
    return allPassed ? ExitCode::Ok : ExitCode::Failure;
}
