// Logging category of the webhook server.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer)
// One line per webhook answered (method, path, CallSid, status, time), for `--verbose`; off by default.
Q_DECLARE_LOGGING_CATEGORY(lcRequests)
