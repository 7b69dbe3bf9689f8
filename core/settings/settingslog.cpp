// Logging category of the settings module.
#include "settingslog.h"

Q_LOGGING_CATEGORY(lcSettings, "switchboard.settings", QtInfoMsg)
