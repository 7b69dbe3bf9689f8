// Logging category of the CSV importer.
#include "importerlog.h"

Q_LOGGING_CATEGORY(lcImporter, "switchboard.importer", QtInfoMsg)
