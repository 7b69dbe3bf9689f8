// The Caller lists tab of the Routing panel: the block list, the allow list and the named lists that
// rules test ("VIPs", "suppliers"), each a list of numbers and number prefixes, one per line.
#pragma once

#include <QWidget>

class FieldError;
class PlanDraft;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

class CallerListsEditor : public QWidget
{
    Q_OBJECT

public:
    explicit CallerListsEditor(PlanDraft &draft, QWidget *parent = nullptr);

    QListWidget *listsView() const { return m_lists; }
    QPlainTextEdit *entriesField() const { return m_entries; }
    // Selects the block list, the allow list or a named list.
    void selectBlockList();
    void selectAllowList();
    void selectList(const QString &name);

public Q_SLOTS:
    void addList();
    void renameList();
    void removeList();

private:
    enum class Kind
    {
        Block,
        Allow,
        Named
    };
    struct Choice
    {
        Kind kind = Kind::Block;
        QString name;
        bool operator==(const Choice &other) const = default;
    };

    void refresh();
    void showChoice();
    void writeEntries();
    QStringList entriesOf(const Choice &choice) const;
    QString pathOf(const Choice &choice) const;

    PlanDraft &m_draft;
    Choice m_choice;

    QListWidget *m_lists;
    QPushButton *m_add;
    QPushButton *m_rename;
    QPushButton *m_remove;
    QLabel *m_title;
    QLabel *m_explanation;
    QPlainTextEdit *m_entries;
    FieldError *m_error;
};
