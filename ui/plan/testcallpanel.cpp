// Runs the routing simulator on the plan being edited and shows the path a call would take.
#include "testcallpanel.h"

#include "look/icons.h"
#include "look/statuscolours.h"
#include "phone/phonenormalizer.h"

#include "calls/calllogwords.h"
#include "look/shownclock.h"
#include "plandraft.h"
#include "routing/callsimulator.h"
#include "settings/settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr int TwimlRole = Qt::UserRole + 1;

QTableWidget *resultTable(const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setWordWrap(false);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return table;
}

} // namespace

TestCallPanel::TestCallPanel(PlanDraft &draft, Database &db, Settings &settings, QWidget *parent)
    : QWidget(parent)
    , m_draft(draft)
    , m_db(db)
    , m_settings(settings)
    , m_from(new QLineEdit(this))
    , m_to(new QComboBox(this))
    , m_when(new QDateTimeEdit(this))
    , m_now(new QCheckBox(tr("&Now"), this))
    , m_keys(new QLineEdit(this))
    , m_run(new QPushButton(Icons::named(u"call-start"_s), tr("Test t&his call"), this))
    , m_summary(new QLabel(this))
    , m_dials(resultTable({ tr("Tier"), tr("Rings"), tr("Phone") }, this))
    , m_steps(resultTable({ tr("Step"), tr("What happens") }, this))
    , m_twiml(new QPlainTextEdit(this))
    , m_showTwiml(new QCheckBox(tr("Show what Twilio is told"), this))
{
    m_from->setPlaceholderText(tr("The caller's number, e.g. (555) 123-0001"));
    m_to->setEditable(true);
    m_to->setInsertPolicy(QComboBox::NoInsert);
    m_to->lineEdit()->setPlaceholderText(tr("Our number that was called"));
    m_when->setCalendarPopup(true);
    ShownClock::prepareEditor(m_when);
    m_when->setDisplayFormat(u"ddd d MMM yyyy  "_s + clock().timeFormat());
    clock().showInEditor(m_when, QDateTime::currentDateTimeUtc());
    m_when->setEnabled(false);
    m_now->setChecked(true);
    m_keys->setPlaceholderText(tr("Keys pressed in menus, e.g. 12"));
    m_keys->setValidator(nullptr);
    m_keys->setMaxLength(20);
    m_run->setDefault(true);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setMinimumHeight(m_summary->fontMetrics().height() * 4);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_twiml->setReadOnly(true);
    m_twiml->setPlaceholderText(tr("Choose a step to read it in full."));
    // The TwiML is for whoever looks after the set-up; the owner reads the plain sentence.
    m_showTwiml->setObjectName(u"showTwiml"_s);
    m_showTwiml->setChecked(false);
    m_twiml->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    QFont mono(u"monospace"_s);
    mono.setStyleHint(QFont::Monospace);
    m_twiml->setFont(mono);

    auto *whenRow = new QHBoxLayout;
    whenRow->addWidget(m_when, 1);
    whenRow->addWidget(m_now);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Call &from"), m_from);
    form->addRow(tr("Call t&o"), m_to);
    auto *whenLabel = new QLabel(tr("&When"), this);
    whenLabel->setBuddy(m_when);
    form->addRow(whenLabel, whenRow);
    form->addRow(tr("&Keys pressed"), m_keys);
    auto *intro
        = new QLabel(tr("Try the plan as it stands here, saved or not, against your real customers and "
                        "bookings. Nobody is called and nothing is logged; in a test nobody answers, so "
                        "the call goes on to the end of its path."),
            this);
    intro->setWordWrap(true);
    auto *runRow = new QHBoxLayout;
    runRow->addStretch(1);
    runRow->addWidget(m_run);
    auto *left = new QVBoxLayout;
    left->addWidget(intro);
    left->addLayout(form);
    left->addLayout(runRow);
    left->addWidget(m_summary);
    left->addWidget(new QLabel(tr("Who would ring, in order"), this));
    left->addWidget(m_dials, 1);
    auto *leftWidget = new QWidget(this);
    leftWidget->setLayout(left);
    left->setContentsMargins(0, 0, 0, 0);

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_twiml, 1);
    detailLayout->addWidget(m_showTwiml);
    auto *stepsSplitter = new QSplitter(Qt::Vertical, this);
    stepsSplitter->addWidget(m_steps);
    stepsSplitter->addWidget(detail);
    stepsSplitter->setStretchFactor(0, 3);
    stepsSplitter->setStretchFactor(1, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(leftWidget);
    splitter->addWidget(stepsSplitter);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_now, &QCheckBox::toggled, m_when, [this](bool now) {
        m_when->setEnabled(!now);
        if (now)
            clock().showInEditor(m_when, QDateTime::currentDateTimeUtc());
    });
    connect(m_run, &QPushButton::clicked, this, &TestCallPanel::run);
    connect(m_from, &QLineEdit::returnPressed, this, &TestCallPanel::run);
    connect(m_keys, &QLineEdit::returnPressed, this, &TestCallPanel::run);
    connect(m_steps, &QTableWidget::itemSelectionChanged, this, &TestCallPanel::showTwiml);
    connect(m_showTwiml, &QCheckBox::toggled, this, &TestCallPanel::showTwiml);
    loadNumbers();
}

ShownClock TestCallPanel::clock() const
{
    // The plan as edited, saved or not, as the test runs on it.
    return ShownClock(m_draft.model().timeZone);
}

