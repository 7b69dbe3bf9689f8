// The Setup panel: the Twilio and Retell accounts, the fallback number and the public URL; which Twilio
// numbers this app answers and pointing them here; and "Check setup", which says in plain words what still
// needs doing.
#pragma once

#include "desktop/autostartentry.h"
#include "desktop/uistate.h"
#include "look/shownclock.h"
#include "setup/settingfields.h"
#include "setup/setupcheckline.h"
#include "twilio/incomingnumber.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <QWidget>

class DataDirectory;
class QCheckBox;
class QFormLayout;
class BackupBox;
class LiveFeedBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;
struct RouterSettings;

class SetupPanel : public QWidget
{
    Q_OBJECT

public:
    // `data` is the window's own connection to the data folder; `network` makes the REST calls and must
    // outlive the panel. Nothing here blocks on the network: every request runs while the window stays live.
    SetupPanel(DataDirectory &data, QNetworkAccessManager *network, QWidget *parent = nullptr);
    ~SetupPanel() override;

    // Checks every entry and stores them all, or none when one is invalid: each invalid entry is then marked
    // at its field with the reason. Secrets left empty keep their saved value.
    bool save();
    // Shows the saved settings again, dropping what was typed and not saved (after the assistant ran).
    void showSaved();
    // The clock the panel's times (the last backup, when the settings were saved) are shown on.
    void setClock(const ShownClock &clock);
    // The buttons' work, for the buttons and for tests; each ends with the signal below.
    void loadNumbers();
    void applyToTwilio();
    void checkSetup();

    bool isBusy() const { return m_busy; }
    // The numbers ticked in "Numbers to route", in E.164.
    QStringList chosenNumbers() const;
    // What the last "Check setup" found, as shown.
    QList<SetupCheckLine> checkLines() const { return m_checkLines; }
    // The lines "Apply to Twilio" showed, as shown.
    QStringList applyLines() const { return m_applyLines; }
    // Other seats: the live feed's address and tokens.
    LiveFeedBox *liveFeedBox() const { return m_liveFeed; }

Q_SIGNALS:
    // "Run the assistant again".
    void assistantRequested();
    void numbersLoaded(bool ok);
    void applyFinished();
    void checkFinished();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildAccountsColumn();
    QWidget *buildNumbersColumn();
    QLineEdit *addCopyableUrl(QFormLayout *form, const QString &label, QPushButton **copy);

    void reloadForm();
    void showSavedNumbers();
    // The switch as saved, unless the owner has changed it and not saved yet.
    void refreshRoutingSwitch();
    // Settings saved elsewhere (the tray, `config set`, the router): what the form shows follows.
    void settingsChangedElsewhere();
    bool savedRoutingEnabled() const;
    void refreshWebhookUrls(const RouterSettings &settings);
    void showRoutingNote();
    bool isSetUp() const;
    void refreshStartAtLogin();
    void setStartAtLogin(bool on);
    void clearFieldErrors();
    void markFieldError(const QString &key, const QString &error);

    void showNumbers(const QList<IncomingNumber> &numbers, const RouterSettings &settings);
    QTreeWidgetItem *addNumberRow(const QString &e164, const QString &name, const QString &now, bool checked);
    void addManualNumber();
    void showNumbersError(const QString &error);

    void setBusy(bool busy, const QString &what = {});
    void showApplyLines(const QStringList &lines, const QList<bool> &ok);
    void showCheckLines(const QList<SetupCheckLine> &lines);
    static void clearLayout(QVBoxLayout *layout);

    DataDirectory &m_data;
    QNetworkAccessManager *m_network;
    SettingFields m_fields;

    QCheckBox *m_routingEnabled = nullptr;
    QLabel *m_routingNote = nullptr;
    bool m_routingShownAsSaved = true; // false once the owner ticks or unticks it, until Save
    UiState m_uiState;
    AutostartEntry m_autostart;
    // Null where the desktop has no autostart entries to write.
    QCheckBox *m_startAtLogin = nullptr;
    QLabel *m_startAtLoginError = nullptr;
    QLineEdit *m_webhookUrl = nullptr;
    QLineEdit *m_statusUrl = nullptr;
    QPushButton *m_copyWebhook = nullptr;
    QPushButton *m_copyStatus = nullptr;
    QPushButton *m_save = nullptr;
    LiveFeedBox *m_liveFeed = nullptr;
    QLabel *m_saveStatus = nullptr;

    QPushButton *m_load = nullptr;
    QTreeWidget *m_numbers = nullptr;
    QLabel *m_numbersError = nullptr;
    QWidget *m_manualRow = nullptr;
    QLineEdit *m_manualNumber = nullptr;
    QLabel *m_manualError = nullptr;
    QPushButton *m_apply = nullptr;
    QVBoxLayout *m_applyResults = nullptr;

    QPushButton *m_check = nullptr;
    BackupBox *m_backups = nullptr;
    ShownClock m_clock;
    QVBoxLayout *m_checkResults = nullptr;

    QProgressBar *m_busyBar = nullptr;
    QLabel *m_busyText = nullptr;
    bool m_busy = false;
    QList<SetupCheckLine> m_checkLines;
    QStringList m_applyLines;
};
