// Plays Twilio's side of a call against our webhook server over loopback: signed form POSTs to the
// public URLs, as Twilio would send them, delivered to the local server.
#pragma once

#include "twimldocument.h"

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QUrl>

#include <utility>

using FormFields = QList<std::pair<QString, QString>>;

struct TwilioReply
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    TwimlDocument twiml() const { return TwimlDocument::parse(body); }
};

class FakeTwilio
{
public:
    // `local` is where the server listens; `publicBase` is what Twilio calls (the signed URL);
    // empty means the same as local.
    FakeTwilio(QUrl local, QByteArray authToken, QUrl publicBase = {});

    void setAuthToken(QByteArray authToken) { m_authToken = std::move(authToken); }

    // POSTs to a public URL (as named in TwiML or the console), signed unless told otherwise.
    TwilioReply post(const QUrl &publicUrl, const FormFields &fields);
    TwilioReply postWithSignature(const QUrl &publicUrl, const FormFields &fields, const QByteArray &signature);
    // Starts a signed POST and returns at once; the caller waits on the reply's finished().
    class QNetworkReply *postAsync(const QUrl &publicUrl, const FormFields &fields);
    static TwilioReply collect(class QNetworkReply *reply);
    TwilioReply postRaw(const QUrl &publicUrl, const QByteArray &body, const QList<std::pair<QByteArray, QByteArray>> &headers);

    // The fields Twilio sends for an inbound call.
    static FormFields callFields(const QString &callSid, const QString &from, const QString &to,
                                 const QString &callStatus = QStringLiteral("ringing"));
    static QString newCallSid();

    QUrl publicUrl(const QString &pathAndQuery) const;
    QByteArray sign(const QUrl &publicUrl, const FormFields &fields) const;

private:
    QUrl toLocal(const QUrl &publicUrl) const;

    QUrl m_local;
    QByteArray m_authToken;
    QUrl m_publicBase;
    QNetworkAccessManager m_network;
};
