// The router's settings snapshot, rebuilt only when a setting has changed.
#include "routersettingscache.h"

#include "settings.h"

RouterSettingsCache::RouterSettingsCache(Settings &settings, Database &db)
    : m_settings(settings)
    , m_store(db)
{ }

const RouterSettings &RouterSettingsCache::current()
{
    // Reading the revision costs one tiny statement; rebuilding the snapshot costs a query,
    // decryption and validation.
    const qint64 revision = m_store.revision();
    if (revision < 0 || revision != m_revision) {
        m_snapshot = m_settings.routerSettings();
        m_snapshot.revision = revision;
        m_revision = revision;
    }
    return m_snapshot;
}
