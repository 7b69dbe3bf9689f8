// `switchboard [gui]`: the desktop app, with the router running on its own thread for as long as
// the app runs; `--screenshot DIR` renders every panel with sample data instead.
#include "commands.h"
#include "commandsupport.h"

#include "calls/livemonitorpanel.h"
#include "datadir/datadirectory.h"
#include "desktop/singleinstance.h"
#include "look/darkpalette.h"
#include "plan/testcallpanel.h"
#include "server/routerhost.h"
#include "settings/settings.h"
#include "setup/setupassistant.h"
#include "shell/mainwindow.h"
#include "shell/sampledata.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QLineEdit>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

struct GuiCommand
{
    Q_DECLARE_TR_FUNCTIONS(GuiCommand)
};

void settle(int ms)
{
    QEventLoop waiting;
    QTimer::singleShot(ms, &waiting, &QEventLoop::quit);
    waiting.exec();
}

bool saveScreenshot(CommandContext &context, QWidget &window, const QString &file)
{
    if (!window.grab().save(file)) {
        context.err << GuiCommand::tr("Cannot write %1.").arg(QDir::toNativeSeparators(file)) << '\n';
        return false;
    }
    context.out << QDir::toNativeSeparators(file) << '\n';
    return true;
}

// Every panel at 1280×800, filled with the sample practice, as DIR/<panel>.png, and each further
// tab of a panel as DIR/<panel>-<tab>.png.
int renderScreenshots(CommandContext &context, const QString &outputDir)
{
    // The sample practice is set up, which would make the Setup panel write a start-at-login entry for
    // it, and the window remembers its layout: both go to a throwaway place, not the user's session.
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir sampleDir;
    DataDirectory data(sampleDir.path());
    QString error;
    if (!sampleDir.isValid() || !data.open(&error) || !SampleData::fill(data, &error)) {
        context.err << GuiCommand::tr("Cannot prepare the sample data: %1").arg(error) << '\n';
        return ExitCode::Failure;
    }
    if (!QDir().mkpath(outputDir)) {
        context.err << GuiCommand::tr("Cannot create %1.").arg(QDir::toNativeSeparators(outputDir)) << '\n';
        return ExitCode::Failure;
    }
    RouterHost router(data.path());
    QEventLoop waiting;
    QObject::connect(&router, &RouterHost::started, &waiting, &QEventLoop::quit);
    QObject::connect(&router, &RouterHost::failed, &waiting, &QEventLoop::quit);
    router.start(QHostAddress::LocalHost, 0);
    waiting.exec();

    MainWindow window(data, router);
    SampleData::fillLiveCalls(*window.liveMonitor()->model());
    // Test a call shows a booked patient's path rather than an empty form.
    if (auto *testCall = window.findChild<TestCallPanel *>()) {
        testCall->fromField()->setText(u"(555) 123-0001"_s);
        testCall->run();
    }
    // 1280×800 whatever the screen (the offscreen one is smaller, where the window would open maximised).
    window.setWindowState(Qt::WindowNoState);
    window.resize(1280, 800);
    window.show();
    for (const QString &id : window.panelIds()) {
        window.showPanel(id);
        // A panel with a list shows its first row's details, as someone looking at it would.
        for (QTableView *table : window.panel(id)->findChildren<QTableView *>()) {
            if (table->isVisible() && table->model() && table->model()->rowCount() > 0) {
                if (!table->selectionModel()->hasSelection())
                    table->selectRow(0);
                break;
            }
        }
        // The panels' short delays (search, details) run out before the picture is taken.
        settle(400);
        if (!saveScreenshot(context, window, QDir(outputDir).filePath(id + u".png"_s)))
            return ExitCode::Failure;
        // A panel with tabs shows each of the others too, as <panel>-<tab>.png.
        if (auto *tabs = window.panel(id)->findChild<QTabWidget *>()) {
            for (int tab = 1; tab < tabs->count(); ++tab) {
                tabs->setCurrentIndex(tab);
                settle(400);
                const QString name = tabs->widget(tab)->objectName();
                const QString file = u"%1-%2.png"_s.arg(id, name.isEmpty() ? QString::number(tab + 1) : name);
                if (!saveScreenshot(context, window, QDir(outputDir).filePath(file)))
                    return ExitCode::Failure;
            }
            tabs->setCurrentIndex(0);
        }
    }
    // The set-up assistant, each page as DIR/assistant-<n>-<page>.png, with the sample practice's answers.
    const QMetaEnum pages = QMetaEnum::fromType<SetupAssistant::Page>();
    for (int i = 0; i < pages.keyCount(); ++i) {
        SetupAssistant assistant(data, window.findChild<QNetworkAccessManager *>(), &window);
        assistant.setStartId(pages.value(i));
        assistant.show();
        settle(400);
        const QString file = u"assistant-%1-%2.png"_s.arg(i).arg(
            QString::fromLatin1(pages.key(i)).remove(u"Page"_s).toLower());
        if (!saveScreenshot(context, assistant, QDir(outputDir).filePath(file)))
            return ExitCode::Failure;
    }
    return ExitCode::Ok;
}

} // namespace

