// A Studio flow as Twilio's Studio REST API (v2) describes it.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QUrl>

struct StudioFlow
{
    QString sid; // FW + 32 hexadecimal digits
    QString friendlyName;
    QString status; // "draft" or "published"
    int revision = 0;
    // What a number's voice URL (or voice fallback URL) names to send its calls into the flow.
    QUrl webhookUrl;
    // Empty in a listing: Twilio only gives it when one flow is fetched.
    QJsonObject definition;
};
