// Streams the records of an RFC 4180 CSV file in UTF-8, one at a time, so huge files never sit in memory.
#include "csvreader.h"

#include <QByteArrayView>
#include <QIODevice>

namespace {

constexpr qint64 s_chunkSize = 256 * 1024;
// How far into the file the first line is looked at for its delimiter; a header is never longer.
constexpr qsizetype s_headerScanLimit = 64 * 1024;

// The bytes that end a run of plain text in an unquoted field.
qsizetype plainRunEnd(const char *data, qsizetype from, qsizetype size, char delimiter)
{
    while (from < size) {
        const char c = data[from];
        if (c == delimiter || c == '\n' || c == '\r')
            break;
        ++from;
    }
    return from;
}

// The bytes that end a run of plain text in a quoted field; line breaks stop it only so they are counted.
qsizetype quotedRunEnd(const char *data, qsizetype from, qsizetype size)
{
    while (from < size) {
        const char c = data[from];
        if (c == '"' || c == '\n' || c == '\r')
            break;
        ++from;
    }
    return from;
}

bool isBlank(const QByteArray &field)
{
    for (const char c : field) {
        if (c != ' ' && c != '\t')
            return false;
    }
    return true;
}

} // namespace

CsvReader::CsvReader(QIODevice &device)
    : m_device(device)
{
}

QString CsvReader::errorString() const
{
    switch (m_error) {
    case Error::None:
        return {};
    case Error::ReadFailed:
        return tr("The input could not be read: %1.").arg(m_readError);
    case Error::Utf16:
        return tr("The text is UTF-16, not UTF-8.");
    case Error::InvalidUtf8:
        return tr("Line %1 is not valid UTF-8 text.").arg(m_errorLine);
    case Error::UnterminatedQuote:
        return tr("The quoted field that starts on line %1 has no closing quote.").arg(m_errorLine);
    }
    return {};
}

bool CsvReader::fail(Error error, int line)
{
    m_error = error;
    m_errorLine = line;
    m_atEnd = true;
    return false;
}

// Appends the next chunk of the device behind the unread bytes; false at the end of the input or on an error.
bool CsvReader::fillBuffer()
{
    if (m_atEnd)
        return false;
    if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    const qsizetype kept = m_buffer.size();
    m_buffer.resize(kept + s_chunkSize);
    const qint64 read = m_device.read(m_buffer.data() + kept, s_chunkSize);
    m_buffer.resize(kept + qMax<qint64>(read, 0));
    if (read < 0) {
        m_readError = m_device.errorString();
        return fail(Error::ReadFailed, 0);
    }
    if (read == 0) {
        m_atEnd = true;
        return false;
    }
    return true;
}

bool CsvReader::skipByteOrderMark()
{
    while (m_buffer.size() - m_pos < 3 && fillBuffer()) {
    }
    if (m_error != Error::None)
        return false;
    const QByteArrayView start = QByteArrayView(m_buffer).sliced(m_pos);
    if (start.startsWith("\xEF\xBB\xBF"))
        m_pos += 3;
    else if (start.startsWith("\xFF\xFE") || start.startsWith("\xFE\xFF"))
        return fail(Error::Utf16, 1);
    return true;
}

// Counts the candidates outside quotes in the first line; a comma wins a tie, as RFC 4180 has it.
void CsvReader::detectDelimiter()
{
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    bool quoted = false;
    qsizetype offset = 0; // from m_pos, which fillBuffer() moves to 0
    for (;;) {
        for (; m_pos + offset < m_buffer.size(); ++offset) {
            const char c = m_buffer.at(m_pos + offset);
            if (c == '"') {
                quoted = !quoted;
            } else if (quoted) {
                continue;
            } else if (c == '\n' || c == '\r') {
                offset = s_headerScanLimit;
                break;
            } else if (c == ',') {
                ++commas;
            } else if (c == ';') {
                ++semicolons;
            } else if (c == '\t') {
                ++tabs;
            }
        }
        if (offset >= s_headerScanLimit || !fillBuffer())
            break;
    }
    if (semicolons > commas && semicolons >= tabs)
        m_delimiter = ';';
    else if (tabs > commas && tabs > semicolons)
        m_delimiter = '\t';
}

