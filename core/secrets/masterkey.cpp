// The per-data-directory key that encrypts stored secrets: found, or created on first use.
#include "masterkey.h"

#include "keychainentry.h"
#include "secretbox.h"
#include "secretslog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace {

const QString KeychainService = u"Switchboard"_s;
constexpr auto FileRecord = "file:";
constexpr auto KeychainRecord = "keychain:";
// A real key file is under 300 bytes; anything far larger is not one, and is not read into memory.
constexpr qint64 MaxFileSize = 4096;
// Creating the key happens once; if the keychain is slow, the key file is a safe place too.
constexpr int KeychainWriteTimeoutMs = 5000;
// Reading happens on every start of a data folder created with the keychain: allow time for an unlock prompt.
constexpr int KeychainReadTimeoutMs = 20000;

Result<QByteArray> decodeKey(const QByteArray &encoded)
{
    const auto decoded
        = QByteArray::fromBase64Encoding(encoded.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != SecretBox::KeySize)
        return Result<QByteArray>::failure(QString());
    return decoded.decoded;
}

// Writes `contents` to `filePath` only if no such file exists, readable and writable by the owner alone from
// the moment it exists. The contents go to a private temporary file first, so nobody ever sees half a key
// file. Returns false with `exists` set when another process created the file first.
bool createPrivateFile(const QString &filePath, const QByteArray &contents, bool *exists, QString *error)
{
    *exists = false;
    const QByteArray suffix = SecretBox::randomBytes(6).toHex();
    const QString temporaryPath = filePath + u'.' + QString::fromLatin1(suffix) + u".tmp"_s;
    QFile temporary(temporaryPath);
    if (suffix.isEmpty()
        || !temporary.open(
            QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = temporary.errorString();
        return false;
    }
    bool written = temporary.write(contents) == contents.size() && temporary.flush();
#ifdef Q_OS_UNIX
    // The key must survive a power cut right after the first run, or every secret saved with it is lost.
    written = written && ::fsync(temporary.handle()) == 0;
#endif
    temporary.close();
    if (!written) {
        *error = temporary.errorString();
        QFile::remove(temporaryPath);
        return false;
    }
#ifdef Q_OS_UNIX
    // link() never replaces an existing file, so two first runs at once cannot overwrite each other's key.
    const bool placed
        = ::link(QFile::encodeName(temporaryPath).constData(), QFile::encodeName(filePath).constData()) == 0;
    const int linkError = errno;
    QFile::remove(temporaryPath);
    if (!placed) {
        *exists = linkError == EEXIST;
        *error = QString::fromLocal8Bit(strerror(linkError));
        return false;
    }
#else
    // QFile::rename() does not replace an existing file either.
    if (!QFile::rename(temporaryPath, filePath)) {
        *exists = QFile::exists(filePath);
        *error = temporary.errorString();
        QFile::remove(temporaryPath);
        return false;
    }
#endif
    return true;
}

} // namespace

QString MasterKey::fileNameIn(const QString &dataDir)
{
    return QDir(dataDir).filePath(u"secret.key"_s);
}

bool MasterKey::keychainAllowed()
{
    const QString choice = qEnvironmentVariable("SWITCHBOARD_KEYCHAIN").trimmed().toLower();
    if (choice == u"0"_s || choice == u"false"_s || choice == u"no"_s || choice == u"off"_s)
        return false;
#if defined(Q_OS_MACOS) || defined(Q_OS_WIN)
    return true;
#else
    // Without a session bus there is no Secret Service, and trying only costs a timeout.
    return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
#endif
}

Result<QByteArray> MasterKey::load(const QString &dataDir)
{
    const QString filePath = fileNameIn(dataDir);
    if (QFileInfo::exists(filePath))
        return read(filePath);
    if (!QDir().mkpath(dataDir))
        return Result<QByteArray>::failure(tr("Cannot create the data folder %1.").arg(dataDir));
    return create(dataDir, filePath);
}

Result<QByteArray> MasterKey::read(const QString &filePath)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return Result<QByteArray>::failure(
            tr("Cannot read the key file %1: %2.").arg(filePath, file.errorString()));
    if (file.size() > MaxFileSize)
        return Result<QByteArray>::failure(
            tr("The key file %1 is damaged: it is far too large to hold a key.").arg(filePath));
#ifdef Q_OS_UNIX
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
        qCWarning(lcSecrets) << "The key file" << filePath
                             << "can be read by other users; it should be readable by its owner only";
