// `switchboard calls` and `calls show`: the call log, as a table or as the contract's JSON.
#include "commands.h"
#include "commandsupport.h"

#include "datadir/datadirectory.h"
#include "export/calllogexport.h"
#include "feed/calljson.h"
#include "storage/calllognames.h"
#include "storage/callstore.h"
#include "storage/recordingstore.h"
#include "storage/database.h"
#include "phone/phonenormalizer.h"
#include "settings/settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

// The translation context of this command's messages: lupdate finds tr() only on a class.
struct CallsCommand
{
    Q_DECLARE_TR_FUNCTIONS(CallsCommand)
};

// On the plan's clock, with the zone's abbreviation: the times the Call logs panel shows.
QString planTime(const QDateTime &time, const QTimeZone &zone)
{
    return time.isValid() ? time.toTimeZone(zone).toString(u"yyyy-MM-dd HH:mm:ss t"_s) : QString();
}

int showCall(CommandContext &context, DataDirectory &data, const QString &callSid, bool json)
{
    const QTimeZone zone = CommandSupport::planTimeZone(data);
    CallStore calls(data.database());
    const QList<RecordingRecord> recordings = RecordingStore(data.database()).forCall(callSid);
    const std::optional<CallListEntry> entry = calls.entry(callSid);
    if (!entry) {
        context.err << CallsCommand::tr("No call with the id \"%1\".").arg(callSid) << '\n';
        return ExitCode::Usage;
    }
    const QList<CallEventRecord> events = calls.events(callSid);
    if (json) {
        const QJsonObject object = CallJson::details(*entry, events, recordings);
        context.out << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return ExitCode::Ok;
    }
    const CallSessionRecord &s = entry->session;
    // Numbers as the practice writes them: this is for people; the JSON keeps E.164.
    const PhoneNormalizer phone(data.settings().defaultRegion());
    context.out << CallsCommand::tr("Call %1").arg(s.callSid) << '\n'
                << CallsCommand::tr("  From:     %1%2")
                       .arg(phone.toDisplay(s.from),
                           entry->customerName.isEmpty() ? QString() : u" ("_s + entry->customerName + u')')
                << '\n'
                << CallsCommand::tr("  To:       %1").arg(phone.toDisplay(s.to)) << '\n'
                << CallsCommand::tr("  Started:  %1").arg(planTime(s.startedAt, zone)) << '\n'
                << CallsCommand::tr("  Ended:    %1")
                       .arg(s.endedAt.isValid() ? planTime(s.endedAt, zone) : CallsCommand::tr("not yet"))
                << '\n'
                << CallsCommand::tr("  Duration: %1")
                       .arg(s.durationSeconds ? QString::number(*s.durationSeconds) + u" s"_s : u"-"_s)
                << '\n'
                << CallsCommand::tr("  Outcome:  %1").arg(CallLogNames::name(s.outcome)) << '\n';
    if (!entry->bookingExternalId.isEmpty())
        context.out << CallsCommand::tr("  Booking:  %1").arg(entry->bookingExternalId) << '\n';
    for (const RecordingRecord &recording : recordings) {
        const QString where = recording.file.isEmpty() ? recording.url.toString()
                                                       : QDir::toNativeSeparators(QDir(data.path()).filePath(recording.file));
        context.out << CallsCommand::tr("  Voicemail: %1 (%2 s)")
                           .arg(where, recording.durationSeconds ? QString::number(*recording.durationSeconds) : u"?"_s)
                    << '\n';
        if (!recording.transcription.isEmpty())
            context.out << CallsCommand::tr("             \"%1\"").arg(recording.transcription) << '\n';
    }
    context.out << '\n' << CallsCommand::tr("Timeline:") << '\n';
    for (const CallEventRecord &event : events) {
        context.out << "  " << event.at.toTimeZone(zone).toString(u"HH:mm:ss.zzz"_s) << "  "
                    << CallLogNames::name(event.step).leftJustified(19) << ' '
                    << CallLogNames::name(event.action).leftJustified(16) << ' '
                    << CallLogNames::name(event.result).leftJustified(9) << ' ' << phone.displayNumbersIn(event.detail) << '\n';
    }
    return ExitCode::Ok;
}

} // namespace

