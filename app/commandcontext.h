// What every command gets: the data directory chosen on the command line and the output streams.
#pragma once

#include <QStringList>
#include <QTextStream>

struct CommandContext
{
    QString dataDir;      // resolved --data-dir / SWITCHBOARD_DATA_DIR / platform default
    QTextStream &out;
    QTextStream &err;
};

// Exit codes of the contract.
namespace ExitCode {
constexpr int Ok = 0;
constexpr int Failure = 1;
constexpr int Usage = 2;
}
