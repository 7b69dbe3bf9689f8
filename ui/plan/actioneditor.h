// The editor of one routing action: what it does (ring a team, a menu, voicemail…), its details,
// a menu's keys and what happens when nobody answers. Menu keys and "otherwise" open the same
// editor in a dialog, one level deeper.
#pragma once

#include "actionlocation.h"

#include <QWidget>

#include <optional>

class FieldError;
class MessageEditor;
class PlanDraft;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

class ActionEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ActionEditor(PlanDraft &draft, QWidget *parent = nullptr);

    // The action to edit; nullopt shows nothing. The editor follows the draft's changes.
    void setLocation(std::optional<ActionLocation> location);
    const std::optional<ActionLocation> &location() const { return m_location; }

    QComboBox *kindBox() const { return m_kind; }
    QComboBox *teamBox() const { return m_team; }
    QComboBox *staffBox() const { return m_staff; }
    QLineEdit *numberField() const { return m_number; }
    MessageEditor *messageEditor() const { return m_message; }
    QTableWidget *optionsTable() const { return m_options; }
    QComboBox *otherwiseBox() const { return m_otherwiseChoice; }
    QLabel *otherwiseSummary() const { return m_otherwiseText; }

public Q_SLOTS:
    // Adds the lowest free menu key and opens it (asks nothing: keys are renumbered by editing).
    void addOption();
    void editOption();
    void removeOption();
    void editOtherwise();

private:
    void refresh();
    void change(const std::function<void(Action &)> &edit);
    void changeKind();
    void changeOtherwiseChoice();
    void fillChoices(const RoutingModel &model);
    void showErrors();
    // Opens the nested action in a dialog; false when it was canceled (and undone).
    bool openNested(const ActionLocation &nested, const QString &title);

    PlanDraft &m_draft;
    std::optional<ActionLocation> m_location;

    QFormLayout *m_form;
    QComboBox *m_kind;
    QComboBox *m_team;
    QComboBox *m_staff;
    QLineEdit *m_number;
    QSpinBox *m_ringSeconds;
    QLabel *m_messageLabel;
    MessageEditor *m_message;
    QSpinBox *m_timeout;
    QSpinBox *m_attempts;
    QWidget *m_optionsBox;
    QTableWidget *m_options;
    QPushButton *m_addOption;
    QPushButton *m_editOption;
    QPushButton *m_removeOption;
    QWidget *m_otherwiseBox;
    QComboBox *m_otherwiseChoice;
    QLabel *m_otherwiseText;
    QPushButton *m_otherwiseEdit;
    FieldError *m_kindError;
    FieldError *m_targetError;
    FieldError *m_optionsError;
    FieldError *m_otherwiseError;
};
