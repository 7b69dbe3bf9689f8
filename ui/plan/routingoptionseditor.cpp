// Edits the plan's messages and its press-1 and voicemail settings.
#include "routingoptionseditor.h"

#include "messageeditor.h"
#include "plandraft.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QLabel *note(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
    return label;
}

} // namespace

RoutingOptionsEditor::RoutingOptionsEditor(PlanDraft &draft, QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_welcome(new MessageEditor(this))
    , m_closing(new MessageEditor(this))
    , m_greeting(new MessageEditor(this))
    , m_acceptPrompt(new MessageEditor(this))
    , m_acceptRequired(new QCheckBox(tr("Staff press &1 to take a call"), this))
    , m_acceptAttempts(new QSpinBox(this))
    , m_acceptTimeout(new QSpinBox(this))
    , m_voicemailOnNoAnswer(new QCheckBox(tr("Take a &voicemail when nobody answers"), this))
    , m_voicemailSeconds(new QSpinBox(this))
    , m_transcribe(new QCheckBox(tr("Tra&nscribe voicemails to text"), this))
{
    m_welcome->setPlaceholderText(tr("Nothing: the call goes straight on"));
    m_closing->setPlaceholderText(tr("Sorry, nobody could take your call. Please try again later."));
    m_greeting->setPlaceholderText(tr("Please leave a message after the tone."));
    m_acceptPrompt->setPlaceholderText(tr("Call from {caller}. Press 1 to accept."));
    m_acceptAttempts->setRange(1, 5);
    m_acceptTimeout->setRange(1, 30);
    m_acceptTimeout->setSuffix(tr(" s"));
    m_voicemailSeconds->setRange(5, 120);
    m_voicemailSeconds->setSuffix(tr(" s"));
    for (QSpinBox *box : { m_acceptAttempts, m_acceptTimeout, m_voicemailSeconds })
        box->setMaximumWidth(110);

    auto *callers = new QGroupBox(tr("What callers hear"), this);
    auto *callersForm = new QFormLayout(callers);
    callersForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    callersForm->addRow(tr("&Welcome"), m_welcome);
    callersForm->addRow(
        QString(), note(tr("Said once at the start of every call that is not turned away."), this));
    callersForm->addRow(tr("&Closing"), m_closing);
    callersForm->addRow(
        QString(), note(tr("Said when nobody could be reached and no voicemail is taken."), this));
    callersForm->addRow(tr("Voicemail &greeting"), m_greeting);

    auto *staff = new QGroupBox(tr("When staff pick up"), this);
    auto *staffForm = new QFormLayout(staff);
    staffForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    staffForm->addRow(QString(), m_acceptRequired);
    staffForm->addRow(
        QString(), note(tr("So that a personal voicemail box that picks up cannot take the caller."), this));
    staffForm->addRow(tr("&Prompt"), m_acceptPrompt);
    staffForm->addRow(
        QString(), note(tr("{caller} becomes the caller's name when known, else their number."), this));
    staffForm->addRow(tr("Ask up to"), m_acceptAttempts);
    staffForm->addRow(tr("Wait for the key"), m_acceptTimeout);

    auto *voicemail = new QGroupBox(tr("Voicemail"), this);
    auto *voicemailForm = new QFormLayout(voicemail);
    voicemailForm->addRow(QString(), m_voicemailOnNoAnswer);
    voicemailForm->addRow(tr("Longest message"), m_voicemailSeconds);
    voicemailForm->addRow(QString(), m_transcribe);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(callers);
    contentLayout->addWidget(staff);
    contentLayout->addWidget(voicemail);
    contentLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    const auto bindMessage = [this](MessageEditor *editor, Message RoutingMessages::*member) {
        connect(editor, &MessageEditor::edited, this, [this, editor, member] {
            const Message message = editor->message();
            m_draft.edit([&](RoutingModel &model) { model.messages.*member = message; });
        });
    };
    bindMessage(m_welcome, &RoutingMessages::welcome);
    bindMessage(m_closing, &RoutingMessages::closing);
    bindMessage(m_greeting, &RoutingMessages::voicemailGreeting);
    bindMessage(m_acceptPrompt, &RoutingMessages::acceptPrompt);
    connect(m_acceptRequired, &QCheckBox::toggled, this,
        [this](bool on) { m_draft.edit([&](RoutingModel &model) { model.accept.required = on; }); });
    connect(m_acceptAttempts, &QSpinBox::valueChanged, this,
        [this](int value) { m_draft.edit([&](RoutingModel &model) { model.accept.attempts = value; }); });
    connect(m_acceptTimeout, &QSpinBox::valueChanged, this, [this](int value) {
        m_draft.edit([&](RoutingModel &model) { model.accept.timeoutSeconds = value; });
    });
    connect(m_voicemailOnNoAnswer, &QCheckBox::toggled, this,
        [this](bool on) { m_draft.edit([&](RoutingModel &model) { model.voicemail.onNoAnswer = on; }); });
    connect(m_voicemailSeconds, &QSpinBox::valueChanged, this, [this](int value) {
        m_draft.edit([&](RoutingModel &model) { model.voicemail.maxSeconds = value; });
    });
    connect(m_transcribe, &QCheckBox::toggled, this,
        [this](bool on) { m_draft.edit([&](RoutingModel &model) { model.voicemail.transcribe = on; }); });
    connect(&m_draft, &PlanDraft::changed, this, &RoutingOptionsEditor::refresh);
    refresh();
}

void RoutingOptionsEditor::refresh()
{
    const RoutingModel &model = m_draft.model();
    m_welcome->setMessage(model.messages.welcome);
    m_closing->setMessage(model.messages.closing);
    m_greeting->setMessage(model.messages.voicemailGreeting);
    m_acceptPrompt->setMessage(model.messages.acceptPrompt);
    m_welcome->setErrors(m_draft.errorsAt(u"messages.welcome"_s));
    m_closing->setErrors(m_draft.errorsAt(u"messages.closing"_s));
    m_greeting->setErrors(m_draft.errorsAt(u"messages.voicemail_greeting"_s));
    m_acceptPrompt->setErrors(m_draft.errorsAt(u"messages.accept_prompt"_s));
    const QSignalBlocker blockers[] { QSignalBlocker(m_acceptRequired), QSignalBlocker(m_acceptAttempts),
        QSignalBlocker(m_acceptTimeout), QSignalBlocker(m_voicemailOnNoAnswer),
        QSignalBlocker(m_voicemailSeconds), QSignalBlocker(m_transcribe) };
    m_acceptRequired->setChecked(model.accept.required);
    m_acceptAttempts->setValue(model.accept.attempts);
    m_acceptTimeout->setValue(model.accept.timeoutSeconds);
    m_voicemailOnNoAnswer->setChecked(model.voicemail.onNoAnswer);
    m_voicemailSeconds->setValue(model.voicemail.maxSeconds);
    m_transcribe->setChecked(model.voicemail.transcribe);
    m_acceptPrompt->setEnabled(model.accept.required);
    m_acceptAttempts->setEnabled(model.accept.required);
    m_acceptTimeout->setEnabled(model.accept.required);
}
