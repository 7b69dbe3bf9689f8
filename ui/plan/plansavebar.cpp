// Save and Discard for the shared working copy of the routing plan.
#include "plansavebar.h"

#include "look/icons.h"
#include "look/statuscolours.h"
#include "plandraft.h"

#include <QHBoxLayout>
#include <optional>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

PlanSaveBar::PlanSaveBar(PlanDraft &draft, QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_status(new QLabel(this))
    , m_save(new QPushButton(Icons::named(u"document-save"_s), tr("Save plan"), this))
    , m_discard(new QPushButton(Icons::named(u"edit-undo"_s), tr("Discard changes"), this))
{
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_save->setDefault(true);
    m_save->setToolTip(tr("Calls follow the saved plan from the next call on."));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_discard);
    layout->addWidget(m_save);
    connect(m_save, &QPushButton::clicked, this, [this] { m_draft.save(); });
    connect(m_discard, &QPushButton::clicked, this, &PlanSaveBar::discard);
    connect(&m_draft, &PlanDraft::changed, this, &PlanSaveBar::update);
    update();
}

QString PlanSaveBar::statusText() const
{
    return m_status->text();
}

void PlanSaveBar::update()
{
    const bool modified = m_draft.isModified();
    const qsizetype faults = m_draft.errors().size();
    QString text;
    std::optional<StatusColours::Status> status;
    if (!m_draft.loadError().isEmpty()) {
        text = tr(
            "The saved plan cannot be read (%1). This is the built-in plan; save it to route by it again.")
                   .arg(m_draft.loadError());
        status = StatusColours::Status::Bad;
    } else if (faults > 0) {
        text = tr("%n problem(s) to fix before the plan can be saved; they are marked in red.", nullptr,
            int(faults));
        status = StatusColours::Status::Bad;
    } else if (modified) {
        text = tr("Unsaved changes. Calls follow the saved plan until you save.");
        status = StatusColours::Status::Warning;
    } else if (!m_draft.isOwnPlan()) {
        text = tr(
            "The built-in plan: callers with a booking go to the AI agent, everyone else to the fallback "
            "number. Change it here to make it your own.");
    } else {
        text = tr("Saved. Calls follow this plan.");
        status = StatusColours::Status::Good;
    }
    m_status->setText(text);
    m_status->setStyleSheet(status ? StatusColours::textStyle(*status) : QString());
    m_save->setEnabled((modified || !m_draft.loadError().isEmpty()) && faults == 0);
    m_discard->setEnabled(modified);
}

void PlanSaveBar::discard()
{
    const auto answer = QMessageBox::question(this, tr("Discard changes"),
        tr("Discard every unsaved change to the routing plan, staff and schedules?"),
        QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Discard)
        m_draft.revert();
}
