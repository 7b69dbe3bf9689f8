// Weekly on-call windows with closures, read in the routing plan's time zone.
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

class Schedule
{
    Q_DECLARE_TR_FUNCTIONS(Schedule)

public:
    QString id;
    QList<WeeklyWindow> weekly;
    QList<QDate> closed; // local dates on which nothing is open

    // Whether `at` (any time spec) falls inside a window, read in `zone`'s local wall-clock time.
    bool isOpen(const QDateTime &at, const QTimeZone &zone) const;
    // A plain sentence for the simulator and the call timeline.
    QString describe(const QDateTime &at, const QTimeZone &zone) const;
};
