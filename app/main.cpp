// Entry point: parses the command line and runs one command (the desktop app by default).
#include "core.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationVersion(Switchboard::version());
    QTextStream(stdout) << "switchboard " << Switchboard::version() << '\n';
    return 0;
}
