// Entry point of the `switchboard` binary.
#include "commandline.h"
#include "core.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationVersion(Switchboard::version());
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    // A command prints its own result; only the long-running router narrates what it does.
    // QT_LOGGING_RULES still overrides this.
    const bool serving = arguments.contains(QStringLiteral("serve"));
    QLoggingCategory::setFilterRules(serving ? QStringLiteral("switchboard.*.debug=false")
                                             : QStringLiteral("switchboard.*.debug=false\nswitchboard.*.info=false"));
    return CommandLine(arguments).run();
}
