// Twilio's webhooks for one call, as raw HTTP/1.1 requests signed with the account's auth token, for the
// benchmarks' load clients.
#pragma once

#include "twilio/signaturevalidator.h"
#include "twilio/twilioform.h"

#include <QByteArray>
#include <QString>

class SignedRequests
{
public:
    // The business number the benchmarks' calls are made to.
    static const QString Business;

    SignedRequests(quint16 port, QString token, const QByteArray &authToken);

    QByteArray post(const QString &pathAndQuery, const TwilioForm &form) const;
    static TwilioForm callForm(const QString &sid, const QString &from, const QString &status);

    // A new call ringing in.
    QByteArray incoming(const QString &sid, const QString &from) const;
    // The end of a <Dial> leg: bridged and talked for 42 s.
    QByteArray dialResult(const QString &sid, const QString &from, const QString &leg) const;
    // The call's final status callback.
    QByteArray status(const QString &sid, const QString &from) const;

private:
    QByteArray m_host;
    QString m_base;
    QString m_token;
    SignatureValidator m_validator;
};
