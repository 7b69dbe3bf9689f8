// `switchboard twilio apply`: what the Setup panel's Apply to Twilio does, from the command line.
#include "commands.h"
#include "commandsupport.h"

#include "datadir/datadirectory.h"
#include "setup/twilioapply.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>

#include <QCoroTask>

using namespace Qt::StringLiterals;

namespace {

// The translation context of this command's messages: lupdate finds tr() only on a class.
struct TwilioCommand
{
    Q_DECLARE_TR_FUNCTIONS(TwilioCommand)
};

} // namespace

int runTwilioCommand(CommandContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QString help = TwilioCommand::tr(
        "Usage: switchboard twilio apply\n"
        "Points every routed number (twilio.numbers) at this app: its calls and call status changes come\n"
        "to the public URL, and when this computer cannot answer, Twilio runs a flow of its own (a Studio\n"
        "flow named \"Switchboard fallback\") that rings the fallback number, or takes a voicemail when the\n"
        "routing plan does. A Voice Fallback URL set by hand in twilio.voice_fallback_url is kept.\n"
        "Exits 0 when everything was done, 1 when anything was not.\n");
    if (const int code = CommandSupport::parse(parser, context, u"twilio"_s, arguments, help); code >= 0)
        return code;
    if (parser.positionalArguments() != QStringList { u"apply"_s }) {
        context.err << help;
        return ExitCode::Usage;
    }
    const std::unique_ptr<DataDirectory> data = CommandSupport::openDataDirectory(context);
    if (!data)
        return ExitCode::Failure;
    QNetworkAccessManager network;
    const TwilioApplyOutcome outcome = QCoro::waitFor(TwilioApply::run(&network, *data));
    for (qsizetype i = 0; i < outcome.lines.size(); ++i)
        (outcome.ok.at(i) ? context.out : context.err)
            << (outcome.ok.at(i) ? u"✓ "_s : u"✗ "_s) << outcome.lines.at(i) << '\n';
    return outcome.allOk() ? ExitCode::Ok : ExitCode::Failure;
}
