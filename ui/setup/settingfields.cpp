// Entries bound to settings keys, stored together and marked at the entry when refused.
#include "settingfields.h"

#include "look/statuscolours.h"
#include "phone/phonenormalizer.h"
#include "settings/settings.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
const QString RegionKey = u"routing.default_region"_s;
} // namespace

QLabel *SettingFields::hintLabel(const QString &text, QWidget *parent)
{
    auto *hint = new QLabel(text, parent);
    hint->setWordWrap(true);
    hint->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Muted));
    QFont font = hint->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    hint->setFont(font);
    return hint;
}

QLabel *SettingFields::errorLabel(QWidget *parent)
{
    auto *error = new QLabel(parent);
    error->setWordWrap(true);
    error->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    error->hide();
    return error;
}

void SettingFields::markInvalid(QLineEdit *edit)
{
    edit->setStyleSheet(u"QLineEdit { border: 2px solid %1; border-radius: 3px; padding: 1px; }"_s.arg(
        StatusColours::name(StatusColours::Status::Bad)));
}

void SettingFields::unmark(QLineEdit *edit, QLabel *error)
{
    error->clear();
    error->hide();
    edit->setStyleSheet({});
    edit->setAccessibleDescription({});
}

QLineEdit *SettingFields::add(QFormLayout *form, const QString &key, const QString &label,
    const QString &placeholder, const QString &hint, bool secret)
{
    auto *container = new QWidget(form->parentWidget());
    auto *stack = new QVBoxLayout(container);
    stack->setContentsMargins(0, 0, 0, 0);
    stack->setSpacing(2);
    auto *edit = new QLineEdit(container);
    edit->setObjectName(key);
    edit->setPlaceholderText(placeholder);
    edit->setAccessibleName(label);
    if (secret) {
        // Typed secrets are masked; saved ones are never put into the entry at all.
        edit->setEchoMode(QLineEdit::Password);
        edit->setToolTip(tr("Leave empty to keep the saved value."));
    }
    stack->addWidget(edit);
    QLabel *error = errorLabel(container);
    error->setObjectName(key + u".error"_s);
    stack->addWidget(error);
    if (!hint.isEmpty())
        stack->addWidget(hintLabel(hint, container));
    form->addRow(label, container);
    // The red sentence is about what was typed before: once the entry is changed it no longer applies.
    QObject::connect(edit, &QLineEdit::textEdited, error, [error, edit] { unmark(edit, error); });
    m_fields.append(Field { key, label, edit, error, secret });
    return edit;
}

void SettingFields::load(Settings &settings) const
{
    const PhoneNormalizer phone(settings.defaultRegion());
    for (const Field &field : m_fields) {
        if (field.secret) {
            // Only whether it is set: the value never reaches a widget.
            field.edit->clear();
            field.edit->setPlaceholderText(settings.displayValue(field.key));
            continue;
        }
        const QString saved = settings.value(field.key).value_or(QString());
        field.edit->setText(Settings::isPhoneNumber(field.key) ? phone.toDisplay(saved) : saved);
    }
}

QHash<QString, QString> SettingFields::store(Settings &settings) const
{
    QHash<QString, QString> errors;
    // A number left as it was shown stays as saved: written the old region's way, it would read as
    // another number in a new region.
    const PhoneNormalizer shownPhone(settings.defaultRegion());
    const auto shownAsSaved = [&](const Field &field, const QString &text) {
        if (!Settings::isPhoneNumber(field.key) || text.isEmpty())
            return false;
        const std::optional<QString> saved = settings.value(field.key);
        return saved && text == shownPhone.toDisplay(*saved);
    };
    QList<Field> ordered = m_fields;
    std::stable_partition(
        ordered.begin(), ordered.end(), [](const Field &field) { return field.key == RegionKey; });
    for (const Field &field : std::as_const(ordered)) {
        const QString text = field.edit->text().trimmed();
        if (shownAsSaved(field, text))
            continue;
        QString error;
        bool ok = true;
        if (text.isEmpty())
            ok = field.secret || settings.unset(field.key, &error);
        else
            ok = settings.set(field.key, text, &error);
        if (!ok)
            errors.insert(field.key, error);
    }
    const QString sidKey = u"twilio.api_key_sid"_s;
    const QString secretKey = u"twilio.api_key_secret"_s;
    if (edit(sidKey) && edit(secretKey)) {
        const bool secretEntered = !text(secretKey).isEmpty();
        const std::optional<std::pair<QString, QString>> halfKey = Settings::halfApiKeyProblem(!text(sidKey).isEmpty(),
            secretEntered || settings.displayValue(secretKey) == u"(set)"_s, secretEntered);
        // A SID refused on its own already says what is wrong with it.
        if (halfKey && !errors.contains(sidKey))
            errors.insert(halfKey->first, halfKey->second);
    }
    return errors;
}

bool SettingFields::mark(const QString &key, const QString &error) const
{
    for (const Field &field : m_fields) {
        if (field.key != key)
            continue;
        const QString text = readableError(key, error);
        field.error->setText(text);
        field.error->show();
        markInvalid(field.edit);
        field.edit->setAccessibleDescription(text);
        return true;
    }
    return false;
}

void SettingFields::unmarkAll() const
{
    for (const Field &field : m_fields)
        unmark(field.edit, field.error);
}

QString SettingFields::readableError(const QString &key, const QString &error) const
{
    // Settings names the key, for the command line; next to its entry the key says nothing to a person.
    if (error.startsWith(key + u": "_s))
        return error.mid(key.size() + 2);
    for (const Field &field : m_fields) {
        if (field.key == key && error.startsWith(key + u' '))
            return field.label + error.mid(key.size());
    }
    return error;
}

QString SettingFields::text(const QString &key) const
{
    const QLineEdit *entry = edit(key);
    return entry ? entry->text().trimmed() : QString();
}

QLineEdit *SettingFields::edit(const QString &key) const
{
    for (const Field &field : m_fields) {
        if (field.key == key)
            return field.edit;
    }
    return nullptr;
}
