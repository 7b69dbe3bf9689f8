// The desktop's "start at login" entry for Switchboard, as an XDG autostart file.
#include "autostartentry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const QString FileName = u"io.switchboard.Switchboard.desktop"_s;
// Which data folder the entry starts, in a key of our own: telling it from the Exec line would mean
// undoing its quoting, and the Exec line names no folder for the default one.
const QString DataDirKey = u"X-Switchboard-DataDir"_s;

// One argument of an Exec value: quoted when it holds a reserved character, with `"`, `` ` ``, `$` and
// `\` escaped inside the quotes; `%` doubled, as field codes start with it.
QString quoteArgument(const QString &argument)
{
    static const QString Reserved = u" \t\n\"'\\><~|&;$*?#()`"_s;
    QString quoted = argument;
    quoted.replace(u'%', u"%%"_s);
    const bool needsQuotes = quoted.isEmpty()
        || std::any_of(quoted.cbegin(), quoted.cend(), [](QChar c) { return Reserved.contains(c); });
    if (!needsQuotes)
        return quoted;
    QString inside;
    for (const QChar c : std::as_const(quoted)) {
        if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
            inside += u'\\';
        inside += c;
    }
    return u'"' + inside + u'"';
}

// A value of type string: backslashes and line breaks escaped (applied after the Exec quoting).
QString escapeValue(const QString &value)
{
    QString escaped;
    for (const QChar c : value) {
        if (c == u'\\')
            escaped += u"\\\\"_s;
        else if (c == u'\n')
            escaped += u"\\n"_s;
        else if (c == u'\t')
            escaped += u"\\t"_s;
        else if (c == u'\r')
            escaped += u"\\r"_s;
        else
            escaped += c;
    }
    return escaped;
}

QString unescapeValue(const QString &value)
{
    QString plain;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c != u'\\' || i + 1 == value.size()) {
            plain += c;
            continue;
        }
        const QChar next = value.at(++i);
        plain += next == u'n' ? u'\n' : next == u't' ? u'\t' : next == u'r' ? u'\r' : next;
    }
    return plain;
}

// The [Desktop Entry] group's keys as written (no locale variants needed here).
QHash<QString, QString> readDesktopEntry(const QString &path)
{
    QHash<QString, QString> keys;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return keys;
    bool inGroup = false;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.startsWith(u'[')) {
            inGroup = line == u"[Desktop Entry]"_s;
            continue;
        }
        const qsizetype equals = line.indexOf(u'=');
        if (!inGroup || line.startsWith(u'#') || equals < 1)
            continue;
        keys.insert(line.left(equals).trimmed(), unescapeValue(line.mid(equals + 1).trimmed()));
    }
    return keys;
}

} // namespace

AutostartEntry::AutostartEntry(QString program, QString dataDir, QString defaultDataDir)
    : m_program(std::move(program))
    , m_dataDir(QDir::cleanPath(QDir(dataDir).absolutePath()))
    , m_defaultDataDir(QDir::cleanPath(QDir(defaultDataDir).absolutePath()))
{ }

bool AutostartEntry::isSupported()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
    return true;
#else
    return false;
#endif
}

QString AutostartEntry::filePath() const
{
    // $XDG_CONFIG_HOME, else ~/.config; under QStandardPaths' test mode a folder of its own, so that
    // tests and screenshots never touch the user's real session.
    const QString configHome = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    return QDir(configHome).filePath(u"autostart/"_s + FileName);
}

QString AutostartEntry::execValue() const
{
    QStringList arguments { m_program };
    if (m_dataDir != m_defaultDataDir)
        arguments << u"--data-dir"_s << m_dataDir;
    arguments << u"gui"_s << u"--hidden"_s;
    QStringList quoted;
    for (const QString &argument : std::as_const(arguments))
        quoted << quoteArgument(argument);
    return quoted.join(u' ');
}

bool AutostartEntry::startsThisDataFolder() const
{
    const QHash<QString, QString> keys = readDesktopEntry(filePath());
    return keys.value(DataDirKey) == m_dataDir;
}

bool AutostartEntry::isInstalled() const
{
    const QHash<QString, QString> keys = readDesktopEntry(filePath());
    // Desktops switch an entry off without deleting it: Hidden=true, or GNOME's own key.
    return keys.value(DataDirKey) == m_dataDir && keys.value(u"Hidden"_s) != u"true"_s
        && keys.value(u"X-GNOME-Autostart-enabled"_s) != u"false"_s;
}

bool AutostartEntry::install(QString *error) const
{
    const QString path = filePath();
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        *error = tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(folder));
        return false;
    }
    const QString contents = u"[Desktop Entry]\n"
                             u"Type=Application\n"
                             u"Name=Switchboard\n"
                             u"Exec=%1\n"
                             u"Icon=io.switchboard.Switchboard\n"
                             u"Terminal=false\n"
                             u"X-GNOME-Autostart-enabled=true\n"
                             u"%2=%3\n"_s.arg(escapeValue(execValue()), DataDirKey, escapeValue(m_dataDir));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents.toUtf8()) < 0 || !file.commit()) {
        *error = tr("Cannot write %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

bool AutostartEntry::remove(QString *error) const
{
    const QString path = filePath();
    if (!QFileInfo::exists(path) || !startsThisDataFolder())
        return true;
    QFile file(path);
    if (!file.remove()) {
        *error = tr("Cannot remove %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}
