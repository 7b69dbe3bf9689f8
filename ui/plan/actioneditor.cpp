// Edits one routing action in place in the plan's working copy.
#include "actioneditor.h"

#include "actiondialog.h"
#include "actiontext.h"
#include "fielderror.h"
#include "look/statuscolours.h"
#include "messageeditor.h"
#include "plandraft.h"
#include "planediting.h"
#include "phone/phonenormalizer.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// A ring time left to the default shows as this value ("Usual").
constexpr int UsualRingSeconds = 4;

const ActionKind KindsInOrder[] = { ActionKind::AiAgent, ActionKind::Team, ActionKind::Staff,
    ActionKind::AssignedStaff, ActionKind::NumberOwner, ActionKind::Number, ActionKind::Menu,
    ActionKind::Voicemail, ActionKind::Message, ActionKind::Reject };

// Fills `box` with (name, id) pairs unless it already holds exactly them, so an open list stays put.
void setChoices(QComboBox *box, const QList<std::pair<QString, QString>> &choices, const QString &current)
{
    bool same = box->count() == choices.size();
    for (int i = 0; same && i < box->count(); ++i)
        same = box->itemText(i) == choices.at(i).first && box->itemData(i).toString() == choices.at(i).second;
    const QSignalBlocker blocker(box);
    if (!same) {
        box->clear();
        for (const auto &[name, id] : choices)
            box->addItem(name, id);
    }
    int index = box->findData(current);
    if (index < 0 && !current.isEmpty()) {
        // A reference to something that is gone still shows, so that its fault can be seen and fixed.
        box->addItem(ActionEditor::tr("%1 (missing)").arg(current), current);
        index = box->count() - 1;
    }
    box->setCurrentIndex(index);
}

QChar freeDigit(const Action &menu)
{
    for (const QChar digit : u"1234567890"_s) {
        const bool used = std::any_of(menu.options.cbegin(), menu.options.cend(),
            [&](const MenuOption &option) { return option.digit == digit; });
        if (!used)
            return digit;
    }
    return {};
}

QPushButton *smallButton(const QString &text, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setAutoDefault(false);
    return button;
}

} // namespace

