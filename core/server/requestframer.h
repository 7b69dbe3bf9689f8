// Finds where each HTTP/1.1 request on a connection begins and ends, from the bytes as they
// arrive, so that a request can be refused for its size before the HTTP server buffers it.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

class RequestFramer
{
public:
    struct Limits
    {
        qsizetype maxHeadBytes = 16 * 1024; // request line and headers
        qsizetype maxBodyBytes = 64 * 1024;
    };

    // Why a request is refused: the status to answer with and a sentence for the client and the log.
    struct Refusal
    {
        int status = 0;
        QByteArray reason;
    };

    explicit RequestFramer(Limits limits);

    // Takes the next bytes the client sent. False when the request must be refused (see
    // refusal()); after that the framer takes nothing more.
    bool feed(QByteArrayView bytes);
    const Refusal &refusal() const { return m_refusal; }
    bool refused() const { return m_refusal.status != 0; }

    // Some bytes of a request have arrived, but not all of it.
    bool inRequest() const { return m_state != State::BetweenRequests; }
    // Bytes of the request in progress seen so far (head and body).
    qsizetype pendingBytes() const { return m_pendingBytes; }
    // The request targets (path and query, exactly as sent) of the requests completed since the
    // last call, in order.
    QList<QByteArray> takeCompleted();

private:
    enum class State
    {
        BetweenRequests,
        RequestLine,
        Headers,
        Body
    };

    // Consumes one line of the head (without its '\n'); false when it refuses the request.
    bool headLine(QByteArrayView line);
    bool requestLine(QByteArrayView line);
    bool headerLine(QByteArrayView line);
    bool endOfHead();
    void complete();
    bool refuse(int status, QByteArray reason);

    Limits m_limits;
    State m_state = State::BetweenRequests;
    QByteArray m_line; // the head line being received
    qsizetype m_pendingBytes = 0;
    qsizetype m_headBytes = 0;
    QByteArray m_target;
    qint64 m_contentLength = -1;
    qint64 m_bodyLeft = 0;
    QList<QByteArray> m_completed;
    Refusal m_refusal;
};
