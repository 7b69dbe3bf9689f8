// Reads one HTTP/1.1 answer from the bytes as they arrive on a kept-alive connection: the status
// line, the headers, and a body framed by Content-Length, by chunks, or by the end of the connection.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

class HttpResponseParser
{
public:
    enum class Outcome
    {
        Incomplete, // more bytes are needed
        Complete,
        TooLarge, // the head or the body is over its limit
        Malformed, // not an HTTP/1.x answer we can frame
    };

    // A HEAD request's answer has no body whatever its headers say.
    explicit HttpResponseParser(qint64 maxBodyBytes, bool answersHead = false);

    // Takes the next bytes from the server. Bytes after a complete answer are kept aside (see
    // hasTrailingBytes()): a server that sends them cannot be trusted with the next request.
    Outcome feed(QByteArrayView bytes);
    // The server closed the connection: completes an answer whose body runs to the end.
    Outcome finish();

    Outcome outcome() const { return m_outcome; }
    bool receivedAnything() const { return m_receivedAnything; }
    int status() const { return m_status; }
    const QByteArray &body() const { return m_body; }
    // The connection may carry another request once this answer is complete.
    bool keepsConnection() const { return m_keepAlive && !m_trailingBytes; }
    bool hasTrailingBytes() const { return m_trailingBytes; }

private:
    enum class State
    {
        StatusLine,
        Headers,
        Body, // Content-Length framed
        BodyToEnd, // framed by the end of the connection
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Done
    };

    // Splits the next line off m_pending, without its line break; false when none is complete yet.
    bool takeLine(QByteArray *line);
    bool statusLine(const QByteArray &line);
    bool headerLine(const QByteArray &line);
    // These return Incomplete to go on, or why the answer is refused.
    Outcome endOfHead();
    Outcome chunkSizeLine(const QByteArray &line);
    bool appendBody(QByteArrayView bytes);
    Outcome fail(Outcome outcome);

    qint64 m_maxBodyBytes;
    bool m_answersHead;
    State m_state = State::StatusLine;
    Outcome m_outcome = Outcome::Incomplete;
    QByteArray m_pending; // received, not yet consumed
    qsizetype m_headBytes = 0;
    bool m_receivedAnything = false;
    bool m_trailingBytes = false;

    int m_status = 0;
    bool m_http10 = false;
    bool m_keepAlive = true;
    bool m_chunked = false;
    qint64 m_contentLength = -1;
    qint64 m_remaining = 0; // of the Content-Length body or of the current chunk
    QByteArray m_body;
};
