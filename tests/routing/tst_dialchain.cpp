// DialChain: who a team rings for one call, in what order, and who is skipped and why.
#include "routing/dialchain.h"

#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Team)
Q_DECLARE_METATYPE(DialChainRequest)

namespace {

const QTimeZone NewYork("America/New_York");

// Monday 2026-01-05 at noon in New York: inside the office hours.
const QDateTime MondayNoon(QDate(2026, 1, 5), QTime(12, 0), NewYork);
// Monday 2026-01-05 at 08:59 and Saturday 2026-01-10 at noon: outside them.
const QDateTime MondayEarly(QDate(2026, 1, 5), QTime(8, 59), NewYork);
const QDateTime SaturdayNoon(QDate(2026, 1, 10), QTime(12, 0), NewYork);

StaffMember staff(const QString &id, const QString &name, const QString &phone, bool active = true,
    const QString &schedule = {})
{
    StaffMember member;
    member.id = id;
    member.name = name;
    member.phone = phone;
    member.active = active;
    member.schedule = schedule;
    return member;
}

// Alice, Bob, Dan, Erin and Frank are always reachable; Carol is not active; Olivia keeps office
// hours; Nina keeps a schedule that does not exist; Sam shares Alice's phone.
RoutingModel model()
{
    RoutingModel model;
    model.timeZone = NewYork;
    model.staff = {
        staff(u"alice"_s, u"Alice Ng"_s, u"+15551110001"_s),
        staff(u"bob"_s, u"Bob Ray"_s, u"+15551110002"_s),
        staff(u"carol"_s, u"Carol Diaz"_s, u"+15551110003"_s, false),
        staff(u"dan"_s, u"Dan Wu"_s, u"+15551110004"_s),
        staff(u"erin"_s, u"Erin Cho"_s, u"+15551110005"_s),
        staff(u"frank"_s, u"Frank Li"_s, u"+15551110006"_s),
        staff(u"olivia"_s, u"Olivia Park"_s, u"+15551110007"_s, true, u"office"_s),
        staff(u"nina"_s, u"Nina Ross"_s, u"+15551110008"_s, true, u"nowhere"_s),
        staff(u"sam"_s, u"Sam Ng"_s, u"+15551110001"_s),
    };
    Schedule office;
    office.id = u"office"_s;
    office.weekly = { { { Qt::Monday, Qt::Tuesday, Qt::Wednesday, Qt::Thursday, Qt::Friday }, QTime(9, 0),
        QTime(17, 0) } };
    model.schedules = { office };
    return model;
}

Team team(const QList<QStringList> &tiers, RingMode ring = RingMode::OneByOne, int maxPeople = 3)
{
    Team team;
    team.id = u"front"_s;
    team.name = u"Front desk"_s;
    team.tiers = tiers;
    team.ring = ring;
    team.maxPeople = maxPeople;
    return team;
}

Team sticky(Team team, int days = 30)
{
    team.stickyDays = days;
    return team;
}

Team ringingDialed(Team team)
{
    team.skipDialed = false;
    return team;
}

DialChainRequest request(const QDateTime &at = MondayNoon)
{
    DialChainRequest request;
    request.at = at;
    return request;
}

DialChainRequest dialed(const QSet<QString> &numbers)
{
    DialChainRequest r = request();
    r.dialedNumbers = numbers;
    return r;
}

DialChainRequest busy(const QSet<QString> &staffIds, const QString &stickyStaff = {})
{
    DialChainRequest r = request();
    r.busyStaff = staffIds;
    r.stickyStaff = stickyStaff;
    return r;
}

DialChainRequest stickyTo(const QString &staffId)
{
    DialChainRequest r = request();
    r.stickyStaff = staffId;
    return r;
}

DialChainResult resolve(const Team &team, const DialChainRequest &request, quint32 seed = 1)
{
    QRandomGenerator random(seed);
    return DialChain::resolve(model(), team, request, random);
}

// {"alice", "bob+carol"}: one entry per round, the people of a round joined by '+'.
QStringList rounds(const DialChainResult &result)
{
    QStringList rounds;
    for (const QList<DialTarget> &round : result.rounds) {
        QStringList ids;
        for (const DialTarget &target : round)
            ids.append(target.staffId);
        rounds.append(ids.join(u'+'));
    }
    return rounds;
}

QStringList skippedIds(const DialChainResult &result)
{
    QStringList ids;
    for (const SkippedStaff &staff : result.skipped)
        ids.append(staff.staffId);
    return ids;
}

const QString CapOfTwo = u"the team rings at most 2 people"_s;
const QString CapOfThree = u"the team rings at most 3 people"_s;

} // namespace

