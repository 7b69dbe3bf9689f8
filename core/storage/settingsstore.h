// The settings table: every SQL statement that reads or writes stored settings.
#pragma once

#include "database.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

// One row of the settings table. A secret's value is the sealed (encrypted) text, never the plain value.
struct StoredSetting
{
    QString key;
    QString value;
    bool secret = false;
};

// Rows as stored, with no knowledge of what keys mean (the Settings class validates). Every call reads the
// database afresh, so a change committed by another connection is seen at once.
class SettingsStore
{
    Q_DECLARE_TR_FUNCTIONS(SettingsStore)

public:
    explicit SettingsStore(Database &db);

    // nullopt when the key is not stored; a database failure also gives nullopt, with `error` set.
    std::optional<StoredSetting> find(const QString &key, QString *error = nullptr);
    // Every stored row, ordered by key; empty with `error` set if the database failed.
    QList<StoredSetting> all(QString *error = nullptr);
    // Inserts or replaces the row.
    bool put(const StoredSetting &setting, QString *error);
    // Inserts the row only when the key is not stored yet, in one statement, so two programs opening the same
    // data folder at once cannot both win. `inserted` says whether this call stored it.
    bool putIfAbsent(const StoredSetting &setting, bool *inserted, QString *error);
    // Removing a key that is not stored is not an error.
    bool remove(const QString &key, QString *error);
    // Moves whenever any connection changes a setting or the routing plan (triggers count); -1 when
    // it cannot be read.
    qint64 revision();

private:
    Database &m_db;
};
