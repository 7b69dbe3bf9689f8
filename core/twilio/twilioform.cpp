// The decoded fields of a Twilio webhook: an application/x-www-form-urlencoded body or a query string.
#include "twilioform.h"

#include <QByteArrayView>

#include <algorithm>

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// One name or value: '+' is a space, %XX a byte, and the bytes are UTF-8.
QString decodeComponent(QByteArrayView raw, QByteArray &scratch)
{
    const auto special = std::find_if(raw.begin(), raw.end(), [](char c) { return c == '%' || c == '+'; });
    // Most Twilio fields (SIDs, statuses) need no decoding at all: skip the copy.
    if (special == raw.end())
        return QString::fromUtf8(raw);

    scratch.resize(raw.size());
    const qsizetype plain = special - raw.begin();
    std::copy(raw.begin(), special, scratch.begin());
    char *out = scratch.data() + plain;
    for (qsizetype i = plain; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '+') {
            *out++ = ' ';
        } else if (c == '%' && i + 2 < raw.size() && hexValue(raw[i + 1]) >= 0 && hexValue(raw[i + 2]) >= 0) {
            *out++ = char(hexValue(raw[i + 1]) * 16 + hexValue(raw[i + 2]));
            i += 2;
        } else {
            *out++ = c;
        }
    }
    return QString::fromUtf8(scratch.constData(), out - scratch.constData());
}

void encodeComponent(const QString &text, QByteArray &out)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9')
            || byte == '*' || byte == '-' || byte == '.' || byte == '_') {
            out += c;
        } else if (byte == ' ') {
            out += '+';
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        }
    }
}

} // namespace

TwilioForm TwilioForm::fromUrlEncoded(const QByteArray &encoded)
{
    TwilioForm form;
    QByteArray scratch;
    const QByteArrayView input(encoded);
    qsizetype start = 0;
    qsizetype equals = -1;
    // One pass over the body; the end acts as a last '&'.
    for (qsizetype i = 0; i <= input.size(); ++i) {
        const char c = i < input.size() ? input[i] : '&';
        if (c == '=' && equals < 0) {
            equals = i;
        } else if (c == '&') {
            if (i > start) {
                const qsizetype nameEnd = equals < 0 ? i : equals;
                const qsizetype valueStart = equals < 0 ? i : equals + 1;
                form.m_items.append({ decodeComponent(input.sliced(start, nameEnd - start), scratch),
                    decodeComponent(input.sliced(valueStart, i - valueStart), scratch) });
            }
            start = i + 1;
            equals = -1;
        }
    }
    return form;
}

QString TwilioForm::value(const QString &name) const
{
    const auto it = std::find_if(
        m_items.cbegin(), m_items.cend(), [&](const Item &item) { return item.first == name; });
    return it == m_items.cend() ? QString() : it->second;
}

QStringList TwilioForm::values(const QString &name) const
{
    QStringList result;
    for (const Item &item : m_items) {
        if (item.first == name)
            result.append(item.second);
    }
    return result;
}

bool TwilioForm::contains(const QString &name) const
{
    return std::any_of(
        m_items.cbegin(), m_items.cend(), [&](const Item &item) { return item.first == name; });
}

void TwilioForm::append(const QString &name, const QString &value)
{
    m_items.append({ name, value });
}

QByteArray TwilioForm::toUrlEncoded() const
{
    QByteArray out;
    for (const Item &item : m_items) {
        if (&item != &m_items.front())
            out += '&';
        encodeComponent(item.first, out);
        out += '=';
        encodeComponent(item.second, out);
    }
    return out;
}
