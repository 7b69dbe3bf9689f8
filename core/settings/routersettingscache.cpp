// The router's settings snapshot, rebuilt only when another connection has committed something.
#include "routersettingscache.h"

#include "settings.h"
#include "storage/database.h"

RouterSettingsCache::RouterSettingsCache(Settings &settings, Database &db)
    : m_settings(settings)
    , m_db(db)
{
}

const RouterSettings &RouterSettingsCache::current()
{
    // data_version moves whenever another connection commits (settings, imports, anything), and
    // costs one tiny statement; rebuilding the snapshot costs a query, decryption and validation.
    const qint64 version = m_db.dataVersion();
    if (version < 0 || version != m_dataVersion) {
        m_snapshot = m_settings.routerSettings();
        m_dataVersion = version;
    }
    return m_snapshot;
}
