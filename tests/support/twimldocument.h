// A parsed TwiML answer, so that tests assert on verbs and attributes rather than on strings.
#pragma once

#include <QList>
#include <QMap>
#include <QString>

struct TwimlVerb
{
    QString name;
    QMap<QString, QString> attributes;
    QString text;
    QList<TwimlVerb> children;

    QString attribute(const QString &key) const { return attributes.value(key); }
};

class TwimlDocument
{
public:
    static TwimlDocument parse(const QByteArray &xml);

    bool isValid() const { return m_valid; }
    QString error() const { return m_error; }
    const QList<TwimlVerb> &verbs() const { return m_verbs; }
    QStringList verbNames() const;
    // The first verb with this name at the top level, or nullptr.
    const TwimlVerb *find(const QString &name) const;

private:
    bool m_valid = false;
    QString m_error;
    QList<TwimlVerb> m_verbs;
};
