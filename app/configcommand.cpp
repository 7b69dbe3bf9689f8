// `switchboard config`: read and change settings; secrets are shown as (set), never their value.
#include "commands.h"
#include "commandsupport.h"

#include "datadir/datadirectory.h"
#include "settings/settings.h"

#include <QCoreApplication>
#include <QFile>

using namespace Qt::StringLiterals;

namespace {

// The translation context of this command's messages: lupdate finds tr() only on a class.
struct ConfigCommand
{
    Q_DECLARE_TR_FUNCTIONS(ConfigCommand)
};

} // namespace

int runConfigCommand(CommandContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QString help
        = ConfigCommand::tr("Usage: switchboard config set KEY VALUE | get KEY | unset KEY | list\n"
                            "Settings are checked when set; phone numbers are stored as E.164. Secrets\n"
                            "(twilio.auth_token, retell.api_key) are stored encrypted and shown as (set).\n")
        + ConfigCommand::tr("       switchboard config rotate feed.view_token | feed.control_token\n"
                            "Makes a new token for the live feed and prints it; seats that used the old one\n"
                            "are refused from then on.\n")
        + ConfigCommand::tr(
            "A VALUE of - is read from standard input, which keeps a secret out of the shell\n"
            "history and the process list.\n");
    if (const int code = CommandSupport::parse(parser, context, u"config"_s, arguments, help); code >= 0)
        return code;
    const QStringList words = parser.positionalArguments();
    const QString action = words.value(0);
    const bool namesKey = action == u"get"_s || action == u"unset"_s || action == u"rotate"_s;
    const qsizetype expected = action == u"set"_s ? 3 : namesKey ? 2 : 1;
    if (action.isEmpty()
        || (action != u"set"_s && !namesKey && action != u"list"_s)
        || words.size() != expected) {
        context.err << help;
        return ExitCode::Usage;
    }
    // `set` of an unknown key is explained by Settings (with the nearest known key).
    if (namesKey && !Settings::isKnownKey(words.at(1))) {
        context.err << ConfigCommand::tr(
            "Unknown setting \"%1\"; run `switchboard config list` to see them all.")
                           .arg(words.at(1))
                    << '\n';
        return ExitCode::Usage;
    }

    auto data = CommandSupport::openDataDirectory(context);
    if (!data)
        return ExitCode::Failure;
    Settings &settings = data->settings();
    QString error;
    if (action == u"set"_s) {
        QString value = words.at(2);
        if (value == u"-"_s) {
            QFile input;
            if (!input.open(stdin, QIODevice::ReadOnly)) {
                context.err
                    << ConfigCommand::tr("Cannot read the value of %1 from standard input.").arg(words.at(1))
                    << '\n';
                return ExitCode::Failure;
            }
            // The first line, as `echo` or a password manager's pipe gives it.
            value = QString::fromUtf8(input.readLine()).remove(u'\n').remove(u'\r');
            if (value.isEmpty()) {
                context.err
                    << ConfigCommand::tr("No value for %1 arrived on standard input.").arg(words.at(1))
                    << '\n';
                return ExitCode::Usage;
            }
        }
        if (!settings.set(words.at(1), value, &error)) {
            context.err << error << '\n';
            return ExitCode::Usage;
        }
        return ExitCode::Ok;
    }
    if (action == u"unset"_s) {
        if (!settings.unset(words.at(1), &error)) {
            context.err << error << '\n';
            return ExitCode::Failure;
        }
        return ExitCode::Ok;
    }
    if (action == u"rotate"_s) {
        QString token;
        if (!settings.rotate(words.at(1), &token, &error)) {
            context.err << error << '\n';
            return ExitCode::Usage;
        }
        // Printed once, here, because a person has to hand it to a seat; `get` shows it as (set).
        context.out << token << '\n';
        return ExitCode::Ok;
    }
    if (action == u"get"_s) {
        context.out << settings.displayValue(words.at(1)) << '\n';
        return ExitCode::Ok;
    }
    const auto rows = settings.displayList();
    qsizetype width = 0;
    for (const auto &[key, value] : rows)
        width = qMax(width, key.size());
    for (const auto &[key, value] : rows)
        context.out << key.leftJustified(width) << "  " << value << '\n';
    return ExitCode::Ok;
}
