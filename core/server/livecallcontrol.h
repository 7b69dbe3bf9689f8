// What a seat with the control token asks of a live call, done through Twilio's REST API and written on
// the call's timeline with the seat's name and the result. Lives on the router's thread.
#pragma once

#include "feed/feedmessage.h"
#include "routing/callmove.h"

#include <QCoroTask>
#include <QObject>

#include <functional>

class CallBackStarter;
class CallRouter;
class FeedHub;
class QNetworkAccessManager;
class RouterSettingsCache;

class LiveCallControl : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(bool ok, const QString &error)>;

    // A REST request that takes longer than this is given up, and the seat told so.
    static constexpr std::chrono::milliseconds RequestTimeout { 10'000 };

    LiveCallControl(CallRouter &router, FeedHub &hub, RouterSettingsCache &settings, QNetworkAccessManager *network,
                    QObject *parent = nullptr);

    // Does `command` and says how it went through `done` (once, later); a plain sentence when it failed.
    void handle(const FeedCommand &command, Done done);

private:
    QCoro::Task<> hangUp(FeedCommand command, Done done);
    // Voicemail and transfers: Twilio is told to fetch our control webhook for the call (CallMove).
    QCoro::Task<> move(FeedCommand command, Done done);
    // The move a command asks for, its target's number written in E.164; nothing, with `problem`
    // set, when the command does not say where to.
    static std::optional<CallMove> moveOf(
        const FeedCommand &command, const QString &defaultRegion, QString *problem);
    static QString seatName(const FeedCommand &command);

    CallRouter &m_router;
    FeedHub &m_hub;
    RouterSettingsCache &m_settings;
    QNetworkAccessManager *m_network;
    CallBackStarter *m_callBacks;
};
