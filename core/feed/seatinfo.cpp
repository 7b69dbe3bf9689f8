// GET /api/seat's answer, written and read in one place.
#include "seatinfo.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

QJsonArray choicesToJson(const QList<SeatChoice> &choices)
{
    QJsonArray array;
    for (const SeatChoice &choice : choices)
        array.append(QJsonObject { { u"id"_s, choice.id }, { u"name"_s, choice.name } });
    return array;
}

QList<SeatChoice> choicesFromJson(const QJsonValue &value)
{
    QList<SeatChoice> choices;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &entry : array) {
        const QJsonObject object = entry.toObject();
        SeatChoice choice { object.value(u"id"_s).toString(), object.value(u"name"_s).toString() };
        if (choice.id.isEmpty())
            continue;
        if (choice.name.isEmpty())
            choice.name = choice.id;
        choices.append(choice);
    }
    return choices;
}

} // namespace

QJsonObject SeatInfo::toJson() const
{
    QJsonObject object { { u"role"_s, control ? u"control"_s : u"view"_s } };
    if (control) {
        object.insert(u"staff"_s, choicesToJson(staff));
        object.insert(u"teams"_s, choicesToJson(teams));
    }
    return object;
}

SeatInfo SeatInfo::fromJson(const QJsonObject &object)
{
    SeatInfo info;
    info.control = object.value(u"role"_s).toString() == u"control"_s;
    if (info.control) {
        info.staff = choicesFromJson(object.value(u"staff"_s));
        info.teams = choicesFromJson(object.value(u"teams"_s));
    }
    return info;
}
