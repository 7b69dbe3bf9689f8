// A loopback fake of the parts of Twilio's REST API that set-up uses (PROTOCOL.md section 4): the account,
// its phone numbers listed page by page, and changing a number's webhooks.
#include "faketwiliorest.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using StatusCode = QHttpServerResponder::StatusCode;

namespace {

// Twilio's own field names for what a number update may change, by form field.
const std::pair<QString, QString> UpdatableFields[] = {
    { u"VoiceUrl"_s, u"voice_url"_s },
    { u"VoiceMethod"_s, u"voice_method"_s },
    { u"VoiceFallbackUrl"_s, u"voice_fallback_url"_s },
    { u"VoiceFallbackMethod"_s, u"voice_fallback_method"_s },
    { u"StatusCallback"_s, u"status_callback"_s },
    { u"StatusCallbackMethod"_s, u"status_callback_method"_s },
    { u"FriendlyName"_s, u"friendly_name"_s },
};

QString randomHex(int digits)
{
    QString hex;
    while (hex.size() < digits)
        hex += u"%1"_s.arg(QRandomGenerator::global()->generate(), 8, 16, QChar(u'0'));
    return hex.left(digits);
}

// The form as Twilio decodes it: '+' is a space, %XX a byte.
FakeTwilioRest::FormFields decodeForm(const QByteArray &body)
{
    FakeTwilioRest::FormFields fields;
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        QByteArray name = pair.left(equals < 0 ? pair.size() : equals);
        QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        fields.append({ QUrl::fromPercentEncoding(name), QUrl::fromPercentEncoding(value) });
    }
    return fields;
}

void writeJson(QHttpServerResponder &responder, StatusCode status, const QJsonObject &body)
{
    responder.write(QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json"_ba, status);
}

QJsonObject twilioError(int status, int code, const QString &message)
{
    return QJsonObject {
        { u"code"_s, code },
        { u"message"_s, message },
        { u"more_info"_s, u"https://www.twilio.com/docs/errors/%1"_s.arg(code) },
        { u"status"_s, status },
    };
}

} // namespace

// QHttpServer routes by patterns that stop at a slash and cannot match "PN….json"; the fake takes every
// request itself.
class FakeTwilioRest::Http : public QAbstractHttpServer
{
public:
    explicit Http(FakeTwilioRest *owner)
        : QAbstractHttpServer(owner)
        , m_owner(owner)
    { }

    using QAbstractHttpServer::makeResponder;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        m_owner->handle(request, socket);
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override { }

private:
    FakeTwilioRest *m_owner;
};

QString FakeTwilioRest::Update::value(const QString &name) const
{
    for (const auto &[field, value] : fields) {
        if (field == name)
            return value;
    }
    return {};
}

bool FakeTwilioRest::Update::contains(const QString &name) const
{
    return std::any_of(
        fields.cbegin(), fields.cend(), [&name](const auto &field) { return field.first == name; });
}

FakeTwilioRest::FakeTwilioRest(QString accountSid, QByteArray authToken, QObject *parent)
    : QObject(parent)
    , m_http(new Http(this))
    , m_accountSid(std::move(accountSid))
{
    m_credentials.append({ m_accountSid, std::move(authToken) });
}

FakeTwilioRest::~FakeTwilioRest()
{
    // Held-back responders point at sockets owned by the server: drop them before the server goes.
    for (auto &[id, parked] : m_parked)
        disconnect(parked.socketGone);
    m_parked.clear();
}

bool FakeTwilioRest::listen()
{
    if (m_port == 0)
        m_port = m_http->listen(QHostAddress::LocalHost, 0);
    return m_port != 0;
}

