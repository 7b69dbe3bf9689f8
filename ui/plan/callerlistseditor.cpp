// Edits the allow, block and named caller lists of the routing plan.
#include "callerlistseditor.h"

#include "fielderror.h"
#include "look/statuscolours.h"
#include "plandraft.h"
#include "planediting.h"
#include "routing/planreferences.h"

#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr int KindRole = Qt::UserRole + 1;
constexpr int NameRole = Qt::UserRole + 2;

// The written entries: one per line, blank lines left out (they are spacing, not entries).
QStringList linesOf(const QString &text, QList<int> *lineNumbers = nullptr)
{
    QStringList entries;
    const QStringList lines = text.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        if (lines.at(i).trimmed().isEmpty())
            continue;
        entries.append(lines.at(i).trimmed());
        if (lineNumbers)
            lineNumbers->append(i + 1);
    }
    return entries;
}

QPushButton *button(const QString &text, QWidget *parent)
{
    auto *result = new QPushButton(text, parent);
    result->setAutoDefault(false);
    return result;
}

} // namespace

CallerListsEditor::CallerListsEditor(PlanDraft &draft, QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_lists(new QListWidget(this))
    , m_add(button(tr("&New list…"), this))
    , m_rename(button(tr("R&ename…"), this))
    , m_remove(button(tr("Remo&ve"), this))
    , m_title(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_entries(new QPlainTextEdit(this))
    , m_error(new FieldError(m_entries, this))
{
    m_lists->setAccessibleName(tr("Caller lists"));
    m_lists->setMaximumWidth(300);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_rename);
    buttons->addWidget(m_remove);
    auto *left = new QVBoxLayout;
    left->addWidget(m_lists, 1);
    left->addLayout(buttons);

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_explanation->setWordWrap(true);
    m_entries->setPlaceholderText(tr("+1 555 123 4567\n+1900\n+44"));
    m_entries->setAccessibleName(tr("Numbers and prefixes, one per line"));
    m_entries->setTabChangesFocus(true);
    auto *help
        = new QLabel(tr("One per line: a whole number in any form, or a prefix such as +1900 (every number "
                        "starting with it)."),
            this);
    help->setWordWrap(true);
    auto *right = new QVBoxLayout;
    right->addWidget(m_title);
    right->addWidget(m_explanation);
    right->addWidget(m_entries, 1);
    right->addWidget(m_error);
    right->addWidget(help);

    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left);
    layout->addLayout(right, 1);

    connect(m_lists, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (!item)
            return;
        const Choice choice { Kind(item->data(KindRole).toInt()), item->data(NameRole).toString() };
        if (choice == m_choice)
            return;
        m_choice = choice;
        showChoice();
    });
    connect(m_entries, &QPlainTextEdit::textChanged, this, &CallerListsEditor::writeEntries);
    connect(m_add, &QPushButton::clicked, this, &CallerListsEditor::addList);
    connect(m_rename, &QPushButton::clicked, this, &CallerListsEditor::renameList);
    connect(m_remove, &QPushButton::clicked, this, &CallerListsEditor::removeList);
    connect(&m_draft, &PlanDraft::changed, this, &CallerListsEditor::refresh);
    refresh();
}

void CallerListsEditor::selectBlockList()
{
    m_choice = { Kind::Block, {} };
    refresh();
}

void CallerListsEditor::selectAllowList()
{
    m_choice = { Kind::Allow, {} };
    refresh();
}

void CallerListsEditor::selectList(const QString &name)
{
    m_choice = { Kind::Named, name };
    refresh();
}

QStringList CallerListsEditor::entriesOf(const Choice &choice) const
{
    const RoutingModel &model = m_draft.model();
    switch (choice.kind) {
    case Kind::Block:
        return model.block.entries();
    case Kind::Allow:
        return model.allow.entries();
    case Kind::Named:
        return model.lists.value(choice.name).entries();
    }
    return {};
}

QString CallerListsEditor::pathOf(const Choice &choice) const
{
    switch (choice.kind) {
    case Kind::Block:
        return u"block"_s;
    case Kind::Allow:
        return u"allow"_s;
    case Kind::Named:
        return u"lists."_s + choice.name;
    }
    return {};
}

void CallerListsEditor::refresh()
{
    const RoutingModel &model = m_draft.model();
    if (m_choice.kind == Kind::Named && !model.lists.contains(m_choice.name))
        m_choice = { Kind::Block, {} };
    const QSignalBlocker blocker(m_lists);
    m_lists->clear();
    const auto addItem = [&](const QString &text, const Choice &choice) {
        auto *item = new QListWidgetItem(text, m_lists);
        item->setData(KindRole, int(choice.kind));
        item->setData(NameRole, choice.name);
        if (!m_draft.errorsAt(pathOf(choice)).isEmpty())
            item->setForeground(StatusColours::colour(StatusColours::Status::Bad, palette()));
        if (choice == m_choice)
            m_lists->setCurrentItem(item);
    };
    addItem(tr("Blocked callers (%n)", nullptr, int(model.block.entries().size())), { Kind::Block, {} });
    addItem(tr("Allowed callers (%n)", nullptr, int(model.allow.entries().size())), { Kind::Allow, {} });
    for (auto it = model.lists.constBegin(); it != model.lists.constEnd(); ++it)
        addItem(
            tr("List \"%1\" (%2)").arg(it.key()).arg(it.value().entries().size()), { Kind::Named, it.key() });
    showChoice();
}

