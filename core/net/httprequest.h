// One HTTP request for HttpClient: where it goes, what it says, and how long and how large its answer
// may be.
#pragma once

#include <QByteArray>
#include <QList>
#include <QUrl>

#include <chrono>
#include <utility>

struct HttpRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    // Sent as given, after Host; Content-Length is added for a body.
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // For the whole exchange: connecting, sending and the complete answer.
    std::chrono::milliseconds timeout { 4000 };
    qint64 maxAnswerBytes = 256 * 1024;
};
