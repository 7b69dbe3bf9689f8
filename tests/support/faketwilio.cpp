// Plays Twilio's side of a call against our webhook server over loopback.
#include "faketwilio.h"

#include "twilio/signaturevalidator.h"
#include "twilio/twilioform.h"

#include <QEventLoop>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

using namespace Qt::StringLiterals;

FakeTwilio::FakeTwilio(QUrl local, QByteArray authToken, QUrl publicBase)
    : m_local(std::move(local))
    , m_authToken(std::move(authToken))
    , m_publicBase(publicBase.isEmpty() ? m_local : std::move(publicBase))
{
}

QUrl FakeTwilio::publicUrl(const QString &pathAndQuery) const
{
    QString base = m_publicBase.toString();
    while (base.endsWith(u'/'))
        base.chop(1);
    return QUrl(base + pathAndQuery);
}

QUrl FakeTwilio::toLocal(const QUrl &publicUrl) const
{
    // Behind a tunnel the public base maps to the local server; the path past the base is kept.
    QString path = publicUrl.path();
    const QString basePath = m_publicBase.path();
    if (!basePath.isEmpty() && basePath != u"/"_s && path.startsWith(basePath))
        path = path.mid(basePath.size());
    QUrl local = m_local;
    local.setPath(path);
    local.setQuery(publicUrl.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return local;
}

QByteArray FakeTwilio::sign(const QUrl &publicUrl, const FormFields &fields) const
{
    TwilioForm form;
    for (const auto &[name, value] : fields)
        form.append(name, value);
    return SignatureValidator(m_authToken).sign(publicUrl.toString(QUrl::FullyEncoded), form);
}

TwilioReply FakeTwilio::post(const QUrl &publicUrl, const FormFields &fields)
{
    return postWithSignature(publicUrl, fields, sign(publicUrl, fields));
}

TwilioReply FakeTwilio::postWithSignature(const QUrl &publicUrl, const FormFields &fields,
                                          const QByteArray &signature)
{
    TwilioForm form;
    for (const auto &[name, value] : fields)
        form.append(name, value);
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!signature.isEmpty())
        headers.append({"X-Twilio-Signature"_ba, signature});
    return postRaw(publicUrl, form.toUrlEncoded(), headers);
}

QNetworkReply *FakeTwilio::postAsync(const QUrl &publicUrl, const FormFields &fields)
{
    TwilioForm form;
    for (const auto &[name, value] : fields)
        form.append(name, value);
    QNetworkRequest request(toLocal(publicUrl));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    request.setRawHeader("X-Twilio-Signature"_ba, sign(publicUrl, fields));
    return m_network.post(request, form.toUrlEncoded());
}

TwilioReply FakeTwilio::postRaw(const QUrl &publicUrl, const QByteArray &body,
                                const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(toLocal(publicUrl));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    request.setRawHeader("User-Agent"_ba, "TwilioProxy/1.1"_ba);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return collect(m_network.post(request, body));
}

TwilioReply FakeTwilio::collect(QNetworkReply *reply)
{
    QEventLoop loop;
    if (!reply->isFinished())
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // Twilio gives a webhook 15 s; a test waits no longer than that.
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    TwilioReply result;
    if (reply->isFinished()) {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    } else {
        reply->abort();
    }
    reply->deleteLater();
    return result;
}

FormFields FakeTwilio::callFields(const QString &callSid, const QString &from, const QString &to,
                                  const QString &callStatus)
{
    return {
        {u"AccountSid"_s, u"AC0123456789abcdef0123456789abcdef"_s},
        {u"ApiVersion"_s, u"2010-04-01"_s},
        {u"CallSid"_s, callSid},
        {u"CallStatus"_s, callStatus},
        {u"Called"_s, to},
        {u"Caller"_s, from},
        {u"Direction"_s, u"inbound"_s},
        {u"From"_s, from},
        {u"FromCountry"_s, u"US"_s},
        {u"To"_s, to},
        {u"ToCountry"_s, u"US"_s},
    };
}

QString FakeTwilio::newCallSid()
{
    QString sid = u"CA"_s;
    for (int i = 0; i < 4; ++i)
        sid += u"%1"_s.arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    return sid;
}
