// The Studio flow Twilio runs when this computer cannot answer a call (the numbers' Voice Fallback URL):
// Twilio itself rings the fallback number and, when the plan takes voicemail, records a message; with
// nobody to ring and no voicemail, it says the closing sentence. It needs no server of ours.
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

struct FallbackPlan
{
    QString number; // E.164; empty when there is nobody to ring
    int ringSeconds = 30;
    bool voicemail = false; // take a message when nobody answers
    int voicemailMaxSeconds = 120;
    QString greeting; // said before the voicemail
    QString closing;  // said when the call ends without anyone
    QString voice;    // Twilio's voice for both sentences; empty: its default
    QString language; // BCP 47, e.g. en-US

    bool operator==(const FallbackPlan &other) const = default;
};

class FallbackFlow
{
    Q_DECLARE_TR_FUNCTIONS(FallbackFlow)

public:
    // The name the flow has in the Twilio console, by which a reinstalled app finds it again.
    static QString friendlyName();
    // Studio's flow definition for `plan`.
    static QJsonObject definition(const FallbackPlan &plan);
    // The plan a definition made by definition() carries out; nullopt for any other flow.
    static std::optional<FallbackPlan> read(const QJsonObject &definition);
    // What Twilio does with a call, in a few words: "rings +15550009999 for 30 s, then takes a voicemail".
    static QString describe(const FallbackPlan &plan);
    // The flow SID a Studio webhook URL names (https://webhooks.twilio.com/v1/Accounts/AC…/Flows/FW…), or
    // an empty string for any other URL.
    static QString flowSidIn(const QUrl &url);
};
