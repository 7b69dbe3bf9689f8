// Where a file of ours may be written: only inside the data folder.
#include "datafolderpath.h"

#include "files/owneronly.h"
#include "storage/storagelog.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

Result<QString> DataFolderPath::resolve(const QString &dataDir, const QString &relative)
{
    const QString root = QFileInfo(dataDir).canonicalFilePath();
    if (root.isEmpty())
        return Result<QString>::failure(tr("The data folder %1 does not exist.").arg(dataDir));
    const QString cleaned = QDir::cleanPath(relative);
    if (relative.isEmpty() || QDir::isAbsolutePath(relative) || cleaned == u".."_s
        || cleaned.startsWith(u"../"_s))
        return Result<QString>::failure(tr("The file name %1 leaves the data folder.").arg(relative));

    const QFileInfo wanted(QDir(root).filePath(cleaned));
    QDir folder(wanted.absolutePath());
    if (!folder.exists()) {
        if (!QDir().mkpath(folder.path()))
            return Result<QString>::failure(tr("Cannot create the folder %1.").arg(folder.path()));
        if (QString notPrivate; !OwnerOnly::restrictFolder(folder.path(), &notPrivate))
            qCWarning(lcStorage).noquote() << notPrivate;
    }
    // A link inside the data folder may point anywhere: what counts is where the folder really is.
    const QString realFolder = QFileInfo(folder.path()).canonicalFilePath();
    if (realFolder != root && !realFolder.startsWith(root + u'/'))
        return Result<QString>::failure(tr("The file name %1 leaves the data folder.").arg(relative));
    return QString(realFolder + u'/' + wanted.fileName());
}
