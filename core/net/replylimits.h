// Limits on one HTTP exchange that QNetworkAccessManager does not enforce by itself: one deadline
// for the whole answer and a cap on its size.
#pragma once

#include <QtGlobal>

#include <chrono>
#include <memory>

class QNetworkReply;

struct ReplyLimits
{
    bool timedOut = false;
    bool tooLarge = false;

    // Aborts `reply` once `timeout` has passed or its answer grows past `maxBytes`; the returned
    // flags (shared with the watchdogs, which live as long as the reply) say which happened.
    static std::shared_ptr<const ReplyLimits> watch(
        QNetworkReply *reply, std::chrono::milliseconds timeout, qint64 maxBytes);
};
