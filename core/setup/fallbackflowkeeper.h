// Keeps the Twilio-hosted fallback flow (see TwilioApply) doing what the settings say while the router runs:
// once the fallback number, its ring time or the routing plan's voicemail change, the flow is brought up to
// date through Twilio's REST API, so the owner never has to apply again for it.
#pragma once

#include "twilio/fallbackflow.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

class DataDirectory;
class QNetworkAccessManager;
class RouterSettingsCache;

class FallbackFlowKeeper : public QObject
{
    Q_OBJECT

public:
    // Lives on the router's thread, with its data directory, settings snapshot and network access. Looks as
    // soon as the event loop runs, then every `interval`; asks Twilio only after a setting or the plan has
    // changed (and once after each start), and again after a look that could not reach Twilio.
    FallbackFlowKeeper(DataDirectory &data, RouterSettingsCache &settings, QNetworkAccessManager *network,
        std::chrono::milliseconds interval = std::chrono::minutes(1), QObject *parent = nullptr);

Q_SIGNALS:
    // A look that asked Twilio has ended: `changed` when the flow was updated, with what it does now.
    void checked(bool changed, const QString &what);
    void failed(const QString &error);

private:
    void look();

    DataDirectory &m_data;
    RouterSettingsCache &m_settings;
    QPointer<QNetworkAccessManager> m_network;
    QTimer m_timer;
    qint64 m_checkedRevision = -1;
    bool m_asking = false;
};
