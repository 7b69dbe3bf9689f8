// Benchmark of the routing engine alone (no server, no database): a large plan's rule evaluation,
// dial chain and first TwiML answer per simulated webhook, printed as p50/p99/max against a 1 ms goal.
#include "routing/callflow.h"
#include "routing/dialchain.h"
#include "routing/plandocument.h"
#include "routing/ruleevaluator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>
#include <chrono>

using namespace Qt::StringLiterals;

namespace {

constexpr int StaffCount = 200;
constexpr int ScheduleCount = 10;
constexpr int TeamCount = 20;
constexpr int TeamSize = 10;
constexpr int ListCount = 4;
constexpr int ListSize = 100;
constexpr int RuleCount = 50;
constexpr double GoalMicroseconds = 1000;

const QString Business = u"+15557654321"_s;
const QString MenuLine = u"+15557659000"_s; // its rule plays a menu whose keys ring teams
const QString Fallback = u"+15550009999"_s;

QString scheduleId(int s)
{
    return u"sched%1"_s.arg(s);
}

QString staffId(int i)
{
    return u"s%1"_s.arg(i, 3, 10, QLatin1Char('0'));
}

QString teamId(int t)
{
    return u"team%1"_s.arg(t, 2, 10, QLatin1Char('0'));
}

QString listName(int l)
{
    return u"list%1"_s.arg(l);
}

// A number on list `l` (entry k), so that some callers match the early rules.
QString listedNumber(int l, int k)
{
    return u"+1555%1"_s.arg(4000000 + l * 1000 + k);
}

Schedule schedule(int s)
{
    const QList<Qt::DayOfWeek> weekdays { Qt::Monday, Qt::Tuesday, Qt::Wednesday, Qt::Thursday, Qt::Friday };
    const QList<Qt::DayOfWeek> everyDay { Qt::Monday, Qt::Tuesday, Qt::Wednesday, Qt::Thursday, Qt::Friday,
        Qt::Saturday, Qt::Sunday };
    Schedule schedule;
    schedule.id = scheduleId(s);
    switch (s % 3) {
    case 0: // office hours, staggered by an hour per schedule
        schedule.weekly = { { weekdays, QTime(7 + s % 4, 0), QTime(16 + s % 4, 30) } };
        break;
    case 1: // nights, across midnight
        schedule.weekly = { { everyDay, QTime(20, 0), QTime(6, 0) } };
        break;
    default: // weekends and a weekday lunch hour
        schedule.weekly = { { { Qt::Saturday, Qt::Sunday }, QTime(10, 0), QTime(16, 0) },
            { weekdays, QTime(12, 0), QTime(13, 0) } };
        break;
    }
    schedule.closed = { QDate(2026, 1, 1), QDate(2026, 1, 7), QDate(2026, 12, 25) };
    return schedule;
}

Action teamAction(int t)
{
    Action action;
    action.kind = ActionKind::Team;
    action.team = teamId(t);
    return action;
}

std::shared_ptr<const Action> shared(Action action)
{
    return std::make_shared<const Action>(std::move(action));
}

// 200 staff (a third on schedules), 10 schedules, 20 teams of 10 in 2 or 3 tiers, four caller lists
// and a block list of 100 entries, and one plan of 50 rules of which the first 47 rarely match.
RoutingModel buildModel(const QTimeZone &zone)
{
    RoutingModel model;
    model.timeZone = zone;
    for (int s = 0; s < ScheduleCount; ++s)
        model.schedules.append(schedule(s));
    for (int i = 0; i < StaffCount; ++i) {
        StaffMember member;
        member.id = staffId(i);
        member.name = u"Staff Member %1"_s.arg(i);
        member.phone = u"+1555%1"_s.arg(3000000 + i);
        member.active = i % 23 != 0;
        if (i % 3 == 0)
            member.schedule = scheduleId(i % ScheduleCount);
        model.staff.append(member);
    }
    for (int t = 0; t < TeamCount; ++t) {
        Team team;
        team.id = teamId(t);
        team.name = u"Team %1"_s.arg(t);
        QStringList members;
        for (int m = 0; m < TeamSize; ++m)
            members.append(staffId(t * TeamSize + m));
        team.tiers = t % 2 == 0 ? QList<QStringList> { members.mid(0, 4), members.mid(4, 3), members.mid(7, 3) }
                                : QList<QStringList> { members.mid(0, 5), members.mid(5, 5) };
        team.ring = t % 3 == 0 ? RingMode::AllAtOnce : RingMode::OneByOne;
        team.maxPeople = 3 + t % 8;
        team.ringSeconds = 15 + t % 4 * 5;
        team.stickyDays = t % 4 == 0 ? 30 : 0;
        model.teams.append(team);
    }
    for (int l = 0; l < ListCount; ++l) {
        QStringList entries;
        for (int k = 0; k < ListSize; ++k)
            entries.append(k % 10 == 9 ? u"+44%1"_s.arg(100 + l * 100 + k) : listedNumber(l, k));
        model.lists.insert(listName(l), CallerList(entries));
    }
    QStringList blocked;
    for (int k = 0; k < ListSize; ++k)
        blocked.append(k % 4 == 0 ? u"+1900%1"_s.arg(k) : u"+1555%1"_s.arg(8000000 + k));
    model.block = CallerList(blocked);
    model.messages.welcome.say = u"Thanks for calling. This call may be recorded."_s;
    model.accept.required = true;
    model.voicemail.onNoAnswer = true;

    RoutingPlan plan;
    plan.numbers = { RoutingModel::DefaultPlanNumber };
    for (int r = 0; r < RuleCount - 3; ++r) {
        Rule rule;
        rule.name = u"Rule %1"_s.arg(r + 1);
        const QString list = listName(r % ListCount);
        const QString scheduleName = scheduleId(r % ScheduleCount);
        switch (r % 5) {
        case 0: // booked callers on a list: most callers have no booking
            rule.when.hasBooking = true;
            rule.when.callerIn = list;
            rule.then.kind = ActionKind::AiAgent;
            break;
        case 1: // a caller list: the whole list is read for a caller not on it
            rule.when.callerIn = list;
            rule.then = teamAction(r % TeamCount);
            break;
        case 2: // another of the business's numbers
            rule.when.called = { u"+1555765%1"_s.arg(5000 + r) };
            rule.then.kind = ActionKind::Staff;
            rule.then.staff = staffId(r * 3 % StaffCount);
            break;
        case 3: // the costliest miss: a list and a schedule read twice, and it never holds
            rule.when.callerNotIn = list;
            rule.when.inside = scheduleName;
            rule.when.outside = scheduleName;
            rule.then.kind = ActionKind::Voicemail;
            break;
        default: // callers without a booking on a list
            rule.when.hasBooking = false;
            rule.when.callerIn = list;
            rule.then = teamAction((r + 5) % TeamCount);
            break;
        }
        plan.rules.append(rule);
    }

    Rule menu;
    menu.name = u"Menu line"_s;
    menu.when.called = { MenuLine };
    menu.then.kind = ActionKind::Menu;
    menu.then.message.say = u"For appointments press 1. For billing press 2."_s;
    menu.then.options = { { u'1', shared(teamAction(4)) }, { u'2', shared(teamAction(7)) } };
    Action office;
    office.kind = ActionKind::Number;
    office.number = u"+15550001111"_s;
    menu.then.otherwise = shared(office);
    plan.rules.append(menu);

    Rule front;
    front.name = u"Front desk"_s;
    front.when.callerNotIn = listName(0);
    front.then = teamAction(12);
    front.then.otherwise = shared(office);
    plan.rules.append(front);

    Rule everyone;
    everyone.name = u"Everyone else"_s;
    everyone.then.kind = ActionKind::Voicemail;
    plan.rules.append(everyone);
    model.plans.append(plan);
    return model;
}

// One simulated incoming call.
struct Sample
{
    CallFacts facts;
    QSet<QString> busyStaff;
    QString stickyStaff;
};

QList<Sample> samples(const RoutingModel &model, int count, const QString &called, quint32 seed)
{
    QRandomGenerator random(seed);
    const QDateTime weekStart(QDate(2026, 1, 5), QTime(0, 0), model.timeZone);
    QList<Sample> list;
    list.reserve(count);
    for (int n = 0; n < count; ++n) {
        Sample sample;
        const int kind = random.bounded(100);
        if (kind < 85) // a caller on no list
            sample.facts.callerE164 = u"+1556%1"_s.arg(random.bounded(1000000, 9999999));
        else if (kind < 95) // on one of the lists
            sample.facts.callerE164 = listedNumber(random.bounded(ListCount), random.bounded(10) * 10 + random.bounded(9));
        // else withheld
        sample.facts.calledE164 = called;
        sample.facts.hasBooking = random.bounded(100) < 20;
        sample.facts.at = weekStart.addSecs(qint64(random.bounded(7 * 24 * 60)) * 60);
        for (int b = 0; b < 5; ++b)
            sample.busyStaff.insert(staffId(random.bounded(StaffCount)));
        if (random.bounded(100) < 30)
            sample.stickyStaff = staffId(random.bounded(StaffCount));
        list.append(sample);
    }
    return list;
}

struct Figures
{
    QList<double> micros;

