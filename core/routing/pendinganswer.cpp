// The answer to a call that is still being worked out.
#include "pendinganswer.h"

void PendingAnswer::finish(const QByteArray &twiml)
{
    m_twiml = twiml;
    m_finished = true;
    Q_EMIT finished();
}
