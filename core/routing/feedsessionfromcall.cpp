#include "feedsessionfromcall.h"

#include "callstate.h"

namespace {

FeedParty partyOf(const DialTarget &target)
{
    // A number rung on its own carries itself as its name.
    return FeedParty { target.staffId, target.name == target.phone ? QString() : target.name, target.phone };
}

} // namespace

FeedSession feedSessionFromCall(const CallSessionRecord &record, const QString &fallbackNumber)
{
    FeedSession session;
    session.call.session = record;
    session.call.session.state.clear();
    if (record.endedAt.isValid())
        return session;
    const CallState state = CallState::fromJson(record.state);
    const QList<DialTarget> *round = state.ringingRound();
    const FeedParty fallback { {}, {}, fallbackNumber };
    switch (record.stage) {
    case CallStage::Ringing:
        if (round) {
            for (const DialTarget &target : *round)
                session.ringing.append(partyOf(target));
        }
        if (!session.ringing.isEmpty())
            session.with = session.ringing.constFirst();
        break;
    case CallStage::Fallback:
        session.withFallback = true;
        session.with = fallback;
        session.ringing.append(fallback);
        break;
    case CallStage::Answered:
        if (const DialTarget *who = state.answeringTarget(record.answeredBy)) {
            session.with = partyOf(*who);
        } else if (record.fallbackDialed && !round) {
            // Nobody of a round: the fallback number took the call.
            session.withFallback = true;
            session.with = fallback;
        }
        break;
    default:
        break;
    }
    return session;
}
