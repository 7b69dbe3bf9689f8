// A fresh data directory for one test, removed afterwards.
#pragma once

#include <QString>
#include <QDir>
#include <QTemporaryDir>

class TempDataDir
{
public:
    TempDataDir();
    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }
    // Writes a text file inside the directory and returns its path.
    QString writeFile(const QString &name, const QByteArray &contents) const;

private:
    QTemporaryDir m_dir;
};
