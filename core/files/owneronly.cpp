// Folders and files that hold customers' data, readable by the user the app runs as and nobody else.
#include "owneronly.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

bool OwnerOnly::restrictFolder(const QString &path, QString *error)
{
    QFile folder(path);
    if (folder.setPermissions(FolderPermissions))
        return true;
    if (error)
        *error = tr("Cannot make the folder %1 private to its owner: %2.")
                     .arg(QDir::toNativeSeparators(path), folder.errorString());
    return false;
}

bool OwnerOnly::restrictFile(const QString &path, QString *error)
{
    // A file that is not there (a WAL not created yet, or just removed by another connection) has
    // nothing to protect.
    if (!QFileInfo::exists(path))
        return true;
    // 0600 would lock its owner out of a folder.
    if (QFileInfo(path).isDir()) {
        if (error)
            *error = tr("Cannot make %1 private to its owner as a file: it is a folder.")
                         .arg(QDir::toNativeSeparators(path));
        return false;
    }
    QFile file(path);
    if (file.setPermissions(FilePermissions) || !QFileInfo::exists(path))
        return true;
    if (error)
        *error = tr("Cannot make the file %1 private to its owner: %2.")
                     .arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
}

bool OwnerOnly::restrictFile(QFileDevice &file, QString *error)
{
    if (file.setPermissions(FilePermissions))
        return true;
    if (error)
        *error = tr("Cannot make the file %1 private to its owner: %2.")
                     .arg(QDir::toNativeSeparators(file.fileName()), file.errorString());
    return false;
}