void TestCallPanel::loadNumbers()
{
    const QStringList numbers
        = m_settings.value(u"twilio.numbers"_s).value_or(QString()).split(u',', Qt::SkipEmptyParts);
    // As people write them; the E.164 form goes with each.
    const PhoneNormalizer phone(m_settings.routerSettings().defaultRegion);
    for (const QString &number : numbers)
        m_to->addItem(phone.toDisplay(number.trimmed()), number.trimmed());
}

void TestCallPanel::run()
{
    m_dials->setRowCount(0);
    m_steps->setRowCount(0);
    m_twiml->clear();
    const auto fail = [this](const QString &why) {
        m_summary->setText(u"<span style='color:%1'>%2</span>"_s.arg(StatusColours::name(StatusColours::Status::Bad), why.toHtmlEscaped()));
    };
    if (m_from->text().trimmed().isEmpty()) {
        fail(tr("Type the number the test call comes from."));
        m_from->setFocus();
        return;
    }
    if (!m_draft.checkedModel()) {
        fail(tr("The plan has problems marked in red; fix them first, then test."));
        return;
    }
    SimulationRequest request;
    request.from = m_from->text().trimmed();
    const int listed = m_to->findText(m_to->currentText());
    request.to = listed >= 0 ? m_to->itemData(listed).toString() : m_to->currentText().trimmed();
    // A time typed here is the business's local time, read in the plan's time zone.
    request.at = m_now->isChecked() ? QDateTime() : clock().instantInEditor(m_when);
    request.digits = m_keys->text().trimmed();
    const RouterSettings settings = m_settings.routerSettings();
    const Result<Simulation> simulated = CallSimulator(m_db, settings).run(request, *m_draft.checkedModel());
    if (!simulated) {
        fail(simulated.error());
        return;
    }
    const Simulation &result = simulated.value();
    const PhoneNormalizer phone(settings.defaultRegion);
    QStringList lines;
    if (!settings.routingEnabled)
        lines.append(u"<b>%1</b>"_s.arg(
            tr("Routing is paused: calls go straight to the fallback number until it is turned on in Setup.")
                .toHtmlEscaped()));
    QString who;
    const QString from = phone.toDisplay(result.from);
    if (result.customerName.isEmpty())
        who = tr("%1, not a customer").arg(from);
    else if (!result.hasBooking)
        who = tr("%1 · %2, no active booking").arg(result.customerName, from);
    else if (result.bookingId.isEmpty())
        who = tr("%1 · %2, with an active booking").arg(result.customerName, from);
    else
        who = tr("%1 · %2, booking %3").arg(result.customerName, from, result.bookingId);
    lines.append(tr("Caller: %1").arg(who).toHtmlEscaped());
    if (result.blocked)
        lines.append(tr("Turned away by the caller lists.").toHtmlEscaped());
    else if (!result.matchedRule.isEmpty())
        lines.append(tr("Rule: <b>%1</b> (%2)")
                         .arg(result.matchedRule.toHtmlEscaped(), result.matchedWhy.toHtmlEscaped()));
    else
        lines.append(tr("No rule applies.").toHtmlEscaped());
    lines.append(tr("Ends: %1").arg(result.ending).toHtmlEscaped());
    m_summary->setText(lines.join(u"<br>"_s));

    m_dials->setRowCount(int(result.dialOrder.size() + result.skipped.size()));
    int row = 0;
    for (const Simulation::Dial &dial : result.dialOrder) {
        m_dials->setItem(
            row, 0, new QTableWidgetItem(dial.tier > 0 ? QString::number(dial.tier) : QString()));
        const QString dialled = phone.toDisplay(dial.phone);
        m_dials->setItem(row, 1, new QTableWidgetItem(dial.name.isEmpty() ? dialled : dial.name));
        m_dials->setItem(row, 2, new QTableWidgetItem(dialled));
        ++row;
    }
    for (const SkippedStaff &skipped : result.skipped) {
        auto *name = new QTableWidgetItem(
            tr("%1 — skipped: %2")
                .arg(skipped.name.isEmpty() ? skipped.staffId : skipped.name, skipped.reason));
        name->setForeground(palette().color(QPalette::PlaceholderText));
        m_dials->setItem(row, 0, new QTableWidgetItem());
        m_dials->setItem(row, 1, name);
        m_dials->setItem(row, 2, new QTableWidgetItem());
        ++row;
    }
    m_steps->setRowCount(int(result.steps.size()));
    for (int i = 0; i < result.steps.size(); ++i) {
        const Simulation::Step &step = result.steps.at(i);
        auto *name = new QTableWidgetItem(CallLogWords::step(step.step));
        name->setData(TwimlRole, step.twiml);
        auto *detail = new QTableWidgetItem(phone.displayNumbersIn(step.detail));
        detail->setToolTip(step.detail);
        m_steps->setItem(i, 0, name);
        m_steps->setItem(i, 1, detail);
    }
    if (m_steps->rowCount() > 0)
        m_steps->selectRow(0);
}

void TestCallPanel::showTwiml()
{
    const QList<QTableWidgetItem *> selected = m_steps->selectedItems();
    if (selected.isEmpty()) {
        m_twiml->clear();
        return;
    }
    const int row = selected.first()->row();
    const QString twiml = m_steps->item(row, 0)->data(TwimlRole).toString();
    // The whole sentence (the list shows one line of it), then, when asked for, what Twilio would be told.
    QString text = m_steps->item(row, 1)->text();
    if (m_showTwiml->isChecked())
        text += u"\n\n"_s + (twiml.isEmpty() ? tr("(No answer to Twilio at this step.)") : twiml);
    m_twiml->setPlainText(text);
}
