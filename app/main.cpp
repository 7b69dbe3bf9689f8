// Entry point of the `switchboard` binary.
#include "commandline.h"
#include "core.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationVersion(Switchboard::version());

    // The language follows the system (LANGUAGE, LC_ALL, LC_MESSAGES, LANG); English needs no file.
    // Qt's own catalogue covers the option parser's messages when the distribution ships it.
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), u"switchboard"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(&translator);

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    // A command prints its own result; only the long-running router narrates what it does.
    // QT_LOGGING_RULES still overrides this.
    const bool serving = arguments.contains(QStringLiteral("serve"));
    QLoggingCategory::setFilterRules(serving
            ? QStringLiteral("switchboard.*.debug=false")
            : QStringLiteral("switchboard.*.debug=false\nswitchboard.*.info=false"));
    return CommandLine(arguments).run();
}