class TestDialChain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!NewYork.isValid())
            QSKIP("The time zone database is not installed.");
        // describe() joins names the English way in the tests, whatever the machine's locale.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void resolve_data()
    {
        QTest::addColumn<Team>("team");
        QTest::addColumn<DialChainRequest>("request");
        QTest::addColumn<QStringList>("rounds");
        QTest::addColumn<QStringList>("skipped");
        QTest::addColumn<QStringList>("reasons"); // a part of each skipped person's reason

        const QList<QStringList> threeTiers { { u"alice"_s }, { u"bob"_s }, { u"dan"_s } };
        const QList<QStringList> fourTiers { { u"alice"_s }, { u"bob"_s }, { u"dan"_s }, { u"erin"_s } };
        const QList<QStringList> twoPairs { { u"alice"_s, u"bob"_s }, { u"dan"_s, u"erin"_s } };

        QTest::newRow("tier order") << team(threeTiers) << request()
                                    << QStringList { u"alice"_s, u"bob"_s, u"dan"_s } << QStringList {}
                                    << QStringList {};
        QTest::newRow("all at once: a round per tier")
            << team({ { u"alice"_s, u"bob"_s }, { u"dan"_s } }, RingMode::AllAtOnce, 3) << request()
            << QStringList { u"alice+bob"_s, u"dan"_s } << QStringList {} << QStringList {};

        // The cap counts people across all rounds.
        QTest::newRow("max people one by one")
            << team(fourTiers, RingMode::OneByOne, 2) << request() << QStringList { u"alice"_s, u"bob"_s }
            << QStringList { u"dan"_s, u"erin"_s } << QStringList { CapOfTwo, CapOfTwo };
        QTest::newRow("max people all at once cuts a tier to fit")
            << team(twoPairs, RingMode::AllAtOnce, 3) << request() << QStringList { u"alice+bob"_s, u"dan"_s }
            << QStringList { u"erin"_s } << QStringList { CapOfThree };
        QTest::newRow("max people all at once drops a tier past the cap")
            << team(twoPairs, RingMode::AllAtOnce, 2) << request() << QStringList { u"alice+bob"_s }
            << QStringList { u"dan"_s, u"erin"_s } << QStringList { CapOfTwo, CapOfTwo };
        QTest::newRow("max people of one") << team(threeTiers, RingMode::OneByOne, 1) << request()
                                           << QStringList { u"alice"_s } << QStringList { u"bob"_s, u"dan"_s }
                                           << QStringList { u"only one person"_s, u"only one person"_s };
        QTest::newRow("max people below one still rings one")
            << team(threeTiers, RingMode::OneByOne, 0) << request() << QStringList { u"alice"_s }
            << QStringList { u"bob"_s, u"dan"_s }
            << QStringList { u"only one person"_s, u"only one person"_s };
        // Carol is skipped before the cap is counted, and the skipped list keeps team order.
        QTest::newRow("skipped people do not count toward the cap")
            << team({ { u"carol"_s }, { u"alice"_s }, { u"bob"_s }, { u"dan"_s } }, RingMode::OneByOne, 2)
            << request() << QStringList { u"alice"_s, u"bob"_s } << QStringList { u"carol"_s, u"dan"_s }
            << QStringList { u"not active"_s, CapOfTwo };

        QTest::newRow("skip inactive")
            << team({ { u"alice"_s, u"carol"_s }, { u"bob"_s } }, RingMode::AllAtOnce) << request()
            << QStringList { u"alice"_s, u"bob"_s } << QStringList { u"carol"_s }
            << QStringList { u"not active"_s };
        QTest::newRow("skip unknown staff")
            << team({ { u"ghost"_s }, { u"alice"_s } }) << request() << QStringList { u"alice"_s }
            << QStringList { u"ghost"_s } << QStringList { u"no such staff member"_s };

        // Olivia keeps Monday to Friday 09:00–17:00 in New York.
        const Team withOlivia = team({ { u"olivia"_s }, { u"alice"_s } });
        QTest::newRow("on schedule") << withOlivia << request(MondayNoon)
                                     << QStringList { u"olivia"_s, u"alice"_s } << QStringList {}
                                     << QStringList {};
        QTest::newRow("off schedule before the hours")
            << withOlivia << request(MondayEarly) << QStringList { u"alice"_s } << QStringList { u"olivia"_s }
            << QStringList { u"outside the hours of schedule \"office\" at 2026-01-05 08:59"_s };
        QTest::newRow("off schedule on the weekend")
            << withOlivia << request(SaturdayNoon) << QStringList { u"alice"_s }
            << QStringList { u"olivia"_s }
            << QStringList { u"outside the hours of schedule \"office\" at 2026-01-10 12:00"_s };
        QTest::newRow("off schedule: the hours are read in New York")
            << withOlivia << request(QDateTime(QDate(2026, 1, 5), QTime(13, 30), QTimeZone::utc()))
            << QStringList { u"alice"_s } << QStringList { u"olivia"_s }
            << QStringList { u"at 2026-01-05 08:30 America/New_York"_s };
        QTest::newRow("a schedule that does not exist")
            << team({ { u"nina"_s }, { u"alice"_s } }) << request() << QStringList { u"alice"_s }
            << QStringList { u"nina"_s } << QStringList { u"no schedule \"nowhere\""_s };

        QTest::newRow("skip already dialed")
            << team(threeTiers) << dialed({ u"+15551110002"_s }) << QStringList { u"alice"_s, u"dan"_s }
            << QStringList { u"bob"_s } << QStringList { u"already rung in this call"_s };
        QTest::newRow("ring already dialed when skip_dialed is off")
            << ringingDialed(team(threeTiers)) << dialed({ u"+15551110002"_s })
            << QStringList { u"alice"_s, u"bob"_s, u"dan"_s } << QStringList {} << QStringList {};

        QTest::newRow("busy") << team(threeTiers) << busy({ u"alice"_s })
                              << QStringList { u"bob"_s, u"dan"_s } << QStringList { u"alice"_s }
                              << QStringList { u"on another call"_s };
        QTest::newRow("busy in an all at once tier")
            << team(twoPairs, RingMode::AllAtOnce, 4) << busy({ u"bob"_s, u"erin"_s })
            << QStringList { u"alice"_s, u"dan"_s } << QStringList { u"bob"_s, u"erin"_s }
            << QStringList { u"on another call"_s, u"on another call"_s };

        QTest::newRow("sticky first one by one")
            << sticky(team(threeTiers)) << stickyTo(u"dan"_s)
            << QStringList { u"dan"_s, u"alice"_s, u"bob"_s } << QStringList {} << QStringList {};
        QTest::newRow("sticky first all at once")
            << sticky(team(twoPairs, RingMode::AllAtOnce, 4)) << stickyTo(u"erin"_s)
            << QStringList { u"erin"_s, u"alice+bob"_s, u"dan"_s } << QStringList {} << QStringList {};
        QTest::newRow("sticky alone in their tier leaves no empty round")
            << sticky(team({ { u"alice"_s, u"bob"_s }, { u"dan"_s } }, RingMode::AllAtOnce))
            << stickyTo(u"dan"_s) << QStringList { u"dan"_s, u"alice+bob"_s } << QStringList {}
            << QStringList {};
        QTest::newRow("sticky counts toward the cap")
            << sticky(team(threeTiers, RingMode::OneByOne, 2)) << stickyTo(u"dan"_s)
            << QStringList { u"dan"_s, u"alice"_s } << QStringList { u"bob"_s } << QStringList { CapOfTwo };
        QTest::newRow("sticky ignored when sticky_days is 0")
            << sticky(team(threeTiers), 0) << stickyTo(u"dan"_s)
            << QStringList { u"alice"_s, u"bob"_s, u"dan"_s } << QStringList {} << QStringList {};
        QTest::newRow("sticky ignored when busy")
            << sticky(team(threeTiers)) << busy({ u"dan"_s }, u"dan"_s)
            << QStringList { u"alice"_s, u"bob"_s } << QStringList { u"dan"_s }
            << QStringList { u"on another call"_s };
        QTest::newRow("sticky ignored when not active")
            << sticky(team({ { u"alice"_s }, { u"carol"_s } })) << stickyTo(u"carol"_s)
            << QStringList { u"alice"_s } << QStringList { u"carol"_s } << QStringList { u"not active"_s };
        QTest::newRow("sticky ignored when not a member")
            << sticky(team(threeTiers)) << stickyTo(u"frank"_s)
            << QStringList { u"alice"_s, u"bob"_s, u"dan"_s } << QStringList {} << QStringList {};

        // Someone in two tiers rings once while the team skips people already rung, and is named as
        // skipped in the later tier; with skip_dialed off they ring in each tier.
        const QString AlreadyRung = u"already rung in this call"_s;
        const QList<QStringList> aliceTwice { { u"alice"_s }, { u"bob"_s }, { u"alice"_s } };
        QTest::newRow("in two tiers, skip_dialed on: rung once")
            << team(aliceTwice) << request() << QStringList { u"alice"_s, u"bob"_s }
            << QStringList { u"alice"_s } << QStringList { AlreadyRung };
        QTest::newRow("in two tiers, skip_dialed off: rung in each")
            << ringingDialed(team(aliceTwice)) << request()
            << QStringList { u"alice"_s, u"bob"_s, u"alice"_s } << QStringList {} << QStringList {};
        const QList<QStringList> aliceInBothPairs { { u"alice"_s, u"bob"_s }, { u"alice"_s, u"dan"_s } };
        QTest::newRow("in two tiers all at once, skip_dialed on")
            << team(aliceInBothPairs, RingMode::AllAtOnce) << request()
            << QStringList { u"alice+bob"_s, u"dan"_s } << QStringList { u"alice"_s }
            << QStringList { AlreadyRung };
        QTest::newRow("in two tiers all at once, skip_dialed off")
            << ringingDialed(team(aliceInBothPairs, RingMode::AllAtOnce)) << request()
            << QStringList { u"alice+bob"_s, u"alice+dan"_s } << QStringList {} << QStringList {};
        // max_people counts people: ringing Alice again takes nobody's place.
        QTest::newRow("in two tiers, the cap counts them once")
            << ringingDialed(team(
                   { { u"alice"_s }, { u"bob"_s }, { u"alice"_s }, { u"dan"_s } }, RingMode::OneByOne, 2))
            << request() << QStringList { u"alice"_s, u"bob"_s, u"alice"_s } << QStringList { u"dan"_s }
            << QStringList { CapOfTwo };
        // Whoever cannot be rung where first listed is not rung later either, and is named once.
        QTest::newRow("in two tiers, inactive: named once")
            << ringingDialed(team({ { u"carol"_s }, { u"alice"_s }, { u"carol"_s } })) << request()
            << QStringList { u"alice"_s } << QStringList { u"carol"_s } << QStringList { u"not active"_s };
        QTest::newRow("in two tiers, busy: named once")
            << team(aliceTwice) << busy({ u"alice"_s }) << QStringList { u"bob"_s }
            << QStringList { u"alice"_s } << QStringList { u"on another call"_s };
        QTest::newRow("in two tiers, cut by the cap: named once")
            << ringingDialed(team({ { u"bob"_s }, { u"alice"_s }, { u"alice"_s } }, RingMode::OneByOne, 1))
            << request() << QStringList { u"bob"_s } << QStringList { u"alice"_s }
            << QStringList { u"only one person"_s };
        QTest::newRow("sticky and in two tiers, skip_dialed on")
            << sticky(team({ { u"alice"_s }, { u"dan"_s }, { u"dan"_s } })) << stickyTo(u"dan"_s)
            << QStringList { u"dan"_s, u"alice"_s } << QStringList { u"dan"_s }
            << QStringList { AlreadyRung };
        // Validation refuses these; a model built in code must still not ring anyone twice in a tier.
        QTest::newRow("twice in one tier one by one")
            << ringingDialed(team({ { u"alice"_s, u"alice"_s }, { u"bob"_s } })) << request()
            << QStringList { u"alice"_s, u"bob"_s } << QStringList {} << QStringList {};
        QTest::newRow("twice in one tier all at once")
            << ringingDialed(team({ { u"alice"_s, u"alice"_s, u"bob"_s } }, RingMode::AllAtOnce)) << request()
            << QStringList { u"alice+bob"_s } << QStringList {} << QStringList {};
        QTest::newRow("a phone shared by two people is rung once")
            << team({ { u"alice"_s, u"sam"_s }, { u"bob"_s } }, RingMode::AllAtOnce) << request()
            << QStringList { u"alice"_s, u"bob"_s } << QStringList { u"sam"_s }
            << QStringList { u"same phone number as Alice Ng"_s };

        QTest::newRow("nobody can be rung")
            << team({ { u"carol"_s, u"ghost"_s }, { u"olivia"_s } }) << request(SaturdayNoon)
            << QStringList {} << QStringList { u"carol"_s, u"ghost"_s, u"olivia"_s }
            << QStringList { u"not active"_s, u"no such staff member"_s, u"outside the hours"_s };
        QTest::newRow("no tiers") << team({}) << request() << QStringList {} << QStringList {}
                                  << QStringList {};
    }

    void resolve()
    {
        QFETCH(Team, team);
        QFETCH(DialChainRequest, request);
        QFETCH(QStringList, rounds);
        QFETCH(QStringList, skipped);
        QFETCH(QStringList, reasons);
        QCOMPARE(skipped.size(), reasons.size());

        const DialChainResult result = ::resolve(team, request);
        QCOMPARE(::rounds(result), rounds);
        QCOMPARE(result.isEmpty(), rounds.isEmpty());
        QCOMPARE(skippedIds(result), skipped);
        for (qsizetype i = 0; i < reasons.size(); ++i) {
            const QString &reason = result.skipped.at(i).reason;
            QVERIFY2(reason.contains(reasons.at(i)),
                qPrintable(u"\"%1\" does not mention \"%2\""_s.arg(reason, reasons.at(i))));
        }
    }

    void targetsCarryNamePhoneAndTier()
    {
        const DialChainResult result = ::resolve(
            team({ { u"ghost"_s, u"alice"_s }, { u"bob"_s, u"carol"_s } }, RingMode::AllAtOnce), request());
        QCOMPARE(result.rounds.size(), 2);
        QCOMPARE(result.rounds.at(0),
            QList<DialTarget> { (DialTarget { u"alice"_s, u"Alice Ng"_s, u"+15551110001"_s, 0 }) });
        QCOMPARE(result.rounds.at(1),
            QList<DialTarget> { (DialTarget { u"bob"_s, u"Bob Ray"_s, u"+15551110002"_s, 1 }) });
        QCOMPARE(result.skipped,
            (QList<SkippedStaff> { { u"ghost"_s, QString(), u"no such staff member"_s },
                { u"carol"_s, u"Carol Diaz"_s, u"not active"_s } }));
    }

    void stickyKeepsTheirTier()
    {
        const DialChainResult result
            = ::resolve(sticky(team({ { u"alice"_s }, { u"bob"_s } })), stickyTo(u"bob"_s));
        QCOMPARE(::rounds(result), (QStringList { u"bob"_s, u"alice"_s }));
        QCOMPARE(result.rounds.at(0).at(0).tier, 1);
        QCOMPARE(result.rounds.at(1).at(0).tier, 0);
    }

    void sameSeedSameChain()
    {
        const Team shuffled
            = team({ { u"alice"_s, u"bob"_s, u"dan"_s, u"erin"_s, u"frank"_s } }, RingMode::OneByOne, 5);
        QSet<QString> orders;
        for (quint32 seed = 0; seed < 50; ++seed) {
            const QStringList first = ::rounds(::resolve(shuffled, request(), seed));
            QCOMPARE(::rounds(::resolve(shuffled, request(), seed)), first);
            orders.insert(first.join(u','));
        }
        // Fifty seeds over 120 orders: a shuffle that never shuffles would give one.
        QVERIFY2(orders.size() > 10, qPrintable(QString::number(orders.size())));
    }

    void shuffleWithinTier()
    {
        // A tier of three before a tier of one: each of the three comes first about a third of the
        // time, and the later tier always comes last.
        const Team shuffled
            = team({ { u"alice"_s, u"bob"_s, u"dan"_s }, { u"erin"_s } }, RingMode::OneByOne, 4);
        constexpr int Seeds = 3000;
        QHash<QString, int> first;
        for (quint32 seed = 0; seed < Seeds; ++seed) {
            const QStringList order = ::rounds(::resolve(shuffled, request(), seed));
            QCOMPARE(order.size(), 4);
            QCOMPARE(order.last(), u"erin"_s);
            QCOMPARE(QSet<QString>(order.cbegin(), order.cend() - 1),
                (QSet<QString> { u"alice"_s, u"bob"_s, u"dan"_s }));
            ++first[order.first()];
        }
        for (const QString &id : { u"alice"_s, u"bob"_s, u"dan"_s }) {
            const double share = double(first.value(id)) / Seeds;
            QVERIFY2(
                share > 0.20 && share < 0.47, qPrintable(u"%1 first in %2 of calls"_s.arg(id).arg(share)));
        }
    }

    void capCutsTheEndOfAShuffledTier()
    {
        // one_by_one with a cap: whoever the shuffle puts last is left out, named in team order.
        const QStringList five { u"alice"_s, u"bob"_s, u"dan"_s, u"erin"_s, u"frank"_s };
        QSet<QString> everLeftOut;
        for (quint32 seed = 0; seed < 200; ++seed) {
            const DialChainResult result = ::resolve(team({ five }, RingMode::OneByOne, 3), request(), seed);
            const QStringList rung = ::rounds(result);
            const QStringList left = skippedIds(result);
            QCOMPARE(rung.size(), 3);
            QCOMPARE(left.size(), 2);
            QVERIFY(five.indexOf(left.at(0)) < five.indexOf(left.at(1)));
            QCOMPARE(QSet<QString>(rung.cbegin(), rung.cend()) + QSet<QString>(left.cbegin(), left.cend()),
                QSet<QString>(five.cbegin(), five.cend()));
            for (const SkippedStaff &staff : result.skipped)
                QCOMPARE(staff.reason, CapOfThree);
            everLeftOut.unite(QSet<QString>(left.cbegin(), left.cend()));
        }
        QCOMPARE(everLeftOut.size(), five.size());
    }

    void describe_data()
    {
        QTest::addColumn<Team>("team");
        QTest::addColumn<DialChainRequest>("request");
        QTest::addColumn<QString>("sentence");

        QTest::newRow("a chain with someone skipped")
            << team({ { u"alice"_s }, { u"bob"_s }, { u"carol"_s } }) << request()
            << u"Ringing Alice Ng, then Bob Ray; skipped Carol Diaz (not active)."_s;
        QTest::newRow("a chain with nobody skipped")
            << team({ { u"alice"_s }, { u"bob"_s }, { u"dan"_s } }) << request()
            << u"Ringing Alice Ng, then Bob Ray, then Dan Wu."_s;
        QTest::newRow("one person") << team({ { u"alice"_s } }) << request() << u"Ringing Alice Ng."_s;
        QTest::newRow("all at once") << team({ { u"alice"_s, u"bob"_s, u"dan"_s }, { u"erin"_s } },
            RingMode::AllAtOnce, 4) << request()
                                     << u"Ringing Alice Ng, Bob Ray, and Dan Wu together, then Erin Cho."_s;
        QTest::newRow("several skipped")
            << team({ { u"alice"_s, u"bob"_s, u"ghost"_s } }, RingMode::AllAtOnce) << busy({ u"bob"_s })
            << u"Ringing Alice Ng; skipped Bob Ray (on another call) and ghost (no such staff member)."_s;
        QTest::newRow("nobody can be rung")
            << team({ { u"carol"_s }, { u"alice"_s } }) << busy({ u"alice"_s })
            << u"Nobody in the team can be rung: Carol Diaz (not active) and Alice Ng (on another call)."_s;
        QTest::newRow("nobody in the team")
            << team({}) << request() << u"Nobody in the team can be rung: it has no members."_s;
    }

    void describe()
    {
        QFETCH(Team, team);
        QFETCH(DialChainRequest, request);
        QFETCH(QString, sentence);
        QCOMPARE(::resolve(team, request).describe(), sentence);
    }

    void describeNamesTheSchedule()
    {
        const DialChainResult result = ::resolve(team({ { u"olivia"_s } }), request(SaturdayNoon));
        QVERIFY(result.isEmpty());
        const QString sentence = result.describe();
        QVERIFY2(sentence.startsWith(u"Nobody in the team can be rung: Olivia Park (outside the hours of "
                                     "schedule \"office\""_s),
            qPrintable(sentence));
    }
};

QTEST_GUILESS_MAIN(TestDialChain)
#include "tst_dialchain.moc"
