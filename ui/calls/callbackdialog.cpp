// "Call back…": whom, and whose phone rings first.
#include "callbackdialog.h"

#include "desktop/uistate.h"
#include "look/growtofit.h"
#include "look/statuscolours.h"
#include "phone/phonenormalizer.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// The staff member's name alone, for the sentence that says whose phone rings.
constexpr int NameRole = Qt::UserRole + 1;

} // namespace

std::optional<CallBackTarget> CallBackTarget::forCall(const CallListEntry &entry)
{
    const CallSessionRecord &call = entry.session;
    const QString number = call.direction == CallDirection::Outgoing ? call.to : call.from;
    // Stored numbers are E.164 already; anything else (a withheld caller's "anonymous") cannot be dialled.
    if (call.callSid.isEmpty() || PhoneNormalizer::isWithheldCallerId(number) || !number.startsWith(u'+'))
        return std::nullopt;
    return CallBackTarget { call.callSid, number, entry.customerName };
}

CallBackDialog::CallBackDialog(const CallBackTarget &target, const QList<Person> &staff, const QString &region,
                               UiState *memory, QWidget *parent)
    : QDialog(parent)
    , m_target(target)
    , m_region(region)
    , m_memory(memory)
    , m_staffChoice(new QRadioButton(tr("A staff member:"), this))
    , m_staffBox(new QComboBox(this))
    , m_otherChoice(new QRadioButton(tr("Another phone:"), this))
    , m_otherEdit(new QLineEdit(this))
    , m_otherProblem(new QLabel(this))
    , m_explanation(new QLabel(this))
{
    GrowToFit::keep(this);
    setWindowTitle(tr("Call back"));
    const PhoneNormalizer numbers(m_region);

    auto *whom = new QLabel(this);
    whom->setTextFormat(Qt::PlainText);
    whom->setWordWrap(true);
    QFont bigger = whom->font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.15);
    bigger.setBold(true);
    whom->setFont(bigger);
    const QString shownNumber = numbers.toDisplay(m_target.number);
    whom->setText(m_target.name.isEmpty() ? tr("Call back %1").arg(shownNumber)
                                          : tr("Call back %1, %2").arg(m_target.name, shownNumber));
    whom->setObjectName(u"whom"_s);

    auto *question = new QLabel(tr("Whose phone rings first?"), this);
    for (const Person &person : staff) {
        const QString shown = person.phone.isEmpty()
            ? person.name
            : tr("%1 — %2").arg(person.name, numbers.toDisplay(person.phone));
        m_staffBox->addItem(shown, person.id);
        m_staffBox->setItemData(m_staffBox->count() - 1, person.name, NameRole);
    }
    m_staffBox->setAccessibleName(tr("Staff member"));
    m_otherEdit->setPlaceholderText(tr("Phone number, e.g. a desk phone"));
    m_otherEdit->setAccessibleName(tr("Another phone"));
    m_otherProblem->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    m_otherProblem->setTextFormat(Qt::PlainText);
    m_otherProblem->setWordWrap(true);
    m_otherProblem->hide();
    m_explanation->setTextFormat(Qt::PlainText);
    m_explanation->setWordWrap(true);
    m_explanation->setForegroundRole(QPalette::PlaceholderText);
    m_explanation->setObjectName(u"explanation"_s);

    auto *group = new QButtonGroup(this);
    group->addButton(m_staffChoice);
    group->addButton(m_otherChoice);
    if (staff.isEmpty()) {
        // Nobody to pick: the plan lists no staff (or the other Switchboard did not say).
        m_staffChoice->setEnabled(false);
        m_staffBox->setEnabled(false);
        m_staffBox->setPlaceholderText(tr("No staff in the routing plan"));
    }

    auto *choices = new QGridLayout;
    choices->setColumnStretch(1, 1);
    choices->addWidget(m_staffChoice, 0, 0);
    choices->addWidget(m_staffBox, 0, 1);
    choices->addWidget(m_otherChoice, 1, 0);
    choices->addWidget(m_otherEdit, 1, 1);
    choices->addWidget(m_otherProblem, 2, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_callBack = buttons->button(QDialogButtonBox::Ok);
    m_callBack->setText(tr("Call back"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(whom);
    layout->addSpacing(8);
    layout->addWidget(question);
    layout->addLayout(choices);
    layout->addSpacing(4);
    layout->addWidget(m_explanation);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(460);

    connect(m_staffChoice, &QRadioButton::toggled, this, &CallBackDialog::followChoice);
    connect(m_otherChoice, &QRadioButton::toggled, this, &CallBackDialog::followChoice);
    connect(m_staffBox, &QComboBox::currentIndexChanged, this, [this] {
        m_staffChoice->setChecked(m_staffBox->isEnabled());
        followChoice();
    });
    // Typing a number picks "Another phone".
    connect(m_otherEdit, &QLineEdit::textEdited, m_otherChoice, [this] { m_otherChoice->setChecked(true); });
    connect(m_otherEdit, &QLineEdit::textChanged, this, &CallBackDialog::followChoice);

    // The phone chosen last time, when it is still offered; else the first staff member.
    const UiState::CallBackPhone last = m_memory ? m_memory->callBackPhone() : UiState::CallBackPhone {};
    if (!last.number.isEmpty())
        chooseOtherPhone(numbers.toDisplay(last.number));
    else if (!staff.isEmpty())
        chooseStaff(last.staffId);
    else
        chooseOtherPhone({});
}

QString CallBackDialog::staffId() const
{
    return m_staffChoice->isChecked() ? m_staffBox->currentData().toString() : QString();
}

QString CallBackDialog::otherPhone() const
{
    if (!m_otherChoice->isChecked())
        return {};
    return PhoneNormalizer(m_region).toE164(m_otherEdit->text()).value_or(QString());
}

void CallBackDialog::chooseStaff(const QString &staffId)
{
    if (!m_staffBox->isEnabled())
        return;
    const int row = m_staffBox->findData(staffId);
    m_staffBox->setCurrentIndex(row >= 0 ? row : 0);
    m_staffChoice->setChecked(true);
    followChoice();
}

void CallBackDialog::chooseOtherPhone(const QString &written)
{
    m_otherEdit->setText(written);
    m_otherChoice->setChecked(true);
    followChoice();
}

QString CallBackDialog::problem() const
{
    if (m_staffChoice->isChecked())
        return m_staffBox->currentData().toString().isEmpty() ? tr("Choose whose phone rings first.") : QString();
    if (m_otherEdit->text().trimmed().isEmpty())
        return tr("Type the number of the phone that rings first.");
    QString error;
    if (!PhoneNormalizer(m_region).toE164(m_otherEdit->text(), &error))
        return error.isEmpty() ? tr("That is not a phone number that can be called.") : error;
    return {};
}

QString CallBackDialog::shownCustomer() const
{
    return m_target.name.isEmpty() ? PhoneNormalizer(m_region).toDisplay(m_target.number) : m_target.name;
}

QString CallBackDialog::explanation() const
{
    if (m_staffChoice->isChecked()) {
        const QString name = m_staffBox->currentData(NameRole).toString();
        return tr("%1's phone rings first; press 1 to be connected to %2. They see the practice's number.")
            .arg(name, shownCustomer());
    }
    return tr("Your phone rings first; press 1 to be connected to %1. They see the practice's number.")
        .arg(shownCustomer());
}

void CallBackDialog::followChoice()
{
    const bool other = m_otherChoice->isChecked();
    // A number only half typed is not yet wrong: the problem shows once there is something to read.
    const QString problem = this->problem();
    const bool showProblem = other && !m_otherEdit->text().trimmed().isEmpty() && !problem.isEmpty();
    m_otherProblem->setText(showProblem ? problem : QString());
    m_otherProblem->setVisible(showProblem);
    m_explanation->setText(explanation());
    m_callBack->setEnabled(problem.isEmpty());
    m_callBack->setToolTip(problem);
}

FeedCommand CallBackDialog::command(const QString &id, const QString &seat) const
{
    // A call names the customer better than a number (their name, the line they called): the number is sent
    // only when no call is known.
    return FeedCommand::callBack(id, m_target.callSid, m_target.callSid.isEmpty() ? m_target.number : QString(),
        staffId(), otherPhone(), seat);
}

void CallBackDialog::accept()
{
    if (!problem().isEmpty())
        return;
    if (m_memory)
        m_memory->setCallBackPhone({ staffId(), otherPhone() });
    QDialog::accept();
}
