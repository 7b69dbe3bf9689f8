// The router's settings snapshot, rebuilt only when another connection has committed something:
// a change made with `config set` or the desktop panel still applies to the very next call.
#pragma once

#include "routersettings.h"

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
    Database &m_db;
    RouterSettings m_snapshot;
    qint64 m_dataVersion = -1;
};
