// A parsed TwiML answer, so that tests assert on verbs and attributes rather than on strings.
#include "twimldocument.h"

#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {
TwimlVerb readVerb(QXmlStreamReader &reader)
{
    TwimlVerb verb;
    verb.name = reader.name().toString();
    for (const QXmlStreamAttribute &attribute : reader.attributes())
        verb.attributes.insert(attribute.name().toString(), attribute.value().toString());
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement())
            verb.children.append(readVerb(reader));
        else if (reader.isCharacters())
            verb.text += reader.text();
        else if (reader.isEndElement())
            break;
    }
    verb.text = verb.text.trimmed();
    return verb;
}
}

TwimlDocument TwimlDocument::parse(const QByteArray &xml)
{
    TwimlDocument document;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd() && !reader.isStartElement())
        reader.readNext();
    if (reader.name() != u"Response"_s) {
        document.m_error = u"The root element is not <Response>."_s;
        return document;
    }
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement())
            document.m_verbs.append(readVerb(reader));
        else if (reader.isEndElement())
            break;
    }
    while (!reader.atEnd())
        reader.readNext();
    if (reader.hasError()) {
        document.m_error = reader.errorString();
        return document;
    }
    document.m_valid = true;
    return document;
}

QStringList TwimlDocument::verbNames() const
{
    QStringList names;
    for (const TwimlVerb &verb : m_verbs)
        names << verb.name;
    return names;
}

const TwimlVerb *TwimlDocument::find(const QString &name) const
{
    for (const TwimlVerb &verb : m_verbs) {
        if (verb.name == name)
            return &verb;
    }
    return nullptr;
}