QUrl FakeTwilioRest::baseUrl() const
{
    return m_port == 0 ? QUrl() : QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

void FakeTwilioRest::addApiKey(QString keySid, QByteArray secret)
{
    m_credentials.append({ std::move(keySid), std::move(secret) });
}

void FakeTwilioRest::failEverything(int status, int code, QString message)
{
    m_failStatus = status;
    m_failCode = code;
    m_failMessage = std::move(message);
}

QString FakeTwilioRest::addNumber(
    const QString &phoneNumber, const QString &friendlyName, const QString &voiceUrl)
{
    const QString sid = u"PN"_s + randomHex(32);
    m_numbers.append(QJsonObject {
        { u"sid"_s, sid },
        { u"account_sid"_s, m_accountSid },
        { u"phone_number"_s, phoneNumber },
        { u"friendly_name"_s, friendlyName },
        { u"voice_url"_s, voiceUrl },
        { u"voice_method"_s, u"POST"_s },
        { u"voice_fallback_url"_s, QJsonValue(QJsonValue::Null) },
        { u"voice_fallback_method"_s, u"POST"_s },
        { u"status_callback"_s, u""_s },
        { u"status_callback_method"_s, u"POST"_s },
        { u"voice_application_sid"_s, QJsonValue(QJsonValue::Null) },
        { u"trunk_sid"_s, QJsonValue(QJsonValue::Null) },
        { u"uri"_s, QString(accountPath() + u"/IncomingPhoneNumbers/"_s + sid + u".json"_s) },
    });
    return sid;
}

void FakeTwilioRest::setNumberField(const QString &sid, const QString &field, const QString &value)
{
    for (QJsonObject &number : m_numbers) {
        if (number.value(u"sid"_s).toString() == sid)
            number.insert(field, value);
    }
}

QJsonObject FakeTwilioRest::number(const QString &sid) const
{
    for (const QJsonObject &number : m_numbers) {
        if (number.value(u"sid"_s).toString() == sid)
            return number;
    }
    return {};
}

QString FakeTwilioRest::accountPath() const
{
    return u"/2010-04-01/Accounts/"_s + m_accountSid;
}

bool FakeTwilioRest::authorized(const QByteArray &authorization) const
{
    if (!authorization.startsWith("Basic "_ba))
        return false;
    const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6));
    const qsizetype colon = decoded.indexOf(':');
    const QString sid = QString::fromUtf8(decoded.left(colon));
    const QByteArray secret = decoded.mid(colon + 1);
    return colon > 0
        && std::any_of(m_credentials.cbegin(), m_credentials.cend(),
            [&](const auto &credential) { return credential.first == sid && credential.second == secret; });
}

void FakeTwilioRest::handle(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QUrl url = request.url();
    const QByteArray method = request.method() == QHttpServerRequest::Method::Post ? "POST"_ba : "GET"_ba;
    const QByteArray authorization = request.value("Authorization"_ba);
    m_requests.append(
        Request { method, url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority), authorization });

    QHttpServerResponder responder = Http::makeResponder(request, socket);
    if (m_hanging) {
        const quint64 id = m_nextParkedId++;
        ParkedResponder &parked = m_parked[id];
        parked.responder = std::make_unique<QHttpServerResponder>(std::move(responder));
        parked.socketGone = connect(socket, &QObject::destroyed, this, [this, id] { m_parked.erase(id); });
        return;
    }
    if (!authorized(authorization)) {
        return responder.write(
            QJsonDocument(twilioError(401, 20003, u"Authenticate"_s)).toJson(QJsonDocument::Compact),
            { { "Content-Type"_ba, "application/json"_ba },
                { "WWW-Authenticate"_ba, R"(Basic realm="Twilio API")"_ba } },
            StatusCode::Unauthorized);
    }
    if (m_failStatus != 0)
        return writeJson(
            responder, StatusCode(m_failStatus), twilioError(m_failStatus, m_failCode, m_failMessage));

    const QString path = url.path();
    const QString numbersPath = accountPath() + u"/IncomingPhoneNumbers"_s;
    if (method == "GET"_ba && path == accountPath() + u".json"_s) {
        return writeJson(responder, StatusCode::Ok,
            QJsonObject {
                { u"sid"_s, m_accountSid },
                { u"friendly_name"_s, m_accountName },
                { u"status"_s, m_accountStatus },
                { u"type"_s, u"Full"_s },
            });
    }
    if (method == "GET"_ba && path == numbersPath + u".json"_s)
        return listNumbers(url, responder);
    static const QRegularExpression numberPath(u"^/IncomingPhoneNumbers/([A-Za-z0-9]+)\\.json$"_s);
    const QRegularExpressionMatch match = path.startsWith(accountPath())
        ? numberPath.match(path.mid(accountPath().size()))
        : QRegularExpressionMatch();
    if (method == "POST"_ba && match.hasMatch())
        return updateNumber(match.captured(1), request.body(), responder);
    writeJson(responder, StatusCode::NotFound,
        twilioError(404, 20404, u"The requested resource %1 was not found"_s.arg(path)));
}

