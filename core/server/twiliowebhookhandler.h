// Validates Twilio webhooks (size, token, signature) and hands the valid ones to the router.
#pragma once

#include "webhookrequest.h"

#include <QCoreApplication>
#include <QCoroTask>

class CallRouter;
class RouterSettingsCache;

class TwilioWebhookHandler
{
    Q_DECLARE_TR_FUNCTIONS(TwilioWebhookHandler)

public:
    static constexpr qsizetype MaxBodyBytes = 64 * 1024;

    TwilioWebhookHandler(RouterSettingsCache &settings, CallRouter &router);

    // Nothing changes unless the request passes every check: a refused request gets 403 (413 when
    // too large) and leaves no trace but a log line.
    QCoro::Task<WebhookResponse> handle(WebhookRequest request);

private:
    static WebhookResponse refuse(int status, const QString &reason);

    RouterSettingsCache &m_settings;
    CallRouter &m_router;
};
