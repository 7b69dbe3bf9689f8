// The desktop's "start at login" entry for Switchboard: an XDG autostart file that starts the app hidden in
// the system tray, so that a restarted front-desk PC answers calls again without anyone opening it.
#pragma once

#include <QCoreApplication>
#include <QString>

class AutostartEntry
{
    Q_DECLARE_TR_FUNCTIONS(AutostartEntry)

public:
    // The entry that starts `program` for `dataDir`; the folder is named on the command line only when it
    // is not `defaultDataDir`, which the app finds by itself.
    AutostartEntry(QString program, QString dataDir, QString defaultDataDir);

    // Whether the desktop follows XDG autostart (Linux and the BSDs; not Windows or macOS).
    static bool isSupported();

    // $XDG_CONFIG_HOME/autostart/io.switchboard.Switchboard.desktop (~/.config when unset).
    QString filePath() const;
    // True when the file exists, is not switched off by the desktop (Hidden=true) and starts this data
    // folder. There is one entry per user: another data folder's entry does not count.
    bool isInstalled() const;
    // Writes the entry (replacing another data folder's); false with one sentence in *error.
    bool install(QString *error) const;
    // Removes the entry if it starts this data folder; another folder's is left alone.
    bool remove(QString *error) const;
    // The entry's Exec value: the program, --data-dir when needed, `gui --hidden`, quoted as the
    // Desktop Entry Specification asks.
    QString execValue() const;

private:
    bool startsThisDataFolder() const;

    QString m_program;
    QString m_dataDir;
    QString m_defaultDataDir;
};
