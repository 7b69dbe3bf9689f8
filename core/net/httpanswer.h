// What HttpClient got for a request: an HTTP status and body, or why there is none.
#pragma once

#include <QByteArray>
#include <QString>

struct HttpAnswer
{
    enum class Failure
    {
        None,
        ConnectionRefused,
        HostNotFound,
        ClosedBeforeAnswer, // the server closed the connection before any byte of its answer
        TimedOut,
        TooLarge,
        Malformed, // not an HTTP answer
        Network, // anything else; networkError says what
    };

    Failure failure = Failure::None;
    // The socket's own words for a Network failure (a TLS certificate problem, say).
    QString networkError;
    int status = 0;
    QByteArray body;

    bool ok() const { return failure == Failure::None; }
};