#endif

    QList<QByteArray> records;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QByteArray record = line.trimmed();
        if (!record.isEmpty() && !record.startsWith('#'))
            records.append(record);
    }
    const QString damaged
        = tr("The key file %1 is damaged: it holds neither a key nor a keychain reference, so stored secrets "
             "cannot be decrypted.")
              .arg(filePath);
    if (records.size() != 1)
        return Result<QByteArray>::failure(damaged);
    const QByteArray &record = records.constFirst();

    if (record.startsWith(FileRecord)) {
        Result<QByteArray> key = decodeKey(record.mid(qstrlen(FileRecord)));
        if (!key)
            return Result<QByteArray>::failure(
                tr("The key file %1 is damaged: its key is not %2 bytes of base64.")
                    .arg(filePath)
                    .arg(SecretBox::KeySize));
        return key;
    }
    if (!record.startsWith(KeychainRecord))
        return Result<QByteArray>::failure(damaged);

    const QString account = QString::fromUtf8(record.mid(qstrlen(KeychainRecord))).trimmed();
    if (account.isEmpty())
        return Result<QByteArray>::failure(damaged);
    // Never fall back to a new key here: the secrets already stored were sealed with the keychain's key.
    if (!keychainAllowed())
        return Result<QByteArray>::failure(
            tr("The key file %1 says the master key is in the system keychain, which is not available here "
               "(no desktop session, or SWITCHBOARD_KEYCHAIN=0); run Switchboard in the desktop session "
               "that created this data folder.")
                .arg(filePath));
    const Result<QByteArray> stored = KeychainEntry(KeychainService, account, KeychainReadTimeoutMs).read();
    if (!stored)
        return Result<QByteArray>::failure(
            tr("Cannot read the master key that %1 places in the system keychain: %2.")
                .arg(filePath, stored.error()));
    Result<QByteArray> key = decodeKey(stored.value());
    if (!key)
        return Result<QByteArray>::failure(
            tr("The system keychain entry \"%1\" named by %2 does not hold a valid key.")
                .arg(account, filePath));
    return key;
}

Result<QByteArray> MasterKey::create(const QString &dataDir, const QString &filePath)
{
    const QByteArray key = SecretBox::generateKey();
    if (key.isEmpty())
        return Result<QByteArray>::failure(
            tr("Cannot create the master key for %1: the system has no source of secure random numbers.")
                .arg(dataDir));

    QByteArray contents;
    if (keychainAllowed()) {
        // The random part keeps the account unique even if a folder is deleted and made again at the same
        // path; the path tells a person browsing the keychain which data folder the entry belongs to.
        const QString account = u"master key of %1 (%2)"_s.arg(
            QDir(dataDir).absolutePath(), QString::fromLatin1(SecretBox::randomBytes(4).toHex()));
        const KeychainEntry entry(KeychainService, account, KeychainWriteTimeoutMs);
        QString keychainError;
        // Read it back before relying on it: a keychain that takes a write it cannot return loses the key.
        if (entry.write(key.toBase64(), &keychainError)) {
            const Result<QByteArray> stored = entry.read();
            if (stored && stored.value() == key.toBase64()) {
                contents = "# Switchboard master key: it is kept in the system keychain (service "
                           "\"Switchboard\").\n"
                           "# This file says which entry. Without that entry the stored secrets are lost.\n"
                    + QByteArray(KeychainRecord) + account.toUtf8() + '\n';
            } else {
                qCWarning(lcSecrets)
                    << "The keychain did not return the key just written; using the key file";
            }
        } else {
            qCInfo(lcSecrets) << "The system keychain is not usable, the master key goes in" << filePath
                              << "-" << keychainError;
        }
    }
    if (contents.isEmpty())
        contents
            = "# Switchboard master key: it decrypts the secrets stored in this folder.\n"
              "# Keep it private and back it up with the database; without it the stored secrets are lost.\n"
            + QByteArray(FileRecord) + key.toBase64() + '\n';

    bool exists = false;
    QString error;
    if (!createPrivateFile(filePath, contents, &exists, &error)) {
        // Another process opening the same folder made the key first: use theirs.
        if (exists)
            return read(filePath);
        return Result<QByteArray>::failure(tr("Cannot create the key file %1: %2.").arg(filePath, error));
    }
    qCInfo(lcSecrets) << "Created the master key record" << filePath;
    return key;
}
