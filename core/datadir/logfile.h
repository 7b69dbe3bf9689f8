// The running router's log: every message that passes the logging rules goes, with its time, level and
// category, to a size-capped, rotated file in the data folder (logs/switchboard.log, then .1 to .3), and on
// to standard error as before; under systemd, standard error is the journal, and each line then carries
// its priority. Secrets and the tokens in webhook URLs are redacted from both.
#pragma once

#include <QString>
#include <QStringList>

class LogFile
{
public:
    static constexpr qint64 MaxBytes = 5 * 1024 * 1024;
    // Rotated files kept besides the one being written.
    static constexpr int Kept = 3;

    // Starts (or moves) the file log to `dataDir`; false, with the reason, when the file cannot be
    // opened (the messages still reach standard error).
    static bool install(const QString &dataDir, QString *error);
    // Back to standard error alone.
    static void uninstall();
    static QString fileIn(const QString &dataDir);

    // Values never to be written as they are (the auth token, API keys): replaced wherever they appear.
    static void addSecrets(const QStringList &secrets);
    // `line` as it may be written: known secrets, the token of a webhook path (/twilio/voice/<token>),
    // the credentials of an Authorization header and a request signature replaced by "[redacted]".
    static QString redact(QString line);
    // True when standard error is connected to systemd's journal (systemd says so in JOURNAL_STREAM).
    static bool stderrIsJournal();
};