ActionEditor::ActionEditor(PlanDraft &draft, QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_form(new QFormLayout(this))
    , m_kind(new QComboBox(this))
    , m_team(new QComboBox(this))
    , m_staff(new QComboBox(this))
    , m_number(new QLineEdit(this))
    , m_ringSeconds(new QSpinBox(this))
    , m_messageLabel(new QLabel(this))
    , m_message(new MessageEditor(this))
    , m_timeout(new QSpinBox(this))
    , m_attempts(new QSpinBox(this))
    , m_optionsBox(new QWidget(this))
    , m_options(new QTableWidget(0, 2, this))
    , m_addOption(smallButton(tr("Add key"), this))
    , m_editOption(smallButton(tr("Edit…"), this))
    , m_removeOption(smallButton(tr("Remove key"), this))
    , m_otherwiseBox(new QWidget(this))
    , m_otherwiseChoice(new QComboBox(this))
    , m_otherwiseText(new QLabel(this))
    , m_otherwiseEdit(smallButton(tr("Edit…"), this))
    , m_kindError(new FieldError(m_kind, this))
    , m_targetError(new FieldError(nullptr, this))
    , m_optionsError(new FieldError(m_options, this))
    , m_otherwiseError(new FieldError(nullptr, this))
{
    for (const ActionKind kind : KindsInOrder)
        m_kind->addItem(ActionText::kindName(kind), int(kind));
    // Long choices must not widen the form past the panel: the combos shorten what they show.
    for (QComboBox *box : { m_kind, m_team, m_staff, m_otherwiseChoice }) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(16);
    }
    m_number->setPlaceholderText(tr("+1 555 000 1234"));
    m_ringSeconds->setRange(UsualRingSeconds, 120);
    m_ringSeconds->setSpecialValueText(tr("Usual"));
    m_ringSeconds->setSuffix(tr(" s"));
    m_timeout->setRange(1, 60);
    m_timeout->setSuffix(tr(" s"));
    m_attempts->setRange(1, 10);
    for (QSpinBox *box : { m_ringSeconds, m_timeout, m_attempts })
        box->setMaximumWidth(110);

    m_options->setHorizontalHeaderLabels({ tr("Key"), tr("Then") });
    m_options->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_options->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_options->setSelectionMode(QAbstractItemView::SingleSelection);
    m_options->verticalHeader()->hide();
    m_options->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_options->horizontalHeader()->setStretchLastSection(true);
    m_options->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_options->setMinimumHeight(110);
    m_options->setMaximumHeight(170);
    m_options->setAccessibleName(tr("Menu keys"));
    auto *optionButtons = new QHBoxLayout;
    optionButtons->addWidget(m_addOption);
    optionButtons->addWidget(m_editOption);
    optionButtons->addWidget(m_removeOption);
    optionButtons->addStretch(1);
    auto *optionsLayout = new QVBoxLayout(m_optionsBox);
    optionsLayout->setContentsMargins(0, 0, 0, 0);
    optionsLayout->addWidget(m_options);
    optionsLayout->addLayout(optionButtons);
    optionsLayout->addWidget(m_optionsError);

    m_otherwiseChoice->addItem(tr("The usual: the fallback number, then voicemail or the closing message"));
    m_otherwiseChoice->addItem(tr("Something else"));
    m_otherwiseText->setWordWrap(true);
    auto *otherwiseRow = new QHBoxLayout;
    otherwiseRow->addWidget(m_otherwiseText, 1);
    otherwiseRow->addWidget(m_otherwiseEdit);
    auto *otherwiseLayout = new QVBoxLayout(m_otherwiseBox);
    otherwiseLayout->setContentsMargins(0, 0, 0, 0);
    otherwiseLayout->addWidget(m_otherwiseChoice);
    otherwiseLayout->addLayout(otherwiseRow);
    otherwiseLayout->addWidget(m_otherwiseError);

    auto *kindBox = new QWidget(this);
    auto *kindLayout = new QVBoxLayout(kindBox);
    kindLayout->setContentsMargins(0, 0, 0, 0);
    kindLayout->addWidget(m_kind);
    kindLayout->addWidget(m_kindError);

    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->addRow(tr("&Do"), kindBox);
    m_form->addRow(tr("T&eam"), m_team);
    m_form->addRow(tr("&Person"), m_staff);
    m_form->addRow(tr("Numb&er"), m_number);
    m_form->addRow(tr("Rin&g for"), m_ringSeconds);
    m_form->addRow(QString(), m_targetError);
    m_form->addRow(m_messageLabel, m_message);
    m_form->addRow(tr("Wait for a key"), m_timeout);
    m_form->addRow(tr("Prompts"), m_attempts);
    m_form->addRow(tr("Keys"), m_optionsBox);
    m_form->addRow(tr("If nobody answers"), m_otherwiseBox);

    connect(m_kind, &QComboBox::activated, this, &ActionEditor::changeKind);
    connect(m_team, &QComboBox::activated, this, [this] {
        const QString id = m_team->currentData().toString();
        change([&](Action &action) { action.team = id; });
    });
    connect(m_staff, &QComboBox::activated, this, [this] {
        const QString id = m_staff->currentData().toString();
        change([&](Action &action) { action.staff = id; });
    });
    connect(m_number, &QLineEdit::textEdited, this,
        [this](const QString &text) { change([&](Action &action) { action.number = text.trimmed(); }); });
    connect(m_ringSeconds, &QSpinBox::valueChanged, this, [this](int seconds) {
        change([&](Action &action) {
            action.ringSeconds = seconds == UsualRingSeconds ? std::nullopt : std::optional<int>(seconds);
        });
    });
    connect(m_message, &MessageEditor::edited, this, [this] {
        const Message message = m_message->message();
        change([&](Action &action) { action.message = message; });
    });
    connect(m_timeout, &QSpinBox::valueChanged, this,
        [this](int seconds) { change([&](Action &action) { action.timeoutSeconds = seconds; }); });
    connect(m_attempts, &QSpinBox::valueChanged, this,
        [this](int attempts) { change([&](Action &action) { action.attempts = attempts; }); });
    connect(m_addOption, &QPushButton::clicked, this, &ActionEditor::addOption);
    connect(m_editOption, &QPushButton::clicked, this, &ActionEditor::editOption);
    connect(m_removeOption, &QPushButton::clicked, this, &ActionEditor::removeOption);
    connect(m_options, &QTableWidget::cellDoubleClicked, this, &ActionEditor::editOption);
    connect(m_options, &QTableWidget::itemSelectionChanged, this, [this] {
        const bool chosen = !m_options->selectedItems().isEmpty();
        m_editOption->setEnabled(chosen);
        m_removeOption->setEnabled(chosen);
    });
    connect(m_otherwiseChoice, &QComboBox::activated, this, &ActionEditor::changeOtherwiseChoice);
    connect(m_otherwiseEdit, &QPushButton::clicked, this, &ActionEditor::editOtherwise);
    connect(&m_draft, &PlanDraft::changed, this, &ActionEditor::refresh);
    refresh();
}

