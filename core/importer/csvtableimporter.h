// Imports a CSV table into the database in one transaction: the file handling and the all-or-nothing rule
// shared by the customer and booking importers.
#pragma once

#include "columnmapping.h"
#include "csvheader.h"
#include "csvrecord.h"
#include "importprogress.h"
#include "importreport.h"

#include <QCoreApplication>
#include <QStringList>

#include <functional>
#include <optional>

class CsvReader;
class Database;
class QIODevice;

// A file with any bad row imports nothing and lists every bad row; with skipInvalid the good rows are
// imported and the bad ones reported. Rows are written as they are read (so a row can refer to one
// before it) and everything is rolled back at the end when the file is refused.
class CsvTableImporter
{
    Q_DECLARE_TR_FUNCTIONS(CsvTableImporter)

public:
    // Told how far the import has got; returning false stops it, and nothing is imported.
    using ProgressCallback = std::function<bool(const ImportProgress &)>;

    virtual ~CsvTableImporter();
    CsvTableImporter(const CsvTableImporter &) = delete;
    CsvTableImporter &operator=(const CsvTableImporter &) = delete;

    ImportReport importFile(const QString &path, bool skipInvalid);
    // `sourceName` names the input in messages (a file name, usually).
    ImportReport importDevice(QIODevice &device, const QString &sourceName, bool skipInvalid);

    // Calls `callback` after every `everyRows` rows, and at the end (once, also for a file without rows), on
    // the importing thread. Often
    // enough for a progress bar, and seldom enough to cost nothing against the rows themselves.
    void setProgressCallback(ProgressCallback callback, int everyRows = 1000);

    // Every column the importer reads, in the order its files usually have them; other columns are ignored.
    virtual QStringList columns() const = 0;

    // Reads the file through `mapping` (made for its first row) instead of by the contract's column names:
    // the importer sees the mapped fields as the first row and each row's values as the mapping makes them.
    // A file whose first row is not the mapping's is refused.
    void setColumnMapping(const ColumnMapping &mapping) { m_mapping = mapping; }

    // Whether a file whose first row names `columns` can be imported: the sentence that refuses it, or an
    // empty string. Reads nothing from the database; for showing a file before importing it.
    QString checkHeader(const QStringList &columns, const QString &sourceName);

protected:
    enum class RowResult { Inserted, Updated, Invalid, Failed };

    explicit CsvTableImporter(Database &db);

    // Finds the columns the importer reads and resets what it remembers from an earlier import. Returns
    // the sentence that refuses the file (naming `sourceName`), or an empty string.
    virtual QString startImport(const CsvHeader &header, const QString &sourceName) = 0;
    // Checks and writes one row. A bad row appends its problems (line, reason and column) and returns
    // Invalid without writing; a database failure sets *failure and returns Failed, which ends the import.
    virtual RowResult importRow(
        const CsvRecord &record, QList<ImportRowError> *problems, ImportReport *report, QString *failure)
        = 0;
    // After the last row, inside the transaction: for what is known only once every row is read.
    virtual void finishRows(ImportReport *report);

    // The mapping the file is read through, or nullptr when it names the contract's columns itself.
    const ColumnMapping *columnMapping() const { return m_mapping ? &*m_mapping : nullptr; }

    // The sentence for a header that lacks `missing` or repeats `repeated`, or empty when neither applies.
    static QString headerError(const QString &sourceName, const QStringList &missing,
                               const QStringList &repeated, const QString &expected);

    Database &m_db;

private:
    static QString readerError(const CsvReader &reader, const QString &sourceName);
    bool importRows(CsvReader &reader, QIODevice &device, const CsvHeader &header, const QString &sourceName,
                    bool skipInvalid, ImportReport *report);

    ProgressCallback m_progress;
    int m_progressEveryRows = 1000;
    std::optional<ColumnMapping> m_mapping;
};
