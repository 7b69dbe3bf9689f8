// `switchboard serve`: the headless router, until SIGINT or SIGTERM.
#include "commands.h"
#include "commandsupport.h"

#include "datadir/datadirectory.h"
#include "routing/callbackurls.h"
#include "server/feedserver.h"
#include "server/routerservice.h"
#include "settings/settings.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

// 127.0.0.1:8080, [::1]:8080.
QString hostAndPort(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                                             : address.toString();
    return host + u':' + QString::number(port);
}

bool parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon < 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint number = text.mid(colon + 1).toUInt(&ok);
    if (!ok || number > 65535)
        return false;
    if (host.isEmpty())
        host = u"127.0.0.1"_s;
    if (host == u"localhost"_s)
        host = u"127.0.0.1"_s;
    if (!address->setAddress(host))
        return false;
    *port = quint16(number);
    return true;
}

} // namespace

int runServeCommand(CommandContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({u"listen"_s, u"Where to listen (default: server.listen)."_s, u"HOST:PORT"_s});
    parser.addOption({u"feed-listen"_s, u"Where the live feed listens (default: feed.listen)."_s, u"HOST:PORT"_s});
    parser.addOption({u"verbose"_s, u"One log line per webhook answered, besides the usual ones."_s});
    const QString help = QCoreApplication::translate(
        "ServeCommand",
        "Usage: switchboard serve [--listen HOST:PORT] [--feed-listen HOST:PORT] [--verbose]\n"
        "Runs the call router without a window until SIGINT or SIGTERM. Listens on server.listen\n"
        "(default 127.0.0.1:8080) unless --listen says otherwise, and serves the live feed for other\n"
        "seats on feed.listen (default 127.0.0.1:8081) unless --feed-listen says otherwise. What it\n"
        "does is also written to logs/switchboard.log in the data folder (5 MiB, then rotated; three\n"
        "older files kept), with secrets and the webhook token redacted; under systemd, standard error\n"
        "is the journal. --verbose adds a line for every webhook answered.\n");
    if (const int code = CommandSupport::parse(parser, context, u"serve"_s, arguments, help); code >= 0)
        return code;
    if (!parser.positionalArguments().isEmpty()) {
        context.err << QCoreApplication::translate("ServeCommand", "serve takes no arguments besides its options.")
                    << '\n';
        return ExitCode::Usage;
    }

    QString listen;
    RouterSettings settings;
    {
        auto data = CommandSupport::openDataDirectory(context);
        if (!data)
            return ExitCode::Failure;
        settings = data->settings().routerSettings();
        CommandSupport::startLogFile(context, *data);
        listen = parser.isSet(u"listen"_s) ? parser.value(u"listen"_s)
                                           : settings.listenHost + u':' + QString::number(settings.listenPort);
    }
    QHostAddress address;
    quint16 port = 0;
    if (!parseListen(listen, &address, &port)) {
        context.err << QCoreApplication::translate("ServeCommand",
                                                   "--listen: \"%1\" is not HOST:PORT (for example 127.0.0.1:8080).")
                           .arg(listen)
                    << '\n';
        return ExitCode::Usage;
    }

    std::optional<std::pair<QHostAddress, quint16>> feedAddress;
    if (parser.isSet(u"feed-listen"_s)) {
        QHostAddress feedHost;
        quint16 feedPort = 0;
        if (!parseListen(parser.value(u"feed-listen"_s), &feedHost, &feedPort)) {
            context.err << QCoreApplication::translate("ServeCommand",
                                                       "--feed-listen: \"%1\" is not HOST:PORT (for example 127.0.0.1:8081).")
                               .arg(parser.value(u"feed-listen"_s))
                        << '\n';
            return ExitCode::Usage;
        }
        feedAddress = std::pair { feedHost, feedPort };
    }

    RouterService service(context.dataDir);
    service.enableFeed(feedAddress);
    QString error;
    if (!service.start(address, port, &error)) {
        context.err << error << '\n';
        return ExitCode::Failure;
    }
    // An address given here is kept; otherwise the router follows server.listen as it is changed.
    if (!parser.isSet(u"listen"_s)) {
        service.followListenSetting();
        QObject::connect(&service, &RouterService::moved, &service, [&context](const QHostAddress &to, quint16 toPort) {
            context.out << QCoreApplication::translate("ServeCommand", "server.listen changed: now listening on %1.")
                               .arg(hostAndPort(to, toPort))
                        << '\n';
            context.out.flush();
        });
        QObject::connect(&service, &RouterService::moveFailed, &service, [&context](const QString &problem) {
            context.err << QCoreApplication::translate("ServeCommand", "server.listen changed. %1. Still listening "
                                                                       "where it was.")
                               .arg(problem)
                        << '\n';
            context.err.flush();
        });
    }
    if (!CommandSupport::installQuitOnSignal(&service)) {
        context.err << QCoreApplication::translate("ServeCommand", "Cannot install the signal handlers.") << '\n';
        return ExitCode::Failure;
    }

    const QString local = u"http://"_s + hostAndPort(address, service.port());
    const CallbackUrls urls(settings.publicUrl.isEmpty() ? QUrl(local) : settings.publicUrl, settings.webhookToken);
    context.out << QCoreApplication::translate("ServeCommand", "Switchboard is routing calls on %1 (data: %2).")
                       .arg(local, context.dataDir)
                << '\n'
                << QCoreApplication::translate("ServeCommand", "Voice webhook:   %1").arg(urls.voice().toString())
                << '\n'
                << QCoreApplication::translate("ServeCommand", "Status callback: %1").arg(urls.status().toString())
                << '\n';
    if (const FeedServer *feed = service.feedServer())
        context.out << QCoreApplication::translate("ServeCommand", "Live feed:       %1")
                           .arg((feed->usesTls() ? u"wss://"_s : u"ws://"_s) + hostAndPort(feed->address(), feed->port())
                               + u"/feed"_s)
                    << '\n';
    else
        context.err << service.feedProblem() << '\n';
    if (settings.publicUrl.isEmpty())
        context.out << QCoreApplication::translate("ServeCommand",
                                                   "Note: server.public_url is not set; Twilio needs a public URL "
                                                   "(a tunnel or port-forward) to reach this machine.")
                    << '\n';
    if (settings.twilioAuthToken.isEmpty())
        context.out << QCoreApplication::translate("ServeCommand",
                                                   "Warning: twilio.auth_token is not set; every webhook will be "
                                                   "refused until it is.")
                    << '\n';
    if (!settings.routingEnabled)
        context.out << QCoreApplication::translate("ServeCommand",
                                                   "Routing is off (routing.enabled=false): calls ring the "
                                                   "fallback number.")
                    << '\n';
    context.out.flush();

    const int code = QCoreApplication::exec();
    context.out << QCoreApplication::translate("ServeCommand", "Stopped.") << '\n';
    return code == 0 ? ExitCode::Ok : ExitCode::Failure;
}
