// Edits a menu key's action or an "otherwise" one level down.
#include "actiondialog.h"

#include "look/growtofit.h"
#include "plandraft.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QVBoxLayout>

ActionDialog::ActionDialog(
    PlanDraft &draft, const ActionLocation &location, QWidget *editor, const QString &title, QWidget *parent)
    : QDialog(parent)
    , m_draft(draft)
    , m_location(location)
{
    // Problem lines appear under the fields: the dialog grows rather than covering them with its buttons.
    GrowToFit::keep(this);
    setWindowTitle(title);
    if (const Action *action = location.find(draft.model()))
        m_before = *action;
    // The editor first, so that Tab goes through its fields before it reaches the buttons.
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(editor, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Done"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(620, sizeHint().height());
}

void ActionDialog::reject()
{
    const Action before = m_before;
    const ActionLocation location = m_location;
    m_draft.edit(
        [&](RoutingModel &model) { location.change(model, [&](Action &action) { action = before; }); });
    QDialog::reject();
}
