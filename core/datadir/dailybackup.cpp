#include "dailybackup.h"

#include "files/owneronly.h"
#include "storage/database.h"
#include "storage/databasebackup.h"
#include "storage/threadpriority.h"

#include <QDir>
#include <QLoggingCategory>
#include <QThread>

#include <chrono>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcBackup, "switchboard.backup")

namespace {

constexpr std::chrono::hours LookEvery { 1 };
const QString Prefix = u"switchboard-"_s;

} // namespace

DailyBackup::DailyBackup(QString dataDir, std::function<int()> keep, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
    , m_keep(std::move(keep))
{
    connect(&m_timer, &QTimer::timeout, this, &DailyBackup::look);
    m_timer.start(LookEvery);
    QTimer::singleShot(0, this, &DailyBackup::look);
}

DailyBackup::~DailyBackup()
{
    // A copy under way is finished first: it holds only a reader on the database.
    if (m_copying) {
        m_copying->disconnect(this);
        m_copying->wait();
        delete m_copying;
    }
}

QString DailyBackup::folderIn(const QString &dataDir)
{
    return QDir(dataDir).filePath(u"backups"_s);
}

QString DailyBackup::fileFor(const QString &dataDir, QDate day)
{
    return QDir(folderIn(dataDir)).filePath(Prefix + day.toString(Qt::ISODate) + u".db"_s);
}

QString DailyBackup::newestIn(const QString &dataDir)
{
    const QStringList copies
        = QDir(folderIn(dataDir)).entryList({ Prefix + u"*.db"_s }, QDir::Files, QDir::Name | QDir::Reversed);
    return copies.isEmpty() ? QString() : QDir(folderIn(dataDir)).filePath(copies.first());
}

void DailyBackup::look()
{
    const int keep = m_keep();
    if (keep <= 0 || m_copying)
        return;
    const QString file = fileFor(m_dataDir, QDate::currentDate());
    if (QFileInfo::exists(file)) {
        prune(keep);
        return;
    }
    QString error;
    if (!QDir().mkpath(folderIn(m_dataDir)) || !OwnerOnly::restrictFolder(folderIn(m_dataDir), &error)) {
        Q_EMIT failed(error.isEmpty() ? tr("Cannot create the backup folder %1.").arg(QDir::toNativeSeparators(folderIn(m_dataDir))) : error);
        return;
    }
    // The copy reads a whole snapshot, which takes seconds for a large call log: not on this thread.
    const QString source = Database::fileNameIn(m_dataDir);
    auto *result = new QString;
    m_copying = QThread::create([source, file, result] {
        ThreadPriority::makeCurrentThreadBackground();
        QString why;
        if (!DatabaseBackup::copy(source, file, &why))
            *result = why;
    });
    m_copying->setObjectName(u"Backup"_s);
    connect(m_copying, &QThread::finished, this, [this, file, result] {
        const QString error = *result;
        delete result;
        m_copying->deleteLater();
        m_copying = nullptr;
        copied(file, error);
    });
    m_copying->start();
}

void DailyBackup::copied(const QString &file, const QString &error)
{
    if (!error.isEmpty()) {
        qCWarning(lcBackup).noquote() << error;
        Q_EMIT failed(error);
        return;
    }
    qCInfo(lcBackup).noquote() << "Backed the database up to" << QDir::toNativeSeparators(file);
    prune(m_keep());
    Q_EMIT backedUp(file);
}

void DailyBackup::prune(int keep)
{
    const QDir folder(folderIn(m_dataDir));
    const QStringList copies = folder.entryList({ Prefix + u"*.db"_s }, QDir::Files, QDir::Name | QDir::Reversed);
    for (qsizetype i = keep; i < copies.size(); ++i) {
        if (!QFile::remove(folder.filePath(copies.at(i))))
            qCWarning(lcBackup).noquote() << "Cannot remove the old backup" << QDir::toNativeSeparators(folder.filePath(copies.at(i)));
    }
}
