// Entries bound to settings keys, for the Setup panel and the set-up assistant: each shows the saved value
// (a secret only as "(set)"), is stored with the others in one go, and carries its own red sentence when
// the value is refused, gone again as soon as the entry is edited.
#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

class QFormLayout;
class QLabel;
class QLineEdit;
class QWidget;
class Settings;

class SettingFields
{
    Q_DECLARE_TR_FUNCTIONS(SettingFields)

public:
    struct Field
    {
        QString key;
        QString label;
        QLineEdit *edit = nullptr;
        QLabel *error = nullptr;
        bool secret = false;
    };

    // A row of `form`: the entry (object name `key`), its error line (`key.error`, hidden) and the hint.
    // A secret is typed masked and never filled in.
    QLineEdit *add(QFormLayout *form, const QString &key, const QString &label, const QString &placeholder,
        const QString &hint, bool secret = false);

    // Shows the saved values as normalised (a phone number the way the practice's region writes it),
    // defaults included; of a secret only whether it is set.
    void load(Settings &settings) const;
    // Stores every entry (the region first, so that numbers written without a country code are read with
    // the new one; a number left as shown stays as saved); an empty entry unsets its key, except a secret,
    // which keeps the saved value. Checks
    // that an API key is not given by half when both its entries are here. Returns the refusals by key;
    // run it inside a transaction, so that one refusal stores nothing.
    QHash<QString, QString> store(Settings &settings) const;

    // Puts `error` under the entry of `key`, in the words of its label; false when no entry has that key.
    bool mark(const QString &key, const QString &error) const;
    void unmarkAll() const;

    // What is typed in the entry of `key`, trimmed; empty when there is no such entry.
    QString text(const QString &key) const;
    QLineEdit *edit(const QString &key) const;
    const QList<Field> &fields() const { return m_fields; }

    // The small grey sentence under an entry or beside a button, and the red one for what is wrong.
    static QLabel *hintLabel(const QString &text, QWidget *parent);
    static QLabel *errorLabel(QWidget *parent);
    static void markInvalid(QLineEdit *edit);
    static void unmark(QLineEdit *edit, QLabel *error);

private:
    QString readableError(const QString &key, const QString &error) const;

    QList<Field> m_fields;
};
