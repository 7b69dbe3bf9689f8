#include "feedapi.h"

#include "datadir/datadirectory.h"
#include "feed/calljson.h"
#include "feed/callrangeoptions.h"
#include "feed/statsjson.h"
#include "routing/routingplanloader.h"
#include "server/serverlog.h"
#include "settings/settings.h"
#include "storage/callstatsstore.h"
#include "storage/callstore.h"
#include "storage/recordingstore.h"
#include "twilio/twiliosid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <array>

using namespace Qt::StringLiterals;

// One line of the API: the paths it answers, the parameters it takes, and who answers. The path's one
// capture (the call's SID) goes to the handler.
struct FeedApi::Route
{
    QRegularExpression path;
    QStringList parameters;
    Answer (FeedApi::*handler)(const QString &capture, const Parameters &parameters);
};

namespace {

const QByteArray JsonType = "application/json"_ba;
const QByteArray AllowedMethods = "GET, HEAD"_ba;
// The token in the query (DESIGN.md, "Live feed"), which the listener has checked before the API is asked.
const QString TokenParameter = QStringLiteral("token");

FeedApi::Answer json(int status, const QJsonDocument &document)
{
    // Indented as the CLI prints it, so that `curl` and `switchboard calls --json` give the same bytes.
    return FeedApi::Answer { status, document.toJson(QJsonDocument::Indented), JsonType, {} };
}

FeedApi::Answer error(int status, const QString &sentence)
{
    return json(status, QJsonDocument(QJsonObject { { u"error"_s, sentence } }));
}

} // namespace

FeedApi::FeedApi(DataDirectory &data)
    : m_data(data)
{ }

FeedApi::Answer FeedApi::answer(const QByteArray &method, const QString &path, const QUrlQuery &query)
{
    static const std::array<Route, 3> routes { {
        { QRegularExpression(u"^/api/calls$"_s),
            { u"caller"_s, u"outcome"_s, u"limit"_s, u"number"_s, u"since"_s, u"until"_s, u"before"_s },
            &FeedApi::calls },
        { QRegularExpression(u"^/api/calls/([^/]+)$"_s), {}, &FeedApi::call },
        { QRegularExpression(u"^/api/stats$"_s), { u"since"_s, u"until"_s, u"number"_s }, &FeedApi::stats },
    } };

    const Route *route = nullptr;
    QRegularExpressionMatch match;
    for (const Route &candidate : routes) {
        match = candidate.path.match(path);
        if (match.hasMatch()) {
            route = &candidate;
            break;
        }
    }
    if (!route)
        return error(404,
            tr("There is nothing at %1; the API has /api/calls, /api/calls/SID and /api/stats.").arg(path));
    const bool head = method == "HEAD"_ba;
    if (method != "GET"_ba && !head) {
        Answer refused = error(405,
            tr("%1 is not allowed here: the API only reads (GET).")
                .arg(QString::fromLatin1(method.left(20))));
        refused.allow = AllowedMethods;
        return refused;
    }

    // A parameter the route does not know is refused rather than ignored: a typo ("outcom=missed") would
    // otherwise answer every call as if it were the list asked for.
    Parameters parameters;
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded)) {
        // The listener's, not the API's: a client that cannot set a header sends its token there.
        if (name == TokenParameter)
            continue;
        if (!route->parameters.contains(name)) {
            const QString shown = path.startsWith(u"/api/calls/"_s) ? u"/api/calls/SID"_s : path;
            return error(400,
                route->parameters.isEmpty()
                    ? tr("%1 is not a parameter of %2, which takes none.").arg(name, shown)
                    : tr("%1 is not a parameter of %2, which takes %3.")
                          .arg(name, shown, route->parameters.join(u", "_s)));
        }
        if (parameters.contains(name))
            return error(400, tr("%1 is given more than once.").arg(name));
        parameters.insert(name, value);
    }

    Answer answer = (this->*route->handler)(match.captured(1), parameters);
    if (head)
        answer.body.clear();
    return answer;
}

QTimeZone FeedApi::planZone()
{
    const RouterSettings settings = m_data.settings().routerSettings();
    const Result<RoutingModel> plan
        = RoutingPlanLoader(m_data.database(), settings.defaultRegion, settings.fallbackNumber).load();
    if (!plan)
        qCWarning(lcServer).noquote() << plan.error() << "The API counts days in this computer's time zone.";
    return plan && plan->timeZone.isValid() ? plan->timeZone : RoutingPlanLoader::localZone();
}

