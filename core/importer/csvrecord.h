// One record of a CSV file and the line it starts on, for error messages that point into the file.
#pragma once

#include <QStringList>

struct CsvRecord
{
    int line = 0; // 1-based line of the file where the record starts
    QStringList fields;
};
