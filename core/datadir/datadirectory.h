// A data directory opened on the calling thread: its database, its master key and its settings.
#pragma once

#include <QCoreApplication>
#include <QString>

#include <memory>

class Database;
class SecretBox;
class Settings;
class SettingsWatcher;

class DataDirectory
{
    Q_DECLARE_TR_FUNCTIONS(DataDirectory)

public:
    // The directory to use: the explicit one (--data-dir), else $SWITCHBOARD_DATA_DIR, else the
    // platform's application data folder.
    static QString resolve(const QString &explicitDir = {});
    // The platform's application data folder, used when neither --data-dir nor the environment names one.
    static QString defaultPath();

    explicit DataDirectory(QString path);
    ~DataDirectory();

    // Creates what is missing (folder, database, key, webhook token) and migrates the schema.
    bool open(QString *error);

    QString path() const { return m_path; }
    // One sentence for a damaged database: what SQLite found and the newest backup to put back.
    static QString damagedDatabase(const QString &dataDir, const QString &problem);
    Database &database() { return *m_database; }
    Settings &settings() { return *m_settings; }
    // Seals with the folder's master key the secrets kept outside its settings (a remote seat's token in
    // this desktop's state), so that none is ever written in plain text.
    const SecretBox &secretBox() const { return *m_box; }
    // Says when a setting changes, here or in another program; made on first use, on the thread
    // that opened the folder.
    SettingsWatcher &settingsWatcher();

private:
    QString m_path;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<SecretBox> m_box;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<SettingsWatcher> m_watcher;
};
