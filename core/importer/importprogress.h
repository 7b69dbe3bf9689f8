// How far an import has got, for a progress bar.
#pragma once

#include <QtGlobal>

struct ImportProgress
{
    qint64 rows = 0; // data rows read so far, good and bad
    qint64 bytesRead = 0; // of the file, read ahead by at most one buffer of the reader
    qint64 totalBytes = 0; // the file's size; 0 when the input has no known size (a pipe)
};