int runCallsCommand(CommandContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({ u"json"_s, u"JSON output."_s });
    parser.addOption({ u"csv"_s, u"Every matching call as CSV, as the Call logs panel exports it (no limit)."_s });
    parser.addOption({ u"caller"_s,
        u"Only calls from this number (written any way, or some of its digits; +1555 for numbers starting "
        u"so) or from a customer with these words in their name."_s,
        u"PREFIX"_s });
    parser.addOption({ u"outcome"_s, u"Only calls with this outcome."_s, u"OUTCOME"_s });
    parser.addOption({ u"limit"_s, u"At most N calls (default 50)."_s, u"N"_s, u"50"_s });
    const QString help = CallsCommand::tr(
        "Usage: switchboard calls [--json | --csv] [--caller PREFIX] [--outcome OUTCOME] [--limit N]\n"
        "       switchboard calls show CALLSID [--json]\n"
        "Lists calls, newest first. Outcomes: ongoing, ai_agent, answered, voicemail,\n"
        "missed, blocked, failed. --csv prints every matching call (no limit) as the Call logs\n"
        "panel exports them: RFC 4180, times in UTC.\n");
    if (const int code = CommandSupport::parse(parser, context, u"calls"_s, arguments, help); code >= 0)
        return code;
    const QStringList words = parser.positionalArguments();
    const bool json = parser.isSet(u"json"_s);

    CallListFilter filter;
    filter.caller = parser.value(u"caller"_s).trimmed();
    bool ok = false;
    filter.limit = parser.value(u"limit"_s).toInt(&ok);
    if (!ok || filter.limit < 1) {
        context.err << CallsCommand::tr("--limit must be a whole number of 1 or more.") << '\n';
        return ExitCode::Usage;
    }
    if (const QString outcome = parser.value(u"outcome"_s).trimmed(); !outcome.isEmpty()) {
        filter.outcome = CallLogNames::outcome(outcome);
        if (!filter.outcome) {
            context.err << CallsCommand::tr(
                "--outcome: \"%1\" is not an outcome (ongoing, ai_agent, answered, voicemail, missed, "
                "blocked, failed).")
                               .arg(outcome)
                        << '\n';
            return ExitCode::Usage;
        }
    }
    if (!words.isEmpty() && !(words.first() == u"show"_s && words.size() == 2)) {
        context.err << help;
        return ExitCode::Usage;
    }

    auto data = CommandSupport::openDataDirectory(context);
    if (!data)
        return ExitCode::Failure;
    // A caller's number typed without a country code is read in the practice's region.
    filter.region = data->settings().defaultRegion();
    if (!words.isEmpty())
        return showCall(context, *data, words.at(1), json);
    if (parser.isSet(u"csv"_s)) {
        context.out.flush();
        QFile standardOutput;
        QString error;
        if (!standardOutput.open(stdout, QIODevice::WriteOnly)
            || !CallLogExport::write(data->database(), filter, standardOutput, &error)) {
            context.err << error << '\n';
            return ExitCode::Failure;
        }
        return ExitCode::Ok;
    }
    CallStore calls(data->database());

    const QList<CallListEntry> entries = calls.list(filter);
    if (json) {
        QJsonArray list;
        for (const CallListEntry &entry : entries)
            list.append(CallJson::session(entry));
        context.out << QJsonDocument(list).toJson(QJsonDocument::Indented);
        return ExitCode::Ok;
    }
    if (entries.isEmpty()) {
        context.out << CallsCommand::tr("No calls.") << '\n';
        return ExitCode::Ok;
    }
    const QTimeZone zone = CommandSupport::planTimeZone(*data);
    context.out << CallsCommand::tr("Started").leftJustified(24) << CallsCommand::tr("From").leftJustified(17)
                << CallsCommand::tr("Customer").leftJustified(22)
                << CallsCommand::tr("Outcome").leftJustified(10)
                << CallsCommand::tr("Duration").leftJustified(9) << CallsCommand::tr("Call") << '\n';
    const PhoneNormalizer phone(filter.region);
    for (const CallListEntry &entry : entries) {
        const CallSessionRecord &s = entry.session;
        context.out
            << planTime(s.startedAt, zone).leftJustified(24) << phone.toDisplay(s.from).leftJustified(17)
            << entry.customerName.left(20).leftJustified(22) << CallLogNames::name(s.outcome).leftJustified(10)
            << (s.durationSeconds ? QString::number(*s.durationSeconds) + u" s"_s : u"-"_s).leftJustified(9)
            << s.callSid << '\n';
    }
    return ExitCode::Ok;
}
