// `switchboard stats`: the figures of the Stats panel for a range of calls, as text or as the
// contract's JSON.
#include "commands.h"
#include "commandsupport.h"

#include "datadir/datadirectory.h"
#include "feed/callrangeoptions.h"
#include "feed/statsjson.h"
#include "phone/phonenormalizer.h"
#include "routing/routingplanloader.h"
#include "settings/settings.h"
#include "storage/calllognames.h"
#include "storage/callstatsstore.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// The translation context of this command's messages: lupdate finds tr() only on a class.
struct StatsCommand
{
    Q_DECLARE_TR_FUNCTIONS(StatsCommand)
};

QString minutesAndSeconds(double seconds)
{
    const qint64 whole = qint64(std::llround(seconds));
    return u"%1:%2"_s.arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
}

QString percent(double share)
{
    return QString::number(share * 100, 'f', 1) + u'%';
}

// How many callers the text lists before it points to --json for the rest.
constexpr int s_callBackShown = 20;

// Numbers the way `phone`'s region writes them: the text is for people (--json keeps E.164).
void printText(const CallStats &stats, const CallStatsQuery &query, const PhoneNormalizer &phone, QTextStream &out)
{
    const QLocale locale;
    const auto local = [&](const QDateTime &time) {
        return time.toTimeZone(query.zone).toString(u"yyyy-MM-dd HH:mm"_s);
    };
    out << StatsCommand::tr("Calls from %1 to %2 (%3), %4")
               .arg(local(query.since), local(query.until), QString::fromUtf8(query.zone.id()),
                    query.number.isEmpty() ? StatsCommand::tr("every number")
                                           : StatsCommand::tr("to %1").arg(phone.toDisplay(query.number)))
        << '\n';
    out << StatsCommand::tr("Total: %n call(s)", nullptr, int(stats.total)) << '\n';
    for (const CallOutcome outcome : StatsJson::OutcomeOrder) {
        out << "  " << CallLogNames::name(outcome).leftJustified(11)
            << QString::number(stats.byOutcome.value(outcome)).rightJustified(8) << '\n';
    }
    out << StatsCommand::tr("Answered %1, AI agent %2, missed %3, voicemail %4 of the %n finished call(s) "
                            "that were not blocked",
                            nullptr, int(stats.rateBase))
               .arg(percent(stats.answeredRate), percent(stats.aiRate), percent(stats.missedRate),
                    percent(stats.voicemailRate))
        << '\n';
    if (stats.callsWithDuration > 0)
        out << StatsCommand::tr("Duration: average %1, p90 %2 (m:ss)")
                   .arg(minutesAndSeconds(stats.averageDurationSeconds),
                        minutesAndSeconds(stats.p90DurationSeconds))
            << '\n';
    else
        out << StatsCommand::tr("Duration: no finished call has one") << '\n';

    // The three hours of the week with the most calls; the earlier in the week first on a tie.
    QList<std::pair<qint64, int>> hours;
    for (int day = 0; day < 7; ++day) {
        for (int hour = 0; hour < 24; ++hour) {
            if (stats.weekHours[day][hour] > 0)
                hours.append({stats.weekHours[day][hour], day * 24 + hour});
        }
    }
    std::stable_sort(hours.begin(), hours.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList busiest;
    for (qsizetype i = 0; i < std::min<qsizetype>(3, hours.size()); ++i) {
        const int day = hours.at(i).second / 24;
        const int hour = hours.at(i).second % 24;
        busiest.append(StatsCommand::tr("%1 %2:00-%3:00 (%n call(s))", nullptr, int(hours.at(i).first))
                           .arg(locale.dayName(day + 1, QLocale::ShortFormat))
                           .arg(hour, 2, 10, QLatin1Char('0'))
                           .arg((hour + 1) % 24, 2, 10, QLatin1Char('0')));
    }
    out << StatsCommand::tr("Busiest hours: %1").arg(busiest.isEmpty() ? StatsCommand::tr("none") : busiest.join(u", "_s))
        << '\n';

    out << '\n' << StatsCommand::tr("Date").leftJustified(12);
    for (const CallOutcome outcome : StatsJson::OutcomeOrder) {
        const QString name = CallLogNames::name(outcome);
        out << name.rightJustified(std::max<qsizetype>(name.size(), 6) + 1);
    }
    out << StatsCommand::tr("Total").rightJustified(8) << '\n';
    for (const CallStats::Day &day : stats.perDay) {
        out << day.date.toString(Qt::ISODate).leftJustified(12);
        qint64 total = 0;
        for (const CallOutcome outcome : StatsJson::OutcomeOrder) {
            const qint64 calls = day.outcomes.value(outcome);
            total += calls;
            const qsizetype width = std::max<qsizetype>(CallLogNames::name(outcome).size(), 6) + 1;
            out << QString::number(calls).rightJustified(width);
        }
        out << QString::number(total).rightJustified(8) << '\n';
    }

    out << '\n';
    if (stats.callBack.isEmpty()) {
        out << StatsCommand::tr("Call back: nobody is waiting.") << '\n';
        return;
    }
    out << StatsCommand::tr("Call back: %n caller(s) whose missed calls nobody returned, newest first", nullptr,
                            int(stats.callBack.size()))
        << '\n';
    out << "  " << StatsCommand::tr("Last missed").leftJustified(18) << StatsCommand::tr("Missed").rightJustified(6)
        << "  " << StatsCommand::tr("From").leftJustified(17) << StatsCommand::tr("Customer") << '\n';
    for (qsizetype i = 0; i < std::min<qsizetype>(s_callBackShown, stats.callBack.size()); ++i) {
        const CallStats::CallBack &caller = stats.callBack.at(i);
        out << "  " << local(caller.lastMissedAt).leftJustified(18)
            << QString::number(caller.missed).rightJustified(6) << "  " << phone.toDisplay(caller.from).leftJustified(17)
            << caller.customerName << '\n';
    }
    if (stats.callBack.size() > s_callBackShown)
        out << "  " << StatsCommand::tr("... and %n more; --json lists them all.", nullptr,
                                        int(stats.callBack.size() - s_callBackShown))
            << '\n';
}

} // namespace

