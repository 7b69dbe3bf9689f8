// What the routing engine remembers about a call between its webhooks.
#include "callstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList toStringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list.append(item.toString());
    return list;
}

} // namespace

const QList<DialTarget> *CallState::ringingRound() const
{
    return round >= 0 && round < rounds.size() ? &rounds.at(round) : nullptr;
}

const DialTarget *CallState::ringingTarget(const QString &staffId) const
{
    if (const QList<DialTarget> *targets = ringingRound()) {
        for (const DialTarget &target : *targets) {
            if (!staffId.isEmpty() && target.staffId == staffId)
                return &target;
        }
    }
    return nullptr;
}

const DialTarget *CallState::answeringTarget(const QString &staffId) const
{
    if (!staffId.isEmpty())
        return ringingTarget(staffId);
    const QList<DialTarget> *targets = ringingRound();
    return targets && targets->size() == 1 ? &targets->constFirst() : nullptr;
}

QString CallState::toJson() const
{
    QJsonArray roundsJson;
    for (const QList<DialTarget> &targets : rounds) {
        QJsonArray roundJson;
        for (const DialTarget &target : targets) {
            roundJson.append(QJsonObject { { u"staff"_s, target.staffId }, { u"name"_s, target.name },
                { u"phone"_s, target.phone }, { u"tier"_s, target.tier } });
        }
        roundsJson.append(roundJson);
    }
    // Only what differs from a new call's state: the text is written with every change of a call.
    QJsonObject object;
    const auto put = [&object](const QString &key, const QJsonValue &value, bool isDefault) {
        if (!isDefault)
            object.insert(key, value);
    };
    put(u"caller"_s, callerE164, callerE164.isEmpty());
    put(u"caller_name"_s, callerName, callerName.isEmpty());
    put(u"assigned_staff"_s, assignedStaff, assignedStaff.isEmpty());
    put(u"has_booking"_s, hasBooking, !hasBooking);
    put(u"node"_s, node, node.isEmpty());
    put(u"menu_attempt"_s, menuAttempt, menuAttempt == 0);
    put(u"rounds"_s, roundsJson, roundsJson.isEmpty());
    put(u"round"_s, round, round == -1);
    put(u"ring_seconds"_s, ringSeconds, ringSeconds == 20);
    put(u"confirm"_s, confirm, !confirm);
    put(u"accepted_by"_s, acceptedBy, acceptedBy.isEmpty());
    put(u"refused_by"_s, toArray(refusedBy), refusedBy.isEmpty());
    put(u"leg_connected"_s, legConnected, !legConnected);
    put(u"dialed"_s, toArray(dialed), dialed.isEmpty());
    put(u"voicemail_tried"_s, voicemailTried, !voicemailTried);
    put(u"person_tried"_s, personTried, !personTried);
    put(u"moves"_s, moves, moves == 0);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

CallState CallState::fromJson(const QString &json)
{
    CallState state;
    if (json.isEmpty())
        return state;
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    state.callerE164 = object.value(u"caller"_s).toString();
    state.callerName = object.value(u"caller_name"_s).toString();
    state.assignedStaff = object.value(u"assigned_staff"_s).toString();
    state.hasBooking = object.value(u"has_booking"_s).toBool();
    state.node = object.value(u"node"_s).toString();
    state.menuAttempt = object.value(u"menu_attempt"_s).toInt();
    for (const QJsonValue &roundJson : object.value(u"rounds"_s).toArray()) {
        QList<DialTarget> targets;
        for (const QJsonValue &targetJson : roundJson.toArray()) {
            const QJsonObject target = targetJson.toObject();
            targets.append({ target.value(u"staff"_s).toString(), target.value(u"name"_s).toString(),
                target.value(u"phone"_s).toString(), target.value(u"tier"_s).toInt() });
        }
        state.rounds.append(targets);
    }
    state.round = object.value(u"round"_s).toInt(-1);
    state.ringSeconds = object.value(u"ring_seconds"_s).toInt(20);
    state.confirm = object.value(u"confirm"_s).toBool();
    state.acceptedBy = object.value(u"accepted_by"_s).toString();
    state.refusedBy = toStringList(object.value(u"refused_by"_s));
    state.legConnected = object.value(u"leg_connected"_s).toBool();
    state.dialed = toStringList(object.value(u"dialed"_s));
    state.voicemailTried = object.value(u"voicemail_tried"_s).toBool();
    state.personTried = object.value(u"person_tried"_s).toBool();
    state.moves = object.value(u"moves"_s).toInt();
    return state;
}
