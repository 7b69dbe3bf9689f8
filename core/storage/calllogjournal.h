// An append-only file of call-log changes in the data folder. A change is in the file (in the
// operating system's hands, so that no crash of this program can lose it) before the answer to
// its webhook leaves; the database gets it moments later, and on the next start if it never did.
#pragma once

#include "calllogchange.h"

#include <QCoreApplication>
#include <QString>

struct JournalRecord
{
    quint64 sequence = 0;
    CallLogChange change;
};

class CallLogJournal
{
    Q_DECLARE_TR_FUNCTIONS(CallLogJournal)

public:
    static constexpr char FileName[] = "calllog.journal";

    explicit CallLogJournal(QString filePath);
    ~CallLogJournal();
    CallLogJournal(const CallLogJournal &) = delete;
    CallLogJournal &operator=(const CallLogJournal &) = delete;

    // Opens the file (created owner-only when missing) and reads the records in it. A record cut
    // short by a crash in the middle of a write is dropped, and the file ends before it.
    bool open(QList<JournalRecord> *records, QString *error);
    // Writes one record with a single write. When it cannot be written whole (a full disk, say),
    // the file is left as it was before and the reason is given.
    bool append(quint64 sequence, const CallLogChange &change, QString *error);
    // Empties the file, once every record in it is in the database.
    bool clear(QString *error);
    qint64 size() const { return m_size; }
    QString filePath() const { return m_filePath; }

    static QByteArray encode(quint64 sequence, const CallLogChange &change);
    // Reads the records at the start of `bytes`; `*validBytes` is where the last whole one ends.
    static QList<JournalRecord> decode(const QByteArray &bytes, qint64 *validBytes);

private:
    QString m_filePath;
    int m_fd = -1;
    qint64 m_size = 0;
};
