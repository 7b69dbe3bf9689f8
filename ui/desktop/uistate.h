// What the window remembers between runs (geometry, the last panel, the chosen language): the one
// place the desktop app reads and writes the platform's per-user settings.
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>

#include <optional>

class UiState
{
public:
    // Kept apart per data folder, so two businesses on one account do not share a window layout.
    explicit UiState(const QString &dataDir);

    QByteArray geometry() const;
    void setGeometry(const QByteArray &geometry);
    QString lastPanel() const;
    void setLastPanel(const QString &panelId);
    // Whether a new call rings a sound and shows a desktop notice.
    bool notifyNewCalls() const;
    void setNotifyNewCalls(bool on);
    // Whether the owner wants the app started at login; nullopt until they (or the end of set-up) chose.
    std::optional<bool> startAtLogin() const;
    void setStartAtLogin(bool on);
    // Whether the set-up assistant was finished or closed once: after that it opens only when asked for.
    bool assistantClosed() const;
    void setAssistantClosed(bool closed);
    // How the columns of a CSV file were matched to the import's fields the last time one with the same
    // header set was imported (ColumnMapping::toJson()); empty when never. `kind` is "customers" or
    // "bookings". Kept here rather than in the database: it is how this desktop's owner reads their
    // practice software's exports, not something the router or another computer needs.
    QByteArray csvMapping(const QString &kind, const QString &headerKey) const;
    void setCsvMapping(const QString &kind, const QString &headerKey, const QByteArray &mapping);
    // The other Switchboard this desktop last watched as a remote seat ("Connect to another Switchboard"):
    // its address as typed, this seat's name there, the token sealed with the data folder's master key
    // (SecretBox; never the token itself), and the SHA-256 of the certificate the owner chose to trust at
    // that address (empty: none). All empty when nothing is remembered.
    struct RemoteSeat
    {
        QString address;
        QString seatName;
        QByteArray sealedToken;
        QByteArray trustedCertificate;
    };
    RemoteSeat remoteSeat() const;
    void setRemoteSeat(const RemoteSeat &seat);
    void forgetRemoteSeat();
    // Whose phone the last call-back rang first: a staff member (their id) or another phone (E.164), so that
    // the next call-back offers the same. Both empty when none was made.
    struct CallBackPhone
    {
        QString staffId;
        QString number;
    };
    CallBackPhone callBackPhone() const;
    void setCallBackPhone(const CallBackPhone &phone);
    // The language the app was told to use ("de", "es", "en"); empty: follow the system. Read
    // before any window exists, so it does not depend on the data folder.
    static QString savedLanguage();
    static void setSavedLanguage(const QString &language);

private:
    QString key(const QString &name) const;

    mutable QSettings m_settings;
    QString m_group;
};
