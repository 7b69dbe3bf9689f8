// Places the call-backs seats ask for (the `call_back` command): checks what is needed, asks Twilio's REST
// API to ring the first phone, and starts the call-back's outgoing session. Lives on the router's thread.
#pragma once

#include "feed/feedmessage.h"
#include "routing/callbacks.h"

#include <QCoroTask>
#include <QObject>

#include <chrono>
#include <functional>

class CallRouter;
class QNetworkAccessManager;
class RouterSettingsCache;

class CallBackStarter : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(bool ok, const QString &error)>;

    // A REST request that takes longer than this is given up, and the seat told so.
    static constexpr std::chrono::milliseconds RequestTimeout { 10'000 };

    CallBackStarter(CallRouter &router, RouterSettingsCache &settings, QNetworkAccessManager *network,
                    QObject *parent = nullptr);

    // Places the call-back `command` asks for and says how it went through `done` (once, later): ok once
    // Twilio rings the first phone, else a plain sentence (Twilio's own words when it refused).
    void start(const FeedCommand &command, Done done);

private:
    QCoro::Task<> place(CallBackPlan plan, RouterSettings settings, Done done);

    CallRouter &m_router;
    RouterSettingsCache &m_settings;
    QNetworkAccessManager *m_network;
};
