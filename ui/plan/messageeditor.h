// What a caller or a staff member hears: a text read by Twilio's voice (with an optional voice and
// language) or a recording played from an address. One row of fields, used wherever a plan has a message.
#pragma once

#include "routing/routingmodel.h"

#include <QWidget>

class FieldError;
class QComboBox;
class QLineEdit;

class MessageEditor : public QWidget
{
    Q_OBJECT

public:
    explicit MessageEditor(QWidget *parent = nullptr);

    // Shows `message`; the field being typed in keeps its cursor when it already shows the same text.
    void setMessage(const Message &message);
    Message message() const;
    void setPlaceholderText(const QString &text);
    // The plan check's faults for this message, shown under it.
    void setErrors(const QStringList &errors);

    QLineEdit *textField() const { return m_text; }

Q_SIGNALS:
    // The person changed a field; message() has the new value.
    void edited();

private:
    void updateMode();

    QComboBox *m_mode;
    QLineEdit *m_text;
    QLineEdit *m_voice;
    QLineEdit *m_language;
    FieldError *m_error;
};
