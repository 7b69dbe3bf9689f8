// An on-call schedule: the weekly hours and closed dates during which someone can be offered a call.
#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QTime>
#include <QTimeZone>

// One weekly on-call window in the schedule's local time. A window whose `to` is not after its
// `from` crosses midnight and ends on the next day; `from == to` is 24 hours from `from`.
struct WeeklyWindow
{
    QList<Qt::DayOfWeek> days; // the days the window starts on
    QTime from;
    QTime to;
};

// A plain value filled by the JSON document parser; the members are public for that reason.
class Schedule
{
    Q_DECLARE_TR_FUNCTIONS(Schedule)

public:
    // How staff and rules refer to it; never shown when there is a name.
    QString id;
    // As people call it ("Office hours", spaces and all); empty: the id is the name.
    QString name;
    QList<WeeklyWindow> weekly;
    QList<QDate> closed; // local dates on which nothing is open

    // Whether `at` (any time spec) falls inside a window, read in `zone`'s local wall-clock time.
    bool isOpen(const QDateTime &at, const QTimeZone &zone) const;
    QString displayName() const { return name.isEmpty() ? id : name; }
    // A plain sentence for the simulator and the call timeline, e.g. why someone was skipped:
    // "closed on 2026-12-25" / "outside the hours of schedule \"office\"" / "inside ...".
    QString describe(const QDateTime &at, const QTimeZone &zone) const;
};