    double percentile(double p) const
    {
        QList<double> sorted = micros;
        std::sort(sorted.begin(), sorted.end());
        const qsizetype index = std::min<qsizetype>(sorted.size() - 1, qsizetype(p * double(sorted.size())));
        return sorted.isEmpty() ? 0 : sorted.at(index);
    }
};

// Times `body` once per sample, after a warm-up pass over the first few.
template<typename Body>
Figures measure(const QList<Sample> &list, Body body)
{
    using Clock = std::chrono::steady_clock;
    for (qsizetype n = 0; n < std::min<qsizetype>(list.size(), 500); ++n)
        body(list.at(n));
    Figures figures;
    figures.micros.reserve(list.size());
    for (const Sample &sample : list) {
        const Clock::time_point start = Clock::now();
        body(sample);
        figures.micros.append(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    return figures;
}

void print(QTextStream &out, const QString &label, const Figures &figures)
{
    const double p99 = figures.percentile(0.99);
    out << label.leftJustified(52) << QString::number(figures.percentile(0.50), 'f', 1).rightJustified(8)
        << QString::number(p99, 'f', 1).rightJustified(9)
        << QString::number(figures.percentile(1.0), 'f', 1).rightJustified(9) << "   "
        << u"p99 %1 µs (goal < %2 µs): %3"_s.arg(QString::number(p99, 'f', 1))
               .arg(GoalMicroseconds, 0, 'f', 0)
               .arg(p99 < GoalMicroseconds ? u"met"_s : u"NOT met"_s)
        << Qt::endl;
}

// Keeps the compiler from dropping work whose result nobody reads.
volatile qsizetype sink = 0;

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ u"iterations"_s, u"Simulated webhooks per measurement."_s, u"N"_s, u"20000"_s });
    parser.process(app);
    const int iterations = std::max(1, parser.value(u"iterations"_s).toInt());
    QTextStream out(stdout);

