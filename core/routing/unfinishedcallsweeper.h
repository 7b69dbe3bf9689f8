// Closes, in the background, the calls whose end Twilio never got to report (see
// CallRouter::closeCallsNeverReportedEnded), so that no call stays "ongoing" in the log for good.
#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

class CallRouter;

class UnfinishedCallSweeper : public QObject
{
    Q_OBJECT

public:
    // Looks once as soon as the event loop runs (for calls left open before a stop or crash), then
    // every `interval`. Lives on the router's thread.
    explicit UnfinishedCallSweeper(CallRouter &router, std::chrono::milliseconds interval = std::chrono::minutes(10),
        QObject *parent = nullptr);

    // Calls closed in one turn; a full turn is followed by the next once its closings are committed,
    // so a long backlog is worked off in short steps between webhooks.
    static constexpr int PerTurn = 100;

private:
    void sweep();

    CallRouter &m_router;
    QTimer m_timer;
    std::chrono::milliseconds m_interval;
    bool m_backlog = false; // the last turn was full: more may be waiting
};
