// Gives a connection a page cache big enough for a bulk import, for as long as the object lives.
#include "bulkwritecache.h"

#include "database.h"
#include "storagelog.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

BulkWriteCache::BulkWriteCache(Database &db, int megabytes)
    : m_db(db)
{
    QSqlQuery query(m_db.connection());
    if (!query.exec(u"PRAGMA cache_size"_s) || !query.next()) {
        qCWarning(lcStorage) << "Cannot read the cache size:" << query.lastError().text();
        return;
    }
    m_previous = query.value(0).toInt();
    // A negative size is in KiB rather than pages.
    m_changed = query.exec(u"PRAGMA cache_size = %1"_s.arg(-qint64(megabytes) * 1024));
    if (!m_changed)
        qCWarning(lcStorage) << "Cannot enlarge the cache:" << query.lastError().text();
}

BulkWriteCache::~BulkWriteCache()
{
    if (!m_changed)
        return;
    QSqlQuery query(m_db.connection());
    if (!query.exec(u"PRAGMA cache_size = %1"_s.arg(m_previous)))
        qCWarning(lcStorage) << "Cannot restore the cache size:" << query.lastError().text();
}
