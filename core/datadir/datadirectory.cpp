// A data directory opened on the calling thread: its database, its master key and its settings.
#include "datadirectory.h"

#include "files/owneronly.h"
#include "secrets/masterkey.h"
#include "settings/settings.h"
#include "storage/database.h"
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
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

DataDirectory::DataDirectory(QString path)
    : m_path(std::move(path))
{ }

DataDirectory::~DataDirectory() = default;

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
    if (!m_database->open(error))
        return false;
    m_settings = std::make_unique<Settings>(*m_database, key.value());
    return m_settings->ensureWebhookToken(error);
}
