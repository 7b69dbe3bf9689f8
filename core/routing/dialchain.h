// The dial chain of a team for one call: who is rung, in what order, and who is skipped and why.
#pragma once

#include "routingmodel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QRandomGenerator>
#include <QSet>
#include <QString>

struct DialTarget
{
    QString staffId;
    QString name;
    QString phone; // E.164
    int tier = 0; // 0-based index in Team::tiers
    bool operator==(const DialTarget &other) const = default;
};

struct SkippedStaff
{
    QString staffId;
    QString name; // empty when the id names nobody
    QString reason; // a plain translated sentence fragment, e.g. "not active"
    bool operator==(const SkippedStaff &other) const = default;
};

struct DialChainRequest
{
    QDateTime at; // when the call is being routed
    QSet<QString> dialedNumbers; // E.164 numbers already rung in this call
    QSet<QString> busyStaff; // staff ids on a live call from this router right now
    QString stickyStaff; // who last answered this caller within the team's sticky_days, or empty
};

struct DialChainResult
{
    Q_DECLARE_TR_FUNCTIONS(DialChainResult)

public:
    // Rung one round after another. one_by_one: one person per round; all_at_once: a tier's
    // eligible people together. A sticky person always has a round of their own, the first.
    QList<QList<DialTarget>> rounds;
    QList<SkippedStaff> skipped; // in team order

    // Nobody to ring.
    bool isEmpty() const;
    // One sentence for the call timeline, e.g. "Ringing Alice Ng, then Bob Ray; skipped Carol Diaz
    // (not active)." or "Nobody in the team can be rung: Alice Ng (on another call)."
    QString describe() const;
};

class DialChain
{
    Q_DECLARE_TR_FUNCTIONS(DialChain)

public:
    // The team's chain for this call. `random` shuffles the people of a one_by_one tier, so that
    // tests pass a seeded generator; the same seed always gives the same chain. Someone listed in
    // several tiers rings where first listed, and in the later tiers again only when the team's
    // skip_dialed is off (else they are skipped there as already rung); max_people counts them once.
    static DialChainResult resolve(const RoutingModel &model, const Team &team,
        const DialChainRequest &request, QRandomGenerator &random);
};
