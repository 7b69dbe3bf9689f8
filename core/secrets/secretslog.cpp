// Logging category of the secrets module.
#include "secretslog.h"

Q_LOGGING_CATEGORY(lcSecrets, "switchboard.secrets", QtInfoMsg)
