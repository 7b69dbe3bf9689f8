// What an insert-or-update by external id did: the row's id and whether it was new.
#pragma once

#include <QtGlobal>

struct UpsertResult
{
    qint64 id = 0;
    bool inserted = false;
};
