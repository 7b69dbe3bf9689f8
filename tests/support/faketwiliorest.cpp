// A loopback fake of the parts of Twilio's REST API that the app uses (PROTOCOL.md section 4): the account,
// its phone numbers listed page by page, changing a number's webhooks, and live calls.
#include "faketwiliorest.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QXmlStreamReader>

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

// Twilio's message when a call that has ended is changed.
const QString CallNotInProgress = QStringLiteral("Call is not in-progress. Cannot redirect.");

// What Twilio's call statuses mean for a change: a call that has ended cannot be changed any more.
bool hasEnded(const QString &status)
{
    static const QStringList ended { u"completed"_s, u"busy"_s, u"failed"_s, u"no-answer"_s, u"canceled"_s };
    return ended.contains(status);
}

// An absolute http or https URL with a host, as Twilio requires of every URL it is given.
bool isHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"http"_s || url.scheme() == u"https"_s)
        && !url.host().isEmpty();
}

bool isE164(const QString &number)
{
    static const QRegularExpression pattern(u"^\\+[1-9][0-9]{1,14}$"_s);
    return pattern.match(number).hasMatch();
}

// TwiML Twilio would run: well-formed XML whose root is <Response>.
bool isTwiml(const QString &twiml)
{
    QXmlStreamReader reader(twiml);
    QString root;
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && root.isEmpty())
            root = reader.name().toString();
    }
    return !reader.hasError() && root == u"Response"_s;
}

