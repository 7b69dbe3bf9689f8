// A Twilio webhook as the server received it, before any validation.
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <optional>

enum class WebhookKind {
    Voice,
    DialResult,
    Status,
    Menu,            // a keypad menu's <Gather action>
    Confirm,         // a callee's "press 1" screening (<Number url>) and its <Gather action>
    LegStatus,       // a dialled leg's statusCallback (<Number>/<Sip>): it answered
    Recorded,        // a voicemail's <Record action>
    RecordingStatus, // recordingStatusCallback: the recording file exists (or failed)
    Transcription,   // transcribeCallback
    Control,         // a live call that a seat moved (voicemail, transfer): its new TwiML
    CallBack,        // a call-back's staff leg: answered, their key, and the customer's <Dial action>
};

struct WebhookRequest
{
    WebhookKind kind = WebhookKind::Voice;
    std::optional<QString> token; // the path's token segment, when the URL has one
    QUrl url;                     // as received: scheme, Host header, path, query
    QByteArray rawTarget; // the request line's path and query, byte for byte
    QByteArray host; // the Host header, as sent
    QByteArray body;
    QByteArray signature;         // X-Twilio-Signature
    bool signedWithOwnKey = false; // Twilio's customer-owned-key scheme, which we do not check
};

struct WebhookResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "text/xml";
};
