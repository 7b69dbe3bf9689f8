// Logging category of a seat's connection to another Switchboard's live feed.
#include "feedclientlog.h"

Q_LOGGING_CATEGORY(lcFeedClient, "switchboard.feed.client", QtInfoMsg)
