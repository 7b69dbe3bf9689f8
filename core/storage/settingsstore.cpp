// The settings table: every SQL statement that reads or writes stored settings.
#include "settingsstore.h"

#include "sqlstatement.h"
#include "storagelog.h"

#include <QSqlError>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {
// A null QString binds as SQL NULL, which the NOT NULL column refuses; an empty value is a real value.
QString bindableValue(const QString &value)
{
    return value.isNull() ? u""_s : value;
}
} // namespace

SettingsStore::SettingsStore(Database &db)
    : m_db(db)
{ }

std::optional<StoredSetting> SettingsStore::find(const QString &key, QString *error)
{
    QSqlQuery &query = m_db.prepared(u"SELECT value, secret FROM settings WHERE key = ?"_s);
    query.bindValue(0, key);
    if (!query.exec()) {
        qCWarning(lcStorage) << "Cannot read setting" << key << query.lastError().text();
        if (error)
            *error = tr("Cannot read the setting %1: %2").arg(key, m_db.describe(query.lastError()));
        query.finish();
        return std::nullopt;
    }
    std::optional<StoredSetting> found;
    if (query.next())
        found = StoredSetting { key, query.value(0).toString(), query.value(1).toInt() != 0 };
    // Ends the read transaction, so the next call sees commits made by other connections meanwhile.
    query.finish();
    return found;
}

QList<StoredSetting> SettingsStore::all(QString *error)
{
    QSqlQuery &query = m_db.prepared(u"SELECT key, value, secret FROM settings ORDER BY key"_s);
    QList<StoredSetting> rows;
    if (!query.exec()) {
        qCWarning(lcStorage) << "Cannot read the settings" << query.lastError().text();
        if (error)
            *error = tr("Cannot read the settings: %1").arg(m_db.describe(query.lastError()));
        query.finish();
        return rows;
    }
    while (query.next())
        rows.append(StoredSetting {
            query.value(0).toString(), query.value(1).toString(), query.value(2).toInt() != 0 });
    query.finish();
    return rows;
}

bool SettingsStore::put(const StoredSetting &setting, QString *error)
{
    QSqlQuery &query
        = m_db.prepared(u"INSERT INTO settings(key, value, secret) VALUES(?, ?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value, secret = excluded.secret"_s);
    query.bindValue(0, setting.key);
    query.bindValue(1, bindableValue(setting.value));
    query.bindValue(2, setting.secret ? 1 : 0);
    const bool ok = query.exec();
    if (!ok) {
        // The value is left out of the log: it may be a secret.
        qCWarning(lcStorage) << "Cannot save setting" << setting.key << query.lastError().text();
        if (error)
            *error = tr("Cannot save the setting %1: %2").arg(setting.key, m_db.describe(query.lastError()));
    }
    query.finish();
    return ok;
}

bool SettingsStore::putIfAbsent(const StoredSetting &setting, bool *inserted, QString *error)
{
    QSqlQuery &query = m_db.prepared(
        u"INSERT INTO settings(key, value, secret) VALUES(?, ?, ?) ON CONFLICT(key) DO NOTHING"_s);
    query.bindValue(0, setting.key);
    query.bindValue(1, bindableValue(setting.value));
    query.bindValue(2, setting.secret ? 1 : 0);
    const bool ok = query.exec();
    if (inserted)
        *inserted = ok && query.numRowsAffected() > 0;
    if (!ok) {
        qCWarning(lcStorage) << "Cannot save setting" << setting.key << query.lastError().text();
        if (error)
            *error = tr("Cannot save the setting %1: %2").arg(setting.key, m_db.describe(query.lastError()));
    }
    query.finish();
    return ok;
}

bool SettingsStore::remove(const QString &key, QString *error)
{
    QSqlQuery &query = m_db.prepared(u"DELETE FROM settings WHERE key = ?"_s);
    query.bindValue(0, key);
    const bool ok = query.exec();
    if (!ok) {
        qCWarning(lcStorage) << "Cannot remove setting" << key << query.lastError().text();
        if (error)
            *error = tr("Cannot remove the setting %1: %2").arg(key, m_db.describe(query.lastError()));
    }
    query.finish();
    return ok;
}

qint64 SettingsStore::revision()
{
    // Read before every webhook: on SQLite's own API, without QtSql's per-exec work.
    SqlStatement &query = m_db.statement("SELECT revision FROM settings_revision WHERE id = 1"_ba);
    const SqlStatement::Use use(query);
    if (query.step())
        return query.integer(0);
    qCWarning(lcStorage).noquote() << "Cannot read the settings revision:"
                                   << (query.failed() ? m_db.describe(query) : u"the row is missing."_s);
    return -1;
}
