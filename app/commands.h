// The commands of the `switchboard` binary; each takes its own arguments (after the command word).
#pragma once

#include "commandcontext.h"

int runServeCommand(CommandContext &context, const QStringList &arguments);
int runConfigCommand(CommandContext &context, const QStringList &arguments);
int runImportCommand(CommandContext &context, const QStringList &arguments);
int runCallsCommand(CommandContext &context, const QStringList &arguments);
int runPlanCommand(CommandContext &context, const QStringList &arguments);
int runSimulateCommand(CommandContext &context, const QStringList &arguments);
int runGuiCommand(CommandContext &context, const QStringList &arguments);
int runStatsCommand(CommandContext &context, const QStringList &arguments);
int runBackupCommand(CommandContext &context, const QStringList &arguments);
int runRestoreCommand(CommandContext &context, const QStringList &arguments);
int runTwilioCommand(CommandContext &context, const QStringList &arguments);
int runDoctorCommand(CommandContext &context, const QStringList &arguments);
int runMonitorCommand(CommandContext &context, const QStringList &arguments);