void ActionEditor::setLocation(std::optional<ActionLocation> location)
{
    m_location = std::move(location);
    refresh();
}

void ActionEditor::change(const std::function<void(Action &)> &edit)
{
    if (!m_location)
        return;
    const ActionLocation location = *m_location;
    m_draft.edit([&](RoutingModel &model) { location.change(model, edit); });
}

void ActionEditor::changeKind()
{
    const auto kind = ActionKind(m_kind->currentData().toInt());
    const RoutingModel &model = m_draft.model();
    // A new choice starts from something that works where it can: the first team, the first person.
    const QString firstTeam = model.teams.isEmpty() ? QString() : model.teams.first().id;
    const QString firstStaff = model.staff.isEmpty() ? QString() : model.staff.first().id;
    change([&](Action &action) {
        action.kind = kind;
        if (!action.reachesSomeone())
            action.otherwise.reset();
        if (kind == ActionKind::Team && action.team.isEmpty())
            action.team = firstTeam;
        if (kind == ActionKind::Staff && action.staff.isEmpty())
            action.staff = firstStaff;
        if (kind == ActionKind::Menu && action.options.isEmpty()) {
            Action first;
            first.kind = firstTeam.isEmpty() ? ActionKind::Voicemail : ActionKind::Team;
            first.team = firstTeam;
            action.options.append({ u'1', std::make_shared<const Action>(first) });
        }
    });
}

void ActionEditor::changeOtherwiseChoice()
{
    if (!m_location)
        return;
    if (m_otherwiseChoice->currentIndex() == 0) {
        change([](Action &action) { action.otherwise.reset(); });
        return;
    }
    const Action *action = m_location->find(m_draft.model());
    if (!action || action->otherwise)
        return;
    Action voicemail;
    voicemail.kind = ActionKind::Voicemail;
    change([&](Action &changed) { changed.otherwise = std::make_shared<const Action>(voicemail); });
    if (!openNested(m_location->otherwise(), tr("If nobody answers")))
        change([](Action &changed) { changed.otherwise.reset(); });
}

void ActionEditor::addOption()
{
    if (!m_location)
        return;
    const Action *action = m_location->find(m_draft.model());
    const QChar digit = action ? freeDigit(*action) : QChar();
    if (digit.isNull())
        return;
    const RoutingModel &model = m_draft.model();
    Action option;
    option.kind = model.teams.isEmpty() ? ActionKind::Voicemail : ActionKind::Team;
    option.team = model.teams.isEmpty() ? QString() : model.teams.first().id;
    change([&](Action &menu) {
        menu.options.append({ digit, std::make_shared<const Action>(option) });
        std::sort(menu.options.begin(), menu.options.end(),
            [](const MenuOption &a, const MenuOption &b) { return a.digit < b.digit; });
    });
    if (!openNested(m_location->option(digit), tr("Key %1").arg(digit))) {
        change([&](Action &menu) {
            menu.options.removeIf([&](const MenuOption &existing) { return existing.digit == digit; });
        });
    }
}

