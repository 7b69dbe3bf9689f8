// Streams the records of an RFC 4180 CSV file in UTF-8, one at a time, so huge files never sit in memory.
#pragma once

#include "csvrecord.h"

#include <QByteArray>
#include <QCoreApplication>

class QIODevice;

// Accepts an optional UTF-8 byte order mark, quoted fields with "" escapes and embedded commas and line
// breaks, and CRLF, LF or CR line ends. Blank lines, and lines whose fields are all empty (spreadsheets
// export blank rows as ",,,,"), are skipped. A quote inside an unquoted field is kept as text, as
// spreadsheets read it. Invalid UTF-8 or a quoted field that never closes stops the reading with an error.
// The fields are separated by commas, or by semicolons or tabs when the first line has more of those outside
// quotes: spreadsheets in countries that write a decimal comma save "CSV" with semicolons.
class CsvReader
{
    Q_DECLARE_TR_FUNCTIONS(CsvReader)

public:
    enum class Error { None, ReadFailed, Utf16, InvalidUtf8, UnterminatedQuote };

    explicit CsvReader(QIODevice &device);

    // Fills `record` with the next record; false at the end of the input or on an error.
    bool readRecord(CsvRecord *record);

    Error error() const { return m_error; }
    // The line the error is on (the start of the field at fault); 0 when it concerns no line.
    int errorLine() const { return m_errorLine; }
    // The error in one sentence, without the file name.
    QString errorString() const;
    // What the device said when reading failed.
    QString deviceError() const { return m_readError; }
    // The byte between fields, found in the first line: ',', ';' or '\t'. ',' until the first record is read.
    char delimiter() const { return m_delimiter; }

private:
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };

    bool fillBuffer();
    bool skipByteOrderMark();
    void detectDelimiter();
    void countLineBreak(char c);
    bool endField(CsvRecord *record);
    bool fail(Error error, int line);

    QIODevice &m_device;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_started = false;
    bool m_atEnd = false;
    bool m_afterCr = false; // the previous byte was a CR, so an LF now ends the same line
    char m_delimiter = ',';
    int m_line = 1;
    int m_fieldLine = 1;
    bool m_recordBlank = true;
    QByteArray m_field;
    Error m_error = Error::None;
    int m_errorLine = 0;
    QString m_readError;
};
