#include "datadir/logfile.h"

#include "files/owneronly.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QRegularExpression>

#include <cstdio>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace {

struct State
{
    QMutex mutex;
    QFile file;
    QStringList secrets;
    QtMessageHandler previous = nullptr;
    bool installed = false;
    bool journal = false;
};

State &state()
{
    static State s;
    return s;
}

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "error";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

// sd-daemon's priority prefixes, which the journal reads off the start of each line.
int journalPriority(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 7;
    case QtInfoMsg:
        return 6;
    case QtWarningMsg:
        return 4;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 2;
    }
    return 6;
}

// Called with the mutex held.
void rotateIfFull(State &s, qint64 adding)
{
    if (s.file.size() + adding <= LogFile::MaxBytes)
        return;
    const QString path = s.file.fileName();
    s.file.close();
    QFile::remove(path + u".%1"_s.arg(LogFile::Kept));
    for (int n = LogFile::Kept - 1; n >= 1; --n)
        QFile::rename(path + u".%1"_s.arg(n), path + u".%1"_s.arg(n + 1));
    QFile::rename(path, path + u".1"_s);
    s.file.setFileName(path);
    QString ignored;
    if (s.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        OwnerOnly::restrictFile(s.file, &ignored);
}

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    State &s = state();
    const QString text = LogFile::redact(message);
    const QString category = QString::fromLatin1(context.category ? context.category : "default");
    {
        const QMutexLocker locker(&s.mutex);
        if (s.file.isOpen()) {
            const QByteArray line = (QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) + u' '
                                        + QLatin1StringView(levelName(type)) + u' ' + category + u": "_s + text
                                        + u'\n')
                                        .toUtf8();
            rotateIfFull(s, line.size());
            s.file.write(line);
            s.file.flush();
        }
    }
    if (s.journal && type != QtFatalMsg) {
        const QByteArray line = u"<%1>%2: %3\n"_s.arg(journalPriority(type)).arg(category, text).toUtf8();
        std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
        std::fflush(stderr);
        return;
    }
    if (s.previous)
        s.previous(type, context, text);
}

} // namespace

QString LogFile::fileIn(const QString &dataDir)
{
    return QDir(dataDir).filePath(u"logs/switchboard.log"_s);
}

bool LogFile::install(const QString &dataDir, QString *error)
{
    State &s = state();
    {
        const QMutexLocker locker(&s.mutex);
        s.journal = stderrIsJournal();
        if (s.file.isOpen())
            s.file.close();
        const QString path = fileIn(dataDir);
        QString why;
        if (!QDir().mkpath(QFileInfo(path).absolutePath()) || !OwnerOnly::restrictFolder(QFileInfo(path).absolutePath(), &why)) {
            if (error)
                *error = why.isEmpty() ? QStringLiteral("Cannot create the log folder %1.").arg(QFileInfo(path).absolutePath()) : why;
        } else {
            s.file.setFileName(path);
            if (!s.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)
                || !OwnerOnly::restrictFile(s.file, &why)) {
                if (error)
                    *error = why.isEmpty() ? s.file.errorString() : why;
                s.file.close();
            }
        }
    }
    if (!s.installed) {
        s.previous = qInstallMessageHandler(handleMessage);
        s.installed = true;
    }
    return s.file.isOpen();
}

void LogFile::uninstall()
{
    State &s = state();
    if (s.installed) {
        qInstallMessageHandler(s.previous);
        s.installed = false;
    }
    const QMutexLocker locker(&s.mutex);
    s.file.close();
}

void LogFile::addSecrets(const QStringList &secrets)
{
    State &s = state();
    const QMutexLocker locker(&s.mutex);
    for (const QString &secret : secrets) {
        // Short values would redact ordinary words.
        if (secret.size() >= 8 && !s.secrets.contains(secret))
            s.secrets.append(secret);
    }
}

QString LogFile::redact(QString line)
{
    {
        State &s = state();
        const QMutexLocker locker(&s.mutex);
        for (const QString &secret : std::as_const(s.secrets))
            line.replace(secret, u"[redacted]"_s);
    }
    // The webhook token is part of every webhook URL the router names.
    static const QRegularExpression webhookToken(u"(/twilio/[a-z-]+/)[A-Za-z0-9_-]{16,}"_s);
    static const QRegularExpression credentials(u"\\b(Basic|Bearer) [A-Za-z0-9+/=._~-]+"_s, QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression signature(u"(X-Twilio-Signature:?\\s*)\\S+"_s, QRegularExpression::CaseInsensitiveOption);
    line.replace(webhookToken, u"\\1[redacted]"_s);
    line.replace(credentials, u"\\1 [redacted]"_s);
    line.replace(signature, u"\\1[redacted]"_s);
    return line;
}

bool LogFile::stderrIsJournal()
{
    // JOURNAL_STREAM is "device:inode" of the journal's stream; it is inherited by children, so it only
    // counts while standard error is still that very stream.
    const QList<QByteArray> parts = qgetenv("JOURNAL_STREAM").split(':');
    if (parts.size() != 2)
        return false;
    struct stat info {};
    if (fstat(fileno(stderr), &info) != 0)
        return false;
    return parts.at(0).toULongLong() == quint64(info.st_dev) && parts.at(1).toULongLong() == quint64(info.st_ino);
}
