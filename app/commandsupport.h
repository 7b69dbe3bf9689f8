// Small pieces shared by the commands: option parsing, opening the data directory, quitting on a signal.
#pragma once

#include "commandcontext.h"

#include <QCommandLineParser>
#include <QTimeZone>

#include <memory>

class DataDirectory;

namespace CommandSupport {
// Parses `arguments` for `commandName`; prints the error (exit 2) or the help (exit 0) itself.
// Returns -1 when the command should go on.
int parse(QCommandLineParser &parser, CommandContext &context, const QString &commandName,
          const QStringList &arguments, const QString &help);
// Opens the data directory, printing the reason when it cannot be opened.
std::unique_ptr<DataDirectory> openDataDirectory(CommandContext &context);
// The routing plan's time zone, the business's own: times a person reads or writes are on its clock.
// This computer's zone when the plan names none or cannot be read.
QTimeZone planTimeZone(DataDirectory &data);
// For the commands that run until stopped (serve, monitor): SIGINT and SIGTERM quit the event loop cleanly,
// so that exec() returns 0. False when the handlers could not be installed.
bool installQuitOnSignal(QObject *context);
// For the commands that run the router: its messages also go to the data folder's rotated log file, with
// the saved secrets redacted. A log file that cannot be opened is said on standard error; the router runs on.
void startLogFile(CommandContext &context, DataDirectory &data);
}
