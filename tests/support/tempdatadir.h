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
    // The permission bits of a file or folder as `ls -l` shows them (0644, 0700), or -1 when it is missing.
    static int modeOf(const QString &path);
    // Sets those bits, as chmod does; false when it cannot.
    static bool setMode(const QString &path, int mode);

private:
    QTemporaryDir m_dir;
};
