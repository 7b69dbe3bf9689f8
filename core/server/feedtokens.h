// Who a token presented to the live feed lets in: nobody, a seat that watches, or one that also acts on
// calls. Compared in constant time, so that a stranger probing the feed learns nothing from how long a
// refusal takes.
#pragma once

#include <QByteArray>
#include <QString>

enum class FeedRole { None, View, Control };

class FeedTokens
{
public:
    FeedTokens() = default;
    FeedTokens(QString viewToken, QString controlToken);

    FeedRole roleOf(QByteArrayView presented) const;
    bool isEmpty() const { return m_view.isEmpty() && m_control.isEmpty(); }

    // The token a request carries: `Authorization: Bearer TOKEN`, else the query's `token`.
    static QByteArray presentedIn(QByteArrayView authorizationHeader, QByteArrayView tokenParameter);

private:
    QByteArray m_view;    // SHA-256 of the tokens: equal lengths, whatever was typed
    QByteArray m_control;
};
