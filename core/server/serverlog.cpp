// Logging category of the webhook server.
#include "serverlog.h"

Q_LOGGING_CATEGORY(lcServer, "switchboard.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRequests, "switchboard.requests", QtInfoMsg)
