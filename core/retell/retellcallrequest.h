// What we tell Retell about an inbound call when registering it for dial-to-SIP.
#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>

struct RetellCallRequest
{
    QString agentId;
    // E.164; empty for a withheld caller, in which case the field is left out of the request.
    QString fromNumber;
    // E.164, the business number that was called.
    QString toNumber;
    // Free-form context that comes back in Retell's call events, e.g. twilio_call_sid, customer_id.
    QJsonObject metadata;
    // retell_llm_dynamic_variables: the only way to hand context to the agent with dial-to-SIP.
    QMap<QString, QString> dynamicVariables;
};
