// The decoded fields of a Twilio webhook: an application/x-www-form-urlencoded body or a query string.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

class TwilioForm
{
public:
    using Item = std::pair<QString, QString>;

    TwilioForm() = default;

    // Decodes like the WHATWG URL standard's form parser, so nothing is refused and nothing
    // crashes: fields split on '&', empty fields are skipped, a field without '=' has an empty
    // value, '+' is a space, %XX is a byte, a '%' not followed by two hex digits stays as it is,
    // and bytes that are not UTF-8 become U+FFFD. Repeated fields are kept, in order.
    static TwilioForm fromUrlEncoded(const QByteArray &encoded);

    // The first value of the field, or an empty string when it is absent.
    QString value(const QString &name) const;
    QStringList values(const QString &name) const;
    bool contains(const QString &name) const;
    const QList<Item> &items() const { return m_items; }
    bool isEmpty() const { return m_items.isEmpty(); }

    void append(const QString &name, const QString &value);

    // The form encoded so that fromUrlEncoded() gives it back: spaces as '+', and every byte
    // other than letters, digits and "*-._" as %XX (so '+' is %2B).
    QByteArray toUrlEncoded() const;

private:
    QList<Item> m_items;
};
