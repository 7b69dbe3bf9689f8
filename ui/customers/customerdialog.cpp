// Adds or edits one customer, each field checked where it is typed.
#include "customerdialog.h"

#include "importer/customercheck.h"
#include "look/growtofit.h"
#include "look/statuscolours.h"
#include "phone/phonenormalizer.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {


QLabel *problemLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setStyleSheet(StatusColours::textStyle(StatusColours::Status::Bad));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->hide();
    return label;
}

} // namespace

CustomerDialog::CustomerDialog(const QString &defaultRegion, const StaffList &staff, QWidget *parent)
    : QDialog(parent)
    , m_phone(std::make_unique<PhoneNormalizer>(defaultRegion))
    , m_nameEdit(new QLineEdit(this))
    , m_nameProblem(problemLabel(this))
    , m_phoneEdit(new QLineEdit(this))
    , m_phoneProblem(problemLabel(this))
    , m_phoneNote(new QLabel(this))
    , m_emailEdit(new QLineEdit(this))
    , m_emailProblem(problemLabel(this))
    , m_staff(new QComboBox(this))
    , m_notes(new QPlainTextEdit(this))
    , m_saveProblem(problemLabel(this))
{
    // Problem lines appear under the fields: the dialog grows rather than covering them with its buttons.
    GrowToFit::keep(this);
    setWindowTitle(tr("Add customer"));
    m_nameEdit->setObjectName(u"name"_s);
    m_phoneEdit->setObjectName(u"phone"_s);
    m_emailEdit->setObjectName(u"email"_s);
    m_staff->setObjectName(u"assignedStaff"_s);
    m_notes->setObjectName(u"notes"_s);
    m_phoneEdit->setPlaceholderText(tr("(555) 123-4567 or +44 20 7946 0018"));
    m_phoneNote->setWordWrap(true);
    m_phoneNote->setForegroundRole(QPalette::PlaceholderText);
    m_notes->setTabChangesFocus(true);
    m_notes->setFixedHeight(m_notes->fontMetrics().lineSpacing() * 4 + 12);

    m_staff->addItem(tr("Nobody"), QString());
    for (const auto &[id, name] : staff)
        m_staff->addItem(name.isEmpty() ? id : name, id);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_nameEdit);
    form->addRow(QString(), m_nameProblem);
    form->addRow(tr("&Phone:"), m_phoneEdit);
    form->addRow(QString(), m_phoneProblem);
    form->addRow(QString(), m_phoneNote);
    form->addRow(tr("&Email:"), m_emailEdit);
    form->addRow(QString(), m_emailProblem);
    form->addRow(tr("&Assigned to:"), m_staff);
    form->addRow(tr("N&otes:"), m_notes);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_saveProblem);
    layout->addWidget(buttons);
    setMinimumWidth(460);

    connect(buttons, &QDialogButtonBox::accepted, this, &CustomerDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CustomerDialog::reject);
    // A field is marked when it is left; once marked, it is checked again as it is corrected, so that the
    // red goes as soon as it is right (and does not flash up while a number is half typed).
    connect(m_nameEdit, &QLineEdit::editingFinished, this, [this] { checkName(true); });
    connect(m_nameEdit, &QLineEdit::textEdited, this, [this] { checkName(m_nameProblem->isVisible()); });
    connect(m_phoneEdit, &QLineEdit::editingFinished, this, [this] { checkPhone(true); });
    connect(m_phoneEdit, &QLineEdit::textChanged, this, [this] { checkPhone(m_phoneProblem->isVisible()); });
    connect(m_emailEdit, &QLineEdit::editingFinished, this, [this] { checkEmail(true); });
    connect(m_emailEdit, &QLineEdit::textEdited, this, [this] { checkEmail(m_emailProblem->isVisible()); });
    checkPhone(false);
}

CustomerDialog::~CustomerDialog() = default;