    const QTimeZone zone("America/New_York");
    if (!zone.isValid()) {
        out << "The time zone database is not installed." << Qt::endl;
        return 1;
    }
    // Through the document and back, so that the benchmark runs a plan the product would accept.
    const PlanDocument::ParseResult parsed = PlanDocument::parse(PlanDocument::toJson(buildModel(zone)), u"US"_s, zone);
    if (!parsed.model) {
        out << "The benchmark's plan is not a valid document:\n" << parsed.errors.join(u'\n') << Qt::endl;
        return 1;
    }
    const RoutingModel &model = *parsed.model;

    RouterSettings settings;
    settings.fallbackNumber = Fallback;
    const CallbackUrls urls(QUrl(u"https://example.com"_s), u"0123456789abcdef0123456789abcdef"_s);
    QRandomGenerator shuffle(42);

    const QList<Sample> calls = samples(model, iterations, Business, 1);
    const QList<Sample> menuCalls = samples(model, iterations, MenuLine, 2);

    // Where the calls end up, so that the figures can be read against how far evaluation walks.
    qint64 walked = 0;
    int matched = 0;
    for (const Sample &sample : calls) {
        if (const std::optional<RuleMatch> match = RuleEvaluator::evaluate(model, sample.facts)) {
            walked += match->ruleIndex + 1;
            ++matched;
        }
    }
    out << u"plan: %1 staff, %2 schedules, %3 teams, %4 caller lists of %5 and a block list of %6, %7 rules"_s
               .arg(model.staff.size())
               .arg(model.schedules.size())
               .arg(model.teams.size())
               .arg(model.lists.size())
               .arg(ListSize)
               .arg(model.block.entries().size())
               .arg(model.plans.constFirst().rules.size())
        << Qt::endl;
    out << u"calls to the main number: %1 of %2 match a rule, after reading %3 rules on average"_s.arg(matched)
               .arg(calls.size())
               .arg(matched ? double(walked) / matched : 0, 0, 'f', 1)
        << Qt::endl
        << Qt::endl;
    out << u"per simulated webhook, %1 iterations (µs)"_s.arg(iterations).leftJustified(52) << "     p50      p99      max"
        << Qt::endl;

