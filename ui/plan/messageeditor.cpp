// The fields of one message of the routing plan.
#include "messageeditor.h"

#include "fielderror.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

enum Mode
{
    Say,
    Play
};

void setTextKeepingCursor(QLineEdit *field, const QString &text)
{
    // The model keeps values trimmed; a space just typed must not vanish under the cursor.
    if (field->text().trimmed() != text.trimmed())
        field->setText(text);
}

} // namespace

MessageEditor::MessageEditor(QWidget *parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_text(new QLineEdit(this))
    , m_voice(new QLineEdit(this))
    , m_language(new QLineEdit(this))
    , m_error(new FieldError(m_text, this))
{
    m_mode->addItem(tr("Say"), Say);
    m_mode->addItem(tr("Play recording"), Play);
    m_mode->setAccessibleName(tr("Say a text or play a recording"));
    m_voice->setPlaceholderText(tr("Default voice"));
    m_voice->setToolTip(tr("A Twilio voice such as Polly.Joanna; empty for the default voice."));
    m_voice->setMaximumWidth(140);
    m_language->setPlaceholderText(tr("Language"));
    m_language->setToolTip(tr("The language the text is read in, such as en-US; empty for the default."));
    m_language->setMaximumWidth(90);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_mode);
    row->addWidget(m_text, 1);
    row->addWidget(m_voice);
    row->addWidget(m_language);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_error);

    connect(m_mode, &QComboBox::activated, this, [this] {
        updateMode();
        Q_EMIT edited();
    });
    for (QLineEdit *field : { m_text, m_voice, m_language })
        connect(field, &QLineEdit::textEdited, this, &MessageEditor::edited);
    updateMode();
}

void MessageEditor::setMessage(const Message &message)
{
    const QSignalBlocker blocker(m_mode);
    // An empty message keeps the mode chosen: "Play recording" stays while its address is typed.
    const bool plays = message.isEmpty() ? m_mode->currentData().toInt() == Play : !message.play.isEmpty();
    m_mode->setCurrentIndex(m_mode->findData(plays ? Play : Say));
    setTextKeepingCursor(m_text, plays ? message.play.toString() : message.say);
    setTextKeepingCursor(m_voice, message.voice);
    setTextKeepingCursor(m_language, message.language);
    updateMode();
}

Message MessageEditor::message() const
{
    Message message;
    if (m_mode->currentData().toInt() == Play) {
        message.play = QUrl(m_text->text().trimmed());
        return message;
    }
    message.say = m_text->text();
    message.voice = m_voice->text().trimmed();
    message.language = m_language->text().trimmed();
    return message;
}

void MessageEditor::setPlaceholderText(const QString &text)
{
    m_text->setPlaceholderText(text);
}

void MessageEditor::setErrors(const QStringList &errors)
{
    m_error->setErrors(errors);
}

void MessageEditor::updateMode()
{
    const bool says = m_mode->currentData().toInt() == Say;
    m_voice->setVisible(says);
    m_language->setVisible(says);
    m_text->setToolTip(
        says ? QString() : tr("An https address of an MP3 or WAV file that Twilio can fetch."));
}
