// Online copies of the database, and putting one back. The copy reads one consistent snapshot through
// SQLite's backup API: in WAL mode a reader holds no writer up, so calls go on being routed and logged
// while it runs, and the copy holds every call logged before it began.
#pragma once

#include <QCoreApplication>
#include <QString>

#include <chrono>
#include <optional>

class DatabaseBackup
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseBackup)

public:
    struct Copied
    {
        qint64 bytes = 0;
        qint64 calls = 0;
        std::chrono::milliseconds took { 0 };
    };

    // Copies the database file `source` to `target`. `target` is replaced only once the copy is
    // whole and passes SQLite's quick check of its pages; it is readable by its owner only.
    static std::optional<Copied> copy(const QString &source, const QString &target, QString *error);

    // What SQLite's quick check finds wrong with the pages of the database `file` (about 0.6 s for a
    // million calls), including a file that is no database at all; empty when nothing is.
    static QString pageProblem(const QString &file);

    // Why `file` cannot be restored, in one sentence: it is missing, not a SQLite database, not a
    // Switchboard one, from a newer version, or damaged (SQLite's full integrity check, which takes
    // seconds for a large call log). Empty when it can be.
    static QString problemWith(const QString &file);

    // Puts a copy of `file` in place of the database of `dataDir`, which no router may be using.
    // The database it replaces, with its WAL and the call log's journal, is moved into a folder
    // beside it, named in *keptIn, so nothing is lost. An older schema is migrated on the next open.
    // On failure, *fileAtFault says whether it was `file` (see problemWith()) rather than this computer.
    static bool restore(const QString &dataDir, const QString &file, QString *keptIn, QString *error,
        bool *fileAtFault = nullptr);
};
