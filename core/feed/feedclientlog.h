// Logging category of a seat's connection to another Switchboard's live feed.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcFeedClient)
