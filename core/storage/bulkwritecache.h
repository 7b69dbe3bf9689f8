// Gives a connection a page cache big enough for a bulk import, for as long as the object lives.
#pragma once

class Database;

// SQLite's default cache is 2 MB. A transaction that writes more pages than that spills them to the WAL and
// reads them back, which made importing 1M bookings about twice as slow. Memory is only taken for pages
// actually touched, and given back when the previous size is restored.
class BulkWriteCache
{
public:
    explicit BulkWriteCache(Database &db, int megabytes = 512);
    ~BulkWriteCache();
    BulkWriteCache(const BulkWriteCache &) = delete;
    BulkWriteCache &operator=(const BulkWriteCache &) = delete;

private:
    Database &m_db;
    int m_previous = 0;
    bool m_changed = false;
};
