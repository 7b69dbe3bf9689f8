// Finds where each HTTP/1.1 request on a connection begins and ends, from the bytes as they arrive.
#include "requestframer.h"

#include <cstring>

namespace {

bool isTokenChar(char c)
{
    // RFC 9110's tchar: what a method or a header name may be made of.
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// What the HTTP server skips before a request line: the end of the previous request, or noise.
bool isLeadingWhitespace(char c)
{
    return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v';
}

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

QByteArray kibibytes(qsizetype bytes)
{
    if (bytes % 1024 == 0)
        return QByteArray::number(bytes / 1024) + " KiB";
    return QByteArray::number(bytes) + " bytes";
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

} // namespace

RequestFramer::RequestFramer(Limits limits)
    : m_limits(limits)
{ }

QList<QByteArray> RequestFramer::takeCompleted()
{
    return std::exchange(m_completed, {});
}

bool RequestFramer::refuse(int status, QByteArray reason)
{
    m_refusal = { status, std::move(reason) };
    return false;
}

bool RequestFramer::feed(QByteArrayView bytes)
{
    if (refused())
        return false;
    while (!bytes.isEmpty()) {
        if (m_state == State::Body) {
            const qsizetype taken = qsizetype(qMin<qint64>(m_bodyLeft, bytes.size()));
            m_bodyLeft -= taken;
            m_pendingBytes += taken;
            bytes = bytes.sliced(taken);
            if (m_bodyLeft == 0)
                complete();
            continue;
        }
        if (m_state == State::BetweenRequests)
            m_state = State::RequestLine;
        if (m_state == State::RequestLine && m_line.isEmpty()) {
            // Counted against the head, so that endless blank lines cannot hold a connection.
            qsizetype skipped = 0;
            while (skipped < bytes.size() && isLeadingWhitespace(bytes[skipped]))
                ++skipped;
            m_pendingBytes += skipped;
            m_headBytes += skipped;
            bytes = bytes.sliced(skipped);
            if (m_headBytes > m_limits.maxHeadBytes)
                return refuse(
                    431, "The request head is larger than " + kibibytes(m_limits.maxHeadBytes) + ".");
            if (bytes.isEmpty())
                break;
        }
        const qsizetype newline = bytes.indexOf('\n');
        const qsizetype taken = newline < 0 ? bytes.size() : newline + 1;
        m_pendingBytes += taken;
        m_headBytes += taken;
        if (m_headBytes > m_limits.maxHeadBytes)
            return refuse(431, "The request head is larger than " + kibibytes(m_limits.maxHeadBytes) + ".");
        if (newline < 0) {
            m_line.append(bytes);
            break;
        }
        m_line.append(bytes.first(newline));
        bytes = bytes.sliced(taken);
        QByteArrayView line(m_line);
        if (line.endsWith('\r'))
            line.chop(1);
        const bool ok = headLine(line);
        m_line.clear();
        if (!ok)
            return false;
    }
    return true;
}

bool RequestFramer::headLine(QByteArrayView line)
{
    if (m_state == State::RequestLine)
        return requestLine(line);
    if (line.isEmpty())
        return endOfHead();
    return headerLine(line);
}

bool RequestFramer::requestLine(QByteArrayView line)
{
    // method SP request-target SP HTTP-version, the target in origin form ("/path?query").
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace == firstSpace)
        return refuse(400, "The request line is not \"METHOD /path HTTP/1.1\".");
    const QByteArrayView method = line.first(firstSpace);
    const QByteArrayView target = trimmed(line.sliced(firstSpace + 1, lastSpace - firstSpace - 1));
    const QByteArrayView version = line.sliced(lastSpace + 1);
    const bool versionOk = version.size() == 8 && version.startsWith("HTTP/") && version[5] >= '0'
        && version[5] <= '9' && version[6] == '.' && version[7] >= '0' && version[7] <= '9';
    if (!isToken(method) || !versionOk || !target.startsWith('/') || target.contains(' ')
        || target.contains('\t'))
        return refuse(400, "The request line is not \"METHOD /path HTTP/1.1\".");
    m_target = target.toByteArray();
    m_contentLength = -1;
    m_state = State::Headers;
    return true;
}

bool RequestFramer::headerLine(QByteArrayView line)
{
    if (line.front() == ' ' || line.front() == '\t')
        return refuse(400, "Folded header lines are not accepted.");
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.first(colon)))
        return refuse(400, "A header line is not \"Name: value\".");
    const QByteArrayView name = line.first(colon);
    const QByteArrayView value = trimmed(line.sliced(colon + 1));

    if (equalsIgnoringCase(name, "Content-Length")) {
        if (value.isEmpty() || value.size() > 18)
            return refuse(400, "The Content-Length is not a number.");
        qint64 length = 0;
        for (char c : value) {
            if (c < '0' || c > '9')
                return refuse(400, "The Content-Length is not a number.");
            length = length * 10 + (c - '0');
        }
        // Two lengths that disagree would let this framer and the HTTP server see different requests.
        if (m_contentLength >= 0 && m_contentLength != length)
            return refuse(400, "The request has two different Content-Length headers.");
        m_contentLength = length;
        if (length > m_limits.maxBodyBytes)
            return refuse(413, "The request body is larger than " + kibibytes(m_limits.maxBodyBytes) + ".");
    } else if (equalsIgnoringCase(name, "Transfer-Encoding")) {
        return refuse(411, "Send the body with a Content-Length, not a Transfer-Encoding.");
    } else if (equalsIgnoringCase(name, "Connection") && value.toByteArray().toLower().contains("upgrade")) {
        return refuse(400, "Connection upgrades are not offered on this port.");
    }
    return true;
}

bool RequestFramer::endOfHead()
{
    m_bodyLeft = qMax<qint64>(0, m_contentLength);
    if (m_bodyLeft == 0)
        complete();
    else
        m_state = State::Body;
    return true;
}

void RequestFramer::complete()
{
    m_completed.append(std::exchange(m_target, {}));
    m_state = State::BetweenRequests;
    m_pendingBytes = 0;
    m_headBytes = 0;
    m_contentLength = -1;
    m_bodyLeft = 0;
}
