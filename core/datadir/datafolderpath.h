// Where a file of ours may be written: only inside the data folder, whatever a name that came
// from outside (a SID in a webhook, say) or a link in the folder would make of the path.
#pragma once

#include "common/result.h"

#include <QCoreApplication>
#include <QString>

class DataFolderPath
{
    Q_DECLARE_TR_FUNCTIONS(DataFolderPath)

public:
    // The absolute path of `relative` (e.g. "recordings/CA…-RE….mp3") inside `dataDir`, with its
    // folder created owner-only when missing. Fails when the path, once links are resolved, would
    // leave the data folder.
    static Result<QString> resolve(const QString &dataDir, const QString &relative);
};
