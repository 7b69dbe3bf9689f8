// Reads one HTTP/1.1 answer from the bytes as they arrive on a kept-alive connection.
#include "net/httpresponseparser.h"

#include <limits>

namespace {

// Status line, headers and chunk trailers together; an API's answer head is well under this.
constexpr qsizetype MaxHeadBytes = 32 * 1024;
// A chunk-size line is a few hex digits and perhaps an extension.
constexpr qsizetype MaxChunkLineBytes = 1024;

// Whether a comma-separated header value such as "keep-alive, close" lists `token`.
bool hasToken(QByteArrayView list, QByteArrayView token)
{
    while (!list.isEmpty()) {
        const qsizetype comma = list.indexOf(',');
        const QByteArrayView item = comma < 0 ? list : list.first(comma);
        if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
        list = comma < 0 ? QByteArrayView() : list.sliced(comma + 1);
    }
    return false;
}

} // namespace

HttpResponseParser::HttpResponseParser(qint64 maxBodyBytes, bool answersHead)
    : m_maxBodyBytes(maxBodyBytes)
    , m_answersHead(answersHead)
{ }

HttpResponseParser::Outcome HttpResponseParser::feed(QByteArrayView bytes)
{
    if (m_outcome != Outcome::Incomplete) {
        if (!bytes.isEmpty())
            m_trailingBytes = true;
        return m_outcome;
    }
    if (bytes.isEmpty())
        return m_outcome;
    m_receivedAnything = true;

    m_pending.append(bytes);
    for (;;) {
        QByteArray line;
        switch (m_state) {
        case State::StatusLine:
        case State::Headers:
        case State::Trailers:
            if (!takeLine(&line)) {
                if (m_headBytes + m_pending.size() > MaxHeadBytes)
                    return fail(Outcome::TooLarge);
                return m_outcome;
            }
            m_headBytes += line.size() + 2;
            if (m_headBytes > MaxHeadBytes)
                return fail(Outcome::TooLarge);
            if (m_state == State::StatusLine) {
                if (!statusLine(line))
                    return fail(Outcome::Malformed);
            } else if (m_state == State::Trailers) {
                if (line.isEmpty())
                    m_state = State::Done;
            } else if (line.isEmpty()) {
                if (const Outcome refused = endOfHead(); refused != Outcome::Incomplete)
                    return fail(refused);
            } else if (!headerLine(line)) {
                return fail(Outcome::Malformed);
            }
            break;
        case State::Body:
        case State::ChunkData: {
            const qsizetype take = qsizetype(std::min<qint64>(m_remaining, m_pending.size()));
            if (!appendBody(QByteArrayView(m_pending).first(take)))
                return fail(Outcome::TooLarge);
            m_pending.remove(0, take);
            m_remaining -= take;
            if (m_remaining > 0)
                return m_outcome;
            m_state = m_state == State::Body ? State::Done : State::ChunkDataEnd;
            break;
        }
        case State::BodyToEnd:
            if (!appendBody(m_pending))
                return fail(Outcome::TooLarge);
            m_pending.clear();
            return m_outcome;
        case State::ChunkSize:
            if (!takeLine(&line)) {
                if (m_pending.size() > MaxChunkLineBytes)
                    return fail(Outcome::Malformed);
                return m_outcome;
            }
            if (const Outcome refused = chunkSizeLine(line); refused != Outcome::Incomplete)
                return fail(refused);
            break;
        case State::ChunkDataEnd:
            if (!takeLine(&line))
                return m_pending.size() > 2 ? fail(Outcome::Malformed) : m_outcome;
            if (!line.isEmpty())
                return fail(Outcome::Malformed);
            m_state = State::ChunkSize;
            break;
        case State::Done:
            m_outcome = Outcome::Complete;
            m_trailingBytes = !m_pending.isEmpty();
            m_pending.clear();
            return m_outcome;
        }
    }
}

HttpResponseParser::Outcome HttpResponseParser::finish()
{
    if (m_outcome != Outcome::Incomplete)
        return m_outcome;
    if (m_state == State::BodyToEnd) {
        m_keepAlive = false;
        m_outcome = Outcome::Complete;
    }
    // Anything else ended early: the caller tells a connection closed before answering from a
    // cut-off answer by receivedAnything().
    return m_outcome;
}

