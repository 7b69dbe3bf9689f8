// The router's settings snapshot, rebuilt only when a setting has changed on any connection: a
// change made with `config set` or the desktop panel still applies to the very next call.
#pragma once

#include "routersettings.h"
#include "storage/settingsstore.h"

class Database;
class Settings;

class RouterSettingsCache
{
public:
    // `settings` must read through `db`, the connection of the thread that uses this cache.
    RouterSettingsCache(Settings &settings, Database &db);

    const RouterSettings &current();

private:
    Settings &m_settings;
    SettingsStore m_store;
    RouterSettings m_snapshot;
    qint64 m_revision = -1;
};
