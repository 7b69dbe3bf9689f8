// Validates Twilio webhooks (size, token, signature) and hands the valid ones to the router.
#pragma once

#include "logthrottle.h"
#include "webhookrequest.h"

#include <QCoreApplication>
#include <QCoroTask>

#include <chrono>

class CallRouter;
class Database;
class RouterSettingsCache;

class TwilioWebhookHandler
{
    Q_DECLARE_TR_FUNCTIONS(TwilioWebhookHandler)

public:
    static constexpr qsizetype MaxBodyBytes = 64 * 1024;
    // Twilio waits 15 s for an answer, connecting included, then plays its error message. Every
    // answer is given by this deadline, whatever is still pending (the AI agent, the disk).
    static constexpr std::chrono::milliseconds AnswerDeadline { 10'000 };
    // The part of the deadline kept back for storing the call's log once the answer is known.
    static constexpr std::chrono::milliseconds LogReserve { 2'000 };

    // `db` is the connection `settings` and `router` read through.
    TwilioWebhookHandler(RouterSettingsCache &settings, CallRouter &router, Database &db);

    // Nothing changes unless the request passes every check: a refused request gets 403 (413 when
    // too large) and leaves no trace but a log line.
    QCoro::Task<WebhookResponse> handle(WebhookRequest request);
    // The answer for a validated request whose handling has overrun the deadline (which the
    // handler's own budgets should never let happen): it still puts the caller through to a person.
    WebhookResponse overdueAnswer(WebhookKind kind, const QUrl &url) const;

private:
    WebhookResponse refuse(int status, const QString &reason);

    RouterSettingsCache &m_settings;
    CallRouter &m_router;
    Database &m_db;
    LogThrottle m_refusalLog;
};
