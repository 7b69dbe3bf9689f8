// What a seat asked to do with a call in progress, as the control webhook's URL carries it.
#include "callmove.h"

using namespace Qt::StringLiterals;

namespace {

// The longest seat name kept: it is only shown, and the URL must stay short.
constexpr int MaxSeatLength = 80;

QString kindKey(CallMove::Kind kind)
{
    switch (kind) {
    case CallMove::Kind::Voicemail: return u"voicemail"_s;
    case CallMove::Kind::Staff: return u"staff"_s;
    case CallMove::Kind::Team: return u"team"_s;
    case CallMove::Kind::Number: return u"number"_s;
    }
    return {};
}

} // namespace

QUrlQuery CallMove::toQuery() const
{
    QUrlQuery query;
    query.addQueryItem(u"to"_s, kindKey(kind));
    if (kind != Kind::Voicemail)
        query.addQueryItem(u"target"_s, target);
    if (!seat.isEmpty())
        query.addQueryItem(u"seat"_s, seat.left(MaxSeatLength));
    return query;
}

std::optional<CallMove> CallMove::fromQuery(const QUrlQuery &query)
{
    const QString to = query.queryItemValue(u"to"_s, QUrl::FullyDecoded);
    CallMove move;
    bool known = false;
    for (const Kind kind : {Kind::Voicemail, Kind::Staff, Kind::Team, Kind::Number}) {
        if (to == kindKey(kind)) {
            move.kind = kind;
            known = true;
        }
    }
    if (!known)
        return std::nullopt;
    move.target = query.queryItemValue(u"target"_s, QUrl::FullyDecoded);
    if (move.kind != Kind::Voicemail && move.target.isEmpty())
        return std::nullopt;
    move.seat = query.queryItemValue(u"seat"_s, QUrl::FullyDecoded).left(MaxSeatLength);
    return move;
}