// The fields a request may hold; a field outside them, or one given twice that Twilio reads once, is
// named (Twilio itself ignores the first kind, which would hide a typo of ours).
QString unexpectedField(
    const FakeTwilioRest::FormFields &fields, const QStringList &known, const QStringList &repeatable)
{
    QSet<QString> seen;
    for (const auto &[name, value] : fields) {
        if (!known.contains(name))
            return u"%1 is not a parameter of this resource"_s.arg(name);
        if (seen.contains(name) && !repeatable.contains(name))
            return u"%1 is given more than once"_s.arg(name);
        seen.insert(name);
    }
    return {};
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

QString FakeTwilioRest::Request::value(const QString &name) const
{
    return Update { {}, fields }.value(name);
}

QStringList FakeTwilioRest::Request::values(const QString &name) const
{
    QStringList values;
    for (const auto &[field, value] : fields) {
        if (field == name)
            values.append(value);
    }
    return values;
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
    const FormFields fields = method == "POST"_ba ? decodeForm(request.body()) : FormFields();
    m_requests.append(
        Request { method, url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority), authorization, fields });

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
    if (path == u"/v2/Flows"_s || path.startsWith(u"/v2/Flows/"_s))
        return handleStudio(method, url, request.body(), responder);
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
    static const QRegularExpression callPath(u"^/Calls/([A-Za-z0-9]+)\\.json$"_s);
    const QRegularExpressionMatch callMatch
        = path.startsWith(accountPath()) ? callPath.match(path.mid(accountPath().size())) : QRegularExpressionMatch();
    if (method == "POST"_ba && (path == accountPath() + u"/Calls.json"_s || callMatch.hasMatch())) {
        // Twilio reads its parameters from a form; a body of any other kind holds none.
        if (!request.value("Content-Type"_ba).startsWith("application/x-www-form-urlencoded"_ba))
            return writeJson(responder, StatusCode::BadRequest,
                twilioError(400, 20001, u"The request body must be application/x-www-form-urlencoded"_s));
        if (callMatch.hasMatch())
            return updateCall(callMatch.captured(1), fields, responder);
        return createCall(fields, responder);
    }
    if (method == "GET"_ba && callMatch.hasMatch()) {
        const auto found = m_calls.find(callMatch.captured(1));
        if (found == m_calls.end())
            return writeJson(responder, StatusCode::NotFound,
                twilioError(404, 20404, u"The requested resource %1 was not found"_s.arg(path)));
        return writeJson(responder, StatusCode::Ok, found->second);
    }
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

QString FakeTwilioRest::addFlow(const QString &friendlyName, const QJsonObject &definition)
{
    const QString sid = u"FW"_s + randomHex(32);
    m_flows.append(QJsonObject {
        { u"sid"_s, sid },
        { u"friendly_name"_s, friendlyName },
        { u"definition"_s, definition },
        { u"status"_s, u"published"_s },
        { u"revision"_s, 1 },
        { u"commit_message"_s, QJsonValue(QJsonValue::Null) },
    });
    return sid;
}

QJsonObject FakeTwilioRest::flow(const QString &sid) const
{
    for (const QJsonObject &flow : m_flows) {
        if (flow.value(u"sid"_s).toString() == sid)
            return flow;
    }
    return {};
}

void FakeTwilioRest::failStudio(int status, int code, QString message)
{
    m_studioFailStatus = status;
    m_studioFailCode = code;
    m_studioFailMessage = std::move(message);
}

QString FakeTwilioRest::definitionProblem(const QJsonObject &definition)
{
    if (!definition.value(u"flags"_s).toObject().value(u"allow_concurrent_calls"_s).isBool())
        return u"flags.allow_concurrent_calls is required"_s;
    const QJsonArray states = definition.value(u"states"_s).toArray();
    if (states.isEmpty() || states.size() > 1000)
        return u"states must hold 1 to 1000 widgets"_s;
    QSet<QString> names;
    for (const QJsonValue &state : states) {
        const QString name = state.toObject().value(u"name"_s).toString();
        if (name.isEmpty() || names.contains(name))
            return u"every state needs a unique name"_s;
        names.insert(name);
    }
    if (!names.contains(definition.value(u"initial_state"_s).toString()))
        return u"initial_state must name a state"_s;
    // The widgets the fallback flow uses, with what Studio requires of each.
    const QHash<QString, QStringList> required {
        { u"trigger"_s, {} },
        { u"connect-call-to"_s, { u"noun"_s, u"to"_s, u"timeout"_s } },
        { u"say-play"_s, {} },
        { u"record-voicemail"_s, { u"max_length"_s } },
        { u"split-based-on"_s, { u"input"_s } },
    };
    for (const QJsonValue &value : states) {
        const QJsonObject state = value.toObject();
        const QString name = state.value(u"name"_s).toString();
        const QString type = state.value(u"type"_s).toString();
        if (!required.contains(type))
            return u"state %1: unknown widget type \"%2\""_s.arg(name, type);
        const QJsonObject properties = state.value(u"properties"_s).toObject();
        if (!state.value(u"properties"_s).isObject())
            return u"state %1: properties are required"_s.arg(name);
        for (const QString &property : required.value(type)) {
            if (!properties.contains(property))
                return u"state %1: %2 is required"_s.arg(name, property);
        }
        if (type == u"say-play"_s && !properties.contains(u"say"_s) && !properties.contains(u"play"_s))
            return u"state %1: say or play is required"_s.arg(name);
        if (!state.value(u"transitions"_s).isArray())
            return u"state %1: transitions are required"_s.arg(name);
        for (const QJsonValue &transition : state.value(u"transitions"_s).toArray()) {
            const QJsonObject t = transition.toObject();
            if (t.value(u"event"_s).toString().isEmpty())
                return u"state %1: a transition without an event"_s.arg(name);
            if (t.contains(u"next"_s) && !names.contains(t.value(u"next"_s).toString()))
                return u"state %1: transition to unknown state \"%2\""_s.arg(name, t.value(u"next"_s).toString());
        }
    }
    return {};
}

QJsonObject FakeTwilioRest::flowJson(const QJsonObject &flow, bool withDefinition) const
{
    QJsonObject json = flow;
    const QString sid = flow.value(u"sid"_s).toString();
    json.insert(u"account_sid"_s, m_accountSid);
    json.insert(u"valid"_s, true);
    json.insert(u"errors"_s, QJsonArray {});
    json.insert(u"warnings"_s, QJsonArray {});
    json.insert(u"url"_s, u"https://studio.twilio.com/v2/Flows/%1"_s.arg(sid));
    json.insert(u"webhook_url"_s, u"https://webhooks.twilio.com/v1/Accounts/%1/Flows/%2"_s.arg(m_accountSid, sid));
    // The list leaves definitions out, as Twilio's does.
    if (!withDefinition)
        json.insert(u"definition"_s, QJsonValue(QJsonValue::Null));
    return json;
}

void FakeTwilioRest::handleStudio(
    const QByteArray &method, const QUrl &url, const QByteArray &body, QHttpServerResponder &responder)
{
    if (m_studioFailStatus != 0)
        return writeJson(responder, StatusCode(m_studioFailStatus),
            twilioError(m_studioFailStatus, m_studioFailCode, m_studioFailMessage));
    const QString path = url.path();
    if (method == "GET"_ba && path == u"/v2/Flows"_s) {
        QJsonArray flows;
        for (const QJsonObject &flow : std::as_const(m_flows))
            flows.append(flowJson(flow, false));
        return writeJson(responder, StatusCode::Ok,
            QJsonObject { { u"flows"_s, flows },
                { u"meta"_s,
                    QJsonObject { { u"page"_s, 0 }, { u"page_size"_s, 50 },
                        { u"next_page_url"_s, QJsonValue(QJsonValue::Null) } } } });
    }
    const QString sid = path.section(u'/', 3, 3);
    qsizetype index = -1;
    for (qsizetype i = 0; i < m_flows.size(); ++i) {
        if (!sid.isEmpty() && m_flows.at(i).value(u"sid"_s).toString() == sid)
            index = i;
    }
    if (!sid.isEmpty() && index < 0)
        return writeJson(responder, StatusCode::NotFound,
            twilioError(404, 20404, u"The requested resource %1 was not found"_s.arg(path)));
    if (method == "GET"_ba && index >= 0)
        return writeJson(responder, StatusCode::Ok, flowJson(m_flows.at(index), true));
    if (method != "POST"_ba)
        return writeJson(responder, StatusCode::MethodNotAllowed, twilioError(405, 20004, u"Method not allowed"_s));

    const FormFields fields = decodeForm(body);
    FlowWrite write { sid, fields };
    const auto refuse = [&](const QString &why) {
        m_flowWrites.append(write);
        writeJson(responder, StatusCode::BadRequest, twilioError(400, 20001, why));
    };
    const QString status = write.value(u"Status"_s);
    if (status != u"draft"_s && status != u"published"_s)
        return refuse(u"Status must be draft or published"_s);
    if (sid.isEmpty() && write.value(u"FriendlyName"_s).isEmpty())
        return refuse(u"FriendlyName is required"_s);
    QJsonParseError parseError;
    const QJsonDocument definition = QJsonDocument::fromJson(write.value(u"Definition"_s).toUtf8(), &parseError);
    if (sid.isEmpty() || !write.value(u"Definition"_s).isEmpty()) {
        if (parseError.error != QJsonParseError::NoError || !definition.isObject())
            return refuse(u"Definition is not a JSON object"_s);
        if (const QString problem = definitionProblem(definition.object()); !problem.isEmpty())
            return refuse(u"Invalid flow definition: "_s + problem);
    }
    if (index < 0) {
        write.flowSid = addFlow(write.value(u"FriendlyName"_s), definition.object());
        index = m_flows.size() - 1;
    } else {
        QJsonObject &flow = m_flows[index];
        if (!definition.isNull())
            flow.insert(u"definition"_s, definition.object());
        if (!write.value(u"FriendlyName"_s).isEmpty())
            flow.insert(u"friendly_name"_s, write.value(u"FriendlyName"_s));
        flow.insert(u"revision"_s, flow.value(u"revision"_s).toInt() + 1);
    }
    m_flows[index].insert(u"status"_s, status);
    m_flows[index].insert(u"commit_message"_s, write.value(u"CommitMessage"_s));
    m_flowWrites.append(write);
    writeJson(responder, sid.isEmpty() ? StatusCode::Created : StatusCode::Ok, flowJson(m_flows.at(index), true));
}

// As Twilio's Call resource describes a call: the duration a string (null while the call goes on), times in
// RFC 2822 (null until they happen).
QJsonObject FakeTwilioRest::newCall(const QString &sid, const QString &status, const QString &direction,
    const QString &from, const QString &to) const
{
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::RFC2822Date);
    return QJsonObject {
        { u"sid"_s, sid },
        { u"account_sid"_s, m_accountSid },
        { u"parent_call_sid"_s, QJsonValue(QJsonValue::Null) },
        { u"status"_s, status },
        { u"direction"_s, direction },
        { u"from"_s, from },
        { u"to"_s, to },
        { u"date_created"_s, now },
        { u"date_updated"_s, now },
        { u"start_time"_s, status == u"queued"_s ? QJsonValue(QJsonValue::Null) : QJsonValue(now) },
        { u"end_time"_s, QJsonValue(QJsonValue::Null) },
        { u"duration"_s, QJsonValue(QJsonValue::Null) },
        { u"price"_s, QJsonValue(QJsonValue::Null) },
        { u"answered_by"_s, QJsonValue(QJsonValue::Null) },
        { u"api_version"_s, u"2010-04-01"_s },
        { u"uri"_s, u"%1/Calls/%2.json"_s.arg(accountPath(), sid) },
    };
}

