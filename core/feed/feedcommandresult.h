// What became of a command a seat sent: the router's `result`, or why none came.
#pragma once

#include <QString>

struct FeedCommandResult
{
    bool ok = false;
    QString error; // a plain sentence when !ok
};
