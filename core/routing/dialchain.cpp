// Resolves a team into the rounds a call rings, naming everyone left out and why.
#include "dialchain.h"

#include <QHash>
#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

// Someone the team lists who may be rung on this call.
struct Candidate
{
    const StaffMember *member = nullptr;
    int tier = 0;
    int position = 0; // place in the team's listing, so that skipped people stay in team order
    bool repeat = false; // listed in an earlier tier too
};

// Someone left out, with their place in the team's listing.
struct Skip
{
    int position = 0;
    SkippedStaff staff;
};

QString displayName(const QString &name, const QString &staffId)
{
    return name.isEmpty() ? staffId : name;
}

QString alreadyRung()
{
    return DialChain::tr("already rung in this call");
}

// Fisher–Yates on QRandomGenerator::bounded() rather than std::shuffle, whose use of the generator
// is left to each standard library: a seed must give the same order wherever the tests run.
void shuffle(QList<Candidate> &candidates, QRandomGenerator &random)
{
    for (qsizetype i = candidates.size() - 1; i > 0; --i)
        candidates.swapItemsAt(i, random.bounded(int(i) + 1));
}

} // namespace

DialChainResult DialChain::resolve(
    const RoutingModel &model, const Team &team, const DialChainRequest &request, QRandomGenerator &random)
{
    // The first reason that applies, empty when they may be rung. Who the person is (unknown, inactive,
    // off schedule) is told before the state of this call (already rung, busy).
    const auto skipReason = [&](const StaffMember *member) -> QString {
        if (!member)
            return tr("no such staff member");
        if (!member->active)
            return tr("not active");
        if (!member->schedule.isEmpty()) {
            const Schedule *schedule = model.findSchedule(member->schedule);
            // The document validator refuses an unknown schedule; a model built otherwise must
            // still route, and leaving the person out is the safe reading of "on call when open".
            if (!schedule)
                return tr("off schedule: there is no schedule \"%1\"").arg(member->schedule);
            if (!schedule->isOpen(request.at, model.timeZone))
                return schedule->describe(request.at, model.timeZone);
        }
        if (member->phone.isEmpty())
            return tr("has no phone number");
        if (team.skipDialed && request.dialedNumbers.contains(member->phone))
            return alreadyRung();
        if (request.busyStaff.contains(member->id))
            return tr("on another call");
        return {};
    };

    QList<Skip> skips;
    QList<QList<Candidate>> eligible(team.tiers.size());
    std::optional<Candidate> sticky;
    QSet<QString> listed; // met in an earlier tier
    QSet<QString> leftOut; // skipped where first listed
    int position = 0;
    for (int t = 0; t < team.tiers.size(); ++t) {
        QSet<QString> inTier;
        for (const QString &staffId : team.tiers.at(t)) {
            // Twice in one tier says nothing more than once (validation refuses it).
            if (inTier.contains(staffId))
                continue;
            inTier.insert(staffId);
            const StaffMember *member = model.findStaff(staffId);
            // Listed in an earlier tier too: whether they ring again is decided once the chain is
            // known. Whoever could not be rung there cannot be here either, and is named once.
            if (listed.contains(staffId)) {
                if (!leftOut.contains(staffId))
                    eligible[t].append({ member, t, position, true });
                ++position;
                continue;
            }
            listed.insert(staffId);
            const QString reason = skipReason(member);
            if (!reason.isEmpty()) {
                leftOut.insert(staffId);
                skips.append({ position++, { staffId, member ? member->name : QString(), reason } });
                continue;
            }
            const Candidate candidate { member, t, position++ };
            if (team.stickyDays > 0 && !request.stickyStaff.isEmpty() && staffId == request.stickyStaff)
                sticky = candidate;
            else
                eligible[t].append(candidate);
        }
    }

    // The order people would be rung in before the cap: the sticky person alone first, then the
    // tiers, so that the cap cuts from the end and a one_by_one tier loses whoever the shuffle put last.
    QList<QList<Candidate>> order;
    if (sticky)
        order.append({ *sticky });
    for (QList<Candidate> &tier : eligible) {
        if (tier.isEmpty())
            continue;
        if (team.ring == RingMode::OneByOne) {
            shuffle(tier, random);
            for (const Candidate &candidate : std::as_const(tier))
                order.append({ candidate });
        } else {
            order.append(tier);
        }
    }

    // The document allows 1 to 10; a model built with less still rings someone rather than nobody.
    const int cap = std::max(1, team.maxPeople);
    const QString capReason
        = cap == 1 ? tr("the team rings only one person") : tr("the team rings at most %1 people").arg(cap);
    DialChainResult result;
    QHash<QString, QString> ringingPhones; // phone -> the name of whoever it is rung for
    QSet<QString> ringingStaff;
    int ringing = 0;
    for (const QList<Candidate> &candidates : std::as_const(order)) {
        QList<DialTarget> round;
        for (const Candidate &candidate : candidates) {
            const StaffMember &member = *candidate.member;
            // A later tier of someone already in the chain (their first listing always comes first):
            // with skip_dialed they ring once, else again here. The cap counts people, not rings.
            if (candidate.repeat) {
                if (!ringingStaff.contains(member.id))
                    continue; // cut where first listed, and named there
                if (team.skipDialed)
                    skips.append({ candidate.position, { member.id, member.name, alreadyRung() } });
                else
                    round.append({ member.id, member.name, member.phone, candidate.tier });
                continue;
            }
            // Two people sharing a phone would have it rung twice, in parallel or one after the other.
            if (const auto it = ringingPhones.constFind(member.phone); it != ringingPhones.cend()) {
                skips.append({ candidate.position,
                    { member.id, member.name, tr("same phone number as %1").arg(it.value()) } });
                continue;
            }
            if (ringing >= cap) {
                skips.append({ candidate.position, { member.id, member.name, capReason } });
                continue;
            }
            ringingPhones.insert(member.phone, displayName(member.name, member.id));
            ringingStaff.insert(member.id);
            ++ringing;
            round.append({ member.id, member.name, member.phone, candidate.tier });
        }
        if (!round.isEmpty())
            result.rounds.append(round);
    }

    std::stable_sort(
        skips.begin(), skips.end(), [](const Skip &a, const Skip &b) { return a.position < b.position; });
    for (const Skip &skip : std::as_const(skips))
        result.skipped.append(skip.staff);
    return result;
}

bool DialChainResult::isEmpty() const
{
    return rounds.isEmpty();
}

QString DialChainResult::describe() const
{
    // The locale joins the names ("A, B and C"), so that a translation reads naturally as a whole.
    const QLocale locale;
    QStringList skippedParts;
    for (const SkippedStaff &staff : skipped)
        skippedParts.append(tr("%1 (%2)").arg(displayName(staff.name, staff.staffId), staff.reason));

    if (rounds.isEmpty()) {
        if (skippedParts.isEmpty())
            return tr("Nobody in the team can be rung: it has no members.");
        return tr("Nobody in the team can be rung: %1.").arg(locale.createSeparatedList(skippedParts));
    }

    QString chain;
    for (const QList<DialTarget> &round : rounds) {
        QStringList names;
        for (const DialTarget &target : round)
            names.append(displayName(target.name, target.staffId));
        const QString part = names.size() == 1 ? names.constFirst()
                                               : tr("%1 together").arg(locale.createSeparatedList(names));
        chain = chain.isEmpty() ? part : tr("%1, then %2").arg(chain, part);
    }
    if (skippedParts.isEmpty())
        return tr("Ringing %1.").arg(chain);
    return tr("Ringing %1; skipped %2.").arg(chain, locale.createSeparatedList(skippedParts));
}