    print(out, u"(a) RuleEvaluator::evaluate"_s, measure(calls, [&](const Sample &sample) {
        const std::optional<RuleMatch> match = RuleEvaluator::evaluate(model, sample.facts);
        sink = sink + (match ? match->ruleIndex : -1);
    }));

    print(out, u"(b) DialChain::resolve + describe, one of 20 teams"_s, measure(calls, [&, n = 0](const Sample &sample) mutable {
        const Team &team = model.teams.at(n++ % TeamCount);
        DialChainRequest request;
        request.at = sample.facts.at;
        request.busyStaff = sample.busyStaff;
        request.stickyStaff = sample.stickyStaff;
        const DialChainResult chain = DialChain::resolve(model, team, request, shuffle);
        sink = sink + chain.rounds.size() + chain.describe().size();
    }));

    // The whole first answer as the router makes it: the flow's objects, begin(), the TwiML text.
    int ringing = 0; // answers that ring people, to show which path was measured
    const auto firstAnswer = [&](const Sample &sample) {
        CallContext context { model, settings, urls, sample.facts.at, sample.busyStaff, {}, &shuffle };
        context.stickyStaff = [&sample](const QString &, int) { return sample.stickyStaff; };
        CallSessionRecord session;
        session.callSid = u"CA0123456789abcdef0123456789abcdef"_s;
        session.from = sample.facts.callerE164;
        session.to = sample.facts.calledE164;
        CallState state;
        state.callerE164 = sample.facts.callerE164;
        state.hasBooking = sample.facts.hasBooking;
        TimelineBatch batch(session.callSid);
        TwimlWriter twiml;
        CallFlow(context, session, state, batch).begin(twiml);
        sink = sink + twiml.toXml().size() + batch.events().size();
        ringing += session.stage == CallStage::Ringing;
    };
    print(out, u"(c) CallFlow::begin + toXml, main number"_s, measure(calls, firstAnswer));
    const int mainRinging = ringing;
    print(out, u"(c) CallFlow::begin + toXml, menu line (menu prompt)"_s, measure(menuCalls, firstAnswer));

    // The menu's answer: the caller pressed 1 or 2 and a team rings. The state is the one begin()
    // left, read back from its JSON as the router does.
    QList<std::pair<CallSessionRecord, QString>> afterMenu;
    afterMenu.reserve(menuCalls.size());
    for (const Sample &sample : menuCalls) {
        CallContext context { model, settings, urls, sample.facts.at, {}, {}, &shuffle };
        CallSessionRecord session;
        session.callSid = u"CA0123456789abcdef0123456789abcdef"_s;
        session.to = MenuLine;
        CallState state;
        state.callerE164 = sample.facts.callerE164;
        TimelineBatch batch(session.callSid);
        TwimlWriter twiml;
        CallFlow(context, session, state, batch).begin(twiml);
        afterMenu.append({ session, state.toJson() });
    }
    int pressed = 0;
    int menuRinging = 0;
    print(out, u"(d) menuKey + toXml + state JSON, menu -> team"_s, measure(menuCalls, [&](const Sample &sample) {
        const auto &[stored, stateJson] = afterMenu.at(pressed % afterMenu.size());
        CallContext context { model, settings, urls, sample.facts.at, sample.busyStaff, {}, &shuffle };
        context.stickyStaff = [&sample](const QString &, int) { return sample.stickyStaff; };
        CallSessionRecord session = stored;
        CallState state = CallState::fromJson(stateJson);
        CallEvent event;
        event.callSid = session.callSid;
        event.digits = pressed++ % 2 == 0 ? u"1"_s : u"2"_s;
        TimelineBatch batch(session.callSid);
        TwimlWriter twiml;
        CallFlow(context, session, state, batch).menuKey(event, twiml);
        sink = sink + twiml.toXml().size() + state.toJson().size();
        menuRinging += session.stage == CallStage::Ringing;
    }));
    // The warm-up pass runs each body too, so these count a little more than one pass.
    out << Qt::endl
        << u"answers that ring people: %1% of the main number's first answers, %2% after a menu key"_s
               .arg(100.0 * mainRinging / (calls.size() + std::min<qsizetype>(calls.size(), 500)), 0, 'f', 0)
               .arg(100.0 * menuRinging / (menuCalls.size() + std::min<qsizetype>(menuCalls.size(), 500)), 0, 'f', 0)
        << Qt::endl
        << "max includes the odd preemption by other processes; p99 is the figure to hold against the goal."
        << Qt::endl;
    return 0;
}