int runGuiCommand(CommandContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({ u"screenshot"_s,
        GuiCommand::tr("Render every panel with sample data into DIR and exit."), u"DIR"_s });
    parser.addOption({ u"hidden"_s,
        GuiCommand::tr("Start in the system tray without opening the window (as at login); without a tray "
                       "the window opens anyway.") });
    parser.addOption({ u"verbose"_s, GuiCommand::tr("One log line per webhook answered, besides the usual ones.") });
    parser.addOption({ u"dark"_s, GuiCommand::tr("Dark colours, whatever the desktop's theme (with --screenshot too).") });
    const QString help
        = GuiCommand::tr("Usage: switchboard [gui] [--hidden] [--dark] [--screenshot DIR] [--verbose]\n"
                         "Opens the desktop app; the call router runs inside it for as long as it runs. What it\n"
                         "does is also written to logs/switchboard.log in the data folder (--verbose: a line for\n"
                         "every webhook answered).\n");
    if (const int code = CommandSupport::parse(parser, context, u"gui"_s, arguments, help); code >= 0)
        return code;
    if (!qobject_cast<QApplication *>(QCoreApplication::instance())) {
        context.err << GuiCommand::tr("The desktop app needs a display.") << '\n';
        return ExitCode::Failure;
    }
    if (parser.isSet(u"dark"_s))
        DarkPalette::apply();
    if (parser.isSet(u"screenshot"_s))
        return renderScreenshots(context, parser.value(u"screenshot"_s));

    auto data = CommandSupport::openDataDirectory(context);
    if (!data)
        return ExitCode::Failure;
    SingleInstance instance(data->path());
    if (!instance.claim()) {
        context.out << GuiCommand::tr(
            "Switchboard is already open for this data folder; brought it to the front.")
                    << '\n';
        return ExitCode::Ok;
    }
    CommandSupport::startLogFile(context, *data);

    const RouterSettings settings = data->settings().routerSettings();
    RouterHost router(data->path());
    router.start(QHostAddress(settings.listenHost), settings.listenPort, true);
    MainWindow window(*data, router);
    QObject::connect(&instance, &SingleInstance::activationRequested, &window, &MainWindow::bringToFront);
    // The window is not the router: closing it leaves the router answering (from the tray, or after
    // asking when there is none); only the window's Quit ends the app.
    QApplication::setQuitOnLastWindowClosed(false);
    QObject::connect(&window, &MainWindow::quitRequested, qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    // Started at login, the app keeps out of the way in the tray; with no tray to bring it back from, a
    // hidden window could not be reached at all.
    if (!parser.isSet(u"hidden"_s) || !QSystemTrayIcon::isSystemTrayAvailable()) {
        window.show();
        // A new owner's first start: the assistant takes them from here to a routed call.
        // Once the window has its place on the screen, so that the assistant opens centred over it.
        if (SetupAssistant::isWanted(*data))
            QTimer::singleShot(0, &window, &MainWindow::openSetupAssistant);
    }
    return QApplication::exec();
}
