// A typed snapshot of every setting the call router needs, read in one go for each call.
#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

// Values are already validated and normalised; one that was unset or unusable holds its default (or is empty
// when the setting has no default), so the router can always decide something.
struct RouterSettings
{
    QString twilioAccountSid;
    QString twilioAuthToken;
    QUrl twilioApiBase;
    QStringList twilioNumbers; // E.164
    QString retellApiKey;
    QString retellAgentId;
    QUrl retellApiBase;
    QString retellSipDomain;
    int retellTimeoutMs = 4000;
    bool routingEnabled = false;
    QString fallbackNumber; // E.164, or empty when not configured
    int fallbackTimeoutSeconds = 30;
    QString defaultRegion = QStringLiteral("US");
    QString listenHost = QStringLiteral("127.0.0.1"); // an IPv6 address comes without brackets
    quint16 listenPort = 8080;
    QUrl publicUrl;
    QString publicUrlText; // as the owner wrote it: the URL Twilio signs may keep its capitals
    QString webhookToken;
    // For set-up's REST calls, not the router: an API key used instead of the auth token when both are
    // set, and where Twilio turns when this app cannot be reached (empty: left as it is on the number).
    QString twilioApiKeySid;
    QString twilioApiKeySecret;
    QUrl twilioVoiceFallbackUrl;
    // The live feed's own listener, its two tokens (to watch; to watch and act) and its TLS files (both
    // set: wss://).
    QString feedListenHost = QStringLiteral("127.0.0.1");
    quint16 feedListenPort = 8081;
    QString feedViewToken;
    QString feedControlToken;
    QString feedTlsCert;
    QString feedTlsKey;
    // Moves with every change of a setting or of the routing plan (-1: unknown), so that whoever
    // keeps something built from them knows when to rebuild it.
    qint64 revision = -1;
};