bool HttpResponseParser::takeLine(QByteArray *line)
{
    const qsizetype end = m_pending.indexOf('\n');
    if (end < 0)
        return false;
    // A bare '\n' is accepted as a line break, as every lenient client does.
    const qsizetype length = end > 0 && m_pending.at(end - 1) == '\r' ? end - 1 : end;
    *line = m_pending.left(length);
    m_pending.remove(0, end + 1);
    return true;
}

bool HttpResponseParser::statusLine(const QByteArray &line)
{
    // HTTP/1.1 201 Created — the reason phrase may be empty or missing.
    if (!line.startsWith("HTTP/1.") || line.size() < 12 || line.at(8) != ' ')
        return false;
    const char minor = line.at(7);
    if (minor != '0' && minor != '1')
        return false;
    bool ok = false;
    const int status = line.mid(9, 3).toInt(&ok);
    if (!ok || status < 100 || status > 599 || (line.size() > 12 && line.at(12) != ' '))
        return false;
    m_status = status;
    m_http10 = minor == '0';
    m_keepAlive = !m_http10;
    m_state = State::Headers;
    return true;
}

bool HttpResponseParser::headerLine(const QByteArray &line)
{
    // Folded headers are obsolete and a way to smuggle one answer's framing into another.
    if (line.startsWith(' ') || line.startsWith('\t'))
        return false;
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return false;
    const QByteArrayView name = QByteArrayView(line).first(colon);
    const QByteArrayView value = QByteArrayView(line).sliced(colon + 1).trimmed();
    if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
        bool ok = false;
        const qint64 length = value.toLongLong(&ok);
        if (!ok || length < 0 || (m_contentLength >= 0 && m_contentLength != length))
            return false;
        m_contentLength = length;
    } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
        // We never ask for compression, so chunked is the only coding we can read.
        if (value.compare("chunked", Qt::CaseInsensitive) != 0)
            return false;
        m_chunked = true;
    } else if (name.compare("connection", Qt::CaseInsensitive) == 0) {
        if (hasToken(value, "close"))
            m_keepAlive = false;
        else if (m_http10 && hasToken(value, "keep-alive"))
            m_keepAlive = true;
    }
    return true;
}

HttpResponseParser::Outcome HttpResponseParser::endOfHead()
{
    // An interim answer (100 Continue, 103 Early Hints) is followed by the real one.
    if (m_status >= 100 && m_status < 200 && m_status != 101) {
        m_status = 0;
        m_contentLength = -1;
        m_chunked = false;
        m_state = State::StatusLine;
        return Outcome::Incomplete;
    }
    // We never ask to switch protocols.
    if (m_status == 101)
        return Outcome::Malformed;
    if (m_answersHead || m_status == 204 || m_status == 304) {
        m_state = State::Done;
        return Outcome::Incomplete;
    }
    if (m_chunked) {
        // Both framings at once is how requests get smuggled; refuse rather than pick one.
        if (m_contentLength >= 0)
            return Outcome::Malformed;
        m_state = State::ChunkSize;
        return Outcome::Incomplete;
    }
    if (m_contentLength >= 0) {
        if (m_contentLength > m_maxBodyBytes)
            return Outcome::TooLarge;
        m_body.reserve(qsizetype(m_contentLength));
        m_remaining = m_contentLength;
        m_state = m_remaining > 0 ? State::Body : State::Done;
        return Outcome::Incomplete;
    }
    m_keepAlive = false;
    m_state = State::BodyToEnd;
    return Outcome::Incomplete;
}

HttpResponseParser::Outcome HttpResponseParser::chunkSizeLine(const QByteArray &line)
{
    const qsizetype extension = line.indexOf(';');
    const QByteArray digits = (extension < 0 ? line : line.left(extension)).trimmed();
    bool ok = false;
    const qint64 size = digits.size() <= 15 ? digits.toLongLong(&ok, 16) : -1;
    if (!ok || size < 0)
        return Outcome::Malformed;
    if (m_body.size() + size > m_maxBodyBytes)
        return Outcome::TooLarge;
    m_remaining = size;
    m_state = size == 0 ? State::Trailers : State::ChunkData;
    return Outcome::Incomplete;
}

bool HttpResponseParser::appendBody(QByteArrayView bytes)
{
    if (m_body.size() + bytes.size() > m_maxBodyBytes)
        return false;
    m_body.append(bytes);
    return true;
}

HttpResponseParser::Outcome HttpResponseParser::fail(Outcome outcome)
{
    m_outcome = outcome;
    m_keepAlive = false;
    m_pending.clear();
    return m_outcome;
}
