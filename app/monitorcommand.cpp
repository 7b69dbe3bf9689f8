// `switchboard monitor URL`: another Switchboard's live calls in a terminal, one line per change (or every
// message as a JSON line), until SIGINT or SIGTERM; a refused token ends it at once.
#include "commands.h"
#include "commandsupport.h"

#include "feed/certificatefingerprint.h"
#include "feed/feedclient.h"
#include "feed/livecallboard.h"
#include "phone/phonenormalizer.h"
#include "settings/settings.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QLocale>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

// The translation context of this command's messages: lupdate finds tr() only on a class.
struct MonitorCommand
{
    Q_DECLARE_TR_FUNCTIONS(MonitorCommand)
};

// The remote router's region is not in its feed: numbers read the way this computer's practice writes
// them when it has a data folder, else the contract's default. Nothing is created for a monitor.
QString localRegion(const QString &dataDir)
{
    const QString file = Database::fileNameIn(dataDir);
    if (!QFileInfo::exists(file))
        return u"US"_s;
    Database db(file);
    QString error;
    return db.open(&error) ? Settings::defaultRegionIn(db) : u"US"_s;
}

// Names and numbers come from the other end: a terminal must not take them for its own control sequences.
QString printable(QString text)
{
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = u' ';
    }
    return text;
}

// The time of a line, on this computer's clock.
QString timeNow()
{
    return QDateTime::currentDateTime().toString(u"HH:mm:ss"_s);
}

QString minutesAndSeconds(int seconds)
{
    return u"%1:%2"_s.arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0'));
}

// What a call's line says, for a person who watches the front desk from elsewhere.
class CallLine
{
public:
    explicit CallLine(const QString &region)
        : m_phone(region)
    { }

    // "(555) 123-4567 Tom Becker → ringing Alice Ng"
    QString of(const FeedSession &session) const
    {
        const CallListEntry &call = session.call;
        // A call-back is about the customer it calls.
        const bool callBack = call.session.direction == CallDirection::Outgoing;
        const QString &customer = callBack ? call.session.to : call.session.from;
        QString caller = PhoneNormalizer::isWithheldCallerId(customer) ? MonitorCommand::tr("Withheld number")
                                                                        : m_phone.toDisplay(customer);
        if (!call.customerName.isEmpty())
            caller += u' ' + call.customerName;
        if (callBack)
            caller = MonitorCommand::tr("Call-back to %1").arg(caller);
        return printable(caller + u" → "_s + stage(session));
    }

private:
    QString nameOf(const FeedParty &party) const
    {
        if (!party.name.isEmpty())
            return party.name;
        return party.phone.isEmpty() ? party.staffId : m_phone.toDisplay(party.phone);
    }

    QString stage(const FeedSession &session) const
    {
        const QString stage = session.stageName();
        if (stage == u"ringing") {
            if (session.with)
                return MonitorCommand::tr("ringing %1").arg(nameOf(*session.with));
            QStringList names;
            for (const FeedParty &party : session.ringing)
                names.append(nameOf(party));
            if (!names.isEmpty())
                return MonitorCommand::tr("ringing %1").arg(QLocale().createSeparatedList(names));
            return session.withFallback ? MonitorCommand::tr("ringing the fallback number")
                                        : MonitorCommand::tr("ringing");
        }
        if (stage == u"talking") {
            if (session.with)
                return MonitorCommand::tr("talking with %1").arg(nameOf(*session.with));
            return session.withFallback ? MonitorCommand::tr("talking with the fallback number")
                                        : MonitorCommand::tr("answered");
        }
        if (stage == u"ai_agent")
            return MonitorCommand::tr("with the AI agent");
        if (stage == u"menu")
            return MonitorCommand::tr("in the menu");
        if (stage == u"voicemail")
            return MonitorCommand::tr("leaving a voicemail");
        if (stage == u"closing")
            return MonitorCommand::tr("hearing the closing message");
        if (stage == u"ended") {
            const std::optional<int> duration = session.call.session.durationSeconds;
            const QString outcome = outcomeWords(session.call.session.outcome);
            return duration ? MonitorCommand::tr("ended: %1, %2").arg(outcome, minutesAndSeconds(*duration))
                            : MonitorCommand::tr("ended: %1").arg(outcome);
        }
        return MonitorCommand::tr("new call");
    }

