// A fresh data directory for one test.
#include "tempdatadir.h"

#include <QFile>

#include <sys/stat.h>

TempDataDir::TempDataDir()
    : m_dir(QDir::tempPath() + QStringLiteral("/switchboard-test-XXXXXX"))
{
}

QString TempDataDir::writeFile(const QString &name, const QByteArray &contents) const
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(contents);
    return path;
}

int TempDataDir::modeOf(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

bool TempDataDir::setMode(const QString &path, int mode)
{
    return ::chmod(QFile::encodeName(path).constData(), mode_t(mode)) == 0;
}
