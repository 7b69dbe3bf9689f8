// `switchboard backup FILE` and `switchboard restore FILE`: a consistent copy of the database taken
// while calls are being routed, and putting one back (checked first, the current one kept aside).
#include "commands.h"
#include "commandsupport.h"

#include "datadir/routerlock.h"
#include "storage/database.h"
#include "storage/databasebackup.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace {

// The translation context of this command's messages: lupdate finds tr() only on a class.
struct BackupCommand
{
    Q_DECLARE_TR_FUNCTIONS(BackupCommand)
};

// The one FILE argument, or the help on standard error.
std::optional<QString> fileArgument(QCommandLineParser &parser, CommandContext &context, const QString &help)
{
    const QStringList words = parser.positionalArguments();
    if (words.size() != 1) {
        context.err << help;
        return std::nullopt;
    }
    return QFileInfo(words.first()).absoluteFilePath();
}

} // namespace

int runBackupCommand(CommandContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QString help = BackupCommand::tr(
        "Usage: switchboard backup FILE\n"
        "Copies the database (customers, bookings, settings, the call log) into FILE while calls go\n"
        "on being routed: the copy holds every call logged before it began, and is checked before\n"
        "it replaces FILE. Secrets stay encrypted with this computer's key. Restore it with\n"
        "`switchboard restore FILE`.\n");
    if (const int code = CommandSupport::parse(parser, context, u"backup"_s, arguments, help); code >= 0)
        return code;
    const std::optional<QString> file = fileArgument(parser, context, help);
    if (!file)
        return ExitCode::Usage;
    QString error;
    const std::optional<DatabaseBackup::Copied> copied
        = DatabaseBackup::copy(Database::fileNameIn(context.dataDir), *file, &error);
    if (!copied) {
        context.err << error << '\n';
        return ExitCode::Failure;
    }
    const QLocale locale;
    context.out << BackupCommand::tr("Backed up %n call(s) and everything else (%1) to %2 in %3 s.", nullptr,
                       int(copied->calls))
                       .arg(locale.formattedDataSize(copied->bytes), QDir::toNativeSeparators(*file),
                           locale.toString(double(copied->took.count()) / 1000.0, 'f', 1))
                << '\n';
    return ExitCode::Ok;
}

int runRestoreCommand(CommandContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QString help = BackupCommand::tr(
        "Usage: switchboard restore FILE\n"
        "Puts the database backed up in FILE in place of this data folder's, once FILE is found to be\n"
        "a Switchboard database that passes SQLite's integrity check. The database it replaces is\n"
        "kept in a folder beside it. Stop the router first (serve or the desktop app).\n");
    if (const int code = CommandSupport::parse(parser, context, u"restore"_s, arguments, help); code >= 0)
        return code;
    const std::optional<QString> file = fileArgument(parser, context, help);
    if (!file)
        return ExitCode::Usage;
    // Held for the whole restore: no router starts on the folder meanwhile.
    RouterLock lock(context.dataDir);
    QString error;
    if (!lock.acquire(&error)) {
        context.err << error << '\n';
        return ExitCode::Failure;
    }
    QString keptIn;
    bool fileAtFault = false;
    if (!DatabaseBackup::restore(context.dataDir, *file, &keptIn, &error, &fileAtFault)) {
        context.err << error << '\n';
        return fileAtFault ? ExitCode::Usage : ExitCode::Failure;
    }
    context.out << BackupCommand::tr("Restored %1. The database it replaced is kept in %2.")
                       .arg(QDir::toNativeSeparators(*file), QDir::toNativeSeparators(keptIn))
                << '\n';
    return ExitCode::Ok;
}
