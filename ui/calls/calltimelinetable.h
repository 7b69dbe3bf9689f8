// A call's timeline as a table, one row per step: when, what, who started it, how it went, and the
// router's sentence about it with its numbers written the practice's way. Failed steps stand out, ignored
// ones recede. The Call logs panel and a remote seat's call log show a call the same way.
#pragma once

#include "look/shownclock.h"
#include "storage/callrecords.h"

#include <QTableWidget>

class CallTimelineTable : public QTableWidget
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        StepColumn,
        ActionColumn,
        ResultColumn,
        DetailColumn,
        ColumnCount
    };

    explicit CallTimelineTable(QWidget *parent = nullptr);

    // Times on `clock`; numbers in the details the way `region` writes them.
    void showEvents(const QList<CallEventRecord> &events, const ShownClock &clock, const QString &region);
};
