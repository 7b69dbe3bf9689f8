// Logging category of the phone module.
#include "phonelog.h"

Q_LOGGING_CATEGORY(lcPhone, "switchboard.phone", QtInfoMsg)