FeedApi::Answer FeedApi::calls(const QString &, const Parameters &parameters)
{
    CallListFilter filter;
    // A caller's number typed without a country code is read in the practice's region, as the CLI does.
    filter.region = m_data.settings().defaultRegion();
    filter.caller = parameters.value(u"caller"_s).trimmed();
    if (const QString outcome = parameters.value(u"outcome"_s).trimmed(); !outcome.isEmpty()) {
        filter.outcome = CallLogNames::outcome(outcome);
        if (!filter.outcome)
            return error(400,
                tr("outcome: \"%1\" is not an outcome (ongoing, ai_agent, answered, voicemail, "
                   "missed, blocked, failed).")
                    .arg(outcome));
    }
    int limit = DefaultLimit;
    if (parameters.contains(u"limit"_s)) {
        bool ok = false;
        limit = parameters.value(u"limit"_s).toInt(&ok);
        // Refused rather than cut down to the maximum: a page shorter than asked would look like the last.
        if (!ok || limit < 1 || limit > MaxLimit)
            return error(400, tr("limit must be a whole number from 1 to %1.").arg(MaxLimit));
    }

    CallRangeOptions range;
    QString why;
    if ((parameters.contains(u"since"_s) && !range.readSince(parameters.value(u"since"_s), &why))
        || (parameters.contains(u"until"_s) && !range.readUntil(parameters.value(u"until"_s), &why))
        || (parameters.contains(u"number"_s)
            && !range.readNumber(parameters.value(u"number"_s), filter.region, &why)))
        return error(400, why);
    if (range.hasSince() || range.hasUntil()) {
        const QTimeZone zone = planZone();
        if (!range.checkOrder(zone, &why))
            return error(400, why);
        filter.since = range.since(zone);
        filter.until = range.until(zone);
    }
    filter.calledNumber = range.number();

    CallStore store(m_data.database());
    // The next page starts after the last call of the previous one, named by its SID: a seat reads the
    // array it has and asks for what comes after it, and calls logged meanwhile do not shift the pages.
    std::optional<CallPageCursor> after;
    if (parameters.contains(u"before"_s)) {
        const QString before = parameters.value(u"before"_s);
        if (!TwilioSid::isValid(before, u"CA"))
            return error(400,
                tr("before: \"%1\" is not a Twilio call SID (CA followed by 32 hexadecimal digits).")
                    .arg(before));
        const std::optional<CallListEntry> last = store.entry(before);
        if (!last)
            return error(400,
                tr("before: there is no call %1 (any more); read again from the first page.").arg(before));
        after = last->cursor();
    }

    QJsonArray list;
    for (const CallListEntry &entry : store.page(filter, after, limit))
        list.append(CallJson::session(entry));
    return json(200, QJsonDocument(list));
}

FeedApi::Answer FeedApi::call(const QString &callSid, const Parameters &)
{
    if (!TwilioSid::isValid(callSid, u"CA"))
        return error(
            400, tr("The call SID \"%1\" is not CA followed by 32 hexadecimal digits.").arg(callSid));
    CallStore store(m_data.database());
    const std::optional<CallListEntry> entry = store.entry(callSid);
    if (!entry)
        return error(404, tr("No call with the id \"%1\".").arg(callSid));
    const QJsonObject details = CallJson::details(
        *entry, store.events(callSid), RecordingStore(m_data.database()).forCall(callSid));
    return json(200, QJsonDocument(details));
}

FeedApi::Answer FeedApi::stats(const QString &, const Parameters &parameters)
{
    CallRangeOptions range;
    QString why;
    if ((parameters.contains(u"since"_s) && !range.readSince(parameters.value(u"since"_s), &why))
        || (parameters.contains(u"until"_s) && !range.readUntil(parameters.value(u"until"_s), &why))
        || (parameters.contains(u"number"_s)
            && !range.readNumber(parameters.value(u"number"_s), m_data.settings().defaultRegion(), &why)))
        return error(400, why);
    const std::optional<CallStatsQuery> query
        = range.statsQuery(planZone(), QDateTime::currentDateTimeUtc(), &why);
    if (!query)
        return error(400, why);
    const Result<CallStats> stats = CallStatsStore(m_data.database()).compute(*query);
    if (!stats) {
        qCWarning(lcServer).noquote() << "The API could not count the calls:" << stats.error();
        return error(500, stats.error());
    }
    return json(200, QJsonDocument(StatsJson::stats(*stats, *query)));
}
