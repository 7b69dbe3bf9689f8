// Limits on one HTTP exchange that QNetworkAccessManager does not enforce by itself.
#include "replylimits.h"

#include <QNetworkReply>
#include <QTimer>

std::shared_ptr<const ReplyLimits> ReplyLimits::watch(
    QNetworkReply *reply, std::chrono::milliseconds timeout, qint64 maxBytes)
{
    auto limits = std::make_shared<ReplyLimits>();
    // One deadline for the whole exchange. QNetworkRequest::setTransferTimeout() only catches
    // silence, so a server trickling a byte now and then would get past it. The timer belongs to
    // the reply: once the reply is finished, a late timeout finds it no longer running.
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    // A coarse timer may fire 5% early, which would cut off an answer that was still in budget.
    deadline->setTimerType(Qt::PreciseTimer);
    QObject::connect(deadline, &QTimer::timeout, reply, [reply, limits] {
        if (reply->isRunning()) {
            limits->timedOut = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, deadline, &QTimer::stop);
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply,
        [reply, limits, maxBytes](qint64 received, qint64 total) {
            if ((received > maxBytes || total > maxBytes) && reply->isRunning()) {
                limits->tooLarge = true;
                reply->abort();
            }
        });
    deadline->start(timeout);
    return limits;
}
