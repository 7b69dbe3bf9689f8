// A command sent to the router whose result has not come back yet: what its sender awaits.
#pragma once

#include "feedcommandresult.h"

#include <QObject>

class PendingFeedCommand : public QObject
{
    Q_OBJECT

public:
    explicit PendingFeedCommand(QObject *parent = nullptr);

    // Emits settled() the first time; a second answer (a router repeating itself) changes nothing.
    void settle(const FeedCommandResult &result);
    bool isSettled() const { return m_settled; }

Q_SIGNALS:
    void settled(const FeedCommandResult &result);

private:
    bool m_settled = false;
};
