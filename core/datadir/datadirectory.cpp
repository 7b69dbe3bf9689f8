// A data directory opened on the calling thread: its database, its master key and its settings.
#include "datadirectory.h"

#include "dailybackup.h"
#include "files/owneronly.h"
#include "secrets/masterkey.h"
#include "secrets/secretbox.h"
#include "settings/settings.h"
#include "settings/settingswatcher.h"
#include "storage/database.h"
#include "storage/databasebackup.h"
#include "storage/storagelog.h"

#include <QDir>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

QString DataDirectory::resolve(const QString &explicitDir)
{
    if (!explicitDir.isEmpty())
        return QDir(explicitDir).absolutePath();
    const QString fromEnvironment = qEnvironmentVariable("SWITCHBOARD_DATA_DIR");
    if (!fromEnvironment.isEmpty())
        return QDir(fromEnvironment).absolutePath();
    return defaultPath();
}

QString DataDirectory::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

DataDirectory::DataDirectory(QString path)
    : m_path(std::move(path))
{ }

DataDirectory::~DataDirectory() = default;

QString DataDirectory::damagedDatabase(const QString &dataDir, const QString &problem)
{
    const QString file = QDir::toNativeSeparators(Database::fileNameIn(dataDir));
    const QString newest = DailyBackup::newestIn(dataDir);
    if (newest.isEmpty())
        return tr("The database %1 is damaged (SQLite says \"%2\"), and there is no backup in this data folder.")
            .arg(file, problem);
    return tr("The database %1 is damaged (SQLite says \"%2\"). The newest backup is %3: put it back with "
              "`switchboard restore %3`.")
        .arg(file, problem, QDir::toNativeSeparators(newest));
}

bool DataDirectory::open(QString *error)
{
    if (!QDir().mkpath(m_path)) {
        if (error)
            *error = tr("Cannot create the data folder %1.").arg(m_path);
        return false;
    }
    // The database holds customers' names, numbers and call logs, so the folder is the user's alone,
    // also when it was made or left open before. A folder that cannot be changed (another user's) still
    // works: say so and go on.
    if (QString notPrivate; !OwnerOnly::restrictFolder(m_path, &notPrivate))
        qCWarning(lcStorage).noquote() << notPrivate;
    const Result<QByteArray> key = MasterKey::load(m_path);
    if (!key) {
        if (error)
            *error = key.error();
        return false;
    }
    m_database = std::make_unique<Database>(Database::fileNameIn(m_path));
    if (!m_database->open(error)) {
        // A damaged file is said so plainly, with the way back; it is never made anew over.
        if (const QString problem = DatabaseBackup::pageProblem(m_database->filePath()); error && !problem.isEmpty())
            *error = damagedDatabase(m_path, problem);
        return false;
    }
    m_box = std::make_unique<SecretBox>(key.value());
    m_settings = std::make_unique<Settings>(*m_database, key.value());
    return m_settings->ensureTokens(error);
}

SettingsWatcher &DataDirectory::settingsWatcher()
{
    if (!m_watcher)
        m_watcher = std::make_unique<SettingsWatcher>(*m_database);
    return *m_watcher;
}
