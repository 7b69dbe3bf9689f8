// A loopback fake of the parts of Twilio's REST API that the app uses (PROTOCOL.md section 4): the account,
// its phone numbers listed page by page, changing a number's webhooks, and live calls (fetching, changing,
// hanging up and placing them).
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <map>
#include <memory>
#include <utility>

class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;

// Answers like Twilio: JSON bodies, errors as {code, message, more_info, status}, 401 with a Basic challenge
// for credentials it does not know. Lives on the thread that uses it.
class FakeTwilioRest : public QObject
{
    Q_OBJECT

public:
    using FormFields = QList<std::pair<QString, QString>>;

    struct Request
    {
        QByteArray method;
        QString pathAndQuery;
        // Empty when the request had no Authorization header.
        QByteArray authorization;
        // The form fields of a POST as sent, decoded, in order.
        FormFields fields;
        // The first value of a field, and every value of a repeated one.
        QString value(const QString &name) const;
        QStringList values(const QString &name) const;
    };

    struct Update
    {
        QString numberSid;
        // The form fields as sent, decoded, in order.
        FormFields fields;
        QString value(const QString &name) const;
        bool contains(const QString &name) const;
    };

    FakeTwilioRest(QString accountSid, QByteArray authToken, QObject *parent = nullptr);
    ~FakeTwilioRest() override;

    // Binds 127.0.0.1 on a free port.
    bool listen();
    // http://127.0.0.1:<port>, empty before listen().
    QUrl baseUrl() const;

    void setAccountName(QString name) { m_accountName = std::move(name); }
    void setAccountStatus(QString status) { m_accountStatus = std::move(status); }
    // Accepts an API key (SK…) and its secret besides the account SID and auth token.
    void addApiKey(QString keySid, QByteArray secret);
    // At most this many numbers per page, whatever PageSize asks for (Twilio's own ceiling is 1000).
    void setMaxPageSize(int size) { m_maxPageSize = size; }
    // Every request gets this status and Twilio error instead of its answer (0: back to normal).
    void failEverything(int status, int code = 0, QString message = {});
    // Requests are never answered, until the client gives up or the server is destroyed.
    void setHanging(bool hanging) { m_hanging = hanging; }

    // Adds a number to the account and returns its SID (PN + 32 hex).
    QString addNumber(const QString &phoneNumber, const QString &friendlyName, const QString &voiceUrl = {});
    // Sets a field of a number as Twilio reports it ("voice_application_sid", "trunk_sid", …).
    void setNumberField(const QString &sid, const QString &field, const QString &value);
    QJsonObject number(const QString &sid) const;
    QList<QJsonObject> numbers() const { return m_numbers; }

    QList<Request> requests() const { return m_requests; }
    QList<Update> updates() const { return m_updates; }

    // A call as GET …/Calls/{Sid}.json describes it; `endTime` invalid while it goes on.
    void addCall(const QString &callSid, const QString &status, int durationSeconds = -1,
        const QDateTime &endTime = {}, const QString &from = {}, const QString &to = {});
    // The call ends as if its caller hung up: from then on a change to it answers 21220, as Twilio does.
    void endCall(const QString &callSid);
    // Twilio no longer knows the call: a change to it answers 404.
    void forgetCall(const QString &callSid);
    // The call as Twilio describes it now (a placed call too); empty when there is none.
    QJsonObject call(const QString &callSid) const;
    // Live calls are changed (POST …/Calls/{Sid}.json: Url and Method, or Twiml, or Status) and placed
    // (POST …/Calls.json: To, From, Url and Method or Twiml, StatusCallback, StatusCallbackMethod,
    // StatusCallbackEvent, Timeout). Each request is checked as Twilio checks it (numbers in E.164, a From
    // that is one of the account's numbers, absolute http(s) URLs, a call still in progress), and more
    // strictly where a mistake of ours would otherwise pass: a field Twilio does not take, Url given with
    // Twiml, TwiML that is not a well-formed <Response>. A refusal is a 400 with Twilio's error code and shape.

    // Studio (v2) flows, served on the same port under /v2/Flows. Each create or update is checked like
    // Twilio does: a FriendlyName (on create), a Status of draft or published, and a Definition whose
    // states, transitions and widgets' required properties hold together; otherwise 400.
    struct FlowWrite
    {
        QString flowSid; // empty for a create that was refused
        FormFields fields;
        QString value(const QString &name) const { return Update { {}, fields }.value(name); }
    };
    // Adds a flow as if made in the console; returns its SID (FW + 32 hex).
    QString addFlow(const QString &friendlyName, const QJsonObject &definition);
    QList<QJsonObject> flows() const { return m_flows; }
    QJsonObject flow(const QString &sid) const;
    QList<FlowWrite> flowWrites() const { return m_flowWrites; }
    // Studio's requests alone get this status and Twilio error (0: back to normal).
    void failStudio(int status, int code = 0, QString message = {});
    // Why Studio would refuse `definition`, or an empty string.
    static QString definitionProblem(const QJsonObject &definition);

private:
    class Http;
    struct ParkedResponder
    {
        std::unique_ptr<QHttpServerResponder> responder;
        QMetaObject::Connection socketGone;
    };

    void handle(const QHttpServerRequest &request, QTcpSocket *socket);
    bool authorized(const QByteArray &authorization) const;
    void listNumbers(const QUrl &url, QHttpServerResponder &responder);
    void updateNumber(const QString &sid, const QByteArray &body, QHttpServerResponder &responder);
    void updateCall(const QString &sid, const FormFields &fields, QHttpServerResponder &responder);
    void createCall(const FormFields &fields, QHttpServerResponder &responder);
    QJsonObject newCall(const QString &sid, const QString &status, const QString &direction,
        const QString &from, const QString &to) const;
    QString accountPath() const;
    void handleStudio(const QByteArray &method, const QUrl &url, const QByteArray &body, QHttpServerResponder &responder);
    QJsonObject flowJson(const QJsonObject &flow, bool withDefinition) const;

    Http *m_http;
    quint16 m_port = 0;
    QString m_accountSid;
    QString m_accountName = QStringLiteral("Bright Smile Dental");
    QString m_accountStatus = QStringLiteral("active");
    QList<std::pair<QString, QByteArray>> m_credentials;
    int m_maxPageSize = 1000;
    int m_failStatus = 0;
    int m_failCode = 0;
    QString m_failMessage;
    bool m_hanging = false;
    QList<QJsonObject> m_numbers;
    QList<Request> m_requests;
    QList<Update> m_updates;
    std::map<QString, QJsonObject> m_calls;
    QList<QJsonObject> m_flows; // as Twilio describes them, definition included
    QList<FlowWrite> m_flowWrites;
    int m_studioFailStatus = 0;
    int m_studioFailCode = 0;
    QString m_studioFailMessage;
    std::map<quint64, ParkedResponder> m_parked;
    quint64 m_nextParkedId = 0;
};
