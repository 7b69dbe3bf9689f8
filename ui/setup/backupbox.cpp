#include "backupbox.h"

#include "datadir/dailybackup.h"
#include "look/icons.h"
#include "look/statuscolours.h"
#include "storage/database.h"
#include "storage/databasebackup.h"
#include "storage/threadpriority.h"

#include "files/owneronly.h"

#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include <memory>

using namespace Qt::StringLiterals;

BackupBox::BackupBox(QString dataDir, int keep, QWidget *parent)
    : QGroupBox(tr("Backups"), parent)
    , m_dataDir(std::move(dataDir))
    , m_keep(keep)
{
    setObjectName(u"backups"_s);
    auto *layout = new QVBoxLayout(this);
    m_last = new QLabel(this);
    m_last->setObjectName(u"lastBackup"_s);
    m_last->setWordWrap(true);
    m_last->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_last);
    m_now = new QPushButton(Icons::named(u"document-save"_s), tr("Back up now"), this);
    m_now->setObjectName(u"backUpNow"_s);
    connect(m_now, &QPushButton::clicked, this, &BackupBox::backUpNow);
    m_result = new QLabel(this);
    m_result->setObjectName(u"backupResult"_s);
    m_result->setWordWrap(true);
    auto *row = new QHBoxLayout;
    row->addWidget(m_now);
    row->addWidget(m_result, 1);
    layout->addLayout(row);

    // How many daily copies stay: saved with the other Setup entries.
    m_keepBox = new QSpinBox(this);
    m_keepBox->setObjectName(u"backup.keep"_s);
    m_keepBox->setRange(0, 365);
    m_keepBox->setValue(m_keep);
    m_keepBox->setSpecialValueText(tr("none (off)"));
    m_keepBox->setSuffix(tr(" days"));
    auto *keepLabel = new QLabel(tr("Keep the daily copies of the last"), this);
    keepLabel->setBuddy(m_keepBox);
    auto *keepRow = new QHBoxLayout;
    keepRow->addWidget(keepLabel);
    keepRow->addWidget(m_keepBox);
    keepRow->addStretch(1);
    layout->addLayout(keepRow);
    refresh();
}

BackupBox::~BackupBox()
{
    // A copy under way is finished first: it only reads the database.
    if (m_copying) {
        m_copying->disconnect(this);
        m_copying->wait();
        delete m_copying;
    }
}

void BackupBox::showEvent(QShowEvent *event)
{
    QGroupBox::showEvent(event);
    refresh();
}

void BackupBox::setKeep(int keep)
{
    m_keep = keep;
    m_keepBox->setValue(keep);
    refresh();
}

int BackupBox::keep() const
{
    return m_keepBox->value();
}

QString BackupBox::lastBackupText() const
{
    return m_last->text();
}

void BackupBox::refresh()
{
    const QString folder = QDir::toNativeSeparators(DailyBackup::folderIn(m_dataDir));
    const QString kept = m_keep > 0
        ? tr("A copy of the database is made every day in %1; the copies of the last %n day(s) are kept.", nullptr, m_keep).arg(folder)
        : tr("Daily copies are off.");
    const QString newest = DailyBackup::newestIn(m_dataDir);
    if (newest.isEmpty()) {
        m_last->setText(tr("No backup yet.") + u' ' + kept);
        return;
    }
    const QFileInfo info(newest);
    m_last->setText(tr("Last backup: %1 (%2).")
                        .arg(m_clock.dateTime(info.lastModified()), QLocale().formattedDataSize(info.size()))
        + u' ' + kept);
}

void BackupBox::setClock(const ShownClock &clock)
{
    m_clock = clock;
    refresh();
}

void BackupBox::backUpNow()
{
    if (m_copying)
        return;
    m_now->setEnabled(false);
    m_result->setStyleSheet({});
    m_result->setText(tr("Backing up…"));
    // Today's copy, made again: the daily rotation keeps counting days, not clicks.
    const QString source = Database::fileNameIn(m_dataDir);
    const QString folder = DailyBackup::folderIn(m_dataDir);
    const QString file = DailyBackup::fileFor(m_dataDir, QDate::currentDate());
    auto error = std::make_shared<QString>();
    m_copying = QThread::create([source, folder, file, error] {
        ThreadPriority::makeCurrentThreadBackground();
        if (!QDir().mkpath(folder)) {
            *error = tr("Cannot create the backup folder %1.").arg(QDir::toNativeSeparators(folder));
            return;
        }
        QString why;
        if (!OwnerOnly::restrictFolder(folder, &why) || !DatabaseBackup::copy(source, file, &why))
            *error = why;
    });
    m_copying->setObjectName(u"Backup now"_s);
    connect(m_copying, &QThread::finished, this, [this, file, error] {
        m_copying->deleteLater();
        m_copying = nullptr;
        copied(file, *error);
    });
    m_copying->start();
}

void BackupBox::copied(const QString &file, const QString &error)
{
    m_now->setEnabled(true);
    if (error.isEmpty()) {
        m_result->setText(tr("Backed up to %1.").arg(QDir::toNativeSeparators(file)));
    } else {
        m_result->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
        m_result->setText(error);
    }
    refresh();
    Q_EMIT backedUp(error);
}
