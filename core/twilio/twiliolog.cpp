// Logging category of the twilio module.
#include "twiliolog.h"

Q_LOGGING_CATEGORY(lcTwilio, "switchboard.twilio", QtInfoMsg)
