// Where Twilio is to send a number's calls and call status changes: what "Apply to Twilio" sets.
#pragma once

#include <QUrl>

struct NumberWebhooks
{
    QUrl voiceUrl;
    // Left as it is on the number when empty.
    QUrl voiceFallbackUrl;
    QUrl statusCallback;
};
