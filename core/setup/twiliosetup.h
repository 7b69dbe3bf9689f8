// What pointing a Twilio number at this app means: the REST client for the saved credentials, the webhook
// URLs to set, and in words what is wrong with a number or what a change did to it.
#pragma once

#include "settings/routersettings.h"
#include "twilio/incomingnumber.h"
#include "twilio/numberwebhooks.h"
#include "twilio/twiliorestclient.h"

#include <QCoreApplication>
#include <QStringList>

#include <chrono>

class QNetworkAccessManager;

class TwilioSetup
{
    Q_DECLARE_TR_FUNCTIONS(TwilioSetup)

public:
    explicit TwilioSetup(RouterSettings settings);

    // With the API key when both its SID and secret are set, else with the account SID and auth token.
    TwilioRestClient client(QNetworkAccessManager *network, std::chrono::milliseconds timeout) const;
    bool usesApiKey() const;
    // True when the credentials client() would use are all set (which says nothing about whether they work).
    bool hasCredentials() const;

    // The URLs Twilio is to call for our numbers; empty voice and status URLs while the public URL is unset.
    NumberWebhooks webhooks() const;

    // What keeps `number` from sending its calls and status changes here, one short clause each; empty
    // when it points here.
    QStringList problems(const IncomingNumber &number) const;

    // What an update did to a number: "voice URL changed from X to this app; status callback set" (our own
    // webhook URLs are called "this app": the long URL with its token says nothing more to a person). Warns
    // when Twilio will still ignore the voice URL because the number uses a TwiML App or a SIP trunk.
    QString describeChange(const IncomingNumber &before, const IncomingNumber &after) const;

private:
    RouterSettings m_settings;
};
