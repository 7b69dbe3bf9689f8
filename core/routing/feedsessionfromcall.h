// A call session as the live feed shows it: who a round rings and who the caller talks with, read from
// the routing engine's state, which stays the router's own business.
#pragma once

#include "feed/feedmessage.h"

// Names of the customer and booking are left empty: they come from the database (FeedHub reads them).
// `fallbackNumber` is the number the fallback rings, for "talking with the fallback number".
FeedSession feedSessionFromCall(const CallSessionRecord &record, const QString &fallbackNumber);