void FakeTwilioRest::listNumbers(const QUrl &url, QHttpServerResponder &responder)
{
    const QUrlQuery query(url);
    const int requested
        = query.hasQueryItem(u"PageSize"_s) ? query.queryItemValue(u"PageSize"_s).toInt() : 50;
    const int pageSize = qBound(1, qMin(requested, m_maxPageSize), 1000);
    const int page = query.queryItemValue(u"Page"_s).toInt();
    // Twilio pages by cursor: the token names the last number of the previous page.
    qsizetype start = 0;
    const QString token = query.queryItemValue(u"PageToken"_s);
    if (!token.isEmpty()) {
        start = -1;
        for (qsizetype i = 0; i < m_numbers.size(); ++i) {
            if (u"PA"_s + m_numbers.at(i).value(u"sid"_s).toString() == token)
                start = i + 1;
        }
        if (start < 0)
            return writeJson(
                responder, StatusCode::BadRequest, twilioError(400, 20001, u"Invalid PageToken"_s));
    }
    QJsonArray numbers;
    for (qsizetype i = start; i < m_numbers.size() && numbers.size() < pageSize; ++i)
        numbers.append(m_numbers.at(i));
    const qsizetype end = start + numbers.size();
    const QString listPath = accountPath() + u"/IncomingPhoneNumbers.json"_s;
    QJsonValue next(QJsonValue::Null);
    if (end < m_numbers.size()) {
        next = u"%1?PageSize=%2&Page=%3&PageToken=PA%4"_s.arg(listPath).arg(pageSize).arg(page + 1).arg(
            m_numbers.at(end - 1).value(u"sid"_s).toString());
    }
    writeJson(responder, StatusCode::Ok,
        QJsonObject {
            { u"incoming_phone_numbers"_s, numbers },
            { u"page"_s, page },
            { u"page_size"_s, pageSize },
            { u"first_page_uri"_s, u"%1?PageSize=%2&Page=0"_s.arg(listPath).arg(pageSize) },
            { u"next_page_uri"_s, next },
            { u"previous_page_uri"_s, QJsonValue(QJsonValue::Null) },
            { u"uri"_s, url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority) },
            { u"start"_s, int(start) },
            { u"end"_s, int(end) - 1 },
        });
}

void FakeTwilioRest::updateNumber(const QString &sid, const QByteArray &body, QHttpServerResponder &responder)
{
    const FormFields fields = decodeForm(body);
    m_updates.append(Update { sid, fields });
    for (QJsonObject &number : m_numbers) {
        if (number.value(u"sid"_s).toString() != sid)
            continue;
        for (const auto &[name, value] : fields) {
            for (const auto &[formName, jsonName] : UpdatableFields) {
                if (formName == name)
                    number.insert(jsonName, value);
            }
        }
        return writeJson(responder, StatusCode::Ok, number);
    }
    writeJson(responder, StatusCode::NotFound,
        twilioError(404, 20404,
            u"The requested resource %1/IncomingPhoneNumbers/%2.json was not found"_s.arg(
                accountPath(), sid)));
}