void ActionEditor::editOption()
{
    const QList<QTableWidgetItem *> selected = m_options->selectedItems();
    if (!m_location || selected.isEmpty())
        return;
    const QChar digit = m_options->item(selected.first()->row(), 0)->text().at(0);
    openNested(m_location->option(digit), tr("Key %1").arg(digit));
}

void ActionEditor::removeOption()
{
    const QList<QTableWidgetItem *> selected = m_options->selectedItems();
    if (!m_location || selected.isEmpty())
        return;
    const QChar digit = m_options->item(selected.first()->row(), 0)->text().at(0);
    change([&](Action &menu) {
        menu.options.removeIf([&](const MenuOption &option) { return option.digit == digit; });
    });
}

void ActionEditor::editOtherwise()
{
    if (m_location)
        openNested(m_location->otherwise(), tr("If nobody answers"));
}

bool ActionEditor::openNested(const ActionLocation &nested, const QString &title)
{
    // Made here and handed over: the dialog does not know ActionEditor, which opens it.
    auto *editor = new ActionEditor(m_draft);
    editor->setLocation(nested);
    ActionDialog dialog(m_draft, nested, editor, title, this);
    return dialog.exec() == QDialog::Accepted;
}

void ActionEditor::fillChoices(const RoutingModel &model)
{
    const Action *action = m_location ? m_location->find(model) : nullptr;
    QList<std::pair<QString, QString>> teams;
    for (const Team &team : model.teams)
        teams.append({ team.name.isEmpty() ? team.id : team.name, team.id });
    setChoices(m_team, teams, action ? action->team : QString());
    QList<std::pair<QString, QString>> staff;
    for (const StaffMember &member : model.staff)
        staff.append({ member.name.isEmpty() ? member.id : member.name, member.id });
    setChoices(m_staff, staff, action ? action->staff : QString());
}

