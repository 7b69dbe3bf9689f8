// Entry point of the `switchboard` binary.
#include "commandline.h"
#include "core.h"
#include "desktop/uistate.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {
// Without a display QApplication aborts; say so in one sentence instead.
bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
        || qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}
} // namespace

int main(int argc, char *argv[])
{
    QStringList given;
    for (int i = 1; i < argc; ++i)
        given << QString::fromLocal8Bit(argv[i]);
    const bool desktop = CommandLine::wantsDesktop(given) && !given.contains(u"--help"_s);
    if (desktop && !hasDisplay()) {
        std::fprintf(stderr, "%s\n",
            "The desktop app needs a display; run `switchboard serve` for the router without a window.");
        return 1;
    }
    std::unique_ptr<QCoreApplication> application
        = desktop ? std::make_unique<QApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    Q_UNUSED(application);
    QCoreApplication::setOrganizationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationName(QStringLiteral("Switchboard"));
    QCoreApplication::setApplicationVersion(Switchboard::version());

    // The language follows the system (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) unless the desktop app
    // was told otherwise. English, and a language without a catalogue of its own, get the English
    // one: it holds only the plural forms ("1 call", "2 calls"). Qt's own catalogue covers the
    // option parser's messages when the distribution ships it.
    const QString chosen = desktop ? UiState::savedLanguage() : QString();
    const QLocale locale = chosen.isEmpty() ? QLocale() : QLocale(chosen);
    if (!chosen.isEmpty())
        QLocale::setDefault(locale);
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(locale, u"switchboard"_s, u"_"_s, u":/i18n"_s)
        || translator.load(u"switchboard_en"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(&translator);

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    // A command prints its own result; only the long-running router (serve, the desktop app) narrates what
    // it does, and with --verbose every webhook it answers. QT_LOGGING_RULES still overrides this.
    const bool routing = desktop || arguments.contains(QStringLiteral("serve"));
    const bool verbose = routing && arguments.contains(QStringLiteral("--verbose"));
    QLoggingCategory::setFilterRules(verbose ? QStringLiteral("switchboard.*.debug=true")
            : routing ? QStringLiteral("switchboard.*.debug=false")
                      : QStringLiteral("switchboard.*.debug=false\nswitchboard.*.info=false"));
    return CommandLine(arguments).run();
}
