// Logging category of the Retell module.
#include "retelllog.h"

Q_LOGGING_CATEGORY(lcRetell, "switchboard.retell", QtInfoMsg)
