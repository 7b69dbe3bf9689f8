// The Setup panel's "Backups" box: when the database was last backed up (the daily copies the router makes
// in the data folder), and a Back up now button that makes today's copy at once.
#pragma once

#include "look/shownclock.h"

#include <QGroupBox>

class QLabel;
class QPushButton;
class QSpinBox;
class QThread;

class BackupBox : public QGroupBox
{
    Q_OBJECT

public:
    // `keep` is backup.keep, for saying how many days are kept.
    BackupBox(QString dataDir, int keep, QWidget *parent = nullptr);
    ~BackupBox() override;

    // Reads the backups folder again (the router makes the day's copy while the window is open).
    void refresh();
    // The clock the last backup's time is shown on.
    void setClock(const ShownClock &clock);
    void setKeep(int keep);
    // The number of days chosen in the box, saved or not.
    int keep() const;
    void backUpNow();
    bool isBackingUp() const { return m_copying != nullptr; }
    QString lastBackupText() const;

Q_SIGNALS:
    // A Back up now has ended: `error` is empty when the copy was made.
    void backedUp(const QString &error);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void copied(const QString &file, const QString &error);

    QString m_dataDir;
    ShownClock m_clock;
    int m_keep;
    QLabel *m_last;
    QLabel *m_result;
    QPushButton *m_now;
    QSpinBox *m_keepBox;
    QThread *m_copying = nullptr;
};