void FakeTwilioRest::addCall(const QString &callSid, const QString &status, int durationSeconds,
    const QDateTime &endTime, const QString &from, const QString &to)
{
    QJsonObject call = newCall(callSid, status, u"inbound"_s, from, to);
    call.insert(u"duration"_s,
        durationSeconds >= 0 ? QJsonValue(QString::number(durationSeconds)) : QJsonValue(QJsonValue::Null));
    call.insert(u"end_time"_s,
        endTime.isValid() ? QJsonValue(endTime.toUTC().toString(Qt::RFC2822Date))
                          : QJsonValue(QJsonValue::Null));
    m_calls[callSid] = call;
}

void FakeTwilioRest::endCall(const QString &callSid)
{
    const auto found = m_calls.find(callSid);
    if (found == m_calls.end())
        return;
    QJsonObject &call = found->second;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime started = QDateTime::fromString(call.value(u"start_time"_s).toString(), Qt::RFC2822Date);
    call.insert(u"status"_s, u"completed"_s);
    call.insert(u"end_time"_s, now.toString(Qt::RFC2822Date));
    call.insert(u"duration"_s, QString::number(started.isValid() ? started.secsTo(now) : 0));
    call.insert(u"date_updated"_s, now.toString(Qt::RFC2822Date));
}