void CsvReader::countLineBreak(char c)
{
    // CRLF is one line end; so is a lone CR (old Mac exports) or a lone LF.
    if (c == '\r') {
        ++m_line;
        m_afterCr = true;
    } else {
        if (!m_afterCr)
            ++m_line;
        m_afterCr = false;
    }
}

bool CsvReader::endField(CsvRecord *record)
{
    // The structure bytes are ASCII and never occur inside a UTF-8 sequence, so splitting the bytes first
    // and decoding each field afterwards is exact.
    if (!QByteArrayView(m_field).isValidUtf8())
        return fail(Error::InvalidUtf8, m_fieldLine);
    if (m_recordBlank && !isBlank(m_field))
        m_recordBlank = false;
    record->fields.append(QString::fromUtf8(m_field));
    m_field.clear();
    return true;
}

bool CsvReader::readRecord(CsvRecord *record)
{
    if (m_error != Error::None)
        return false;
    if (!m_started) {
        m_started = true;
        if (!skipByteOrderMark())
            return false;
        detectDelimiter();
        if (m_error != Error::None)
            return false;
    }

    for (;;) {
        record->fields.clear();
        record->line = m_line;
        m_field.clear();
        State state = State::FieldStart;
        m_recordBlank = true;
        bool ended = false;

        while (!ended) {
            if (m_pos >= m_buffer.size() && !fillBuffer())
                break;
            const char *data = m_buffer.constData();
            const qsizetype size = m_buffer.size();

            switch (state) {
            case State::FieldStart:
                m_fieldLine = m_line;
                if (data[m_pos] == '"') {
                    ++m_pos;
                    m_afterCr = false;
                    state = State::Quoted;
                    break;
                }
                state = State::Unquoted;
                [[fallthrough]];
            case State::Unquoted: {
                const qsizetype end = plainRunEnd(data, m_pos, size, m_delimiter);
                if (end > m_pos) {
                    m_field.append(data + m_pos, end - m_pos);
                    m_afterCr = false;
                    m_pos = end;
                }
                if (m_pos == size)
                    break; // the field goes on in the next chunk
                const char c = data[m_pos++];
                if (!endField(record))
                    return false;
                if (c == m_delimiter) {
                    m_afterCr = false;
                    state = State::FieldStart;
                } else {
                    countLineBreak(c);
                    ended = true;
                }
                break;
            }
            case State::Quoted: {
                const qsizetype end = quotedRunEnd(data, m_pos, size);
                if (end > m_pos) {
                    m_field.append(data + m_pos, end - m_pos);
                    m_afterCr = false;
                    m_pos = end;
                }
                if (m_pos == size)
                    break;
                const char c = data[m_pos++];
                if (c == '"') {
                    m_afterCr = false;
                    state = State::QuoteInQuoted;
                } else {
                    countLineBreak(c);
                    m_field.append(c);
                }
                break;
            }
            case State::QuoteInQuoted: {
                const char c = data[m_pos++];
                if (c == '"') {
                    m_afterCr = false;
                    m_field.append('"');
                    state = State::Quoted;
                } else if (c == m_delimiter || c == '\n' || c == '\r') {
                    if (!endField(record))
                        return false;
                    if (c == m_delimiter) {
                        m_afterCr = false;
                        state = State::FieldStart;
                    } else {
                        countLineBreak(c);
                        ended = true;
                    }
                } else {
                    // Text after the closing quote ("ab"c): keep it, as spreadsheets do.
                    m_afterCr = false;
                    m_field.append(c);
                    state = State::Unquoted;
                }
                break;
            }
            }
        }

        if (m_error != Error::None)
            return false;
        if (!ended) {
            // End of the input.
            if (state == State::Quoted)
                return fail(Error::UnterminatedQuote, m_fieldLine);
            if (state == State::FieldStart && record->fields.isEmpty())
                return false;
            if (!endField(record))
                return false;
            return !m_recordBlank;
        }
        if (!m_recordBlank)
            return true;
    }
}
