// A fresh data directory for one test.
#include "tempdatadir.h"

#include <QFile>

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