    static QString outcomeWords(CallOutcome outcome)
    {
        switch (outcome) {
        case CallOutcome::AiAgent:
            return MonitorCommand::tr("taken by the AI agent");
        case CallOutcome::Answered:
            return MonitorCommand::tr("answered");
        case CallOutcome::Voicemail:
            return MonitorCommand::tr("voicemail left");
        case CallOutcome::Missed:
            return MonitorCommand::tr("missed");
        case CallOutcome::Blocked:
            return MonitorCommand::tr("blocked");
        case CallOutcome::Failed:
            return MonitorCommand::tr("failed");
        case CallOutcome::Ongoing:
            break;
        }
        return MonitorCommand::tr("over");
    }

    PhoneNormalizer m_phone;
};

} // namespace

int runMonitorCommand(CommandContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(
        u"URL"_s, MonitorCommand::tr("The other Switchboard's feed.listen address."));
    parser.addOption(
        { u"token"_s, MonitorCommand::tr("Its feed.view_token or feed.control_token."), u"TOKEN"_s });
    parser.addOption({ u"json"_s, MonitorCommand::tr("Every message as one JSON line.") });
    parser.addOption({ u"certificate-sha256"_s,
        MonitorCommand::tr("Accept the router's self-signed certificate with this fingerprint."),
        u"FINGERPRINT"_s });
    const QString help = MonitorCommand::tr(
        "Usage: switchboard monitor URL --token TOKEN [--json] [--certificate-sha256 FINGERPRINT]\n"
        "Watches another Switchboard's live calls until SIGINT or SIGTERM: one line per change of a call,\n"
        "and a line when the connection is made, cut off or made again (it comes back by itself, waiting\n"
        "up to 30 s between tries). URL is the other router's feed.listen: ws://HOST:PORT or "
        "wss://HOST:PORT\n"
        "(http:// and https:// work too; a bare HOST:PORT is ws://).\n"
        "  --token TOKEN      the router's feed.view_token (or feed.control_token); or the environment\n"
        "                     variable SWITCHBOARD_FEED_TOKEN, which other users cannot read on the command\n"
        "                     line\n"
        "  --json             every message received as one line of JSON (JSON Lines) on standard output;\n"
        "                     what happens to the connection goes to standard error\n"
        "  --certificate-sha256 FINGERPRINT\n"
        "                     accept a wss:// router's self-signed certificate with this SHA-256\n"
        "                     fingerprint (shown when it is refused)\n"
        "Numbers read the way this computer's data folder writes them (routing.default_region; US without\n"
        "one). Exits 0 when stopped, 1 when the token is refused, 2 for bad usage.\n");
    if (const int code = CommandSupport::parse(parser, context, u"monitor"_s, arguments, help); code >= 0)
        return code;
    if (parser.positionalArguments().size() != 1) {
        context.err << MonitorCommand::tr("monitor needs the other router's address, and nothing else.")
                    << '\n'
                    << help;
        return ExitCode::Usage;
    }
    QString error;
    const std::optional<FeedAddress> address
        = FeedAddress::fromTyped(parser.positionalArguments().first(), &error);
    if (!address) {
        context.err << error << '\n';
        return ExitCode::Usage;
    }
    const QString token = parser.isSet(u"token"_s) ? parser.value(u"token"_s)
                                                   : qEnvironmentVariable("SWITCHBOARD_FEED_TOKEN");
    if (token.trimmed().isEmpty()) {
        context.err << MonitorCommand::tr(
            "monitor needs the router's token: --token TOKEN, or the environment "
            "variable SWITCHBOARD_FEED_TOKEN.")
                    << '\n';
        return ExitCode::Usage;
    }
    FeedClient client;
    client.setAddress(*address);
    if (!client.setToken(token, &error)) {
        context.err << error << '\n';
        return ExitCode::Usage;
    }
    if (parser.isSet(u"certificate-sha256"_s)) {
        const std::optional<QByteArray> pin
            = CertificateFingerprint::read(parser.value(u"certificate-sha256"_s));
        if (!pin) {
            context.err << MonitorCommand::tr(
                "--certificate-sha256: \"%1\" is not a SHA-256 fingerprint (32 pairs "
                "of hex digits, as in 3A:F0:…).")
                               .arg(parser.value(u"certificate-sha256"_s))
                        << '\n';
            return ExitCode::Usage;
        }
        client.setPinnedCertificateDigest(*pin);
    }
    if (!CommandSupport::installQuitOnSignal(&client)) {
        context.err << MonitorCommand::tr("Cannot install the signal handlers.") << '\n';
        return ExitCode::Failure;
    }

    const bool json = parser.isSet(u"json"_s);
    // With --json, standard output is the messages alone, for a script to read line by line.
    QTextStream &status = json ? context.err : context.out;
    const auto say = [&status](const QString &line) {
        status << timeNow() << "  " << line << '\n';
        status.flush();
    };

    bool connectedBefore = false;
    QObject::connect(&client, &FeedClient::stateChanged, &client, [&](FeedClient::State state) {
        switch (state) {
        case FeedClient::State::Connected:
            say(connectedBefore ? MonitorCommand::tr("Connected again to %1.").arg(address->url().toString())
                                : client.statusText());
            connectedBefore = true;
            break;
        case FeedClient::State::CutOff:
            say(client.statusText());
            break;
        case FeedClient::State::TokenRefused:
            context.err << client.statusText() << '\n';
            context.err.flush();
            QCoreApplication::exit(ExitCode::Failure);
            break;
        case FeedClient::State::Connecting:
        case FeedClient::State::Stopped:
            break;
        }
    });
    QObject::connect(&client, &FeedClient::unreadableMessage, &client, [&context](const QString &reason) {
        context.err << timeNow() << "  " << reason << '\n';
        context.err.flush();
    });

    LiveCallBoard board;
    const CallLine callLine(localRegion(context.dataDir));
    // A message that changes nothing a person reads (a duration ticking, an event) prints no line.
    QHash<QString, QString> printed;
    const auto printCall = [&](const QString &callSid) {
        const LiveCall *call = board.call(callSid);
        if (!call)
            return;
        const QString line = callLine.of(call->session);
        if (printed.value(callSid) == line)
            return;
        printed.insert(callSid, line);
        context.out << timeNow() << "  " << line << '\n';
        context.out.flush();
    };
    QObject::connect(&board, &LiveCallBoard::callAdded, &board, printCall);
    QObject::connect(&board, &LiveCallBoard::callChanged, &board, printCall);
    QObject::connect(&board, &LiveCallBoard::callRemoved, &board,
        [&printed](const QString &callSid) { printed.remove(callSid); });
    QObject::connect(&board, &LiveCallBoard::gapNoticed, &board, [&] {
        say(MonitorCommand::tr("Some changes did not arrive; asking for the whole picture again."));
        client.resynchronise();
    });
    QTimer expiry;
    QObject::connect(
        &expiry, &QTimer::timeout, &board, [&board] { board.expire(QDateTime::currentDateTimeUtc()); });
    expiry.start(1000);

    QObject::connect(&client, &FeedClient::messageReceived, &client,
        [&](const FeedMessage &message, const QByteArray &text) {
            if (!json) {
                board.apply(message, QDateTime::currentDateTimeUtc());
                return;
            }
            // The frame as one line, whatever spacing the router used.
            context.out << QJsonDocument::fromJson(text).toJson(QJsonDocument::Compact) << '\n';
            context.out.flush();
        });

    client.start();
    return QCoreApplication::exec() == ExitCode::Ok ? ExitCode::Ok : ExitCode::Failure;
}