void ActionEditor::refresh()
{
    const RoutingModel &model = m_draft.model();
    const Action *action = m_location ? m_location->find(model) : nullptr;
    setEnabled(action != nullptr);
    const Action shown = action ? *action : Action {};
    fillChoices(model);
    {
        const QSignalBlocker kindBlocker(m_kind);
        m_kind->setCurrentIndex(m_kind->findData(int(shown.kind)));
    }
    const ActionKind kind = shown.kind;
    const bool rings = kind == ActionKind::Staff || kind == ActionKind::Number
        || kind == ActionKind::AssignedStaff || kind == ActionKind::NumberOwner;
    const bool speaks
        = kind == ActionKind::Menu || kind == ActionKind::Voicemail || kind == ActionKind::Message;
    m_form->setRowVisible(m_team, kind == ActionKind::Team);
    m_form->setRowVisible(m_staff, kind == ActionKind::Staff);
    m_form->setRowVisible(m_number, kind == ActionKind::Number);
    m_form->setRowVisible(m_ringSeconds, rings);
    m_form->setRowVisible(m_message, speaks);
    m_form->setRowVisible(m_timeout, kind == ActionKind::Menu);
    m_form->setRowVisible(m_attempts, kind == ActionKind::Menu);
    m_form->setRowVisible(m_optionsBox, kind == ActionKind::Menu);
    m_form->setRowVisible(m_otherwiseBox, shown.reachesSomeone());

    // Spaces typed so far stay: the number is read (and trimmed) only when the plan is checked.
    const QString shownNumber = PlanEditing::shownNumber(shown.number.trimmed(), m_draft.region());
    if (const QString typed = m_number->text().trimmed(); typed != shown.number.trimmed() && typed != shownNumber)
        m_number->setText(shownNumber);
    {
        const QSignalBlocker blockers[] { QSignalBlocker(m_ringSeconds), QSignalBlocker(m_timeout),
            QSignalBlocker(m_attempts) };
        m_ringSeconds->setValue(shown.ringSeconds.value_or(UsualRingSeconds));
        m_timeout->setValue(shown.timeoutSeconds);
        m_attempts->setValue(shown.attempts);
    }
    m_messageLabel->setText(kind == ActionKind::Menu ? tr("Prompt")
            : kind == ActionKind::Voicemail          ? tr("Greeting")
                                                     : tr("Message"));
    m_message->setPlaceholderText(kind == ActionKind::Menu
            ? tr("For appointments press 1. For billing press 2.")
            : kind == ActionKind::Voicemail ? tr("Empty: the plan's voicemail greeting")
                                            : tr("What the caller hears before the call ends"));
    m_message->setMessage(shown.message);

    const PhoneNormalizer phone(m_draft.region());
    const int selectedRow = m_options->currentRow();
    m_options->setRowCount(int(shown.options.size()));
    for (int row = 0; row < shown.options.size(); ++row) {
        const MenuOption &option = shown.options.at(row);
        auto *key = new QTableWidgetItem(QString(option.digit));
        auto *then
            = new QTableWidgetItem(option.action ? ActionText::describe(*option.action, model, phone) : QString());
        const QStringList faults
            = m_location ? m_draft.errorsAt(m_location->option(option.digit).path()) : QStringList();
        if (!faults.isEmpty()) {
            then->setForeground(StatusColours::colour(StatusColours::Status::Bad, palette()));
            then->setToolTip(faults.join(u'\n'));
            then->setText(tr("%1 — needs fixing").arg(then->text()));
        }
        m_options->setItem(row, 0, key);
        m_options->setItem(row, 1, then);
    }
    if (selectedRow >= 0 && selectedRow < m_options->rowCount())
        m_options->selectRow(selectedRow);
    m_addOption->setEnabled(!freeDigit(shown).isNull());
    m_editOption->setEnabled(!m_options->selectedItems().isEmpty());
    m_removeOption->setEnabled(!m_options->selectedItems().isEmpty());

    m_otherwiseChoice->setCurrentIndex(shown.otherwise ? 1 : 0);
    m_otherwiseText->setText(shown.otherwise ? ActionText::describe(*shown.otherwise, model, phone) : QString());
    m_otherwiseText->setVisible(bool(shown.otherwise));
    m_otherwiseEdit->setVisible(bool(shown.otherwise));
    showErrors();
}

void ActionEditor::showErrors()
{
    if (!m_location) {
        for (FieldError *error : { m_kindError, m_targetError, m_optionsError, m_otherwiseError })
            error->setErrors({});
        m_message->setErrors({});
        return;
    }
    const QString path = m_location->path();
    m_kindError->setErrors(m_draft.errorsAt(path, false) + m_draft.errorsAt(path + u".do"_s));
    m_targetError->setErrors(m_draft.errorsAt(path + u".team"_s) + m_draft.errorsAt(path + u".staff"_s)
        + m_draft.errorsAt(path + u".number"_s) + m_draft.errorsAt(path + u".ring_seconds"_s));
    m_message->setErrors(m_draft.errorsAt(path + u".prompt"_s) + m_draft.errorsAt(path + u".greeting"_s)
        + m_draft.errorsAt(path + u".message"_s));
    m_optionsError->setErrors(m_draft.errorsAt(path + u".options"_s, false));
    const QStringList inOtherwise = m_draft.errorsAt(path + u".otherwise"_s);
    m_otherwiseError->setErrors(inOtherwise.isEmpty()
            ? QStringList()
            : QStringList { tr("Needs fixing: %1").arg(inOtherwise.join(u"; "_s)) });
}
