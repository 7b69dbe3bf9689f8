// What GET /api/seat tells a seat: whether its token lets it act on calls and, when it does, whom it can
// name when it acts (the staff whose phone rings first for a call-back, the staff and teams a call can
// be moved to). Written by the router and read by a remote seat here, so both always say the same.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

struct SeatChoice
{
    QString id;
    QString name;
    bool operator==(const SeatChoice &other) const = default;
};

struct SeatInfo
{
    bool control = false;
    // Empty for a watching seat: it cannot act, so it is not told who works there.
    QList<SeatChoice> staff;
    QList<SeatChoice> teams;

    // {"role":"control"|"view","staff":[{"id","name"}],"teams":[{"id","name"}]}; the lists only for control.
    QJsonObject toJson() const;
    // Anything but "control" is watching, and a watching seat keeps no lists: a seat never assumes more
    // than it was told. Entries without an id are left out.
    static SeatInfo fromJson(const QJsonObject &object);

    bool operator==(const SeatInfo &other) const = default;
};
