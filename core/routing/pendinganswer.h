// The answer to a call that is still being worked out, so that a repeated webhook can wait for it
// instead of starting a second registration with the AI agent.
#pragma once

#include <QByteArray>
#include <QObject>

class PendingAnswer : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    bool isFinished() const { return m_finished; }
    QByteArray twiml() const { return m_twiml; }
    void finish(const QByteArray &twiml);

Q_SIGNALS:
    void finished();

private:
    QByteArray m_twiml;
    bool m_finished = false;
};