void CallerListsEditor::showChoice()
{
    const bool named = m_choice.kind == Kind::Named;
    m_rename->setEnabled(named);
    m_remove->setEnabled(named);
    switch (m_choice.kind) {
    case Kind::Block:
        m_title->setText(tr("Blocked callers"));
        m_explanation->setText(
            tr("These callers are turned away before anything else, whatever the rules say."));
        break;
    case Kind::Allow:
        m_title->setText(tr("Allowed callers"));
        m_explanation->setText(
            tr("Leave empty to take calls from everyone. When it has numbers, only these callers "
               "get through (and never withheld numbers); the block list still wins."));
        break;
    case Kind::Named:
        m_title->setText(tr("List \"%1\"").arg(m_choice.name));
        const QStringList places = PlanReferences::ofList(m_draft.model(), m_choice.name);
        m_explanation->setText(places.isEmpty()
                ? tr("No rule uses this list yet: choose it under \"Caller on list\" in a rule.")
                : tr("Used by %1.").arg(QLocale().createSeparatedList(places)));
        break;
    }
    const QStringList entries = entriesOf(m_choice);
    // Whole numbers the practice's way; prefixes, and what someone is typing, as they are.
    const QStringList shownEntries = PlanEditing::shownNumbers(entries, m_draft.region());
    QList<int> lineNumbers;
    if (const QStringList lines = linesOf(m_entries->toPlainText(), &lineNumbers);
        lines != entries && lines != shownEntries) {
        const QSignalBlocker blocker(m_entries);
        m_entries->setPlainText(shownEntries.join(u'\n'));
        lineNumbers.clear();
        linesOf(m_entries->toPlainText(), &lineNumbers);
    }
    // Faults are named by entry; the person sees lines.
    QStringList errors;
    for (int i = 0; i < lineNumbers.size(); ++i) {
        for (const QString &error : m_draft.errorsAt(u"%1[%2]"_s.arg(pathOf(m_choice)).arg(i), false))
            errors.append(tr("Line %1: %2").arg(lineNumbers.at(i)).arg(error));
    }
    errors += m_draft.errorsAt(pathOf(m_choice), false);
    m_error->setErrors(errors);
}

void CallerListsEditor::writeEntries()
{
    const CallerList entries(linesOf(m_entries->toPlainText()));
    const Choice choice = m_choice;
    m_draft.edit([&](RoutingModel &model) {
        switch (choice.kind) {
        case Kind::Block:
            model.block = entries;
            break;
        case Kind::Allow:
            model.allow = entries;
            break;
        case Kind::Named:
            model.lists.insert(choice.name, entries);
            break;
        }
    });
}

void CallerListsEditor::addList()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New caller list"),
        tr("Name of the list (for example \"vip\" or \"suppliers\"):"), QLineEdit::Normal, QString(), &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    if (m_draft.model().lists.contains(name)) {
        QMessageBox::information(
            this, tr("New caller list"), tr("There is already a list \"%1\".").arg(name));
        return;
    }
    m_choice = { Kind::Named, name };
    m_draft.edit([&](RoutingModel &model) { model.lists.insert(name, CallerList()); });
    m_entries->setFocus();
}

void CallerListsEditor::renameList()
{
    if (m_choice.kind != Kind::Named)
        return;
    const QString old = m_choice.name;
    bool ok = false;
    const QString name
        = QInputDialog::getText(this, tr("Rename list"), tr("New name:"), QLineEdit::Normal, old, &ok)
              .trimmed();
    if (!ok || name.isEmpty() || name == old)
        return;
    if (m_draft.model().lists.contains(name)) {
        QMessageBox::information(this, tr("Rename list"), tr("There is already a list \"%1\".").arg(name));
        return;
    }
    m_choice = { Kind::Named, name };
    // The rules that test the list follow it to its new name.
    m_draft.edit([&](RoutingModel &model) {
        model.lists.insert(name, model.lists.take(old));
        for (RoutingPlan &plan : model.plans) {
            for (Rule &rule : plan.rules) {
                if (rule.when.callerIn == old)
                    rule.when.callerIn = name;
                if (rule.when.callerNotIn == old)
                    rule.when.callerNotIn = name;
            }
        }
    });
}

void CallerListsEditor::removeList()
{
    if (m_choice.kind != Kind::Named)
        return;
    const QString name = m_choice.name;
    const QStringList places = PlanReferences::ofList(m_draft.model(), name);
    if (!places.isEmpty()) {
        QMessageBox::information(this, tr("Remove list"),
            tr("The list \"%1\" is still used by %2. Change those rules first.")
                .arg(name, QLocale().createSeparatedList(places)));
        return;
    }
    const auto answer = QMessageBox::question(this, tr("Remove list"),
        tr("Remove the list \"%1\"?").arg(name), QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_choice = { Kind::Block, {} };
    m_draft.edit([&](RoutingModel &model) { model.lists.remove(name); });
}
