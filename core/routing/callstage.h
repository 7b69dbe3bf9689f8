// Where a call session is in its life, stored as text so that the call log stays readable.
#pragma once

#include <QString>

namespace CallStage {
inline const QString Registering = QStringLiteral("registering"); // waiting for Retell
inline const QString Agent = QStringLiteral("agent"); // the AI agent's SIP leg is ringing
inline const QString AgentConnected = QStringLiteral("agent_connected");
inline const QString Fallback = QStringLiteral("fallback"); // the fallback number is ringing
inline const QString Menu = QStringLiteral("menu"); // waiting for the caller's key
inline const QString Ringing = QStringLiteral("ringing"); // a round of the dial chain is ringing
inline const QString Answered = QStringLiteral("answered"); // a person took it
inline const QString Voicemail = QStringLiteral("voicemail"); // recording the caller's message
inline const QString VoicemailLeft = QStringLiteral("voicemail_left");
inline const QString Blocked = QStringLiteral("blocked"); // refused with <Reject/>
inline const QString Closing = QStringLiteral("closing"); // closing message played, hanging up
inline const QString Failed = QStringLiteral("failed"); // nobody could be reached at all
} // namespace CallStage
