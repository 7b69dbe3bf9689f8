#include "unfinishedcallsweeper.h"

#include "callrouter.h"

namespace {

// How often a full turn looks whether its closings have reached the database yet.
constexpr std::chrono::milliseconds CommitPoll { 50 };

} // namespace

UnfinishedCallSweeper::UnfinishedCallSweeper(CallRouter &router, std::chrono::milliseconds interval, QObject *parent)
    : QObject(parent)
    , m_router(router)
    , m_interval(interval)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &UnfinishedCallSweeper::sweep);
    m_timer.start(0);
}

void UnfinishedCallSweeper::sweep()
{
    // The calls still open are read from the database, so a turn after a full one waits until the
    // closings it made are committed there (the journal alone would show them open again).
    if (m_backlog && !m_router.logInDatabase()) {
        m_timer.start(CommitPoll);
        return;
    }
    m_backlog = m_router.closeCallsNeverReportedEnded(PerTurn) == PerTurn;
    // Between turns the router answers what came meanwhile: a backlog never holds a webhook up.
    m_timer.start(m_backlog ? CommitPoll : m_interval);
}
