// The Messages & options tab of the Routing panel: what callers hear (welcome, closing sentence,
// voicemail greeting), what staff hear before they press 1, and the press-1 and voicemail settings.
#pragma once

#include <QWidget>

class MessageEditor;
class PlanDraft;
class QCheckBox;
class QSpinBox;

class RoutingOptionsEditor : public QWidget
{
    Q_OBJECT

public:
    explicit RoutingOptionsEditor(PlanDraft &draft, QWidget *parent = nullptr);

    MessageEditor *welcomeEditor() const { return m_welcome; }
    MessageEditor *closingEditor() const { return m_closing; }
    MessageEditor *voicemailGreetingEditor() const { return m_greeting; }
    MessageEditor *acceptPromptEditor() const { return m_acceptPrompt; }
    QCheckBox *acceptRequiredBox() const { return m_acceptRequired; }
    QCheckBox *voicemailOnNoAnswerBox() const { return m_voicemailOnNoAnswer; }

private:
    void refresh();

    PlanDraft &m_draft;
    MessageEditor *m_welcome;
    MessageEditor *m_closing;
    MessageEditor *m_greeting;
    MessageEditor *m_acceptPrompt;
    QCheckBox *m_acceptRequired;
    QSpinBox *m_acceptAttempts;
    QSpinBox *m_acceptTimeout;
    QCheckBox *m_voicemailOnNoAnswer;
    QSpinBox *m_voicemailSeconds;
    QCheckBox *m_transcribe;
};
