// Folders and files that hold customers' data, readable by the user the app runs as and nobody else.
#pragma once

#include <QCoreApplication>
#include <QFileDevice>
#include <QString>

// The one place that decides what "private" means on disk: folders 0700, files 0600. Each applies
// whatever the permissions were before, so a folder or a file left open by an older version, a
// restore or the user is tightened the next time it is used.
class OwnerOnly
{
    Q_DECLARE_TR_FUNCTIONS(OwnerOnly)

public:
    static constexpr QFileDevice::Permissions FolderPermissions
        = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    static constexpr QFileDevice::Permissions FilePermissions
        = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

    // Makes the existing folder `path` owner-only; false with a one-sentence *error when it cannot
    // (it is another user's, or its file system has no permissions).
    static bool restrictFolder(const QString &path, QString *error);
    // Makes the file `path` owner-only if it exists (true when it does not).
    static bool restrictFile(const QString &path, QString *error);
    // The same for a file being written, before anything is in it.
    static bool restrictFile(QFileDevice &file, QString *error);
};