void FakeTwilioRest::forgetCall(const QString &callSid)
{
    m_calls.erase(callSid);
}

QJsonObject FakeTwilioRest::call(const QString &callSid) const
{
    const auto found = m_calls.find(callSid);
    return found == m_calls.end() ? QJsonObject() : found->second;
}

void FakeTwilioRest::updateCall(const QString &sid, const FormFields &fields, QHttpServerResponder &responder)
{
    const Update update { sid, fields };
    const auto refuse = [&](int code, const QString &message) {
        writeJson(responder, StatusCode::BadRequest, twilioError(400, code, message));
    };
    const auto found = m_calls.find(sid);
    if (found == m_calls.end())
        return writeJson(responder, StatusCode::NotFound,
            twilioError(404, 20404,
                u"The requested resource %1/Calls/%2.json was not found"_s.arg(accountPath(), sid)));
    if (const QString problem = unexpectedField(fields,
            { u"Url"_s, u"Method"_s, u"Twiml"_s, u"Status"_s, u"FallbackUrl"_s, u"FallbackMethod"_s,
                u"StatusCallback"_s, u"StatusCallbackMethod"_s, u"TimeLimit"_s },
            {});
        !problem.isEmpty())
        return refuse(20001, problem);
    const bool hasUrl = update.contains(u"Url"_s);
    const bool hasTwiml = update.contains(u"Twiml"_s);
    const bool hasStatus = update.contains(u"Status"_s);
    if (int(hasUrl) + int(hasTwiml) + int(hasStatus) != 1)
        return refuse(20001, u"Give exactly one of Url, Twiml and Status"_s);
    if (hasUrl && !isHttpUrl(update.value(u"Url"_s)))
        return refuse(21205, u"Url is not a valid URL: %1"_s.arg(update.value(u"Url"_s)));
    if (update.contains(u"Method"_s) && update.value(u"Method"_s) != u"GET"_s
        && update.value(u"Method"_s) != u"POST"_s)
        return refuse(20001, u"Method must be GET or POST"_s);
    if (hasTwiml && !isTwiml(update.value(u"Twiml"_s)))
        return refuse(20001, u"Twiml is not a well-formed TwiML document"_s);
    if (hasStatus && update.value(u"Status"_s) != u"completed"_s
        && update.value(u"Status"_s) != u"canceled"_s)
        return refuse(20001, u"Status must be canceled or completed"_s);

    QJsonObject &call = found->second;
    if (hasEnded(call.value(u"status"_s).toString()))
        return refuse(21220, CallNotInProgress);
    if (hasStatus) {
        // Canceling stops a call that is not answered yet; completing ends any.
        const QString status = call.value(u"status"_s).toString();
        if (update.value(u"Status"_s) == u"completed"_s)
            endCall(sid);
        else if (status == u"queued"_s || status == u"ringing"_s)
            call.insert(u"status"_s, u"canceled"_s);
    }
    writeJson(responder, StatusCode::Ok, call);
}

