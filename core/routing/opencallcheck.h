// After a stop or a crash, asks Twilio how the calls still open in the log went: their status callbacks
// came while nobody was listening, and Twilio does not send them again. A call that has ended at Twilio
// is closed with Twilio's own status, duration and end; one still going on is left for its callback.
#pragma once

#include <QObject>
#include <QPointer>

class CallRouter;
class QNetworkAccessManager;
class RouterSettingsCache;

class OpenCallCheck : public QObject
{
    Q_OBJECT

public:
    // Calls asked about at one start: a small office has at most a few open at a stop.
    static constexpr int AtMost = 100;

    // Asks once, as soon as the event loop runs, on the router's thread. Calls older than
    // CallRouter::LongestCall are the UnfinishedCallSweeper's.
    OpenCallCheck(CallRouter &router, RouterSettingsCache &settings, QNetworkAccessManager *network,
        QObject *parent = nullptr);

Q_SIGNALS:
    // `asked` calls were asked about, `closed` of them closed; `error` when Twilio could not be asked.
    void finished(int asked, int closed, const QString &error);

private:
    void start();

    CallRouter &m_router;
    RouterSettingsCache &m_settings;
    QPointer<QNetworkAccessManager> m_network;
};
