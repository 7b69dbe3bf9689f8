// Logging category of the storage module.
#include "storagelog.h"

Q_LOGGING_CATEGORY(lcStorage, "switchboard.storage", QtInfoMsg)