void FakeTwilioRest::createCall(const FormFields &fields, QHttpServerResponder &responder)
{
    const Update request { {}, fields };
    const auto refuse = [&](int code, const QString &message) {
        writeJson(responder, StatusCode::BadRequest, twilioError(400, code, message));
    };
    if (const QString problem = unexpectedField(fields,
            { u"To"_s, u"From"_s, u"Url"_s, u"Method"_s, u"Twiml"_s, u"StatusCallback"_s,
                u"StatusCallbackMethod"_s, u"StatusCallbackEvent"_s, u"Timeout"_s },
            { u"StatusCallbackEvent"_s });
        !problem.isEmpty())
        return refuse(20001, problem);
    const QString to = request.value(u"To"_s);
    const QString from = request.value(u"From"_s);
    if (to.isEmpty())
        return refuse(21201, u"No 'To' number is specified"_s);
    if (!isE164(to) && !to.startsWith(u"sip:"_s) && !to.startsWith(u"client:"_s))
        return refuse(21211, u"Invalid 'To' Phone Number: %1"_s.arg(to));
    if (from.isEmpty())
        return refuse(21213, u"No 'From' number is specified"_s);
    if (!isE164(from) && !from.startsWith(u"client:"_s))
        return refuse(21212, u"Invalid 'From' Phone Number: %1"_s.arg(from));
    if (isE164(from) && std::none_of(m_numbers.cbegin(), m_numbers.cend(), [&](const QJsonObject &number) {
            return number.value(u"phone_number"_s).toString() == from;
        }))
        return refuse(21210,
            u"The source phone number provided, %1, is not yet verified for your account. You may only make "
            u"calls from phone numbers that you've verified or purchased from Twilio."_s.arg(from));
    const bool hasUrl = request.contains(u"Url"_s);
    const bool hasTwiml = request.contains(u"Twiml"_s);
    if (hasUrl == hasTwiml)
        return refuse(20001, u"Give either Url or Twiml"_s);
    if (hasUrl && !isHttpUrl(request.value(u"Url"_s)))
        return refuse(21205, u"Url is not a valid URL: %1"_s.arg(request.value(u"Url"_s)));
    if (hasTwiml && !isTwiml(request.value(u"Twiml"_s)))
        return refuse(20001, u"Twiml is not a well-formed TwiML document"_s);
    for (const QString &method : { u"Method"_s, u"StatusCallbackMethod"_s }) {
        if (request.contains(method) && request.value(method) != u"GET"_s
            && request.value(method) != u"POST"_s)
            return refuse(20001, u"%1 must be GET or POST"_s.arg(method));
    }
    if (request.contains(u"StatusCallback"_s) && !isHttpUrl(request.value(u"StatusCallback"_s)))
        return refuse(
            21205, u"StatusCallback is not a valid URL: %1"_s.arg(request.value(u"StatusCallback"_s)));
    // Twilio also takes the events space-separated in one field.
    static const QStringList events { u"initiated"_s, u"ringing"_s, u"answered"_s, u"completed"_s };
    for (const auto &[name, value] : fields) {
        if (name != u"StatusCallbackEvent"_s)
            continue;
        for (const QString &event : value.split(u' ', Qt::SkipEmptyParts)) {
            if (!events.contains(event))
                return refuse(
                    20001, u"StatusCallbackEvent %1 is not one of %2"_s.arg(event, events.join(u' ')));
        }
    }
    if (request.contains(u"Timeout"_s)) {
        bool isNumber = false;
        const int timeout = request.value(u"Timeout"_s).toInt(&isNumber);
        if (!isNumber || timeout < 1 || timeout > 600)
            return refuse(20001, u"Timeout must be a whole number of seconds from 1 to 600"_s);
    }

    const QString sid = u"CA"_s + randomHex(32);
    m_calls[sid] = newCall(sid, u"queued"_s, u"outbound-api"_s, from, to);
    writeJson(responder, StatusCode::Created, m_calls[sid]);
}
