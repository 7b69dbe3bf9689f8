// Logging category of the routing module.
#include "routinglog.h"

Q_LOGGING_CATEGORY(lcRouting, "switchboard.routing", QtInfoMsg)