int runStatsCommand(CommandContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({u"json"_s, StatsCommand::tr("JSON output.")});
    parser.addOption({u"since"_s, StatsCommand::tr("The first day (or time) counted."), u"DATE"_s});
    parser.addOption({u"until"_s, StatsCommand::tr("The last day counted (or the time the count stops)."), u"DATE"_s});
    parser.addOption({u"number"_s, StatsCommand::tr("Only calls to this number of the business."), u"E164"_s});
    const QString help = StatsCommand::tr(
        "Usage: switchboard stats [--json] [--since DATE] [--until DATE] [--number E164]\n"
        "The figures of the Stats panel for the calls that came in from --since to --until: calls per\n"
        "day and outcome, the rates, the average and 90th percentile duration, the busiest hours of the\n"
        "week, and the callers to call back. DATE is a day such as 2026-11-01, counted whole in the\n"
        "routing plan's time zone (--until's day included), or an ISO 8601 time such as\n"
        "2026-11-01T09:30 or 2026-11-01T09:30:00-05:00. Default: the last 30 days, today included.\n"
        "The rates are shares of the finished calls (not ongoing) without the blocked ones, so that spam\n"
        "turned away does not lower the answered rate; missed and voicemail are counted apart. The call\n"
        "back list holds the callers with missed or voicemail calls in the range that no later call of\n"
        "theirs reached (staff or the AI agent, up to now); withheld numbers are left out.\n");
    if (const int code = CommandSupport::parse(parser, context, u"stats"_s, arguments, help); code >= 0)
        return code;
    if (!parser.positionalArguments().isEmpty()) {
        context.err << help;
        return ExitCode::Usage;
    }
    // --since and --until are read before the data folder is opened: a typo is told even without one.
    CallRangeOptions range(u"--"_s);
    QString error;
    if ((parser.isSet(u"since"_s) && !range.readSince(parser.value(u"since"_s), &error))
        || (parser.isSet(u"until"_s) && !range.readUntil(parser.value(u"until"_s), &error))) {
        context.err << error << '\n';
        return ExitCode::Usage;
    }

    auto data = CommandSupport::openDataDirectory(context);
    if (!data)
        return ExitCode::Failure;
    const RouterSettings settings = data->settings().routerSettings();
    if (parser.isSet(u"number"_s)
        && !range.readNumber(parser.value(u"number"_s), settings.defaultRegion, &error)) {
        context.err << error << '\n';
        return ExitCode::Usage;
    }
    // The days and hours of the plan's time zone, as the Stats panel shows them.
    const Result<RoutingModel> plan = RoutingPlanLoader(data->database(), settings.defaultRegion, settings.fallbackNumber).load();
    if (!plan)
        context.err << StatsCommand::tr("%1 The days are counted in this computer's time zone.").arg(plan.error())
                    << '\n';
    const QTimeZone zone = plan && plan->timeZone.isValid() ? plan->timeZone : RoutingPlanLoader::localZone();
    const std::optional<CallStatsQuery> query
        = range.statsQuery(zone, QDateTime::currentDateTimeUtc(), &error);
    if (!query) {
        context.err << error << '\n';
        return ExitCode::Usage;
    }

    const Result<CallStats> stats = CallStatsStore(data->database()).compute(*query);
    if (!stats) {
        context.err << stats.error() << '\n';
        return ExitCode::Failure;
    }
    if (parser.isSet(u"json"_s))
        context.out << QString::fromUtf8(
            QJsonDocument(StatsJson::stats(*stats, *query)).toJson(QJsonDocument::Indented));
    else
        printText(*stats, *query, PhoneNormalizer(settings.defaultRegion), context.out);
    return ExitCode::Ok;
}
