// What an import did: counts, every bad row with its line and reason, or why the file could not be read.
#pragma once

#include <QList>
#include <QString>

struct ImportRowError
{
    int line = 0;   // 1-based line of the file where the bad row starts
    QString reason; // names the column and value at fault: phone "abc" is not a phone number
    QString column; // the contract column at fault ("phone"), or empty when it is the row as a whole
};

// Something to look at that does not stop a row, such as two customers with one phone number.
struct ImportWarning
{
    QList<int> lines; // the lines it is about, in file order
    QString text; // one sentence that names them
};

struct ImportReport
{
    int inserted = 0;         // rows added; 0 unless committed
    int updated = 0;          // rows that replaced one with the same id; 0 unless committed
    int skipped = 0;          // bad rows: left out with skipInvalid, else the reason nothing was imported
    int customersCreated = 0; // bookings import: customers created from a booking's phone; 0 unless committed
    QList<ImportRowError> errors; // every problem of every bad row, in file order (a row may have several)
    QList<ImportWarning> warnings; // about good rows, whether or not the file was committed
    bool committed = false;       // false: the database is exactly as before the import
    QString fileError;            // the whole file was refused (unreadable, not UTF-8, empty, wrong header)
    bool stopped = false;         // the progress callback stopped the import; fileError says so
};
