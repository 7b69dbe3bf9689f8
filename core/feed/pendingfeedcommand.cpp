// A command sent to the router whose result has not come back yet.
#include "pendingfeedcommand.h"

PendingFeedCommand::PendingFeedCommand(QObject *parent)
    : QObject(parent)
{ }

void PendingFeedCommand::settle(const FeedCommandResult &result)
{
    if (m_settled)
        return;
    m_settled = true;
    Q_EMIT settled(result);
}
