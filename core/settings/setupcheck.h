// "Check setup": whether the saved settings let calls flow, each finding as a green or red line with the fix.
#pragma once

#include "settings/routersettings.h"
#include "settings/setupcheckline.h"

#include <QCoreApplication>
#include <QList>
#include <QPointer>

#include <QCoroTask>

#include <chrono>

class QNetworkAccessManager;

// Checks, side by side: the Twilio credentials; that each routed number sends its calls and status changes to
// this app; that the public URL reaches this app (a signed status callback for a made-up call, which the
// router answers and ignores, so nothing is stored); the Retell API key and voice agent; the fallback number.
// Used from the thread that owns the QNetworkAccessManager; needs no widgets.
class SetupCheck
{
    Q_DECLARE_TR_FUNCTIONS(SetupCheck)

public:
    // Each request gets this long; the checks run at once, so the whole check takes about as long.
    static constexpr std::chrono::milliseconds DefaultTimeout { 10000 };

    SetupCheck(QNetworkAccessManager *network, RouterSettings settings,
        std::chrono::milliseconds timeout = DefaultTimeout);

    // Lines in a fixed order: the Twilio account, one per routed number (or one saying there are none),
    // the public URL, Retell, the fallback number. Never fails: a check that cannot run is a red line saying
    // why. The task does not touch this object once started; the QNetworkAccessManager must outlive it.
    QCoro::Task<QList<SetupCheckLine>> run() const;

private:
    using Network = QPointer<QNetworkAccessManager>;

    static QCoro::Task<QList<SetupCheckLine>> runAll(
        Network network, RouterSettings settings, std::chrono::milliseconds timeout);
    static QCoro::Task<SetupCheckLine> checkAccount(
        Network network, RouterSettings settings, std::chrono::milliseconds timeout);
    static QCoro::Task<QList<SetupCheckLine>> checkNumbers(
        Network network, RouterSettings settings, std::chrono::milliseconds timeout);
    static QCoro::Task<SetupCheckLine> checkReachable(
        Network network, RouterSettings settings, std::chrono::milliseconds timeout);
    static QCoro::Task<SetupCheckLine> checkRetell(
        Network network, RouterSettings settings, std::chrono::milliseconds timeout);
    static SetupCheckLine checkFallback(const RouterSettings &settings);

    QPointer<QNetworkAccessManager> m_network;
    RouterSettings m_settings;
    std::chrono::milliseconds m_timeout;
};
