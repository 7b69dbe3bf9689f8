// "Check setup": whether the saved settings let calls flow, each finding as a green or red line with the fix.
#pragma once

#include "settings/routersettings.h"
#include "setup/setupcheckline.h"
#include "twilio/fallbackflow.h"

#include <QCoreApplication>
#include <QList>
#include <QPointer>

#include <QCoroTask>

#include <chrono>
#include <optional>

class QNetworkAccessManager;

// Checks, side by side: the Twilio credentials (a connection that cannot be made is told apart from
// credentials Twilio refuses); that each routed number sends its calls and status changes to this app, and
// its Voice Fallback URL to the fallback set up for it; what that fallback does when this computer cannot
// answer; that the public URL is one the internet can reach (not loopback, a private range or plain http),
// leads to the port the router listens on when it names this computer, and reaches this app (a signed
// status callback for a made-up call, which the router answers and ignores, so nothing is stored); the
// Retell API key and voice agent; the fallback number.
// Used from the thread that owns the QNetworkAccessManager; needs no widgets.
class SetupCheck
{
    Q_DECLARE_TR_FUNCTIONS(SetupCheck)

public:
    // Each request gets this long; the checks run at once, so the whole check takes about as long.
    static constexpr std::chrono::milliseconds DefaultTimeout { 10000 };

    SetupCheck(QNetworkAccessManager *network, RouterSettings settings,
        std::chrono::milliseconds timeout = DefaultTimeout);

    // What the Twilio-hosted fallback should do (TwilioApply::fallbackPlan()); without it, the check only
    // says what it does.
    void expectFallback(FallbackPlan plan) { m_expectedFallback = std::move(plan); }
    // Leaves out the rules about where the public URL may point (loopback, private ranges, plain http, the
    // listening port), for tests that play Twilio's side on this computer: the signed request still goes out.
    void leaveOutPublicAddressRules() { m_publicAddressRules = false; }
    // Numbers in the lines as E.164 rather than the way the practice's region writes them: for output
    // that programs read (`doctor --json`).
    void writeNumbersAsE164() { m_numbersAsE164 = true; }

    // Lines in a fixed order: the Twilio account, one per routed number (or one saying there are none),
    // the fallback when this computer cannot answer, the public URL, Retell, the fallback number. Never fails: a check that cannot run is a red line saying
    // why. The task does not touch this object once started; the QNetworkAccessManager must outlive it.
    QCoro::Task<QList<SetupCheckLine>> run() const;
    // Only the line about the public URL ("Twilio can reach this computer"), for set-up steps that come
    // before the numbers are pointed here.
    QCoro::Task<SetupCheckLine> runReachability() const;

private:
    using Network = QPointer<QNetworkAccessManager>;

    // `shownRegion`: the region whose way numbers are written in the lines; empty for E.164.
    static QCoro::Task<QList<SetupCheckLine>> runAll(Network network, RouterSettings settings,
        std::optional<FallbackPlan> expectedFallback, bool publicAddressRules, QString shownRegion,
        std::chrono::milliseconds timeout);
    static QCoro::Task<SetupCheckLine> checkAccount(
        Network network, RouterSettings settings, std::chrono::milliseconds timeout);
    static QCoro::Task<QList<SetupCheckLine>> checkNumbers(
        Network network, RouterSettings settings, QString shownRegion, std::chrono::milliseconds timeout);
    static QCoro::Task<SetupCheckLine> checkReachable(
        Network network, RouterSettings settings, bool publicAddressRules, std::chrono::milliseconds timeout);
    // Why Twilio could not reach the public URL, found without sending it anything; empty when nothing is.
    static QCoro::Task<SetupCheckLine> checkPublicAddress(RouterSettings settings, std::chrono::milliseconds timeout);
    static QCoro::Task<SetupCheckLine> checkFallbackFlow(Network network, RouterSettings settings,
        std::optional<FallbackPlan> expected, QString shownRegion, std::chrono::milliseconds timeout);
    static QCoro::Task<SetupCheckLine> checkRetell(
        Network network, RouterSettings settings, std::chrono::milliseconds timeout);
    static SetupCheckLine checkFallback(const RouterSettings &settings, const QString &shownRegion);

    QPointer<QNetworkAccessManager> m_network;
    RouterSettings m_settings;
    std::chrono::milliseconds m_timeout;
    std::optional<FallbackPlan> m_expectedFallback;
    bool m_publicAddressRules = true;
    bool m_numbersAsE164 = false;
};
