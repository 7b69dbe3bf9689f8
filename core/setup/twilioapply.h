// "Apply to Twilio" (the Setup panel's button and `switchboard twilio apply`): points every routed number's
// calls and status changes at this app, and its Voice Fallback URL at a Twilio-hosted Studio flow that still
// rings the fallback number (or takes a voicemail) when this computer cannot answer.
#pragma once

#include "settings/routersettings.h"
#include "twilio/fallbackflow.h"
#include "twilio/incomingnumber.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <QCoroTask>

#include <chrono>

class DataDirectory;
class QNetworkAccessManager;

struct TwilioApplyOutcome
{
    // One line per thing done or refused, in order: the fallback flow, then each routed number.
    QStringList lines;
    QList<bool> ok;
    // The account's numbers as Twilio has them afterwards; empty when they could not be listed.
    QList<IncomingNumber> numbers;

    bool allOk() const { return !ok.contains(false); }
    void add(QString line, bool fine)
    {
        lines.append(std::move(line));
        ok.append(fine);
    }
};

class TwilioApply
{
    Q_DECLARE_TR_FUNCTIONS(TwilioApply)

public:
    // A person waits on these, but Twilio's API is usually quick; past this it is better to say so.
    static constexpr std::chrono::milliseconds RestTimeout { 15000 };

    // What must be set before anything is sent to Twilio, in one sentence; empty when nothing is missing.
    static QString missing(const RouterSettings &settings);

    // Does it all; the data directory and the network access must outlive the task. The flow's URL is saved
    // as twilio.voice_fallback_url. A Voice Fallback URL the owner set by hand (not a flow of ours) is kept.
    static QCoro::Task<TwilioApplyOutcome> run(QNetworkAccessManager *network, DataDirectory &data);

    // What the fallback flow should do with the current settings and routing plan.
    static FallbackPlan fallbackPlan(DataDirectory &data, const RouterSettings &settings);
};
