// The one typed settings class: known keys, their defaults, validation, encryption of secrets.
#pragma once

#include "routersettings.h"
#include "secrets/secretbox.h"
#include "storage/settingsstore.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

// Nothing is cached: every read goes to the database, so a value set by another connection (the CLI, the
// desktop panel) is in effect for the very next call. Secrets are sealed with the data folder's master key,
// bound to their setting key, and are never logged or put in an error message.
class Settings
{
    Q_DECLARE_TR_FUNCTIONS(Settings)

public:
    Settings(Database &db, QByteArray masterKey);

    // Validates and normalises `value`, then stores it (secrets encrypted). On failure `error` is one
    // sentence that names the key and says what is expected.
    bool set(const QString &key, const QString &value, QString *error);
    // Goes back to the default; unsetting a key that is not set is fine.
    bool unset(const QString &key, QString *error);
    // The effective value: stored (decrypted) or the default. nullopt with `error` left alone when the key is
    // unset and has no default; nullopt with `error` set for an unknown key, a database failure, or a secret
    // that cannot be decrypted.
    std::optional<QString> value(const QString &key, QString *error = nullptr);
    // What `config get` prints: "(set)" or "(not set)" for a secret, never its value; otherwise the effective
    // value, or "(not set)". Empty for an unknown key.
    QString displayValue(const QString &key);
    // Every known key with its display value, in contract order.
    QList<std::pair<QString, QString>> displayList();

    // The keys in contract order (the order of the table in DESIGN.md), then the set-up keys beyond it.
    static QStringList knownKeys();
    static bool isKnownKey(const QString &key);
    static bool isSecret(const QString &key);
    // True for a key whose value is one phone number, stored in E.164 (routing.fallback_number).
    static bool isPhoneNumber(const QString &key);

    // Creates server.webhook_token and the live feed's feed.view_token and feed.control_token (32 random
    // bytes each, URL-safe base64 without padding) unless they are stored. Every command calls this when
    // it opens a data folder.
    bool ensureTokens(QString *error);
    // Replaces a feed token by a new random one and gives it in `token`: every seat that used the old one
    // is refused from now on.
    bool rotate(const QString &key, QString *token, QString *error);

    // Typed reads of the keys the router snapshot leaves out, with the contract's defaults (the Specs table),
    // also when the database cannot be read or holds something that no longer validates.
    QString defaultRegion();
    int backupKeep();
    int retentionDays();
    // The region for numbers written without a country code, read without the master key (it is no secret):
    // for a panel or command that needs nothing else of the settings.
    static QString defaultRegionIn(Database &db);
    // The contract's default of `key`; empty when it has none or the key is unknown.
    static QString defaultOf(const QString &key);

    // Half an API key would silently fall back to the auth token. Given whether an API key SID is entered, whether
    // its secret is there (entered now or stored before) and whether a secret was entered now, the key at
    // fault and what to do; nullopt when both or neither are given.
    static std::optional<std::pair<QString, QString>> halfApiKeyProblem(bool sidGiven, bool secretThere, bool secretEntered);

    // One consistent snapshot for the router. A stored value that no longer validates or decrypts is replaced
    // by its default and logged (without the value when it is a secret); this never fails.
    RouterSettings routerSettings();

private:
    QString storedRegion();
    std::optional<StoredSetting> newTokenRow(const QString &key, QString *error);
    int integer(const QString &key);

    SettingsStore m_store;
    SecretBox m_box;
};
