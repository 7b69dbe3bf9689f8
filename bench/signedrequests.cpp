#include "signedrequests.h"

using namespace Qt::StringLiterals;

const QString SignedRequests::Business = u"+15557654321"_s;

SignedRequests::SignedRequests(quint16 port, QString token, const QByteArray &authToken)
    : m_host(u"127.0.0.1:%1"_s.arg(port).toUtf8())
    , m_base(u"http://127.0.0.1:%1"_s.arg(port))
    , m_token(std::move(token))
    , m_validator(authToken)
{ }

QByteArray SignedRequests::post(const QString &pathAndQuery, const TwilioForm &form) const
{
    const QByteArray body = form.toUrlEncoded();
    const QByteArray signature = m_validator.sign(m_base + pathAndQuery, form);
    return "POST "_ba + pathAndQuery.toUtf8() + " HTTP/1.1\r\nHost: "_ba + m_host
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: "_ba + signature
        + "\r\nContent-Length: "_ba + QByteArray::number(body.size()) + "\r\n\r\n"_ba + body;
}

TwilioForm SignedRequests::callForm(const QString &sid, const QString &from, const QString &status)
{
    TwilioForm form;
    form.append(u"AccountSid"_s, u"AC0123456789abcdef0123456789abcdef"_s);
    form.append(u"ApiVersion"_s, u"2010-04-01"_s);
    form.append(u"CallSid"_s, sid);
    form.append(u"CallStatus"_s, status);
    form.append(u"Called"_s, Business);
    form.append(u"Caller"_s, from);
    form.append(u"Direction"_s, u"inbound"_s);
    form.append(u"From"_s, from);
    form.append(u"FromCountry"_s, u"US"_s);
    form.append(u"To"_s, Business);
    form.append(u"ToCountry"_s, u"US"_s);
    return form;
}

QByteArray SignedRequests::incoming(const QString &sid, const QString &from) const
{
    return post(u"/twilio/voice/"_s + m_token, callForm(sid, from, u"ringing"_s));
}

QByteArray SignedRequests::dialResult(const QString &sid, const QString &from, const QString &leg) const
{
    TwilioForm form = callForm(sid, from, u"in-progress"_s);
    form.append(u"DialCallStatus"_s, u"completed"_s);
    form.append(u"DialCallDuration"_s, u"42"_s);
    form.append(u"DialBridged"_s, u"true"_s);
    return post(u"/twilio/dial/"_s + m_token + u"?leg="_s + leg, form);
}

QByteArray SignedRequests::status(const QString &sid, const QString &from) const
{
    TwilioForm form = callForm(sid, from, u"completed"_s);
    form.append(u"CallDuration"_s, u"45"_s);
    return post(u"/twilio/status/"_s + m_token, form);
}