void CustomerDialog::setCustomer(const Customer &customer)
{
    m_customer = customer;
    setWindowTitle(tr("Edit customer"));
    m_nameEdit->setText(customer.name);
    m_phoneEdit->setText(customer.phoneRaw.isEmpty() ? customer.phoneE164 : customer.phoneRaw);
    m_emailEdit->setText(customer.email);
    m_notes->setPlainText(customer.notes);
    int staff = m_staff->findData(customer.assignedStaff);
    if (staff < 0) {
        // Assigned to someone no longer in the routing plan: kept as it is unless changed here.
        m_staff->addItem(
            tr("%1 (not in the routing plan)").arg(customer.assignedStaff), customer.assignedStaff);
        staff = m_staff->count() - 1;
    }
    m_staff->setCurrentIndex(staff);
    checkPhone(false);
}

Customer CustomerDialog::customer() const
{
    Customer customer = m_customer;
    customer.name = m_nameEdit->text().trimmed();
    customer.phoneRaw = m_phoneEdit->text().trimmed();
    customer.phoneE164
        = customer.phoneRaw.isEmpty() ? QString() : m_phone->toE164(customer.phoneRaw).value_or(QString());
    customer.email = m_emailEdit->text().trimmed();
    customer.notes = m_notes->toPlainText().trimmed();
    customer.assignedStaff = m_staff->currentData().toString();
    return customer;
}

void CustomerDialog::mark(QLineEdit *field, QLabel *problem, const QString &text)
{
    field->setStyleSheet(text.isEmpty() ? QString() : StatusColours::frameStyle(StatusColours::Status::Bad, u"QLineEdit"_s));
    field->setToolTip(text);
    problem->setText(text);
    problem->setVisible(!text.isEmpty());
}

bool CustomerDialog::checkName(bool show)
{
    // The rules live in CustomerCheck, so that an import checks exactly what this dialog checks.
    const QString problem = CustomerCheck::nameProblem(m_nameEdit->text());
    const bool ok = problem.isEmpty();
    if (show || ok)
        mark(m_nameEdit, m_nameProblem, problem);
    return ok;
}

bool CustomerDialog::checkPhone(bool show)
{
    const QString written = m_phoneEdit->text().trimmed();
    QString e164;
    const QString error = CustomerCheck(*m_phone).phoneProblem(written, &e164);
    const bool ok = error.isEmpty();
    if (show || ok)
        mark(m_phoneEdit, m_phoneProblem, error);
    // Says what callers will be matched on, so that a number read in the wrong country shows.
    if (!e164.isEmpty())
        m_phoneNote->setText(tr("Calls from %1 will be recognised as this customer.").arg(e164));
    else if (written.isEmpty())
        m_phoneNote->setText(tr("Without a number, calls from this customer are not recognised."));
    else
        m_phoneNote->clear();
    m_phoneNote->setVisible(!m_phoneNote->text().isEmpty());
    return ok;
}

bool CustomerDialog::checkEmail(bool show)
{
    const QString problem = CustomerCheck::emailProblem(m_emailEdit->text());
    const bool ok = problem.isEmpty();
    if (show || ok)
        mark(m_emailEdit, m_emailProblem, problem);
    return ok;
}

bool CustomerDialog::validate()
{
    // Every field, not just the first at fault, so that one Save shows everything to fix.
    const bool name = checkName(true);
    const bool phone = checkPhone(true);
    const bool email = checkEmail(true);
    if (!name)
        m_nameEdit->setFocus();
    else if (!phone)
        m_phoneEdit->setFocus();
    else if (!email)
        m_emailEdit->setFocus();
    return name && phone && email;
}

QString CustomerDialog::phoneProblem() const
{
    return m_phoneProblem->text();
}

QString CustomerDialog::nameProblem() const
{
    return m_nameProblem->text();
}

QString CustomerDialog::emailProblem() const
{
    return m_emailProblem->text();
}

void CustomerDialog::accept()
{
    m_saveProblem->hide();
    if (!validate())
        return;
    QString error;
    if (m_saver && !m_saver(customer(), &error)) {
        m_saveProblem->setText(tr("The customer was not saved: %1").arg(error));
        m_saveProblem->show();
        return;
    }
    QDialog::accept();
}
